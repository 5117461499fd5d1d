// The "Send test webhook" simulator against a real runtime: each sample is signed with the
// configured secret, verified by the server like a provider's callback and threaded into a
// conversation; without a secret the refusal is explained before and after sending.
#include "MainWindow.h"
#include "TestSupport.h"
#include "common/UiDatabase.h"
#include "inspector/InboundRequestModel.h"
#include "inspector/InboundRequestsView.h"
#include "simulator/SendTestWebhookDialog.h"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTest>

using namespace sb;
using namespace sb::test;

namespace {

constexpr int timeoutMs = 20000;

void setAllSecrets(Runtime &runtime)
{
    runtime.secrets().set(QStringLiteral("TWILIO_AUTH_TOKEN"), QStringLiteral("simulated-twilio-token"));
    runtime.secrets().set(
        QStringLiteral("MAILGUN_WEBHOOK_SIGNING_KEY"), QStringLiteral("key-simulated-mailgun"));
    runtime.secrets().set(QStringLiteral("ELEVENLABS_WEBHOOK_SECRET"), QStringLiteral("wsec_simulated"));
}

// Picks the sample, presses Send and waits for the answer and the record.
bool sendSample(SendTestWebhookDialog &dialog, int kindIndex)
{
    dialog.findChild<QComboBox *>(QStringLiteral("sampleKind"))->setCurrentIndex(kindIndex);
    QSignalSpy finished(&dialog, &SendTestWebhookDialog::finished);
    dialog.findChild<QPushButton *>(QStringLiteral("sampleSend"))->click();
    if (!finished.wait(timeoutMs))
        return false;
    return QTest::qWaitFor([&dialog] { return !dialog.recordId().isEmpty(); }, timeoutMs);
}

QString labelText(QWidget &parent, const char *name)
{
    return parent.findChild<QLabel *>(QString::fromLatin1(name))->text();
}

QStringList conversationChannels(UiDatabase &database)
{
    QSqlQuery query(database.db());
    query.exec(QStringLiteral("SELECT channel FROM conversations ORDER BY channel"));
    QStringList result;
    while (query.next())
        result.append(query.value(0).toString());
    return result;
}

} // namespace

class SimulatorTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName(QStringLiteral("SwitchboardTest"));
        QApplication::setApplicationName(QStringLiteral("tst_simulator"));
        QSettings().clear();
    }

    void everySampleIsVerifiedAndThreaded()
    {
        TestServer server;
        QVERIFY(server.started());
        setAllSecrets(server.runtime());
        UiDatabase database(server.runtime().databaseOptions());
        SendTestWebhookDialog dialog(server.runtime());
        dialog.show();
        QVERIFY(labelText(dialog, "sampleSigning").contains(QStringLiteral("TWILIO_AUTH_TOKEN")));
        QVERIFY(labelText(dialog, "sampleTarget").contains(QStringLiteral("/api/webhooks/twilio/sms")));

        const char *paths[] = {"/api/webhooks/twilio/sms", "/api/webhooks/mailgun/inbound",
            "/api/webhooks/elevenlabs/post-call"};
        for (int kind = 0; kind < 3; ++kind) {
            QVERIFY2(sendSample(dialog, kind), paths[kind]);
            QVERIFY2(labelText(dialog, "sampleResult").contains(QStringLiteral("HTTP 200")),
                qPrintable(
                    labelText(dialog, "sampleResult") + QLatin1Char(' ') + QString::fromLatin1(paths[kind])));
            const auto recorded = labelText(dialog, "sampleRecorded");
            QVERIFY2(recorded.contains(InboundRequestModel::statusLabel(QStringLiteral("processed")))
                    && recorded.contains(InboundRequestModel::verificationLabel(QStringLiteral("verified"))),
                qPrintable(recorded));
            QVERIFY(dialog.findChild<QPushButton *>(QStringLiteral("sampleShowRequest"))->isEnabled());
        }
        QCOMPARE(conversationChannels(database),
            (QStringList {QStringLiteral("email"), QStringLiteral("sms"), QStringLiteral("voice")}));
        // The sender's own words reach the thread.
        dialog.findChild<QComboBox *>(QStringLiteral("sampleKind"))->setCurrentIndex(0);
        dialog.findChild<QPlainTextEdit *>(QStringLiteral("sampleText"))
            ->setPlainText(QStringLiteral("Typed by hand"));
        QVERIFY(sendSample(dialog, 0));
        QSqlQuery query(database.db());
        QVERIFY(query.exec(QStringLiteral("SELECT COUNT(*) FROM messages WHERE body = 'Typed by hand'"))
            && query.next());
        QCOMPARE(query.value(0).toInt(), 1);
    }

    void signsForThePublicUrlBehindATunnel()
    {
        TestServer server([](RuntimeOptions &options) {
            options.publicUrl = QStringLiteral("https://abc.ngrok-free.app");
        });
        QVERIFY(server.started());
        setAllSecrets(server.runtime());
        SendTestWebhookDialog dialog(server.runtime());
        QVERIFY(labelText(dialog, "sampleTarget")
                    .contains(QStringLiteral("https://abc.ngrok-free.app/api/webhooks/twilio/sms")));
        QVERIFY(sendSample(dialog, 0));
        QVERIFY2(labelText(dialog, "sampleResult").contains(QStringLiteral("HTTP 200")),
            qPrintable(labelText(dialog, "sampleResult")));
    }

    void missingSecretIsExplainedAndRefused()
    {
        TestServer server;
        QVERIFY(server.started());
        SendTestWebhookDialog dialog(server.runtime());
        dialog.findChild<QComboBox *>(QStringLiteral("sampleKind"))->setCurrentIndex(1);
        QVERIFY2(labelText(dialog, "sampleSigning")
                     .contains(QStringLiteral("MAILGUN_WEBHOOK_SIGNING_KEY is not set")),
            qPrintable(labelText(dialog, "sampleSigning")));
        QVERIFY(sendSample(dialog, 1));
        QVERIFY2(labelText(dialog, "sampleResult").contains(QStringLiteral("HTTP 401")),
            qPrintable(labelText(dialog, "sampleResult")));
        QVERIFY(labelText(dialog, "sampleRecorded")
                    .contains(InboundRequestModel::statusLabel(QStringLiteral("rejected"))));
        QVERIFY(dialog.findChild<QPlainTextEdit *>(QStringLiteral("sampleResponse"))
                    ->toPlainText()
                    .contains(QStringLiteral("MAILGUN_WEBHOOK_SIGNING_KEY")));

        // A session-only test secret makes the sample verify; nothing is stored.
        auto *testSecret = dialog.findChild<QPushButton *>(QStringLiteral("sampleTestSecret"));
        QVERIFY(!testSecret->isHidden());
        testSecret->click();
        QVERIFY(testSecret->isHidden());
        QVERIFY(server.runtime().secrets().has(QStringLiteral("MAILGUN_WEBHOOK_SIGNING_KEY")));
        QVERIFY(sendSample(dialog, 1));
        QVERIFY2(labelText(dialog, "sampleResult").contains(QStringLiteral("HTTP 200")),
            qPrintable(labelText(dialog, "sampleResult")));
        UiDatabase database(server.runtime().databaseOptions());
        QSqlQuery stored(database.db());
        QVERIFY(stored.exec(QStringLiteral("SELECT COUNT(*) FROM settings WHERE key LIKE 'secret/%'"))
            && stored.next());
        QCOMPARE(stored.value(0).toInt(), 0);
    }

    void mainWindowOpensItAndJumpsToTheRequest()
    {
        TestServer server;
        QVERIFY(server.started());
        setAllSecrets(server.runtime());
        MainWindow window(server.runtime());
        window.show();
        window.findChild<QPushButton *>(QStringLiteral("sendTestWebhook"))->click();
        auto *dialog = window.findChild<SendTestWebhookDialog *>();
        QVERIFY(dialog && dialog->isVisible());
        QVERIFY(sendSample(*dialog, 0));
        const auto id = dialog->recordId();
        dialog->findChild<QPushButton *>(QStringLiteral("sampleShowRequest"))->click();
        QCOMPARE(window.currentSection(), MainWindow::Section::InboundRequests);
        QCOMPARE(window.inboundView()->selectedId(), id);
    }

    void wildcardListenAddressIsSentToLoopback()
    {
        QCOMPARE(SendTestWebhookDialog::targetBase(QStringLiteral("http://0.0.0.0:8080")),
            QStringLiteral("http://127.0.0.1:8080"));
        QCOMPARE(SendTestWebhookDialog::targetBase(QStringLiteral("http://[::]:8080")),
            QStringLiteral("http://[::1]:8080"));
        QCOMPARE(SendTestWebhookDialog::targetBase(QStringLiteral("http://192.168.1.5:80")),
            QStringLiteral("http://192.168.1.5:80"));
    }
};

QTEST_MAIN(SimulatorTest)
#include "tst_simulator.moc"
