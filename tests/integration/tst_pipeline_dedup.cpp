// Deduplication done by the request pipeline for every provider: the same callback twice is applied
// once, recorded `duplicate` the second time and answered with the provider's acknowledgement (TwiML
// for Twilio, the provider envelope for Mailgun, SignalWire and ElevenLabs, the first answer again
// for the CRM within its 24 h window).
#include "ProviderTestSupport.h"
#include "security/TwilioSignature.h"

#include <QJsonArray>

using namespace sb;
using namespace sb::test;

namespace {

const QByteArray twilioToken = "dedup-twilio-token";

void providers(RuntimeOptions &options)
{
    options.environment.insert(QStringLiteral("TWILIO_AUTH_TOKEN"), QString::fromLatin1(twilioToken));
    options.environment.insert(
        QStringLiteral("TWILIO_SMS_AUTO_REPLY"), QStringLiteral("Thanks {first_name}!"));
    options.acceptUnverified
        = {QStringLiteral("mailgun"), QStringLiteral("signalwire"), QStringLiteral("elevenlabs")};
}

HttpReply postTwilio(TestServer &server, const QString &path, const QList<QPair<QString, QString>> &fields)
{
    const auto url = server.url(path);
    return request("POST", url, formBody(fields),
        {{"Content-Type", "application/x-www-form-urlencoded"},
            {"X-Twilio-Signature", TwilioSignature::sign(twilioToken, url.toEncoded(), formFields(fields))}});
}

HttpReply postJson(TestServer &server, const QString &path, const QJsonObject &body)
{
    return request("POST", server.url(path), QJsonDocument(body).toJson(QJsonDocument::Compact),
        {{"Content-Type", "application/json"}});
}

QString statusOf(Store &store, const QString &path, int nth)
{
    return store
        .value(QStringLiteral(
                   "SELECT status FROM inbound_requests WHERE path = ? ORDER BY seq LIMIT 1 OFFSET ?"),
            {path, nth})
        .toString();
}

} // namespace

class TestPipelineDedup : public QObject
{
    Q_OBJECT
private slots:
    void twilioRepeatGetsEmptyTwimlAndIsAppliedOnce()
    {
        TestServer server(providers);
        QVERIFY2(server.started(), qPrintable(server.error()));
        const auto path = QStringLiteral("/api/webhooks/twilio/sms");
        const QList<QPair<QString, QString>> sms {{QStringLiteral("MessageSid"), QStringLiteral("SMdedup1")},
            {QStringLiteral("From"), QStringLiteral("+14155550177")},
            {QStringLiteral("To"), QStringLiteral("+15005550006")},
            {QStringLiteral("Body"), QStringLiteral("hello")}};
        const auto first = postTwilio(server, path, sms);
        QCOMPARE(first.status, 200);
        QVERIFY2(first.body.contains("<Message>Thanks there!</Message>"), first.body.constData());
        const auto again = postTwilio(server, path, sms);
        QCOMPARE(again.status, 200);
        QCOMPARE(again.header("Content-Type"), QByteArray("application/xml"));
        QCOMPARE(again.body, QByteArray("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>"));
        Store store(server);
        QCOMPARE(store.count(QStringLiteral("messages")), 1);
        QCOMPARE(statusOf(store, path, 0), QStringLiteral("processed"));
        QCOMPARE(statusOf(store, path, 1), QStringLiteral("duplicate"));
        QCOMPARE(
            store.value(QStringLiteral("SELECT dedup_key FROM inbound_requests WHERE status = 'duplicate'"))
                .toString(),
            QStringLiteral("twilio:sms:SMdedup1"));

        // The same MessageSid without the From its handler requires is refused, not taken for a repeat.
        auto incomplete = sms;
        incomplete.removeAt(1);
        const auto refused = postTwilio(server, path, incomplete);
        QCOMPARE(refused.status, 400);
        QCOMPARE(refused.json().value(QStringLiteral("error")).toString(),
            QStringLiteral("missing form field MessageSid and From"));
        QCOMPARE(statusOf(store, path, 2), QStringLiteral("rejected"));
    }

    void mailgunSignalWireAndElevenLabsRepeatsGetTheEnvelope()
    {
        TestServer server(providers);
        QVERIFY2(server.started(), qPrintable(server.error()));
        const QByteArray envelope = R"({"message":"Webhook received and processed","success":true})";

        const auto mailPath = QStringLiteral("/api/webhooks/mailgun/inbound");
        const auto mail = formBody({{QStringLiteral("sender"), QStringLiteral("buyer@example.com")},
            {QStringLiteral("recipient"), QStringLiteral("sales@example.com")},
            {QStringLiteral("subject"), QStringLiteral("Quote")},
            {QStringLiteral("body-plain"), QStringLiteral("Hello")},
            {QStringLiteral("Message-Id"), QStringLiteral("<dedup@example.com>")}});
        const QList<QPair<QByteArray, QByteArray>> form {
            {"Content-Type", "application/x-www-form-urlencoded"}};
        QCOMPARE(request("POST", server.url(mailPath), mail, form).status, 200);
        const auto mailAgain = request("POST", server.url(mailPath), mail, form);
        QCOMPARE(mailAgain.status, 200);
        QCOMPARE(mailAgain.body, envelope);

        const auto swPath = QStringLiteral("/api/webhooks/signalwire");
        const QJsonObject call {{QStringLiteral("event_type"), QStringLiteral("call.created")},
            {QStringLiteral("call_id"), QStringLiteral("sw-dedup")},
            {QStringLiteral("state"), QStringLiteral("created")},
            {QStringLiteral("direction"), QStringLiteral("inbound")},
            {QStringLiteral("from"), QStringLiteral("+14155550178")},
            {QStringLiteral("to"), QStringLiteral("+15005550006")}};
        QCOMPARE(postJson(server, swPath, call).status, 200);
        const auto swAgain = postJson(server, swPath, call);
        QCOMPARE(swAgain.status, 200);
        QCOMPARE(swAgain.body, envelope);

        const auto elPath = QStringLiteral("/api/webhooks/elevenlabs/conversation-events");
        const QJsonObject turn {{QStringLiteral("type"), QStringLiteral("agent.speaking")},
            {QStringLiteral("conversation_id"), QStringLiteral("conv_dedup")},
            {QStringLiteral("event_id"), QStringLiteral("e1")}};
        QCOMPARE(postJson(server, elPath, turn).status, 200);
        const auto elAgain = postJson(server, elPath, turn);
        QCOMPARE(elAgain.status, 200);
        QCOMPARE(elAgain.body, envelope);

        Store store(server);
        QCOMPARE(store.count(QStringLiteral("messages")), 1);
        QCOMPARE(store.count(QStringLiteral("calls"), QStringLiteral("provider = 'signalwire'")), 1);
        for (const auto &path : {mailPath, swPath, elPath}) {
            QCOMPARE(statusOf(store, path, 0), QStringLiteral("processed"));
            QCOMPARE(statusOf(store, path, 1), QStringLiteral("duplicate"));
        }
    }

    void crmRepeatGetsTheFirstAnswerAgain() // the 24 h window itself: tst_crm
    {
        TestServer server;
        QVERIFY2(server.started(), qPrintable(server.error()));
        const auto path = QStringLiteral("/api/v1/webhooks/incoming/lead/create");
        const QJsonObject lead {{QStringLiteral("event"), QStringLiteral("new_lead")},
            {QStringLiteral("data"),
                QJsonObject {{QStringLiteral("first_name"), QStringLiteral("Ada")},
                    {QStringLiteral("phone"), QStringLiteral("+14155550179")}}}};
        const auto first = postCrm(server, path, lead);
        QCOMPARE(first.status, 200);
        const auto again = postCrm(server, path, lead);
        QCOMPARE(again.status, first.status);
        QCOMPARE(again.body, first.body);
        Store store(server);
        QCOMPARE(store.count(QStringLiteral("leads")), 1);
        QCOMPARE(statusOf(store, path, 0), QStringLiteral("processed"));
        QCOMPARE(statusOf(store, path, 1), QStringLiteral("duplicate"));
    }
};

QTEST_MAIN(TestPipelineDedup)
#include "tst_pipeline_dedup.moc"
