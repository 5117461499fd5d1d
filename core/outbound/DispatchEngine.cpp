#include "DispatchEngine.h"

#include "DeliveryFanout.h"
#include "OutboundLog.h"
#include "domain/Clock.h"
#include "domain/EventBus.h"
#include "domain/RecordId.h"
#include "security/HexHmacSignature.h"
#include "security/StandardWebhookSignature.h"
#include "storage/RelayTargetRepository.h"
#include "storage/SqlWorker.h"
#include "storage/WebhookConfigRepository.h"

#include <QCoroNetworkReply>
#include <QCoroSignal>
#include <QElapsedTimer>
#include <QHostInfo>
#include <QNetworkReply>
#include <QRandomGenerator>

namespace sb {

namespace {

constexpr qint64 maxResponseBytes = 1024 * 1024;
constexpr qint64 readBufferBytes = 64 * 1024;
constexpr qint64 configCacheMs = 1000;
constexpr int relayTimeoutMs = 15000;

// Collects an answer's body incrementally, keeping at most maxResponseBytes; one byte more aborts.
struct ResponseCollector
{
    QByteArray body;
    bool truncated = false;
    int status = 0; // taken before an abort, which can clear the reply's attributes
    QList<QPair<QByteArray, QByteArray>> headers;

    void take(QNetworkReply *reply)
    {
        if (truncated)
            return;
        if (status == 0) {
            status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            headers = reply->rawHeaderPairs();
        }
        const qint64 room = maxResponseBytes - body.size();
        if (room > 0)
            body += reply->read(room);
        if (reply->bytesAvailable() > 0) {
            truncated = true;
            reply->abort();
        }
    }
};

// Emits `finished` once a writer job committed; co_await-ed by the engine.
class WriteCompletion : public QObject
{
    Q_OBJECT
public:
    ApiResult result;
Q_SIGNALS:
    void finished();
};

class HostLookup : public QObject
{
    Q_OBJECT
public:
    QHostInfo info;
    void start(const QString &host)
    {
        QHostInfo::lookupHost(host, this, [this](const QHostInfo &result) {
            info = result;
            Q_EMIT finished();
        });
    }
Q_SIGNALS:
    void finished();
};

// The receiver's Retry-After, as a delay in ms no longer than `capMs`; -1 when absent or invalid.
qint64 retryAfterMs(const QList<QPair<QByteArray, QByteArray>> &headers, qint64 nowMs, qint64 capMs)
{
    for (const auto &[name, value] : headers) {
        if (name.compare("Retry-After", Qt::CaseInsensitive) == 0)
            return RetryPolicy::retryAfterMs(value, nowMs, capMs);
    }
    return -1;
}

} // namespace

DispatchEngine::DispatchEngine(
    SqlWorker &writer, const Clock &clock, EventBus *bus, DispatcherOptions options, SqlContext *reads)
    : m_writer(writer)
    , m_clock(clock)
    , m_bus(bus)
    , m_options(std::move(options))
    , m_reads(reads)
{
    if (!m_options.random)
        m_options.random = [] { return QRandomGenerator::global()->generateDouble(); };
    for (int i = 0; i < std::max(1, m_options.managers); ++i) {
        auto manager = std::make_unique<QNetworkAccessManager>();
        manager->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy); // 3xx is a failure
        m_managers.push_back(std::move(manager));
    }
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &DispatchEngine::poll);
}

std::optional<WebhookConfig> DispatchEngine::config(qint64 id)
{
    const auto now = m_clock.nowMs();
    const auto cached = m_configCache.constFind(id);
    if (cached != m_configCache.cend() && now - cached->first < configCacheMs && now >= cached->first)
        return cached->second;
    auto loaded = WebhookConfigRepository::find(*m_reads, id);
    if (loaded)
        m_configCache.insert(id, {now, *loaded});
    else
        m_configCache.remove(id);
    return loaded;
}

void DispatchEngine::schedulePoll()
{
    if (m_pollScheduled || m_stopping)
        return;
    m_pollScheduled = true;
    QMetaObject::invokeMethod(this, &DispatchEngine::poll, Qt::QueuedConnection);
}

void DispatchEngine::poll()
{
    m_pollScheduled = false;
    if (m_stopping)
        return;
    // Fill the free places only when a good share is free: one query then starts many attempts.
    const int room = m_options.maxInFlight - m_inFlight.load();
    if (room > 0 && (room >= m_options.maxInFlight / 4 || m_inFlight.load() == 0)) {
        try {
            // In-flight deliveries are still pending in the database: ask for enough ids to skip them.
            const auto ids
                = DeliveryRepository::dueIds(*m_reads, m_clock.nowMs(), room + int(m_active.size()));
            for (const auto &id : ids) {
                if (m_active.count(id) || m_inFlight.load() >= m_options.maxInFlight)
                    continue;
                auto delivery = DeliveryRepository::find(*m_reads, id);
                if (!delivery || delivery->status != DeliveryStatus::Pending)
                    continue;
                auto owned = std::make_unique<Delivery>(std::move(*delivery));
                const Delivery *pointer = owned.get();
                m_active.emplace(pointer->id, std::move(owned));
                m_inFlight.fetch_add(1);
                deliver(pointer);
            }
        } catch (const SqlError &e) {
            qCWarning(lcOutbound, "dispatcher: %s", qPrintable(e.message()));
        }
    }
    scheduleNext();
}

void DispatchEngine::scheduleNext()
{
    // While attempts are in flight, each one's end polls again; the next due time matters when idle.
    if (m_stopping || m_inFlight.load() > 0)
        return;
    qint64 next = 0;
    try {
        next = DeliveryRepository::nextDue(*m_reads);
    } catch (const SqlError &) { }
    // Re-check at least every 30 s: another process may share the database.
    qint64 waitMs = 30000;
    if (next > 0)
        waitMs = std::clamp<qint64>(next - m_clock.nowMs(), 0, 30000);
    if (m_inFlight.load() >= m_options.maxInFlight)
        return; // a finishing attempt polls again
    if (!m_timer.isActive() || m_timer.remainingTime() > waitMs)
        m_timer.start(int(std::max<qint64>(waitMs, 1)));
}

QCoro::Task<ApiResult> DispatchEngine::write(const std::function<ApiResult(SqlContext &)> &job)
{
    // Deleted later, not on scope exit: the coroutine resumes inside the object's own signal.
    auto *completion = new WriteCompletion;
    QPointer<WriteCompletion> guard(completion);
    SqlJob sqlJob;
    sqlJob.run = job;
    sqlJob.replyContext = this;
    sqlJob.done = [guard](const ApiResult &result) {
        if (guard) {
            guard->result = result;
            Q_EMIT guard->finished();
        }
    };
    m_writer.submit(std::move(sqlJob));
    co_await qCoro(completion, &WriteCompletion::finished);
    const auto result = completion->result;
    completion->deleteLater();
    co_return result;
}

QCoro::Task<DeliveryAttempt> DispatchEngine::send(
    const Delivery &delivery, const WebhookConfig &config, int attemptNumber)
{
    DeliveryAttempt attempt;
    attempt.deliveryId = delivery.id;
    attempt.attempt = attemptNumber;
    attempt.startedAt = m_clock.nowMs();
    attempt.url = config.url;
    attempt.requestBody = delivery.payload;

    // Signed afresh on every attempt, so a retry carries a current timestamp.
    const qint64 timestamp = m_clock.nowMs() / 1000;
    QByteArrayList signatures;
    for (const auto &secret : config.secrets)
        signatures.append(StandardWebhookSignature::sign(
            secret.toUtf8(), delivery.id.toUtf8(), timestamp, delivery.payload));
    auto &headers = attempt.requestHeaders;
    auto add = [&headers](const QByteArray &name, const QByteArray &value) {
        headers.append(qMakePair(name, value));
    };
    add("Content-Type", "application/json");
    add("User-Agent", QByteArrayLiteral("Switchboard/") + SWITCHBOARD_VERSION);
    add("X-Webhook-Event", delivery.eventType.toUtf8());
    if (!config.secrets.isEmpty())
        add("X-Webhook-Signature", HexHmacSignature::sign(config.secrets.first().toUtf8(), delivery.payload));
    add("webhook-id", delivery.id.toUtf8());
    add("webhook-timestamp", QByteArray::number(timestamp));
    if (!signatures.isEmpty())
        add("webhook-signature", signatures.join(' '));
    for (auto it = config.headers.begin(); it != config.headers.end(); ++it) {
        // Checked when saved; a configuration stored by an older version may still carry one.
        QString refused;
        if (checkCustomHeader(it.key(), it.value(), &refused))
            add(it.key().toUtf8(), it.value().toString().toUtf8());
        else
            qCWarning(lcOutbound, "dispatcher: configuration %lld: custom header skipped: %s", config.id,
                qPrintable(refused));
    }

    // Named, not temporaries: GCC 12 destroys class temporaries of a co_await operand twice.
    const QUrl url(config.url);
    const QByteArray method = QByteArrayLiteral("POST");
    co_await transmit(&attempt, method, &url, config.timeoutMs);
    co_return attempt;
}

QCoro::Task<DeliveryAttempt> DispatchEngine::sendRelay(
    const Delivery &delivery, const RelayTarget &target, int attemptNumber)
{
    DeliveryAttempt attempt;
    attempt.deliveryId = delivery.id;
    attempt.attempt = attemptNumber;
    attempt.startedAt = m_clock.nowMs();
    attempt.url = relay::targetUrl(target.url, target.appendPath, delivery.relayPath);
    attempt.requestHeaders = delivery.relayHeaders;
    attempt.requestBody = delivery.payload;
    // Encoded as stored: the original path and query keep their bytes (escapes, '+', order).
    const auto url = QUrl::fromEncoded(attempt.url.toUtf8());
    if (!url.isValid() || url.host().isEmpty()) {
        attempt.error = QStringLiteral("the relay URL is not valid");
        co_return attempt;
    }
    co_await transmit(&attempt, delivery.relayMethod, &url, relayTimeoutMs);
    co_return attempt;
}

QCoro::Task<> DispatchEngine::transmit(
    DeliveryAttempt *sending, const QByteArray &method, const QUrl *target, int timeoutMs)
{
    DeliveryAttempt &attempt = *sending;
    const auto &headers = attempt.requestHeaders;
    QUrl url = *target;
    QElapsedTimer elapsed;
    elapsed.start();
    QString peerName;
    if (m_options.policy.mode() == UrlPolicy::Mode::Strict) {
        // Resolve first and connect to the address that passed the check ([DESIGN] strict policy).
        QHostAddress address(url.host());
        if (address.isNull()) {
            auto *lookup = new HostLookup;
            lookup->start(url.host());
            co_await qCoro(lookup, &HostLookup::finished);
            const QHostInfo info = lookup->info;
            lookup->deleteLater();
            if (info.error() != QHostInfo::NoError || info.addresses().isEmpty()) {
                attempt.error = QStringLiteral("cannot resolve %1: %2").arg(url.host(), info.errorString());
                attempt.latencyMs = elapsed.elapsed();
                co_return;
            }
            for (const auto &candidate : info.addresses()) {
                const auto refused = m_options.policy.check(candidate);
                if (!refused.isEmpty()) {
                    attempt.error = url.host() + QStringLiteral(" resolves to ") + candidate.toString()
                        + QStringLiteral(": ") + refused;
                    attempt.latencyMs = elapsed.elapsed();
                    co_return;
                }
            }
            address = info.addresses().first();
            peerName = url.host();
        }
        const auto refused = m_options.policy.check(address);
        if (!refused.isEmpty()) {
            attempt.error = refused;
            attempt.latencyMs = elapsed.elapsed();
            co_return;
        }
        if (!peerName.isEmpty())
            url.setHost(address.toString());
    }

    QNetworkRequest request(url);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    if (!peerName.isEmpty()) {
        request.setRawHeader("Host",
            (peerName + (target->port() > 0 ? QLatin1Char(':') + QString::number(target->port()) : QString()))
                .toUtf8());
        request.setPeerVerifyName(peerName);
    }
    request.setTransferTimeout(timeoutMs);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    auto &manager = *m_managers[m_nextManager++ % m_managers.size()];
    QNetworkReply *reply = method == "POST" ? manager.post(request, attempt.requestBody)
                                            : manager.sendCustomRequest(request, method, attempt.requestBody);
    // Read the answer as it arrives and keep at most maxResponseBytes: past that, stop reading and
    // abort, so a receiver streaming a huge answer costs no more memory than the kept part.
    reply->setReadBufferSize(readBufferBytes);
    // Shared with the slot: an abort inside it finishes the reply, which resumes this coroutine.
    const auto shared = std::make_shared<ResponseCollector>();
    const auto reading
        = QObject::connect(reply, &QNetworkReply::readyRead, reply, [reply, shared] { shared->take(reply); });
    co_await reply;
    // The coroutine runs inside the reply's finished signal: delete it later, never here.
    reply->deleteLater();
    QObject::disconnect(reading);
    auto &collector = *shared;
    collector.take(reply);
    attempt.latencyMs = elapsed.elapsed();
    attempt.responseStatus = collector.status
        ? collector.status
        : reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    attempt.responseHeaders = collector.status ? collector.headers : reply->rawHeaderPairs();
    attempt.responseBody = std::move(collector.body);
    attempt.responseTruncated = collector.truncated;
    if (attempt.responseStatus == 0) {
        attempt.error = reply->error() == QNetworkReply::OperationCanceledError
            ? QStringLiteral("no answer within %1 ms").arg(timeoutMs)
            : reply->errorString();
    }
    co_return;
}

DispatchEngine::Outcome DispatchEngine::classify(
    const Delivery &delivery, const RetryPolicy *policy, DeliveryAttempt attempt, bool retry)
{
    Outcome outcome;
    const int status = attempt.responseStatus;
    if (status >= 200 && status < 300) {
        outcome.status = DeliveryStatus::Delivered;
    } else {
        if (status >= 300 && status < 400 && attempt.error.isEmpty())
            attempt.error = QStringLiteral("redirects are not followed (HTTP %1)").arg(status);
        else if (status >= 400 && attempt.error.isEmpty())
            attempt.error = QStringLiteral("HTTP %1").arg(status);
        outcome.status = DeliveryStatus::Failed;
        // A relay target that refuses the request (4xx other than 408/429) would refuse it again.
        const bool retryable
            = !delivery.isRelay() || status == 0 || status >= 500 || status == 408 || status == 429;
        if (status == 410 && !delivery.isRelay()) {
            outcome.disableReason = QStringLiteral("the receiver answered 410 Gone");
        } else if (retry && retryable && policy && attempt.attempt < policy->maxAttempts) {
            qint64 delay = policy->delayMs(attempt.attempt + 1, m_options.random);
            if (status == 429 || status == 503) {
                const qint64 after
                    = retryAfterMs(attempt.responseHeaders, m_clock.nowMs(), qint64(policy->maxDelay * 1000));
                if (after >= 0)
                    delay = after;
            }
            outcome.status = DeliveryStatus::Pending;
            outcome.nextAttemptAt = m_clock.nowMs() + delay;
        }
    }
    // The host only: a target URL may carry a token in its path or query.
    qCDebug(lcOutbound, "delivery %s (configuration %lld) attempt %d to %s: %s, HTTP %d, %lld ms%s%s",
        qPrintable(delivery.id), delivery.configId, attempt.attempt, qPrintable(QUrl(attempt.url).host()),
        qPrintable(deliveryStatusName(outcome.status)), status, attempt.latencyMs,
        attempt.error.isEmpty() ? "" : ": ", qPrintable(attempt.error));
    outcome.attempt = std::move(attempt);
    return outcome;
}

QCoro::Task<ApiResult> DispatchEngine::persist(const Outcome &outcome, qint64 configId)
{
    // A named job, not a temporary: GCC 12 destroys class temporaries of a co_await operand twice.
    const std::function<ApiResult(SqlContext &)> job = [outcome, configId](SqlContext &context) -> ApiResult {
        DeliveryRepository::recordAttempt(context, outcome.attempt, outcome.status, outcome.nextAttemptAt);
        // Every failed attempt counts towards the config's auto-disable limit; a success resets it.
        if (configId > 0
            && WebhookConfigRepository::recordOutcome(
                context, configId, outcome.status == DeliveryStatus::Delivered, outcome.disableReason)) {
            qCInfo(lcOutbound, "configuration %lld disabled: %s", configId,
                outcome.disableReason.isEmpty() ? "too many consecutive failed deliveries"
                                                : qPrintable(outcome.disableReason));
            if (context.eventRouter())
                context.eventRouter()->invalidate(); // the config was disabled: stop routing events to it
        }
        return ApiResponse {};
    };
    auto result = co_await write(job);
    if (m_bus)
        Q_EMIT m_bus->deliveryUpdated(outcome.attempt.deliveryId, deliveryStatusName(outcome.status));
    if (!outcome.disableReason.isEmpty() || outcome.status != DeliveryStatus::Delivered)
        m_configCache.remove(configId);
    co_return result;
}

QCoro::Task<> DispatchEngine::deliver(const Delivery *pending)
{
    const Delivery &delivery = *pending; // owned by m_active until the end
    if (delivery.isRelay()) {
        co_await deliverRelay(delivery);
        m_inFlight.fetch_sub(1);
        m_active.erase(delivery.id); // destroys `delivery`: nothing below may use it
        schedulePoll();
        co_return;
    }
    const auto config = this->config(delivery.configId);
    Outcome outcome;
    if (!config || !config->isActive()) {
        DeliveryAttempt attempt;
        attempt.deliveryId = delivery.id;
        attempt.attempt = delivery.attempts + 1;
        attempt.startedAt = m_clock.nowMs();
        attempt.url = config ? config->url : QString();
        attempt.requestBody = delivery.payload;
        attempt.error = config
            ? QStringLiteral("configuration is %1%2; retry once it is active again")
                  .arg(webhookStatusName(config->status),
                      config->disabledReason.isEmpty()
                          ? QString()
                          : QStringLiteral(" (") + config->disabledReason + QLatin1Char(')'))
            : QStringLiteral("configuration %1 was deleted").arg(delivery.configId);
        outcome.attempt = attempt;
        outcome.status = DeliveryStatus::Failed;
    } else {
        auto attempt = co_await send(delivery, *config, delivery.attempts + 1);
        outcome = classify(delivery, &config->retry, std::move(attempt), !delivery.isTest);
    }
    co_await persist(outcome, config && config->isActive() ? delivery.configId : 0);
    m_inFlight.fetch_sub(1);
    m_active.erase(delivery.id); // destroys `delivery`: nothing below may use it
    schedulePoll();
}

std::optional<RelayTarget> DispatchEngine::relayTarget(qint64 id)
{
    try {
        return RelayTargetRepository::find(*m_reads, id);
    } catch (const SqlError &e) {
        qCWarning(lcOutbound, "dispatcher: %s", qPrintable(e.message()));
        return std::nullopt;
    }
}

QCoro::Task<> DispatchEngine::deliverRelay(const Delivery &delivery)
{
    const auto target = relayTarget(delivery.relayTargetId);
    Outcome outcome;
    if (!target || !target->enabled) {
        DeliveryAttempt attempt;
        attempt.deliveryId = delivery.id;
        attempt.attempt = delivery.attempts + 1;
        attempt.startedAt = m_clock.nowMs();
        attempt.url
            = target ? relay::targetUrl(target->url, target->appendPath, delivery.relayPath) : QString();
        attempt.requestHeaders = delivery.relayHeaders;
        attempt.requestBody = delivery.payload;
        attempt.error = target
            ? QStringLiteral("relay target %1 is disabled; retry once it is enabled again").arg(target->id)
            : QStringLiteral("relay target %1 was deleted").arg(delivery.relayTargetId);
        outcome.attempt = attempt;
        outcome.status = DeliveryStatus::Failed;
    } else {
        auto attempt = co_await sendRelay(delivery, *target, delivery.attempts + 1);
        const auto policy = target->retryPolicy();
        outcome = classify(delivery, &policy, std::move(attempt), true);
    }
    co_await persist(outcome, 0);
}

QCoro::Task<> DispatchEngine::test(TestRequest *request)
{
    std::unique_ptr<TestRequest> owned(request);
    const qint64 configId = request->configId;
    QString eventType = request->eventType;
    const QJsonObject payload = request->payload;
    auto answer = [request](const ApiResult &result) {
        if (request->context)
            QMetaObject::invokeMethod(
                request->context.data(), [done = request->done, result] { done(result); },
                Qt::QueuedConnection);
    };
    const auto config = this->config(configId);
    if (!config) {
        answer(ApiError {ErrorKind::NotFound, QStringLiteral("Webhook configuration not found"), {}});
        co_return;
    }
    if (eventType.isEmpty())
        eventType = config->eventTypes.value(0);
    if (!config->eventTypes.contains(eventType)) {
        answer(ApiError {ErrorKind::BadRequest,
            QStringLiteral("eventType '%1' is not one of this configuration's event types (%2)")
                .arg(eventType, config->eventTypes.join(QStringLiteral(", "))),
            {}});
        co_return;
    }
    Delivery delivery;
    delivery.id = newRecordId(u"msg_", m_clock.nowMs());
    delivery.configId = configId;
    delivery.eventId = newRecordId(u"evt_", m_clock.nowMs());
    delivery.eventType = eventType;
    delivery.source = QStringLiteral("test");
    delivery.payload = DeliveryFanout::payloadFor(eventType, m_clock.nowMs(), payload);
    delivery.isTest = true;
    const std::function<ApiResult(SqlContext &)> insert = [delivery](SqlContext &context) -> ApiResult {
        auto row = delivery;
        DeliveryRepository::insert(context, row);
        return ApiResponse {};
    };
    const auto created = co_await write(insert);
    if (isError(created)) {
        answer(created);
        co_return;
    }
    m_inFlight.fetch_add(1);
    auto attempt = co_await send(delivery, *config, 1);
    const auto outcome = classify(delivery, &config->retry, attempt, false);
    co_await persist(outcome, 0);
    m_inFlight.fetch_sub(1);
    QJsonObject details {
        {QStringLiteral("statusCode"),
            outcome.attempt.responseStatus == 0 ? QJsonValue() : QJsonValue(outcome.attempt.responseStatus)},
        {QStringLiteral("responseBody"), QString::fromUtf8(outcome.attempt.responseBody)},
        {QStringLiteral("responseBodyTruncated"), outcome.attempt.responseTruncated},
        {QStringLiteral("responseTime"), outcome.attempt.latencyMs},
        {QStringLiteral("eventId"), delivery.id}};
    if (!outcome.attempt.error.isEmpty())
        details.insert(QStringLiteral("error"), outcome.attempt.error);
    const bool ok = outcome.status == DeliveryStatus::Delivered;
    answer(ApiResponse::json(200,
        QJsonObject {{QStringLiteral("success"), ok},
            {QStringLiteral("message"),
                ok ? QStringLiteral("Test webhook sent successfully")
                   : QStringLiteral("Test webhook delivery failed")},
            {QStringLiteral("details"), details}}));
}

} // namespace sb

#include "DispatchEngine.moc"
