// SIGKILL of the real server while a send is at the provider (the fake never answers), then a restart
// against a working fake: the interrupted send is `unknown` ("check provider") and never sent twice.
#include "TestSupport.h"
#include "WebhookReceiver.h"
#include "fakes/SmsFakes.h"
#include "storage/Database.h"

#include <QProcess>
#include <QSqlQuery>
#include <QTest>

using namespace sb;
using namespace sb::test;

namespace {

const QString accountSid = QStringLiteral("AC0123456789abcdef0123456789abcdef");
const QString authToken = QStringLiteral("twilio-crash-token-0042");

// Starts the binary on an ephemeral port; returns the port (0 on failure).
quint16 startServer(QProcess &server, const QString &dataDir, const QString &twilioBase)
{
    auto environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("SWITCHBOARD_API_KEY"), QString::fromLatin1(adminKey));
    environment.insert(QStringLiteral("TWILIO_ACCOUNT_SID"), accountSid);
    environment.insert(QStringLiteral("TWILIO_AUTH_TOKEN"), authToken);
    environment.insert(QStringLiteral("TWILIO_PHONE_NUMBER"), QStringLiteral("+14155550100"));
    environment.insert(QStringLiteral("TWILIO_API_BASE_URL"), twilioBase);
    environment.insert(QStringLiteral("SWITCHBOARD_OUTBOX_PACING"), QStringLiteral("0"));
    server.setProcessEnvironment(environment);
    server.start(qEnvironmentVariable("SWITCHBOARD_BINARY"),
        {QStringLiteral("--headless"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
            QStringLiteral("--data-dir"), dataDir, QStringLiteral("--rate-limit"), QStringLiteral("0")});
    if (!server.waitForStarted())
        return 0;
    QElapsedTimer waited;
    waited.start();
    while (!server.canReadLine() && waited.elapsed() < 20000)
        QTest::qWait(20);
    const auto line = server.readLine().trimmed();
    if (!line.startsWith("listening on http://127.0.0.1:"))
        return 0;
    return quint16(line.mid(line.lastIndexOf(':') + 1).toUInt());
}

QString value(const QString &dataDir, const QString &sql)
{
    const auto connection = QStringLiteral("outbox-crash-check");
    QString result;
    {
        auto db = Database::open(connection, {dataDir + QStringLiteral("/switchboard.db"), false, 5000});
        QSqlQuery query(db);
        if (query.exec(sql) && query.next())
            result = query.value(0).toString();
    }
    Database::close(connection);
    return result;
}

} // namespace

class OutboxCrashTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void killedDuringSendIsNeverSentTwice()
    {
        if (qEnvironmentVariable("SWITCHBOARD_BINARY").isEmpty())
            QSKIP("SWITCHBOARD_BINARY is not set (run through ctest)");
        QTemporaryDir dir;
        WebhookReceiver silent; // a provider that takes the request and never answers
        silent.setResponder([](const WebhookReceiver::Received &) {
            WebhookReceiver::Answer answer;
            answer.silent = true;
            return answer;
        });
        QProcess first;
        const auto port = startServer(first, dir.path(), silent.url(QString()));
        QVERIFY(port > 0);
        const QUrl url(QStringLiteral("http://127.0.0.1:%1/api/twilio/send-sms").arg(port));
        const auto reply = request("POST", url, R"({"to":"+14155550150","body":"sent at most once"})",
            {{"Content-Type", "application/json"}, {"X-API-Key", adminKey}});
        QCOMPARE(reply.status, 202);
        const auto messageId = reply.json().value(QStringLiteral("messageId")).toInteger();
        QTRY_COMPARE_WITH_TIMEOUT(silent.received().size(), 1, 10000);
        first.kill();
        QVERIFY(first.waitForFinished(10000));
        QCOMPARE(first.exitStatus(), QProcess::CrashExit);
        QCOMPARE(value(dir.path(), QStringLiteral("SELECT status FROM outbox")), QStringLiteral("sending"));

        FakeTwilio fake(accountSid, authToken);
        QProcess second;
        QVERIFY(startServer(second, dir.path(), fake.baseUrl()) > 0);
        QTRY_COMPARE_WITH_TIMEOUT(
            value(dir.path(), QStringLiteral("SELECT status FROM outbox")), QStringLiteral("unknown"), 10000);
        QCOMPARE(
            value(dir.path(), QStringLiteral("SELECT status FROM messages WHERE id = %1").arg(messageId)),
            QStringLiteral("unknown"));
        QTest::qWait(1500);
        QCOMPARE(fake.requestCount(), 0);
        QCOMPARE(silent.received().size(), 1);
        second.terminate();
        QVERIFY(second.waitForFinished(10000));
    }
};

QTEST_GUILESS_MAIN(OutboxCrashTest)
#include "tst_outbox_crash.moc"
