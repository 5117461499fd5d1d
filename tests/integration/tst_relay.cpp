// Relays over real HTTP (issue 13 item 9): an accepted, signed Twilio callback is forwarded raw to a
// relay target (method, path + query, headers in order without hop-by-hop ones, exact body, the
// added X-Forwarded-* / X-Switchboard-* headers) by the dispatcher, with retries and attempts in the
// delivery log; refused and repeated callbacks are not relayed; a relay survives a restart; the
// admin API validates what it stores. The Twilio signature still verifies at the target against
// X-Switchboard-Original-Url (checked with the product's scheme and with the official npm package).
#include "ProviderTestSupport.h"
#include "WebhookReceiver.h"
#include "security/TwilioSignature.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTemporaryDir>

using namespace sb;
using namespace sb::test;

namespace {

const QByteArray token = "relay-twilio-token";
const QString smsPath = QStringLiteral("/api/webhooks/twilio/sms");

void withToken(RuntimeOptions &options)
{
    options.environment.insert(QStringLiteral("TWILIO_AUTH_TOKEN"), QString::fromLatin1(token));
}

QList<QPair<QString, QString>> inboundSms(const QString &sid)
{
    return {{QStringLiteral("MessageSid"), sid}, {QStringLiteral("AccountSid"), QStringLiteral("AC123")},
        {QStringLiteral("From"), QStringLiteral("+14155550134")},
        {QStringLiteral("To"), QStringLiteral("+15005550006")},
        {QStringLiteral("Body"), QStringLiteral("Grüße & 1+1=2")},
        {QStringLiteral("NumMedia"), QStringLiteral("0")}};
}

HttpReply createRelay(TestServer &server, const QJsonObject &body)
{
    return adminSend(server, "POST", QStringLiteral("/api/relays"), body);
}

qint64 createRelayId(TestServer &server, const QString &route, const QString &url, QJsonObject extra = {})
{
    extra.insert(QStringLiteral("route"), route);
    extra.insert(QStringLiteral("url"), url);
    const auto reply = createRelay(server, extra);
    if (reply.status != 201)
        qWarning("relay not created: %d %s", reply.status, reply.body.constData());
    return reply.json().value(QStringLiteral("relay")).toObject().value(QStringLiteral("id")).toInteger();
}

const QJsonObject fastRetry {{QStringLiteral("retryConfig"),
    QJsonObject {{QStringLiteral("maxAttempts"), 3}, {QStringLiteral("initialDelay"), 0.2},
        {QStringLiteral("maxDelay"), 1}, {QStringLiteral("backoffFactor"), 1}}}};

// A signed callback as raw bytes on one connection, with hop-by-hop headers a proxy could leave in.
struct RawCallback
{
    QByteArray bytes;
    QByteArray body;
    QByteArray signedUrl;
    QByteArray signature;
};

RawCallback rawCallback(TestServer &server, const QString &target,
    const QList<QPair<QString, QString>> &fields, const QByteArray &tokenUsed = token)
{
    RawCallback callback;
    const QByteArray host = "127.0.0.1:" + QByteArray::number(server.port());
    callback.signedUrl = "http://" + host + target.toUtf8();
    callback.body = formBody(fields);
    callback.signature = TwilioSignature::sign(tokenUsed, callback.signedUrl, formFields(fields));
    callback.bytes = "POST " + target.toUtf8()
        + " HTTP/1.1\r\n"
          "Host: "
        + host
        + "\r\n"
          "User-Agent: TwilioProxy/1.1\r\n"
          "Connection: close, X-Hop\r\n"
          "X-Hop: hop-value\r\n"
          "Keep-Alive: timeout=5\r\n"
          "TE: trailers\r\n"
          "Proxy-Authorization: Basic cHJveHk6cHc=\r\n"
          "Content-Type: application/x-www-form-urlencoded; charset=utf-8\r\n"
          "X-Twilio-Signature: "
        + callback.signature
        + "\r\n"
          "X-Forwarded-For: 203.0.113.7\r\n"
          "I-Twilio-Idempotency-Token: idem-1\r\n"
          "X-Home-Region: us1\r\n"
          "Content-Length: "
        + QByteArray::number(callback.body.size()) + "\r\n\r\n" + callback.body;
    return callback;
}

int statusOf(const QByteArray &raw)
{
    return raw.mid(9, 3).toInt();
}

QJsonArray relayDeliveries(TestServer &server, qint64 relayId)
{
    return adminGet(server, QStringLiteral("/api/relays/%1/attempts").arg(relayId))
        .json()
        .value(QStringLiteral("deliveries"))
        .toArray();
}

QString firstDeliveryStatus(TestServer &server, qint64 relayId)
{
    return relayDeliveries(server, relayId).at(0).toObject().value(QStringLiteral("status")).toString();
}

int indexOf(const WebhookReceiver::Received &received, const QByteArray &name)
{
    for (int i = 0; i < received.headers.size(); ++i) {
        if (received.headers.at(i).first.compare(name, Qt::CaseInsensitive) == 0)
            return i;
    }
    return -1;
}

} // namespace

class TestRelay : public QObject
{
    Q_OBJECT
private slots:
    void acceptedTwilioCallbackIsRelayedRaw()
    {
        WebhookReceiver backend;
        TestServer server(withToken);
        QVERIFY2(server.started(), qPrintable(server.error()));
        const auto relayId = createRelayId(
            server, QStringLiteral("twilio.sms"), backend.url(QStringLiteral("/backend/hooks")));
        QVERIFY(relayId > 0);

        const QString target = smsPath + QStringLiteral("?tenant=a%20b&x=1");
        const auto callback = rawCallback(server, target, inboundSms(QStringLiteral("SMrelay1")));
        const auto answer = rawExchange(server.port(), callback.bytes);
        QCOMPARE(statusOf(answer), 200);

        QTRY_COMPARE_WITH_TIMEOUT(backend.received().size(), 1, 10000);
        const auto &got = backend.received().first();
        QCOMPARE(got.method, QByteArray("POST"));
        QCOMPARE(got.target, QByteArray("/backend/hooks/api/webhooks/twilio/sms?tenant=a%20b&x=1"));
        QCOMPARE(got.body, callback.body);
        // The original headers, in their order.
        const QList<QByteArray> kept {"User-Agent", "Content-Type", "X-Twilio-Signature",
            "I-Twilio-Idempotency-Token", "X-Home-Region"};
        int previous = -1;
        for (const auto &name : kept) {
            const int at = indexOf(got, name);
            QVERIFY2(at > previous, name.constData());
            previous = at;
        }
        QCOMPARE(got.header("User-Agent"), QByteArray("TwilioProxy/1.1"));
        QCOMPARE(got.header("Content-Type"), QByteArray("application/x-www-form-urlencoded; charset=utf-8"));
        QCOMPARE(got.header("X-Twilio-Signature"), callback.signature);
        QCOMPARE(got.header("I-Twilio-Idempotency-Token"), QByteArray("idem-1"));
        // Hop-by-hop ones are gone (the sender's own Connection header is its own, not "close, X-Hop").
        QCOMPARE(indexOf(got, "X-Hop"), -1);
        QCOMPARE(indexOf(got, "Keep-Alive"), -1);
        QCOMPARE(indexOf(got, "TE"), -1);
        QCOMPARE(indexOf(got, "Proxy-Authorization"), -1);
        QVERIFY(!got.header("Connection").contains("X-Hop"));
        QCOMPARE(got.header("Host"), QByteArray("127.0.0.1:") + QByteArray::number(backend.port()));
        QCOMPARE(got.header("Content-Length"), QByteArray::number(callback.body.size()));
        // Added by the relay.
        QCOMPARE(got.header("X-Forwarded-For"), QByteArray("203.0.113.7, 127.0.0.1"));
        QCOMPARE(got.header("X-Forwarded-Proto"), QByteArray("http"));
        QCOMPARE(
            got.header("X-Forwarded-Host"), QByteArray("127.0.0.1:") + QByteArray::number(server.port()));
        QCOMPARE(got.header("X-Switchboard-Original-Url"), callback.signedUrl);
        const auto inbound
            = adminGet(server, QStringLiteral("/api/webhooks/events?direction=inbound&source=twilio"))
                  .json()
                  .value(QStringLiteral("events"))
                  .toArray();
        QCOMPARE(inbound.size(), 1);
        QCOMPARE(QString::fromLatin1(got.header("X-Switchboard-Request-Id")),
            inbound.at(0).toObject().value(QStringLiteral("id")).toString());
        // The target can verify Twilio's signature against the URL Twilio signed.
        const auto relayedFields = FormParser::parse(got.body);
        QCOMPARE(TwilioSignature::sign(token, got.header("X-Switchboard-Original-Url"), relayedFields),
            got.header("X-Twilio-Signature"));

        // One delivered relay with one attempt, in the delivery log as source "relay".
        QTRY_COMPARE_WITH_TIMEOUT(firstDeliveryStatus(server, relayId), QStringLiteral("delivered"), 10000);
        const auto delivery = relayDeliveries(server, relayId).at(0).toObject();
        QCOMPARE(delivery.value(QStringLiteral("route")).toString(), QStringLiteral("twilio.sms"));
        const auto attempts = delivery.value(QStringLiteral("attempts")).toArray();
        QCOMPARE(attempts.size(), 1);
        QCOMPARE(attempts.at(0).toObject().value(QStringLiteral("statusCode")).toInt(), 200);
        QCOMPARE(attempts.at(0).toObject().value(QStringLiteral("url")).toString(),
            backend.url(QStringLiteral("/backend/hooks/api/webhooks/twilio/sms?tenant=a%20b&x=1")));
        const auto log
            = adminGet(server, QStringLiteral("/api/webhooks/events?direction=outbound&source=relay")).json();
        QCOMPARE(log.value(QStringLiteral("total")).toInt(), 1);
        const auto listed = adminGet(server, QStringLiteral("/api/relays")).json();
        QCOMPARE(listed.value(QStringLiteral("relays"))
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(QStringLiteral("lastRelay"))
                     .toObject()
                     .value(QStringLiteral("statusCode"))
                     .toInt(),
            200);
    }

    void exactUrlAndAllRoutes()
    {
        WebhookReceiver backend;
        TestServer server(withToken);
        QVERIFY(server.started());
        QVERIFY(createRelayId(server, QStringLiteral("*"), backend.url(QStringLiteral("/exact")),
                    {{QStringLiteral("appendPath"), false}})
            > 0);
        const auto callback = rawCallback(server, smsPath, inboundSms(QStringLiteral("SMrelay2")));
        QCOMPARE(statusOf(rawExchange(server.port(), callback.bytes)), 200);
        QTRY_COMPARE_WITH_TIMEOUT(backend.received().size(), 1, 10000);
        QCOMPARE(backend.received().first().target, QByteArray("/exact"));
    }

    void refusedAndRepeatedCallbacksAreNotRelayed()
    {
        WebhookReceiver backend;
        TestServer server(withToken);
        QVERIFY(server.started());
        QVERIFY(createRelayId(server, QStringLiteral("/api/webhooks/twilio/sms"), backend.url()) > 0);
        // A bad signature: refused, never relayed.
        const auto forged
            = rawCallback(server, smsPath, inboundSms(QStringLiteral("SMforged")), "not-the-token");
        QCOMPARE(statusOf(rawExchange(server.port(), forged.bytes)), 401);
        // The same message twice: the repeat is a duplicate and is not relayed again.
        const auto first = rawCallback(server, smsPath, inboundSms(QStringLiteral("SMdup")));
        QCOMPARE(statusOf(rawExchange(server.port(), first.bytes)), 200);
        QCOMPARE(statusOf(rawExchange(server.port(), first.bytes)), 200);
        QTRY_COMPARE_WITH_TIMEOUT(backend.received().size(), 1, 10000);
        QTest::qWait(1000);
        QCOMPARE(backend.received().size(), 1);
        QCOMPARE(backend.received().first().body, first.body);
        QCOMPARE(adminGet(server, QStringLiteral("/api/webhooks/events?direction=outbound&source=relay"))
                     .json()
                     .value(QStringLiteral("total"))
                     .toInt(),
            1);
    }

    void retriedOn500AndFailedOn404()
    {
        WebhookReceiver flaky;
        flaky.script({{500, {}, "busy"}, {200, {}, "ok"}});
        WebhookReceiver missing;
        missing.script({{404, {}, "no such hook"}});
        TestServer server(withToken);
        QVERIFY(server.started());
        const auto flakyId = createRelayId(server, QStringLiteral("twilio.sms"), flaky.url(), fastRetry);
        const auto missingId = createRelayId(server, QStringLiteral("twilio.sms"), missing.url(), fastRetry);
        QVERIFY(flakyId > 0 && missingId > 0);
        const auto callback = rawCallback(server, smsPath, inboundSms(QStringLiteral("SMretry")));
        QCOMPARE(statusOf(rawExchange(server.port(), callback.bytes)), 200);

        QTRY_COMPARE_WITH_TIMEOUT(firstDeliveryStatus(server, flakyId), QStringLiteral("delivered"), 15000);
        const auto flakyAttempts
            = relayDeliveries(server, flakyId).at(0).toObject().value(QStringLiteral("attempts")).toArray();
        QCOMPARE(flakyAttempts.size(), 2);
        QCOMPARE(flakyAttempts.at(0).toObject().value(QStringLiteral("statusCode")).toInt(), 500);
        QCOMPARE(flakyAttempts.at(0).toObject().value(QStringLiteral("responseBody")).toString(),
            QStringLiteral("busy"));
        QCOMPARE(flakyAttempts.at(1).toObject().value(QStringLiteral("statusCode")).toInt(), 200);
        QCOMPARE(flaky.received().size(), 2);
        QCOMPARE(flaky.received().at(1).body, callback.body);

        QTRY_COMPARE_WITH_TIMEOUT(firstDeliveryStatus(server, missingId), QStringLiteral("failed"), 15000);
        QTest::qWait(800); // a retry would have come by now
        const auto missingAttempts
            = relayDeliveries(server, missingId).at(0).toObject().value(QStringLiteral("attempts")).toArray();
        QCOMPARE(missingAttempts.size(), 1);
        QCOMPARE(missingAttempts.at(0).toObject().value(QStringLiteral("statusCode")).toInt(), 404);
        QCOMPARE(missing.received().size(), 1);
    }

    void relayAcceptedBeforeRestartArrivesAfter()
    {
        QTemporaryDir dir;
        WebhookReceiver backend;
        QByteArray body;
        {
            TestServer server(withToken, nullptr, {}, dir.path());
            QVERIFY(server.started());
            QVERIFY(createRelayId(server, QStringLiteral("twilio.sms"), backend.url()) > 0);
            server.runtime().dispatcher().stop(0); // nothing is sent before the restart
            const auto callback = rawCallback(server, smsPath, inboundSms(QStringLiteral("SMrestart")));
            body = callback.body;
            QCOMPARE(statusOf(rawExchange(server.port(), callback.bytes)), 200);
            QTest::qWait(300);
            QCOMPARE(backend.received().size(), 0);
        }
        TestServer restarted(withToken, nullptr, {}, dir.path());
        QVERIFY(restarted.started());
        QTRY_COMPARE_WITH_TIMEOUT(backend.received().size(), 1, 10000);
        QCOMPARE(backend.received().first().body, body);
    }

    void adminApiCrudAndValidation()
    {
        TestServer server;
        QVERIFY(server.started());
        // Validation: each refusal names its field, nothing is stored.
        auto bad = createRelay(server,
            {{QStringLiteral("route"), QStringLiteral("nope.route")},
                {QStringLiteral("url"), QStringLiteral("http://127.0.0.1:9/x")}});
        QCOMPARE(bad.status, 400);
        QCOMPARE(bad.json().value(QStringLiteral("field")).toString(), QStringLiteral("route"));
        QCOMPARE(bad.json().value(QStringLiteral("success")).toBool(true), false);
        QVERIFY(
            bad.json().value(QStringLiteral("message")).toString().contains(QStringLiteral("nope.route")));
        bad = createRelay(server,
            {{QStringLiteral("route"), QStringLiteral("twilio.sms")},
                {QStringLiteral("url"), QStringLiteral("ftp://example.com/x")}});
        QCOMPARE(bad.status, 400);
        QCOMPARE(bad.json().value(QStringLiteral("field")).toString(), QStringLiteral("url"));
        bad = createRelay(server, {{QStringLiteral("route"), QStringLiteral("twilio.sms")}});
        QCOMPARE(bad.status, 400);
        QCOMPARE(bad.json().value(QStringLiteral("field")).toString(), QStringLiteral("url"));
        bad = createRelay(server,
            {{QStringLiteral("route"), QStringLiteral("twilio.sms")},
                {QStringLiteral("url"), QStringLiteral("https://user:pw@example.com/x")}});
        QCOMPARE(bad.status, 400);
        QCOMPARE(bad.json().value(QStringLiteral("field")).toString(), QStringLiteral("url"));
        bad = adminSend(server, "POST", QStringLiteral("/api/relays"), {});
        QCOMPARE(bad.status, 400);
        QCOMPARE(bad.json().value(QStringLiteral("field")).toString(), QStringLiteral("route"));
        QCOMPARE(adminGet(server, QStringLiteral("/api/relays"))
                     .json()
                     .value(QStringLiteral("relays"))
                     .toArray()
                     .size(),
            0);

        // Create, read, list (with the routes a relay can use), duplicate, update, delete.
        auto created = createRelay(server,
            {{QStringLiteral("route"), QStringLiteral("POST /api/webhooks/mailgun/events")},
                {QStringLiteral("url"), QStringLiteral("https://backend.example/hooks")},
                {QStringLiteral("description"), QStringLiteral("our old receiver")}});
        QCOMPARE(created.status, 201);
        const auto relay = created.json().value(QStringLiteral("relay")).toObject();
        const auto id = relay.value(QStringLiteral("id")).toInteger();
        QCOMPARE(relay.value(QStringLiteral("route")).toString(), QStringLiteral("mailgun.events"));
        QCOMPARE(relay.value(QStringLiteral("appendPath")).toBool(), true);
        QCOMPARE(relay.value(QStringLiteral("enabled")).toBool(), true);
        QVERIFY(relay.value(QStringLiteral("lastRelay")).isNull());
        const auto list = adminGet(server, QStringLiteral("/api/relays")).json();
        QCOMPARE(list.value(QStringLiteral("relays")).toArray().size(), 1);
        const auto routes = list.value(QStringLiteral("routes")).toArray();
        QVERIFY(std::any_of(routes.begin(), routes.end(), [](const QJsonValue &route) {
            return route.toObject().value(QStringLiteral("name")).toString() == QLatin1String("twilio.sms")
                && route.toObject().value(QStringLiteral("path")).toString()
                == QLatin1String("/api/webhooks/twilio/sms");
        }));
        auto duplicate = createRelay(server,
            {{QStringLiteral("route"), QStringLiteral("mailgun.events")},
                {QStringLiteral("url"), QStringLiteral("https://backend.example/hooks")}});
        QCOMPARE(duplicate.status, 400);
        QCOMPARE(duplicate.json().value(QStringLiteral("field")).toString(), QStringLiteral("url"));
        QVERIFY(
            duplicate.json().value(QStringLiteral("message")).toString().contains(QStringLiteral("already")));

        const auto path = QStringLiteral("/api/relays/%1").arg(id);
        QCOMPARE(adminGet(server, path)
                     .json()
                     .value(QStringLiteral("relay"))
                     .toObject()
                     .value(QStringLiteral("description"))
                     .toString(),
            QStringLiteral("our old receiver"));
        auto updated = adminSend(
            server, "PUT", path, {{QStringLiteral("enabled"), false}, {QStringLiteral("appendPath"), false}});
        QCOMPARE(updated.status, 200);
        QCOMPARE(updated.json()
                     .value(QStringLiteral("relay"))
                     .toObject()
                     .value(QStringLiteral("enabled"))
                     .toBool(true),
            false);
        QCOMPARE(
            updated.json().value(QStringLiteral("relay")).toObject().value(QStringLiteral("url")).toString(),
            QStringLiteral("https://backend.example/hooks"));
        auto badUpdate
            = adminSend(server, "PUT", path, {{QStringLiteral("url"), QStringLiteral("not a url")}});
        QCOMPARE(badUpdate.status, 400);
        QCOMPARE(badUpdate.json().value(QStringLiteral("field")).toString(), QStringLiteral("url"));
        badUpdate = adminSend(server, "PUT", path, {{QStringLiteral("enabled"), QStringLiteral("yes")}});
        QCOMPARE(badUpdate.status, 400);
        QCOMPARE(badUpdate.json().value(QStringLiteral("field")).toString(), QStringLiteral("enabled"));
        const auto after = adminGet(server, path).json().value(QStringLiteral("relay")).toObject();
        QCOMPARE(
            after.value(QStringLiteral("url")).toString(), QStringLiteral("https://backend.example/hooks"));
        QCOMPARE(after.value(QStringLiteral("enabled")).toBool(true), false);
        QCOMPARE(
            adminSend(server, "PUT", QStringLiteral("/api/relays/999"), {{QStringLiteral("enabled"), true}})
                .status,
            404);
        QCOMPARE(adminGet(server, QStringLiteral("/api/relays/999")).status, 404);
        QCOMPARE(adminGet(server, QStringLiteral("/api/relays/999/attempts")).status, 404);
        QCOMPARE(adminGet(server, path + QStringLiteral("/attempts?limit=0")).status, 400);
        QCOMPARE(adminSend(server, "DELETE", path).status, 200);
        QCOMPARE(adminSend(server, "DELETE", path).status, 404);
        QCOMPARE(adminGet(server, path).status, 404);
        // Admin routes need the key.
        QCOMPARE(request("GET", server.url(QStringLiteral("/api/relays"))).status, 401);
    }

    void strictPolicyRefusesPrivateTargets()
    {
        TestServer server([](RuntimeOptions &options) { options.urlPolicy = QStringLiteral("strict"); });
        QVERIFY(server.started());
        for (const auto *url : {"http://127.0.0.1:8080/x", "http://localhost/x",
                 "http://169.254.169.254/latest", "http://[::1]/x", "http://10.0.0.5/x"}) {
            const auto refused = createRelay(server,
                {{QStringLiteral("route"), QStringLiteral("twilio.sms")},
                    {QStringLiteral("url"), QString::fromLatin1(url)}});
            QCOMPARE(refused.status, 400);
            QCOMPARE(refused.json().value(QStringLiteral("field")).toString(), QStringLiteral("url"));
            QVERIFY2(
                refused.json().value(QStringLiteral("message")).toString().contains(QStringLiteral("policy")),
                refused.body.constData());
        }
        QCOMPARE(createRelay(server,
                     {{QStringLiteral("route"), QStringLiteral("twilio.sms")},
                         {QStringLiteral("url"), QStringLiteral("https://93.184.215.14/x")}})
                     .status,
            201);
    }

    void twilioPackageVerifiesTheRelayedCallback()
    {
        const auto node = QStandardPaths::findExecutable(QStringLiteral("node"));
        const auto npm = QStandardPaths::findExecutable(QStringLiteral("npm"));
        if (node.isEmpty() || npm.isEmpty())
            QSKIP("node and npm are needed (scripts/install-deps.sh --test installs them)");
        QTemporaryDir project;
        const QDir source(QStringLiteral(SWITCHBOARD_SOURCE_DIR "/tests/npm"));
        for (const auto &name : source.entryList(QDir::Files))
            QVERIFY(QFile::copy(source.filePath(name), QDir(project.path()).filePath(name)));
        QProcess install;
        install.setWorkingDirectory(project.path());
        install.setProcessChannelMode(QProcess::MergedChannels);
        install.start(
            npm, {QStringLiteral("install"), QStringLiteral("--no-audit"), QStringLiteral("--no-fund")});
        QVERIFY(install.waitForFinished(300000));
        QVERIFY2(install.exitCode() == 0, install.readAll().constData());

        WebhookReceiver backend;
        TestServer server(withToken);
        QVERIFY(server.started());
        QVERIFY(
            createRelayId(server, QStringLiteral("twilio.sms"), backend.url(QStringLiteral("/twilio"))) > 0);
        const auto callback = rawCallback(
            server, smsPath + QStringLiteral("?tenant=acme%20east"), inboundSms(QStringLiteral("SMnpm")));
        QCOMPARE(statusOf(rawExchange(server.port(), callback.bytes)), 200);
        QTRY_COMPARE_WITH_TIMEOUT(backend.received().size(), 1, 10000);
        const auto &got = backend.received().first();
        auto verify = [&](const QByteArray &url) {
            QProcess verifier;
            verifier.setWorkingDirectory(project.path());
            verifier.start(node,
                {QStringLiteral("twilio-relay-verifier.mjs"), QString::fromLatin1(token),
                    QString::fromLatin1(got.header("X-Twilio-Signature")), QString::fromUtf8(url),
                    QString::fromUtf8(got.body)});
            verifier.waitForFinished(30000);
            return QJsonDocument::fromJson(verifier.readAllStandardOutput().trimmed()).object();
        };
        const auto verdict = verify(got.header("X-Switchboard-Original-Url"));
        QCOMPARE(verdict.value(QStringLiteral("valid")).toBool(), true);
        // The target's own URL is not what Twilio signed: the original URL header is what makes it work.
        QCOMPARE(verify(backend.url(QString::fromLatin1(got.target)).toUtf8())
                     .value(QStringLiteral("valid"))
                     .toBool(true),
            false);
    }
};

QTEST_GUILESS_MAIN(TestRelay)
#include "tst_relay.moc"
