// Outbound webhooks end to end: configurations through both APIs, fan-out from real CRM callbacks,
// signed deliveries to a real receiver on loopback, retries on an injectable clock, restart-resume.
#include "TestSupport.h"
#include "WebhookReceiver.h"
#include "security/HexHmacSignature.h"
#include "security/StandardWebhookSignature.h"

#include <QJsonArray>
#include <QTest>

using namespace sb;
using namespace sb::test;

namespace {

QJsonObject configBody(const QString &url, const QStringList &events, const QJsonObject &extra = {})
{
    QJsonObject body {{QStringLiteral("name"), QStringLiteral("CRM mirror")}, {QStringLiteral("url"), url},
        {QStringLiteral("eventTypes"), QJsonArray::fromStringList(events)}};
    for (auto it = extra.begin(); it != extra.end(); ++it)
        body.insert(it.key(), it.value());
    return body;
}

QJsonObject newLead(const QString &name, const QJsonObject &extra = {})
{
    QJsonObject data {{QStringLiteral("first_name"), name},
        {QStringLiteral("email"), QString(name + QStringLiteral("@example.com"))}};
    for (auto it = extra.begin(); it != extra.end(); ++it)
        data.insert(it.key(), it.value());
    return {{QStringLiteral("event"), QStringLiteral("new_lead")},
        {QStringLiteral("source"), QStringLiteral("website")}, {QStringLiteral("data"), data}};
}

QJsonArray outboundEvents(TestServer &server)
{
    return adminGet(server, QStringLiteral("/api/webhooks/events?direction=outbound&limit=100"))
        .json()
        .value(QStringLiteral("events"))
        .toArray();
}

QJsonObject eventDetail(TestServer &server, const QString &id)
{
    return adminGet(server, QStringLiteral("/api/webhooks/events/") + id).json();
}

QString delivery(TestServer &server, int index = 0)
{
    const auto events = outboundEvents(server);
    return events.size() > index ? events.at(index).toObject().value(QStringLiteral("id")).toString()
                                 : QString();
}

double half()
{
    return 0.5;
} // jitter factor exactly 1.0

} // namespace

class OutboundTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void bothApisShareConfigurations()
    {
        TestServer server;
        QVERIFY(server.started());
        auto created = adminSend(server, "POST", QStringLiteral("/api/webhooks/config"),
            configBody(QStringLiteral("https://example.com/hook"), {QStringLiteral("lead.created")}));
        QCOMPARE(created.status, 201);
        const auto webhook = created.json().value(QStringLiteral("webhook")).toObject();
        const auto secret = webhook.value(QStringLiteral("secret")).toString();
        QVERIFY2(secret.startsWith(QStringLiteral("whsec_"))
                && QByteArray::fromBase64(secret.mid(6).toLatin1()).size() == 24,
            qPrintable(secret));
        const auto id = webhook.value(QStringLiteral("id")).toInteger();

        // Seed 004 sees it, with its own field names, secret masked.
        auto list = adminGet(server, QStringLiteral("/api/communications/webhooks/"));
        QCOMPARE(list.status, 200);
        const auto items = QJsonDocument::fromJson(list.body).array();
        QCOMPARE(items.size(), 1);
        const auto item = items.first().toObject();
        QCOMPARE(item.value(QStringLiteral("id")).toInteger(), id);
        QCOMPARE(item.value(QStringLiteral("events")).toArray().first().toString(),
            QStringLiteral("lead.created"));
        QCOMPARE(item.value(QStringLiteral("is_active")).toBool(), true);
        QVERIFY(item.value(QStringLiteral("secret")).toString() != secret);

        // Created through seed 004, listed through seed 001.
        auto other = adminSend(server, "POST", QStringLiteral("/api/communications/webhooks/"),
            {{QStringLiteral("name"), QStringLiteral("Portal")},
                {QStringLiteral("url"), QStringLiteral("https://portal.example.com/webhooks/isp")},
                {QStringLiteral("events"), QJsonArray {QStringLiteral("message.created")}},
                {QStringLiteral("is_active"), false},
                {QStringLiteral("secret"), QStringLiteral("your_webhook_secret")},
                {QStringLiteral("description"), QStringLiteral("Webhook for the customer portal")}});
        QCOMPARE(other.status, 201);
        QCOMPARE(
            other.json().value(QStringLiteral("secret")).toString(), QStringLiteral("your_webhook_secret"));
        auto all = adminGet(server, QStringLiteral("/api/webhooks/config"));
        QCOMPARE(all.json().value(QStringLiteral("webhooks")).toArray().size(), 2);
        auto activeOnly = adminGet(server, QStringLiteral("/api/communications/webhooks/?active_only=true"));
        QCOMPARE(QJsonDocument::fromJson(activeOnly.body).array().size(), 1);
        auto byEvent
            = adminGet(server, QStringLiteral("/api/communications/webhooks/?event=message.created"));
        QCOMPARE(QJsonDocument::fromJson(byEvent.body).array().size(), 1);

        // Update through one API, read through the other.
        auto updated = adminSend(server, "PUT", QStringLiteral("/api/webhooks/config/%1").arg(id),
            {{QStringLiteral("status"), QStringLiteral("inactive")}});
        QCOMPARE(updated.status, 200);
        auto single = adminGet(server, QStringLiteral("/api/communications/webhooks/%1").arg(id));
        QCOMPARE(single.json().value(QStringLiteral("is_active")).toBool(), false);

        QCOMPARE(adminSend(server, "DELETE", QStringLiteral("/api/webhooks/config/%1").arg(id)).status, 200);
        auto gone = adminGet(server, QStringLiteral("/api/webhooks/config/%1").arg(id));
        QCOMPARE(gone.status, 404);
        QCOMPARE(gone.json().value(QStringLiteral("success")).toBool(true), false);
        auto goneOther = adminGet(server, QStringLiteral("/api/communications/webhooks/%1").arg(id));
        QCOMPARE(goneOther.status, 404);
        QVERIFY(goneOther.json().contains(QStringLiteral("detail")));
    }

    void invalidConfigurationsAreRefused()
    {
        TestServer server;
        QVERIFY(server.started());
        const auto post = [&](const QJsonObject &body) {
            return adminSend(server, "POST", QStringLiteral("/api/webhooks/config"), body);
        };
        auto reply = post(configBody(QStringLiteral("ftp://example.com"), {QStringLiteral("lead.created")}));
        QCOMPARE(reply.status, 400);
        QVERIFY(reply.json().value(QStringLiteral("message")).toString().contains(QStringLiteral("url")));
        reply = post(configBody(QStringLiteral("/relative"), {QStringLiteral("lead.created")}));
        QCOMPARE(reply.status, 400);
        reply = post(configBody(QStringLiteral("https://example.com"), {QStringLiteral("lead.exploded")}));
        QCOMPARE(reply.status, 400);
        QVERIFY(reply.json()
                    .value(QStringLiteral("message"))
                    .toString()
                    .contains(QStringLiteral("lead.exploded")));
        reply = post(configBody(QStringLiteral("https://example.com"), {QStringLiteral("lead.created")},
            {{QStringLiteral("retryConfig"), QJsonObject {{QStringLiteral("maxAttempts"), 0}}}}));
        QCOMPARE(reply.status, 400);
        QVERIFY(
            reply.json().value(QStringLiteral("message")).toString().contains(QStringLiteral("maxAttempts")));
        reply = post({{QStringLiteral("url"), QStringLiteral("https://example.com")}});
        QCOMPARE(reply.status, 400);
        reply = request("POST", server.url(QStringLiteral("/api/webhooks/config")), "{not json",
            {{"Authorization", "Bearer " + adminKey}});
        QCOMPARE(reply.status, 400);
        QCOMPARE(adminGet(server, QStringLiteral("/api/webhooks/config"))
                     .json()
                     .value(QStringLiteral("webhooks"))
                     .toArray()
                     .size(),
            0);
        // No key, no access.
        QCOMPARE(request("GET", server.url(QStringLiteral("/api/webhooks/config"))).status, 401);
        auto catalog = adminGet(server, QStringLiteral("/api/webhooks/event-types"));
        QVERIFY(catalog.json().value(QStringLiteral("eventTypes")).toArray().size() >= 40);
    }

    void deliveriesAreSignedBothWays()
    {
        WebhookReceiver receiver;
        TestServer server;
        QVERIFY(server.started());
        auto created = adminSend(server, "POST", QStringLiteral("/api/webhooks/config"),
            configBody(receiver.url(), {QStringLiteral("lead.created")},
                {{QStringLiteral("headers"),
                    QJsonObject {{QStringLiteral("X-Custom"), QStringLiteral("yes")}}}}));
        const auto secret = created.json()
                                .value(QStringLiteral("webhook"))
                                .toObject()
                                .value(QStringLiteral("secret"))
                                .toString()
                                .toUtf8();
        QCOMPARE(postCrm(server, QStringLiteral("/api/v1/webhooks/incoming/lead/create"),
                     newLead(QStringLiteral("Ada")))
                     .status,
            200);
        QTRY_COMPARE_WITH_TIMEOUT(receiver.received().size(), 1, 10000);
        const auto &hit = receiver.received().first();
        QCOMPARE(hit.header("X-Webhook-Event"), QByteArray("lead.created"));
        QCOMPARE(hit.header("X-Custom"), QByteArray("yes"));
        QVERIFY(hit.header("User-Agent").startsWith("Switchboard/"));
        QCOMPARE(hit.header("X-Webhook-Signature"), HexHmacSignature::sign(secret, hit.body));
        const auto verification = StandardWebhookSignature::verify(secret, hit.header("webhook-id"),
            hit.header("webhook-timestamp"), hit.header("webhook-signature"), hit.body,
            QDateTime::currentSecsSinceEpoch());
        QVERIFY2(verification.outcome == Verification::Outcome::Verified, qPrintable(verification.detail));
        const auto payload = QJsonDocument::fromJson(hit.body).object();
        QCOMPARE(payload.value(QStringLiteral("event")).toString(), QStringLiteral("lead.created"));
        QVERIFY(!payload.value(QStringLiteral("timestamp")).toString().isEmpty());
        QCOMPARE(payload.value(QStringLiteral("first_name")).toString(), QStringLiteral("Ada"));
        QVERIFY(payload.value(QStringLiteral("lead_id")).toInteger() > 0);

        // The delivery record: same id as webhook-id, delivered, one attempt with its headers.
        const auto id = QString::fromUtf8(hit.header("webhook-id"));
        QTRY_COMPARE_WITH_TIMEOUT(eventDetail(server, id)
                                      .value(QStringLiteral("event"))
                                      .toObject()
                                      .value(QStringLiteral("status"))
                                      .toString(),
            QStringLiteral("delivered"), 10000);
        const auto detail = eventDetail(server, id);
        const auto event = detail.value(QStringLiteral("event")).toObject();
        QCOMPARE(event.value(QStringLiteral("attempts")).toInt(), 1);
        QCOMPARE(event.value(QStringLiteral("responseData"))
                     .toObject()
                     .value(QStringLiteral("statusCode"))
                     .toInt(),
            200);
        const auto attempt = event.value(QStringLiteral("attemptsDetail")).toArray().first().toObject();
        QCOMPARE(attempt.value(QStringLiteral("requestHeaders"))
                     .toObject()
                     .value(QStringLiteral("x-webhook-event"))
                     .toString(),
            QStringLiteral("lead.created"));
        QCOMPARE(
            detail.value(QStringLiteral("webhookConfig")).toObject().value(QStringLiteral("url")).toString(),
            receiver.url());
        // Seed 004's log view and seed 002's outgoing log show the same record.
        const auto configId = created.json()
                                  .value(QStringLiteral("webhook"))
                                  .toObject()
                                  .value(QStringLiteral("id"))
                                  .toInteger();
        const auto logs = QJsonDocument::fromJson(
            adminGet(server, QStringLiteral("/api/communications/webhooks/%1/logs").arg(configId)).body)
                              .array();
        QCOMPARE(logs.size(), 1);
        QCOMPARE(logs.first().toObject().value(QStringLiteral("id")).toString(), id);
        QCOMPARE(logs.first().toObject().value(QStringLiteral("success")).toBool(), true);

        // Seed 001's source is who raised the event: the CRM here, so ?source=crm finds it both ways.
        QCOMPARE(event.value(QStringLiteral("source")).toString(), QStringLiteral("crm"));
        const auto bySource
            = adminGet(server, QStringLiteral("/api/webhooks/events?source=crm&limit=100")).json();
        QStringList directions;
        for (const auto &item : bySource.value(QStringLiteral("events")).toArray())
            directions.append(item.toObject().value(QStringLiteral("direction")).toString());
        directions.sort();
        QCOMPARE(directions, (QStringList {QStringLiteral("inbound"), QStringLiteral("outbound")}));
        QCOMPARE(adminGet(server, QStringLiteral("/api/webhooks/events?source=twilio"))
                     .json()
                     .value(QStringLiteral("total"))
                     .toInt(),
            0);
    }

    void retriesFollowTheScheduleThenSucceed()
    {
        ManualClock clock(QDateTime::currentMSecsSinceEpoch());
        WebhookReceiver receiver;
        receiver.script({{500, {}, "boom"}, {502, {}, "again"}});
        TestServer server({}, &clock, half);
        QVERIFY(server.started());
        adminSend(server, "POST", QStringLiteral("/api/webhooks/config"),
            configBody(receiver.url(), {QStringLiteral("lead.created")}));
        QCOMPARE(postCrm(server, QStringLiteral("/api/v1/webhooks/incoming/lead/create"),
                     newLead(QStringLiteral("Bo")))
                     .status,
            200);
        QTRY_COMPARE_WITH_TIMEOUT(receiver.received().size(), 1, 10000);
        const auto id = QString::fromUtf8(receiver.received().first().header("webhook-id"));
        auto state = [&] { return eventDetail(server, id).value(QStringLiteral("event")).toObject(); };
        QTRY_COMPARE_WITH_TIMEOUT(state().value(QStringLiteral("attempts")).toInt(), 1, 10000);
        QCOMPARE(state().value(QStringLiteral("status")).toString(), QStringLiteral("pending"));

        // Default policy: 5 s, then 30 s (jitter factor 1.0 here). Not a millisecond early.
        clock.advanceMs(4999);
        server.runtime().dispatcher().wake();
        QTest::qWait(200);
        QCOMPARE(receiver.received().size(), 1);
        clock.advanceMs(1);
        server.runtime().dispatcher().wake();
        QTRY_COMPARE_WITH_TIMEOUT(receiver.received().size(), 2, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(state().value(QStringLiteral("attempts")).toInt(), 2, 10000);
        clock.advanceMs(29999);
        server.runtime().dispatcher().wake();
        QTest::qWait(200);
        QCOMPARE(receiver.received().size(), 2);
        clock.advanceMs(1);
        server.runtime().dispatcher().wake();
        QTRY_COMPARE_WITH_TIMEOUT(
            state().value(QStringLiteral("status")).toString(), QStringLiteral("delivered"), 10000);
        QCOMPARE(state().value(QStringLiteral("attempts")).toInt(), 3);
        // Same webhook-id on every attempt, each signed with its own timestamp.
        QCOMPARE(
            receiver.received().at(2).header("webhook-id"), receiver.received().at(0).header("webhook-id"));
        QVERIFY(receiver.received().at(2).header("webhook-timestamp").toLongLong()
            >= receiver.received().at(0).header("webhook-timestamp").toLongLong() + 35);
        const auto attempts = state().value(QStringLiteral("attemptsDetail")).toArray();
        QCOMPARE(attempts.size(), 3);
        QCOMPARE(attempts.at(0).toObject().value(QStringLiteral("statusCode")).toInt(), 500);
        QCOMPARE(attempts.at(0).toObject().value(QStringLiteral("responseBody")).toString(),
            QStringLiteral("boom"));
    }

    void retryAfterIsHonouredAndGoneDisables()
    {
        ManualClock clock(QDateTime::currentMSecsSinceEpoch());
        WebhookReceiver receiver;
        receiver.script({{429, {{"Retry-After", "120"}}, "slow down"}, {410, {}, "gone"}});
        TestServer server({}, &clock, half);
        QVERIFY(server.started());
        auto created = adminSend(server, "POST", QStringLiteral("/api/webhooks/config"),
            configBody(receiver.url(), {QStringLiteral("lead.created")}));
        const auto configId = created.json()
                                  .value(QStringLiteral("webhook"))
                                  .toObject()
                                  .value(QStringLiteral("id"))
                                  .toInteger();
        QCOMPARE(postCrm(server, QStringLiteral("/api/v1/webhooks/incoming/lead/create"),
                     newLead(QStringLiteral("Cy")))
                     .status,
            200);
        QTRY_COMPARE_WITH_TIMEOUT(receiver.received().size(), 1, 10000);
        QTest::qWait(100);
        clock.advanceMs(119000);
        server.runtime().dispatcher().wake();
        QTest::qWait(200);
        QCOMPARE(receiver.received().size(), 1); // 5 s backoff overridden by Retry-After: 120
        clock.advanceMs(1000);
        server.runtime().dispatcher().wake();
        QTRY_COMPARE_WITH_TIMEOUT(receiver.received().size(), 2, 10000);
        const auto id = QString::fromUtf8(receiver.received().first().header("webhook-id"));
        QTRY_COMPARE_WITH_TIMEOUT(eventDetail(server, id)
                                      .value(QStringLiteral("event"))
                                      .toObject()
                                      .value(QStringLiteral("status"))
                                      .toString(),
            QStringLiteral("failed"), 10000);
        auto config = adminGet(server, QStringLiteral("/api/webhooks/config/%1").arg(configId))
                          .json()
                          .value(QStringLiteral("webhook"))
                          .toObject();
        QCOMPARE(config.value(QStringLiteral("status")).toString(), QStringLiteral("disabled"));
        QVERIFY(config.value(QStringLiteral("disabledReason")).toString().contains(QStringLiteral("410")));
        // A disabled config gets no new deliveries; its failed one stays retryable.
        QCOMPARE(postCrm(server, QStringLiteral("/api/v1/webhooks/incoming/lead/create"),
                     newLead(QStringLiteral("Di")))
                     .status,
            200);
        QTest::qWait(300);
        QCOMPARE(outboundEvents(server).size(), 1);
        adminSend(server, "PUT", QStringLiteral("/api/webhooks/config/%1").arg(configId),
            {{QStringLiteral("status"), QStringLiteral("active")}});
        auto retried = adminSend(server, "POST", QStringLiteral("/api/webhooks/events/%1/retry").arg(id));
        QCOMPARE(retried.status, 200);
        QCOMPARE(retried.json()
                     .value(QStringLiteral("event"))
                     .toObject()
                     .value(QStringLiteral("status"))
                     .toString(),
            QStringLiteral("pending"));
        QTRY_COMPARE_WITH_TIMEOUT(receiver.received().size(), 3, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(eventDetail(server, id)
                                      .value(QStringLiteral("event"))
                                      .toObject()
                                      .value(QStringLiteral("status"))
                                      .toString(),
            QStringLiteral("delivered"), 10000);
    }

    void refusedConnectionsAndTimeoutsAreRecorded()
    {
        WebhookReceiver silent;
        silent.script({{200, {}, {}, true}});
        quint16 closedPort = 0;
        {
            QTcpServer probe;
            probe.listen(QHostAddress::LocalHost, 0);
            closedPort = probe.serverPort();
        }
        TestServer server;
        QVERIFY(server.started());
        const QJsonObject once {
            {QStringLiteral("retryConfig"), QJsonObject {{QStringLiteral("maxAttempts"), 1}}}};
        adminSend(server, "POST", QStringLiteral("/api/webhooks/config"),
            configBody(QStringLiteral("http://127.0.0.1:%1/hook").arg(closedPort),
                {QStringLiteral("lead.created")}, once));
        auto timeoutConfig = once;
        timeoutConfig.insert(QStringLiteral("timeoutMs"), 300);
        adminSend(server, "POST", QStringLiteral("/api/webhooks/config"),
            configBody(silent.url(), {QStringLiteral("lead.created")}, timeoutConfig));
        QCOMPARE(postCrm(server, QStringLiteral("/api/v1/webhooks/incoming/lead/create"),
                     newLead(QStringLiteral("Ed")))
                     .status,
            200);
        QTRY_COMPARE_WITH_TIMEOUT(
            adminGet(server, QStringLiteral("/api/webhooks/events?direction=outbound&status=failed"))
                .json()
                .value(QStringLiteral("total"))
                .toInt(),
            2, 15000);
        QStringList errors;
        for (const auto &event : outboundEvents(server)) {
            const auto detail = eventDetail(server, event.toObject().value(QStringLiteral("id")).toString());
            errors.append(detail.value(QStringLiteral("event"))
                              .toObject()
                              .value(QStringLiteral("attemptsDetail"))
                              .toArray()
                              .first()
                              .toObject()
                              .value(QStringLiteral("error"))
                              .toString());
        }
        errors.sort();
        QVERIFY2(errors.at(0).contains(QStringLiteral("refused"), Qt::CaseInsensitive),
            qPrintable(errors.join(QLatin1Char('|'))));
        QVERIFY2(errors.at(1).contains(QStringLiteral("no answer within 300 ms")),
            qPrintable(errors.join(QLatin1Char('|'))));
    }

    void filtersSelectEvents()
    {
        WebhookReceiver receiver;
        TestServer server;
        QVERIFY(server.started());
        adminSend(server, "POST", QStringLiteral("/api/webhooks/config"),
            configBody(receiver.url(), {QStringLiteral("lead.created")},
                {{QStringLiteral("filters"),
                    QJsonObject {
                        {QStringLiteral("campaigns"), QJsonArray {QStringLiteral("campaign-123")}}}}}));
        postCrm(server, QStringLiteral("/api/v1/webhooks/incoming/lead/create"),
            newLead(QStringLiteral("Fay"), {{QStringLiteral("campaignId"), QStringLiteral("campaign-999")}}));
        postCrm(server, QStringLiteral("/api/v1/webhooks/incoming/lead/create"),
            newLead(QStringLiteral("Gus"),
                {{QStringLiteral("metadata"),
                    QJsonObject {{QStringLiteral("campaignId"), QStringLiteral("campaign-123")}}}}));
        QTRY_COMPARE_WITH_TIMEOUT(receiver.received().size(), 1, 10000);
        QTest::qWait(300);
        QCOMPARE(receiver.received().size(), 1);
        QCOMPARE(QJsonDocument::fromJson(receiver.received().first().body)
                     .object()
                     .value(QStringLiteral("first_name"))
                     .toString(),
            QStringLiteral("Gus"));
    }

    void testButtonAnswersWithTheAttempt()
    {
        WebhookReceiver receiver;
        receiver.script({{202, {}, "Received"}});
        TestServer server;
        QVERIFY(server.started());
        auto created = adminSend(server, "POST", QStringLiteral("/api/webhooks/config"),
            configBody(receiver.url(), {QStringLiteral("call.completed")}));
        const auto id = created.json()
                            .value(QStringLiteral("webhook"))
                            .toObject()
                            .value(QStringLiteral("id"))
                            .toInteger();
        auto reply = adminSend(server, "POST", QStringLiteral("/api/webhooks/config/%1/test").arg(id),
            {{QStringLiteral("eventType"), QStringLiteral("call.completed")},
                {QStringLiteral("testPayload"),
                    QJsonObject {{QStringLiteral("callId"), QStringLiteral("test-call-123")}}}});
        QCOMPARE(reply.status, 200);
        const auto details = reply.json().value(QStringLiteral("details")).toObject();
        QCOMPARE(details.value(QStringLiteral("statusCode")).toInt(), 202);
        QCOMPARE(details.value(QStringLiteral("responseBody")).toString(), QStringLiteral("Received"));
        QVERIFY(details.value(QStringLiteral("responseTime")).toInteger() >= 0);
        QVERIFY(details.value(QStringLiteral("eventId")).toString().startsWith(QStringLiteral("msg_")));
        QCOMPARE(QJsonDocument::fromJson(receiver.received().first().body)
                     .object()
                     .value(QStringLiteral("callId"))
                     .toString(),
            QStringLiteral("test-call-123"));
        auto wrong = adminSend(server, "POST", QStringLiteral("/api/webhooks/config/%1/test").arg(id),
            {{QStringLiteral("eventType"), QStringLiteral("lead.created")}});
        QCOMPARE(wrong.status, 400);
        QCOMPARE(adminSend(server, "POST", QStringLiteral("/api/webhooks/config/999/test"),
                     {{QStringLiteral("eventType"), QStringLiteral("lead.created")}})
                     .status,
            404);
        auto seed004
            = adminSend(server, "POST", QStringLiteral("/api/communications/webhooks/%1/test").arg(id));
        QCOMPARE(seed004.status, 200);
        QCOMPARE(receiver.received().size(), 2);
    }

    void pendingDeliveriesResumeAfterRestart()
    {
        ManualClock clock(QDateTime::currentMSecsSinceEpoch());
        WebhookReceiver receiver;
        receiver.script({{503, {}, "maintenance"}});
        QTemporaryDir dir;
        QString id;
        {
            TestServer first({}, &clock, half, dir.path());
            QVERIFY(first.started());
            adminSend(first, "POST", QStringLiteral("/api/webhooks/config"),
                configBody(receiver.url(), {QStringLiteral("lead.created")}));
            postCrm(first, QStringLiteral("/api/v1/webhooks/incoming/lead/create"),
                newLead(QStringLiteral("Hal")));
            QTRY_COMPARE_WITH_TIMEOUT(receiver.received().size(), 1, 10000);
            id = QString::fromUtf8(receiver.received().first().header("webhook-id"));
            QTRY_COMPARE_WITH_TIMEOUT(eventDetail(first, id)
                                          .value(QStringLiteral("event"))
                                          .toObject()
                                          .value(QStringLiteral("attempts"))
                                          .toInt(),
                1, 10000);
        }
        clock.advanceMs(60000);
        TestServer second({}, &clock, half, dir.path());
        QVERIFY2(second.started(), qPrintable(second.error()));
        QTRY_COMPARE_WITH_TIMEOUT(receiver.received().size(), 2, 10000);
        QCOMPARE(QString::fromUtf8(receiver.received().at(1).header("webhook-id")), id);
        QTRY_COMPARE_WITH_TIMEOUT(eventDetail(second, id)
                                      .value(QStringLiteral("event"))
                                      .toObject()
                                      .value(QStringLiteral("status"))
                                      .toString(),
            QStringLiteral("delivered"), 10000);
    }

    void strictPolicyRefusesLoopback()
    {
        WebhookReceiver receiver;
        TestServer server([](RuntimeOptions &options) { options.urlPolicy = QStringLiteral("strict"); });
        QVERIFY(server.started());
        adminSend(server, "POST", QStringLiteral("/api/webhooks/config"),
            configBody(receiver.url(), {QStringLiteral("lead.created")},
                {{QStringLiteral("retryConfig"), QJsonObject {{QStringLiteral("maxAttempts"), 1}}}}));
        postCrm(
            server, QStringLiteral("/api/v1/webhooks/incoming/lead/create"), newLead(QStringLiteral("Ivy")));
        QTRY_COMPARE_WITH_TIMEOUT(
            adminGet(server, QStringLiteral("/api/webhooks/events?direction=outbound&status=failed"))
                .json()
                .value(QStringLiteral("total"))
                .toInt(),
            1, 10000);
        QCOMPARE(receiver.received().size(), 0);
        const auto detail = eventDetail(server, delivery(server));
        const auto error = detail.value(QStringLiteral("event"))
                               .toObject()
                               .value(QStringLiteral("attemptsDetail"))
                               .toArray()
                               .first()
                               .toObject()
                               .value(QStringLiteral("error"))
                               .toString();
        QVERIFY2(error.contains(QStringLiteral("loopback")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(OutboundTest)
#include "tst_outbound.moc"
