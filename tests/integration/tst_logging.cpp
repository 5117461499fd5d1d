// Log categories of the real binary: which lines --verbose and QT_LOGGING_RULES let through, and
// that no secret or signature value reaches stderr.
#include "TestSupport.h"
#include "security/HexHmacSignature.h"

#include <QJsonDocument>
#include <QProcess>
#include <QTest>

using namespace sb::test;

namespace {

const QByteArray secret = "crm-logging-secret-7f3a9c";
const QByteArray apiKey = "admin-logging-key-5e1b2d8c";
// Presented by the badly signed request: the right length and alphabet, the wrong value.
const QByteArray badSignature = "b4d5164a7e0000000000000000000000000000000000000000000000000000ff";
const QByteArray wrongKey = "sbk_wrong-key-never-logged-7f3a";

struct Run
{
    QByteArray errors;
    int signedStatus = 0;
    int badStatus = 0;
    int wrongKeyStatus = 0; // an admin route with a wrong API key
    int unknownPathStatus = 0;
    QByteArray goodSignature;
};

} // namespace

class LoggingTest : public QObject
{
    Q_OBJECT
private:
    QString binary() const { return qEnvironmentVariable("SWITCHBOARD_BINARY"); }

    // Starts the binary with `arguments` (and QT_LOGGING_RULES when `rules` is not null), sends one
    // signed and one badly signed CRM webhook, stops it and returns its stderr.
    Run run(const QStringList &arguments, const QString &rules)
    {
        Run result;
        QTemporaryDir dir;
        QProcess server;
        auto environment = QProcessEnvironment::systemEnvironment();
        environment.remove(QStringLiteral("DISPLAY"));
        environment.remove(QStringLiteral("QT_QPA_PLATFORM"));
        environment.remove(QStringLiteral("QT_LOGGING_RULES"));
        environment.remove(QStringLiteral("QT_MESSAGE_PATTERN"));
        if (!rules.isNull())
            environment.insert(QStringLiteral("QT_LOGGING_RULES"), rules);
        environment.insert(QStringLiteral("CRM_WEBHOOK_SECRET"), QString::fromLatin1(secret));
        environment.insert(QStringLiteral("SWITCHBOARD_API_KEY"), QString::fromLatin1(apiKey));
        server.setProcessEnvironment(environment);
        server.start(binary(),
            QStringList {QStringLiteral("--headless"), QStringLiteral("--listen"),
                QStringLiteral("127.0.0.1:0"), QStringLiteral("--data-dir"), dir.path()}
                + arguments);
        if (!server.waitForStarted())
            return result;
        if (!server.waitForReadyRead(20000) || !server.canReadLine())
            return result;
        const auto line = server.readLine().trimmed();
        const auto port = line.mid(line.lastIndexOf(':') + 1).toInt();
        const QUrl url(
            QStringLiteral("http://127.0.0.1:%1/api/v1/webhooks/incoming/pre-lead/create").arg(port));
        const QByteArray body = QJsonDocument::fromJson(R"({"event":"new_inquiry","source":"crm","data":{
            "first_name":"Ada","last_name":"Lovelace","email":"ada@example.com","phone":"+15550100"}})")
                                    .toJson(QJsonDocument::Compact);
        result.goodSignature = sb::HexHmacSignature::sign(secret, body);
        result.signedStatus
            = request("POST", url, body, {{"X-Webhook-Signature", result.goodSignature}}).status;
        result.badStatus = request("POST", url, body, {{"X-Webhook-Signature", badSignature}}).status;
        const auto base = QStringLiteral("http://127.0.0.1:%1").arg(port);
        result.wrongKeyStatus = request("GET", QUrl(base + QStringLiteral("/api/webhooks/config")), {},
            {{"X-API-Key",
                wrongKey}}).status;
        result.unknownPathStatus
            = request("GET", QUrl(base + QStringLiteral("/no/such/path")), {}, {}).status;
#ifdef Q_OS_UNIX
        server.terminate(); // SIGTERM: drains and logs the stop
#else
        server.kill();
#endif
        server.waitForFinished(20000);
        result.errors = server.readAllStandardError();
        return result;
    }

    static void checkNoSecrets(const Run &run)
    {
        QVERIFY(!run.goodSignature.isEmpty());
        QVERIFY2(!run.errors.contains(secret), run.errors.constData());
        QVERIFY2(!run.errors.contains(apiKey), run.errors.constData());
        QVERIFY2(!run.errors.contains(run.goodSignature), run.errors.constData());
        QVERIFY2(!run.errors.contains(badSignature), run.errors.constData());
        QVERIFY2(!run.errors.contains(wrongKey), run.errors.constData());
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (binary().isEmpty())
            QSKIP("SWITCHBOARD_BINARY is not set (run through ctest)");
    }

    void verboseShowsDebugLinesOfEveryLayer()
    {
        const auto result = run({QStringLiteral("--verbose")}, QString());
        QCOMPARE(result.signedStatus, 200);
        QCOMPARE(result.badStatus, 401);
        const auto &errors = result.errors;
        // Info lines of each layer that took part.
        QVERIFY2(errors.contains("switchboard.runtime: started: data in "), errors.constData());
        QVERIFY2(errors.contains("switchboard.server: listening on 127.0.0.1 port "), errors.constData());
        QVERIFY2(errors.contains("switchboard.storage: schema migration 1 applied"), errors.constData());
        QVERIFY2(errors.contains("switchboard.outbound: dispatcher started"), errors.constData());
        QVERIFY2(errors.contains("switchboard.inbound: crm webhook refused (401): invalid (hmac-sha256-hex"),
            errors.constData());
        // Debug lines, shown only because of --verbose.
        QVERIFY2(errors.contains("switchboard.storage: group commit: "), errors.constData());
        QVERIFY2(errors.contains("switchboard.inbound: crm webhook accepted: verified"), errors.constData());
        QCOMPARE(result.wrongKeyStatus, 401);
        QCOMPARE(result.unknownPathStatus, 404);
        QVERIFY2(
            errors.contains("GET /api/webhooks/config from 127.0.0.1 refused before its handler: HTTP 401"),
            errors.constData());
        QVERIFY2(errors.contains("GET /no/such/path from 127.0.0.1 refused before its handler: HTTP 404"),
            errors.constData());
        QVERIFY2(errors.contains("switchboard.server: evt_"), errors.constData()); // each webhook's outcome
#ifdef Q_OS_UNIX
        QVERIFY2(
            errors.contains("switchboard.server: stopped listening on 127.0.0.1 port "), errors.constData());
        QVERIFY2(errors.contains("switchboard.outbound: dispatcher stopped"), errors.constData());
#endif
        checkNoSecrets(result);
    }

    void infoAndUpWithoutVerbose()
    {
        const auto result = run({}, QString());
        QCOMPARE(result.signedStatus, 200);
        QCOMPARE(result.badStatus, 401);
        const auto &errors = result.errors;
        QVERIFY2(errors.contains("switchboard.server: listening on "), errors.constData());
        QVERIFY2(errors.contains("switchboard.inbound: crm webhook refused (401)"), errors.constData());
        QVERIFY2(!errors.contains("group commit"), errors.constData());
        QVERIFY2(!errors.contains("webhook accepted"), errors.constData());
        QVERIFY2(errors.contains("refused before its handler: HTTP 401"), errors.constData());
        QVERIFY2(!errors.contains("refused before its handler: HTTP 404"), errors.constData());
        checkNoSecrets(result);
    }

    void loggingRulesChooseCategories()
    {
        // One category's debug lines, without --verbose.
        const auto storageOnly = run({}, QStringLiteral("switchboard.storage.debug=true"));
        QCOMPARE(storageOnly.signedStatus, 200);
        QVERIFY2(storageOnly.errors.contains("switchboard.storage: group commit: "),
            storageOnly.errors.constData());
        QVERIFY2(!storageOnly.errors.contains("webhook accepted"), storageOnly.errors.constData());
        checkNoSecrets(storageOnly);

        // Where both are given, the environment has the last word: no debug lines, and no inbound
        // lines at all.
        const auto quiet = run({QStringLiteral("--verbose")},
            QStringLiteral("switchboard.*.debug=false\nswitchboard.inbound.info=false"));
        QCOMPARE(quiet.badStatus, 401);
        QVERIFY2(quiet.errors.contains("switchboard.server: listening on "), quiet.errors.constData());
        QVERIFY2(!quiet.errors.contains("group commit"), quiet.errors.constData());
        QVERIFY2(!quiet.errors.contains("switchboard.inbound"), quiet.errors.constData());
        checkNoSecrets(quiet);
    }
};

QTEST_GUILESS_MAIN(LoggingTest)
#include "tst_logging.moc"
