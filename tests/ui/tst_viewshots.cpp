// Screenshots of every view over --demo data plus a few provider callbacks, for people to look at:
// scripts/screenshots.sh, or SWITCHBOARD_SCREENSHOT_DIR=/tmp/shots ./tst_viewshots (skipped without it).
#include "CampaignSeed.h"
#include "MainWindow.h"
#include "TestSupport.h"
#include "campaigns/CampaignAnalyticsPanel.h"
#include "campaigns/CampaignContentDialog.h"
#include "campaigns/CampaignEditorDialog.h"
#include "campaigns/CampaignLaunchDialog.h"
#include "campaigns/CampaignListModel.h"
#include "campaigns/CampaignsView.h"
#include "common/Theme.h"
#include "conversations/ConversationListModel.h"
#include "conversations/ConversationsView.h"
#include "conversations/MessageThreadView.h"
#include "conversations/ReplyComposer.h"
#include "dashboard/DashboardView.h"
#include "dashboard/DueTasksPanel.h"
#include "dashboard/IntelligencePanels.h"
#include "deliveries/DeliveriesView.h"
#include "deliveries/DeliveryLogModel.h"
#include "deliveries/OutboundLogModel.h"
#include "deliveries/SendLogModel.h"
#include "fakes/OpenAiFake.h"
#include "fakes/SmsFakes.h"
#include "inspector/InboundDetailPane.h"
#include "inspector/InboundRequestModel.h"
#include "inspector/InboundRequestsView.h"
#include "leads/LeadDetailPane.h"
#include "leads/LeadEditDialog.h"
#include "leads/LeadTableModel.h"
#include "leads/LeadsView.h"
#include "settings/ChannelsPage.h"
#include "settings/RelayPage.h"
#include "settings/SettingsView.h"
#include "simulator/SendTestWebhookDialog.h"
#include "storage/OutboxMapper.h"
#include "storage/SqlWorker.h"
#include "webhooks/WebhooksView.h"

#include <QApplication>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QTranslator>
#include <QTreeWidget>

using namespace sb;
using namespace sb::test;

namespace {

constexpr int timeoutMs = 30000;

void twilio(TestServer &server, const QString &path, const QByteArray &form)
{
    request("POST", server.url(path), form, {{"Content-Type", "application/x-www-form-urlencoded"}});
}

void sendTraffic(TestServer &server)
{
    const QString sms = QStringLiteral("/api/webhooks/twilio/sms");
    twilio(
        server, sms, "From=%2B15550100&To=%2B15550199&MessageSid=SM1&Body=Hi%2C+is+the+offer+still+valid%3F");
    twilio(server, sms, "From=%2B15550111&To=%2B15550199&MessageSid=SM2&Body=Please+call+me+back+tomorrow");
    twilio(server, sms, "From=%2B15550100&To=%2B15550199&MessageSid=SM3&Body=Thanks!+Talk+soon.");
    const QString voice = QStringLiteral("/api/webhooks/twilio/voice/status");
    twilio(server, voice, "CallSid=CA1&From=%2B15550100&To=%2B15550199&Direction=inbound&CallStatus=ringing");
    twilio(server, voice,
        "CallSid=CA1&From=%2B15550100&To=%2B15550199&Direction=inbound&CallStatus=completed&CallDuration="
        "185");
    twilio(server, QStringLiteral("/api/webhooks/twilio/voice/recording"),
        "CallSid=CA1&RecordingSid=RE1&RecordingUrl=https%3A%2F%2Fapi.twilio.com%2Frec%2FRE1&"
        "RecordingDuration=180"
        "&RecordingStatus=completed");
    request("POST", server.url(QStringLiteral("/api/v1/webhooks/incoming/lead/create")), "{}",
        {{"X-Webhook-Signature", "00"}});
}

// An AI-agent call still running (ElevenLabs conversation events): turns, an interruption, a silence
// and an event type Switchboard does not know, in the caller's voice thread.
void sendLiveCall(TestServer &server)
{
    const auto t0 = QDateTime::currentMSecsSinceEpoch() - 42000;
    auto post = [&](const QString &type, qint64 offsetMs, QJsonObject body) {
        body.insert(QStringLiteral("type"), type);
        body.insert(QStringLiteral("conversation_id"), QStringLiteral("conv_shots_live"));
        body.insert(QStringLiteral("event_timestamp"), double(t0 + offsetMs) / 1000.0);
        request("POST", server.url(QStringLiteral("/api/webhooks/elevenlabs/conversation-events")),
            QJsonDocument(body).toJson(QJsonDocument::Compact), {{"Content-Type", "application/json"}});
    };
    auto turn = [](const char *object, const char *field, const QString &text, int id) {
        return QJsonObject {{QLatin1String(object),
            QJsonObject {{QLatin1String(field), text}, {QStringLiteral("event_id"), id}}}};
    };
    post(QStringLiteral("conversation_initiation_metadata"), 0,
        {{QStringLiteral("conversation_initiation_client_data"),
            QJsonObject {{QStringLiteral("dynamic_variables"),
                QJsonObject {{QStringLiteral("system__caller_id"), QStringLiteral("+15550133")}}}}}});
    post(QStringLiteral("agent_response"), 1000,
        turn("agent_response_event", "agent_response",
            QStringLiteral("Hi, this is Ava from Harbor Homes. How can I help?"), 1));
    post(QStringLiteral("user_transcript"), 5000,
        turn("user_transcription_event", "user_transcript",
            QStringLiteral("I'd like to move my viewing to Friday."), 2));
    post(QStringLiteral("agent_response"), 8000,
        turn("agent_response_event", "agent_response", QStringLiteral("Of course. On Friday we have ten and"),
            3));
    post(QStringLiteral("interruption"), 10000,
        {{QStringLiteral("interruption_event"), QJsonObject {{QStringLiteral("event_id"), 4}}}});
    post(QStringLiteral("agent_tool_response"), 11000,
        {{QStringLiteral("agent_tool_response"),
            QJsonObject {{QStringLiteral("tool_name"), QStringLiteral("calendar")}}}});
    post(QStringLiteral("user_transcript"), 24000,
        turn("user_transcription_event", "user_transcript", QStringLiteral("Ten is perfect."), 5));
}

// Three SMS through Twilio services on fake Twilios: two accepted, one refused (the service's token
// is not the account's), for the Deliveries view's SMS channel.
qint64 sendMessages(TestServer &server, const FakeTwilio &accepting, const FakeTwilio &refusing)
{
    const auto sid = QStringLiteral("AC0123456789abcdef0123456789abcdef");
    auto service = [&](const QString &name, const QString &base, const QString &token) {
        const auto reply = adminSend(server, "POST", QStringLiteral("/api/communications/external-services/"),
            QJsonObject {{QStringLiteral("name"), name},
                {QStringLiteral("service_type"), QStringLiteral("sms")},
                {QStringLiteral("provider"), QStringLiteral("twilio")},
                {QStringLiteral("config"),
                    QJsonObject {{QStringLiteral("account_sid"), sid}, {QStringLiteral("auth_token"), token},
                        {QStringLiteral("from_number"), QStringLiteral("+14155550100")},
                        {QStringLiteral("base_url"), base}}},
                {QStringLiteral("is_active"), true}});
        return reply.json().value(QStringLiteral("id")).toInteger();
    };
    const auto sales
        = service(QStringLiteral("Sales SMS"), accepting.baseUrl(), QStringLiteral("twilio-shots-token-1"));
    const auto old
        = service(QStringLiteral("Old SMS number"), refusing.baseUrl(), QStringLiteral("a-revoked-token-99"));
    auto send = [&](qint64 serviceId, const QString &to, const QString &body) {
        adminSend(server, "POST", QStringLiteral("/api/twilio/send-sms"),
            QJsonObject {{QStringLiteral("to"), to}, {QStringLiteral("body"), body},
                {QStringLiteral("serviceId"), serviceId}});
    };
    send(sales, QStringLiteral("+14155550123"), QStringLiteral("Yes, the offer is valid until Friday."));
    send(old, QStringLiteral("+14155550145"), QStringLiteral("Happy to call you back tomorrow at 10."));
    send(sales, QStringLiteral("+14155550145"), QStringLiteral("Happy to call you back tomorrow at 10."));
    return sales;
}

// A campaign still running (one message a minute) through the accepting fake's service, next to the
// demo's draft, paused and completed ones.
qint64 startCampaign(TestServer &server, qint64 serviceId)
{
    const auto reply = adminSend(server, "POST", QStringLiteral("/api/campaigns"),
        QJsonObject {{QStringLiteral("name"), QStringLiteral("Product launch — SMS")},
            {QStringLiteral("channel"), QStringLiteral("sms")}, {QStringLiteral("serviceId"), serviceId},
            {QStringLiteral("body"),
                QStringLiteral("Hi {first_name|there}, {owner|our team} here: the new release for "
                               "{company_name|you} is live. Reply YES for a demo.")},
            {QStringLiteral("audience"),
                QJsonObject {{QStringLiteral("status"),
                    QJsonArray {QStringLiteral("new"), QStringLiteral("contacted")}}}},
            {QStringLiteral("throttlePerMinute"), 1}});
    const auto id = reply.json().value(QStringLiteral("id")).toInteger();
    adminSend(server, "POST", QStringLiteral("/api/campaigns/%1/execute").arg(id));
    return id;
}

// Follow-up tasks (two overdue, one due later today) and a week of calls with outcomes and AI
// sentiment for the first lead, so the Dashboard's task and calls panels show real rows.
void seedTasksAndCalls(TestServer &server)
{
    bool done = false;
    QObject context;
    SqlJob job;
    job.run = [](SqlContext &c) -> ApiResult {
        const qint64 now = c.nowMs();
        constexpr qint64 hour = 3600LL * 1000;
        const QString lead = QStringLiteral("(SELECT MIN(id) FROM leads)");
        const auto task = [&](const QString &title, qint64 due, const QString &owner) {
            c.write(
                QStringLiteral("INSERT INTO tasks(lead_id, title, due_at, owner, state, source, created_at, "
                               "updated_at) VALUES (%1, ?, ?, ?, 'open', 'manual', ?, ?)")
                    .arg(lead),
                {title, due, owner, now, now});
        };
        task(QStringLiteral("Call back about the quote"), now - 26 * hour, QStringLiteral("sam"));
        task(QStringLiteral("Send the brochure"), now - 2 * hour, QStringLiteral("kim"));
        const QTime later = QTime::currentTime().addSecs(30 * 60);
        if (later > QTime::currentTime())
            task(QStringLiteral("Confirm the demo time"), now + 30 * 60 * 1000, QString());
        static const char *statuses[] = {"completed", "completed", "no-answer", "completed", "busy",
            "completed", "failed", "completed", "completed", "canceled"};
        static const char *feelings[] = {"positive", "neutral", nullptr, "positive", nullptr, "negative",
            nullptr, "positive", nullptr, nullptr};
        for (int i = 0; i < 10; ++i) {
            const qint64 at = now - qint64(i % 6) * 24 * hour - qint64(i) * hour;
            const QString status = QString::fromLatin1(statuses[i]);
            const auto id
                = c.write(QStringLiteral("INSERT INTO calls(lead_id, provider, call_ref, direction, "
                                         "status, duration_seconds, started_at, created_at, updated_at) "
                                         "VALUES (%1, 'twilio', ?, 'outbound-api', ?, ?, ?, ?, ?)")
                              .arg(lead),
                    {QStringLiteral("CAshot%1").arg(i), status,
                        status == QLatin1String("completed") ? 60 + 37 * i : 0, at, at, at});
            if (feelings[i])
                c.write(QStringLiteral("INSERT INTO ai_analyses(subject_kind, subject_id, lead_id, status, "
                                       "sentiment, created_at) VALUES ('call', ?, %1, 'ok', ?, ?)")
                            .arg(lead),
                    {id, QString::fromLatin1(feelings[i]), now});
        }
        // The first voice thread's call gets an AI analysis with action items ("Add task" links).
        c.write(QStringLiteral(
                    "INSERT OR IGNORE INTO ai_analyses(subject_kind, subject_id, conversation_id, "
                    "lead_id, status, sentiment, action_items, follow_up, created_at) SELECT 'call', id, "
                    "conversation_id, lead_id, 'ok', 'positive', ?, '', ? FROM calls WHERE "
                    "conversation_id IS NOT NULL ORDER BY id LIMIT 1"),
            {QStringLiteral(R"(["Send the price list","Book a test drive for Saturday"])"), now});
        return ApiResponse {};
    };
    job.replyContext = &context;
    job.done = [&done](const ApiResult &result) {
        if (const auto *error = std::get_if<ApiError>(&result))
            qWarning("seedTasksAndCalls: %s", qPrintable(error->message));
        done = true;
    };
    server.runtime().writer().submit(std::move(job));
    (void)QTest::qWaitFor([&done] { return done; }, 10000);
}

} // namespace

class ViewShotsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void screenshots()
    {
        const auto dir = qEnvironmentVariable("SWITCHBOARD_SCREENSHOT_DIR");
        if (dir.isEmpty())
            QSKIP("set SWITCHBOARD_SCREENSHOT_DIR to write screenshots");
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName(QStringLiteral("SwitchboardTest"));
        QApplication::setApplicationName(QStringLiteral("tst_viewshots"));
        QSettings().clear();
        QDir().mkpath(dir);
        // SWITCHBOARD_SCREENSHOT_LANG=de: the views as a German user sees them.
        QTranslator translator;
        const auto language = qEnvironmentVariable("SWITCHBOARD_SCREENSHOT_LANG");
        if (!language.isEmpty()) {
            QVERIFY(translator.load(QLocale(language), QStringLiteral("switchboard"), QStringLiteral("_"),
                QStringLiteral(":/i18n")));
            QCoreApplication::installTranslator(&translator);
        }
        // ElevenLabs configured (a loopback fake): the lead's Call button is offered.
        FakeElevenLabs elevenLabs(QStringLiteral("xi-shots-key-0001"));
        TestServer server([&elevenLabs](RuntimeOptions &options) {
            options.demo = true;
            options.acceptUnverified.insert(QStringLiteral("twilio"));
            options.acceptUnverified.insert(QStringLiteral("elevenlabs"));
            options.rateLimitPerMinute = 0;
            options.environment.insert(
                QStringLiteral("ELEVENLABS_API_KEY"), QStringLiteral("xi-shots-key-0001"));
            options.environment.insert(QStringLiteral("ELEVENLABS_AGENT_ID"), QStringLiteral("agent_demo"));
            options.environment.insert(
                QStringLiteral("ELEVENLABS_AGENT_PHONE_NUMBER_ID"), QStringLiteral("phnum_demo"));
            options.environment.insert(QStringLiteral("ELEVENLABS_API_BASE_URL"), elevenLabs.baseUrl());
        });
        QVERIFY2(server.started(), qPrintable(server.error()));
        sendTraffic(server);
        sendLiveCall(server);
        FakeTwilio accepting(
            QStringLiteral("AC0123456789abcdef0123456789abcdef"), QStringLiteral("twilio-shots-token-1"));
        FakeTwilio refusing(
            QStringLiteral("AC0123456789abcdef0123456789abcdef"), QStringLiteral("the-current-token"));
        const auto salesService = sendMessages(server, accepting, refusing);
        QTRY_VERIFY_WITH_TIMEOUT(accepting.accepted().size() == 2 && refusing.requestCount() == 1, timeoutMs);
        MainWindow window(server.runtime());
        window.resize(1280, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const auto shoot = [&](const QString &name, QWidget *widget = nullptr) {
            QTest::qWait(300);
            QVERIFY((widget ? widget : &window)
                        ->grab()
                        .save(dir + QLatin1Char('/') + name + QStringLiteral(".png")));
        };
        seedTasksAndCalls(server);
        window.showSection(MainWindow::Section::Dashboard);
        QTRY_VERIFY_WITH_TIMEOUT(window.dashboardView()->snapshot().inboundTotal > 0, timeoutMs);
        window.dashboardView()->tasks()->refresh(); // the seeded rows raised no task events
        QTRY_VERIFY_WITH_TIMEOUT(window.dashboardView()->tasks()->summary().overdue >= 2, timeoutMs);
        shoot(QStringLiteral("dashboard"));
        window.dashboardView()->tabs()->setCurrentIndex(1);
        QTRY_VERIFY_WITH_TIMEOUT(window.dashboardView()->intelligence()->generation() >= 1, timeoutMs);
        shoot(QStringLiteral("dashboard-intelligence"));
        // The calls panel at the bottom of the intelligence page.
        if (auto *scroll = window.dashboardView()->tabs()->findChild<QScrollArea *>()) {
            scroll->verticalScrollBar()->setValue(scroll->verticalScrollBar()->maximum());
            shoot(QStringLiteral("dashboard-intelligence-calls"));
            scroll->verticalScrollBar()->setValue(0);
        }
        window.dashboardView()->tabs()->setCurrentIndex(0);

        window.showSection(MainWindow::Section::Conversations);
        auto *conversations = window.conversationsView();
        QTRY_VERIFY_WITH_TIMEOUT(conversations->model()->rowCount() >= 2, timeoutMs);
        shoot(QStringLiteral("conversations-list"));
        for (int row = 0; row < conversations->model()->rowCount(); ++row) {
            conversations->list()->setCurrentIndex(conversations->model()->index(row));
            QTRY_VERIFY_WITH_TIMEOUT(!conversations->thread()->entries().empty(), timeoutMs);
            shoot(QStringLiteral("conversations-%1-%2")
                      .arg(row)
                      .arg(channelName(conversations->model()->rowAt(row).channel)));
        }
        // The reply composer under an SMS thread, with a draft and its segment counter.
        for (int row = 0; row < conversations->model()->rowCount(); ++row) {
            if (conversations->model()->rowAt(row).channel != Channel::Sms)
                continue;
            auto *composer = conversations->thread()->composer();
            QSignalSpy contextLoaded(composer, &ReplyComposer::contextLoaded);
            conversations->list()->setCurrentIndex(conversations->model()->index(row));
            QTRY_VERIFY_WITH_TIMEOUT(contextLoaded.count() > 0, timeoutMs);
            composer->textEdit()->setPlainText(
                QStringLiteral("Hi! Yes, the offer runs until Friday. Shall I book you a test drive?"));
            shoot(QStringLiteral("composer-sms"));
            composer->textEdit()->clear();
            break;
        }

        window.showSection(MainWindow::Section::Leads);
        auto *leads = window.leadsView();
        QTRY_VERIFY_WITH_TIMEOUT(leads->model()->rowCount() > 0, timeoutMs);
        leads->table()->selectRow(0);
        QTRY_VERIFY_WITH_TIMEOUT(leads->detail()->detail().has_value(), timeoutMs);
        shoot(QStringLiteral("leads-overview"));
        for (int tab = 1; tab < leads->detail()->tabs()->count(); ++tab) {
            leads->detail()->tabs()->setCurrentIndex(tab);
            shoot(QStringLiteral("leads-tab%1").arg(tab));
        }
        LeadEditDialog dialog(*leads->detail()->detail(), server.runtime().writer(), &window);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        shoot(QStringLiteral("leads-edit"), &dialog);
        dialog.close();
        // Call: the AI-agent call is queued through the outbox (to the loopback fake).
        leads->detail()->tabs()->setCurrentIndex(0);
        QSignalSpy callQueued(leads->detail(), &LeadDetailPane::callQueued);
        leads->detail()->placeCall();
        QTRY_COMPARE_WITH_TIMEOUT(callQueued.count(), 1, timeoutMs);
        shoot(QStringLiteral("leads-call-queued"));

        window.showSection(MainWindow::Section::Webhooks);
        shoot(QStringLiteral("webhooks"));

        window.showSection(MainWindow::Section::Deliveries);
        auto *deliveries = window.deliveriesView();
        QTRY_VERIFY_WITH_TIMEOUT(deliveries->model()->rowCount() > 0, timeoutMs);
        for (int row = 0; row < deliveries->model()->rowCount(); ++row) {
            if (deliveryStatusName(deliveries->model()->rowAt(row).status) == QLatin1String("failed")) {
                deliveries->showDelivery(deliveries->model()->rowAt(row).id);
                break;
            }
        }
        shoot(QStringLiteral("deliveries"));

        // The SMS channel: each send with its provider, recipient and attempts; the refused one open.
        deliveries->showChannel(LogChannel {Channel::Sms});
        QTRY_VERIFY_WITH_TIMEOUT(deliveries->sends()->rowCount() == 3, timeoutMs);
        for (int row = 0; row < deliveries->sends()->rowCount(); ++row) {
            QTRY_VERIFY_WITH_TIMEOUT(deliveries->sends()->rowAt(row).status == OutboxStatus::Sent
                    || deliveries->sends()->rowAt(row).status == OutboxStatus::Failed,
                timeoutMs);
        }
        for (int row = 0; row < deliveries->sends()->rowCount(); ++row) {
            if (deliveries->sends()->rowAt(row).status == OutboxStatus::Failed)
                deliveries->table()->selectRow(row);
        }
        shoot(QStringLiteral("deliveries-sms"));
        // All: webhook deliveries and sends in one list, newest first.
        deliveries->showChannel(std::nullopt);
        QTRY_VERIFY_WITH_TIMEOUT(deliveries->all()->rowCount() > 0, timeoutMs);
        deliveries->table()->selectRow(deliveries->all()->rowOfId(OutboxMapper::recordId(1)));
        shoot(QStringLiteral("deliveries-all"));
        deliveries->showChannel(LogChannel {});

        window.showSection(MainWindow::Section::InboundRequests);
        auto *inbound = window.inboundView();
        QTRY_VERIFY_WITH_TIMEOUT(inbound->model()->rowCount() > 0, timeoutMs);
        for (int row = 0; row < inbound->model()->rowCount(); ++row) {
            if (inbound->model()->summaryAt(row).status == QLatin1String("rejected")) {
                inbound->showRequest(inbound->model()->summaryAt(row).id);
                break;
            }
        }
        shoot(QStringLiteral("inbound-rejected"));
        inbound->detail()->findChild<QPushButton *>(QStringLiteral("replayButton"))->click();
        QTest::qWait(500);
        shoot(QStringLiteral("inbound-replayed"));

        server.runtime().secrets().set(
            QStringLiteral("TWILIO_AUTH_TOKEN"), QStringLiteral("screenshot-token"));
        window.findChild<QPushButton *>(QStringLiteral("sendTestWebhook"))->click();
        auto *simulator = window.findChild<SendTestWebhookDialog *>();
        QVERIFY(simulator);
        QVERIFY(QTest::qWaitForWindowExposed(simulator));
        shoot(QStringLiteral("simulator"), simulator);
        QSignalSpy sent(simulator, &SendTestWebhookDialog::finished);
        simulator->findChild<QPushButton *>(QStringLiteral("sampleSend"))->click();
        QVERIFY(sent.wait(timeoutMs));
        shoot(QStringLiteral("simulator-sent"), simulator);
        simulator->findChild<QComboBox *>(QStringLiteral("sampleKind"))->setCurrentIndex(1);
        shoot(QStringLiteral("simulator-mailgun-no-secret"), simulator);
        simulator->close();

        window.showSection(MainWindow::Section::Settings);
        auto *tabs = window.settingsView()->tabs();
        for (int tab = 0; tab < tabs->count(); ++tab) {
            tabs->setCurrentIndex(tab);
            shoot(QStringLiteral("settings-tab%1").arg(tab));
        }
        // Settings → Channels with one Twilio service, and the form of a new SendGrid one.
        auto *channelsPage = window.settingsView()->channelsPage();
        window.settingsView()->showChannels();
        channelsPage->newService(ServiceProvider::Twilio);
        channelsPage->nameEdit()->setText(QStringLiteral("Sales SMS"));
        channelsPage->configEdit(QStringLiteral("account_sid"))
            ->setText(QStringLiteral("AC0123456789abcdef0123456789abcdef"));
        channelsPage->configEdit(QStringLiteral("auth_token"))
            ->setText(QStringLiteral("screenshot-auth-token"));
        channelsPage->configEdit(QStringLiteral("from_number"))->setText(QStringLiteral("+14155550100"));
        QSignalSpy channelSaved(channelsPage, &ChannelsPage::saved);
        channelsPage->save();
        QTRY_COMPARE_WITH_TIMEOUT(channelSaved.count(), 1, timeoutMs);
        shoot(QStringLiteral("settings-channels"));
        channelsPage->newService(ServiceProvider::SendGrid);
        channelsPage->nameEdit()->setText(QStringLiteral("Newsletters"));
        channelsPage->configEdit(QStringLiteral("from_email"))->setText(QStringLiteral("sales@"));
        shoot(QStringLiteral("settings-channels-new"));
        // Settings → Relay with two targets (one for every provider route, disabled).
        auto *relayPage = window.settingsView()->relayPage();
        tabs->setCurrentWidget(relayPage);
        QSignalSpy relayChanged(relayPage, &RelayPage::changed);
        relayPage->add({{QStringLiteral("route"), QStringLiteral("twilio.sms")},
            {QStringLiteral("url"), QStringLiteral("https://backend.example.com/hooks")},
            {QStringLiteral("description"), QStringLiteral("Legacy SMS handler")}});
        relayPage->add({{QStringLiteral("route"), QStringLiteral("*")},
            {QStringLiteral("url"), QStringLiteral("https://audit.example.com/twilio-inbound")},
            {QStringLiteral("appendPath"), false}, {QStringLiteral("enabled"), false}});
        QTRY_COMPARE_WITH_TIMEOUT(relayChanged.count(), 2, timeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(relayPage->list()->topLevelItemCount(), 2, timeoutMs);
        shoot(QStringLiteral("settings-relay"));
        window.showSection(MainWindow::Section::Conversations);
        for (int row = 0; row < conversations->model()->rowCount(); ++row) {
            if (conversations->model()->rowAt(row).channel != Channel::Sms)
                continue;
            auto *composer = conversations->thread()->composer();
            QSignalSpy contextLoaded(composer, &ReplyComposer::contextLoaded);
            conversations->list()->setCurrentIndex(conversations->model()->index(row == 0 ? 1 : 0));
            conversations->list()->setCurrentIndex(conversations->model()->index(row));
            QTRY_VERIFY_WITH_TIMEOUT(contextLoaded.count() > 0, timeoutMs);
            composer->textEdit()->setPlainText(QStringLiteral("Great, see you at 5 pm 🙂"));
            shoot(QStringLiteral("composer-sms-service"));
            composer->textEdit()->clear();
            break;
        }
        // Campaign analytics of a seeded completed campaign, and of a draft (empty state).
        {
            CampaignAnalyticsPanel analytics(server.runtime());
            analytics.resize(1100, 720);
            analytics.show();
            QSignalSpy loaded(&analytics, &CampaignAnalyticsPanel::loaded);
            analytics.showCampaign(
                seedCompletedCampaign(server.runtime(), QDateTime::currentMSecsSinceEpoch()));
            QTRY_VERIFY_WITH_TIMEOUT(loaded.count() >= 1, timeoutMs);
            shoot(QStringLiteral("campaign-analytics"), &analytics);
            analytics.showCampaign(
                seedCampaign(server.runtime(), QStringLiteral("Autumn draft"), CampaignState::Draft, {}, {}));
            QTRY_VERIFY_WITH_TIMEOUT(loaded.count() >= 2, timeoutMs);
            shoot(QStringLiteral("campaign-analytics-draft"), &analytics);
        }
        // "Write with AI" without AI configured (the hint), then with variants from a fake AI.
        {
            CampaignContentDialog hint(server.runtime());
            QSignalSpy checked(&hint, &CampaignContentDialog::aiChecked);
            hint.show();
            QTRY_VERIFY_WITH_TIMEOUT(checked.count() >= 1, timeoutMs);
            shoot(QStringLiteral("campaign-content-not-configured"), &hint);
        }
        {
            FakeOpenAi ai;
            ai.setReply(QStringLiteral(
                "{\"variants\": [{\"body\": \"Hi {first_name|there}! Spring is here: 20% off solar installs "
                "booked before 31 May. Reply YES for a free quote.\"}, {\"body\": \"{first_name|Hello}, "
                "sunny days, smaller bills: 20% off panel installs this spring. Want a quote? Reply YES\"}, "
                "{\"body\": \"Spring offer from {owner|our team}: 20% off solar installs until May. Reply "
                "YES and we'll call you.\"}]}"));
            const auto saved = adminSend(server, "PUT", QStringLiteral("/api/ai/settings"),
                {{QStringLiteral("base_url"), ai.baseUrl()}, {QStringLiteral("api_key"), ai.apiKey()},
                    {QStringLiteral("model"), ai.model()}});
            QCOMPARE(saved.status, 200);
            CampaignContentDialog dialog(server.runtime());
            QSignalSpy checked(&dialog, &CampaignContentDialog::aiChecked);
            dialog.show();
            QTRY_VERIFY_WITH_TIMEOUT(checked.count() >= 1, timeoutMs);
            dialog.setBrief(QStringLiteral("Spring sale: 20% off solar panel installs booked before 31 May; "
                                           "ask them to reply YES for a free quote."));
            dialog.setTone(QStringLiteral("friendly"));
            QSignalSpy generated(&dialog, &CampaignContentDialog::generated);
            dialog.generate();
            QTRY_VERIFY_WITH_TIMEOUT(generated.count() >= 1, timeoutMs);
            QVERIFY2(dialog.variants().size() == 3, qPrintable(dialog.statusText()));
            shoot(QStringLiteral("campaign-content"), &dialog);
            adminSend(server, "PUT", QStringLiteral("/api/ai/settings"),
                {{QStringLiteral("base_url"), QJsonValue()}, {QStringLiteral("api_key"), QJsonValue()},
                    {QStringLiteral("model"), QJsonValue()}});
        }
        // Campaigns (after the Deliveries shots: their sends would join the SMS list).
        const auto runningCampaign = startCampaign(server, salesService);
        window.showSection(MainWindow::Section::Campaigns);
        auto *campaigns = window.campaignsView();
        QTRY_VERIFY_WITH_TIMEOUT(campaigns->model()->rowOf(runningCampaign) >= 0, timeoutMs);
        QVERIFY(campaigns->selectCampaign(runningCampaign));
        QTRY_VERIFY_WITH_TIMEOUT(campaigns->shownCount(QStringLiteral("sent")) > 0, timeoutMs);
        shoot(QStringLiteral("campaigns-running"));
        const auto campaignNamed = [campaigns](const QString &name) {
            for (int row = 0; row < campaigns->model()->rowCount(); ++row) {
                if (campaigns->model()->campaign(row).value(QStringLiteral("name")).toString() == name)
                    return campaigns->model()->campaign(row).value(QStringLiteral("id")).toInteger();
            }
            return qint64(0);
        };
        QVERIFY(campaigns->selectCampaign(campaignNamed(QStringLiteral("Winter follow-up"))));
        shoot(QStringLiteral("campaigns-completed"));
        QVERIFY(campaigns->selectCampaign(campaignNamed(QStringLiteral("Spring offer — new leads"))));
        shoot(QStringLiteral("campaigns-paused"));
        QVERIFY(campaigns->selectCampaign(campaignNamed(QStringLiteral("Renewals Q3"))));
        shoot(QStringLiteral("campaigns-list"));
        auto *editor = campaigns->editSelected();
        QVERIFY(editor);
        QVERIFY(QTest::qWaitForWindowExposed(editor));
        QSignalSpy previewed(editor, &CampaignEditorDialog::previewUpdated);
        QVERIFY(previewed.wait(timeoutMs));
        shoot(QStringLiteral("campaigns-editor"), editor);
        editor->findChild<QPlainTextEdit *>(QStringLiteral("campaignBody"))
            ->setPlainText(QStringLiteral("Hi {firstname}, renewals are due."));
        shoot(QStringLiteral("campaigns-editor-error"), editor);
        editor->close();
        QSignalSpy launchOpened(campaigns, &CampaignsView::launchDialogOpened);
        campaigns->launchSelected();
        QVERIFY(launchOpened.wait(timeoutMs));
        QVERIFY(QTest::qWaitForWindowExposed(campaigns->launchDialog()));
        shoot(QStringLiteral("campaigns-launch"), campaigns->launchDialog());
        campaigns->launchDialog()->reject();
        window.showSection(MainWindow::Section::Campaigns);

        applyTheme(ConsolePreferences::Theme::Dark);
        window.showSection(MainWindow::Section::Dashboard);
        shoot(QStringLiteral("dark-dashboard"));
        window.showSection(MainWindow::Section::Leads);
        shoot(QStringLiteral("dark-leads"));
        applyTheme(ConsolePreferences::Theme::System);
    }
};

QTEST_MAIN(ViewShotsTest)
#include "tst_viewshots.moc"
