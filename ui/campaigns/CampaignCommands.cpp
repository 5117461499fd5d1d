#include "CampaignCommands.h"

#include "domain/RecordId.h"
#include "runtime/Runtime.h"
#include "server/Router.h"
#include "storage/SqlWorker.h"

#include <QDateTime>
#include <QJsonDocument>

namespace sb {

namespace CampaignCommands {

void call(Runtime &runtime, QObject *context, const QByteArray &method, const QString &path,
    const QJsonObject &body, std::function<void(const CampaignAnswer &)> done)
{
    const auto match = runtime.router().match(method, path);
    if (match.outcome != RouteMatch::Outcome::Found || !match.route || !match.route->sql) {
        CampaignAnswer answer;
        answer.status = 404;
        answer.error = QStringLiteral("%1 %2 is not a campaign route").arg(QString::fromLatin1(method), path);
        done(answer);
        return;
    }
    ApiRequest request;
    request.method = method;
    request.path = path;
    request.rawTarget = path.toUtf8();
    request.pathArgs = match.args;
    if (!body.isEmpty()) {
        request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
        request.headers.append(std::pair<QByteArray, QByteArray>("Content-Type", "application/json"));
    }
    const auto now = QDateTime::currentMSecsSinceEpoch();
    request.receivedAtMs = now;
    request.recordId = newRecordId(u"evt_", now);
    request.clientIp = QStringLiteral("console");
    auto handler = match.route->sql;
    const bool command = match.route->kind == RouteKind::Command;
    SqlJob job;
    job.replyContext = context;
    job.run = [handler, request](SqlContext &sql) -> ApiResult { return handler(sql, request); };
    job.done = [done = std::move(done)](const ApiResult &result) {
        CampaignAnswer answer;
        if (const auto *error = std::get_if<ApiError>(&result)) {
            answer.status = error->status;
            answer.error = error->message;
            answer.conflict = error->kind == ErrorKind::Conflict;
        } else if (const auto *response = std::get_if<ApiResponse>(&result)) {
            answer.status = response->status;
            answer.json = QJsonDocument::fromJson(response->body).object();
        }
        done(answer);
    };
    (command ? runtime.writer() : runtime.reader()).submit(std::move(job));
}

void create(Runtime &runtime, QObject *context, const QJsonObject &fields,
    std::function<void(const CampaignAnswer &)> done)
{
    call(runtime, context, "POST", QStringLiteral("/api/campaigns"), fields, std::move(done));
}

void update(Runtime &runtime, QObject *context, qint64 id, const QJsonObject &fields,
    std::function<void(const CampaignAnswer &)> done)
{
    call(runtime, context, "PUT", QStringLiteral("/api/campaigns/%1").arg(id), fields, std::move(done));
}

void remove(Runtime &runtime, QObject *context, qint64 id, std::function<void(const CampaignAnswer &)> done)
{
    call(runtime, context, "DELETE", QStringLiteral("/api/campaigns/%1").arg(id), {}, std::move(done));
}

void act(Runtime &runtime, QObject *context, qint64 id, const QString &action,
    std::function<void(const CampaignAnswer &)> done)
{
    call(runtime, context, "POST", QStringLiteral("/api/campaigns/%1/%2").arg(QString::number(id), action),
        {}, std::move(done));
}

} // namespace CampaignCommands

} // namespace sb
