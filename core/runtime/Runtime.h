#pragma once

#include "RuntimeOptions.h"
#include "channels/AiAnalysis.h"
#include "channels/CampaignRunner.h"
#include "channels/Handovers.h"
#include "channels/OutboxDispatcher.h"
#include "channels/RecordingFetcher.h"
#include "channels/Transcriber.h"
#include "domain/Clock.h"
#include "domain/EventBus.h"
#include "inbound/InboundReplay.h"
#include "leads/FollowUps.h"
#include "leads/LeadScores.h"
#include "leads/TaskReminders.h"
#include "outbound/DeliveryFanout.h"
#include "outbound/Dispatcher.h"
#include "security/ApiKeys.h"
#include "server/HttpService.h"
#include "server/LiveHub.h"
#include "server/Router.h"
#include "storage/Database.h"
#include "storage/SecretStore.h"
#include "storage/SqlWorker.h"

#include <QLockFile>
#include <QObject>
#include <memory>

namespace sb {

// The running product without its windows: data dir lock, database, writer and reader threads,
// routes and the server thread. The console and headless mode both drive one of these.
class Runtime : public QObject
{
    Q_OBJECT
public:
    explicit Runtime(RuntimeOptions options, const Clock *clock = nullptr, QObject *parent = nullptr);
    // For tests: the jitter source of retry delays.
    void setRetryRandom(std::function<double()> random) { m_retryRandom = std::move(random); }
    ~Runtime() override;

    bool start(QString *error);
    // Stops accepting, answers what is in flight, commits, closes.
    void stop();

    const RuntimeOptions &options() const { return m_options; }
    const DatabaseOptions &databaseOptions() const { return m_databaseOptions; }
    EventBus &bus() { return m_bus; }
    SqlWorker &writer() { return *m_writer; }
    SqlWorker &reader() { return *m_reader; }
    SecretStore &secrets() { return m_secrets; }
    ApiKeyRegistry &apiKeys() { return m_keys; }
    HttpService &http() { return *m_http; }
    Dispatcher &dispatcher() { return *m_dispatcher; }
    OutboxDispatcher &outbox() { return *m_outbox; }
    // The AI analysis queue. Null while stopped.
    AiAnalyzer *analyzer() { return m_analyzer.get(); }
    // The live streams (/ws, SSE): their client count for the status bar. Null while stopped.
    LiveHub *live() { return m_live.get(); }
    const Clock &clock() const { return *m_clock; }
    // The admin key made on first run (empty otherwise); shown once.
    QString firstRunApiKey() const { return m_firstRunKey; }
    QString listenUrl() const;
    // Every route of this instance (the OpenAPI document is generated from it).
    const Router &router() const { return m_router; }
    // Replays a stored inbound request through its handler (the inspector's Replay button and
    // POST /api/webhooks/inbound/{id}/replay). Null while the runtime is not started.
    InboundReplay *inboundReplay() { return m_replay.get(); }
    // Stops only the HTTP server and starts it again with a new listen address and public URL (the
    // Settings view's "Apply"); the database threads and the dispatcher keep running. When the new
    // address cannot be bound the previous one is restored and false + message is returned.
    bool restartServer(const QHostAddress &address, quint16 port, const QString &publicUrl, QString *error);

private:
    bool prepareDataDir(QString *error);
    // Data directory 0700; database, -wal, -shm and key file 0600 (fixed with a log line).
    void restrictFiles();
    int redactStoredCredentials(QSqlDatabase &db);
    void buildRoutes();
    bool startServer(QString *error);

    RuntimeOptions m_options;
    SystemClock m_systemClock;
    const Clock *m_clock;
    DatabaseOptions m_databaseOptions;
    std::unique_ptr<QLockFile> m_lock;
    EventBus m_bus;
    SecretStore m_secrets;
    ApiKeyRegistry m_keys;
    Router m_router;
    std::unique_ptr<SqlWorker> m_writer;
    std::unique_ptr<SqlWorker> m_reader;
    DeliveryFanout m_fanout;
    FollowUpRouter m_followUps {&m_fanout}; // follow-up task rules, then the fan-out
    ScoringRouter m_scoring {&m_followUps}; // scores leads, then hands events on
    HandoverRouter m_handover {&m_scoring}; // m_scoring first, then the handover rules on inbound messages
    std::unique_ptr<Dispatcher> m_dispatcher;
    std::unique_ptr<OutboxDispatcher> m_outbox;
    std::unique_ptr<CampaignRunner> m_campaigns;
    std::unique_ptr<TaskReminders> m_reminders;
    std::unique_ptr<AiAnalyzer> m_analyzer; // post-call analysis and the ai_intent rule, after the commit
    std::unique_ptr<RecordingFetcher> m_recordings; // downloads call recordings, prunes old ones
    std::unique_ptr<Transcriber> m_transcriber; // transcribes stored recordings without a transcript
    std::unique_ptr<LiveHub> m_live;
    std::unique_ptr<HttpService> m_http;
    std::unique_ptr<InboundReplay> m_replay;
    QString m_firstRunKey;
    bool m_started = false;
    std::function<double()> m_retryRandom;
};

} // namespace sb
