// The reply composer and Settings → Channels against a real runtime and the fake Twilio on loopback:
// a reply typed under an SMS thread and sent with Ctrl+Enter shows at once as queued, reaches the
// fake exactly once through the registered service (base_url), and its ticks follow the signed
// status callbacks; a provider refusal shows its reason and Retry queues a new send; the segment
// counter; a do-not-contact lead gets the reason and no send; no service → what to configure. The
// Channels page validates as you type, masks secrets, keeps them on save and test-sends.
#include "TestSupport.h"
#include "channels/SendCommands.h"
#include "conversations/ConversationListModel.h"
#include "conversations/ConversationsView.h"
#include "conversations/MessageThreadView.h"
#include "conversations/ReplyComposer.h"
#include "domain/ServiceConfigSchema.h"
#include "fakes/ChatFakes.h"
#include "fakes/SmsFakes.h"
#include "leads/LeadDetailPane.h"
#include "security/TwilioSignature.h"
#include "settings/ChannelsPage.h"
#include "storage/ExternalServiceRepository.h"
#include "storage/LeadDirectory.h"
#include "storage/SqlWorker.h"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTextBrowser>
#include <QTreeWidget>
#include <QUrl>

using namespace sb;
using namespace sb::test;

namespace {

constexpr int timeoutMs = 20000;
const QString accountSid = QStringLiteral("AC0123456789abcdef0123456789abcdef");
const QString authToken = QStringLiteral("composer-token-00427f3e");
const QString senderNumber = QStringLiteral("+14155550100");
const QString leadNumber = QStringLiteral("+14155550123");
const QString publicUrl = QStringLiteral("https://switchboard.example.test");

std::unique_ptr<TestServer> server(bool withPublicUrl)
{
    return std::make_unique<TestServer>([withPublicUrl](RuntimeOptions &options) {
        options.acceptUnverified.insert(QStringLiteral("twilio"));
        options.rateLimitPerMinute = 0;
        options.environment = QProcessEnvironment();
        options.environment.insert(QStringLiteral("SWITCHBOARD_OUTBOX_PACING"), QStringLiteral("0"));
        if (withPublicUrl)
            options.publicUrl = publicUrl;
    });
}

// An inbound SMS from the lead makes the lead and its SMS thread.
void inboundSms(TestServer &server, const QString &from, const QString &body)
{
    const QByteArray form = "From=" + QUrl::toPercentEncoding(from) + "&To=%2B14155550100&MessageSid=SM"
        + QByteArray::number(qHash(body), 16).rightJustified(32, '0')
        + "&Body=" + QUrl::toPercentEncoding(body);
    QCOMPARE(request("POST", server.url(QStringLiteral("/api/webhooks/twilio/sms")), form,
                 {{"Content-Type", "application/x-www-form-urlencoded"}})
                 .status,
        200);
}

template <typename Work> void onWriter(TestServer &server, Work work)
{
    bool done = false;
    SqlJob job;
    QObject context;
    job.replyContext = &context;
    job.run = [work](SqlContext &sql) -> ApiResult {
        work(sql);
        return ApiResponse {};
    };
    job.done = [&done](const ApiResult &) { done = true; };
    server.runtime().writer().submit(std::move(job));
    QTRY_VERIFY_WITH_TIMEOUT(done, timeoutMs);
}

qint64 registerTwilio(TestServer &server, const QString &baseUrl, const QString &token = authToken)
{
    qint64 id = 0;
    onWriter(server, [&id, baseUrl, token](SqlContext &sql) {
        ExternalService service;
        service.name = QStringLiteral("Sales SMS");
        service.type = ServiceType::Sms;
        service.provider = ServiceProvider::Twilio;
        service.config
            = QJsonObject {{QStringLiteral("account_sid"), accountSid}, {QStringLiteral("auth_token"), token},
                {QStringLiteral("from_number"), senderNumber}, {QStringLiteral("base_url"), baseUrl}};
        ExternalServiceRepository::create(sql, service);
        id = service.id;
    });
    return id;
}

void statusCallback(TestServer &server, const QString &sid, const QString &status)
{
    const auto path = QStringLiteral("/api/webhooks/twilio/sms/status");
    const QList<QPair<QString, QString>> fields {{QStringLiteral("MessageSid"), sid},
        {QStringLiteral("AccountSid"), accountSid}, {QStringLiteral("From"), senderNumber},
        {QStringLiteral("To"), leadNumber}, {QStringLiteral("MessageStatus"), status}};
    QByteArray body;
    FormFields form;
    for (const auto &[name, value] : fields) {
        if (!body.isEmpty())
            body += '&';
        body += QUrl::toPercentEncoding(name) + '=' + QUrl::toPercentEncoding(value);
        form.append(name, value);
    }
    const auto signature = TwilioSignature::sign(authToken.toUtf8(), (publicUrl + path).toUtf8(), form);
    QCOMPARE(request("POST", server.url(path), body,
                 {{"Content-Type", "application/x-www-form-urlencoded"}, {"X-Twilio-Signature", signature}})
                 .status,
        200);
}

// Opens the first thread and waits for the composer to know its lead and services.
void openFirstThread(ConversationsView &view)
{
    QTRY_VERIFY_WITH_TIMEOUT(view.model()->rowCount() >= 1, timeoutMs);
    QSignalSpy loaded(view.thread()->composer(), &ReplyComposer::contextLoaded);
    view.list()->selectionModel()->select(view.model()->index(0), QItemSelectionModel::ClearAndSelect);
    QTRY_VERIFY_WITH_TIMEOUT(loaded.count() >= 1, timeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(!view.thread()->entries().empty(), timeoutMs);
}

const ThreadEntry *outbound(const MessageThreadView &thread)
{
    for (const auto &entry : thread.entries()) {
        if (entry.kind == ThreadEntry::Kind::Message && entry.direction == Direction::Outbound)
            return &entry;
    }
    return nullptr;
}

int outboundCount(const MessageThreadView &thread)
{
    int count = 0;
    for (const auto &entry : thread.entries())
        count += entry.kind == ThreadEntry::Kind::Message && entry.direction == Direction::Outbound;
    return count;
}

} // namespace

class ComposerTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName(QStringLiteral("SwitchboardTest"));
        QApplication::setApplicationName(QStringLiteral("tst_composer"));
        QSettings().clear();
    }

    void replySentThroughTheRegisteredServiceWithLiveTicks()
    {
        FakeTwilio fake(accountSid, authToken);
        auto running = server(true);
        QVERIFY2(running->started(), qPrintable(running->error()));
        inboundSms(*running, leadNumber, QStringLiteral("Is the car still available?"));
        registerTwilio(*running, fake.baseUrl());

        ConversationsView view(running->runtime());
        view.resize(1100, 700);
        view.show();
        openFirstThread(view);
        auto *composer = view.thread()->composer();
        QVERIFY(composer->isVisible());
        QCOMPARE(composer->channelBox()->currentData().toString(), QStringLiteral("sms"));
        QCOMPARE(composer->serviceBox()->count(), 1);
        QCOMPARE(composer->serviceBox()->currentText(), QStringLiteral("Sales SMS · Twilio"));
        QVERIFY(composer->notice().isEmpty());
        QVERIFY(!composer->subjectEdit()->isVisible()); // SMS has no subject
        QVERIFY(!composer->sendButton()->isEnabled()); // nothing typed yet

        const auto text = QStringLiteral("Yes, it is. Come by at 5?");
        composer->textEdit()->setFocus();
        QTest::keyClicks(composer->textEdit(), text);
        QCOMPARE(composer->counterLabel()->text(), QStringLiteral("1 segment · 135 left · GSM-7"));
        QVERIFY(composer->sendButton()->isEnabled());
        QSignalSpy queued(composer, &ReplyComposer::queued);
        QTest::keyClick(composer->textEdit(), Qt::Key_Return, Qt::ControlModifier);
        QTRY_COMPARE_WITH_TIMEOUT(queued.count(), 1, timeoutMs);
        QVERIFY(composer->textEdit()->toPlainText().isEmpty()); // cleared once queued

        // In the thread at once, then sent through the fake exactly once.
        QTRY_VERIFY_WITH_TIMEOUT(outbound(*view.thread()) != nullptr, timeoutMs);
        QCOMPARE(outbound(*view.thread())->body, text);
        QTRY_COMPARE_WITH_TIMEOUT(fake.accepted().size(), 1, timeoutMs);
        QVERIFY2(fake.violations().isEmpty(), qPrintable(fake.violations().join(u'\n')));
        const auto sent = fake.accepted().first();
        QCOMPARE(sent.to, leadNumber);
        QCOMPARE(sent.from, senderNumber);
        QCOMPARE(sent.body, text);
        QCOMPARE(sent.statusCallback, publicUrl + QStringLiteral("/api/webhooks/twilio/sms/status"));

        // The provider's status callbacks move the ticks live.
        statusCallback(*running, sent.sid, QStringLiteral("sent"));
        QTRY_COMPARE_WITH_TIMEOUT(outbound(*view.thread())->messageStatus, MessageStatus::Sent, timeoutMs);
        statusCallback(*running, sent.sid, QStringLiteral("delivered"));
        QTRY_COMPARE_WITH_TIMEOUT(
            outbound(*view.thread())->messageStatus, MessageStatus::Delivered, timeoutMs);
        QVERIFY(view.thread()->browser()->toPlainText().contains(QStringLiteral("✓✓ delivered")));
        QCOMPARE(fake.requestCount(), 1);
        QCOMPARE(outboundCount(*view.thread()), 1);
    }

    void refusedSendShowsTheReasonAndRetries()
    {
        FakeTwilio fake(accountSid, authToken);
        auto running = server(true);
        QVERIFY2(running->started(), qPrintable(running->error()));
        inboundSms(*running, leadNumber, QStringLiteral("Hello?"));
        // A wrong token: Twilio refuses with 401 (20003 "Authenticate"), which is never retried.
        registerTwilio(*running, fake.baseUrl(), QStringLiteral("wrong-token-12345678"));

        ConversationsView view(running->runtime());
        view.resize(1100, 700);
        view.show();
        openFirstThread(view);
        auto *composer = view.thread()->composer();
        composer->textEdit()->setPlainText(QStringLiteral("Retry me"));
        composer->send();
        QTRY_VERIFY_WITH_TIMEOUT(outbound(*view.thread()) != nullptr, timeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(outbound(*view.thread())->messageStatus, MessageStatus::Failed, timeoutMs);
        const auto failed = *outbound(*view.thread());
        QVERIFY2(failed.error.contains(QStringLiteral("Authenticate")), qPrintable(failed.error));
        const auto shown = view.thread()->browser()->toPlainText();
        QVERIFY2(shown.contains(failed.error), qPrintable(shown));
        QVERIFY(view.thread()->browser()->toHtml().contains(QStringLiteral("retry:%1").arg(failed.id)));
        QCOMPARE(fake.requestCount(), 1);

        // Retry: a new send of the same text.
        QSignalSpy queued(composer, &ReplyComposer::queued);
        view.thread()->retryMessage(failed.id);
        QTRY_COMPARE_WITH_TIMEOUT(queued.count(), 1, timeoutMs);
        QVERIFY(queued.first().first().toLongLong() != failed.id);
        QTRY_COMPARE_WITH_TIMEOUT(outboundCount(*view.thread()), 2, timeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(fake.requestCount(), 2, timeoutMs);
        QCOMPARE(fake.lastForm().value(QStringLiteral("Body")), QStringLiteral("Retry me"));
    }

    void segmentCounter()
    {
        QCOMPARE(ReplyComposer::segmentText(QString()), QStringLiteral("0 segments · 160 left · GSM-7"));
        QCOMPARE(ReplyComposer::segmentText(QStringLiteral("Hello")),
            QStringLiteral("1 segment · 155 left · GSM-7"));
        // Extension-table characters take two septets.
        QCOMPARE(
            ReplyComposer::segmentText(QStringLiteral("{}")), QStringLiteral("1 segment · 156 left · GSM-7"));
        QCOMPARE(ReplyComposer::segmentText(QString(160, QLatin1Char('a'))),
            QStringLiteral("1 segment · 0 left · GSM-7"));
        QCOMPARE(ReplyComposer::segmentText(QString(161, QLatin1Char('a'))),
            QStringLiteral("2 segments · 145 left · GSM-7"));
        QCOMPARE(ReplyComposer::segmentText(QStringLiteral("Привет")),
            QStringLiteral("1 segment · 64 left · Unicode (UCS-2)"));
        QCOMPARE(ReplyComposer::segmentText(QString(71, QChar(0x0416))),
            QStringLiteral("2 segments · 63 left · Unicode (UCS-2)"));
    }

    void doNotContactLeadOffersNoSend()
    {
        FakeTwilio fake(accountSid, authToken);
        auto running = server(true);
        QVERIFY2(running->started(), qPrintable(running->error()));
        inboundSms(*running, leadNumber, QStringLiteral("STOP texting me"));
        registerTwilio(*running, fake.baseUrl());
        onWriter(*running, [](SqlContext &sql) {
            const auto match = LeadDirectory::findByPhone(sql, leadNumber);
            QVERIFY(match);
            LeadDirectory::markDoNotContact(
                sql, match->id, QStringLiteral("asked to stop"), QStringLiteral("test"));
        });

        ConversationsView view(running->runtime());
        view.resize(1100, 700);
        view.show();
        openFirstThread(view);
        auto *composer = view.thread()->composer();
        QVERIFY(composer->context().doNotContact);
        QVERIFY2(composer->notice().contains(QStringLiteral("do not contact (asked to stop)")),
            qPrintable(composer->notice()));
        QVERIFY(!composer->canSend());
        QVERIFY(!composer->textEdit()->isVisible());
        composer->textEdit()->setPlainText(QStringLiteral("sneaky"));
        composer->send();
        QTest::qWait(500);
        QCOMPARE(fake.requestCount(), 0);
        QCOMPARE(outboundCount(*view.thread()), 0);
    }

    void noServiceSaysWhatToConfigure()
    {
        auto running = server(false);
        QVERIFY2(running->started(), qPrintable(running->error()));
        inboundSms(*running, leadNumber, QStringLiteral("Anyone there?"));
        ConversationsView view(running->runtime());
        view.resize(1100, 700);
        view.show();
        openFirstThread(view);
        auto *composer = view.thread()->composer();
        QVERIFY2(composer->notice().contains(QStringLiteral("Settings → Channels")),
            qPrintable(composer->notice()));
        composer->textEdit()->setPlainText(QStringLiteral("hello"));
        QVERIFY(!composer->canSend());
        auto *receipts = composer->findChild<QLabel *>(QStringLiteral("composerReceipts"));
        QVERIFY(receipts->isVisible());
        QVERIFY(receipts->text().contains(QStringLiteral("delivery receipts will not arrive")));
        QSignalSpy open(&view, &ConversationsView::openChannelSettings);
        auto *configure = composer->findChild<QPushButton *>(QStringLiteral("composerConfigure"));
        QVERIFY(configure->isVisible());
        configure->click();
        QCOMPARE(open.count(), 1);
        // Email has no service either, and the lead no address.
        composer->channelBox()->setCurrentIndex(composer->channelBox()->findData(QStringLiteral("email")));
        QVERIFY(composer->subjectEdit()->isVisible());
        QVERIFY(!composer->canSend());
    }

    void teamChatPostAboutTheLead()
    {
        FakeSlack slack;
        auto running = server(false);
        QVERIFY2(running->started(), qPrintable(running->error()));
        inboundSms(*running, leadNumber, QStringLiteral("Can someone call me about pricing?"));
        onWriter(*running, [&slack](SqlContext &sql) {
            ExternalService service;
            service.name = QStringLiteral("Sales channel");
            service.type = ServiceType::Chat;
            service.provider = ServiceProvider::Slack;
            service.config = QJsonObject {{QStringLiteral("webhook_url"), slack.webhookUrl()}};
            ExternalServiceRepository::create(sql, service);
            // A do-not-contact lead can still be discussed with the team.
            const auto lead = LeadDirectory::findByPhone(sql, leadNumber);
            LeadDirectory::markDoNotContact(sql, lead->id, QStringLiteral("asked for email only"), {});
        });

        ConversationsView view(running->runtime());
        view.resize(1100, 700);
        view.show();
        openFirstThread(view);
        auto *composer = view.thread()->composer();
        // Do-not-contact blocks every send from the composer, the team post included.
        QVERIFY(!composer->canSend());
        onWriter(*running, [](SqlContext &sql) {
            sql.run(QStringLiteral("UPDATE leads SET do_not_contact = 0, first_name = 'Avery'"), {});
        });
        QSignalSpy loaded(composer, &ReplyComposer::contextLoaded);
        composer->reloadContext();
        QTRY_VERIFY_WITH_TIMEOUT(loaded.count() >= 1, timeoutMs);
        composer->channelBox()->setCurrentIndex(composer->channelBox()->findData(QStringLiteral("chat")));
        QCOMPARE(composer->serviceBox()->currentText(), QStringLiteral("Sales channel · Slack"));
        QVERIFY(composer->notice().contains(QStringLiteral("the lead does not receive it")));
        QVERIFY(!composer->counterLabel()->isVisible());
        QTest::keyClicks(composer->textEdit(), QStringLiteral("Hot lead, wants pricing today"));
        QVERIFY(composer->canSend());
        QSignalSpy queued(composer, &ReplyComposer::queued);
        composer->send();
        QTRY_COMPARE_WITH_TIMEOUT(queued.count(), 1, timeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(slack.accepted().size(), 1, timeoutMs);
        QVERIFY2(slack.violations().isEmpty(), qPrintable(slack.violations().join(u'\n')));
        const auto posted = QJsonDocument::fromJson(slack.accepted().first().body).object();
        const auto text = posted.value(QStringLiteral("text")).toString();
        QVERIFY2(text.contains(QStringLiteral("Hot lead, wants pricing today")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("Avery")) && text.contains(leadNumber), qPrintable(text));
        // The post is kept in the lead's chat thread.
        QTRY_VERIFY_WITH_TIMEOUT(view.model()->rowCount() >= 2, timeoutMs);
        bool chatThread = false;
        for (int row = 0; row < view.model()->rowCount(); ++row)
            chatThread = chatThread || view.model()->rowAt(row).channel == Channel::Chat;
        QVERIFY(chatThread);
    }

    void callButtonSaysWhyItIsDisabled()
    {
        auto running = server(false);
        QVERIFY2(running->started(), qPrintable(running->error()));
        LeadDetailPane pane(running->runtime());
        QVERIFY(!pane.callButton()->isEnabled());
        QVERIFY(pane.callButton()->toolTip().contains(QStringLiteral("ElevenLabs is not configured")));
    }

    void callButtonPlacesAnAgentCall()
    {
        const QString apiKey = QStringLiteral("xi-composer-key-7781");
        FakeElevenLabs fake(apiKey);
        auto running = std::make_unique<TestServer>([&fake, apiKey](RuntimeOptions &options) {
            options.rateLimitPerMinute = 0;
            options.environment = QProcessEnvironment();
            options.environment.insert(QStringLiteral("SWITCHBOARD_OUTBOX_PACING"), QStringLiteral("0"));
            options.environment.insert(QStringLiteral("ELEVENLABS_API_KEY"), apiKey);
            options.environment.insert(QStringLiteral("ELEVENLABS_AGENT_ID"), QStringLiteral("agent_sales"));
            options.environment.insert(
                QStringLiteral("ELEVENLABS_AGENT_PHONE_NUMBER_ID"), QStringLiteral("phnum_main"));
            options.environment.insert(QStringLiteral("ELEVENLABS_API_BASE_URL"), fake.baseUrl());
        });
        QVERIFY2(running->started(), qPrintable(running->error()));
        qint64 callable = 0, blocked = 0, silent = 0;
        onWriter(*running, [&](SqlContext &sql) {
            callable = LeadDirectory::forPhone(sql, leadNumber, QStringLiteral("test"), {}).id;
            sql.run(QStringLiteral("UPDATE leads SET first_name = 'Robin' WHERE id = ?"), {callable});
            blocked
                = LeadDirectory::forPhone(sql, QStringLiteral("+14155550188"), QStringLiteral("test"), {}).id;
            LeadDirectory::markDoNotContact(sql, blocked, QStringLiteral("asked not to be called"), {});
            silent = LeadDirectory::forEmail(
                sql, QStringLiteral("nophone@example.com"), QString(), QStringLiteral("test"), {})
                         .id;
        });
        LeadDetailPane pane(running->runtime());
        QSignalSpy loaded(&pane, &LeadDetailPane::loaded);

        pane.load(blocked);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, timeoutMs);
        QVERIFY(!pane.callButton()->isEnabled());
        QCOMPARE(pane.callButton()->toolTip(),
            QStringLiteral("This lead is marked do-not-contact (asked not to be called)"));
        pane.load(silent);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 2, timeoutMs);
        QVERIFY(!pane.callButton()->isEnabled());
        QCOMPARE(pane.callButton()->toolTip(), QStringLiteral("This lead has no phone number"));

        pane.load(callable);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 3, timeoutMs);
        QVERIFY(pane.callButton()->isEnabled());
        QSignalSpy queued(&pane, &LeadDetailPane::callQueued);
        pane.placeCall();
        QTRY_COMPARE_WITH_TIMEOUT(queued.count(), 1, timeoutMs);
        QVERIFY(queued.first().first().toLongLong() > 0);
        QVERIFY(!pane.callStatus()->isHidden());
        QVERIFY(pane.callStatus()->text().contains(QStringLiteral("voice thread")));
        // The documented request reached ElevenLabs once, with the lead's name for the agent.
        QTRY_COMPARE_WITH_TIMEOUT(fake.accepted().size(), 1, timeoutMs);
        QVERIFY2(fake.violations().isEmpty(), qPrintable(fake.violations().join(u'\n')));
        QCOMPARE(fake.accepted().first().toNumber, leadNumber);
        QCOMPARE(fake.accepted().first().dynamicVariables.value(QStringLiteral("first_name")).toString(),
            QStringLiteral("Robin"));
    }

    void channelsPageCreatesValidatesMasksAndTests()
    {
        FakeTwilio fake(accountSid, authToken);
        auto running = server(false);
        QVERIFY2(running->started(), qPrintable(running->error()));
        ChannelsPage page(running->runtime());
        page.resize(1100, 700);
        page.show();
        QSignalSpy reloaded(&page, &ChannelsPage::reloaded);
        QTRY_VERIFY_WITH_TIMEOUT(reloaded.count() >= 1, timeoutMs);
        QVERIFY(page.services().isEmpty());

        page.newService(ServiceProvider::Twilio);
        QVERIFY(!page.saveButton()->isEnabled());
        QVERIFY(page.problems().contains(QStringLiteral("name is required")));
        QVERIFY(page.problems().contains(QStringLiteral("config.account_sid is required")));
        page.nameEdit()->setText(QStringLiteral("Front desk"));
        QTest::keyClicks(page.configEdit(QStringLiteral("account_sid")), QStringLiteral("AC123"));
        QVERIFY2(page.problemsLabel()->text().contains(QStringLiteral("config.account_sid")),
            qPrintable(page.problemsLabel()->text()));
        QVERIFY(!page.problemsLabel()->text().contains(QStringLiteral("config.account_sid is required")));
        page.configEdit(QStringLiteral("account_sid"))->setText(accountSid);
        page.configEdit(QStringLiteral("auth_token"))->setText(authToken);
        QCOMPARE(page.configEdit(QStringLiteral("auth_token"))->echoMode(), QLineEdit::Password);
        page.configEdit(QStringLiteral("from_number"))->setText(QStringLiteral("4155550100"));
        QVERIFY(page.problems().join(u' ').contains(QStringLiteral("config.from_number must be E.164")));
        page.configEdit(QStringLiteral("from_number"))->setText(senderNumber);
        page.configEdit(QStringLiteral("base_url"))->setText(fake.baseUrl());
        QVERIFY2(page.problems().isEmpty(), qPrintable(page.problems().join(u'\n')));
        QVERIFY(page.saveButton()->isEnabled());

        QSignalSpy saved(&page, &ChannelsPage::saved);
        page.saveButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, timeoutMs);
        const qint64 id = saved.first().first().toLongLong();
        QVERIFY(id > 0);
        QCOMPARE(page.services().size(), 1);
        QCOMPARE(page.list()->topLevelItem(0)->text(0), QStringLiteral("Front desk"));
        QCOMPARE(page.list()->topLevelItem(0)->text(2), QStringLiteral("Twilio"));
        QCOMPARE(page.list()->topLevelItem(0)->text(3), QStringLiteral("yes"));
        // The form shows the secret masked, never in clear.
        const auto masked = page.configEdit(QStringLiteral("auth_token"))->text();
        QCOMPARE(masked, maskSecretValue(authToken));
        QVERIFY(!masked.contains(QStringLiteral("composer-token")));

        // Saved again with the mask untouched: the stored secret is kept.
        page.nameEdit()->setText(QStringLiteral("Front desk SMS"));
        QVERIFY2(page.problems().isEmpty(), qPrintable(page.problems().join(u'\n')));
        saved.clear();
        page.saveButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, timeoutMs);
        std::optional<ExternalService> stored;
        onWriter(
            *running, [&stored, id](SqlContext &sql) { stored = ExternalServiceRepository::get(sql, id); });
        QVERIFY(stored);
        QCOMPARE(stored->name, QStringLiteral("Front desk SMS"));
        QCOMPARE(stored->config.value(QStringLiteral("auth_token")).toString(), authToken);

        // Test send: the provider's answer shown.
        QSignalSpy answered(&page, &ChannelsPage::testAnswered);
        page.testRecipient()->setText(leadNumber);
        page.testText()->setText(QStringLiteral("Channel test"));
        QVERIFY(page.testButton()->isEnabled());
        page.testButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(answered.count(), 1, timeoutMs);
        const auto answer = answered.first().first().toJsonObject();
        QVERIFY(answer.value(QStringLiteral("success")).toBool());
        QCOMPARE(fake.accepted().size(), 1);
        QVERIFY2(fake.violations().isEmpty(), qPrintable(fake.violations().join(u'\n')));
        QCOMPARE(fake.accepted().first().body, QStringLiteral("Channel test"));
        QCOMPARE(answer.value(QStringLiteral("provider_message_id")).toString(), fake.accepted().first().sid);
        QVERIFY2(page.testAnswerLabel()->text().contains(fake.accepted().first().sid),
            qPrintable(page.testAnswerLabel()->text()));
        QVERIFY(
            page.testAnswerLabel()->text().startsWith(QStringLiteral("Accepted by the provider (HTTP 201")));

        // A bad recipient: refused before anything is sent.
        answered.clear();
        page.testRecipient()->setText(QStringLiteral("4155550123"));
        page.testButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(page.testAnswerLabel()->text().contains(QStringLiteral("E.164")), timeoutMs);
        QCOMPARE(fake.requestCount(), 1);

        // Delete.
        QSignalSpy again(&page, &ChannelsPage::reloaded);
        page.removeCurrent();
        QTRY_VERIFY_WITH_TIMEOUT(again.count() >= 1, timeoutMs);
        QVERIFY(page.services().isEmpty());
    }
};

QTEST_MAIN(ComposerTest)
#include "tst_composer.moc"
