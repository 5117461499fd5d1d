#include "RecordingRoutes.h"

#include "RecordingFetcher.h"
#include "http/JsonBody.h"
#include "server/RouteTable.h"
#include "storage/ListQuery.h"
#include "storage/RecordingRepository.h"
#include "storage/SqlWorker.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>

namespace sb {

namespace {

ApiError bad(const QString &message)
{
    return ApiError {ErrorKind::BadRequest, message};
}

ApiError notFound(const ApiRequest &request)
{
    return ApiError {
        ErrorKind::NotFound, QStringLiteral("Recording %1 not found").arg(request.pathArgs.value(0))};
}

QJsonObject settingsJson(SqlContext &context)
{
    const auto usage = RecordingRepository::usage(context);
    return QJsonObject {{QStringLiteral("retentionDays"), RecordingRepository::retentionDays(context)},
        {QStringLiteral("diskUsageBytes"), usage.bytes}, {QStringLiteral("files"), usage.files}};
}

ApiResult listRecordings(SqlContext &context, const ApiRequest &request)
{
    namespace p = listparam;
    const std::vector<SortOrder> orders {
        {QStringLiteral("created_at"), QStringLiteral("r.created_at"), false}};
    const auto page = p::page(request, orders, QStringLiteral("-created_at"));
    if (auto *error = std::get_if<ApiError>(&page))
        return *error;
    const auto &pageRequest = std::get<p::PageRequest>(page);
    QStringList where;
    QVariantList values;
    const auto state = p::value(request, QStringLiteral("state"));
    if (!state.isNull()) {
        QStringList marks;
        for (const auto &name : state.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            if (!recordingStateFromName(name.trimmed()))
                return bad(QStringLiteral("state must be one or more of %1, comma-separated")
                               .arg(recordingStateNames().join(QStringLiteral(", "))));
            marks << QStringLiteral("?");
            values << name.trimmed();
        }
        if (marks.isEmpty())
            return bad(QStringLiteral("state must not be empty"));
        where << QStringLiteral("r.state IN (") + marks.join(QLatin1Char(',')) + QLatin1Char(')');
    }
    const auto call = p::id(request, QStringLiteral("call_id"));
    if (auto *error = std::get_if<ApiError>(&call))
        return *error;
    if (const auto &id = std::get<std::optional<qint64>>(call)) {
        where << QStringLiteral("r.call_id = ?");
        values << *id;
    }
    if (pageRequest.after)
        where << keysetClause(pageRequest.sort, QStringLiteral("r.id"), *pageRequest.after, values);
    QString sql = QStringLiteral("SELECT r.id, ") + pageRequest.sort.expression
        + QStringLiteral(" FROM recordings r");
    if (!where.isEmpty())
        sql += QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
    sql += QStringLiteral(" ORDER BY ") + orderClause(pageRequest.sort, QStringLiteral("r.id"))
        + QStringLiteral(" LIMIT ?");
    const auto ids = keysetPage(context, sql, values, pageRequest.limit, pageRequest.sort.name);
    QJsonArray data;
    for (const auto id : ids.ids) {
        if (const auto recording = RecordingRepository::find(context, id))
            data.append(recording->toJson());
    }
    return ApiResponse::json(200,
        QJsonObject {{QStringLiteral("data"), data},
            {QStringLiteral("next_cursor"), ids.next ? QJsonValue(encodeCursor(*ids.next)) : QJsonValue()},
            {QStringLiteral("has_more"), ids.next.has_value()},
            {QStringLiteral("limit"), pageRequest.limit}});
}

ApiResult getRecording(SqlContext &context, const ApiRequest &request)
{
    const auto id = pathId(request);
    const auto recording = id ? RecordingRepository::find(context, *id) : std::nullopt;
    if (!recording)
        return notFound(request);
    return ApiResponse::json(200, recording->toJson());
}

ApiResult getAudio(SqlContext &context, const ApiRequest &request)
{
    const auto id = pathId(request);
    const auto recording = id ? RecordingRepository::find(context, *id) : std::nullopt;
    if (!recording)
        return notFound(request);
    if (recording->state != RecordingState::Stored)
        return ApiError {ErrorKind::NotFound,
            QStringLiteral("Recording %1 has no stored audio (state %2)")
                .arg(*id)
                .arg(recordingStateName(recording->state))};
    QFile file(recording->filePath);
    if (!file.open(QIODevice::ReadOnly))
        return ApiError {ErrorKind::NotFound,
            QStringLiteral("Recording %1: the file is missing from the data directory").arg(*id)};
    ApiResponse response;
    response.status = 200;
    response.contentType = recording->contentType.isEmpty()
        ? recordingContentType(QFileInfo(recording->filePath).suffix()).toUtf8()
        : recording->contentType.toUtf8();
    response.body = file.readAll();
    const QString fileName = QStringLiteral("recording-%1.%2")
                                 .arg(recording->callId)
                                 .arg(QFileInfo(recording->filePath).suffix());
    response.headers.append({QByteArrayLiteral("Content-Disposition"),
        QByteArrayLiteral("inline; filename=\"") + fileName.toUtf8() + '"'});
    return response;
}

ApiResult getSettings(SqlContext &context, const ApiRequest &)
{
    return ApiResponse::json(200, settingsJson(context));
}

ApiResult putSettings(SqlContext &context, const ApiRequest &request)
{
    auto parsed = JsonBody::object(request.body);
    if (auto *error = std::get_if<ApiError>(&parsed))
        return *error;
    const auto &input = std::get<QJsonObject>(parsed);
    for (auto it = input.begin(); it != input.end(); ++it) {
        if (it.key() != QLatin1String("retentionDays"))
            return bad(QStringLiteral("unknown field %1 (known: retentionDays)").arg(it.key()));
    }
    if (input.contains(QStringLiteral("retentionDays"))) {
        const auto days = input.value(QStringLiteral("retentionDays"));
        if (!days.isDouble() || days.toDouble() != double(days.toInt()) || days.toInt() < 0
            || days.toInt() > RecordingRepository::maxRetentionDays)
            return bad(QStringLiteral("retentionDays must be a whole number from 0 (keep forever) to %1")
                           .arg(RecordingRepository::maxRetentionDays));
        RecordingRepository::setRetentionDays(context, days.toInt());
    }
    return ApiResponse::json(200, settingsJson(context));
}

ApiResult pruneNow(SqlContext &context, const ApiRequest &)
{
    const int pruned = RecordingFetcher::prune(context);
    auto answer = settingsJson(context);
    answer.insert(QStringLiteral("pruned"), pruned);
    return ApiResponse::json(200, answer);
}

} // namespace

void registerRecordingRoutes(Router &router, RecordingRouteDependencies dependencies)
{
    const auto family = ApiFamily::Communications;
    routes::addQuery(router, "GET", QStringLiteral("/api/recordings"), family,
        QStringLiteral("recordings.list"), listRecordings);
    routes::addQuery(router, "GET", QStringLiteral("/api/recordings/settings"), family,
        QStringLiteral("recordings.settings.get"), getSettings);
    routes::addCommand(router, "PUT", QStringLiteral("/api/recordings/settings"), family,
        QStringLiteral("recordings.settings.put"), putSettings);
    routes::addCommand(router, "POST", QStringLiteral("/api/recordings/prune"), family,
        QStringLiteral("recordings.prune"), pruneNow);
    routes::addQuery(router, "GET", QStringLiteral("/api/recordings/{id}"), family,
        QStringLiteral("recordings.get"), getRecording);
    routes::addQuery(router, "GET", QStringLiteral("/api/recordings/{id}/audio"), family,
        QStringLiteral("recordings.audio"), getAudio);
    routes::addCommand(router, "POST", QStringLiteral("/api/recordings/{id}/retry"), family,
        QStringLiteral("recordings.retry"),
        [wake = std::move(dependencies.wake)](SqlContext &context, const ApiRequest &request) -> ApiResult {
            const auto id = pathId(request);
            const auto before = id ? RecordingRepository::find(context, *id) : std::nullopt;
            if (!before)
                return notFound(request);
            if (before->state == RecordingState::Stored)
                return ApiError {
                    ErrorKind::Conflict, QStringLiteral("Recording %1 is already stored").arg(*id)};
            if (before->sourceUrl.isEmpty())
                return ApiError {
                    ErrorKind::Conflict, QStringLiteral("Recording %1 has no URL to download from").arg(*id)};
            RecordingRepository::retry(context, *id);
            if (wake)
                wake();
            return ApiResponse::json(200, RecordingRepository::find(context, *id).value_or(*before).toJson());
        });
}

} // namespace sb
