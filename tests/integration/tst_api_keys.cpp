// API keys with scopes and POST /api/events over real HTTP: read keys read, write keys raise events
// but cannot manage keys, revoked keys are refused, keys are shown once and stored hashed, last use
// is recorded; raised events reach a subscribed receiver once per idempotency key.
#include "DatabaseReader.h"
#include "TestSupport.h"
#include "WebhookReceiver.h"
#include "security/ApiKeys.h"

#include <QJsonArray>
#include <QTest>

using namespace sb;
using namespace sb::test;

namespace {

HttpReply withKey(TestServer &server, const QByteArray &method, const QString &path, const QByteArray &key,
    const QJsonObject &body = {}, const QByteArray &agent = "tst-api-keys/1.0")
{
    QList<QPair<QByteArray, QByteArray>> headers {{"Authorization", "Bearer " + key}, {"User-Agent", agent}};
    QByteArray bytes;
    if (method != "GET" && method != "DELETE") {
        headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
        bytes = QJsonDocument(body).toJson(QJsonDocument::Compact);
    }
    return request(method, server.url(path), bytes, headers);
}

struct NewKey
{
    QString id;
    QByteArray key;
};

NewKey createKey(TestServer &server, const QString &name, const QString &scope)
{
    const auto reply = adminSend(server, "POST", QStringLiteral("/api/keys"),
        {{QStringLiteral("name"), name}, {QStringLiteral("scope"), scope}});
    if (reply.status != 201)
        return {};
    const auto key = reply.json().value(QStringLiteral("key")).toObject();
    return {key.value(QStringLiteral("id")).toString(), key.value(QStringLiteral("key")).toString().toUtf8()};
}

QJsonObject listedKey(TestServer &server, const QString &id)
{
    const auto keys
        = adminGet(server, QStringLiteral("/api/keys")).json().value(QStringLiteral("keys")).toArray();
    for (const auto &key : keys) {
        if (key.toObject().value(QStringLiteral("id")).toString() == id)
            return key.toObject();
    }
    return {};
}

QJsonObject eventBody(const QString &type, const QJsonObject &payload, const QString &idempotencyKey = {})
{
    QJsonObject body {{QStringLiteral("eventType"), type}, {QStringLiteral("payload"), payload}};
    if (!idempotencyKey.isEmpty())
        body.insert(QStringLiteral("idempotencyKey"), idempotencyKey);
    return body;
}

} // namespace

class ApiKeysTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void scopeHelper()
    {
        QVERIFY(scopeAllows(ApiScope::Read, "GET", u"/api/webhooks/events"));
        QVERIFY(scopeAllows(ApiScope::Read, "GET", u"/ws"));
        QVERIFY(!scopeAllows(ApiScope::Read, "POST", u"/api/events"));
        QVERIFY(scopeAllows(ApiScope::Write, "POST", u"/api/events"));
        QVERIFY(!scopeAllows(ApiScope::Write, "POST", u"/api/keys"));
        QVERIFY(!scopeAllows(ApiScope::Write, "GET", u"/api/keys"));
        QVERIFY(!scopeAllows(ApiScope::Write, "PUT", u"/api/webhooks/config/3"));
        QVERIFY(!scopeAllows(ApiScope::Write, "POST", u"/api/communications/external-services"));
        QVERIFY(!scopeAllows(ApiScope::Read, "GET", u"/api/communications/webhooks/"));
        QVERIFY(scopeAllows(ApiScope::Write, "POST", u"/api/webhooks/events/retry"));
        QVERIFY(scopeAllows(ApiScope::Admin, "DELETE", u"/api/keys/key_1"));
        // A prefix is a whole segment: /api/keysmith is not key management.
        QCOMPARE(requiredScope("GET", u"/api/keysmith"), ApiScope::Read);
    }

    void keyShownOnceAndStoredHashed()
    {
        TestServer server;
        QVERIFY(server.started());
        const auto created = adminSend(server, "POST", QStringLiteral("/api/keys"),
            {{QStringLiteral("name"), QStringLiteral("CRM sync")},
                {QStringLiteral("scope"), QStringLiteral("read")}});
        QCOMPARE(created.status, 201);
        const auto key = created.json().value(QStringLiteral("key")).toObject();
        const auto secret = key.value(QStringLiteral("key")).toString();
        QVERIFY(secret.startsWith(QStringLiteral("sbk_")));
        QCOMPARE(key.value(QStringLiteral("scope")).toString(), QStringLiteral("read"));
        QCOMPARE(key.value(QStringLiteral("name")).toString(), QStringLiteral("CRM sync"));

        // Listed without the key; the database holds its SHA-256 only.
        const auto listed = adminGet(server, QStringLiteral("/api/keys"));
        QCOMPARE(listed.status, 200);
        QVERIFY(!listed.body.contains(secret.toUtf8()));
        const auto item = listedKey(server, key.value(QStringLiteral("id")).toString());
        QCOMPARE(item.value(QStringLiteral("prefix")).toString(), secret.left(10));
        QVERIFY(!item.contains(QStringLiteral("key")));
        DatabaseReader db(server);
        const auto row = db.row(QStringLiteral("SELECT key_hash, scope FROM api_keys WHERE id = ?"),
            {key.value(QStringLiteral("id")).toString()});
        QCOMPARE(row.value(QStringLiteral("key_hash")).toByteArray(), ApiKeyRegistry::hash(secret.toUtf8()));
        QCOMPARE(row.value(QStringLiteral("scope")).toString(), QStringLiteral("read"));
        QCOMPARE(
            db.row(QStringLiteral("SELECT COUNT(*) AS n FROM api_keys WHERE key_hash = ? OR key_prefix = ?"),
                  {secret, secret})
                .value(QStringLiteral("n"))
                .toInt(),
            0);

        // Bad input: named problems, nothing stored.
        const auto before = adminGet(server, QStringLiteral("/api/keys"))
                                .json()
                                .value(QStringLiteral("keys"))
                                .toArray()
                                .size();
        auto badScope = adminSend(server, "POST", QStringLiteral("/api/keys"),
            {{QStringLiteral("name"), QStringLiteral("x")},
                {QStringLiteral("scope"), QStringLiteral("root")}});
        QCOMPARE(badScope.status, 400);
        QVERIFY(
            badScope.json().value(QStringLiteral("message")).toString().contains(QStringLiteral("scope")));
        auto noName = adminSend(
            server, "POST", QStringLiteral("/api/keys"), {{QStringLiteral("scope"), QStringLiteral("read")}});
        QCOMPARE(noName.status, 400);
        QVERIFY(noName.json().value(QStringLiteral("message")).toString().contains(QStringLiteral("name")));
        QCOMPARE(adminGet(server, QStringLiteral("/api/keys"))
                     .json()
                     .value(QStringLiteral("keys"))
                     .toArray()
                     .size(),
            before);
        QCOMPARE(adminSend(server, "DELETE", QStringLiteral("/api/keys/key_unknown")).status, 404);
    }

    void scopesAreEnforced()
    {
        TestServer server;
        QVERIFY(server.started());
        const auto reader = createKey(server, QStringLiteral("dashboard"), QStringLiteral("read"));
        const auto writer = createKey(server, QStringLiteral("ticketing"), QStringLiteral("write"));
        QVERIFY(!reader.key.isEmpty() && !writer.key.isEmpty());

        // read: GET 200, anything else 403 naming its scope and the one needed.
        QCOMPARE(withKey(server, "GET", QStringLiteral("/api/webhooks/events"), reader.key).status, 200);
        const auto refused = withKey(server, "POST", QStringLiteral("/api/events"), reader.key,
            eventBody(QStringLiteral("ticket.created"), {{QStringLiteral("id"), 1}}));
        QCOMPARE(refused.status, 403);
        QCOMPARE(refused.json().value(QStringLiteral("scope")).toString(), QStringLiteral("read"));
        QCOMPARE(refused.json().value(QStringLiteral("requiredScope")).toString(), QStringLiteral("write"));
        QVERIFY2(
            refused.json().value(QStringLiteral("message")).toString().contains(QStringLiteral("'write'")),
            refused.body.constData());
        QCOMPARE(withKey(server, "GET", QStringLiteral("/api/keys"), reader.key).status, 403);

        // write: raises events, but key management and configurations need admin.
        QCOMPARE(withKey(server, "POST", QStringLiteral("/api/events"), writer.key,
                     eventBody(QStringLiteral("ticket.created"), {{QStringLiteral("id"), 1}}))
                     .status,
            202);
        const auto noKeys = withKey(server, "POST", QStringLiteral("/api/keys"), writer.key,
            {{QStringLiteral("name"), QStringLiteral("mine")},
                {QStringLiteral("scope"), QStringLiteral("admin")}});
        QCOMPARE(noKeys.status, 403);
        QCOMPARE(noKeys.json().value(QStringLiteral("requiredScope")).toString(), QStringLiteral("admin"));
        QCOMPARE(withKey(server, "POST", QStringLiteral("/api/webhooks/config"), writer.key,
                     {{QStringLiteral("name"), QStringLiteral("x")}})
                     .status,
            403);
        QCOMPARE(withKey(server, "GET", QStringLiteral("/api/webhooks/event-types"), writer.key).status, 200);
        // The environment key stays an admin key.
        QCOMPARE(adminGet(server, QStringLiteral("/api/keys")).status, 200);

        // Revoked: 401 at once.
        QCOMPARE(withKey(server, "GET", QStringLiteral("/api/webhooks/events"), writer.key).status, 200);
        const auto revoked = adminSend(server, "DELETE", QStringLiteral("/api/keys/") + writer.id);
        QCOMPARE(revoked.status, 200);
        QCOMPARE(
            revoked.json().value(QStringLiteral("key")).toObject().value(QStringLiteral("active")).toBool(),
            false);
        QCOMPARE(withKey(server, "GET", QStringLiteral("/api/webhooks/events"), writer.key).status, 401);
        // A read key cannot revoke; an admin key created over the API can.
        QCOMPARE(withKey(server, "DELETE", QStringLiteral("/api/keys/") + reader.id, reader.key).status, 403);
        const auto admin = createKey(server, QStringLiteral("ops"), QStringLiteral("admin"));
        QCOMPARE(withKey(server, "DELETE", QStringLiteral("/api/keys/") + reader.id, admin.key).status, 200);
        QCOMPARE(withKey(server, "GET", QStringLiteral("/api/webhooks/events"), reader.key).status, 401);
    }

    void lastUseIsRecordedAndThrottled()
    {
        TestServer server;
        QVERIFY(server.started());
        const auto reader = createKey(server, QStringLiteral("dashboard"), QStringLiteral("read"));
        QVERIFY(listedKey(server, reader.id).value(QStringLiteral("lastUsedAt")).isNull());
        QCOMPARE(
            withKey(server, "GET", QStringLiteral("/api/webhooks/events"), reader.key, {}, "first-agent/1")
                .status,
            200);
        QTRY_VERIFY_WITH_TIMEOUT(
            listedKey(server, reader.id).value(QStringLiteral("lastUsedAt")).isString(), 5000);
        const auto used = listedKey(server, reader.id);
        QCOMPARE(used.value(QStringLiteral("lastUsedClient")).toString(),
            QStringLiteral("127.0.0.1 first-agent/1"));
        // Within the minute a second use is not written (no write per request).
        QCOMPARE(
            withKey(server, "GET", QStringLiteral("/api/webhooks/events"), reader.key, {}, "second-agent/2")
                .status,
            200);
        QTest::qWait(300);
        QCOMPARE(listedKey(server, reader.id).value(QStringLiteral("lastUsedClient")).toString(),
            QStringLiteral("127.0.0.1 first-agent/1"));
    }

    void eventsFanOutOncePerIdempotencyKey()
    {
        WebhookReceiver receiver;
        TestServer server;
        QVERIFY(server.started());
        QCOMPARE(adminSend(server, "POST", QStringLiteral("/api/webhooks/config"),
                     {{QStringLiteral("name"), QStringLiteral("helpdesk")},
                         {QStringLiteral("url"), receiver.url()},
                         {QStringLiteral("eventTypes"), QJsonArray {QStringLiteral("ticket.created")}}})
                     .status,
            201);
        const auto writer = createKey(server, QStringLiteral("helpdesk"), QStringLiteral("write"));

        const auto first = withKey(server, "POST", QStringLiteral("/api/events"), writer.key,
            eventBody(QStringLiteral("ticket.created"),
                {{QStringLiteral("ticketId"), QStringLiteral("T-17")}}, QStringLiteral("ticket-T-17")));
        QCOMPARE(first.status, 202);
        const auto raised = first.json().value(QStringLiteral("event")).toObject();
        QVERIFY(raised.value(QStringLiteral("id")).toString().startsWith(QStringLiteral("evt_")));
        QCOMPARE(raised.value(QStringLiteral("deliveries")).toInt(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(receiver.received().size(), 1, 10000);
        const auto body = QJsonDocument::fromJson(receiver.received().first().body).object();
        QCOMPARE(body.value(QStringLiteral("event")).toString(), QStringLiteral("ticket.created"));
        QCOMPARE(body.value(QStringLiteral("ticketId")).toString(), QStringLiteral("T-17"));
        QCOMPARE(receiver.received().first().header("X-Webhook-Event"), QByteArray("ticket.created"));

        // The same idempotency key: the first event, 200, nothing delivered again.
        const auto again = withKey(server, "POST", QStringLiteral("/api/events"), writer.key,
            eventBody(QStringLiteral("ticket.created"),
                {{QStringLiteral("ticketId"), QStringLiteral("other")}}, QStringLiteral("ticket-T-17")));
        QCOMPARE(again.status, 200);
        QCOMPARE(
            again.json().value(QStringLiteral("event")).toObject().value(QStringLiteral("id")).toString(),
            raised.value(QStringLiteral("id")).toString());
        QCOMPARE(again.json()
                     .value(QStringLiteral("event"))
                     .toObject()
                     .value(QStringLiteral("payload"))
                     .toObject()
                     .value(QStringLiteral("ticketId"))
                     .toString(),
            QStringLiteral("T-17"));
        // An event nobody subscribes to is accepted with no delivery.
        const auto unsubscribed = withKey(server, "POST", QStringLiteral("/api/events"), writer.key,
            eventBody(
                QStringLiteral("announcement.created"), {{QStringLiteral("title"), QStringLiteral("hi")}}));
        QCOMPARE(unsubscribed.status, 202);
        QCOMPARE(unsubscribed.json()
                     .value(QStringLiteral("event"))
                     .toObject()
                     .value(QStringLiteral("deliveries"))
                     .toInt(),
            0);
        QTest::qWait(500);
        QCOMPARE(receiver.received().size(), 1);
        DatabaseReader db(server);
        QCOMPARE(
            db.row(QStringLiteral("SELECT COUNT(*) AS n FROM deliveries WHERE event_type = 'ticket.created'"))
                .value(QStringLiteral("n"))
                .toInt(),
            1);
        // The delivery log shows where it came from.
        const auto outbound = adminGet(server, QStringLiteral("/api/webhooks/events?direction=outbound"))
                                  .json()
                                  .value(QStringLiteral("events"))
                                  .toArray();
        QCOMPARE(outbound.size(), 1);
        QCOMPARE(
            outbound.first().toObject().value(QStringLiteral("source")).toString(), QStringLiteral("api"));
    }

    void badEventsAreRefused()
    {
        TestServer server;
        QVERIFY(server.started());
        const auto writer = createKey(server, QStringLiteral("helpdesk"), QStringLiteral("write"));
        const auto unknown = withKey(server, "POST", QStringLiteral("/api/events"), writer.key,
            eventBody(QStringLiteral("secret.leaked"), {}));
        QCOMPARE(unknown.status, 400);
        const auto message = unknown.json().value(QStringLiteral("message")).toString();
        QVERIFY2(message.contains(QStringLiteral("eventType")), qPrintable(message));
        QVERIFY(!message.contains(QStringLiteral("lead.created"))); // names no catalog entries
        QJsonObject notObject {{QStringLiteral("eventType"), QStringLiteral("ticket.created")},
            {QStringLiteral("payload"), QJsonArray {1, 2}}};
        const auto array = withKey(server, "POST", QStringLiteral("/api/events"), writer.key, notObject);
        QCOMPARE(array.status, 400);
        QVERIFY(array.json().value(QStringLiteral("message")).toString().contains(QStringLiteral("payload")));
        notObject.remove(QStringLiteral("payload"));
        QCOMPARE(withKey(server, "POST", QStringLiteral("/api/events"), writer.key, notObject).status, 400);
        auto badKey = eventBody(QStringLiteral("ticket.created"), {});
        badKey.insert(QStringLiteral("idempotencyKey"), 42);
        QCOMPARE(withKey(server, "POST", QStringLiteral("/api/events"), writer.key, badKey).status, 400);
        DatabaseReader db(server);
        QCOMPARE(
            db.row(QStringLiteral("SELECT COUNT(*) AS n FROM api_events")).value(QStringLiteral("n")).toInt(),
            0);
        // Message events from seed 004 that nothing raised before are in the catalog.
        QCOMPARE(withKey(server, "POST", QStringLiteral("/api/events"), writer.key,
                     eventBody(QStringLiteral("message.deleted"), {{QStringLiteral("id"), 5}}))
                     .status,
            202);
    }
};

QTEST_GUILESS_MAIN(ApiKeysTest)
#include "tst_api_keys.moc"
