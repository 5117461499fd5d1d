// Post-call analysis (issue 14, 6c) against the fake OpenAI-compatible server: a signed ElevenLabs
// post_call_transcription stores the transcript, then (after the commit) the AI is asked in JSON mode
// with the prompt and the transcript only; the validated answer is stored in ai_analyses, logged in
// ai_calls, feeds the lead's score (sentiment_negative) and the negative_sentiment handover rule, and
// shows on GET /api/calls/{id}. A malformed answer is asked once more, then stored as an error. Calls
// stored while no AI was configured are analysed at the next start.
#include "ProviderTestSupport.h"
#include "fakes/EmailFakes.h"
#include "fakes/OpenAiFake.h"
#include "security/ElevenLabsSignature.h"
#include "security/MailgunSignature.h"
#include "security/TwilioSignature.h"

#include <QJsonArray>
#include <QTemporaryDir>

using namespace sb;
using namespace sb::test;

namespace {

const QByteArray secret = "wsec_elevenlabs_analysis";
const QByteArray twilioToken = "twilio-intent-token-4410";
const QByteArray mailgunKey = "key-mailgun-analysis";

const QString negativeAnswer = QStringLiteral(
    R"({"sentiment":"negative","sentimentScore":-0.7,"keyPhrases":["late delivery","refund"],)"
    R"("actionItems":["call back about the refund","check the delivery date"],"followUp":"Call tomorrow morning."})");

std::function<void(RuntimeOptions &)> options(const FakeOpenAi *fake)
{
    return [fake](RuntimeOptions &options) {
        options.environment.insert(QStringLiteral("ELEVENLABS_WEBHOOK_SECRET"), QString::fromLatin1(secret));
        options.environment.insert(QStringLiteral("TWILIO_AUTH_TOKEN"), QString::fromLatin1(twilioToken));
        options.environment.insert(
            QStringLiteral("MAILGUN_WEBHOOK_SIGNING_KEY"), QString::fromLatin1(mailgunKey));
        options.environment.insert(QStringLiteral("SWITCHBOARD_OUTBOX_PACING"), QStringLiteral("0"));
        if (fake) {
            options.environment.insert(QStringLiteral("OPENAI_API_KEY"), fake->apiKey());
            options.environment.insert(QStringLiteral("OPENAI_BASE_URL"), fake->baseUrl());
            options.environment.insert(QStringLiteral("SWITCHBOARD_AI_MODEL"), fake->model());
        }
    };
}

HttpReply postCall(TestServer &server, const QString &conversation, const QString &phone, const QString &said)
{
    const auto body = QStringLiteral(
        R"({"type":"post_call_transcription","event_timestamp":1739537297,"data":{)"
        R"("agent_id":"agent_01","conversation_id":"%1","status":"done",)"
        R"("transcript":[{"role":"agent","message":"Hello, how can I help?"},)"
        R"({"role":"user","message":"%3"}],)"
        R"("metadata":{"start_time_unix_secs":1739537000,"call_duration_secs":97,)"
        R"("phone_call":{"direction":"inbound","external_number":"%2","agent_number":"+18005551234"}},)"
        R"("analysis":{"transcript_summary":"s"}}})")
                          .arg(conversation, phone, said)
                          .toUtf8();
    return request("POST", server.url(QStringLiteral("/api/webhooks/elevenlabs/post-call")), body,
        {{"Content-Type", "application/json"},
            {"ElevenLabs-Signature", ElevenLabsSignature::sign(secret, nowSeconds(), body)}});
}

HttpReply inboundSms(TestServer &server, const QString &sid, const QString &from, const QString &body)
{
    const QList<QPair<QString, QString>> fields {{QStringLiteral("MessageSid"), sid},
        {QStringLiteral("AccountSid"), QStringLiteral("AC123")}, {QStringLiteral("From"), from},
        {QStringLiteral("To"), QStringLiteral("+15005550006")}, {QStringLiteral("Body"), body},
        {QStringLiteral("NumMedia"), QStringLiteral("0")},
        {QStringLiteral("SmsStatus"), QStringLiteral("received")}};
    const auto url = server.url(QStringLiteral("/api/webhooks/twilio/sms"));
    return request("POST", url, formBody(fields),
        {{"Content-Type", "application/x-www-form-urlencoded"},
            {"X-Twilio-Signature", TwilioSignature::sign(twilioToken, url.toEncoded(), formFields(fields))}});
}

HttpReply inboundMail(TestServer &server, const QString &from, const QString &subject, const QString &text)
{
    const auto ts = QByteArray::number(nowSeconds());
    const auto token = QStringLiteral("token-analysis-1");
    const QList<QPair<QString, QString>> fields {{QStringLiteral("sender"), from},
        {QStringLiteral("from"), QStringLiteral("Mia <%1>").arg(from)},
        {QStringLiteral("recipient"), QStringLiteral("sales@switchboard.test")},
        {QStringLiteral("subject"), subject}, {QStringLiteral("body-plain"), text},
        {QStringLiteral("stripped-text"), text},
        {QStringLiteral("Message-Id"), QStringLiteral("<long-1@example.com>")},
        {QStringLiteral("timestamp"), QString::fromLatin1(ts)}, {QStringLiteral("token"), token},
        {QStringLiteral("signature"),
            QString::fromLatin1(MailgunSignature::sign(mailgunKey, ts, token.toUtf8()))}};
    return request("POST", server.url(QStringLiteral("/api/webhooks/mailgun/inbound")), formBody(fields),
        {{"Content-Type", "application/x-www-form-urlencoded"}});
}

qint64 apiLead(TestServer &server, const QString &first, const QString &phone)
{
    const auto reply = adminSend(server, "POST", QStringLiteral("/api/leads"),
        QJsonObject {{QStringLiteral("first_name"), first},
            {QStringLiteral("last_name"), QStringLiteral("Caller")}, {QStringLiteral("phone"), phone}});
    if (reply.status != 201)
        qWarning("lead not created: %d %s", reply.status, reply.body.constData());
    return reply.json().value(QStringLiteral("id")).toInteger();
}

QStringList reasonRules(TestServer &server, qint64 lead)
{
    QStringList texts;
    for (const auto &reason : adminGet(server, QStringLiteral("/api/leads/%1").arg(lead))
                                  .json()
                                  .value(QStringLiteral("scoreReasons"))
                                  .toArray())
        texts.append(reason.toObject().value(QStringLiteral("reason")).toString());
    return texts;
}

} // namespace

class TestCallAnalysis : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void negativeCallIsAnalysedScoredAndHandedOver()
    {
        FakeOpenAi fake;
        fake.setReply(negativeAnswer);
        TestServer server(options(&fake));
        QVERIFY2(server.started(), qPrintable(server.error()));
        BusEvents events(server.runtime().bus());
        const QString phone = QStringLiteral("+14155550151");
        const auto lead = apiLead(server, QStringLiteral("Noor"), phone);
        QVERIFY(lead > 0);
        QCOMPARE(postCall(server, QStringLiteral("conv_neg_1"), phone,
                     QStringLiteral("My delivery is late and I want a refund"))
                     .status,
            200);
        Store store(server);
        const auto callId
            = store.value(QStringLiteral("SELECT id FROM calls WHERE call_ref = 'conv_neg_1'")).toLongLong();
        QVERIFY(callId > 0);

        // The AI was asked once, in JSON mode, with the prompt and the transcript.
        QTRY_COMPARE_WITH_TIMEOUT(fake.accepted().size(), 1, 10000);
        QVERIFY2(fake.violations().isEmpty(), qPrintable(fake.violations().join(QLatin1Char('\n'))));
        const auto asked = QJsonDocument::fromJson(fake.accepted().first().body).object();
        QCOMPARE(asked.value(QStringLiteral("model")).toString(), fake.model());
        QCOMPARE(asked.value(QStringLiteral("stream")).toBool(true), false);
        QCOMPARE(asked.value(QStringLiteral("response_format"))
                     .toObject()
                     .value(QStringLiteral("type"))
                     .toString(),
            QStringLiteral("json_object"));
        const auto messages = asked.value(QStringLiteral("messages")).toArray();
        QCOMPARE(messages.size(), 2);
        QCOMPARE(messages[0].toObject().value(QStringLiteral("role")).toString(), QStringLiteral("system"));
        QVERIFY(messages[0]
                    .toObject()
                    .value(QStringLiteral("content"))
                    .toString()
                    .contains(QStringLiteral("sentimentScore")));
        const auto user = messages[1].toObject().value(QStringLiteral("content")).toString();
        QVERIFY2(user.contains(QStringLiteral("My delivery is late and I want a refund")), qPrintable(user));
        QVERIFY(!user.contains(phone)); // only what the analysis needs

        QTRY_COMPARE_WITH_TIMEOUT(store.count(QStringLiteral("ai_analyses")), qint64(1), 10000);
        const auto row = store.row(QStringLiteral("SELECT * FROM ai_analyses"));
        QCOMPARE(row.value(QStringLiteral("subject_kind")).toString(), QStringLiteral("call"));
        QCOMPARE(row.value(QStringLiteral("subject_id")).toLongLong(), callId);
        QCOMPARE(row.value(QStringLiteral("lead_id")).toLongLong(), lead);
        QCOMPARE(row.value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
        QCOMPARE(row.value(QStringLiteral("sentiment")).toString(), QStringLiteral("negative"));
        QCOMPARE(row.value(QStringLiteral("sentiment_score")).toDouble(), -0.7);
        QCOMPARE(row.value(QStringLiteral("action_items")).toString(),
            QStringLiteral(R"(["call back about the refund","check the delivery date"])"));
        QCOMPARE(row.value(QStringLiteral("model")).toString(), fake.model());
        QCOMPARE(
            store.count(QStringLiteral("ai_calls"), QStringLiteral("purpose = 'analyse_call'")), qint64(1));
        QTRY_COMPARE(events.count(QStringLiteral("analysis.completed")), 1);

        // The score counts the sentiment; the negative_sentiment rule opened a handover.
        QVERIFY(reasonRules(server, lead)
                    .contains(QStringLiteral("the latest AI analysis of a call or email is negative")));
        QCOMPARE(store.count(QStringLiteral("handovers"),
                     QStringLiteral("rule = 'negative_sentiment' AND state = 'open'")),
            qint64(1));
        QCOMPARE(store.value(QStringLiteral("SELECT lead_id FROM handovers")).toLongLong(), lead);
        QTRY_COMPARE(events.count(QStringLiteral("conversation.handover")), 1);

        // The call's JSON carries the analysis.
        const auto call = adminGet(server, QStringLiteral("/api/calls/%1").arg(callId));
        QCOMPARE(call.status, 200);
        const auto analysis = call.json().value(QStringLiteral("analysis")).toObject();
        QCOMPARE(analysis.value(QStringLiteral("sentiment")).toString(), QStringLiteral("negative"));
        QCOMPARE(analysis.value(QStringLiteral("actionItems")).toArray().size(), 2);
        QCOMPARE(
            analysis.value(QStringLiteral("followUp")).toString(), QStringLiteral("Call tomorrow morning."));
        QCOMPARE(adminGet(server, QStringLiteral("/api/calls/999999")).status, 404);

        // Erasure of the lead takes its analyses and handovers with it.
        QCOMPARE(
            adminSend(server, "DELETE", QStringLiteral("/api/leads/%1?purge=true").arg(lead)).status, 200);
        QCOMPARE(store.count(QStringLiteral("ai_analyses")), qint64(0));
        QCOMPARE(store.count(QStringLiteral("handovers")), qint64(0));
    }

    void malformedAnswerIsAskedOnceMoreThenStoredAsError()
    {
        FakeOpenAi fake;
        fake.setReply(QStringLiteral(R"({"sentiment":"furious","sentimentScore":3})"));
        TestServer server(options(&fake));
        QVERIFY2(server.started(), qPrintable(server.error()));
        const QString phone = QStringLiteral("+14155550152");
        QVERIFY(apiLead(server, QStringLiteral("Ola"), phone) > 0);
        QCOMPARE(postCall(server, QStringLiteral("conv_bad_1"), phone, QStringLiteral("Hmm")).status, 200);
        Store store(server);
        QTRY_COMPARE_WITH_TIMEOUT(store.count(QStringLiteral("ai_analyses")), qint64(1), 10000);
        QCOMPARE(fake.accepted().size(), 2);
        const auto row = store.row(QStringLiteral("SELECT * FROM ai_analyses"));
        QCOMPARE(row.value(QStringLiteral("status")).toString(), QStringLiteral("error"));
        QVERIFY2(row.value(QStringLiteral("error"))
                     .toString()
                     .contains(QStringLiteral("sentiment must be one of")),
            qPrintable(row.value(QStringLiteral("error")).toString()));
        QVERIFY(row.value(QStringLiteral("sentiment")).isNull());
        QCOMPARE(
            store.count(QStringLiteral("ai_calls"), QStringLiteral("purpose = 'analyse_call'")), qint64(2));
        QCOMPARE(store.count(QStringLiteral("handovers")), qint64(0));
        QTest::qWait(300);
        QCOMPARE(fake.accepted().size(), 2); // not asked a third time
    }

    // ai_intent (off by default): once enabled, each inbound message is judged by the AI after the
    // commit; {"handover": true} opens a handover with the AI's reason.
    void aiIntentOpensAHandoverWhenEnabled()
    {
        FakeOpenAi fake;
        fake.setReply(
            QStringLiteral(R"({"handover":true,"reason":"The customer wants to negotiate a contract."})"));
        TestServer server(options(&fake));
        QVERIFY2(server.started(), qPrintable(server.error()));
        const QString phone = QStringLiteral("+14155550154");
        const auto lead = apiLead(server, QStringLiteral("Ivo"), phone);
        Store store(server);
        // Disabled: the AI is not asked.
        QCOMPARE(inboundSms(server, QStringLiteral("SMint0001"), phone,
                     QStringLiteral("Could we sign for two years?"))
                     .status,
            200);
        QTest::qWait(300);
        QCOMPARE(fake.received().size(), 0);
        QCOMPARE(store.count(QStringLiteral("handovers")), qint64(0));

        const auto enabled = adminSend(server, "PUT", QStringLiteral("/api/handovers/rules"),
            QJsonObject {{QStringLiteral("rules"),
                QJsonArray {QJsonObject {{QStringLiteral("id"), QStringLiteral("ai_intent")},
                    {QStringLiteral("enabled"), true}}}}});
        QCOMPARE(enabled.status, 200);
        QCOMPARE(inboundSms(server, QStringLiteral("SMint0002"), phone,
                     QStringLiteral("And with a rebate for volume?"))
                     .status,
            200);
        QTRY_COMPARE_WITH_TIMEOUT(store.count(QStringLiteral("handovers")), qint64(1), 10000);
        QCOMPARE(fake.accepted().size(), 1);
        QVERIFY(fake.violations().isEmpty());
        const auto asked = QJsonDocument::fromJson(fake.accepted().first().body).object();
        QCOMPARE(asked.value(QStringLiteral("response_format"))
                     .toObject()
                     .value(QStringLiteral("type"))
                     .toString(),
            QStringLiteral("json_object"));
        const auto user = asked.value(QStringLiteral("messages"))
                              .toArray()
                              .last()
                              .toObject()
                              .value(QStringLiteral("content"))
                              .toString();
        QVERIFY2(user.contains(QStringLiteral("Customer: And with a rebate for volume?")), qPrintable(user));
        const auto row = store.row(QStringLiteral("SELECT * FROM handovers"));
        QCOMPARE(row.value(QStringLiteral("rule")).toString(), QStringLiteral("ai_intent"));
        QCOMPARE(row.value(QStringLiteral("reason")).toString(),
            QStringLiteral("AI: The customer wants to negotiate a contract."));
        QCOMPARE(row.value(QStringLiteral("lead_id")).toLongLong(), lead);
        QCOMPARE(store.count(QStringLiteral("ai_calls"), QStringLiteral("purpose = 'handover_intent'")),
            qint64(1));
        // While it is open, the AI is not asked again.
        QCOMPARE(
            inboundSms(server, QStringLiteral("SMint0003"), phone, QStringLiteral("Hello?")).status, 200);
        QTest::qWait(300);
        QCOMPARE(fake.accepted().size(), 1);
    }

    // A long inbound email is analysed like a call; its negative sentiment opens a handover, and the
    // rep is told by email through the fake Mailgun (which checks the documented request).
    void longEmailIsAnalysedAndTheRepIsEmailed()
    {
        FakeOpenAi fake;
        fake.setReply(negativeAnswer);
        FakeMailgun mailgun;
        TestServer server(options(&fake));
        QVERIFY2(server.started(), qPrintable(server.error()));
        const auto service
            = adminSend(server, "POST", QStringLiteral("/api/communications/external-services/"),
                QJsonObject {{QStringLiteral("name"), QStringLiteral("Mail")},
                    {QStringLiteral("service_type"), QStringLiteral("email")},
                    {QStringLiteral("provider"), QStringLiteral("mailgun")},
                    {QStringLiteral("config"),
                        QJsonObject {{QStringLiteral("api_key"), mailgun.apiKey()},
                            {QStringLiteral("domain"), mailgun.domain()},
                            {QStringLiteral("from_email"), QStringLiteral("sales@mg.example.com")},
                            {QStringLiteral("base_url"), mailgun.baseUrl()}}}});
        QCOMPARE(service.status, 201);
        const auto settings = adminSend(server, "PUT", QStringLiteral("/api/handovers/rules"),
            QJsonObject {{QStringLiteral("settings"),
                QJsonObject {{QStringLiteral("notify"), QStringLiteral("email")},
                    {QStringLiteral("repEmail"), QStringLiteral("rep@example.com")},
                    {QStringLiteral("serviceId"), service.json().value(QStringLiteral("id"))}}}});
        QCOMPARE(settings.status, 200);

        // A short email is not analysed; a long one is.
        QString text = QStringLiteral("Hello, my order arrived broken for the second time this month. ");
        while (text.size() <= 1000)
            text += QStringLiteral("I am really disappointed with how this was handled. ");
        QCOMPARE(inboundMail(server, QStringLiteral("mia@example.com"), QStringLiteral("Broken again"), text)
                     .status,
            200);
        Store store(server);
        QCOMPARE(store.count(QStringLiteral("handovers")), qint64(0)); // no rule matched at ingest
        QTRY_COMPARE_WITH_TIMEOUT(store.count(QStringLiteral("ai_analyses")), qint64(1), 10000);
        QCOMPARE(store.value(QStringLiteral("SELECT subject_kind FROM ai_analyses")).toString(),
            QStringLiteral("message"));
        const auto user = QJsonDocument::fromJson(fake.accepted().first().body)
                              .object()
                              .value(QStringLiteral("messages"))
                              .toArray()
                              .last()
                              .toObject()
                              .value(QStringLiteral("content"))
                              .toString();
        QVERIFY(user.contains(QStringLiteral("Subject: Broken again")));
        QVERIFY(!user.contains(QStringLiteral("mia@example.com")));
        QCOMPARE(
            store.count(QStringLiteral("ai_calls"), QStringLiteral("purpose = 'analyse_email'")), qint64(1));
        QCOMPARE(store.count(QStringLiteral("handovers"), QStringLiteral("rule = 'negative_sentiment'")),
            qint64(1));
        QCOMPARE(store.value(QStringLiteral("SELECT notified_via FROM handovers")).toString(),
            QStringLiteral("email"));
        QTRY_COMPARE_WITH_TIMEOUT(mailgun.accepted().size(), 1, 10000);
        QVERIFY2(mailgun.violations().isEmpty(), qPrintable(mailgun.violations().join(QLatin1Char('\n'))));
        QCOMPARE(FakeMailgun::field(mailgun.accepted().first(), QStringLiteral("to")),
            QStringLiteral("rep@example.com"));
        QVERIFY(FakeMailgun::field(mailgun.accepted().first(), QStringLiteral("subject"))
                    .startsWith(QStringLiteral("Handover")));
        QCOMPARE(fake.accepted().size(), 1);
    }

    void callsWithoutAnalysisAreAnalysedAtStart()
    {
        FakeOpenAi fake;
        fake.setReply(QStringLiteral(
            R"({"sentiment":"positive","sentimentScore":0.8,"keyPhrases":["demo"],"actionItems":[],"followUp":""})"));
        QTemporaryDir dir;
        const QString phone = QStringLiteral("+14155550153");
        {
            TestServer server(options(nullptr), nullptr, {}, dir.path());
            QVERIFY2(server.started(), qPrintable(server.error()));
            QVERIFY(apiLead(server, QStringLiteral("Rae"), phone) > 0);
            QCOMPARE(postCall(server, QStringLiteral("conv_later_1"), phone,
                         QStringLiteral("Great, book the demo"))
                         .status,
                200);
            QTest::qWait(200);
            Store store(server);
            QCOMPARE(store.count(QStringLiteral("ai_analyses")), qint64(0));
        }
        TestServer server(options(&fake), nullptr, {}, dir.path());
        QVERIFY2(server.started(), qPrintable(server.error()));
        Store store(server);
        QTRY_COMPARE_WITH_TIMEOUT(
            store.count(QStringLiteral("ai_analyses"), QStringLiteral("status = 'ok'")), qint64(1), 10000);
        QCOMPARE(store.value(QStringLiteral("SELECT sentiment FROM ai_analyses")).toString(),
            QStringLiteral("positive"));
        QCOMPARE(fake.accepted().size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestCallAnalysis)
#include "tst_call_analysis.moc"
