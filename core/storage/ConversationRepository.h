#pragma once

#include "domain/Handover.h"
#include "domain/Messaging.h"
#include "domain/Recording.h"
#include "domain/Transcription.h"

#include <QList>
#include <QString>
#include <optional>
#include <vector>

namespace sb {

class SqlContext;

// One thread of the list: a lead and a channel (sms | email | voice).
struct ConversationRow
{
    qint64 id = 0;
    qint64 leadId = 0;
    Channel channel = Channel::Sms;
    qint64 lastMessageAtMs = 0; // last activity: the last message, else the thread's creation
    QString preview;
    std::optional<Direction> lastDirection;
    int unread = 0;
    int messageCount = 0;
    QString leadName;
    QString leadAddress; // phone or email, shown when the lead has no name
};

// A message or a call in a thread, oldest first.
struct ThreadEntry
{
    enum class Kind
    {
        Message,
        Call
    };
    Kind kind = Kind::Message;
    qint64 id = 0;
    qint64 atMs = 0;
    Direction direction = Direction::Inbound;
    MessageStatus messageStatus = MessageStatus::Received; // Kind::Message
    CallStatus callStatus = CallStatus::Queued; // Kind::Call
    QString from;
    QString to;
    QString subject; // email
    QString body; // message body, or the call's summary/transcript
    QString error;
    QString provider;
    int durationSeconds = -1;
    QString recordingUrl;
    // The AI analysis of the call or long email (ai_analyses), when there is one that succeeded.
    std::optional<Sentiment> sentiment;
    QStringList actionItems;
    qint64 analysisId = 0; // ai_analyses.id (its action items are accepted as tasks by it)
    // Kind::Call: the kept recording (recordingId 0 without one), its local file when stored, why it
    // failed or was refused; the transcription of it; the call's transcript.
    qint64 recordingId = 0;
    std::optional<RecordingState> recordingState;
    QString recordingFile;
    QString recordingError;
    std::optional<TranscriptionState> transcriptionState;
    QString transcriptionError;
    QString transcript;
};

// Conversation threads as the console lists them: reads run on the reader thread, markRead on the
// writer. Throw SqlError.
class ConversationRepository
{
public:
    // Up to `limit` threads after (`afterAt`, `afterId`) by last activity, newest first; the first
    // page when afterId is 0.
    static std::vector<ConversationRow> page(SqlContext &sql, qint64 afterAt, qint64 afterId, int limit);
    static std::vector<ConversationRow> byIds(SqlContext &sql, const QList<qint64> &ids);
    // The newest `limit` messages and calls of a thread, returned oldest first.
    static std::vector<ThreadEntry> thread(SqlContext &sql, qint64 conversationId, int limit);
    // The thread's messages count as read (its unread count goes to 0).
    static void markRead(SqlContext &sql, qint64 conversationId);
};

} // namespace sb
