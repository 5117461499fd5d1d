#include "RecordingRepository.h"

#include "MessagingRepository.h"
#include "SqlWorker.h"
#include "StoredSettings.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>
#include <QVariant>

namespace sb {

namespace {

const QString retentionKey = QStringLiteral("recordings.retention_days");

QVariant optionalNumber(std::optional<qint64> value)
{
    return value ? QVariant(*value) : QVariant(QMetaType(QMetaType::LongLong));
}

QVariant textOrNull(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(text);
}

std::optional<qint64> optionalOf(const QVariant &value)
{
    if (value.isNull())
        return std::nullopt;
    return value.toLongLong();
}

QString name(RecordingState state)
{
    return recordingStateName(state);
}

} // namespace

QString RecordingRepository::selectSql()
{
    return QStringLiteral(
        "SELECT id, call_id, provider, source_url, file_path, content_type, bytes_expected, bytes_stored, "
        "duration_seconds, state, attempts, next_attempt_at, last_error, created_at, updated_at, stored_at "
        "FROM recordings");
}

Recording RecordingRepository::fromRow(const QSqlQuery &query)
{
    Recording r;
    r.id = query.value(0).toLongLong();
    r.callId = query.value(1).toLongLong();
    r.provider = query.value(2).toString();
    r.sourceUrl = query.value(3).toString();
    r.filePath = query.value(4).toString();
    r.contentType = query.value(5).toString();
    r.bytesExpected = optionalOf(query.value(6));
    r.bytesStored = query.value(7).toLongLong();
    if (!query.value(8).isNull())
        r.durationSeconds = query.value(8).toInt();
    r.state = recordingStateFromName(query.value(9).toString()).value_or(RecordingState::Failed);
    r.attempts = query.value(10).toInt();
    r.nextAttemptAt = query.value(11).toLongLong();
    r.lastError = query.value(12).toString();
    r.createdAt = query.value(13).toLongLong();
    r.updatedAt = query.value(14).toLongLong();
    r.storedAt = optionalOf(query.value(15));
    return r;
}

qint64 RecordingRepository::enqueue(SqlContext &context, qint64 callId, const QString &provider,
    const QString &sourceUrl, std::optional<qint64> durationSeconds)
{
    const auto now = context.nowMs();
    context.write(
        QStringLiteral(
            "INSERT INTO recordings(call_id, provider, source_url, duration_seconds, state, attempts, "
            "next_attempt_at, bytes_stored, created_at, updated_at) VALUES(?,?,?,?,?,0,?,0,?,?) "
            "ON CONFLICT(call_id) DO UPDATE SET provider = excluded.provider, source_url = "
            "excluded.source_url, "
            "duration_seconds = COALESCE(excluded.duration_seconds, duration_seconds), state = "
            "excluded.state, "
            "attempts = 0, next_attempt_at = excluded.next_attempt_at, bytes_stored = 0, bytes_expected = "
            "NULL, "
            "last_error = NULL, stored_at = NULL, updated_at = excluded.updated_at "
            "WHERE source_url IS NOT excluded.source_url"),
        {callId, provider, sourceUrl, optionalNumber(durationSeconds), name(RecordingState::Queued), now, now,
            now});
    auto &query = context.run(QStringLiteral("SELECT id FROM recordings WHERE call_id = ?"), {callId});
    const qint64 id = query.next() ? query.value(0).toLongLong() : 0;
    query.finish();
    return id;
}

qint64 RecordingRepository::storeDirect(SqlContext &context, qint64 callId, const QString &provider,
    const QString &filePath, const QString &contentType, qint64 bytes)
{
    const auto now = context.nowMs();
    context.write(
        QStringLiteral("INSERT INTO recordings(call_id, provider, file_path, content_type, bytes_expected, "
                       "bytes_stored, state, attempts, next_attempt_at, created_at, updated_at, stored_at) "
                       "VALUES(?,?,?,?,?,?,?,1,?,?,?,?) ON CONFLICT(call_id) DO UPDATE SET "
                       "provider = excluded.provider, file_path = excluded.file_path, "
                       "content_type = excluded.content_type, bytes_expected = excluded.bytes_expected, "
                       "bytes_stored = excluded.bytes_stored, state = excluded.state, last_error = NULL, "
                       "updated_at = excluded.updated_at, stored_at = excluded.stored_at"),
        {callId, provider, filePath, contentType, bytes, bytes, name(RecordingState::Stored), now, now, now,
            now});
    auto &query = context.run(QStringLiteral("SELECT id FROM recordings WHERE call_id = ?"), {callId});
    const qint64 id = query.next() ? query.value(0).toLongLong() : 0;
    query.finish();
    return id;
}

QString RecordingRepository::directoryOf(SqlContext &context)
{
    return QFileInfo(context.db().databaseName()).absoluteDir().filePath(QStringLiteral("recordings"));
}

qint64 RecordingRepository::keepElevenLabsAudio(
    SqlContext &context, const QString &conversationId, const QString &base64Audio, const QString &recordId)
{
    const auto decoded
        = QByteArray::fromBase64Encoding(base64Audio.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.isEmpty())
        return 0;
    const QString provider = QStringLiteral("elevenlabs");
    auto &known = context.run(QStringLiteral("SELECT id FROM calls WHERE call_ref = ? ORDER BY "
                                             "CASE WHEN provider = ? THEN 0 ELSE 1 END, id LIMIT 1"),
        {conversationId, provider});
    qint64 callId = known.next() ? known.value(0).toLongLong() : 0;
    known.finish();
    if (callId == 0) {
        CallUpdate update;
        update.provider = provider;
        update.callRef = conversationId;
        update.status = CallStatus::Completed;
        update.recordId = recordId;
        callId = MessagingRepository::upsertCall(context, update).value(QStringLiteral("id")).toInteger();
    }
    if (callId == 0)
        return 0;
    const QDir directory(directoryOf(context));
    directory.mkpath(QStringLiteral("."));
    const auto path = directory.filePath(QStringLiteral("%1.mp3").arg(callId));
    QFile file(path + QStringLiteral(".part"));
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        || file.write(decoded.decoded) != decoded.decoded.size())
        throw SqlError(QStringLiteral("cannot write the recording of call %1 to %2").arg(callId).arg(path));
    file.close();
    QFile::remove(path);
    if (!QFile::rename(file.fileName(), path))
        throw SqlError(QStringLiteral("cannot write the recording of call %1 to %2").arg(callId).arg(path));
    return storeDirect(
        context, callId, provider, path, recordingContentType(QStringLiteral("mp3")), decoded.decoded.size());
}

std::optional<Recording> RecordingRepository::find(SqlContext &context, qint64 id)
{
    auto &query = context.run(selectSql() + QStringLiteral(" WHERE id = ?"), {id});
    std::optional<Recording> found;
    if (query.next())
        found = fromRow(query);
    query.finish();
    return found;
}

QList<Recording> RecordingRepository::due(SqlContext &context, qint64 nowMs, int limit)
{
    auto &query = context.run(selectSql()
            + QStringLiteral(" WHERE (state = ? AND next_attempt_at <= ?) OR state = ? "
                             "ORDER BY next_attempt_at, id LIMIT ?"),
        {name(RecordingState::Queued), nowMs, name(RecordingState::Downloading), limit});
    QList<Recording> rows;
    while (query.next())
        rows.append(fromRow(query));
    query.finish();
    return rows;
}

std::optional<qint64> RecordingRepository::nextDue(SqlContext &context)
{
    auto &query = context.run(QStringLiteral("SELECT MIN(next_attempt_at) FROM recordings WHERE state = ?"),
        {name(RecordingState::Queued)});
    std::optional<qint64> next;
    if (query.next() && !query.value(0).isNull())
        next = query.value(0).toLongLong();
    query.finish();
    return next;
}

void RecordingRepository::markDownloading(SqlContext &context, qint64 id, const QString &filePath)
{
    context.write(QStringLiteral("UPDATE recordings SET state = ?, file_path = ?, attempts = attempts + 1, "
                                 "updated_at = ? WHERE id = ?"),
        {name(RecordingState::Downloading), filePath, context.nowMs(), id});
}

void RecordingRepository::markStored(SqlContext &context, qint64 id, const QString &contentType, qint64 bytes)
{
    const auto now = context.nowMs();
    context.write(QStringLiteral("UPDATE recordings SET state = ?, content_type = ?, bytes_stored = ?, "
                                 "bytes_expected = COALESCE(bytes_expected, ?), last_error = NULL, "
                                 "stored_at = ?, updated_at = ? WHERE id = ?"),
        {name(RecordingState::Stored), contentType, bytes, bytes, now, now, id});
}

void RecordingRepository::markRetry(SqlContext &context, qint64 id, qint64 nextAttemptAt,
    const QString &error, std::optional<qint64> bytesExpected, qint64 bytesStored)
{
    context.write(QStringLiteral("UPDATE recordings SET state = ?, next_attempt_at = ?, last_error = ?, "
                                 "bytes_expected = COALESCE(?, bytes_expected), bytes_stored = ?, "
                                 "updated_at = ? WHERE id = ?"),
        {name(RecordingState::Queued), nextAttemptAt, textOrNull(error), optionalNumber(bytesExpected),
            bytesStored, context.nowMs(), id});
}

void RecordingRepository::markEnded(
    SqlContext &context, qint64 id, RecordingState state, const QString &error)
{
    context.write(
        QStringLiteral("UPDATE recordings SET state = ?, last_error = ?, updated_at = ? WHERE id = ?"),
        {name(state), textOrNull(error), context.nowMs(), id});
}

bool RecordingRepository::retry(SqlContext &context, qint64 id)
{
    const auto now = context.nowMs();
    auto &query
        = context.run(QStringLiteral("UPDATE recordings SET state = ?, attempts = 0, next_attempt_at = ?, "
                                     "last_error = NULL, updated_at = ? WHERE id = ? AND state <> ? "
                                     "AND source_url IS NOT NULL"),
            {name(RecordingState::Queued), now, now, id, name(RecordingState::Stored)});
    const bool changed = query.numRowsAffected() > 0;
    query.finish();
    return changed;
}

int RecordingRepository::retentionDays(SqlContext &context)
{
    bool ok = false;
    const int stored = StoredSettings::value(context, retentionKey).value_or(QString()).toInt(&ok);
    return ok && stored >= 0 && stored <= maxRetentionDays ? stored : defaultRetentionDays;
}

void RecordingRepository::setRetentionDays(SqlContext &context, int days)
{
    StoredSettings::put(context, retentionKey, QString::number(days));
}

RecordingUsage RecordingRepository::usage(SqlContext &context)
{
    auto &query = context.run(
        QStringLiteral("SELECT COALESCE(SUM(bytes_stored), 0), COUNT(*) FROM recordings WHERE state = ?"),
        {name(RecordingState::Stored)});
    RecordingUsage usage;
    if (query.next()) {
        usage.bytes = query.value(0).toLongLong();
        usage.files = query.value(1).toInt();
    }
    query.finish();
    return usage;
}

QList<Recording> RecordingRepository::storedBefore(SqlContext &context, qint64 cutoffMs, int limit)
{
    auto &query = context.run(
        selectSql() + QStringLiteral(" WHERE state = ? AND stored_at < ? ORDER BY stored_at, id LIMIT ?"),
        {name(RecordingState::Stored), cutoffMs, limit});
    QList<Recording> rows;
    while (query.next())
        rows.append(fromRow(query));
    query.finish();
    return rows;
}

void RecordingRepository::markPruned(SqlContext &context, qint64 id)
{
    context.write(QStringLiteral("UPDATE recordings SET state = ?, file_path = NULL, bytes_stored = 0, "
                                 "updated_at = ? WHERE id = ?"),
        {name(RecordingState::Pruned), context.nowMs(), id});
}

QJsonValue RecordingRepository::summaryOfCall(SqlContext &context, qint64 callId)
{
    auto &query = context.run(QStringLiteral("SELECT id, state FROM recordings WHERE call_id = ?"), {callId});
    QJsonValue summary;
    if (query.next()) {
        const auto id = query.value(0).toLongLong();
        const auto state = query.value(1).toString();
        summary = QJsonObject {{QStringLiteral("id"), id}, {QStringLiteral("state"), state},
            {QStringLiteral("url"),
                state == name(RecordingState::Stored)
                    ? QJsonValue(QStringLiteral("/api/recordings/%1/audio").arg(id))
                    : QJsonValue()}};
    }
    query.finish();
    return summary;
}

} // namespace sb
