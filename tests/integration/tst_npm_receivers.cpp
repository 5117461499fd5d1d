// Deliveries checked by receivers built on official npm packages (tests/npm/): the
// `standardwebhooks` package for webhook-id/-timestamp/-signature and seed 004's recipe for
// X-Webhook-Signature — including after a secret rotation; and Twilio callbacks signed by the
// official `twilio` package, verified by the real server.
#include "TestSupport.h"
#include "domain/WebhookConfig.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

using namespace sb;
using namespace sb::test;

class NpmReceiversTest : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_project;
    QString m_node;

    // Starts the receiver with `secret`; returns its port (0 on failure).
    int startReceiver(QProcess &receiver, const QString &secret)
    {
        receiver.setWorkingDirectory(m_project.path());
        receiver.start(m_node, {QStringLiteral("standardwebhooks-receiver.mjs"), secret});
        if (!receiver.waitForStarted(10000))
            return 0;
        for (int i = 0; i < 200 && !receiver.canReadLine(); ++i)
            receiver.waitForReadyRead(100);
        const auto line = receiver.readLine().trimmed();
        return line.startsWith("listening ") ? line.mid(10).toInt() : 0;
    }

    static QList<QJsonObject> verdicts(QProcess &receiver, QByteArray &buffer)
    {
        buffer += receiver.readAllStandardOutput();
        QList<QJsonObject> lines;
        for (const auto &line : buffer.split('\n')) {
            const auto object = QJsonDocument::fromJson(line).object();
            if (object.contains(QStringLiteral("standard")))
                lines.append(object);
        }
        return lines;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_node = QStandardPaths::findExecutable(QStringLiteral("node"));
        const auto npm = QStandardPaths::findExecutable(QStringLiteral("npm"));
        if (m_node.isEmpty() || npm.isEmpty())
            QSKIP("node and npm are needed (scripts/install-deps.sh --test installs them)");
        const QDir source(QStringLiteral(SWITCHBOARD_SOURCE_DIR "/tests/npm"));
        for (const auto &name : source.entryList(QDir::Files))
            QVERIFY(QFile::copy(source.filePath(name), QDir(m_project.path()).filePath(name)));
        QProcess install;
        install.setWorkingDirectory(m_project.path());
        install.setProcessChannelMode(QProcess::MergedChannels);
        install.start(
            npm, {QStringLiteral("install"), QStringLiteral("--no-audit"), QStringLiteral("--no-fund")});
        QVERIFY(install.waitForFinished(180000));
        QVERIFY2(install.exitCode() == 0, install.readAll().constData());
    }

    void standardWebhooksPackageVerifiesDeliveries()
    {
        const auto secret = WebhookConfig::generateSecret();
        QProcess receiver;
        const int port = startReceiver(receiver, secret);
        QVERIFY(port > 0);
        TestServer server;
        QVERIFY(server.started());
        auto created = adminSend(server, "POST", QStringLiteral("/api/webhooks/config"),
            {{QStringLiteral("name"), QStringLiteral("npm receiver")},
                {QStringLiteral("url"), QStringLiteral("http://127.0.0.1:%1/hook").arg(port)},
                {QStringLiteral("secret"), secret},
                {QStringLiteral("eventTypes"), QJsonArray {QStringLiteral("lead.created")}}});
        QCOMPARE(created.status, 201);
        const auto body = QJsonObject {{QStringLiteral("event"), QStringLiteral("new_lead")},
            {QStringLiteral("data"),
                QJsonObject {{QStringLiteral("first_name"), QStringLiteral("Zoë")},
                    {QStringLiteral("email"), QStringLiteral("zoe@example.com")},
                    {QStringLiteral("expected_value"), 1234.5}}}};
        QCOMPARE(postCrm(server, QStringLiteral("/api/v1/webhooks/incoming/lead/create"), body).status, 200);
        QByteArray output;
        QTRY_COMPARE_WITH_TIMEOUT(verdicts(receiver, output).size(), 1, 20000);
        const auto verdict = verdicts(receiver, output).first();
        QCOMPARE(verdict.value(QStringLiteral("standard")).toString(), QStringLiteral("valid"));
        QCOMPARE(verdict.value(QStringLiteral("legacy")).toString(), QStringLiteral("valid"));
        QCOMPARE(verdict.value(QStringLiteral("event")).toString(), QStringLiteral("lead.created"));
        QTRY_COMPARE_WITH_TIMEOUT(
            adminGet(server, QStringLiteral("/api/webhooks/events?direction=outbound&status=delivered"))
                .json()
                .value(QStringLiteral("total"))
                .toInt(),
            1, 10000);
        receiver.kill();
        receiver.waitForFinished();
    }

    void twilioPackageSignaturesAreVerified()
    {
        TestServer server([](RuntimeOptions &options) {
            options.environment.insert(
                QStringLiteral("TWILIO_AUTH_TOKEN"), QStringLiteral("npm-twilio-token"));
        });
        QVERIFY(server.started());
        // A query Twilio keeps as configured, a '+' and non-ASCII text in the form.
        const auto url = QString::fromUtf8(
            server.url(QStringLiteral("/api/webhooks/twilio/sms?tenant=acme%20east&x=1")).toEncoded());
        const QJsonObject fields {
            {QStringLiteral("MessageSid"), QStringLiteral("SM9f1c0b6a2d7e4c3b8a5f0e1d2c3b4a59")},
            {QStringLiteral("AccountSid"), QStringLiteral("AC00000000000000000000000000000000")},
            {QStringLiteral("From"), QStringLiteral("+14155550163")},
            {QStringLiteral("To"), QStringLiteral("+15005550006")},
            {QStringLiteral("Body"), QStringLiteral("Grüße & 1+1=2 👋")},
            {QStringLiteral("NumMedia"), QStringLiteral("0")}};
        const auto send = [&](const QString &token) {
            QProcess sender;
            sender.setWorkingDirectory(m_project.path());
            sender.start(m_node,
                {QStringLiteral("twilio-sender.mjs"), url, token,
                    QString::fromUtf8(QJsonDocument(fields).toJson(QJsonDocument::Compact))});
            sender.waitForFinished(30000);
            return QJsonDocument::fromJson(sender.readAllStandardOutput().trimmed()).object();
        };
        const auto accepted = send(QStringLiteral("npm-twilio-token"));
        QCOMPARE(accepted.value(QStringLiteral("status")).toInt(), 200);
        const auto stored
            = adminGet(server, QStringLiteral("/api/webhooks/events?direction=inbound&source=twilio")).json();
        QCOMPARE(stored.value(QStringLiteral("total")).toInt(), 1);
        const auto forged = send(QStringLiteral("some-other-token"));
        QCOMPARE(forged.value(QStringLiteral("status")).toInt(), 401);
        QVERIFY2(forged.value(QStringLiteral("body")).toString().contains(QStringLiteral("signature")),
            qPrintable(forged.value(QStringLiteral("body")).toString()));
    }

    void twilioPackageJsonCallbacksAreAppliedWithTheirFields()
    {
        TestServer server([](RuntimeOptions &options) {
            options.environment.insert(
                QStringLiteral("TWILIO_AUTH_TOKEN"), QStringLiteral("npm-twilio-token"));
        });
        QVERIFY(server.started());
        const auto url = QString::fromUtf8(
            server.url(QStringLiteral("/api/webhooks/twilio/voice/status?tenant=east")).toEncoded());
        const QByteArray body = R"({"CallSid":"CAnpmjson1","CallStatus":"completed","Direction":"inbound",)"
                                R"("From":"+14155550188","To":"+15005550006","CallDuration":37})";
        const auto send = [&](const QString &token) {
            QProcess sender;
            sender.setWorkingDirectory(m_project.path());
            sender.start(
                m_node, {QStringLiteral("twilio-json-sender.mjs"), url, token, QString::fromUtf8(body)});
            sender.waitForFinished(30000);
            return QJsonDocument::fromJson(sender.readAllStandardOutput().trimmed()).object();
        };
        const auto accepted = send(QStringLiteral("npm-twilio-token"));
        QVERIFY(accepted.value(QStringLiteral("sdkValid")).toBool());
        QVERIFY2(accepted.value(QStringLiteral("status")).toInt() == 200,
            qPrintable(accepted.value(QStringLiteral("body")).toString()));
        const auto calls
            = adminGet(server, QStringLiteral("/api/webhooks/events?direction=inbound&source=twilio")).json();
        QCOMPARE(calls.value(QStringLiteral("total")).toInt(), 1);
        const auto event = calls.value(QStringLiteral("events")).toArray().first().toObject();
        QCOMPARE(event.value(QStringLiteral("status")).toString(), QStringLiteral("processed"));
        // The status came from the JSON object's CallStatus field.
        QCOMPARE(
            event.value(QStringLiteral("eventType")).toString(), QStringLiteral("call.status.completed"));
        const auto forged = send(QStringLiteral("some-other-token"));
        QCOMPARE(forged.value(QStringLiteral("status")).toInt(), 401);
    }

    void rotationSignsWithEveryActiveSecret()
    {
        const auto oldSecret = WebhookConfig::generateSecret();
        const auto newSecret = WebhookConfig::generateSecret();
        QProcess oldReceiver;
        QProcess newReceiver;
        const int oldPort = startReceiver(oldReceiver, oldSecret);
        const int newPort = startReceiver(newReceiver, newSecret);
        QVERIFY(oldPort > 0 && newPort > 0);
        TestServer server;
        QVERIFY(server.started());
        auto created = adminSend(server, "POST", QStringLiteral("/api/webhooks/config"),
            {{QStringLiteral("name"), QStringLiteral("rotating")},
                {QStringLiteral("url"), QStringLiteral("http://127.0.0.1:%1/hook").arg(oldPort)},
                {QStringLiteral("secret"), oldSecret},
                {QStringLiteral("retryConfig"), QJsonObject {{QStringLiteral("maxAttempts"), 1}}},
                {QStringLiteral("eventTypes"), QJsonArray {QStringLiteral("lead.created")}}});
        const auto id = created.json()
                            .value(QStringLiteral("webhook"))
                            .toObject()
                            .value(QStringLiteral("id"))
                            .toInteger();
        // Rotate and point the config at the receiver that knows only the new secret.
        auto rotated = adminSend(server, "PUT", QStringLiteral("/api/webhooks/config/%1").arg(id),
            {{QStringLiteral("secret"), newSecret},
                {QStringLiteral("url"), QStringLiteral("http://127.0.0.1:%1/hook").arg(newPort)}});
        QCOMPARE(rotated.status, 200);
        QCOMPARE(rotated.json()
                     .value(QStringLiteral("webhook"))
                     .toObject()
                     .value(QStringLiteral("secret"))
                     .toString(),
            newSecret);
        QCOMPARE(postCrm(server, QStringLiteral("/api/v1/webhooks/incoming/lead/create"),
                     {{QStringLiteral("event"), QStringLiteral("new_lead")},
                         {QStringLiteral("data"),
                             QJsonObject {{QStringLiteral("email"), QStringLiteral("r@example.com")}}}})
                     .status,
            200);
        QByteArray output;
        QTRY_COMPARE_WITH_TIMEOUT(verdicts(newReceiver, output).size(), 1, 20000);
        const auto verdict = verdicts(newReceiver, output).first();
        QCOMPARE(verdict.value(QStringLiteral("standard")).toString(), QStringLiteral("valid"));
        QCOMPARE(verdict.value(QStringLiteral("legacy")).toString(), QStringLiteral("valid"));
        // During the overlap the old secret still verifies the Standard Webhooks signature list.
        const auto attempt = adminGet(server, QStringLiteral("/api/webhooks/events?direction=outbound"))
                                 .json()
                                 .value(QStringLiteral("events"))
                                 .toArray();
        QCOMPARE(attempt.size(), 1);
        const auto detail = adminGet(server,
            QStringLiteral("/api/webhooks/events/")
                + attempt.first().toObject().value(QStringLiteral("id")).toString())
                                .json();
        const auto headers = detail.value(QStringLiteral("event"))
                                 .toObject()
                                 .value(QStringLiteral("attemptsDetail"))
                                 .toArray()
                                 .first()
                                 .toObject()
                                 .value(QStringLiteral("requestHeaders"))
                                 .toObject();
        QCOMPARE(
            headers.value(QStringLiteral("webhook-signature")).toString().split(QLatin1Char(' ')).size(), 2);
        oldReceiver.kill();
        newReceiver.kill();
        oldReceiver.waitForFinished();
        newReceiver.waitForFinished();
    }
};

QTEST_GUILESS_MAIN(NpmReceiversTest)
#include "tst_npm_receivers.moc"
