// POST /api/elevenlabs/outbound-call over real HTTP against the fake ElevenLabs on loopback: the
// call is queued through the outbox and appears at once in the lead's voice thread; ElevenLabs'
// documented request carries the lead and the recent history as dynamic variables; the accepted
// call takes ElevenLabs' conversation_id so the post-call webhook fills the same row;
// do-not-contact leads get 409 and nothing is sent; a refused call is marked failed.
#include "ProviderTestSupport.h"
#include "fakes/SmsFakes.h"
#include "security/ElevenLabsSignature.h"
#include "storage/LeadDirectory.h"
#include "storage/MessagingRepository.h"
#include "storage/SqlWorker.h"

#include <QJsonArray>

using namespace sb;
using namespace sb::test;

namespace {

const QString apiKey = QStringLiteral("xi-test-key-0042");
const QString agentId = QStringLiteral("agent_env_01");
const QString phoneNumberId = QStringLiteral("phnum_env_01");
const QByteArray webhookSecret = "wsec_outbound_call";
const QString callPath = QStringLiteral("/api/elevenlabs/outbound-call");

std::function<void(RuntimeOptions &)> withFake(const FakeElevenLabs &fake)
{
    const auto base = fake.baseUrl();
    return [base](RuntimeOptions &options) {
        options.environment.insert(QStringLiteral("ELEVENLABS_API_KEY"), apiKey);
        options.environment.insert(QStringLiteral("ELEVENLABS_AGENT_ID"), agentId);
        options.environment.insert(QStringLiteral("ELEVENLABS_AGENT_PHONE_NUMBER_ID"), phoneNumberId);
        options.environment.insert(QStringLiteral("ELEVENLABS_API_BASE_URL"), base);
        options.environment.insert(
            QStringLiteral("ELEVENLABS_WEBHOOK_SECRET"), QString::fromLatin1(webhookSecret));
        options.environment.insert(QStringLiteral("SWITCHBOARD_OUTBOX_PACING"), QStringLiteral("0"));
    };
}

HttpReply placeCall(TestServer &server, const QJsonObject &body, bool admin = true)
{
    QList<QPair<QByteArray, QByteArray>> headers {{"Content-Type", "application/json"}};
    if (admin)
        headers.append({"X-API-Key", adminKey});
    return request("POST", server.url(callPath), QJsonDocument(body).toJson(QJsonDocument::Compact), headers);
}

// Runs `work` on the writer and waits for it.
void onWriter(TestServer &server, QObject *context, std::function<void(SqlContext &)> work)
{
    bool done = false;
    SqlJob job;
    job.run = [work](SqlContext &c) -> ApiResult {
        work(c);
        return ApiResponse {};
    };
    job.replyContext = context;
    job.done = [&done](const ApiResult &) { done = true; };
    server.runtime().writer().submit(std::move(job));
    QTRY_VERIFY(done);
}

QByteArray postCall(const QString &conversation, const QString &number, const QString &callSid)
{
    return QStringLiteral(
        R"({"type":"post_call_transcription","event_timestamp":1739537297,"data":{)"
        R"("agent_id":"agent_env_01","conversation_id":"%1","status":"done",)"
        R"("transcript":[{"role":"agent","message":"Hi Ada, this is Jack."},{"role":"user","message":"Saturday works."}],)"
        R"("metadata":{"start_time_unix_secs":1739537000,"call_duration_secs":42,)"
        R"("phone_call":{"direction":"outbound","external_number":"%2","agent_number":"+18005551234","call_sid":"%3"}},)"
        R"("analysis":{"transcript_summary":"Test drive booked for Saturday."}}})")
        .arg(conversation, number, callSid)
        .toUtf8();
}

} // namespace

class OutboundCallTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void callQueuedSentAndFilledByPostCall()
    {
        FakeElevenLabs fake(apiKey);
        TestServer server(withFake(fake));
        QVERIFY2(server.started(), qPrintable(server.error()));
        qint64 leadId = 0;
        onWriter(server, this, [&leadId](SqlContext &context) {
            leadId
                = LeadDirectory::forPhone(context, QStringLiteral("+14155550177"), QStringLiteral("test"), {})
                      .id;
            context.run(
                QStringLiteral("UPDATE leads SET first_name = 'Ada', last_name = 'Lovelace' WHERE id = ?"),
                {leadId});
            NewMessage earlier;
            earlier.leadId = leadId;
            earlier.channel = Channel::Sms;
            earlier.direction = Direction::Inbound;
            earlier.provider = QStringLiteral("twilio");
            earlier.providerMessageId = QStringLiteral("SM-earlier");
            earlier.from = QStringLiteral("+14155550177");
            earlier.body = QStringLiteral("Is the blue one still available?");
            MessagingRepository::addMessage(context, earlier);
        });

        // No admin key: refused, nothing queued.
        QCOMPARE(placeCall(server, QJsonObject {{QStringLiteral("leadId"), leadId}}, false).status, 401);

        const auto reply = placeCall(server,
            QJsonObject {{QStringLiteral("leadId"), leadId},
                {QStringLiteral("dynamicVariables"),
                    QJsonObject {{QStringLiteral("offer"), QStringLiteral("10% off")}}}});
        QCOMPARE(reply.status, 202);
        const auto answer = reply.json();
        const auto callId = answer.value(QStringLiteral("callId")).toInteger();
        QVERIFY(callId > 0);
        QCOMPARE(answer.value(QStringLiteral("status")).toString(), QStringLiteral("queued"));
        QCOMPARE(
            answer.value(QStringLiteral("call")).toObject().value(QStringLiteral("to_number")).toString(),
            QStringLiteral("+14155550177"));

        QTRY_COMPARE_WITH_TIMEOUT(fake.accepted().size(), 1, 10000);
        QVERIFY2(fake.violations().isEmpty(), qPrintable(fake.violations().join(u'\n')));
        const auto sent = fake.accepted().first();
        QCOMPARE(sent.toNumber, QStringLiteral("+14155550177"));
        QCOMPARE(sent.agentId, agentId);
        QCOMPARE(sent.agentPhoneNumberId, phoneNumberId);
        QCOMPARE(sent.dynamicVariables.value(QStringLiteral("first_name")).toString(), QStringLiteral("Ada"));
        QCOMPARE(sent.dynamicVariables.value(QStringLiteral("lead_name")).toString(),
            QStringLiteral("Ada Lovelace"));
        QCOMPARE(sent.dynamicVariables.value(QStringLiteral("lead_id")).toString(), QString::number(leadId));
        QCOMPARE(sent.dynamicVariables.value(QStringLiteral("offer")).toString(), QStringLiteral("10% off"));
        QVERIFY2(sent.dynamicVariables.value(QStringLiteral("recent_history"))
                     .toString()
                     .contains(QStringLiteral("Is the blue one still available?")),
            qPrintable(sent.dynamicVariables.value(QStringLiteral("recent_history")).toString()));

        // The same row now carries ElevenLabs' conversation id and is initiated, in the voice thread.
        Store store(server);
        QTRY_COMPARE_WITH_TIMEOUT(
            store.value(QStringLiteral("SELECT call_ref FROM calls WHERE id = ?"), {callId}).toString(),
            sent.conversationId, 5000);
        QCOMPARE(store.value(QStringLiteral("SELECT status FROM calls WHERE id = ?"), {callId}).toString(),
            QStringLiteral("initiated"));
        QCOMPARE(store
                     .value(QStringLiteral("SELECT c.channel FROM calls k JOIN conversations c ON c.id = "
                                           "k.conversation_id WHERE k.id = ?"),
                         {callId})
                     .toString(),
            QStringLiteral("voice"));
        QCOMPARE(store.value(QStringLiteral("SELECT status FROM outbox")).toString(), QStringLiteral("sent"));

        // The post-call webhook fills that call; no second row.
        const auto body = postCall(sent.conversationId, sent.toNumber, sent.callSid);
        const auto posted
            = request("POST", server.url(QStringLiteral("/api/webhooks/elevenlabs/post-call")), body,
                {qMakePair(QByteArray("Content-Type"), QByteArray("application/json")),
                    qMakePair(QByteArray("ElevenLabs-Signature"),
                        ElevenLabsSignature::sign(webhookSecret, nowSeconds(), body))});
        QCOMPARE(posted.status, 200);
        QCOMPARE(store.value(QStringLiteral("SELECT COUNT(*) FROM calls")).toInt(), 1);
        QCOMPARE(store.value(QStringLiteral("SELECT status FROM calls WHERE id = ?"), {callId}).toString(),
            QStringLiteral("completed"));
        QCOMPARE(
            store.value(QStringLiteral("SELECT duration_seconds FROM calls WHERE id = ?"), {callId}).toInt(),
            42);
        QCOMPARE(store.value(QStringLiteral("SELECT summary FROM calls WHERE id = ?"), {callId}).toString(),
            QStringLiteral("Test drive booked for Saturday."));
    }

    void numberCreatesLeadAndAgentOverrides()
    {
        FakeElevenLabs fake(apiKey);
        TestServer server(withFake(fake));
        QVERIFY2(server.started(), qPrintable(server.error()));
        const auto reply = placeCall(server,
            QJsonObject {{QStringLiteral("toNumber"), QStringLiteral("+14155550178")},
                {QStringLiteral("agentId"), QStringLiteral("agent_other")},
                {QStringLiteral("agentPhoneNumberId"), QStringLiteral("phnum_other")}});
        QCOMPARE(reply.status, 202);
        const auto leadId = reply.json().value(QStringLiteral("leadId")).toInteger();
        QVERIFY(leadId > 0);
        QTRY_COMPARE_WITH_TIMEOUT(fake.accepted().size(), 1, 10000);
        QVERIFY2(fake.violations().isEmpty(), qPrintable(fake.violations().join(u'\n')));
        QCOMPARE(fake.accepted().first().agentId, QStringLiteral("agent_other"));
        QCOMPARE(fake.accepted().first().agentPhoneNumberId, QStringLiteral("phnum_other"));
        Store store(server);
        QCOMPARE(
            store.value(QStringLiteral("SELECT phone_e164 FROM leads WHERE id = ?"), {leadId}).toString(),
            QStringLiteral("+14155550178"));
    }

    void doNotContactAndBadInputAreRefused()
    {
        FakeElevenLabs fake(apiKey);
        TestServer server(withFake(fake));
        QVERIFY2(server.started(), qPrintable(server.error()));
        qint64 leadId = 0;
        onWriter(server, this, [&leadId](SqlContext &context) {
            leadId
                = LeadDirectory::forPhone(context, QStringLiteral("+14155550179"), QStringLiteral("test"), {})
                      .id;
            LeadDirectory::markDoNotContact(context, leadId, QStringLiteral("asked not to be called"), {});
        });
        const auto byId = placeCall(server, QJsonObject {{QStringLiteral("leadId"), leadId}});
        QCOMPARE(byId.status, 409);
        QVERIFY2(
            byId.json().value(QStringLiteral("detail")).toString().contains(QStringLiteral("do-not-contact")),
            byId.body.constData());
        QCOMPARE(placeCall(server, QJsonObject {{QStringLiteral("toNumber"), QStringLiteral("+14155550179")}})
                     .status,
            409);
        QCOMPARE(placeCall(server, QJsonObject {}).status, 400);
        QCOMPARE(
            placeCall(server, QJsonObject {{QStringLiteral("toNumber"), QStringLiteral("555-0100")}}).status,
            400);
        QCOMPARE(placeCall(server,
                     QJsonObject {{QStringLiteral("toNumber"), QStringLiteral("+14155550180")},
                         {QStringLiteral("dynamicVariables"),
                             QJsonObject {{QStringLiteral("nested"), QJsonObject {}}}}})
                     .status,
            400);
        QCOMPARE(placeCall(server, QJsonObject {{QStringLiteral("leadId"), 999999}}).status, 404);
        QTest::qWait(500);
        QCOMPARE(fake.accepted().size(), 0);
        Store store(server);
        QCOMPARE(store.value(QStringLiteral("SELECT COUNT(*) FROM outbox")).toInt(), 0);
        QCOMPARE(store.value(QStringLiteral("SELECT COUNT(*) FROM calls")).toInt(), 0);
    }

    void refusedCallIsMarkedFailed()
    {
        FakeElevenLabs fake(apiKey);
        fake.answerNextCallFailed(QStringLiteral("Agent phone number is not configured"));
        TestServer server(withFake(fake));
        QVERIFY2(server.started(), qPrintable(server.error()));
        const auto reply
            = placeCall(server, QJsonObject {{QStringLiteral("toNumber"), QStringLiteral("+14155550181")}});
        QCOMPARE(reply.status, 202);
        const auto callId = reply.json().value(QStringLiteral("callId")).toInteger();
        Store store(server);
        QTRY_COMPARE_WITH_TIMEOUT(
            store.value(QStringLiteral("SELECT status FROM calls WHERE id = ?"), {callId}).toString(),
            QStringLiteral("failed"), 10000);
        QVERIFY2(fake.violations().isEmpty(), qPrintable(fake.violations().join(u'\n')));
        QCOMPARE(
            store.value(QStringLiteral("SELECT status FROM outbox")).toString(), QStringLiteral("failed"));
        QVERIFY(store.value(QStringLiteral("SELECT error_message FROM messages WHERE channel = 'voice'"))
                    .toString()
                    .contains(QStringLiteral("Agent phone number is not configured")));
    }
};

QTEST_GUILESS_MAIN(OutboundCallTest)
#include "tst_outbound_call.moc"
