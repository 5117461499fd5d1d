// The conversations view against a real runtime: Twilio SMS callbacks become threads that appear
// and move live, the chat shows each message, and the tray notifier announces inbound messages
// unless turned off.
#include "TestSupport.h"
#include "common/ConsolePreferences.h"
#include "common/MessageNotifier.h"
#include "conversations/ConversationListModel.h"
#include "conversations/ConversationsView.h"
#include "conversations/MessageThreadView.h"
#include "domain/Clock.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QListView>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTextBrowser>

using namespace sb;
using namespace sb::test;

namespace {

constexpr int timeoutMs = 20000;

int sendSms(TestServer &server, const QByteArray &from, const QByteArray &body, const QByteArray &sid)
{
    const QByteArray form = "From=" + QUrl::toPercentEncoding(QString::fromLatin1(from))
        + "&To=%2B15550199&MessageSid=" + sid + "&Body=" + QUrl::toPercentEncoding(QString::fromUtf8(body));
    return request("POST", server.url(QStringLiteral("/api/webhooks/twilio/sms")), form,
        {{"Content-Type", "application/x-www-form-urlencoded"}})
        .status;
}

TestServer *unverifiedTwilio()
{
    return new TestServer([](RuntimeOptions &options) {
        options.acceptUnverified.insert(QStringLiteral("twilio"));
        options.rateLimitPerMinute = 0;
    });
}

} // namespace

class ConversationsViewTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName(QStringLiteral("SwitchboardTest"));
        QApplication::setApplicationName(QStringLiteral("tst_conversationsview"));
        QSettings().clear();
    }

    void threadsArriveAndMoveLive()
    {
        std::unique_ptr<TestServer> server(unverifiedTwilio());
        QVERIFY2(server->started(), qPrintable(server->error()));
        ConversationsView view(server->runtime());
        view.resize(1000, 600);
        view.show();
        QAbstractItemModelTester tester(view.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_VERIFY_WITH_TIMEOUT(view.model()->reachedEnd(), timeoutMs);
        QCOMPARE(view.model()->rowCount(), 0);

        QCOMPARE(sendSms(*server, "+15550100", "Hello from Ada", "SM0001"), 200);
        QTRY_COMPARE_WITH_TIMEOUT(view.model()->rowCount(), 1, timeoutMs);
        QCOMPARE(view.model()->rowAt(0).channel, Channel::Sms);
        QCOMPARE(view.model()->rowAt(0).unread, 1);

        view.list()->setCurrentIndex(view.model()->index(0));
        QTRY_COMPARE_WITH_TIMEOUT(int(view.thread()->entries().size()), 1, timeoutMs);
        QCOMPARE(view.thread()->entries().front().body, QStringLiteral("Hello from Ada"));
        QCOMPARE(view.model()->rowAt(0).unread, 0); // read when opened
        // ... and stored read: a list read afresh from the database says so too.
        bool storedRead = false;
        for (int attempt = 0; attempt < 50 && !storedRead; ++attempt) {
            ConversationListModel fresh(server->runtime());
            fresh.fetchMore();
            QTRY_VERIFY_WITH_TIMEOUT(fresh.reachedEnd(), timeoutMs);
            storedRead = fresh.rowCount() == 1 && fresh.rowAt(0).unread == 0;
            if (!storedRead)
                QTest::qWait(20);
        }
        QVERIFY(storedRead);

        QSignalSpy reset(view.model(), &QAbstractItemModel::modelReset);
        QCOMPARE(sendSms(*server, "+15550111", "Grace here", "SM0002"), 200);
        QTRY_COMPARE_WITH_TIMEOUT(view.model()->rowCount(), 2, timeoutMs);
        QCOMPARE(view.model()->rowAt(0).preview, QStringLiteral("Grace here")); // newest on top
        // Ada writes again: her thread moves back to the top, the open chat shows both messages.
        QCOMPARE(sendSms(*server, "+15550100", "Are you there?", "SM0003"), 200);
        QTRY_COMPARE_WITH_TIMEOUT(
            view.model()->rowAt(0).preview, QStringLiteral("Are you there?"), timeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(int(view.thread()->entries().size()), 2, timeoutMs);
        QVERIFY(view.thread()->browser()->toPlainText().contains(QStringLiteral("Are you there?")));
        QCOMPARE(reset.count(), 0);
    }

    // A burst (a campaign's replies): many threads placed in one layout change, in order, the
    // selected thread still selected.
    void burstOfThreadsKeepsOrderAndSelection()
    {
        std::unique_ptr<TestServer> server(unverifiedTwilio());
        QVERIFY2(server->started(), qPrintable(server->error()));
        ConversationsView view(server->runtime());
        view.resize(1000, 600);
        view.show();
        QAbstractItemModelTester tester(view.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_VERIFY_WITH_TIMEOUT(view.model()->reachedEnd(), timeoutMs);
        QCOMPARE(sendSms(*server, "+15550200", "first", "SMB000"), 200);
        QTRY_COMPARE_WITH_TIMEOUT(view.model()->rowCount(), 1, timeoutMs);
        view.list()->setCurrentIndex(view.model()->index(0));
        const auto selected = view.model()->rowAt(0).id;
        QSignalSpy layouts(view.model(), &QAbstractItemModel::layoutChanged);
        constexpr int burst = 80;
        for (int i = 1; i <= burst; ++i) {
            const QByteArray from = "+1555" + QByteArray::number(1000 + i);
            QCOMPARE(sendSms(*server, from, "reply " + QByteArray::number(i),
                         "SM9" + QByteArray::number(1000 + i)),
                200);
        }
        QTRY_COMPARE_WITH_TIMEOUT(view.model()->rowCount(), burst + 1, timeoutMs);
        QVERIFY(layouts.count() >= 1);
        for (int row = 1; row < view.model()->rowCount(); ++row) {
            const auto &a = view.model()->rowAt(row - 1);
            const auto &b = view.model()->rowAt(row);
            QVERIFY(a.lastMessageAtMs > b.lastMessageAtMs
                || (a.lastMessageAtMs == b.lastMessageAtMs && a.id > b.id));
        }
        QCOMPARE(view.model()->rowAt(view.list()->currentIndex().row()).id, selected);
        QCOMPARE(view.model()->rowAt(view.model()->rowCount() - 1).id, selected); // the oldest now
    }

    // A follow-up task that falls due is announced once, with its lead and title, on the runtime's clock.
    void dueTaskIsAnnounced()
    {
        ManualClock clock(1'800'000'000'000);
        TestServer server(
            [](RuntimeOptions &options) {
                options.environment.insert(
                    QStringLiteral("SWITCHBOARD_TASK_REMINDER_MS"), QStringLiteral("50"));
            },
            &clock);
        QVERIFY2(server.started(), qPrintable(server.error()));
        QWidget window;
        MessageNotifier notifier(server.runtime().bus(), &window);
        QSignalSpy notified(&notifier, &MessageNotifier::notified);
        const auto lead = adminSend(server, "POST", QStringLiteral("/api/leads"),
            {{QStringLiteral("first_name"), QStringLiteral("Ada")},
                {QStringLiteral("last_name"), QStringLiteral("Lovelace")}});
        QCOMPARE(lead.status, 201);
        const auto due
            = QDateTime::fromMSecsSinceEpoch(clock.nowMs() + 10 * 60'000, Qt::UTC).toString(Qt::ISODate);
        QCOMPARE(adminSend(server, "POST", QStringLiteral("/api/tasks"),
                     {{QStringLiteral("title"), QStringLiteral("Send Ada the quote")},
                         {QStringLiteral("dueAt"), due},
                         {QStringLiteral("leadId"), lead.json().value(QStringLiteral("id"))}})
                     .status,
            201);
        QTest::qWait(400);
        QCOMPARE(notified.count(), 0); // not due yet
        clock.advanceMs(11 * 60'000);
        QTRY_COMPARE_WITH_TIMEOUT(notified.count(), 1, timeoutMs);
        QCOMPARE(notified.last().at(0).toString(), QStringLiteral("Task due: Ada Lovelace"));
        QCOMPARE(notified.last().at(1).toString(), QStringLiteral("Send Ada the quote"));
        QTest::qWait(400);
        QCOMPARE(notified.count(), 1); // once per due time
    }

    void ticksAndDurations()
    {
        QCOMPARE(MessageThreadView::statusTicks(MessageStatus::Queued), QStringLiteral("○"));
        QCOMPARE(MessageThreadView::statusTicks(MessageStatus::Sent), QStringLiteral("✓"));
        QCOMPARE(MessageThreadView::statusTicks(MessageStatus::Delivered), QStringLiteral("✓✓"));
        QCOMPARE(MessageThreadView::statusTicks(MessageStatus::Failed), QStringLiteral("✕"));
        QCOMPARE(MessageThreadView::durationText(125), QStringLiteral("2:05"));
    }

    void inboundMessagesNotifyUnlessTurnedOff()
    {
        std::unique_ptr<TestServer> server(unverifiedTwilio());
        QVERIFY(server->started());
        QWidget window;
        MessageNotifier notifier(server->runtime().bus(), &window);
        QSignalSpy notified(&notifier, &MessageNotifier::notified);
        ConsolePreferences::setNotifyNewMessages(true);
        QCOMPARE(sendSms(*server, "+15550100", "Ping", "SM0101"), 200);
        QTRY_COMPARE_WITH_TIMEOUT(notified.count(), 1, timeoutMs);
        QVERIFY(notifier.lastTitle().contains(QStringLiteral("+15550100")));
        QCOMPARE(notifier.lastMessage(), QStringLiteral("Ping"));

        ConsolePreferences::setNotifyNewMessages(false);
        QCOMPARE(sendSms(*server, "+15550100", "Pong", "SM0102"), 200);
        QTest::qWait(1500);
        QCOMPARE(notified.count(), 1);
        ConsolePreferences::setNotifyNewMessages(true);
    }

    void failedSentMessageNotifiesWithTheProviderError()
    {
        std::unique_ptr<TestServer> server(unverifiedTwilio());
        QVERIFY(server->started());
        QWidget window;
        MessageNotifier notifier(server->runtime().bus(), &window);
        QSignalSpy notified(&notifier, &MessageNotifier::notified);
        ConsolePreferences::setNotifyFailedMessages(true);
        const auto status = [&server](const QByteArray &sid, const QByteArray &to, const QByteArray &state,
                                const QByteArray &errorCode) {
            QByteArray form = "MessageSid=" + sid + "&MessageStatus=" + state
                + "&To=" + QUrl::toPercentEncoding(QString::fromLatin1(to)) + "&From=%2B14155550199";
            if (!errorCode.isEmpty())
                form += "&ErrorCode=" + errorCode;
            return request("POST", server->url(QStringLiteral("/api/webhooks/twilio/sms/status")), form,
                {{"Content-Type", "application/x-www-form-urlencoded"}})
                .status;
        };
        // A message we sent (known from its first receipt) then fails with Twilio's code only.
        QCOMPARE(status("SM0201", "+14155550123", "sent", {}), 200);
        QCOMPARE(status("SM0201", "+14155550123", "failed", "30003"), 200);
        QTRY_COMPARE_WITH_TIMEOUT(notified.count(), 1, timeoutMs);
        QCOMPARE(notifier.lastTitle(), QStringLiteral("SMS to +14155550123 not delivered"));
        QCOMPARE(
            notifier.lastMessage(), QStringLiteral("Twilio error 30003: Unreachable destination handset"));
        // A repeated final status is not a new failure.
        QCOMPARE(status("SM0201", "+14155550123", "undelivered", "30005"), 200);
        QTest::qWait(1500);
        QCOMPARE(notified.count(), 1);

        ConsolePreferences::setNotifyFailedMessages(false);
        QCOMPARE(status("SM0202", "+14155550124", "sent", {}), 200);
        QCOMPARE(status("SM0202", "+14155550124", "undelivered", "30006"), 200);
        QTest::qWait(1500);
        QCOMPARE(notified.count(), 1);
        ConsolePreferences::setNotifyFailedMessages(true);
    }
};

QTEST_MAIN(ConversationsViewTest)
#include "tst_conversationsview.moc"
