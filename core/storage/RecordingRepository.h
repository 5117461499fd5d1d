#pragma once

#include "domain/Recording.h"

#include <QList>
#include <optional>

class QSqlQuery;

namespace sb {

class SqlContext;

// Disk use of the kept recordings: the bytes of the stored files and how many there are.
struct RecordingUsage
{
    qint64 bytes = 0;
    int files = 0;
};

// The `recordings` table (migration 20): the download queue of call recordings and what was kept.
// Runs on the writer (changes) or the reader (reads).
class RecordingRepository
{
public:
    static constexpr int defaultRetentionDays = 90;
    static constexpr int maxRetentionDays = 3650;

    // Queues the recording at `sourceUrl` of call `callId`, due now, in the caller's transaction (the
    // one that stores the URL). A call's row is reused: a new URL starts it over. Returns its id.
    static qint64 enqueue(SqlContext &context, qint64 callId, const QString &provider,
        const QString &sourceUrl, std::optional<qint64> durationSeconds);
    // A recording that arrived with its audio (ElevenLabs post_call_audio): stored at once.
    static qint64 storeDirect(SqlContext &context, qint64 callId, const QString &provider,
        const QString &filePath, const QString &contentType, qint64 bytes);
    // ElevenLabs post_call_audio: decodes `base64Audio` (MP3) of conversation `conversationId` into
    // <data dir>/recordings/<call id>.mp3 and stores it for the conversation's call (made if unknown).
    // Returns the recording's id, 0 when the audio is empty or not base64.
    static qint64 keepElevenLabsAudio(SqlContext &context, const QString &conversationId,
        const QString &base64Audio, const QString &recordId);
    // <data dir>/recordings: beside the database file.
    static QString directoryOf(SqlContext &context);
    static std::optional<Recording> find(SqlContext &context, qint64 id);
    // Queued rows due by `nowMs`, and downloading ones (an attempt a stop interrupted), oldest first.
    static QList<Recording> due(SqlContext &context, qint64 nowMs, int limit);
    // The next due time among queued rows, if any.
    static std::optional<qint64> nextDue(SqlContext &context);
    static void markDownloading(SqlContext &context, qint64 id, const QString &filePath);
    static void markStored(SqlContext &context, qint64 id, const QString &contentType, qint64 bytes);
    // Back to queued for `nextAttemptAt`, with what went wrong and the bytes kept so far.
    static void markRetry(SqlContext &context, qint64 id, qint64 nextAttemptAt, const QString &error,
        std::optional<qint64> bytesExpected, qint64 bytesStored);
    static void markEnded(SqlContext &context, qint64 id, RecordingState state, const QString &error);
    // POST /api/recordings/{id}/retry: queued again now, attempts reset. False when it is stored.
    static bool retry(SqlContext &context, qint64 id);

    static int retentionDays(SqlContext &context);
    static void setRetentionDays(SqlContext &context, int days);
    static RecordingUsage usage(SqlContext &context);
    // Stored recordings whose file was stored before `cutoffMs`.
    static QList<Recording> storedBefore(SqlContext &context, qint64 cutoffMs, int limit);
    static void markPruned(SqlContext &context, qint64 id);

    // {"id", "state", "url"} of call `callId`'s recording, or null (the call JSON's "recording").
    static QJsonValue summaryOfCall(SqlContext &context, qint64 callId);

    static QString selectSql();
    static Recording fromRow(const QSqlQuery &query);
};

} // namespace sb
