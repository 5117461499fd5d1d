#pragma once

#include <QJsonArray>
#include <QList>
#include <QString>
#include <QStringView>
#include <optional>

namespace sb {

// The channel of a conversation and of its messages. Push and chat messages have no lead thread of
// their own yet; they are sent through the outbox like the others.
enum class Channel
{
    Sms,
    Email,
    Voice,
    Push,
    Chat
};
// "sms", "email", "voice", "push", "chat"
QString channelName(Channel channel);
std::optional<Channel> channelFromName(QStringView name);
QList<Channel> allChannels();

enum class Direction
{
    Inbound,
    Outbound
};
// "inbound", "outbound"
QString directionName(Direction direction);
std::optional<Direction> directionFromName(QStringView name);
// Twilio's call directions ("outbound-api", "outbound-dial") are outbound too.
Direction directionOfCall(QStringView providerDirection);

// Where a message stands, Twilio's message statuses
// (https://www.twilio.com/docs/messaging/api/message-resource#message-status-values) plus `unknown`:
// the provider may have taken a message whose answer was lost, so it is never sent again blindly.
enum class MessageStatus
{
    Accepted,
    Scheduled,
    Receiving,
    Received,
    Queued,
    Sending,
    Sent,
    Delivered,
    Read,
    Failed,
    Undelivered,
    Canceled,
    Unknown
};
QString messageStatusName(MessageStatus status);
std::optional<MessageStatus> messageStatusFromName(QStringView name);
// Statuses only move forward: queued < sending < sent < delivered < read; failed, undelivered and
// canceled are final (rank 6), so a late `sent` never overwrites `delivered`.
int messageStatusRank(MessageStatus status);
bool isFinalMessageStatus(MessageStatus status);
// Failed or undelivered: the message did not reach the recipient (canceled is not a failure).
bool isFailedMessageStatus(MessageStatus status);

// Twilio's CallStatus values (https://www.twilio.com/docs/voice/api/call-resource#call-status-values),
// with `created` and `answered` as other providers name two of them.
enum class CallStatus
{
    Queued,
    Created,
    Initiated,
    Ringing,
    InProgress,
    Answered,
    Completed,
    Busy,
    NoAnswer,
    Failed,
    Canceled
};
QString callStatusName(CallStatus status);
std::optional<CallStatus> callStatusFromName(QStringView name);
// queued/created 0 < initiated 1 < ringing 2 < in-progress/answered 3 < ended 4.
int callStatusRank(CallStatus status);
bool isCallEnded(CallStatus status);

// One SMS or email of a thread (table `messages`).
struct Message
{
    qint64 id = 0;
    qint64 conversationId = 0;
    qint64 leadId = 0;
    Direction direction = Direction::Inbound;
    Channel channel = Channel::Sms;
    QString provider;
    QString providerMessageId;
    QString from;
    QString to;
    QString subject;
    QString body;
    MessageStatus status = MessageStatus::Received;
    QString errorCode;
    QString errorMessage;
    QJsonArray attachments;
    QString inboundRequestId;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
};

// One thread: a lead and a channel (table `conversations`).
struct Conversation
{
    qint64 id = 0;
    qint64 leadId = 0;
    Channel channel = Channel::Sms;
    qint64 lastMessageAt = 0;
    QString lastMessagePreview;
    std::optional<Direction> lastDirection;
    int unreadCount = 0;
    int messageCount = 0;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
};

// One phone call (table `calls`).
struct Call
{
    qint64 id = 0;
    qint64 conversationId = 0;
    std::optional<qint64> leadId;
    QString provider;
    QString callRef;
    QString providerDirection; // as the provider said it ("outbound-api", ...)
    QString from;
    QString to;
    CallStatus status = CallStatus::Queued;
    std::optional<qint64> durationSeconds;
    QString recordingSid;
    QString recordingUrl;
    std::optional<qint64> recordingDurationSeconds;
    QString transcript;
    QString summary;
    qint64 startedAt = 0;
    qint64 endedAt = 0;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;

    Direction direction() const { return directionOfCall(providerDirection); }
};

} // namespace sb
