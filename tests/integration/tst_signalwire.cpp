// SignalWire over real HTTP: JSON events (hex HMAC-SHA1 of URL + body) and compatibility form
// callbacks (Twilio's algorithm with the signing key), dedup by call id + state, IP allowlist.
#include "ProviderTestSupport.h"
#include "security/SignalWireSignature.h"
#include "security/TwilioSignature.h"

using namespace sb;
using namespace sb::test;

namespace {

const QByteArray signingKey = "PSK_signalwire_test";
const QString path = QStringLiteral("/api/webhooks/signalwire");

void withKey(RuntimeOptions &options)
{
    options.environment.insert(QStringLiteral("SIGNALWIRE_SIGNING_KEY"), QString::fromLatin1(signingKey));
}

QByteArray callEvent(const QString &type, const QString &state)
{
    return QStringLiteral(
        R"({"event_type":"%1","timestamp":"2023-07-29T15:00:00Z","call_id":"CA123456789abcdef",)"
        R"("direction":"outbound","from":"+18005551234","to":"+14155550111","state":"%2",)"
        R"("metadata":{"campaignId":"campaign-123","contactId":42}})")
        .arg(type, state)
        .toUtf8();
}

HttpReply postJson(TestServer &server, const QByteArray &body, QString signedUrl = {}, QByteArray sent = {})
{
    if (signedUrl.isEmpty())
        signedUrl = server.url(path).toString();
    return request("POST", server.url(path), sent.isEmpty() ? body : sent,
        {qMakePair(QByteArray("Content-Type"), QByteArray("application/json")),
            qMakePair(QByteArray("X-SignalWire-Signature"),
                SignalWireSignature::signJson(signingKey, signedUrl.toUtf8(), body))});
}

} // namespace

class TestSignalWire : public QObject
{
    Q_OBJECT
private slots:
    void jsonCallEventsKeepTheCall()
    {
        TestServer server(withKey);
        QVERIFY(server.started());
        BusEvents events(server.runtime().bus());
        auto reply = postJson(server, callEvent(QStringLiteral("call.created"), QStringLiteral("created")));
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json(),
            QJsonObject({{QStringLiteral("success"), true},
                {QStringLiteral("message"), QStringLiteral("Webhook received and processed")}}));
        QCOMPARE(
            postJson(server, callEvent(QStringLiteral("call.answered"), QStringLiteral("answered"))).status,
            200);
        QCOMPARE(
            postJson(server, callEvent(QStringLiteral("call.completed"), QStringLiteral("ended"))).status,
            200);
        QCOMPARE(
            postJson(server, callEvent(QStringLiteral("call.completed"), QStringLiteral("ended"))).status,
            200);
        Store store(server);
        QCOMPARE(
            store.value(QStringLiteral("SELECT status FROM calls WHERE provider = 'signalwire'")).toString(),
            QStringLiteral("completed"));
        QCOMPARE(store.count(QStringLiteral("inbound_requests"), QStringLiteral("status = 'duplicate'")), 1);
        QCOMPARE(store.value(QStringLiteral("SELECT phone_e164 FROM leads")).toString(),
            QStringLiteral("+14155550111"));
        QTRY_COMPARE(events.count(QStringLiteral("call.completed")), 1);
        QCOMPARE(events.count(QStringLiteral("call.created")), 1);
        QCOMPARE(events.count(QStringLiteral("call.answered")), 1);
        // The seed's metadata.campaignId reaches the payload (configs filter on it).
        const auto index = events.types.indexOf(QStringLiteral("call.completed"));
        QCOMPARE(events.payloads[index].value(QStringLiteral("campaignId")).toString(),
            QStringLiteral("campaign-123"));
    }

    void compatibilityFormIsTwilioShaped()
    {
        TestServer server(withKey);
        QVERIFY(server.started());
        const QList<QPair<QString, QString>> fields {{QStringLiteral("MessageSid"), QStringLiteral("SMsw1")},
            {QStringLiteral("From"), QStringLiteral("+14155550122")},
            {QStringLiteral("To"), QStringLiteral("+18005551234")},
            {QStringLiteral("Body"), QStringLiteral("hello from laml")},
            {QStringLiteral("SmsStatus"), QStringLiteral("received")}};
        const auto reply = request("POST", server.url(path), formBody(fields),
            {qMakePair(QByteArray("Content-Type"), QByteArray("application/x-www-form-urlencoded")),
                qMakePair(QByteArray("X-SignalWire-Signature"),
                    TwilioSignature::sign(
                        signingKey, server.url(path).toString().toUtf8(), formFields(fields)))});
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.header("Content-Type"), QByteArray("application/xml"));
        Store store(server);
        QCOMPARE(store.value(QStringLiteral("SELECT provider FROM messages")).toString(),
            QStringLiteral("signalwire"));
    }

    void tamperedWrongUrlMissingSecretAndAllowlist()
    {
        TestServer server(withKey);
        QVERIFY(server.started());
        const auto body = callEvent(QStringLiteral("call.created"), QStringLiteral("created"));
        auto tampered = body;
        tampered.replace("outbound", "inbound!");
        QCOMPARE(postJson(server, body, {}, tampered).status, 401);
        QCOMPARE(
            postJson(server, body, QStringLiteral("https://elsewhere.example.com/api/webhooks/signalwire"))
                .status,
            401);
        Store store(server);
        QCOMPARE(store.count(QStringLiteral("calls")), 0);

        TestServer bare;
        QVERIFY(bare.started());
        const auto missing = postJson(bare, body);
        QCOMPARE(missing.status, 401);
        QVERIFY(missing.json()
                    .value(QStringLiteral("error"))
                    .toString()
                    .contains(QStringLiteral("SIGNALWIRE_SIGNING_KEY")));

        TestServer fenced([](RuntimeOptions &options) {
            withKey(options);
            options.environment.insert(
                QStringLiteral("SIGNALWIRE_ALLOWED_IPS"), QStringLiteral("10.0.0.0/8"));
        });
        QVERIFY(fenced.started());
        QCOMPARE(postJson(fenced, body).status, 403);
        TestServer open([](RuntimeOptions &options) {
            withKey(options);
            options.environment.insert(
                QStringLiteral("SIGNALWIRE_ALLOWED_IPS"), QStringLiteral("127.0.0.0/8,::1"));
        });
        QVERIFY(open.started());
        QCOMPARE(postJson(open, body).status, 200);
    }
    void formCallbacksAreUrlencodedOnly()
    {
        TestServer server(withKey);
        QVERIFY(server.started());
        Store store(server);
        const QList<QPair<QString, QString>> fields {{QStringLiteral("CallSid"), QStringLiteral("CAsw9")},
            {QStringLiteral("CallStatus"), QStringLiteral("completed")},
            {QStringLiteral("From"), QStringLiteral("+14155550122")},
            {QStringLiteral("To"), QStringLiteral("+18005551234")}};
        const auto signature
            = TwilioSignature::sign(signingKey, server.url(path).toString().toUtf8(), formFields(fields));
        // The signed fields as multipart parts, an attacker's call in the preamble: 415.
        const auto body
            = multipartBody(fields, "sw", "CallSid=CAforged&CallStatus=completed&From=%2B14155550666&x=\r\n");
        auto reply = request("POST", server.url(path), body,
            {qMakePair(QByteArray("Content-Type"), QByteArray("multipart/form-data; boundary=sw")),
                qMakePair(QByteArray("X-SignalWire-Signature"), signature)});
        QCOMPARE(reply.status, 415);
        QVERIFY(reply.json()
                    .value(QStringLiteral("error"))
                    .toString()
                    .contains(QStringLiteral("application/json for RELAY")));
        reply = request("POST", server.url(path), formBody(fields),
            {qMakePair(QByteArray("Content-Type"), QByteArray("text/plain")),
                qMakePair(QByteArray("X-SignalWire-Signature"), signature)});
        QCOMPARE(reply.status, 415);
        QCOMPARE(store.count(QStringLiteral("calls")), 0);
        QCOMPARE(store.count(QStringLiteral("inbound_requests"), QStringLiteral("status = 'processed'")), 0);
        // A malformed signature header is refused before the body is parsed.
        reply = request("POST", server.url(path), formBody(fields),
            {qMakePair(QByteArray("Content-Type"), QByteArray("application/x-www-form-urlencoded")),
                qMakePair(QByteArray("X-SignalWire-Signature"), QByteArray("zz"))});
        QCOMPARE(reply.status, 401);
        QVERIFY(reply.json()
                    .value(QStringLiteral("error"))
                    .toString()
                    .contains(QStringLiteral("neither 40 hex digits")));
        // The same fields urlencoded: accepted, and JSON callbacks still are.
        reply = request("POST", server.url(path), formBody(fields),
            {qMakePair(QByteArray("Content-Type"), QByteArray("application/x-www-form-urlencoded")),
                qMakePair(QByteArray("X-SignalWire-Signature"), signature)});
        QCOMPARE(reply.status, 200);
        QCOMPARE(
            postJson(server, callEvent(QStringLiteral("call.created"), QStringLiteral("created"))).status,
            200);
        QCOMPARE(store.count(QStringLiteral("calls")), 2);
        QCOMPARE(store.count(QStringLiteral("calls"), QStringLiteral("call_ref = 'CAforged'")), 0);
    }
};

QTEST_GUILESS_MAIN(TestSignalWire)
#include "tst_signalwire.moc"
