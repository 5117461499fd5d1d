// Sends in the Deliveries view against a real runtime and the fake Twilio: an SMS queued through
// the send API appears under the SMS channel (not under Email, nor among the webhook deliveries)
// with its provider, recipient, status and attempt; the detail pane shows the attempt's request
// (credentials masked as stored) and Twilio's answer; Retry on a failed send queues it again once.
#include "TestSupport.h"
#include "common/UiDatabase.h"
#include "deliveries/DeliveriesView.h"
#include "deliveries/DeliveryDetailPane.h"
#include "deliveries/DeliveryLogModel.h"
#include "deliveries/OutboundLogModel.h"
#include "deliveries/SendLogModel.h"
#include "fakes/SmsFakes.h"
#include "outbound/WebhookConfigCommands.h"
#include "storage/DeliveryRepository.h"
#include "storage/OutboxMapper.h"
#include "storage/SqlWorker.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTest>

using namespace sb;
using namespace sb::test;

namespace {

constexpr int timeoutMs = 20000;
const QString accountSid = QStringLiteral("AC0123456789abcdef0123456789abcdef");
const QString authToken = QStringLiteral("twilio-view-token-7731");

std::function<void(RuntimeOptions &)> withFake(const FakeTwilio &fake)
{
    const auto base = fake.baseUrl();
    return [base](RuntimeOptions &options) {
        options.environment.insert(QStringLiteral("TWILIO_ACCOUNT_SID"), accountSid);
        options.environment.insert(QStringLiteral("TWILIO_AUTH_TOKEN"), authToken);
        options.environment.insert(QStringLiteral("TWILIO_PHONE_NUMBER"), QStringLiteral("+14155550100"));
        options.environment.insert(QStringLiteral("TWILIO_API_BASE_URL"), base);
        options.environment.insert(QStringLiteral("SWITCHBOARD_OUTBOX_PACING"), QStringLiteral("0"));
        options.rateLimitPerMinute = 0;
    };
}

int sendSms(TestServer &server, const QString &to, const QString &body)
{
    return request("POST", server.url(QStringLiteral("/api/twilio/send-sms")),
        QJsonDocument(QJsonObject {{QStringLiteral("to"), to}, {QStringLiteral("body"), body}})
            .toJson(QJsonDocument::Compact),
        {{"Content-Type", "application/json"}, {"X-API-Key", adminKey}})
        .status;
}

} // namespace

class SendLogViewTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName(QStringLiteral("SwitchboardTest"));
        QApplication::setApplicationName(QStringLiteral("tst_sendlogview"));
        QSettings().clear();
    }

    void queuedSmsAppearsUnderTheSmsChannel()
    {
        FakeTwilio fake(accountSid, authToken);
        TestServer server(withFake(fake));
        QVERIFY2(server.started(), qPrintable(server.error()));
        auto &runtime = server.runtime();
        UiDatabase database(runtime.databaseOptions());
        DeliveriesView view(database.db(), runtime);
        QAbstractItemModelTester tester(view.sends(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        view.resize(1200, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        auto *channel = view.findChild<QComboBox *>(QStringLiteral("deliveriesChannel"));
        QVERIFY(channel);
        QCOMPARE(channel->count(), 7); // All · Webhooks · SMS · Email · Push · Chat · Voice
        QCOMPARE(view.mode(), DeliveriesView::Mode::Webhooks); // the default, as before sends existed
        view.showChannel(LogChannel {Channel::Sms});
        QVERIFY(view.showingSends());
        QCOMPARE(view.table()->model(), view.sends());
        QCOMPARE(view.sends()->filter().channel, Channel::Sms);
        QTRY_VERIFY_WITH_TIMEOUT(view.sends()->reachedEnd(), timeoutMs);
        QCOMPARE(view.sends()->rowCount(), 0);
        // Webhook-only filters are hidden for sends.
        QVERIFY(!view.findChild<QComboBox *>(QStringLiteral("deliveriesConfig"))->isVisible());

        // Queued while the view is open: it arrives live, then its attempt settles it.
        QCOMPARE(sendSms(server, QStringLiteral("+14155550177"), QStringLiteral("Your car is ready")), 202);
        QTRY_COMPARE_WITH_TIMEOUT(fake.accepted().size(), 1, timeoutMs);
        QVERIFY2(fake.violations().isEmpty(), qPrintable(fake.violations().join(u'\n')));
        QTRY_COMPARE_WITH_TIMEOUT(view.sends()->rowCount(), 1, timeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(view.sends()->rowAt(0).status, OutboxStatus::Sent, timeoutMs);
        const auto &row = view.sends()->rowAt(0);
        QCOMPARE(row.provider, QStringLiteral("twilio"));
        QCOMPARE(row.attempts, 1);
        QCOMPARE(row.lastStatus, 201);
        QCOMPARE(row.providerId, fake.accepted().first().sid);
        auto cell = [&view](int column) { return view.sends()->index(0, column).data().toString(); };
        QCOMPARE(cell(SendLogModel::Channel), QStringLiteral("SMS"));
        QCOMPARE(cell(SendLogModel::Provider), QStringLiteral("twilio"));
        QCOMPARE(cell(SendLogModel::Recipient), QStringLiteral("+14155550177"));
        QCOMPARE(cell(SendLogModel::Status), QStringLiteral("sent"));
        QCOMPARE(cell(SendLogModel::Attempts), QStringLiteral("1"));
        QVERIFY(cell(SendLogModel::Id).startsWith(QStringLiteral("snd_")));

        // The detail pane: the attempt's request (masked) and Twilio's answer.
        view.table()->selectRow(0);
        QCOMPARE(view.detail()->deliveryId(), cell(SendLogModel::Id));
        QCOMPARE(view.detail()->attemptCount(), 1);
        auto *requestLine = view.detail()->findChild<QLabel *>(QStringLiteral("requestLine"));
        QVERIFY(requestLine->text().contains(QStringLiteral("/Accounts/") + accountSid));
        auto *requestBody = view.detail()->findChild<QPlainTextEdit *>(QStringLiteral("requestBody"));
        QVERIFY(requestBody);
        QVERIFY2(requestBody->toPlainText().contains(QStringLiteral("Body=Your%20car%20is%20ready")),
            qPrintable(requestBody->toPlainText())); // the form as sent
        auto *requestHeaders = view.detail()->findChild<QTableWidget *>(QStringLiteral("requestHeaders"));
        QString headerText;
        for (int i = 0; i < requestHeaders->rowCount(); ++i)
            headerText += requestHeaders->item(i, 0)->text() + QLatin1Char(':')
                + requestHeaders->item(i, 1)->text() + QLatin1Char('\n');
        QVERIFY2(headerText.contains(QStringLiteral("Authorization"), Qt::CaseInsensitive),
            qPrintable(headerText));
        QVERIFY(!headerText.contains(
            QString::fromLatin1((accountSid + QLatin1Char(':') + authToken).toUtf8().toBase64())));
        QVERIFY(!view.detail()->curlCommand().contains(authToken));
        auto *responseBody = view.detail()->findChild<QPlainTextEdit *>(QStringLiteral("responseBody"));
        QVERIFY(responseBody->toPlainText().contains(fake.accepted().first().sid));
        auto *retry = view.detail()->findChild<QPushButton *>(QStringLiteral("deliveryRetry"));
        QVERIFY(!retry->isEnabled()); // a sent message is not sent again

        // Not under Email, nor in the webhook log; under All, next to the webhook deliveries.
        view.showChannel(LogChannel {Channel::Email});
        QTRY_VERIFY_WITH_TIMEOUT(view.sends()->reachedEnd(), timeoutMs);
        QCOMPARE(view.sends()->rowCount(), 0);
        view.showChannel(std::nullopt);
        QCOMPARE(view.mode(), DeliveriesView::Mode::All);
        QCOMPARE(view.table()->model(), view.all());
        QTRY_VERIFY_WITH_TIMEOUT(view.all()->reachedEnd(), timeoutMs);
        const int sendRow = view.all()->rowOfId(OutboxMapper::recordId(row.id));
        QVERIFY(sendRow >= 0);
        QVERIFY(view.all()->isSendAt(sendRow));
        QCOMPARE(view.all()->index(sendRow, OutboundLogModel::What).data().toString(),
            QStringLiteral("+14155550177"));
        QCOMPARE(
            view.all()->index(sendRow, OutboundLogModel::Target).data().toString(), QStringLiteral("twilio"));
        QCOMPARE(
            view.all()->index(sendRow, OutboundLogModel::Channel).data().toString(), QStringLiteral("SMS"));
        view.table()->selectRow(sendRow);
        QCOMPARE(view.detail()->deliveryId(), OutboxMapper::recordId(row.id));
        view.showChannel(LogChannel {});
        QVERIFY(!view.showingSends());
        QCOMPARE(view.table()->model(), view.model());
        QTRY_VERIFY_WITH_TIMEOUT(view.model()->reachedEnd(), timeoutMs);
        for (int i = 0; i < view.model()->rowCount(); ++i)
            QVERIFY(!view.model()->rowAt(i).id.startsWith(QStringLiteral("snd_")));
    }

    void allMergesDeliveriesAndSendsNewestFirst()
    {
        FakeTwilio fake(accountSid, authToken);
        TestServer server(withFake(fake));
        QVERIFY2(server.started(), qPrintable(server.error()));
        auto &runtime = server.runtime();
        auto delivery = [&runtime](const QString &id) {
            QObject context;
            bool done = false;
            SqlJob job;
            job.replyContext = &context;
            job.run = [id](SqlContext &sql) -> ApiResult {
                const auto config = WebhookConfigCommands::create(sql,
                    QJsonObject {{QStringLiteral("name"), QString(QStringLiteral("CRM ") + id)},
                        {QStringLiteral("url"), QStringLiteral("http://127.0.0.1:9/hook")},
                        {QStringLiteral("eventTypes"), QJsonArray {QStringLiteral("lead.converted")}}});
                Delivery d;
                d.id = id;
                d.eventId = QStringLiteral("evt_") + id;
                d.configId = std::get<ConfigWrite>(config).config.id;
                d.eventType = QStringLiteral("lead.created");
                d.source = QStringLiteral("crm");
                d.payload = R"({"event":"lead.created"})";
                d.status = DeliveryStatus::Failed;
                DeliveryRepository::insert(sql, d);
                sql.noteDeliveriesQueued(1);
                return ApiResponse {};
            };
            job.done = [&done](const ApiResult &) { done = true; };
            runtime.writer().submit(std::move(job));
            QTRY_VERIFY_WITH_TIMEOUT(done, timeoutMs);
        };
        UiDatabase database(runtime.databaseOptions());
        DeliveriesView view(database.db(), runtime);
        QAbstractItemModelTester tester(view.all(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        view.resize(1200, 700);
        view.show();
        view.showChannel(std::nullopt);
        QTRY_VERIFY_WITH_TIMEOUT(view.all()->reachedEnd(), timeoutMs);
        QCOMPARE(view.all()->rowCount(), 0);

        // Older → newer: a delivery, a send, a delivery; they arrive live.
        delivery(QStringLiteral("msg_first"));
        QTest::qWait(20);
        QCOMPARE(sendSms(server, QStringLiteral("+14155550190"), QStringLiteral("in between")), 202);
        QTRY_COMPARE_WITH_TIMEOUT(view.all()->rowCount(), 2, timeoutMs);
        QTest::qWait(20);
        delivery(QStringLiteral("msg_last"));
        QTRY_COMPARE_WITH_TIMEOUT(view.all()->rowCount(), 3, timeoutMs);
        QCOMPARE(view.all()->idAt(0), QStringLiteral("msg_last"));
        QVERIFY(view.all()->isSendAt(1));
        QCOMPARE(view.all()->idAt(2), QStringLiteral("msg_first"));
        QCOMPARE(
            view.all()->index(0, OutboundLogModel::Channel).data().toString(), QStringLiteral("Webhook"));
        QCOMPARE(
            view.all()->index(0, OutboundLogModel::What).data().toString(), QStringLiteral("lead.created"));

        // Read afresh (a filter change), the same order; the status filter applies to both.
        view.findChild<QComboBox *>(QStringLiteral("deliveriesStatus"))->setCurrentIndex(2); // failed
        QTRY_VERIFY_WITH_TIMEOUT(view.all()->reachedEnd(), timeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(view.all()->rowCount() >= 2, timeoutMs);
        QCOMPARE(view.all()->idAt(0), QStringLiteral("msg_last"));
        for (int i = 0; i < view.all()->rowCount(); ++i)
            QVERIFY(!view.all()->isSendAt(i)); // the send was accepted: not failed
        view.findChild<QComboBox *>(QStringLiteral("deliveriesStatus"))->setCurrentIndex(0);
        QTRY_COMPARE_WITH_TIMEOUT(view.all()->rowCount(), 3, timeoutMs);
        QCOMPARE(view.all()->idAt(0), QStringLiteral("msg_last"));
        QVERIFY(view.all()->isSendAt(1));
        QCOMPARE(view.all()->idAt(2), QStringLiteral("msg_first"));
    }

    void retryQueuesAFailedSendOnce()
    {
        FakeTwilio fake(accountSid, QStringLiteral("a-token-the-console-does-not-have"));
        TestServer server(withFake(fake));
        QVERIFY2(server.started(), qPrintable(server.error()));
        auto &runtime = server.runtime();
        QCOMPARE(sendSms(server, QStringLiteral("+14155550178"), QStringLiteral("Hi")), 202);
        QTRY_COMPARE_WITH_TIMEOUT(fake.requestCount(), 1, timeoutMs);
        UiDatabase database(runtime.databaseOptions());
        DeliveriesView view(database.db(), runtime);
        view.resize(1200, 700);
        view.show();
        view.showChannel(LogChannel {Channel::Sms});
        QTRY_COMPARE_WITH_TIMEOUT(view.sends()->rowCount(), 1, timeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(view.sends()->rowAt(0).status, OutboxStatus::Failed, timeoutMs);
        QCOMPARE(view.sends()->rowAt(0).lastStatus, 401);
        view.table()->selectRow(0);
        auto *retry = view.detail()->findChild<QPushButton *>(QStringLiteral("deliveryRetry"));
        QVERIFY(retry->isEnabled());
        retry->click();
        // A new row for the same message, sent again (and refused again by this fake).
        QTRY_COMPARE_WITH_TIMEOUT(view.sends()->rowCount(), 2, timeoutMs);
        QCOMPARE(view.sends()->rowAt(0).messageId, view.sends()->rowAt(1).messageId);
        QTRY_COMPARE_WITH_TIMEOUT(fake.requestCount(), 2, timeoutMs);
        auto *count = view.findChild<QLabel *>(QStringLiteral("deliveriesCount"));
        QVERIFY2(count->text().contains(QStringLiteral("queued again")), qPrintable(count->text()));
    }
};

QTEST_MAIN(SendLogViewTest)
#include "tst_sendlogview.moc"
