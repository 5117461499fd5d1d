// ElevenLabs over real HTTP: ElevenLabs-Signature (t=,v0=) with the 30-minute window judged at
// arrival, per-endpoint secrets of seed 003, post-call transcripts into calls, conversation events,
// and the conversation-initiation answer with the caller's lead and history.
#include "ProviderTestSupport.h"
#include "security/ElevenLabsSignature.h"

#include <QJsonArray>

using namespace sb;
using namespace sb::test;

namespace {

const QByteArray secret = "wsec_elevenlabs_test";
const QString base = QStringLiteral("/api/webhooks/elevenlabs");

void withSecret(RuntimeOptions &options)
{
    options.environment.insert(QStringLiteral("ELEVENLABS_WEBHOOK_SECRET"), QString::fromLatin1(secret));
}

HttpReply postSigned(TestServer &server, const QString &path, const QByteArray &body,
    qint64 timestamp = nowSeconds(), const QByteArray &key = secret, QByteArray sent = {})
{
    return request("POST", server.url(path), sent.isEmpty() ? body : sent,
        {qMakePair(QByteArray("Content-Type"), QByteArray("application/json")),
            qMakePair(QByteArray("ElevenLabs-Signature"), ElevenLabsSignature::sign(key, timestamp, body))});
}

QByteArray postCall(const QString &conversation)
{
    return QStringLiteral(
        R"({"type":"post_call_transcription","event_timestamp":1739537297,"data":{)"
        R"("agent_id":"agent_01","conversation_id":"%1","status":"done",)"
        R"("transcript":[{"role":"agent","message":"Hi, this is Jack."},{"role":"user","message":"I want a test drive."}],)"
        R"("metadata":{"start_time_unix_secs":1739537000,"call_duration_secs":97,)"
        R"("phone_call":{"direction":"inbound","external_number":"+14155550155","agent_number":"+18005551234","call_sid":"CA9"}},)"
        R"("analysis":{"transcript_summary":"Caller wants a test drive on Saturday."}}})")
        .arg(conversation)
        .toUtf8();
}

} // namespace

class TestElevenLabs : public QObject
{
    Q_OBJECT
private slots:
    void postCallStoresTranscriptAndRaisesConversationCompleted()
    {
        TestServer server(withSecret);
        QVERIFY(server.started());
        BusEvents events(server.runtime().bus());
        const QString path = base + QStringLiteral("/post-call");
        QCOMPARE(postSigned(server, path, postCall(QStringLiteral("conv_1"))).status, 200);
        QCOMPARE(postSigned(server, path, postCall(QStringLiteral("conv_1"))).status, 200); // retry
        Store store(server);
        const auto call = store.row(QStringLiteral("SELECT * FROM calls WHERE provider = 'elevenlabs'"));
        QCOMPARE(call.value(QStringLiteral("call_ref")).toString(), QStringLiteral("conv_1"));
        QCOMPARE(call.value(QStringLiteral("duration_seconds")).toInt(), 97);
        QCOMPARE(call.value(QStringLiteral("summary")).toString(),
            QStringLiteral("Caller wants a test drive on Saturday."));
        QVERIFY(call.value(QStringLiteral("transcript"))
                    .toString()
                    .contains(QStringLiteral("user: I want a test drive.")));
        QCOMPARE(store.count(QStringLiteral("inbound_requests"), QStringLiteral("status = 'duplicate'")), 1);
        QTRY_COMPARE(events.count(QStringLiteral("conversation.completed")), 1);
    }

    void staleTamperedMissingAndPerEndpointSecrets()
    {
        TestServer server(withSecret);
        QVERIFY(server.started());
        const QString path = base + QStringLiteral("/post-call");
        const auto body = postCall(QStringLiteral("conv_2"));
        QCOMPARE(postSigned(server, path, body, nowSeconds() - 31 * 60).status, 401);
        auto tampered = body;
        tampered.replace("Saturday", "Sunday!!");
        QCOMPARE(postSigned(server, path, body, nowSeconds(), secret, tampered).status, 401);
        Store store(server);
        QVERIFY(
            store.lastInbound(path).value(QStringLiteral("string_to_sign")).toByteArray().contains("conv_2"));
        QCOMPARE(store.count(QStringLiteral("calls")), 0);

        TestServer bare;
        QVERIFY(bare.started());
        const auto missing = postSigned(bare, path, body);
        QCOMPARE(missing.status, 401);
        QVERIFY(missing.json()
                    .value(QStringLiteral("error"))
                    .toString()
                    .contains(QStringLiteral("ELEVENLABS_POST_CALL_WEBHOOK_SECRET")));

        // Seed 003: each endpoint may have its own secret; it wins over the general one.
        TestServer specific([](RuntimeOptions &options) {
            withSecret(options);
            options.environment.insert(
                QStringLiteral("ELEVENLABS_POST_CALL_WEBHOOK_SECRET"), QStringLiteral("whsec_post"));
        });
        QVERIFY(specific.started());
        QCOMPARE(postSigned(specific, path, body).status, 401);
        QCOMPARE(postSigned(specific, path, body, nowSeconds(), "whsec_post").status, 200);
    }

    void genericAndConversationEvents()
    {
        TestServer server(withSecret);
        QVERIFY(server.started());
        BusEvents events(server.runtime().bus());
        const QByteArray seed
            = R"({"event_type":"voice.completed","timestamp":"2023-07-29T15:05:00Z","voice_id":"voice-123",)"
              R"("agent_id":"agent-456","call_id":"CA123456789abcdef","duration":15.5,)"
              R"("metadata":{"campaignId":"campaign-123","contactId":42}})";
        auto reply = postSigned(server, base, seed);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json().value(QStringLiteral("message")).toString(),
            QStringLiteral("Webhook received and processed"));
        QCOMPARE(postSigned(server, base, seed).status, 200);
        const QString eventsPath = base + QStringLiteral("/conversation-events");
        QCOMPARE(
            postSigned(server, eventsPath, R"({"type":"conversation_started","conversation_id":"conv_3"})")
                .status,
            200);
        QCOMPARE(postSigned(server, eventsPath,
                     R"({"type":"agent_speaking","conversation_id":"conv_3","event_id":"e1"})")
                     .status,
            200);
        QCOMPARE(postSigned(server, eventsPath,
                     R"({"type":"agent_speaking","conversation_id":"conv_3","event_id":"e2"})")
                     .status,
            200);
        QTRY_COMPARE(events.count(QStringLiteral("agent.speaking")), 2);
        QCOMPARE(events.count(QStringLiteral("voice.completed")), 1);
        QCOMPARE(events.count(QStringLiteral("conversation.started")), 1);
        Store store(server);
        QCOMPARE(store.count(QStringLiteral("inbound_requests"), QStringLiteral("status = 'duplicate'")), 1);
    }

    void initiationAnswersWithTheCallersContext()
    {
        TestServer server([](RuntimeOptions &options) {
            withSecret(options);
            options.environment.insert(
                QStringLiteral("ELEVENLABS_INITIATION_HEADER"), QStringLiteral("X-Init-Key"));
            options.environment.insert(
                QStringLiteral("ELEVENLABS_INITIATION_SECRET"), QStringLiteral("init-secret"));
        });
        QVERIFY(server.started());
        // History first: a post-call for this caller.
        QCOMPARE(postSigned(server, base + QStringLiteral("/post-call"), postCall(QStringLiteral("conv_4")))
                     .status,
            200);
        const QString path = base + QStringLiteral("/conversation-initiation");
        const QByteArray body
            = R"({"caller_id":"+14155550155","agent_id":"agent_01","called_number":"+18005551234","call_sid":"CA77"})";
        const auto reply = request("POST", server.url(path), body,
            {qMakePair(QByteArray("Content-Type"), QByteArray("application/json")),
                qMakePair(QByteArray("X-Init-Key"), QByteArray("init-secret"))});
        QCOMPARE(reply.status, 200);
        const auto answer = reply.json();
        QCOMPARE(answer.value(QStringLiteral("type")).toString(),
            QStringLiteral("conversation_initiation_client_data"));
        const auto variables = answer.value(QStringLiteral("dynamic_variables")).toObject();
        QCOMPARE(variables.value(QStringLiteral("caller_id")).toString(), QStringLiteral("+14155550155"));
        QVERIFY(!variables.value(QStringLiteral("lead_id")).toString().isEmpty());
        QVERIFY2(variables.value(QStringLiteral("recent_history"))
                     .toString()
                     .contains(QStringLiteral("test drive")),
            qPrintable(variables.value(QStringLiteral("recent_history")).toString()));
        QCOMPARE(request("POST", server.url(path), body,
                     {qMakePair(QByteArray("Content-Type"), QByteArray("application/json")),
                         qMakePair(QByteArray("X-Init-Key"), QByteArray("wrong"))})
                     .status,
            401);
        // Signed the webhook way instead: accepted too.
        QCOMPARE(postSigned(server, path, body).status, 200);

        TestServer bare;
        QVERIFY(bare.started());
        QCOMPARE(request("POST", bare.url(path), body,
                     {qMakePair(QByteArray("Content-Type"), QByteArray("application/json"))})
                     .status,
            401);
    }

    void replayIsJudgedAsOfArrival()
    {
        TestServer server;
        QVERIFY(server.started());
        const QString path = base + QStringLiteral("/post-call");
        // Signed 29:59 before arrival: inside the 30-minute window then, outside it 2.5 s later
        // when the replay runs, were it judged by the wall clock.
        QCOMPARE(
            postSigned(server, path, postCall(QStringLiteral("conv_5")), nowSeconds() - 30 * 60 + 1).status,
            401);
        Store store(server);
        const auto original = store.lastInbound(path).value(QStringLiteral("id")).toString();
        server.runtime().secrets().set(
            QStringLiteral("ELEVENLABS_WEBHOOK_SECRET"), QString::fromLatin1(secret));
        QTest::qWait(2500);
        const auto replay
            = adminSend(server, "POST", QStringLiteral("/api/webhooks/inbound/%1/replay").arg(original));
        QCOMPARE(replay.status, 200);
        QCOMPARE(replay.json()
                     .value(QStringLiteral("replay"))
                     .toObject()
                     .value(QStringLiteral("status"))
                     .toString(),
            QStringLiteral("processed"));
        QCOMPARE(store.count(QStringLiteral("calls")), 1);
    }
};

QTEST_GUILESS_MAIN(TestElevenLabs)
#include "tst_elevenlabs.moc"
