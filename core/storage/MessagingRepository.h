#pragma once

#include "domain/Messaging.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <optional>

namespace sb {

class SqlContext;

// Conversations, messages and calls of schema 3 (one conversation per lead and channel). Every
// change raises its catalog event (message.created / message.updated, call.*, recording.*) through
// the context, so the UI and the outbound dispatcher see it after the commit.
struct NewMessage
{
    qint64 leadId = 0;
    Channel channel = Channel::Sms;
    Direction direction = Direction::Inbound;
    QString provider;
    QString providerMessageId;
    QString from;
    QString to;
    QString subject;
    QString body;
    MessageStatus status = MessageStatus::Received;
    QJsonArray attachments; // metadata only: filename, contentType, size
    QString recordId; // the inbound request that carried it
    QJsonObject metadata; // campaignId etc., copied into the event payload
};

struct MessageStatusUpdate
{
    QString provider;
    QString providerMessageId;
    // One email Message-Id goes to several recipients: Mailgun's events name the one they are about.
    QString recipient;
    std::optional<MessageStatus> status; // Twilio MessageStatus or a mapped Mailgun event; none = event only
    QString event; // what happened (delivered, opened, ...), stored in message_events; default: the status
    QString errorCode;
    QString errorMessage;
    QJsonObject detail; // the provider's fields, for message_events and the payload
    QString recordId;
    // Used when the message is not known yet (sent outside Switchboard): it is created then.
    std::optional<NewMessage> ifUnknown;
};

struct CallUpdate
{
    QString provider;
    QString callRef;
    std::optional<qint64> leadId;
    QString direction; // as the provider says it (inbound, outbound-api, ...)
    QString from;
    QString to;
    std::optional<CallStatus> status; // none = details only
    std::optional<qint64> durationSeconds;
    QString recordingSid;
    QString recordingUrl;
    std::optional<qint64> recordingDurationSeconds;
    QString transcript;
    QString summary;
    QString recordId;
    QJsonObject metadata;
    // Why the call ended (ElevenLabs' termination reason, ...); without it an ended call's reason is
    // its status (busy, no-answer, ...). A later explicit reason replaces an earlier one.
    QString endReason;
    // When the provider says it happened (ms); started_at keeps the earliest, ended_at the latest.
    std::optional<qint64> occurredAtMs;
};

class MessagingRepository
{
public:
    static qint64 conversationFor(SqlContext &context, qint64 leadId, Channel channel);
    // Inserts, updates the conversation row and raises message.created; returns the message JSON.
    static QJsonObject addMessage(SqlContext &context, const NewMessage &message);
    static std::optional<Message> message(SqlContext &context, qint64 id);
    // Forward-only status (queued < sending < sent < delivered < read; failed / undelivered /
    // canceled final): a late `sent` never overwrites `delivered`. Raises message.updated when
    // anything changed or an event was recorded. Returns false when the message is unknown and
    // `ifUnknown` was not given.
    static bool updateMessageStatus(SqlContext &context, const MessageStatusUpdate &update);

    // Creates or advances a call (forward-only status); raises call.created on first sight, then
    // call.ringing / call.answered / call.completed as the status reaches them, recording.started /
    // recording.completed for recordings. Returns the call JSON.
    static QJsonObject upsertCall(SqlContext &context, const CallUpdate &update);

    // The last `limit` messages and calls of a lead, oldest first, as "direction channel: text" lines
    // (ElevenLabs conversation initiation: the agent starts with context).
    static QString recentHistory(SqlContext &context, qint64 leadId, int limit = 10);
};

} // namespace sb
