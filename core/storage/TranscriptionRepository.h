#pragma once

#include "domain/Transcription.h"

#include <QJsonValue>
#include <optional>

class QSqlQuery;

namespace sb {

class SqlContext;

// The `transcriptions` table (migration 22): which kept recordings are to be transcribed, how it went,
// and the transcript written to the call. Changes run on the writer, reads on either.
class TranscriptionRepository
{
public:
    // Queues every stored recording whose call has no transcript and that has no transcription yet,
    // due now. Returns how many were queued.
    static int enqueueMissing(SqlContext &context);
    // POST /api/recordings/{id}/transcribe: (re)queued now with its attempts reset. Returns the row id.
    static qint64 request(SqlContext &context, qint64 recordingId, qint64 callId);
    // The next queued row due by `nowMs`, or a running one a stop interrupted.
    static std::optional<Transcription> due(SqlContext &context, qint64 nowMs);
    static std::optional<Transcription> find(SqlContext &context, qint64 id);
    static std::optional<Transcription> ofRecording(SqlContext &context, qint64 recordingId);
    static std::optional<Transcription> ofCall(SqlContext &context, qint64 callId);

    static void markRunning(SqlContext &context, qint64 id, const QString &model);
    // Done: the text is kept and becomes the call's transcript — unless the call got one from the
    // provider meanwhile and this run was not asked for on the API. True when the call's transcript
    // was set.
    static bool markDone(SqlContext &context, qint64 id, const QString &text, const QString &model);
    static void markRetry(SqlContext &context, qint64 id, qint64 nextAttemptAt, const QString &error);
    static void markEnded(SqlContext &context, qint64 id, TranscriptionState state, const QString &error);

    // "provider" or "transcription" for a call with a transcript; nullopt without one.
    static std::optional<TranscriptSource> sourceOfCall(SqlContext &context, qint64 callId);
    // The call JSON's "recording": {"id", "state", "bytes", "durationSeconds", "audioUrl",
    // "transcription"} or null when the call has no recording row.
    static QJsonValue recordingOfCall(SqlContext &context, qint64 callId);

private:
    static Transcription fromRow(const QSqlQuery &query);
    static std::optional<Transcription> one(
        SqlContext &context, const QString &where, const QVariantList &values);
};

} // namespace sb
