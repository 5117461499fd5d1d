#include "Runtime.h"

#include "ApiDocumentation.h"
#include "DemoData.h"
#include "IntelligenceRoutes.h"
#include "RecordingRouteDocs.h"
#include "RuntimeLog.h"
#include "channels/ActionItems.h"
#include "channels/AiCampaignContent.h"
#include "channels/AiDrafting.h"
#include "channels/AutoResponder.h"
#include "channels/AutoResponseRoutes.h"
#include "channels/CallRoutes.h"
#include "channels/CampaignApiRoutes.h"
#include "channels/ChannelRoutes.h"
#include "channels/ConversationApiRoutes.h"
#include "channels/HandoverRoutes.h"
#include "channels/RecordingRoutes.h"
#include "channels/SendRoutes.h"
#include "channels/SmsFallback.h"
#include "channels/TranscriptionRoutes.h"
#include "inbound/PublicUrl.h"
#include "inbound/TestWebhook.h"
#include "inbound/campaign/CampaignRoutes.h"
#include "inbound/crm/CrmRoutes.h"
#include "inbound/elevenlabs/ElevenLabsRoutes.h"
#include "inbound/mailgun/MailgunRoutes.h"
#include "inbound/signalwire/SignalWireRoutes.h"
#include "inbound/twilio/TwilioRoutes.h"
#include "leads/LeadApiRoutes.h"
#include "leads/LeadScores.h"
#include "outbound/IntegrationRoutes.h"
#include "outbound/OutboundRoutes.h"
#include "server/RouteTable.h"
#include "storage/ApiKeyRepository.h"
#include "storage/DeliveryRepository.h"
#include "storage/InboundRepository.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QVariant>

namespace sb {

namespace {

constexpr auto ownerOnlyDir = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;
constexpr auto ownerOnlyFile = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
// Qt reports the owner's bits twice (ReadOwner and ReadUser): compare the owner, group and other bits.
constexpr auto modeBits = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
    | QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup | QFileDevice::ReadOther
    | QFileDevice::WriteOther | QFileDevice::ExeOther;

QString octal(QFileDevice::Permissions permissions)
{
    int mode = 0;
    const std::pair<QFileDevice::Permission, int> bits[]
        = {{QFileDevice::ReadOwner, 0400}, {QFileDevice::WriteOwner, 0200}, {QFileDevice::ExeOwner, 0100},
            {QFileDevice::ReadGroup, 040}, {QFileDevice::WriteGroup, 020}, {QFileDevice::ExeGroup, 010},
            {QFileDevice::ReadOther, 04}, {QFileDevice::WriteOther, 02}, {QFileDevice::ExeOther, 01}};
    for (const auto &[bit, value] : bits)
        mode |= permissions.testFlag(bit) ? value : 0;
    return QStringLiteral("0%1").arg(mode, 3, 8, QLatin1Char('0'));
}

// Sets `wanted` on an existing path; notes "path 0644 → 0600" when it changed anything.
void restrict(const QString &path, QFileDevice::Permissions wanted, QStringList *changed)
{
    QFileInfo info(path);
    if (!info.exists())
        return;
    const auto now = info.permissions() & modeBits;
    if (now == wanted)
        return;
    if (QFile::setPermissions(path, wanted))
        changed->append(
            QStringLiteral("%1 %2 → %3").arg(QDir::toNativeSeparators(path), octal(now), octal(wanted)));
    else
        qCWarning(lcRuntime, "cannot restrict the permissions of %s", qPrintable(path));
}

} // namespace

Runtime::Runtime(RuntimeOptions options, const Clock *clock, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_clock(clock ? clock : &m_systemClock)
{ }

Runtime::~Runtime()
{
    stop();
}

bool Runtime::prepareDataDir(QString *error)
{
    if (m_options.dataDir.isEmpty())
        m_options.dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir dir(m_options.dataDir);
    // The directory holds secrets' key file and lead data: owner only, from its creation on.
    if (!dir.exists()
        && (!QFileInfo(dir.absolutePath()).dir().mkpath(QStringLiteral("."))
            || !QDir().mkdir(dir.absolutePath(), ownerOnlyDir))) {
        *error = QStringLiteral("cannot create the data directory %1").arg(m_options.dataDir);
        return false;
    }
    m_lock = std::make_unique<QLockFile>(dir.filePath(QStringLiteral("switchboard.lock")));
    m_lock->setStaleLockTime(0);
    if (!m_lock->tryLock(0)) {
        qint64 pid = 0;
        QString host, app;
        m_lock->getLockInfo(&pid, &host, &app);
        *error = m_lock->error() == QLockFile::LockFailedError
            ? QStringLiteral(
                "another Switchboard (pid %1 on %2) is already using the data directory %3; stop it "
                "or start this one with a different --data-dir")
                  .arg(pid)
                  .arg(host, m_options.dataDir)
            : QStringLiteral("cannot lock the data directory %1").arg(m_options.dataDir);
        m_lock.reset();
        return false;
    }
    if (!m_databaseOptions.setUrl(
            m_options.databaseUrl, dir.filePath(QStringLiteral("switchboard.db")), error))
        return false;
    if (const QString refusal = m_databaseOptions.servingRefusal(); !refusal.isEmpty()) {
        *error = refusal;
        return false;
    }
    m_databaseOptions.synchronousFull = m_options.synchronousFull;
    m_databaseOptions.secrets = &m_secrets;
    restrictFiles();
    return true;
}

void Runtime::restrictFiles()
{
    const auto database = m_databaseOptions.path;
    if (!QFileInfo::exists(database)) {
        // The engine's side files take the database file's mode: create it owner-only.
        QFile file(database);
        if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, ownerOnlyFile))
            qCWarning(
                lcRuntime, "cannot create %s: %s", qPrintable(database), qPrintable(file.errorString()));
    }
    QStringList changed;
    restrict(m_options.dataDir, ownerOnlyDir, &changed);
    // A named list: `files() << key` would be a reference into a temporary the loop outlives.
    auto files = m_databaseOptions.files();
    files.append(database + QStringLiteral(".key"));
    for (const auto &file : std::as_const(files))
        restrict(file, ownerOnlyFile, &changed);
    if (!changed.isEmpty())
        qCInfo(lcRuntime, "made private to the owner (other local users could read them): %s",
            qPrintable(changed.join(QStringLiteral(", "))));
}

bool Runtime::start(QString *error)
{
    if (m_started)
        return true;
    if (!prepareDataDir(error))
        return false;

    m_secrets.loadEnvironment(m_options.environment);
    m_secrets.setAcceptUnverified(m_options.acceptUnverified);
    m_keys.setEnvironmentKey(m_options.apiKey);

    const auto startup = QStringLiteral("sb-startup");
    try {
        auto db = Database::open(startup, m_databaseOptions);
        Database::migrate(db, m_clock->nowMs());
        SqlContext context(db, *m_clock);
        ApiKeyRepository::load(context, m_keys);
        QString secretError;
        if (!m_secrets.openKey(db, m_databaseOptions.path, m_options.secretStore, &secretError))
            throw SqlError(secretError);
        const int sealed = m_secrets.loadSettings(db, &secretError);
        if (sealed < 0)
            throw SqlError(secretError);
        if (sealed > 0)
            qCInfo(lcRuntime, "encrypted %d secrets that were stored in plain text (%s)", sealed,
                qPrintable(m_secrets.storageDescription()));
        const int redacted = redactStoredCredentials(db);
        if (sealed > 0 || redacted > 0)
            Database::scrubFreedPages(db);
        if (m_options.apiKey.isEmpty() && ApiKeyRepository::list(context).isEmpty())
            m_firstRunKey
                = ApiKeyRepository::create(context, m_keys, QStringLiteral("admin (first run)")).key;
    } catch (const SqlError &e) {
        Database::close(startup);
        *error = e.message();
        m_lock.reset();
        return false;
    }
    Database::close(startup);

    m_writer = std::make_unique<SqlWorker>(
        QStringLiteral("sb-writer"), m_databaseOptions, SqlWorker::Mode::Writer, *m_clock, &m_bus);
    m_reader = std::make_unique<SqlWorker>(
        QStringLiteral("sb-reader"), m_databaseOptions, SqlWorker::Mode::Reader, *m_clock, nullptr);
    m_handover.setSendSettings(
        SendSettings {[this] { return m_options.publicUrl; }, m_options.phoneRegion, m_options.environment});
    m_writer->setEventRouter(&m_handover);
    if (!m_writer->start(error) || !m_reader->start(error)) {
        m_writer.reset();
        m_reader.reset();
        m_lock.reset();
        return false;
    }

    DispatcherOptions dispatcherOptions;
    UrlPolicy::Mode policy = UrlPolicy::Mode::Dev;
    UrlPolicy::parse(m_options.urlPolicy, &policy);
    dispatcherOptions.policy = UrlPolicy(policy);
    dispatcherOptions.random = m_retryRandom;
    m_dispatcher
        = std::make_unique<Dispatcher>(*m_writer, m_databaseOptions, *m_clock, &m_bus, dispatcherOptions);
    if (!m_dispatcher->start(error)) {
        m_dispatcher.reset();
        stop();
        return false;
    }
    // Called in the writer thread right after the commit; wake() only posts to the dispatcher.
    connect(
        &m_bus, &EventBus::deliveriesQueued, m_dispatcher.get(), [this] { m_dispatcher->wake(); },
        Qt::DirectConnection);
    OutboxOptions outboxOptions;
    outboxOptions.policy = UrlPolicy(policy);
    outboxOptions.environment = m_options.environment;
    outboxOptions.random = m_retryRandom;
    m_outbox
        = std::make_unique<OutboxDispatcher>(*m_writer, m_databaseOptions, *m_clock, &m_bus, outboxOptions);
    if (!m_outbox->start(error)) {
        m_outbox.reset();
        stop();
        return false;
    }
    // New messages committed (the send APIs queue them with their outbox rows), or a failed send
    // queued again (SendLog::retry): look for due sends.
    connect(
        &m_bus, &EventBus::eventsPublished, m_outbox.get(),
        [this](const QList<DomainEvent> &events) {
            for (const auto &event : events) {
                if (event.type == QLatin1String("message.created")
                    || event.payload.contains(QLatin1String("requeuedOutboxId"))) {
                    m_outbox->wake();
                    return;
                }
            }
        },
        Qt::DirectConnection);
    // Inbound email stored: its receiving address's auto-response, if any (AutoResponder decides).
    connect(
        &m_bus, &EventBus::eventsPublished, this,
        [this](const QList<DomainEvent> &events) {
            for (const auto &event : events) {
                if (event.type != QLatin1String("message.created")
                    || event.payload.value(QStringLiteral("channel")).toString()
                        != channelName(Channel::Email)
                    || event.payload.value(QStringLiteral("message"))
                            .toObject()
                            .value(QStringLiteral("direction"))
                        != directionName(Direction::Inbound))
                    continue;
                SqlJob job;
                job.run = [payload = event.payload, environment = m_options.environment](
                              SqlContext &context) -> ApiResult {
                    const auto decided = AutoResponder::respond(context, payload, environment);
                    return ApiResponse::json(
                        200, QJsonObject {{QStringLiteral("autoResponse"), autoResponseSkipName(decided)}});
                };
                m_writer->submit(std::move(job));
            }
        },
        Qt::QueuedConnection);
    // A sent SMS failed: its service's email fallback, if any (SmsFallback decides, once per SMS).
    const auto fallbackSettings = [this] {
        return SendSettings {
            [this] { return m_options.publicUrl; }, m_options.phoneRegion, m_options.environment};
    };
    connect(
        &m_bus, &EventBus::eventsPublished, this,
        [this, fallbackSettings](const QList<DomainEvent> &events) {
            for (const auto &event : events) {
                if (event.type != QLatin1String("message.updated") || !SmsFallback::concerns(event.payload))
                    continue;
                SqlJob job;
                job.run = [payload = event.payload, settings = fallbackSettings()](
                              SqlContext &context) -> ApiResult {
                    const auto result = SmsFallback::onMessageUpdated(context, payload, settings);
                    return ApiResponse::json(200,
                        QJsonObject {{QStringLiteral("fallback"), smsFallbackOutcomeName(result.outcome)}});
                };
                m_writer->submit(std::move(job));
            }
        },
        Qt::QueuedConnection);
    {
        // Failures of the last day whose fallback was never decided (stopped in between).
        SqlJob job;
        job.run = [settings = fallbackSettings()](SqlContext &context) -> ApiResult {
            constexpr qint64 day = 24 * 3600 * 1000;
            const int queued = SmsFallback::sweep(context, context.nowMs() - day, settings);
            return ApiResponse::json(200, QJsonObject {{QStringLiteral("queued"), queued}});
        };
        m_writer->submit(std::move(job));
    }
    // Campaigns: running ones resume, scheduled ones start at their time.
    m_campaigns = std::make_unique<CampaignRunner>(*m_writer, m_bus, fallbackSettings());
    m_campaigns->start();
    // Follow-up task reminders (SWITCHBOARD_TASK_REMINDER_MS, default every 30 s).
    const int reminderMs
        = m_options.environment.value(QStringLiteral("SWITCHBOARD_TASK_REMINDER_MS")).toInt();
    m_reminders = std::make_unique<TaskReminders>(*m_writer, reminderMs > 0 ? reminderMs : 30'000);
    m_analyzer = std::make_unique<AiAnalyzer>(
        *m_reader, *m_writer, m_bus, m_options.environment, fallbackSettings());
    m_analyzer->start();
    // Call recordings: downloads (SWITCHBOARD_RECORDING_POLL_MS, default every 5 s) and retention.
    {
        RecordingFetcherOptions recordingOptions;
        recordingOptions.directory = QDir(m_options.dataDir).filePath(QStringLiteral("recordings"));
        recordingOptions.environment = m_options.environment;
        const int pollMs
            = m_options.environment.value(QStringLiteral("SWITCHBOARD_RECORDING_POLL_MS")).toInt();
        if (pollMs > 0)
            recordingOptions.pollMs = pollMs;
        recordingOptions.random = m_retryRandom;
        m_recordings = std::make_unique<RecordingFetcher>(*m_writer, std::move(recordingOptions));
        connect(
            &m_bus, &EventBus::eventsPublished, m_recordings.get(),
            [this](const QList<DomainEvent> &events) {
                for (const auto &event : events) {
                    if (event.type == QLatin1String("recording.completed")) {
                        m_recordings->wake();
                        return;
                    }
                }
            },
            Qt::QueuedConnection);
        m_recordings->start();
    }
    // Transcription of stored recordings without a transcript (SWITCHBOARD_TRANSCRIPTION_POLL_MS).
    {
        TranscriberOptions transcriberOptions;
        transcriberOptions.environment = m_options.environment;
        const int pollMs
            = m_options.environment.value(QStringLiteral("SWITCHBOARD_TRANSCRIPTION_POLL_MS")).toInt();
        if (pollMs > 0)
            transcriberOptions.pollMs = pollMs;
        const int retryMs
            = m_options.environment.value(QStringLiteral("SWITCHBOARD_TRANSCRIPTION_RETRY_MS")).toInt();
        if (retryMs > 0)
            transcriberOptions.retryDelayMs = retryMs;
        transcriberOptions.transcribed = [analyzer = QPointer<AiAnalyzer>(m_analyzer.get())](qint64 callId) {
            if (analyzer)
                analyzer->analyseCall(callId);
        };
        m_transcriber = std::make_unique<Transcriber>(*m_writer, std::move(transcriberOptions));
        m_transcriber->start();
    }
    if (m_options.demo && !DemoData::seed(*m_writer, error)) {
        stop();
        return false;
    }
    LeadScores::backfill(
        [this](SqlJob job) {
            if (m_writer)
                m_writer->submit(std::move(job));
        },
        this);

    m_live = std::make_unique<LiveHub>(m_bus, *m_reader, *m_writer, m_keys, *m_clock,
        LiveOptions::fromEnvironment(m_options.environment, m_options.adminRemote));
    m_live->start();
    buildRoutes();

    if (!startServer(error)) {
        stop();
        return false;
    }
    m_started = true;
    qCInfo(lcRuntime, "started: data in %s, secrets %s", qPrintable(m_databaseOptions.path),
        qPrintable(m_secrets.storageDescription()));
    return true;
}

bool Runtime::startServer(QString *error)
{
    HttpServiceOptions serverOptions;
    serverOptions.address = m_options.listenAddress;
    serverOptions.port = m_options.listenPort;
    serverOptions.pipeline.rateLimitPerMinute = m_options.rateLimitPerMinute;
    serverOptions.pipeline.adminRemote = m_options.adminRemote;
    serverOptions.pipeline.cors = CorsPolicy(m_options.corsOrigins);
    // Server limits for operators who need other values (and for tests): whole numbers only.
    const auto limit = [this](const char *name, auto *target, qint64 minimum) {
        const auto text = m_options.environment.value(QString::fromLatin1(name));
        bool ok = false;
        const auto value = text.toLongLong(&ok);
        if (!text.isEmpty() && ok && value >= minimum && value <= std::numeric_limits<int>::max())
            *target = static_cast<std::remove_pointer_t<decltype(target)>>(value);
    };
    limit("SWITCHBOARD_MAX_PENDING_CONNECTIONS", &serverOptions.limits.maxPendingConnections, 1);
    limit("SWITCHBOARD_PENDING_GRACE_MS", &serverOptions.limits.pendingGraceMs, 0);
    limit("SWITCHBOARD_HEAD_TIMEOUT_MS", &serverOptions.limits.connection.headTimeoutMs, 1);
    limit("SWITCHBOARD_BODY_TIMEOUT_MS", &serverOptions.limits.connection.bodyTimeoutMs, 1);
    limit("SWITCHBOARD_IDLE_TIMEOUT_MS", &serverOptions.limits.connection.idleTimeoutMs, 1);
    QString proxyError;
    if (!serverOptions.pipeline.trustedProxies.parse(m_options.effectiveTrustedProxies(), &proxyError)) {
        *error = QStringLiteral("--trusted-proxy: ") + proxyError;
        return false;
    }
    m_http = std::make_unique<HttpService>(m_router, *m_writer, *m_reader, m_keys, *m_clock, serverOptions);
    if (!m_http->start(error)) {
        m_http.reset();
        return false;
    }
    return true;
}

bool Runtime::restartServer(
    const QHostAddress &address, quint16 port, const QString &publicUrl, QString *error)
{
    if (!m_started)
        return false;
    const auto previous = m_options;
    if (m_http)
        m_http->stop();
    m_http.reset();
    m_options.listenAddress = address;
    m_options.listenPort = port;
    m_options.publicUrl = publicUrl;
    if (startServer(error))
        return true;
    // Keep the console reachable: back to the address that worked.
    m_options = previous;
    QString ignored;
    startServer(&ignored);
    return false;
}

void Runtime::buildRoutes()
{
    routes::addHealth(m_router);
    registerTestWebhook(m_router);
    registerCrmRoutes(m_router, CrmDependencies {m_secrets, m_options.phoneRegion});
    registerConfigRoutes(m_router, OutboundDependencies {*m_dispatcher, m_fanout});
    registerCommunicationsRoutes(m_router, OutboundDependencies {*m_dispatcher, m_fanout});
    registerEventRoutes(m_router);
    registerExternalServiceRoutes(m_router);
    registerSendRoutes(m_router,
        SendDependencies {*m_outbox, *m_reader, [this] { return m_options.publicUrl; }, m_options.phoneRegion,
            m_options.environment});
    registerCallRoutes(m_router, CallDependencies {m_options.phoneRegion, m_options.environment});
    registerAutoResponseRoutes(m_router);
    for (auto &route : leadApiRoutes(LeadApiDependencies {m_options.phoneRegion}))
        (route.read ? routes::addQuery : routes::addCommand)(m_router, route.method, route.path,
            ApiFamily::Communications, route.handlerName, std::move(route.handler));
    registerConversationApiRoutes(m_router);
    registerHandoverRoutes(m_router,
        SendSettings {[this] { return m_options.publicUrl; }, m_options.phoneRegion, m_options.environment});
    registerAiRoutes(m_router, AiRouteDependencies {*m_reader, *m_writer, m_options.environment});
    registerAiCampaignContentRoutes(
        m_router, AiRouteDependencies {*m_reader, *m_writer, m_options.environment});
    registerIntegrationRoutes(m_router, m_keys);
    // The public URL is read per request: restartServer() may change it.
    const ProviderDependencies providers {
        m_secrets, [this] { return m_options.publicUrl; }, m_options.phoneRegion};
    registerTwilioRoutes(m_router, providers);
    registerMailgunRoutes(m_router, providers);
    registerSignalWireRoutes(m_router, providers);
    registerElevenLabsRoutes(m_router, providers);
    registerCampaignRoutes(m_router, providers);
    registerCampaignApiRoutes(m_router);
    registerIntelligenceRoutes(m_router);
    registerActionItemRoutes(m_router);
    registerRecordingRoutes(
        m_router, RecordingRouteDependencies {[fetcher = QPointer<RecordingFetcher>(m_recordings.get())] {
            QMetaObject::invokeMethod(
                fetcher,
                [fetcher] {
                    if (fetcher)
                        fetcher->wake();
                },
                Qt::QueuedConnection);
        }});
    documentRecordingRoutes(m_router);
    registerTranscriptionRoutes(m_router,
        TranscriptionRouteDependencies {
            m_options.environment, [transcriber = QPointer<Transcriber>(m_transcriber.get())] {
                QMetaObject::invokeMethod(
                    transcriber,
                    [transcriber] {
                        if (transcriber)
                            transcriber->wake();
                    },
                    Qt::QueuedConnection);
            }});
    m_replay = std::make_unique<InboundReplay>(
        *m_reader, [this](ApiRequest request, const QString &replayOf, auto reply) {
            return m_http && m_http->replay(std::move(request), replayOf, std::move(reply));
        });
    InboundReplay::registerRoute(m_router, *m_replay);
    registerLiveRoutes(m_router, *m_live);
    registerRelayRoutes(m_router,
        RelayDependencies {*m_dispatcher, m_fanout,
            [this](const ApiRequest &request) { return PublicUrl::of(request, m_options.publicUrl); }});
    registerApiDocumentation(m_router);
}

int Runtime::redactStoredCredentials(QSqlDatabase &db)
{
    // Migration 7 leaves this marker: requests and attempts stored before credential headers were
    // redacted on insert are rewritten once.
    const auto marker = QStringLiteral("pending/redact-credential-headers");
    QSqlQuery pending(db);
    pending.prepare(QStringLiteral("SELECT 1 FROM settings WHERE key = ?"));
    pending.addBindValue(marker);
    execOrThrow(pending);
    if (!pending.next())
        return 0;
    pending.finish();
    if (!db.transaction())
        throw SqlError(QStringLiteral("cannot begin a transaction"));
    int rows = 0;
    try {
        SqlContext context(db, *m_clock, &m_secrets);
        rows = InboundRepository::redactStoredCredentials(context, m_secrets.headerRedaction())
            + DeliveryRepository::redactStoredCredentials(context);
        context.run(QStringLiteral("DELETE FROM settings WHERE key = ?"), {marker});
    } catch (...) {
        db.rollback();
        throw;
    }
    if (!db.commit())
        throw SqlError(QStringLiteral("cannot commit the redaction of stored credentials"));
    if (rows > 0)
        qCInfo(lcRuntime, "redacted credential headers in %d stored requests and delivery attempts", rows);
    return rows;
}

void Runtime::stop()
{
    if (m_http)
        m_http->stop();
    m_http.reset();
    if (m_live)
        m_live->stop(); // before the reader and writer its replays and pruning use
    m_live.reset();
    if (m_campaigns)
        m_campaigns->stop();
    if (m_transcriber)
        m_transcriber->stop();
    m_transcriber.reset();
    m_analyzer.reset(); // its jobs answer nobody once it is gone
    if (m_recordings)
        m_recordings->stop();
    if (m_outbox)
        m_outbox->stop();
    m_outbox.reset();
    if (m_dispatcher)
        m_dispatcher->stop();
    m_dispatcher.reset();
    m_replay.reset();
    if (m_writer)
        m_writer->stop();
    // Destroyed once the writer has stopped: a tick's answer is posted to it from the writer thread,
    // and the object must not go while that thread may still be posting to it.
    m_campaigns.reset();
    m_reminders.reset();
    m_recordings.reset();
    if (m_reader)
        m_reader->stop();
    m_writer.reset();
    m_reader.reset();
    m_lock.reset();
    if (m_started)
        qCInfo(lcRuntime, "stopped");
    m_started = false;
}

QString Runtime::listenUrl() const
{
    return m_http ? m_http->url() : QString();
}

} // namespace sb
