#include "TranscriptionRepository.h"

#include "RecordingRepository.h"
#include "SqlWorker.h"
#include "domain/Handover.h"

#include <QJsonObject>
#include <QSqlQuery>
#include <QVariant>

namespace sb {

namespace {

QString name(TranscriptionState state)
{
    return transcriptionStateName(state);
}

QVariant textOrNull(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(text);
}

const QString columns = QStringLiteral("SELECT id, recording_id, call_id, state, attempts, next_attempt_at, "
                                       "model, text, last_error, created_at, updated_at, completed_at "
                                       "FROM transcriptions");

} // namespace

Transcription TranscriptionRepository::fromRow(const QSqlQuery &query)
{
    Transcription t;
    t.id = query.value(0).toLongLong();
    t.recordingId = query.value(1).toLongLong();
    t.callId = query.value(2).toLongLong();
    t.state = transcriptionStateFromName(query.value(3).toString()).value_or(TranscriptionState::Failed);
    t.attempts = query.value(4).toInt();
    t.nextAttemptAt = query.value(5).toLongLong();
    t.model = query.value(6).toString();
    t.text = query.value(7).toString();
    t.lastError = query.value(8).toString();
    t.createdAt = query.value(9).toLongLong();
    t.updatedAt = query.value(10).toLongLong();
    if (!query.value(11).isNull())
        t.completedAt = query.value(11).toLongLong();
    return t;
}

std::optional<Transcription> TranscriptionRepository::one(
    SqlContext &context, const QString &where, const QVariantList &values)
{
    auto &query = context.run(columns + QStringLiteral(" WHERE ") + where, values);
    std::optional<Transcription> found;
    if (query.next())
        found = fromRow(query);
    query.finish();
    return found;
}

int TranscriptionRepository::enqueueMissing(SqlContext &context)
{
    const auto now = context.nowMs();
    auto &query = context.run(
        QStringLiteral(
            "INSERT INTO transcriptions(recording_id, call_id, state, attempts, next_attempt_at, "
            "created_at, updated_at) "
            "SELECT r.id, r.call_id, ?, 0, ?, ?, ? FROM recordings r JOIN calls c ON c.id = r.call_id "
            "WHERE r.state = ? AND (c.transcript IS NULL OR TRIM(c.transcript) = '') "
            "AND NOT EXISTS (SELECT 1 FROM transcriptions t WHERE t.recording_id = r.id)"),
        {name(TranscriptionState::Queued), now, now, now, recordingStateName(RecordingState::Stored)});
    const int added = query.numRowsAffected();
    query.finish();
    return std::max(0, added);
}

qint64 TranscriptionRepository::request(SqlContext &context, qint64 recordingId, qint64 callId)
{
    const auto now = context.nowMs();
    context.write(
        QStringLiteral(
            "INSERT INTO transcriptions(recording_id, call_id, state, attempts, "
            "next_attempt_at, replace_transcript, created_at, updated_at) VALUES(?, ?, ?, 0, ?, 1, ?, ?) "
            "ON CONFLICT(recording_id) DO UPDATE SET state = excluded.state, attempts = 0, "
            "replace_transcript = 1, "
            "next_attempt_at = excluded.next_attempt_at, last_error = NULL, "
            "updated_at = excluded.updated_at"),
        {recordingId, callId, name(TranscriptionState::Queued), now, now, now});
    const auto row = ofRecording(context, recordingId);
    return row ? row->id : 0;
}

std::optional<Transcription> TranscriptionRepository::due(SqlContext &context, qint64 nowMs)
{
    return one(context,
        QStringLiteral(
            "(state = ? AND next_attempt_at <= ?) OR state = ? ORDER BY next_attempt_at, id LIMIT 1"),
        {name(TranscriptionState::Queued), nowMs, name(TranscriptionState::Running)});
}

std::optional<Transcription> TranscriptionRepository::find(SqlContext &context, qint64 id)
{
    return one(context, QStringLiteral("id = ?"), {id});
}

std::optional<Transcription> TranscriptionRepository::ofRecording(SqlContext &context, qint64 recordingId)
{
    return one(context, QStringLiteral("recording_id = ?"), {recordingId});
}

std::optional<Transcription> TranscriptionRepository::ofCall(SqlContext &context, qint64 callId)
{
    return one(context, QStringLiteral("call_id = ? ORDER BY id DESC LIMIT 1"), {callId});
}

void TranscriptionRepository::markRunning(SqlContext &context, qint64 id, const QString &model)
{
    context.write(QStringLiteral("UPDATE transcriptions SET state = ?, model = ?, attempts = attempts + 1, "
                                 "updated_at = ? WHERE id = ?"),
        {name(TranscriptionState::Running), textOrNull(model), context.nowMs(), id});
}

bool TranscriptionRepository::markDone(
    SqlContext &context, qint64 id, const QString &text, const QString &model)
{
    const auto now = context.nowMs();
    auto &query
        = context.run(QStringLiteral("SELECT c.id, COALESCE(c.transcript, ''), t.replace_transcript "
                                     "FROM transcriptions t JOIN calls c ON c.id = t.call_id WHERE t.id = ?"),
            {id});
    qint64 callId = 0;
    QString current;
    bool replace = false;
    if (query.next()) {
        callId = query.value(0).toLongLong();
        current = query.value(1).toString().trimmed();
        replace = query.value(2).toInt() != 0;
    }
    query.finish();
    context.write(
        QStringLiteral("UPDATE transcriptions SET state = ?, text = ?, model = ?, last_error = NULL, "
                       "replace_transcript = 0, completed_at = ?, updated_at = ? WHERE id = ?"),
        {name(TranscriptionState::Done), text, textOrNull(model), now, now, id});
    // A transcript the provider delivered meanwhile is kept, unless this one was asked for.
    if (callId == 0 || (!current.isEmpty() && !replace) || text.trimmed().isEmpty())
        return false;
    if (!current.isEmpty() && current != text.trimmed()) {
        // The analysis of the old text is stale: it is made again from this one.
        context.write(QStringLiteral("DELETE FROM ai_analyses WHERE subject_kind = ? AND subject_id = ?"),
            {analysisSubjectName(AnalysisSubject::Call), callId});
    }
    context.write(
        QStringLiteral("UPDATE calls SET transcript = ?, updated_at = ? WHERE id = ?"), {text, now, callId});
    return true;
}

void TranscriptionRepository::markRetry(
    SqlContext &context, qint64 id, qint64 nextAttemptAt, const QString &error)
{
    context.write(QStringLiteral("UPDATE transcriptions SET state = ?, next_attempt_at = ?, last_error = ?, "
                                 "updated_at = ? WHERE id = ?"),
        {name(TranscriptionState::Queued), nextAttemptAt, textOrNull(error), context.nowMs(), id});
}

void TranscriptionRepository::markEnded(
    SqlContext &context, qint64 id, TranscriptionState state, const QString &error)
{
    context.write(
        QStringLiteral("UPDATE transcriptions SET state = ?, last_error = ?, updated_at = ? WHERE id = ?"),
        {name(state), textOrNull(error), context.nowMs(), id});
}

std::optional<TranscriptSource> TranscriptionRepository::sourceOfCall(SqlContext &context, qint64 callId)
{
    auto &query = context.run(
        QStringLiteral(
            "SELECT COALESCE(c.transcript, ''), EXISTS (SELECT 1 FROM transcriptions t WHERE "
            "t.call_id = c.id AND t.state = ? AND t.text = c.transcript) FROM calls c WHERE c.id = ?"),
        {name(TranscriptionState::Done), callId});
    std::optional<TranscriptSource> source;
    if (query.next() && !query.value(0).toString().trimmed().isEmpty())
        source = query.value(1).toInt() != 0 ? TranscriptSource::Transcription : TranscriptSource::Provider;
    query.finish();
    return source;
}

QJsonValue TranscriptionRepository::recordingOfCall(SqlContext &context, qint64 callId)
{
    auto &query = context.run(QStringLiteral("SELECT id FROM recordings WHERE call_id = ?"), {callId});
    const qint64 id = query.next() ? query.value(0).toLongLong() : 0;
    query.finish();
    const auto recording = id ? RecordingRepository::find(context, id) : std::nullopt;
    if (!recording)
        return QJsonValue();
    const bool stored = recording->state == RecordingState::Stored;
    QJsonObject json {{QStringLiteral("id"), recording->id},
        {QStringLiteral("state"), recordingStateName(recording->state)},
        {QStringLiteral("bytes"), stored ? QJsonValue(recording->bytesStored) : QJsonValue()},
        {QStringLiteral("durationSeconds"),
            recording->durationSeconds ? QJsonValue(*recording->durationSeconds) : QJsonValue()},
        {QStringLiteral("audioUrl"),
            stored ? QJsonValue(QStringLiteral("/api/recordings/%1/audio").arg(recording->id))
                   : QJsonValue()},
        {QStringLiteral("error"),
            recording->lastError.isEmpty() ? QJsonValue() : QJsonValue(recording->lastError)}};
    const auto transcription = ofRecording(context, recording->id);
    json.insert(
        QStringLiteral("transcription"), transcription ? QJsonValue(transcription->toJson()) : QJsonValue());
    return json;
}

} // namespace sb
