// Handover and analysis in the console: an inbound SMS that asks for a person is announced by the
// tray notifier as a handover with its reason (in place of the new-message notification), and an
// analysed call shows one short line in the thread.
#include "TestSupport.h"
#include "common/ConsolePreferences.h"
#include "common/MessageNotifier.h"
#include "conversations/MessageThreadView.h"

#include <QApplication>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

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
