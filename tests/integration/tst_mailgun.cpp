// Mailgun over real HTTP: inbound mail (urlencoded and multipart with attachments) and event
// webhooks, HMAC-SHA256 of timestamp+token, freshness judged at arrival, dedup, do-not-contact.
#include "ProviderTestSupport.h"
#include "security/MailgunSignature.h"

#include <QJsonArray>

using namespace sb;
using namespace sb::test;

namespace {

const QByteArray key = "key-mailgun-test";
const QString inboundPath = QStringLiteral("/api/webhooks/mailgun/inbound");
const QString eventsPath = QStringLiteral("/api/webhooks/mailgun/events");

void withKey(RuntimeOptions &options)
{
    options.environment.insert(QStringLiteral("MAILGUN_WEBHOOK_SIGNING_KEY"), QString::fromLatin1(key));
}

QList<QPair<QString, QString>> signedFields(
    QList<QPair<QString, QString>> fields, qint64 timestamp, const QString &token)
{
    const auto ts = QByteArray::number(timestamp);
    fields.append({QStringLiteral("timestamp"), QString::fromLatin1(ts)});
    fields.append({QStringLiteral("token"), token});
    fields.append(
        {QStringLiteral("signature"), QString::fromLatin1(MailgunSignature::sign(key, ts, token.toUtf8()))});
    return fields;
}

QList<QPair<QString, QString>> mail(const QString &messageId, qint64 timestamp = nowSeconds())
{
    return signedFields(
        {{QStringLiteral("sender"), QStringLiteral("Jane.Doe@Example.com")},
            {QStringLiteral("from"), QStringLiteral("Jane Doe <Jane.Doe@Example.com>")},
            {QStringLiteral("recipient"), QStringLiteral("sales@switchboard.test")},
            {QStringLiteral("subject"), QStringLiteral("Quote for 20 seats")},
            {QStringLiteral("body-plain"), QStringLiteral("Hello,\nplease send a quote.\n> quoted")},
            {QStringLiteral("stripped-text"), QStringLiteral("Hello,\nplease send a quote.")},
            {QStringLiteral("Message-Id"), messageId}},
        timestamp, QStringLiteral("token-") + messageId);
}

HttpReply postForm(TestServer &server, const QList<QPair<QString, QString>> &fields, QByteArray body = {})
{
    return request("POST", server.url(inboundPath), body.isEmpty() ? formBody(fields) : body,
        {qMakePair(QByteArray("Content-Type"), QByteArray("application/x-www-form-urlencoded"))});
}

QByteArray multipart(const QList<QPair<QString, QString>> &fields, const QByteArray &boundary)
{
    QByteArray body;
    for (const auto &[name, value] : fields)
        body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name.toUtf8() + "\"\r\n\r\n"
            + value.toUtf8() + "\r\n";
    body += "--" + boundary
        + "\r\nContent-Disposition: form-data; name=\"attachment-1\"; filename=\"specs.pdf\"\r\n"
          "Content-Type: application/pdf\r\n\r\n%PDF-1.4 fake\r\n";
    body += "--" + boundary + "--\r\n";
    return body;
}

QJsonObject mailgunEvent(const QString &id, const QString &type, qint64 timestamp = nowSeconds(),
    const QString &recipient = QStringLiteral("buyer@example.com"))
{
    const auto ts = QByteArray::number(timestamp);
    const QString token = QStringLiteral("tok-") + id;
    QJsonObject signature;
    signature.insert(QStringLiteral("timestamp"), QString::fromLatin1(ts));
    signature.insert(QStringLiteral("token"), token);
    signature.insert(
        QStringLiteral("signature"), QString::fromLatin1(MailgunSignature::sign(key, ts, token.toUtf8())));
    QJsonObject headers;
    headers.insert(QStringLiteral("message-id"), QStringLiteral("20240101.abc@mg.switchboard.test"));
    headers.insert(QStringLiteral("subject"), QStringLiteral("Your quote"));
    QJsonObject status;
    status.insert(QStringLiteral("code"), 550);
    status.insert(QStringLiteral("description"), QStringLiteral("No such mailbox"));
    QJsonObject data;
    data.insert(QStringLiteral("id"), id);
    data.insert(QStringLiteral("event"), type);
    data.insert(QStringLiteral("severity"), QStringLiteral("permanent"));
    data.insert(QStringLiteral("recipient"), recipient);
    data.insert(QStringLiteral("delivery-status"), status);
    data.insert(QStringLiteral("message"), QJsonObject {{QStringLiteral("headers"), headers}});
    QJsonObject body;
    body.insert(QStringLiteral("signature"), signature);
    body.insert(QStringLiteral("event-data"), data);
    return body;
}

HttpReply postEvent(TestServer &server, const QJsonObject &body)
{
    return request("POST", server.url(eventsPath), QJsonDocument(body).toJson(QJsonDocument::Compact),
        {qMakePair(QByteArray("Content-Type"), QByteArray("application/json"))});
}

} // namespace

class TestMailgun : public QObject
{
    Q_OBJECT
private slots:
    void inboundMailThreadsIntoTheLeadsEmailConversation()
    {
        TestServer server(withKey);
        QVERIFY(server.started());
        BusEvents events(server.runtime().bus());
        const auto reply = postForm(server, mail(QStringLiteral("<m1@example.com>")));
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json().value(QStringLiteral("success")).toBool(), true);
        Store store(server);
        const auto lead = store.row(QStringLiteral("SELECT * FROM leads"));
        QCOMPARE(lead.value(QStringLiteral("first_name")).toString(), QStringLiteral("Jane"));
        QCOMPARE(lead.value(QStringLiteral("email")).toString(), QStringLiteral("Jane.Doe@Example.com"));
        const auto message = store.row(QStringLiteral("SELECT * FROM messages"));
        QCOMPARE(message.value(QStringLiteral("channel")).toString(), QStringLiteral("email"));
        QCOMPARE(message.value(QStringLiteral("subject")).toString(), QStringLiteral("Quote for 20 seats"));
        QCOMPARE(
            message.value(QStringLiteral("body")).toString(), QStringLiteral("Hello,\nplease send a quote."));
        QTRY_COMPARE(events.count(QStringLiteral("message.created")), 1);
        QCOMPARE(events.count(QStringLiteral("lead.created")), 1);

        // Case-insensitive email: the same lead; the same Message-Id again: a duplicate.
        auto second = mail(QStringLiteral("<m2@example.com>"));
        second[0].second = QStringLiteral("jane.doe@example.COM");
        QCOMPARE(postForm(server, second).status, 200);
        QCOMPARE(postForm(server, second).status, 200); // Mailgun retrying the same request
        QCOMPARE(store.count(QStringLiteral("leads")), 1);
        QCOMPARE(store.count(QStringLiteral("messages")), 2);
        QCOMPARE(store.count(QStringLiteral("inbound_requests"), QStringLiteral("status = 'duplicate'")), 1);
    }

    void aTokenCannotSignAnotherBody()
    {
        TestServer server(withKey);
        QVERIFY(server.started());
        QCOMPARE(postForm(server, mail(QStringLiteral("<t1@example.com>"))).status, 200);
        // A captured timestamp/token/signature reused with another body: the signature does not
        // cover the body, so only the used token gives the forgery away.
        auto forged = mail(QStringLiteral("<t1@example.com>"));
        forged[4].second = QStringLiteral("Please wire the deposit to this new account.");
        const auto refused = postForm(server, forged);
        QCOMPARE(refused.status, 401);
        QVERIFY2(
            refused.json().value(QStringLiteral("error")).toString().contains(QStringLiteral("already used")),
            refused.body.constData());
        Store store(server);
        QCOMPARE(store.count(QStringLiteral("messages")), 1);
        QCOMPARE(store.count(QStringLiteral("inbound_requests"), QStringLiteral("status = 'rejected'")), 1);
        // The same token on an event body is refused as well.
        auto event = mailgunEvent(QStringLiteral("ev-t1"), QStringLiteral("delivered"));
        auto signature = event.value(QStringLiteral("signature")).toObject();
        signature.insert(QStringLiteral("token"), QStringLiteral("token-<t1@example.com>"));
        signature.insert(QStringLiteral("signature"),
            QString::fromLatin1(MailgunSignature::sign(key,
                signature.value(QStringLiteral("timestamp")).toString().toLatin1(),
                "token-<t1@example.com>")));
        event.insert(QStringLiteral("signature"), signature);
        QCOMPARE(postEvent(server, event).status, 401);
    }

    void multipartKeepsAttachmentMetadata()
    {
        TestServer server(withKey);
        QVERIFY(server.started());
        const QByteArray boundary = "----sbBoundary7MA4YWxkTrZu0gW";
        const auto reply = request("POST", server.url(inboundPath),
            multipart(mail(QStringLiteral("<m3@example.com>")), boundary),
            {qMakePair(QByteArray("Content-Type"), "multipart/form-data; boundary=" + boundary)});
        QCOMPARE(reply.status, 200);
        Store store(server);
        const auto attachments = QJsonDocument::fromJson(
            store.value(QStringLiteral("SELECT attachments FROM messages")).toByteArray())
                                     .array();
        QCOMPARE(attachments.size(), 1);
        QCOMPARE(attachments[0].toObject().value(QStringLiteral("filename")).toString(),
            QStringLiteral("specs.pdf"));
        QCOMPARE(attachments[0].toObject().value(QStringLiteral("contentType")).toString(),
            QStringLiteral("application/pdf"));
        QCOMPARE(attachments[0].toObject().value(QStringLiteral("size")).toInt(), 13);
        // A broken multipart body is refused (400) — after the signature check, which failed to parse it.
        QVERIFY(request("POST", server.url(inboundPath), "--x\r\nbroken",
                    {qMakePair(QByteArray("Content-Type"), QByteArray("multipart/form-data; boundary=x"))})
                    .status
            >= 400);
    }

    void tamperedStaleAndMissingSecretAreRejected()
    {
        TestServer server(withKey);
        QVERIFY(server.started());
        auto fields = mail(QStringLiteral("<m4@example.com>"));
        auto tampered = formBody(fields);
        tampered.replace("token-", "tokeN-");
        QCOMPARE(postForm(server, fields, tampered).status, 401);
        const auto stale = postForm(server, mail(QStringLiteral("<m5@example.com>"), nowSeconds() - 3600));
        QCOMPARE(stale.status, 401);
        Store store(server);
        QCOMPARE(store.count(QStringLiteral("messages")), 0);
        QCOMPARE(store.count(QStringLiteral("inbound_requests"), QStringLiteral("status = 'rejected'")), 2);
        auto staleEvent = postEvent(server,
            mailgunEvent(QStringLiteral("ev-stale"), QStringLiteral("delivered"), nowSeconds() - 3600));
        QCOMPARE(staleEvent.status, 401);

        TestServer bare;
        QVERIFY(bare.started());
        const auto missing = postForm(bare, fields);
        QCOMPARE(missing.status, 401);
        QVERIFY(missing.json()
                    .value(QStringLiteral("error"))
                    .toString()
                    .contains(QStringLiteral("MAILGUN_WEBHOOK_SIGNING_KEY")));
        QCOMPARE(
            postEvent(bare, mailgunEvent(QStringLiteral("ev0"), QStringLiteral("delivered"))).status, 401);
    }

    void eventsMoveStatusForwardAndMarkDoNotContact()
    {
        TestServer server(withKey);
        QVERIFY(server.started());
        BusEvents events(server.runtime().bus());
        QCOMPARE(
            postEvent(server, mailgunEvent(QStringLiteral("ev1"), QStringLiteral("delivered"))).status, 200);
        QCOMPARE(postEvent(server, mailgunEvent(QStringLiteral("ev2"), QStringLiteral("accepted"))).status,
            200); // late
        QCOMPARE(
            postEvent(server, mailgunEvent(QStringLiteral("ev3"), QStringLiteral("opened"))).status, 200);
        QCOMPARE(postEvent(server, mailgunEvent(QStringLiteral("ev3"), QStringLiteral("opened"))).status,
            200); // retry
        Store store(server);
        QCOMPARE(store.value(QStringLiteral("SELECT status FROM messages")).toString(),
            QStringLiteral("delivered"));
        QCOMPARE(store.count(QStringLiteral("message_events")), 3);
        QCOMPARE(store.count(QStringLiteral("inbound_requests"), QStringLiteral("status = 'duplicate'")), 1);
        QCOMPARE(
            postEvent(server, mailgunEvent(QStringLiteral("ev4"), QStringLiteral("unsubscribed"))).status,
            200);
        QCOMPARE(store.value(QStringLiteral("SELECT do_not_contact FROM leads")).toInt(), 1);
        QTRY_COMPARE(events.count(QStringLiteral("lead.updated")), 1);
        QCOMPARE(events.count(QStringLiteral("message.updated")), 4);

        QCOMPARE(postEvent(server,
                     mailgunEvent(QStringLiteral("ev5"), QStringLiteral("failed"), nowSeconds(),
                         QStringLiteral("nobody@example.com")))
                     .status,
            200);
        const auto failed
            = store.row(QStringLiteral("SELECT * FROM messages WHERE to_address = 'nobody@example.com'"));
        QCOMPARE(failed.value(QStringLiteral("status")).toString(), QStringLiteral("failed"));
        QCOMPARE(failed.value(QStringLiteral("error_code")).toString(), QStringLiteral("550"));
        QCOMPARE(postEvent(server,
                     mailgunEvent(QStringLiteral("ev6"), QStringLiteral("complained"), nowSeconds(),
                         QStringLiteral("nobody@example.com")))
                     .status,
            200);
        QCOMPARE(store.count(QStringLiteral("leads"), QStringLiteral("do_not_contact = 1")), 2);
    }
    void multipartPreambleCannotApplyUnverifiedFields()
    {
        TestServer server(withKey);
        QVERIFY(server.started());
        Store store(server);
        // A genuine signed multipart mail, with fields of the attacker's in the preamble (which a
        // multipart parser skips) written so that an urlencoded parse would read them.
        const QByteArray boundary = "sbPreamble42";
        const QByteArray body
            = "sender=mallory%40evil.example&subject=forged&Message-Id=%3Cforged%40evil%3E&x=\r\n"
            + multipart(mail(QStringLiteral("<m9@example.com>")), boundary);
        const auto send = [&](const QByteArray &contentType) {
            return request(
                "POST", server.url(inboundPath), body, {qMakePair(QByteArray("Content-Type"), contentType)});
        };
        // Declared urlencoded, the signature fields are not among the parsed fields: refused.
        auto reply = send("application/x-www-form-urlencoded");
        QCOMPARE(reply.status, 401);
        QVERIFY(reply.json()
                    .value(QStringLiteral("error"))
                    .toString()
                    .contains(QStringLiteral("missing timestamp")));
        // Neither a form nor multipart: refused before any parse.
        QCOMPARE(send("text/plain").status, 415);
        reply = send("application/json");
        QCOMPARE(reply.status, 415);
        QVERIFY(reply.json()
                    .value(QStringLiteral("error"))
                    .toString()
                    .contains(QStringLiteral("multipart/form-data")));
        QCOMPARE(store.count(QStringLiteral("messages")), 0);
        // Declared multipart: the parts verify and only the parts are applied.
        reply = send("multipart/form-data; boundary=" + boundary);
        QCOMPARE(reply.status, 200);
        QCOMPARE(store.count(QStringLiteral("messages")), 1);
        const auto message = store.row(QStringLiteral("SELECT * FROM messages"));
        QCOMPARE(message.value(QStringLiteral("subject")).toString(), QStringLiteral("Quote for 20 seats"));
        QCOMPARE(message.value(QStringLiteral("provider_message_id")).toString(),
            QStringLiteral("<m9@example.com>"));
        QCOMPARE(store.count(QStringLiteral("leads"), QStringLiteral("email LIKE '%evil%'")), 0);
        QCOMPARE(store.count(QStringLiteral("leads")), 1);
    }

    void tooManyPartsOrFieldsAre413()
    {
        TestServer server(withKey);
        QVERIFY(server.started());
        auto fields = mail(QStringLiteral("<m10@example.com>"));
        for (int i = 0; i < 1000; ++i)
            fields.append({QStringLiteral("x%1").arg(i), QStringLiteral("y")});
        auto reply = postForm(server, fields);
        QCOMPARE(reply.status, 413);
        QCOMPARE(reply.json().value(QStringLiteral("error")).toString(),
            QStringLiteral("the form has more than 1000 fields; at most 1000 are accepted"));
        const QByteArray boundary = "sbMany";
        reply = request("POST", server.url(inboundPath), multipart(fields, boundary),
            {qMakePair(QByteArray("Content-Type"), "multipart/form-data; boundary=" + boundary)});
        QCOMPARE(reply.status, 413);
        Store store(server);
        QCOMPARE(store.count(QStringLiteral("messages")), 0);
    }
};

QTEST_GUILESS_MAIN(TestMailgun)
#include "tst_mailgun.moc"
