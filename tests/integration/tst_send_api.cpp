// The send APIs over real HTTP against the fake Twilio on loopback: POST /api/twilio/send-sms queues
// one message whose single documented request reaches the fake, the SM sid comes back and a signed
// status callback moves the same message to delivered; Idempotency-Key repeats answer the first send;
// do-not-contact leads get 409 and nothing is sent; bad numbers 400; the external-service test endpoint.
#include "ProviderTestSupport.h"
#include "fakes/ChatFakes.h"
#include "fakes/SmsFakes.h"
#include "security/TwilioSignature.h"
#include "storage/LeadDirectory.h"
#include "storage/SqlWorker.h"

#include <QJsonArray>

using namespace sb;
using namespace sb::test;

namespace {

const QString accountSid = QStringLiteral("AC0123456789abcdef0123456789abcdef");
const QString authToken = QStringLiteral("twilio-send-token-0042");
const QString senderNumber = QStringLiteral("+14155550100");
const QString publicUrl = QStringLiteral("https://switchboard.example.test");
const QString sendPath = QStringLiteral("/api/twilio/send-sms");

std::function<void(RuntimeOptions &)> withFake(const FakeTwilio &fake)
{
    const auto base = fake.baseUrl();
    return [base](RuntimeOptions &options) {
        options.environment.insert(QStringLiteral("TWILIO_ACCOUNT_SID"), accountSid);
        options.environment.insert(QStringLiteral("TWILIO_AUTH_TOKEN"), authToken);
        options.environment.insert(QStringLiteral("TWILIO_PHONE_NUMBER"), senderNumber);
        options.environment.insert(QStringLiteral("TWILIO_API_BASE_URL"), base);
        options.environment.insert(QStringLiteral("SWITCHBOARD_OUTBOX_PACING"), QStringLiteral("0"));
        options.publicUrl = publicUrl;
    };
}

HttpReply send(TestServer &server, const QJsonObject &body, const QByteArray &idempotencyKey = {})
{
    QList<QPair<QByteArray, QByteArray>> headers {
        {"Content-Type", "application/json"}, {"X-API-Key", adminKey}};
    if (!idempotencyKey.isEmpty())
        headers.append({"Idempotency-Key", idempotencyKey});
    return request("POST", server.url(sendPath), QJsonDocument(body).toJson(QJsonDocument::Compact), headers);
}

} // namespace

class SendApiTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sendSmsThenDeliveredCallback()
    {
        FakeTwilio fake(accountSid, authToken);
        TestServer server(withFake(fake));
        QVERIFY2(server.started(), qPrintable(server.error()));
        const auto reply = send(server,
            QJsonObject {{QStringLiteral("to"), QStringLiteral("+14155550123")},
                {QStringLiteral("body"), QStringLiteral("Your test drive is confirmed")}});
        QCOMPARE(reply.status, 202);
        const auto messageId = reply.json().value(QStringLiteral("messageId")).toInteger();
        QVERIFY(messageId > 0);
        QCOMPARE(reply.json().value(QStringLiteral("status")).toString(), QStringLiteral("queued"));

        QTRY_COMPARE_WITH_TIMEOUT(fake.accepted().size(), 1, 10000);
        QVERIFY2(fake.violations().isEmpty(), qPrintable(fake.violations().join(u'\n')));
        const auto sent = fake.accepted().first();
        QCOMPARE(sent.to, QStringLiteral("+14155550123"));
        QCOMPARE(sent.from, senderNumber);
        QCOMPARE(sent.body, QStringLiteral("Your test drive is confirmed"));
        QCOMPARE(sent.statusCallback, publicUrl + QStringLiteral("/api/webhooks/twilio/sms/status"));

        Store store(server);
        QTRY_COMPARE_WITH_TIMEOUT(
            store.value(QStringLiteral("SELECT provider_message_id FROM messages WHERE id = ?"), {messageId})
                .toString(),
            sent.sid, 5000);
        QCOMPARE(
            store.value(QStringLiteral("SELECT status FROM messages WHERE id = ?"), {messageId}).toString(),
            QStringLiteral("queued"));
        QCOMPARE(store.value(QStringLiteral("SELECT status FROM outbox WHERE message_id = ?"), {messageId})
                     .toString(),
            QStringLiteral("sent"));

        // Twilio's status callback, signed with the auth token over the public URL.
        const QList<QPair<QString, QString>> fields {{QStringLiteral("MessageSid"), sent.sid},
            {QStringLiteral("AccountSid"), accountSid}, {QStringLiteral("From"), senderNumber},
            {QStringLiteral("To"), QStringLiteral("+14155550123")},
            {QStringLiteral("MessageStatus"), QStringLiteral("delivered")}};
        const auto path = QStringLiteral("/api/webhooks/twilio/sms/status");
        const auto callback = request("POST", server.url(path), formBody(fields),
            {{"Content-Type", "application/x-www-form-urlencoded"},
                {"X-Twilio-Signature",
                    TwilioSignature::sign(
                        authToken.toUtf8(), (publicUrl + path).toUtf8(), formFields(fields))}});
        QCOMPARE(callback.status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(
            store.value(QStringLiteral("SELECT status FROM messages WHERE id = ?"), {messageId}).toString(),
            QStringLiteral("delivered"), 5000);
        QCOMPARE(fake.requestCount(), 1);
    }

    void idempotencyKeyAnswersTheFirstSend()
    {
        FakeTwilio fake(accountSid, authToken);
        TestServer server(withFake(fake));
        QVERIFY2(server.started(), qPrintable(server.error()));
        const QJsonObject body {{QStringLiteral("to"), QStringLiteral("+14155550124")},
            {QStringLiteral("body"), QStringLiteral("only once")}};
        const auto first = send(server, body, "order-77");
        QCOMPARE(first.status, 202);
        QTRY_COMPARE_WITH_TIMEOUT(fake.accepted().size(), 1, 10000);
        const auto second = send(server, body, "order-77");
        QCOMPARE(second.status, 202);
        QCOMPARE(second.json().value(QStringLiteral("messageId")).toInteger(),
            first.json().value(QStringLiteral("messageId")).toInteger());
        QVERIFY(second.json().value(QStringLiteral("repeated")).toBool());
        // client_message_id does the same.
        auto withClientId = body;
        withClientId.insert(QStringLiteral("client_message_id"), QStringLiteral("order-77"));
        QCOMPARE(send(server, withClientId).json().value(QStringLiteral("messageId")).toInteger(),
            first.json().value(QStringLiteral("messageId")).toInteger());
        QTest::qWait(1000);
        QCOMPARE(fake.requestCount(), 1);
        Store store(server);
        QCOMPARE(store.value(QStringLiteral("SELECT COUNT(*) FROM outbox")).toInt(), 1);
    }

    void doNotContactAndBadNumbersAreRefused()
    {
        FakeTwilio fake(accountSid, authToken);
        TestServer server(withFake(fake));
        QVERIFY2(server.started(), qPrintable(server.error()));
        bool done = false;
        SqlJob job;
        job.run = [](SqlContext &context) -> ApiResult {
            const auto lead = LeadDirectory::forPhone(
                context, QStringLiteral("+14155550125"), QStringLiteral("test"), {});
            LeadDirectory::markDoNotContact(context, lead.id, QStringLiteral("STOP received"), {});
            return ApiResponse {};
        };
        job.replyContext = this;
        job.done = [&done](const ApiResult &) { done = true; };
        server.runtime().writer().submit(std::move(job));
        QTRY_VERIFY(done);

        const auto refused = send(server,
            QJsonObject {{QStringLiteral("to"), QStringLiteral("+14155550125")},
                {QStringLiteral("body"), QStringLiteral("hello?")}});
        QCOMPARE(refused.status, 409);
        QVERIFY2(refused.json()
                     .value(QStringLiteral("detail"))
                     .toString()
                     .contains(QStringLiteral("do-not-contact")),
            refused.body.constData());

        const auto bad = send(server,
            QJsonObject {{QStringLiteral("to"), QStringLiteral("555-0100")},
                {QStringLiteral("body"), QStringLiteral("x")}});
        QCOMPARE(bad.status, 400);
        QVERIFY(bad.json().value(QStringLiteral("detail")).toString().contains(QStringLiteral("E.164")));
        QCOMPARE(
            send(server, QJsonObject {{QStringLiteral("to"), QStringLiteral("+14155550126")}}).status, 400);

        QTest::qWait(800);
        QCOMPARE(fake.requestCount(), 0);
        Store store(server);
        QCOMPARE(
            store.value(QStringLiteral("SELECT COUNT(*) FROM messages WHERE direction = 'outbound'")).toInt(),
            0);
        QCOMPARE(store.value(QStringLiteral("SELECT COUNT(*) FROM outbox")).toInt(), 0);
    }

    void conversationSends()
    {
        FakeTwilio fake(accountSid, authToken);
        TestServer server(withFake(fake));
        QVERIFY2(server.started(), qPrintable(server.error()));
        const auto first = send(server,
            QJsonObject {{QStringLiteral("to"), QStringLiteral("+14155550130")},
                {QStringLiteral("body"), QStringLiteral("first")}});
        QCOMPARE(first.status, 202);
        const auto message = first.json().value(QStringLiteral("message")).toObject();
        const auto conversationId = message.value(QStringLiteral("conversationId")).toInteger();
        const auto leadId = message.value(QStringLiteral("leadId")).toInteger();
        QVERIFY(conversationId > 0 && leadId > 0);

        const auto reply
            = adminSend(server, "POST", QStringLiteral("/api/conversations/%1/messages").arg(conversationId),
                QJsonObject {{QStringLiteral("content"), QStringLiteral("second, in the thread")}});
        QCOMPARE(reply.status, 202);
        QCOMPARE(reply.json()
                     .value(QStringLiteral("message"))
                     .toObject()
                     .value(QStringLiteral("conversationId"))
                     .toInteger(),
            conversationId);
        const auto created = adminSend(server, "POST", QStringLiteral("/api/conversations"),
            QJsonObject {{QStringLiteral("leadId"), leadId},
                {QStringLiteral("channel"), QStringLiteral("sms")},
                {QStringLiteral("content"), QStringLiteral("third, new conversation call")}});
        QCOMPARE(created.status, 202);
        QTRY_COMPARE_WITH_TIMEOUT(fake.accepted().size(), 3, 10000);
        QVERIFY2(fake.violations().isEmpty(), qPrintable(fake.violations().join(u'\n')));
        QStringList bodies;
        for (const auto &sent : fake.accepted()) {
            QCOMPARE(sent.to, QStringLiteral("+14155550130"));
            bodies.append(sent.body);
        }
        bodies.sort();
        QCOMPARE(bodies,
            (QStringList {QStringLiteral("first"), QStringLiteral("second, in the thread"),
                QStringLiteral("third, new conversation call")}));
        QCOMPARE(adminSend(server, "POST", QStringLiteral("/api/conversations/9999/messages"),
                     QJsonObject {{QStringLiteral("content"), QStringLiteral("x")}})
                     .status,
            404);
        QCOMPARE(adminSend(server, "POST", QStringLiteral("/api/conversations"),
                     QJsonObject {{QStringLiteral("leadId"), leadId},
                         {QStringLiteral("channel"), QStringLiteral("fax")},
                         {QStringLiteral("content"), QStringLiteral("x")}})
                     .status,
            400);
    }

    void chatPostAboutALead()
    {
        FakeTwilio fake(accountSid, authToken);
        FakeSlack slack;
        TestServer server(withFake(fake));
        QVERIFY2(server.started(), qPrintable(server.error()));
        const auto service
            = adminSend(server, "POST", QStringLiteral("/api/communications/external-services/"),
                QJsonObject {{QStringLiteral("name"), QStringLiteral("Sales channel")},
                    {QStringLiteral("service_type"), QStringLiteral("chat")},
                    {QStringLiteral("provider"), QStringLiteral("slack")},
                    {QStringLiteral("config"),
                        QJsonObject {{QStringLiteral("webhook_url"), slack.webhookUrl()}}}});
        QCOMPARE(service.status, 201);
        const auto first = send(server,
            QJsonObject {{QStringLiteral("to"), QStringLiteral("+14155550140")},
                {QStringLiteral("body"), QStringLiteral("hello")}});
        QCOMPARE(first.status, 202);
        const auto leadId = first.json()
                                .value(QStringLiteral("message"))
                                .toObject()
                                .value(QStringLiteral("leadId"))
                                .toInteger();
        const auto posted = adminSend(server, "POST", QStringLiteral("/api/conversations"),
            QJsonObject {{QStringLiteral("leadId"), leadId},
                {QStringLiteral("channel"), QStringLiteral("chat")},
                {QStringLiteral("content"), QStringLiteral("Wants a demo on Tuesday")}});
        QCOMPARE(posted.status, 202);
        const auto message = posted.json().value(QStringLiteral("message")).toObject();
        QCOMPARE(message.value(QStringLiteral("channel")).toString(), QStringLiteral("chat"));
        QCOMPARE(message.value(QStringLiteral("to")).toString(), QString());
        QTRY_COMPARE_WITH_TIMEOUT(slack.accepted().size(), 1, 10000);
        QVERIFY2(slack.violations().isEmpty(), qPrintable(slack.violations().join(u'\n')));
        const auto text = QJsonDocument::fromJson(slack.accepted().first().body)
                              .object()
                              .value(QStringLiteral("text"))
                              .toString();
        QVERIFY2(text.contains(QStringLiteral("Lead #%1").arg(leadId))
                && text.contains(QStringLiteral("+14155550140"))
                && text.contains(QStringLiteral("Wants a demo on Tuesday")),
            qPrintable(text));
        // The lead never got it: one SMS only.
        QCOMPARE(fake.requestCount(), 1);
        // Push has no address on a lead.
        const auto push = adminSend(server, "POST", QStringLiteral("/api/conversations"),
            QJsonObject {{QStringLiteral("leadId"), leadId},
                {QStringLiteral("channel"), QStringLiteral("push")},
                {QStringLiteral("content"), QStringLiteral("x")}});
        QCOMPARE(push.status, 400);
    }

    void testEndpointSendsOnce()
    {
        FakeTwilio fake(accountSid, authToken);
        TestServer server(withFake(fake));
        QVERIFY2(server.started(), qPrintable(server.error()));
        const auto created
            = adminSend(server, "POST", QStringLiteral("/api/communications/external-services/"),
                QJsonObject {{QStringLiteral("name"), QStringLiteral("Main SMS")},
                    {QStringLiteral("service_type"), QStringLiteral("sms")},
                    {QStringLiteral("provider"), QStringLiteral("twilio")},
                    {QStringLiteral("config"),
                        QJsonObject {{QStringLiteral("account_sid"), accountSid},
                            {QStringLiteral("auth_token"), authToken},
                            {QStringLiteral("from_number"), senderNumber},
                            {QStringLiteral("base_url"), fake.baseUrl()}}}});
        QCOMPARE(created.status, 201);
        const auto id = created.json().value(QStringLiteral("id")).toInteger();
        const auto path = QStringLiteral("/api/communications/external-services/%1/test").arg(id);
        const auto ok = adminSend(server, "POST", path,
            QJsonObject {{QStringLiteral("recipient"), QStringLiteral("+14155550127")},
                {QStringLiteral("content"), QStringLiteral("Test from Switchboard")}});
        QCOMPARE(ok.status, 200);
        QVERIFY2(ok.json().value(QStringLiteral("success")).toBool(), ok.body.constData());
        QCOMPARE(ok.json().value(QStringLiteral("status_code")).toInt(), 201);
        QCOMPARE(fake.accepted().size(), 1);
        QCOMPARE(
            ok.json().value(QStringLiteral("provider_message_id")).toString(), fake.accepted().first().sid);

        const auto refused = adminSend(server, "POST", path,
            QJsonObject {{QStringLiteral("recipient"), QStringLiteral("+1")},
                {QStringLiteral("content"), QStringLiteral("bad")}});
        QCOMPARE(refused.status, 200);
        QVERIFY(!refused.json().value(QStringLiteral("success")).toBool());
        QCOMPARE(refused.json().value(QStringLiteral("error_code")).toString(), QStringLiteral("21211"));
        QVERIFY(!refused.body.contains(authToken.toUtf8()));

        QCOMPARE(adminSend(server, "POST", QStringLiteral("/api/communications/external-services/999/test"),
                     QJsonObject {{QStringLiteral("recipient"), QStringLiteral("+14155550127")},
                         {QStringLiteral("content"), QStringLiteral("x")}})
                     .status,
            404);
    }
};

QTEST_GUILESS_MAIN(SendApiTest)
#include "tst_send_api.moc"
