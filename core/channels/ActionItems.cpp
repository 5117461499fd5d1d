#include "ActionItems.h"

#include "domain/Handover.h"
#include "server/RouteTable.h"
#include "storage/ListQuery.h"
#include "storage/SqlWorker.h"
#include "storage/TaskRepository.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSqlQuery>

namespace sb {

namespace ActionItems {

namespace {

const QTime morning(9, 0);

} // namespace

QString sourceRef(qint64 analysisId, int index)
{
    return QStringLiteral("analysis:%1:%2").arg(analysisId).arg(index);
}

qint64 dueAt(const QString &followUp, qint64 nowMs, const QTimeZone &zone)
{
    static const QRegularExpression iso(
        QStringLiteral("\\b(\\d{4}-\\d{2}-\\d{2})(?:[T ](\\d{2}):(\\d{2}))?\\b"));
    const auto match = iso.match(followUp);
    if (match.hasMatch()) {
        const QDate date = QDate::fromString(match.captured(1), Qt::ISODate);
        QTime time = morning;
        if (!match.captured(2).isEmpty())
            time = QTime(match.captured(2).toInt(), match.captured(3).toInt());
        if (date.isValid() && time.isValid()) {
            const qint64 at = QDateTime(date, time, zone).toMSecsSinceEpoch();
            if (at > nowMs)
                return at;
        }
    }
    const QDate today = QDateTime::fromMSecsSinceEpoch(nowMs, zone).date();
    return QDateTime(today.addDays(1), morning, zone).toMSecsSinceEpoch();
}

std::optional<qint64> analysisOfCall(SqlContext &context, qint64 callId)
{
    auto &query
        = context.run(QStringLiteral("SELECT id FROM ai_analyses WHERE subject_kind = ? AND subject_id = ?"),
            {analysisSubjectName(AnalysisSubject::Call), callId});
    std::optional<qint64> id;
    if (query.next())
        id = query.value(0).toLongLong();
    query.finish();
    return id;
}

std::variant<Accepted, ApiError> accept(
    SqlContext &context, qint64 analysisId, int index, const QTimeZone &zone, const QString &recordId)
{
    auto &query = context.run(
        QStringLiteral(
            "SELECT a.action_items, a.follow_up, a.lead_id, a.conversation_id, c.lead_id "
            "FROM ai_analyses a LEFT JOIN conversations c ON c.id = a.conversation_id WHERE a.id = ?"),
        {analysisId});
    if (!query.next()) {
        query.finish();
        return ApiError {ErrorKind::NotFound, QStringLiteral("Analysis %1 not found").arg(analysisId)};
    }
    const auto items = QJsonDocument::fromJson(query.value(0).toString().toUtf8()).array();
    const QString followUp = query.value(1).toString();
    qint64 leadId = query.value(2).toLongLong();
    if (leadId <= 0)
        leadId = query.value(4).toLongLong();
    const qint64 conversationId = query.value(3).toLongLong();
    query.finish();
    if (index < 0 || index >= items.size() || items.at(index).toString().trimmed().isEmpty())
        return ApiError {ErrorKind::NotFound,
            QStringLiteral("Analysis %1 has no action item %2 (it has %3, counted from 0)")
                .arg(analysisId)
                .arg(index)
                .arg(items.size())};

    FollowUpTask task;
    task.source = TaskSource::Ai;
    task.sourceRef = sourceRef(analysisId, index);
    auto &existing = context.run(QStringLiteral("SELECT id FROM tasks WHERE source = ? AND source_ref = ?"),
        {taskSourceName(task.source), task.sourceRef});
    const qint64 before = existing.next() ? existing.value(0).toLongLong() : 0;
    existing.finish();
    if (before > 0) {
        if (const auto found = TaskRepository::find(context, before))
            return Accepted {*found, false};
    }
    task.leadId = leadId > 0 ? leadId : 0;
    task.conversationId = conversationId > 0 ? conversationId : 0;
    task.title = items.at(index).toString().trimmed().left(500);
    task.dueAt = dueAt(followUp, context.nowMs(), zone);
    const auto id = TaskRepository::create(context, task, recordId);
    return Accepted {TaskRepository::find(context, id).value_or(task), true};
}

} // namespace ActionItems

namespace {

const QString analysisPath = QStringLiteral("/api/analyses/{id}/action-items/{index}/accept");
const QString callPath = QStringLiteral("/api/calls/{id}/action-items/{index}/accept");

std::optional<int> indexOf(const ApiRequest &request)
{
    bool ok = false;
    const int index = request.pathArgs.value(1).toInt(&ok);
    if (!ok || index < 0)
        return std::nullopt;
    return index;
}

std::variant<QTimeZone, ApiError> zoneOf(const ApiRequest &request)
{
    const QString text = listparam::value(request, QStringLiteral("tz"));
    if (text.isNull())
        return QTimeZone::systemTimeZone();
    const QByteArray id = text.toUtf8();
    if (id.isEmpty() || !QTimeZone::isTimeZoneIdAvailable(id))
        return ApiError {ErrorKind::BadRequest,
            QStringLiteral("tz must be an IANA time zone such as Europe/Berlin (unknown: \"%1\")")
                .arg(text.left(60))};
    return QTimeZone(id);
}

ApiResult acceptItem(SqlContext &context, const ApiRequest &request, bool ofCall)
{
    const auto id = pathId(request);
    const auto index = indexOf(request);
    if (!id)
        return ApiError {ErrorKind::NotFound,
            QStringLiteral("%1 %2 not found")
                .arg(ofCall ? QStringLiteral("Call") : QStringLiteral("Analysis"),
                    request.pathArgs.value(0).left(40))};
    if (!index)
        return ApiError {ErrorKind::NotFound,
            QStringLiteral("action item %1 not found: the index is a whole number from 0")
                .arg(request.pathArgs.value(1).left(40))};
    const auto zone = zoneOf(request);
    if (const auto *error = std::get_if<ApiError>(&zone))
        return *error;
    qint64 analysisId = *id;
    if (ofCall) {
        const auto found = ActionItems::analysisOfCall(context, *id);
        if (!found)
            return ApiError {ErrorKind::NotFound, QStringLiteral("Call %1 has no AI analysis").arg(*id)};
        analysisId = *found;
    }
    const auto result
        = ActionItems::accept(context, analysisId, *index, std::get<QTimeZone>(zone), request.recordId);
    if (const auto *error = std::get_if<ApiError>(&result))
        return *error;
    const auto &accepted = std::get<ActionItems::Accepted>(result);
    return ApiResponse::json(accepted.created ? 201 : 200, accepted.task.toJson());
}

void document(Router &router)
{
    using namespace schema;
    const auto task
        = object({{QStringLiteral("id"), integer()}, {QStringLiteral("leadId"), nullable(integer())},
                     {QStringLiteral("leadName"), nullable(string())},
                     {QStringLiteral("conversationId"), nullable(integer())},
                     {QStringLiteral("title"), string(QStringLiteral("The action item"))},
                     {QStringLiteral("notes"), nullable(string())}, {QStringLiteral("dueAt"), dateTime()},
                     {QStringLiteral("owner"), nullable(string())},
                     {QStringLiteral("state"), oneOfValues(taskStateNames())},
                     {QStringLiteral("source"), constant(taskSourceName(TaskSource::Ai))},
                     {QStringLiteral("createdAt"), dateTime()}, {QStringLiteral("updatedAt"), dateTime()}},
            {QStringLiteral("id"), QStringLiteral("title"), QStringLiteral("dueAt"), QStringLiteral("state"),
                QStringLiteral("source")});
    const QString description = QStringLiteral(
        "Turns an AI analysis's action item (proposed, not yet a task) into a follow-up task: source `ai`, "
        "the "
        "analysis's lead and conversation, the item as title, due at the date the follow-up suggestion names "
        "(an ISO date, with its time when given, else 9:00) when it is in the future, else tomorrow 9:00 in "
        "`tz`; raises task.created. Accepting the same item again creates nothing and answers 200 with the "
        "task made the first time.");
    const ParamDoc index {
        QStringLiteral("index"), QStringLiteral("The action item, counted from 0"), integerRange(0, 4), true};
    const QList<ParamDoc> query {queryParam(QStringLiteral("tz"), string(),
        QStringLiteral("IANA time zone of the default due time (e.g. Europe/Berlin); default the server's"))};
    for (const bool ofCall : {false, true}) {
        RouteDoc doc;
        doc.summary = ofCall ? QStringLiteral("Accept a call's AI action item as a task")
                             : QStringLiteral("Accept an AI action item as a task");
        doc.description = description;
        doc.pathParams = {
            ParamDoc {QStringLiteral("id"),
                ofCall ? QStringLiteral("The call id") : QStringLiteral("The analysis id"), integer(), true},
            index};
        doc.query = query;
        doc.bodyRequired = false;
        doc.responses = {jsonResponse(201, QStringLiteral("The task, created now"), task),
            jsonResponse(200, QStringLiteral("The task made when the item was accepted before"), task),
            errorResponse(400, QStringLiteral("tz not a known IANA zone")),
            errorResponse(404,
                ofCall ? QStringLiteral("No such call, the call has no analysis, or no such item")
                       : QStringLiteral("No such analysis or item"))};
        router.document("POST", ofCall ? callPath : analysisPath, doc);
    }
}

} // namespace

void registerActionItemRoutes(Router &router)
{
    routes::addCommand(router, "POST", analysisPath, ApiFamily::Communications,
        QStringLiteral("analyses.action_items.accept"),
        [](SqlContext &context, const ApiRequest &request) { return acceptItem(context, request, false); });
    routes::addCommand(router, "POST", callPath, ApiFamily::Communications,
        QStringLiteral("calls.action_items.accept"),
        [](SqlContext &context, const ApiRequest &request) { return acceptItem(context, request, true); });
    document(router);
}

} // namespace sb
