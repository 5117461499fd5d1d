#include "LeadTimelineRoutes.h"

#include "storage/LeadTimeline.h"
#include "storage/ListQuery.h"
#include "storage/SqlWorker.h"

#include <QJsonArray>
#include <QSqlQuery>

namespace sb {

namespace {

ApiResult timeline(SqlContext &context, const ApiRequest &request)
{
    const auto id = pathId(request);
    if (!id)
        return ApiError {ErrorKind::BadRequest, QStringLiteral("the lead id must be a positive integer")};
    auto &lead = context.run(QStringLiteral("SELECT 1 FROM leads WHERE id = ?"), {*id});
    const bool found = lead.next();
    lead.finish();
    if (!found)
        return ApiError {ErrorKind::NotFound, QStringLiteral("Lead %1 not found").arg(*id)};
    QStringList wanted;
    const auto kinds = listparam::value(request, QStringLiteral("kinds"));
    if (!kinds.isNull()) {
        for (const auto &kind : kinds.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            if (!LeadTimeline::kinds().contains(kind.trimmed()))
                return ApiError {ErrorKind::BadRequest,
                    QStringLiteral("kinds must be one or more of %1, comma-separated")
                        .arg(LeadTimeline::kinds().join(QStringLiteral(", ")))};
            wanted.append(kind.trimmed());
        }
        if (wanted.isEmpty())
            return ApiError {ErrorKind::BadRequest, QStringLiteral("kinds must not be empty")};
    }
    const auto limit = listparam::limit(request);
    if (const auto *error = std::get_if<ApiError>(&limit))
        return *error;
    std::optional<LeadTimeline::Cursor> after;
    const auto cursor = listparam::value(request, QStringLiteral("cursor"));
    if (!cursor.isNull()) {
        after = LeadTimeline::decodeCursor(cursor);
        if (!after)
            return ApiError {ErrorKind::BadRequest, QStringLiteral("cursor is not one this list gave")};
    }
    const auto page = LeadTimeline::read(context, *id, wanted, after, std::get<int>(limit));
    QJsonArray data;
    for (const auto &entry : page.entries)
        data.append(entry.toJson());
    return ApiResponse::json(200,
        QJsonObject {{QStringLiteral("data"), data},
            {QStringLiteral("next_cursor"),
                page.next ? QJsonValue(LeadTimeline::encodeCursor(*page.next)) : QJsonValue()},
            {QStringLiteral("has_more"), page.next.has_value()},
            {QStringLiteral("limit"), std::get<int>(limit)}});
}

} // namespace

std::vector<LeadApiRoute> leadTimelineRoutes()
{
    return {{"GET", QStringLiteral("/api/leads/{id}/timeline"), QStringLiteral("leads.timeline"), true,
        timeline}};
}

} // namespace sb
