// Gaps in routes that existed (issue 13, item 10), over real HTTP: the CRM log API shows outbound
// deliveries, the event history carries each outbound item's responseData, ElevenLabs has a
// source-IP allowlist, voice.completed updates the call and the "by agent" filter is applied.
#include "ProviderTestSupport.h"
#include "WebhookReceiver.h"
#include "security/ElevenLabsSignature.h"

#include <QJsonArray>

using namespace sb;
using namespace sb::test;

namespace {

const QByteArray elevenLabsSecret = "wsec_gaps_test";

void withElevenLabs(RuntimeOptions &options, const QString &allowed = {})
{
    options.environment.insert(
        QStringLiteral("ELEVENLABS_WEBHOOK_SECRET"), QString::fromLatin1(elevenLabsSecret));
    if (!allowed.isEmpty())
        options.environment.insert(QStringLiteral("ELEVENLABS_ALLOWED_IPS"), allowed);
}

HttpReply postElevenLabs(TestServer &server, const QByteArray &body)
{
    return request("POST", server.url(QStringLiteral("/api/webhooks/elevenlabs")), body,
        {qMakePair(QByteArray("Content-Type"), QByteArray("application/json")),
            qMakePair(QByteArray("ElevenLabs-Signature"),
                ElevenLabsSignature::sign(elevenLabsSecret, QDateTime::currentSecsSinceEpoch(), body))});
}

QByteArray voiceCompleted(const QString &callId, const QString &agent)
{
    return QStringLiteral(R"({"event_type":"voice.completed","timestamp":"2023-07-29T15:05:00Z",)"
                          R"("voice_id":"voice-123","agent_id":"%2","call_id":"%1","duration":15.5,)"
                          R"("metadata":{"campaignId":"campaign-123","contactId":42}})")
        .arg(callId, agent)
        .toUtf8();
}

QJsonObject newLead(const QString &name)
{
    return {{QStringLiteral("event"), QStringLiteral("new_lead")},
        {QStringLiteral("source"), QStringLiteral("website")},
        {QStringLiteral("data"),
            QJsonObject {{QStringLiteral("first_name"), name},
                {QStringLiteral("email"), QString(name + QStringLiteral("@example.com"))}}}};
}

qint64 createConfig(
    TestServer &server, const QString &url, const QStringList &events, const QJsonObject &filters = {})
{
    QJsonObject body {{QStringLiteral("name"), QStringLiteral("receiver")}, {QStringLiteral("url"), url},
        {QStringLiteral("eventTypes"), QJsonArray::fromStringList(events)}};
    if (!filters.isEmpty())
        body.insert(QStringLiteral("filters"), filters);
    const auto reply = adminSend(server, "POST", QStringLiteral("/api/webhooks/config"), body);
    return reply.status == 201
        ? reply.json().value(QStringLiteral("webhook")).toObject().value(QStringLiteral("id")).toInteger()
        : 0;
}

QJsonObject crmLogs(TestServer &server, const QString &query)
{
    return adminGet(server, QStringLiteral("/api/v1/webhooks/logs") + query)
        .json()
        .value(QStringLiteral("data"))
        .toObject();
}

} // namespace

class ApiGapsTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void crmLogsShowOutboundDeliveries()
    {
        WebhookReceiver receiver;
        receiver.script({{200, {{"Content-Type", "text/plain"}}, "Received"}});
        TestServer server;
        QVERIFY(server.started());
        QVERIFY(createConfig(server, receiver.url(), {QStringLiteral("lead.created")}) > 0);
        QCOMPARE(postCrm(server, QStringLiteral("/api/v1/webhooks/incoming/lead/create"),
                     newLead(QStringLiteral("Ada")))
                     .status,
            200);
        QTRY_COMPARE_WITH_TIMEOUT(receiver.received().size(), 1, 10000);

        QJsonArray outgoing;
        QTRY_VERIFY_WITH_TIMEOUT(
            (outgoing = crmLogs(server, QStringLiteral("?direction=outgoing"))
                            .value(QStringLiteral("items"))
                            .toArray(),
                outgoing.size() == 1
                    && outgoing.first().toObject().value(QStringLiteral("is_successful")).toBool()),
            10000);
        const auto item = outgoing.first().toObject();
        QCOMPARE(item.value(QStringLiteral("direction")).toString(), QStringLiteral("outgoing"));
        QCOMPARE(item.value(QStringLiteral("event")).toString(), QStringLiteral("lead.created"));
        QCOMPARE(item.value(QStringLiteral("endpoint")).toString(), receiver.url());
        QCOMPARE(item.value(QStringLiteral("status_code")).toInt(), 200);
        QCOMPARE(item.value(QStringLiteral("response_body")).toString(), QStringLiteral("Received"));
        QCOMPARE(
            item.value(QStringLiteral("payload")).toObject().value(QStringLiteral("first_name")).toString(),
            QStringLiteral("Ada"));
        QCOMPARE(
            crmLogs(server, QStringLiteral("?direction=outgoing")).value(QStringLiteral("total")).toInt(), 1);

        // The single log answers an outbound id, with every attempt.
        const auto id = item.value(QStringLiteral("id")).toString();
        const auto single = adminGet(server, QStringLiteral("/api/v1/webhooks/logs/") + id);
        QCOMPARE(single.status, 200);
        const auto detail = single.json().value(QStringLiteral("data")).toObject();
        QCOMPARE(detail.value(QStringLiteral("id")).toString(), id);
        QCOMPARE(detail.value(QStringLiteral("attempts_detail")).toArray().size(), 1);

        // Incoming only / both / filters.
        const auto incoming
            = crmLogs(server, QStringLiteral("?direction=incoming")).value(QStringLiteral("items")).toArray();
        QCOMPARE(incoming.size(), 1);
        QCOMPARE(incoming.first().toObject().value(QStringLiteral("direction")).toString(),
            QStringLiteral("incoming"));
        const auto both = crmLogs(server, QString());
        QCOMPARE(both.value(QStringLiteral("total")).toInt(), 2);
        QCOMPARE(both.value(QStringLiteral("items")).toArray().size(), 2);
        // Newest first: the delivery was made after the callback that raised it.
        QCOMPARE(both.value(QStringLiteral("items"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("direction"))
                     .toString(),
            QStringLiteral("outgoing"));
        QCOMPARE(crmLogs(server, QStringLiteral("?direction=outgoing&is_successful=false"))
                     .value(QStringLiteral("items"))
                     .toArray()
                     .size(),
            0);
        QCOMPARE(crmLogs(server, QStringLiteral("?page_size=1&page=2"))
                     .value(QStringLiteral("items"))
                     .toArray()
                     .size(),
            1);
    }

    void eventListCarriesResponseData()
    {
        WebhookReceiver receiver;
        receiver.script(
            {{201, {{"Content-Type", "application/json"}, {"Server", "nginx/1.18.0"}}, R"({"ok":true})"}});
        TestServer server;
        QVERIFY(server.started());
        QVERIFY(createConfig(server, receiver.url(), {QStringLiteral("lead.created")}) > 0);
        QCOMPARE(postCrm(server, QStringLiteral("/api/v1/webhooks/incoming/lead/create"),
                     newLead(QStringLiteral("Bo")))
                     .status,
            200);
        QJsonObject item;
        QTRY_VERIFY_WITH_TIMEOUT(
            (item = adminGet(server, QStringLiteral("/api/webhooks/events?direction=outbound"))
                        .json()
                        .value(QStringLiteral("events"))
                        .toArray()
                        .first()
                        .toObject(),
                item.value(QStringLiteral("responseData")).isObject()),
            10000);
        const auto data = item.value(QStringLiteral("responseData")).toObject();
        QCOMPARE(data.value(QStringLiteral("statusCode")).toInt(), 201);
        QCOMPARE(data.value(QStringLiteral("body")).toString(), QStringLiteral(R"({"ok":true})"));
        QCOMPARE(data.value(QStringLiteral("headers")).toObject().value(QStringLiteral("server")).toString(),
            QStringLiteral("nginx/1.18.0"));
        // Inbound items have none.
        const auto inbound = adminGet(server, QStringLiteral("/api/webhooks/events?direction=inbound"))
                                 .json()
                                 .value(QStringLiteral("events"))
                                 .toArray();
        QVERIFY(!inbound.isEmpty());
        QVERIFY(!inbound.first().toObject().contains(QStringLiteral("responseData")));
    }

    void elevenLabsAllowlist()
    {
        {
            TestServer server(
                [](RuntimeOptions &options) { withElevenLabs(options, QStringLiteral("10.0.0.0/8")); });
            QVERIFY(server.started());
            const auto refused
                = postElevenLabs(server, voiceCompleted(QStringLiteral("CA1"), QStringLiteral("a")));
            QCOMPARE(refused.status, 403);
            QVERIFY2(refused.json()
                         .value(QStringLiteral("error"))
                         .toString()
                         .contains(QStringLiteral("ELEVENLABS_ALLOWED_IPS")),
                refused.body.constData());
            Store store(server);
            QCOMPARE(store.row(QStringLiteral("SELECT COUNT(*) AS n FROM calls"))
                         .value(QStringLiteral("n"))
                         .toInt(),
                0);
            // Every ElevenLabs route, not only the generic one.
            QCOMPARE(postElevenLabs(server, "{}").status, 403);
            QCOMPARE(request("POST", server.url(QStringLiteral("/api/webhooks/elevenlabs/post-call")), "{}",
                         {qMakePair(QByteArray("Content-Type"), QByteArray("application/json"))})
                         .status,
                403);
        }
        {
            TestServer server(
                [](RuntimeOptions &options) { withElevenLabs(options, QStringLiteral("127.0.0.0/8,::1")); });
            QVERIFY(server.started());
            QCOMPARE(
                postElevenLabs(server, voiceCompleted(QStringLiteral("CA2"), QStringLiteral("a"))).status,
                200);
        }
        {
            TestServer server(
                [](RuntimeOptions &options) { withElevenLabs(options, QStringLiteral("not-a-range")); });
            QVERIFY(server.started());
            const auto malformed
                = postElevenLabs(server, voiceCompleted(QStringLiteral("CA3"), QStringLiteral("a")));
            QCOMPARE(malformed.status, 403);
            QVERIFY(malformed.json()
                        .value(QStringLiteral("error"))
                        .toString()
                        .contains(QStringLiteral("malformed")));
        }
    }

    void voiceCompletedUpdatesTheCall()
    {
        TestServer server([](RuntimeOptions &options) { withElevenLabs(options); });
        QVERIFY(server.started());
        BusEvents events(server.runtime().bus());
        QCOMPARE(postElevenLabs(
                     server, voiceCompleted(QStringLiteral("CA123456789abcdef"), QStringLiteral("agent-456")))
                     .status,
            200);
        Store store(server);
        const auto call = store.row(
            QStringLiteral("SELECT provider, status, duration_seconds FROM calls WHERE call_ref = ?"),
            {QStringLiteral("CA123456789abcdef")});
        QCOMPARE(call.value(QStringLiteral("provider")).toString(), QStringLiteral("elevenlabs"));
        QCOMPARE(call.value(QStringLiteral("status")).toString(), QStringLiteral("completed"));
        QCOMPARE(call.value(QStringLiteral("duration_seconds")).toInt(), 15);
        QTRY_COMPARE_WITH_TIMEOUT(events.count(QStringLiteral("voice.completed")), 1, 5000);
        const auto index = events.types.indexOf(QStringLiteral("voice.completed"));
        QCOMPARE(events.payloads.at(index)
                     .value(QStringLiteral("call"))
                     .toObject()
                     .value(QStringLiteral("status"))
                     .toString(),
            QStringLiteral("completed"));
    }

    void agentFilterIsApplied()
    {
        WebhookReceiver wanted;
        WebhookReceiver other;
        WebhookReceiver unfiltered;
        TestServer server([](RuntimeOptions &options) { withElevenLabs(options); });
        QVERIFY(server.started());
        QVERIFY(createConfig(server, wanted.url(), {QStringLiteral("voice.completed")},
                    {{QStringLiteral("agents"), QJsonArray {QStringLiteral("agent-456")}}})
            > 0);
        QVERIFY(createConfig(server, other.url(), {QStringLiteral("voice.completed")},
                    {{QStringLiteral("agents"), QJsonArray {QStringLiteral("agent-999")}}})
            > 0);
        QVERIFY(createConfig(server, unfiltered.url(), {QStringLiteral("voice.completed")}) > 0);
        // A filter that is not an array is refused.
        QCOMPARE(adminSend(server, "POST", QStringLiteral("/api/webhooks/config"),
                     {{QStringLiteral("name"), QStringLiteral("bad")}, {QStringLiteral("url"), wanted.url()},
                         {QStringLiteral("eventTypes"), QJsonArray {QStringLiteral("voice.completed")}},
                         {QStringLiteral("filters"),
                             QJsonObject {{QStringLiteral("agents"), QStringLiteral("agent-456")}}}})
                     .status,
            400);

        QCOMPARE(postElevenLabs(server, voiceCompleted(QStringLiteral("CA77"), QStringLiteral("agent-456")))
                     .status,
            200);
        QTRY_COMPARE_WITH_TIMEOUT(wanted.received().size(), 1, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(unfiltered.received().size(), 1, 10000);
        QTest::qWait(300);
        QCOMPARE(other.received().size(), 0);
        QCOMPARE(QJsonDocument::fromJson(wanted.received().first().body)
                     .object()
                     .value(QStringLiteral("agent_id"))
                     .toString(),
            QStringLiteral("agent-456"));
    }
};

QTEST_GUILESS_MAIN(ApiGapsTest)
#include "tst_api_gaps.moc"
