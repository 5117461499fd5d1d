// Handover and analysis in the console: an inbound SMS that asks for a person is announced by the
// tray notifier as a handover with its reason (in place of the new-message notification), and an
// analysed call shows one short line in the thread.
#include "TestSupport.h"
#include "common/ConsolePreferences.h"
#include "common/MessageNotifier.h"
#include "conversations/MessageThreadView.h"
#include "runtime/Runtime.h"
#include "storage/LeadDirectory.h"
#include "storage/MessagingRepository.h"
#include "storage/SqlWorker.h"

#include <QApplication>
#include <QDir>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTextBrowser>

using namespace sb;
using namespace sb::test;

class HandoverConsoleTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName(QStringLiteral("SwitchboardTest"));
        QApplication::setApplicationName(QStringLiteral("tst_handover_console"));
        QSettings().clear();
    }

    void handoverIsNotifiedWithItsReason()
    {
        TestServer server([](RuntimeOptions &options) {
            options.acceptUnverified.insert(QStringLiteral("twilio"));
            options.rateLimitPerMinute = 0;
        });
        QVERIFY2(server.started(), qPrintable(server.error()));
        QWidget window;
        MessageNotifier notifier(server.runtime().bus(), &window);
        QSignalSpy notified(&notifier, &MessageNotifier::notified);
        ConsolePreferences::setNotifyNewMessages(true);
        const QByteArray form = "From=%2B15550142&To=%2B15550199&MessageSid=SM0301&Body="
            + QUrl::toPercentEncoding(QStringLiteral("Can I speak to a person please?"));
        QCOMPARE(request("POST", server.url(QStringLiteral("/api/webhooks/twilio/sms")), form,
                     {{"Content-Type", "application/x-www-form-urlencoded"}})
                     .status,
            200);
        QTRY_COMPARE_WITH_TIMEOUT(notified.count(), 1, 20000);
        QCOMPARE(notifier.lastTitle(), QStringLiteral("Handover: a person is needed"));
        QCOMPARE(notifier.lastMessage(), QStringLiteral("asked for a person: \"speak to a person\""));
        QTest::qWait(1200);
        QCOMPARE(notified.count(), 1); // the message itself is announced by the handover
    }

    // A stored analysis under its call in the thread (and a screenshot to look at when
    // SWITCHBOARD_SCREENSHOT_DIR is set).
    void threadShowsTheAnalysisUnderTheCall()
    {
        TestServer server;
        QVERIFY2(server.started(), qPrintable(server.error()));
        qint64 conversation = 0;
        bool done = false;
        SqlJob job;
        job.run = [&conversation](SqlContext &sql) -> ApiResult {
            const auto lead
                = LeadDirectory::forPhone(sql, QStringLiteral("+14155550177"), QStringLiteral("test"), {});
            CallUpdate call;
            call.provider = QStringLiteral("elevenlabs");
            call.callRef = QStringLiteral("conv_shot_1");
            call.leadId = lead.id;
            call.direction = QStringLiteral("inbound");
            call.from = QStringLiteral("+14155550177");
            call.to = QStringLiteral("+18005551234");
            call.status = CallStatus::Completed;
            call.durationSeconds = 97;
            call.transcript = QStringLiteral("agent: Hello\nuser: My delivery is late and I want a refund");
            call.summary
                = QStringLiteral("The customer is upset about a late delivery and asks for a refund.");
            const auto stored = MessagingRepository::upsertCall(sql, call);
            const auto id = stored.value(QStringLiteral("id")).toInteger();
            conversation = stored.value(QStringLiteral("conversation_id")).toInteger();
            sql.write(
                QStringLiteral(
                    "INSERT INTO ai_analyses(subject_kind, subject_id, conversation_id, lead_id, status, "
                    "sentiment, sentiment_score, key_phrases, action_items, created_at) "
                    "VALUES('call', ?, ?, ?, 'ok', 'negative', -0.7, '[]', ?, ?)"),
                {id, conversation, lead.id,
                    QStringLiteral(R"(["call back about the refund","check the delivery date"])"),
                    sql.nowMs()});
            return ApiResponse {};
        };
        job.replyContext = this;
        job.done = [&done](const ApiResult &) { done = true; };
        server.runtime().writer().submit(std::move(job));
        QTRY_VERIFY_WITH_TIMEOUT(done, 20000);
        QVERIFY(conversation > 0);

        MessageThreadView view(server.runtime());
        view.resize(700, 420);
        view.show();
        ConversationRow row;
        row.id = conversation;
        row.channel = Channel::Voice;
        row.leadAddress = QStringLiteral("+14155550177");
        row.messageCount = 1;
        view.load(row);
        QTRY_COMPARE_WITH_TIMEOUT(int(view.entries().size()), 1, 20000);
        QCOMPARE(view.entries().front().sentiment, std::optional<Sentiment>(Sentiment::Negative));
        QTRY_VERIFY_WITH_TIMEOUT(
            view.browser()->toPlainText().contains(QStringLiteral(
                "Sentiment: negative · Action items: call back about the refund; check the delivery date")),
            20000);
        const auto dir = qEnvironmentVariable("SWITCHBOARD_SCREENSHOT_DIR");
        if (!dir.isEmpty()) {
            QDir().mkpath(dir);
            QTest::qWait(200);
            QVERIFY(view.grab().save(dir + QStringLiteral("/thread-call-analysis.png")));
        }
    }

    void analysedCallShowsOneLine()
    {
        ThreadEntry entry;
        entry.kind = ThreadEntry::Kind::Call;
        QCOMPARE(MessageThreadView::analysisText(entry), QString());
        entry.sentiment = Sentiment::Negative;
        QCOMPARE(MessageThreadView::analysisText(entry), QStringLiteral("Sentiment: negative"));
        entry.actionItems = {QStringLiteral("call back"), QStringLiteral("send the quote")};
        QCOMPARE(MessageThreadView::analysisText(entry),
            QStringLiteral("Sentiment: negative · Action items: call back; send the quote"));
    }
};

QTEST_MAIN(HandoverConsoleTest)
#include "tst_handover_console.moc"
