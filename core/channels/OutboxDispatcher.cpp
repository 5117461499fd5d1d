#include "OutboxDispatcher.h"

#include "AdapterDirectory.h"
#include "EnvironmentServices.h"
#include "OutboundCalls.h"
#include "ServiceResolver.h"
#include "domain/Clock.h"
#include "domain/EventBus.h"
#include "domain/ServiceConfigSchema.h"
#include "storage/ExternalServiceRepository.h"
#include "storage/OutboxRepository.h"
#include "storage/SqlWorker.h"
#include "storage/ThreadConnection.h"

#include <QElapsedTimer>
#include <QHash>
#include <QHostInfo>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QRandomGenerator>
#include <QSet>
#include <QTimer>
#include <atomic>
#include <cmath>
#include <memory>

Q_LOGGING_CATEGORY(lcOutbox, "switchboard.outbox", QtInfoMsg)

namespace sb {

using channels::AccessToken;
using channels::OutgoingMessage;
using channels::ProviderAdapter;
using channels::ProviderAnswer;
using channels::ProviderRequest;
using channels::SendContext;
using channels::SendOutcome;

namespace {

constexpr qint64 maxResponseBytes = 1024 * 1024;

OutgoingMessage messageFrom(const OutboxEntry &entry)
{
    const auto &r = entry.request;
    OutgoingMessage message;
    message.messageId = QString::number(entry.messageId);
    message.to = r.value(QStringLiteral("to")).toString();
    message.from = r.value(QStringLiteral("from")).toString();
    message.subject = r.value(QStringLiteral("subject")).toString();
    message.body = r.value(QStringLiteral("body")).toString();
    message.html = r.value(QStringLiteral("html")).toString();
    message.statusCallback = r.value(QStringLiteral("statusCallback")).toString();
    message.idempotencyKey = entry.idempotencyKey;
    message.extra = r.value(QStringLiteral("extra")).toObject();
    return message;
}

QStringList secretValues(const ExternalService &service)
{
    QStringList secrets;
    for (auto it = service.config.begin(); it != service.config.end(); ++it) {
        if (isSecretConfigKey(service.provider, it.key()) && it.value().isString())
            secrets.append(it.value().toString());
    }
    return secrets;
}

// Providers that take an idempotency key and drop a repeated request themselves.
bool hasProviderIdempotency(const QString &provider)
{
    return provider == serviceProviderName(ServiceProvider::OneSignal);
}

} // namespace

// One HTTP exchange's result.
struct HttpResult
{
    int status = 0;
    channels::HeaderList headers;
    QByteArray body;
    QString error;
    qint64 latencyMs = 0;
};

// A due entry picked for sending, with its service (or why it has none).
struct Claim
{
    OutboxEntry entry;
    std::optional<ExternalService> service;
    QString problem;
};
using Batch = std::vector<Claim>;

class OutboxEngine : public QObject
{
    Q_OBJECT
public:
    OutboxEngine(
        SqlWorker &writer, const Clock &clock, EventBus *bus, OutboxOptions options, SqlContext *reads)
        : m_writer(writer)
        , m_clock(clock)
        , m_bus(bus)
        , m_options(std::move(options))
        , m_reads(reads)
    {
        if (!m_options.random)
            m_options.random = [] { return QRandomGenerator::global()->generateDouble(); };
        m_pacing = m_options.environment.value(QStringLiteral("SWITCHBOARD_OUTBOX_PACING")).trimmed()
            != QLatin1String("0");
        m_manager.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
        m_timer.setSingleShot(true);
        // A coarse timer may fire 5 % late, which a paced service would lose from its rate.
        m_timer.setTimerType(Qt::PreciseTimer);
        connect(&m_timer, &QTimer::timeout, this, &OutboxEngine::poll);
    }

    int inFlight() const { return m_inFlight.load(); }
    void shutdown() { m_stopping = true; }

    // Entries left `sending`: unknown (not resent) unless the provider drops repeats itself.
    void recover()
    {
        const std::function<ApiResult(SqlContext &)> job = [](SqlContext &context) -> ApiResult {
            int unknown = 0, resent = 0;
            for (const auto &entry : OutboxRepository::interrupted(context)) {
                if (hasProviderIdempotency(entry.provider)) {
                    OutboxRepository::setStatus(context, entry.id, OutboxStatus::Pending, context.nowMs(),
                        QStringLiteral("interrupted; resent with the same idempotency key"));
                    ++resent;
                    continue;
                }
                const auto why = QStringLiteral(
                    "interrupted during an attempt: the provider may have the message; check the provider "
                    "before sending it again");
                OutboxRepository::setStatus(context, entry.id, OutboxStatus::Unknown, 0, why);
                OutboxRepository::updateMessage(
                    context, entry, {}, MessageStatus::Unknown, {}, why, QString());
                ++unknown;
            }
            if (unknown + resent > 0)
                qCWarning(lcOutbox,
                    "outbox: %d interrupted sends marked unknown, %d resent (provider idempotency)", unknown,
                    resent);
            return ApiResponse {};
        };
        write(job, [this](const ApiResult &) { schedulePoll(); });
    }

    void schedulePoll()
    {
        if (m_pollScheduled || m_stopping)
            return;
        m_pollScheduled = true;
        QMetaObject::invokeMethod(this, &OutboxEngine::poll, Qt::QueuedConnection);
    }

    void poll()
    {
        m_pollScheduled = false;
        if (m_stopping)
            return;
        const qint64 now = m_clock.nowMs();
        qint64 wait = -1; // until a paced service may send again
        const int room = m_options.maxInFlight - m_inFlight.load();
        // While many sends are in flight, wait until a quarter of the window is free: the due
        // entries are then read and claimed in one batch (one commit) instead of one by one.
        if (room > 0 && room < m_options.maxInFlight / 4 && m_inFlight.load() > 0) {
            scheduleNext(-1);
            return;
        }
        Batch batch;
        if (room > 0) {
            try {
                const auto ids = OutboxRepository::dueIds(*m_reads, now, room + int(m_active.size()) + 64);
                for (const auto id : ids) {
                    if (m_active.contains(id))
                        continue;
                    if (m_inFlight.load() + int(batch.size()) >= m_options.maxInFlight)
                        break;
                    auto entry = OutboxRepository::find(*m_reads, id);
                    if (!entry || entry->status != OutboxStatus::Pending)
                        continue;
                    QString problem;
                    auto service = serviceFor(*entry, &problem);
                    if (service) {
                        const auto key = pacingKey(*entry, *service);
                        const double interval = pacingIntervalMs(*service);
                        if (interval > 0) {
                            // Slots on a fixed grid (the next is one interval after the last slot,
                            // not after the moment it was used), so a late wake-up does not lower
                            // the rate; a slot missed by more than a tenth of the interval is not
                            // made up (no two sends closer than 0.9 intervals), and after an idle
                            // spell the grid restarts from now.
                            const double slot = m_nextSlot.value(key, 0);
                            if (slot > double(now)) {
                                const auto until = qint64(std::ceil(slot - double(now)));
                                wait = wait < 0 ? until : std::min(wait, until);
                                continue;
                            }
                            m_nextSlot.insert(key, std::max(slot, double(now) - interval / 10) + interval);
                        }
                    }
                    batch.push_back(Claim {std::move(*entry), std::move(service), problem});
                }
            } catch (const SqlError &e) {
                qCWarning(lcOutbox, "outbox: %s", qPrintable(e.message()));
            }
        }
        if (!batch.empty())
            start(std::move(batch));
        scheduleNext(wait);
    }

    void sendNow(const ExternalService &service, const OutgoingMessage &message, QPointer<QObject> context,
        std::function<void(const OutboxTestResult &)> done)
    {
        m_inFlight.fetch_add(1);
        const auto startedAt = m_clock.nowMs();
        exchange(service, message,
            [this, service, context, done, startedAt](
                const ProviderRequest &request, const HttpResult &http, const ProviderAnswer &answer) {
                OutboxTestResult result;
                result.answer = answer;
                result.httpStatus = http.status;
                result.error = http.error;
                result.latencyMs = http.latencyMs;
                result.attempt = OutboxRepository::masked(
                    attemptOf(0, 1, startedAt, request, http), secretValues(service));
                qCInfo(lcOutbox, "test send through %s (%s): HTTP %d, %lld ms%s%s", qPrintable(service.name),
                    qPrintable(serviceProviderName(service.provider)), http.status, http.latencyMs,
                    result.attempt.error.isEmpty() ? "" : ": ", qPrintable(result.attempt.error));
                m_inFlight.fetch_sub(1);
                if (context)
                    QMetaObject::invokeMethod(
                        context.data(), [done, result] { done(result); }, Qt::QueuedConnection);
            });
    }

private:
    std::optional<ExternalService> serviceFor(const OutboxEntry &entry, QString *problem)
    {
        const auto provider = serviceProviderFromName(entry.provider);
        if (!provider) {
            *problem = QStringLiteral("unknown provider %1").arg(entry.provider);
            return std::nullopt;
        }
        std::optional<ExternalService> service;
        if (entry.serviceId > 0) {
            service = ExternalServiceRepository::get(*m_reads, entry.serviceId);
            if (!service) {
                *problem = QStringLiteral("external service %1 was deleted").arg(entry.serviceId);
                return std::nullopt;
            }
            if (!service->active) {
                *problem = QStringLiteral("external service %1 is not active").arg(entry.serviceId);
                return std::nullopt;
            }
        } else {
            service = environmentService(*provider, m_options.environment);
            if (!service) {
                *problem
                    = QStringLiteral("the %1 environment variables are no longer set").arg(entry.provider);
                return std::nullopt;
            }
        }
        ServiceResolver::applyBaseUrl(*service, m_options.environment);
        return service;
    }

    QString pacingKey(const OutboxEntry &entry, const ExternalService &service) const
    {
        QString sender = entry.request.value(QStringLiteral("from")).toString();
        if (sender.isEmpty())
            sender = service.config.value(QStringLiteral("from_number")).toString();
        return entry.provider + QLatin1Char('/') + QString::number(service.id) + QLatin1Char('/') + sender;
    }

    double pacingIntervalMs(const ExternalService &service) const
    {
        if (!m_pacing)
            return 0;
        const auto configured = service.config.value(QStringLiteral("messages_per_second"));
        double rate = 0;
        if (configured.isDouble())
            rate = configured.toDouble();
        else if (configured.isString())
            rate = configured.toString().toDouble();
        else if (service.provider == ServiceProvider::Twilio)
            rate = 1;
        return rate > 0 ? 1000.0 / rate : 0;
    }

    void scheduleNext(qint64 pacingWait)
    {
        if (m_stopping)
            return;
        qint64 waitMs = 30000;
        try {
            const qint64 next = OutboxRepository::nextDue(*m_reads);
            if (next > 0)
                waitMs = std::clamp<qint64>(next - m_clock.nowMs(), 0, 30000);
        } catch (const SqlError &) { }
        // Paced entries are due already: wait for their service's next slot instead.
        if (pacingWait >= 0)
            waitMs = pacingWait;
        if (m_inFlight.load() > 0 && pacingWait < 0)
            return; // a finishing attempt polls again
        if (!m_timer.isActive() || m_timer.remainingTime() > waitMs)
            m_timer.start(int(std::max<qint64>(waitMs, 1)));
    }

    void write(const std::function<ApiResult(SqlContext &)> &job, std::function<void(const ApiResult &)> done)
    {
        SqlJob sqlJob;
        sqlJob.run = job;
        sqlJob.replyContext = this;
        sqlJob.done = std::move(done);
        m_writer.submit(std::move(sqlJob));
    }

    static OutboxAttempt attemptOf(
        qint64 outboxId, int number, qint64 startedAt, const ProviderRequest &request, const HttpResult &http)
    {
        OutboxAttempt attempt;
        attempt.outboxId = outboxId;
        attempt.attempt = number;
        attempt.startedAt = startedAt;
        attempt.url = request.url.toString();
        attempt.requestHeaders = request.headers;
        attempt.requestBody = request.body;
        attempt.responseStatus = http.status;
        attempt.responseHeaders = http.headers;
        attempt.responseBody = http.body;
        attempt.latencyMs = http.latencyMs;
        attempt.error = http.error;
        return attempt;
    }

    // Claims the batch's entries (pending → sending) in one commit, then sends each one claimed.
    void start(Batch batch)
    {
        std::vector<qint64> ids;
        for (const auto &claim : batch) {
            m_active.insert(claim.entry.id);
            ids.push_back(claim.entry.id);
        }
        m_inFlight.fetch_add(int(batch.size()));
        auto claimed = std::make_shared<QSet<qint64>>();
        const std::function<ApiResult(SqlContext &)> job = [ids, claimed](SqlContext &context) -> ApiResult {
            claimed->clear(); // the writer may run a job again after a failed commit
            for (const auto id : ids) {
                if (OutboxRepository::markSending(context, id))
                    claimed->insert(id);
            }
            return ApiResponse {};
        };
        write(job, [this, batch = std::move(batch), claimed](const ApiResult &result) {
            for (const auto &claim : batch) {
                if (isError(result) || m_stopping || !claimed->contains(claim.entry.id))
                    finish(claim.entry.id);
                else
                    send(claim.entry, claim.service, claim.problem);
            }
        });
    }

    void send(const OutboxEntry &entry, const std::optional<ExternalService> &service, const QString &problem)
    {
        {
            const auto startedAt = m_clock.nowMs();
            if (!service) {
                ProviderRequest none;
                HttpResult http;
                http.error = problem;
                ProviderAnswer answer;
                answer.outcome = SendOutcome::Rejected;
                answer.errorMessage = problem;
                record(entry, {}, none, http, answer, startedAt);
                return;
            }
            exchange(*service, messageFrom(entry),
                [this, entry, service, startedAt](
                    const ProviderRequest &request, const HttpResult &http, const ProviderAnswer &answer) {
                    record(entry, secretValues(*service), request, http, answer, startedAt);
                });
        }
    }

    using Exchanged
        = std::function<void(const ProviderRequest &, const HttpResult &, const ProviderAnswer &)>;

    // Fetches an access token first when the adapter needs one (cached until it expires).
    void exchange(const ExternalService &service, const OutgoingMessage &message, Exchanged done)
    {
        const auto *adapter = channels::adapterFor(service.provider);
        SendContext context;
        context.now = m_clock.now();
        const auto tokenRequest = adapter->tokenRequest(service.config, context);
        if (!tokenRequest) {
            sendMessage(*adapter, service, message, context, std::move(done));
            return;
        }
        const QString tokenKey = QString::number(service.id) + QLatin1Char('/')
            + service.config.value(QStringLiteral("client_email")).toString();
        const auto cached = m_tokens.constFind(tokenKey);
        if (cached != m_tokens.cend() && cached->expiresAt > context.now.addSecs(60)) {
            context.accessToken = cached->token;
            sendMessage(*adapter, service, message, context, std::move(done));
            return;
        }
        http(*tokenRequest,
            [this, adapter, service, message, context, tokenKey, done, tokenRequest](
                const HttpResult &answer) mutable {
                const auto token = adapter->readToken(answer.status, answer.body, m_clock.now());
                if (!token) {
                    ProviderAnswer failed = channels::classifyStatus(answer.status, answer.headers);
                    if (answer.status == 0)
                        failed.outcome = SendOutcome::Retry;
                    failed.errorMessage = answer.error.isEmpty()
                        ? QStringLiteral("the OAuth token request was refused (HTTP %1)").arg(answer.status)
                        : answer.error;
                    done(*tokenRequest, answer, failed);
                    return;
                }
                m_tokens.insert(tokenKey, *token);
                context.accessToken = token->token;
                sendMessage(*adapter, service, message, context, done);
            });
    }

    void sendMessage(const ProviderAdapter &adapter, const ExternalService &service,
        const OutgoingMessage &message, const SendContext &context, Exchanged done)
    {
        const auto request = adapter.request(message, service.config, context);
        http(request, [&adapter, request, done](const HttpResult &answer) {
            ProviderAnswer read;
            if (answer.status == 0) {
                read.outcome = SendOutcome::Retry;
                read.errorMessage = answer.error;
            } else {
                read = adapter.interpret(answer.status, answer.headers, answer.body);
            }
            done(request, answer, read);
        });
    }

    // One HTTP request under the URL policy.
    void http(const ProviderRequest &request, std::function<void(const HttpResult &)> done)
    {
        const QUrl url = request.url;
        auto refuse = [done](const QString &why) {
            HttpResult result;
            result.error = why;
            done(result);
        };
        if (!url.isValid()
            || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))) {
            refuse(QStringLiteral("not an http(s) URL"));
            return;
        }
        const QHostAddress address(url.host());
        if (!address.isNull()) {
            const auto refused = m_options.policy.check(address);
            if (!refused.isEmpty()) {
                refuse(refused);
                return;
            }
            post(request, std::move(done));
            return;
        }
        if (m_options.policy.mode() == UrlPolicy::Mode::Dev) {
            post(request, std::move(done));
            return;
        }
        QPointer<OutboxEngine> self(this);
        QHostInfo::lookupHost(url.host(), this, [self, request, done, refuse](const QHostInfo &info) {
            if (!self)
                return;
            if (info.error() != QHostInfo::NoError || info.addresses().isEmpty()) {
                refuse(QStringLiteral("cannot resolve %1: %2").arg(request.url.host(), info.errorString()));
                return;
            }
            for (const auto &candidate : info.addresses()) {
                const auto refused = self->m_options.policy.check(candidate);
                if (!refused.isEmpty()) {
                    refuse(request.url.host() + QStringLiteral(" resolves to ") + candidate.toString()
                        + QStringLiteral(": ") + refused);
                    return;
                }
            }
            self->post(request, done);
        });
    }

    void post(const ProviderRequest &request, std::function<void(const HttpResult &)> done)
    {
        QNetworkRequest network(request.url);
        for (const auto &[name, value] : request.headers)
            network.setRawHeader(name, value);
        network.setTransferTimeout(m_options.timeoutMs);
        network.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        auto elapsed = std::make_shared<QElapsedTimer>();
        elapsed->start();
        QNetworkReply *reply = m_manager.sendCustomRequest(network, request.method, request.body);
        connect(reply, &QNetworkReply::finished, this, [reply, elapsed, done, timeout = m_options.timeoutMs] {
            reply->deleteLater();
            HttpResult result;
            result.latencyMs = elapsed->elapsed();
            result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            result.headers = reply->rawHeaderPairs();
            result.body = reply->read(maxResponseBytes);
            if (result.status == 0)
                result.error = reply->error() == QNetworkReply::OperationCanceledError
                    ? QStringLiteral("no answer within %1 ms").arg(timeout)
                    : reply->errorString();
            done(result);
        });
    }

    void record(const OutboxEntry &entry, const QStringList &secrets, const ProviderRequest &request,
        const HttpResult &http, const ProviderAnswer &answer, qint64 startedAt)
    {
        const int number = entry.attempts + 1;
        auto attempt = attemptOf(entry.id, number, startedAt, request, http);
        OutboxStatus status = OutboxStatus::Failed;
        qint64 nextAttemptAt = 0;
        std::optional<MessageStatus> messageStatus;
        QString errorCode = answer.errorCode;
        QString errorMessage = answer.errorMessage;
        switch (answer.outcome) {
        case SendOutcome::Accepted: {
            status = OutboxStatus::Sent;
            const auto said = messageStatusFromName(answer.providerStatus);
            messageStatus = said && messageStatusRank(*said) <= messageStatusRank(MessageStatus::Sent)
                    && *said != MessageStatus::Unknown && messageStatusRank(*said) > 0
                ? *said
                : MessageStatus::Sent;
            errorCode.clear();
            errorMessage.clear();
            break;
        }
        case SendOutcome::Rejected:
            status = OutboxStatus::Failed;
            messageStatus = MessageStatus::Failed;
            break;
        case SendOutcome::Retry:
            if (number < m_options.retry.maxAttempts) {
                status = OutboxStatus::Pending;
                qint64 delay = m_options.retry.delayMs(number + 1, m_options.random);
                if (answer.retryAfterSeconds)
                    delay = std::clamp<qint64>(
                        qint64(*answer.retryAfterSeconds) * 1000, 0, qint64(m_options.retry.maxDelay * 1000));
                nextAttemptAt = m_clock.nowMs() + delay;
            } else {
                status = OutboxStatus::Failed;
                messageStatus = MessageStatus::Failed;
                if (errorMessage.isEmpty())
                    errorMessage = QStringLiteral("gave up after %1 attempts").arg(number);
            }
            break;
        }
        if (attempt.error.isEmpty() && answer.outcome != SendOutcome::Accepted) {
            attempt.error
                = errorCode.isEmpty() ? errorMessage : errorCode + QStringLiteral(": ") + errorMessage;
            if (attempt.error.isEmpty())
                attempt.error = QStringLiteral("HTTP %1").arg(http.status);
        }
        qCDebug(lcOutbox, "outbox %lld attempt %d (%s): %s, HTTP %d, %lld ms", entry.id, number,
            qPrintable(entry.provider), qPrintable(outboxStatusName(status)), http.status, http.latencyMs);
        const QString providerId = answer.outcome == SendOutcome::Accepted ? answer.providerId : QString();
        const QString providerStatus = answer.providerStatus;
        const std::function<ApiResult(SqlContext &)> job
            = [entry, attempt, secrets, status, nextAttemptAt, providerId, providerStatus, messageStatus,
                  errorCode, errorMessage](SqlContext &context) -> ApiResult {
            OutboxRepository::recordAttempt(context, attempt, secrets, status, nextAttemptAt, providerId);
            if (messageStatus)
                OutboxRepository::updateMessage(
                    context, entry, providerId, messageStatus, errorCode, errorMessage, QString());
            OutboundCalls::recordOutcome(context, entry, status, providerId, providerStatus, errorMessage);
            return ApiResponse {};
        };
        write(job, [this, id = entry.id](const ApiResult &) { finish(id); });
    }

    void finish(qint64 id)
    {
        m_active.remove(id);
        m_inFlight.fetch_sub(1);
        schedulePoll();
    }

    SqlWorker &m_writer;
    const Clock &m_clock;
    EventBus *m_bus;
    OutboxOptions m_options;
    SqlContext *m_reads;
    QNetworkAccessManager m_manager;
    QSet<qint64> m_active;
    std::atomic<int> m_inFlight {0};
    QHash<QString, double> m_nextSlot; // pacing key → the next send's slot (ms on the clock)
    QHash<QString, AccessToken> m_tokens;
    QTimer m_timer;
    bool m_pacing = true;
    bool m_stopping = false;
    bool m_pollScheduled = false;
};

OutboxDispatcher::OutboxDispatcher(SqlWorker &writer, DatabaseOptions database, const Clock &clock,
    EventBus *bus, OutboxOptions options, QObject *parent)
    : QObject(parent)
    , m_writer(writer)
    , m_database(std::move(database))
    , m_clock(clock)
    , m_bus(bus)
    , m_options(std::move(options))
{
    m_thread.setObjectName(QStringLiteral("sb-outbox"));
}

OutboxDispatcher::~OutboxDispatcher()
{
    stop(0);
}

bool OutboxDispatcher::start(QString *error)
{
    m_thread.start();
    m_engine = static_cast<OutboxEngine *>(openOnThread(
        m_thread, QStringLiteral("sb-outbox"), m_database, m_clock,
        [this](SqlContext *reads) { return new OutboxEngine(m_writer, m_clock, m_bus, m_options, reads); },
        error));
    if (!m_engine) {
        m_thread.quit();
        m_thread.wait();
        return false;
    }
    QMetaObject::invokeMethod(m_engine, &OutboxEngine::recover, Qt::QueuedConnection);
    qCInfo(lcOutbox, "outbox dispatcher started");
    return true;
}

void OutboxDispatcher::stop(int drainMs)
{
    if (!m_engine)
        return;
    QMetaObject::invokeMethod(
        m_engine, [engine = m_engine] { engine->shutdown(); }, Qt::BlockingQueuedConnection);
    QElapsedTimer waited;
    waited.start();
    while (m_engine->inFlight() > 0 && waited.elapsed() < drainMs)
        QThread::msleep(5);
    if (m_engine->inFlight() == 0) {
        QMetaObject::invokeMethod(
            m_engine, [engine = m_engine] { delete engine; }, Qt::BlockingQueuedConnection);
    } else {
        // Attempts still running: their entries stay `sending` and are resolved at the next start.
        qCWarning(lcOutbox, "outbox: %d sends still in flight at shutdown", m_engine->inFlight());
    }
    m_engine = nullptr;
    m_thread.quit();
    m_thread.wait();
}

void OutboxDispatcher::wake()
{
    if (m_engine)
        QMetaObject::invokeMethod(m_engine, &OutboxEngine::schedulePoll, Qt::QueuedConnection);
}

int OutboxDispatcher::inFlight() const
{
    return m_engine ? m_engine->inFlight() : 0;
}

void OutboxDispatcher::sendNow(const ExternalService &service, const channels::OutgoingMessage &message,
    QObject *context, std::function<void(const OutboxTestResult &)> done)
{
    if (!m_engine) {
        OutboxTestResult result;
        result.error = QStringLiteral("the outbox dispatcher is not running");
        done(result);
        return;
    }
    QMetaObject::invokeMethod(
        m_engine,
        [engine = m_engine, service, message, guard = QPointer<QObject>(context), done = std::move(done)] {
            engine->sendNow(service, message, guard, done);
        },
        Qt::QueuedConnection);
}

} // namespace sb

#include "OutboxDispatcher.moc"
