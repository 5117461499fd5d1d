#include "InboundReplay.h"

#include "domain/RecordId.h"
#include "http/RequestHead.h"
#include "server/RouteTable.h"
#include "storage/SqlWorker.h"

#include <QDateTime>
#include <QPointer>
#include <QVariant>
#include <chrono>
#include <memory>

namespace sb {

namespace {

struct Stored
{
    bool found = false;
    ApiRequest request;
};

void deliver(
    QPointer<QObject> context, std::function<void(const ReplayOutcome &)> done, ReplayOutcome outcome)
{
    if (!context)
        return;
    QMetaObject::invokeMethod(
        context.data(), [done = std::move(done), outcome = std::move(outcome)] { done(outcome); },
        Qt::QueuedConnection);
}

} // namespace

InboundReplay::InboundReplay(SqlWorker &reader, Dispatch dispatch)
    : m_reader(reader)
    , m_dispatch(std::move(dispatch))
{ }

void InboundReplay::replay(
    const QString &id, QObject *context, std::function<void(const ReplayOutcome &)> done)
{
    auto stored = std::make_shared<Stored>();
    QPointer<QObject> guard(context);
    SqlJob job;
    job.replyContext = context;
    job.run = [id, stored](SqlContext &sql) -> ApiResult {
        auto &query = sql.run(QStringLiteral("SELECT raw_head, body, received_at, peer, method, target FROM "
                                             "inbound_requests WHERE id = ?"),
            {id});
        if (query.next()) {
            stored->found = true;
            auto &request = stored->request;
            RequestHead head;
            QString error;
            if (RequestHead::parse(query.value(0).toByteArray(), &head, &error)) {
                applyRequestHead(request, head);
            } else { // refused while framing: rebuild what the row says
                RequestHead fallback;
                fallback.raw = query.value(0).toByteArray();
                fallback.method = query.value(4).toString().toLatin1();
                fallback.target = query.value(5).toString().toLatin1();
                applyRequestHead(request, fallback);
            }
            request.body = query.value(1).toByteArray();
            request.receivedAtMs = query.value(2).toLongLong();
            request.peer = QHostAddress(query.value(3).toString());
        }
        query.finish();
        return ApiResponse {};
    };
    job.done = [this, id, stored, guard, done = std::move(done)](const ApiResult &) mutable {
        ReplayOutcome outcome;
        outcome.originalId = id;
        if (!stored->found) {
            outcome.status = statusOf(ErrorKind::NotFound);
            outcome.error = QStringLiteral("no inbound request %1").arg(id);
            deliver(guard, std::move(done), std::move(outcome));
            return;
        }
        auto request = std::move(stored->request);
        // A new record of its own; the arrival time stays the original one.
        const auto now = QDateTime::currentMSecsSinceEpoch();
        request.recordId = newRecordId(u"evt_", now);
        request.receivedMonotonicNs = std::chrono::duration_cast<std::chrono::nanoseconds>(
            std::chrono::steady_clock::now().time_since_epoch())
                                          .count();
        outcome.replayId = request.recordId;
        auto finish = [guard, done, outcome](const ApiResponse &response, const QString &status) mutable {
            outcome.recordedStatus = status;
            outcome.response = response;
            if (status.isEmpty()) { // not replayable: the pipeline answered without a record
                outcome.status = response.status;
                outcome.error = QJsonDocument::fromJson(response.body)
                                    .object()
                                    .value(QStringLiteral("message"))
                                    .toString();
                outcome.replayId.clear();
            }
            deliver(guard, std::move(done), std::move(outcome));
        };
        if (!m_dispatch || !m_dispatch(std::move(request), id, finish)) {
            outcome.status = statusOf(ErrorKind::Unavailable);
            outcome.error = QStringLiteral("the server is not running");
            outcome.replayId.clear();
            deliver(guard, std::move(done), std::move(outcome));
        }
    };
    m_reader.submit(std::move(job));
}

void InboundReplay::registerRoute(Router &router, InboundReplay &replay)
{
    routes::addAsync(router, "POST", QStringLiteral("/api/webhooks/inbound/{id}/replay"),
        ApiFamily::WebhookAdmin, QStringLiteral("inbound.replay"),
        [&replay](const ApiRequest &request, QObject *context, std::function<void(const ApiResult &)> done) {
            replay.replay(
                request.pathArgs.value(0), context, [done = std::move(done)](const ReplayOutcome &outcome) {
                    if (!outcome.error.isEmpty()) {
                        done(ApiError {outcome.status, outcome.error, {}});
                        return;
                    }
                    QJsonObject answer {{QStringLiteral("id"), outcome.replayId},
                        {QStringLiteral("replayOf"), outcome.originalId},
                        {QStringLiteral("status"), outcome.recordedStatus},
                        {QStringLiteral("statusCode"), outcome.response.status},
                        {QStringLiteral("contentType"), QString::fromLatin1(outcome.response.contentType)}};
                    const auto json = QJsonDocument::fromJson(outcome.response.body);
                    answer.insert(QStringLiteral("response"),
                        json.isObject() ? QJsonValue(json.object())
                                        : QJsonValue(QString::fromUtf8(outcome.response.body)));
                    done(ApiResponse::json(200,
                        QJsonObject {{QStringLiteral("success"), true},
                            {QStringLiteral("message"), QStringLiteral("Request replayed")},
                            {QStringLiteral("replay"), answer}}));
                });
        });
}

} // namespace sb
