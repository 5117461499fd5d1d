// Twilio callbacks over real HTTP: X-Twilio-Signature over the public URL (direct, behind a
// trusted proxy, --public-url), fail-closed without TWILIO_AUTH_TOKEN, dedup, forward-only status,
// calls and recordings, TwiML answers and replay.
#include "ProviderTestSupport.h"
#include "security/TwilioSignature.h"

#include <QElapsedTimer>
#include <QJsonArray>

using namespace sb;
using namespace sb::test;

namespace {

const QByteArray token = "twilio-test-token";
const QString smsPath = QStringLiteral("/api/webhooks/twilio/sms");

void withToken(RuntimeOptions &options)
{
    options.environment.insert(QStringLiteral("TWILIO_AUTH_TOKEN"), QString::fromLatin1(token));
}

QList<QPair<QString, QString>> inboundSms(const QString &sid,
    const QString &from = QStringLiteral("+14155550134"),
    const QString &body = QStringLiteral("Is the car still available?"))
{
    return {{QStringLiteral("MessageSid"), sid}, {QStringLiteral("AccountSid"), QStringLiteral("AC123")},
        {QStringLiteral("From"), from}, {QStringLiteral("To"), QStringLiteral("+15005550006")},
        {QStringLiteral("Body"), body}, {QStringLiteral("NumMedia"), QStringLiteral("0")},
        {QStringLiteral("SmsStatus"), QStringLiteral("received")}};
}

// POSTs `fields` to `pathAndQuery`, signed for `signedUrl` (default: the URL it is sent to).
HttpReply post(TestServer &server, const QString &pathAndQuery, const QList<QPair<QString, QString>> &fields,
    QString signedUrl = {}, QList<QPair<QByteArray, QByteArray>> headers = {}, QByteArray body = {})
{
    if (signedUrl.isEmpty())
        signedUrl = QString::fromUtf8(server.url(pathAndQuery).toEncoded());
    headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/x-www-form-urlencoded")));
    headers.append(qMakePair(QByteArray("X-Twilio-Signature"),
        TwilioSignature::sign(token, signedUrl.toUtf8(), formFields(fields))));
    return request("POST", server.url(pathAndQuery), body.isEmpty() ? formBody(fields) : body, headers);
}

} // namespace

class TestTwilio : public QObject
{
    Q_OBJECT
private slots:
    void inboundSmsCreatesLeadConversationAndMessage()
    {
        TestServer server(withToken);
        QVERIFY2(server.started(), qPrintable(server.error()));
        BusEvents events(server.runtime().bus());
        // Twilio's docs sign the URL with its query exactly as configured.
        const auto reply
            = post(server, smsPath + QStringLiteral("?tenant=a%20b&x=1"), inboundSms(QStringLiteral("SM1")));
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.header("Content-Type"), QByteArray("application/xml"));
        QVERIFY(reply.body.contains("<Response>"));
        Store store(server);
        const auto lead = store.row(QStringLiteral("SELECT * FROM leads WHERE phone_e164 = '+14155550134'"));
        QVERIFY(!lead.isEmpty());
        QCOMPARE(lead.value(QStringLiteral("source")).toString(), QStringLiteral("twilio"));
        const auto conversation = store.row(QStringLiteral("SELECT * FROM conversations WHERE lead_id = ?"),
            {lead.value(QStringLiteral("id"))});
        QCOMPARE(conversation.value(QStringLiteral("channel")).toString(), QStringLiteral("sms"));
        QCOMPARE(conversation.value(QStringLiteral("unread_count")).toInt(), 1);
        QCOMPARE(conversation.value(QStringLiteral("last_message_preview")).toString(),
            QStringLiteral("Is the car still available?"));
        QCOMPARE(store.value(QStringLiteral("SELECT body FROM messages WHERE provider_message_id = 'SM1'"))
                     .toString(),
            QStringLiteral("Is the car still available?"));
        const auto record = store.lastInbound(smsPath);
        QCOMPARE(record.value(QStringLiteral("status")).toString(), QStringLiteral("processed"));
        QCOMPARE(record.value(QStringLiteral("verification")).toString(), QStringLiteral("verified"));
        QCOMPARE(record.value(QStringLiteral("dedup_key")).toString(), QStringLiteral("twilio:sms:SM1"));
        QTRY_COMPARE(events.count(QStringLiteral("message.created")), 1);
        QCOMPARE(events.count(QStringLiteral("lead.created")), 1);

        // The same sender written nationally (default region US) is the same lead.
        QCOMPARE(
            post(server, smsPath, inboundSms(QStringLiteral("SM2"), QStringLiteral("(415) 555-0134"))).status,
            200);
        QCOMPARE(store.count(QStringLiteral("leads")), 1);
        QCOMPARE(store.count(QStringLiteral("messages")), 2);
        QTRY_COMPARE(events.count(QStringLiteral("message.created")), 2);
        QCOMPARE(events.count(QStringLiteral("lead.created")), 1);
    }

    void smsFromACrmLeadsNationalNumberThreadsToThatLead()
    {
        TestServer server(withToken);
        QVERIFY(server.started());
        // The CRM writes the number the way its users typed it; the SMS comes in E.164.
        const auto created = postCrm(server, QStringLiteral("/api/v1/webhooks/incoming/lead/create"),
            QJsonObject {{QStringLiteral("event"), QStringLiteral("new_lead")},
                {QStringLiteral("data"),
                    QJsonObject {{QStringLiteral("first_name"), QStringLiteral("Grace")},
                        {QStringLiteral("phone"), QStringLiteral("(415) 555-0177")}}}});
        QCOMPARE(created.status, 200);
        Store store(server);
        QCOMPARE(store.value(QStringLiteral("SELECT phone_e164 FROM leads")).toString(),
            QStringLiteral("+14155550177"));
        QCOMPARE(
            post(server, smsPath, inboundSms(QStringLiteral("SM77"), QStringLiteral("+14155550177"))).status,
            200);
        QCOMPARE(store.count(QStringLiteral("leads")), 1);
        QCOMPARE(
            store
                .value(QStringLiteral("SELECT l.first_name FROM messages m JOIN leads l ON l.id = m.lead_id"))
                .toString(),
            QStringLiteral("Grace"));
    }

    void verifiedCallbacksAreNeverLimitedButForgersAre()
    {
        TestServer server([](RuntimeOptions &options) {
            withToken(options);
            options.rateLimitPerMinute = 5;
        });
        QVERIFY(server.started());
        // Twilio does not retry an SMS webhook answered 429: verified callbacks pass any rate.
        for (int i = 0; i < 12; ++i)
            QCOMPARE(post(server, smsPath, inboundSms(QStringLiteral("SMok%1").arg(i))).status, 200);
        // A client whose signatures keep failing is refused before verification once it has
        // spent the per-minute allowance, even when it finally signs correctly.
        const auto wrongUrl = QStringLiteral("https://elsewhere.example/api/webhooks/twilio/sms");
        for (int i = 0; i < 5; ++i)
            QCOMPARE(
                post(server, smsPath, inboundSms(QStringLiteral("SMbad%1").arg(i)), wrongUrl).status, 401);
        const auto limited = post(server, smsPath, inboundSms(QStringLiteral("SMafter")));
        QCOMPARE(limited.status, 429);
        QVERIFY(limited.header("Retry-After").toInt() >= 1);
        Store store(server);
        QCOMPARE(store.count(QStringLiteral("messages")), 12);
    }

    void smsIncomingSharesTheHandlerAndAutoReplies()
    {
        TestServer server([](RuntimeOptions &options) {
            withToken(options);
            options.environment.insert(
                QStringLiteral("TWILIO_SMS_AUTO_REPLY"), QStringLiteral("Thanks {first_name} & co"));
        });
        QVERIFY(server.started());
        const auto reply = post(
            server, QStringLiteral("/api/webhooks/twilio/sms/incoming"), inboundSms(QStringLiteral("SM9")));
        QCOMPARE(reply.status, 200);
        QVERIFY2(reply.body.contains("<Message>Thanks there &amp; co</Message>"), reply.body.constData());
        // STOP marks the lead do-not-contact and gets no auto-reply.
        const auto stop = post(server, smsPath,
            inboundSms(QStringLiteral("SM10"), QStringLiteral("+14155550134"), QStringLiteral("stop")));
        QCOMPARE(stop.status, 200);
        QVERIFY(!stop.body.contains("<Message>"));
        Store store(server);
        QCOMPARE(store.value(QStringLiteral("SELECT do_not_contact FROM leads")).toInt(), 1);
    }

    void tamperedBodyWrongUrlAndMissingSecretAreRejected()
    {
        TestServer server(withToken);
        QVERIFY(server.started());
        Store store(server);
        const auto fields = inboundSms(QStringLiteral("SM3"));
        auto tampered = formBody(fields);
        tampered.replace("available", "Available");
        auto reply = post(server, smsPath, fields, {}, {}, tampered);
        QCOMPARE(reply.status, 401);
        QCOMPARE(reply.json().value(QStringLiteral("success")).toBool(true), false);
        QVERIFY(reply.json()
                    .value(QStringLiteral("error"))
                    .toString()
                    .startsWith(QStringLiteral("Invalid signature")));
        auto record = store.lastInbound(smsPath);
        QCOMPARE(record.value(QStringLiteral("status")).toString(), QStringLiteral("rejected"));
        QCOMPARE(record.value(QStringLiteral("verification")).toString(), QStringLiteral("invalid"));
        QVERIFY(!record.value(QStringLiteral("string_to_sign")).toByteArray().isEmpty());

        reply = post(server, smsPath, fields,
            server.url(QStringLiteral("/api/webhooks/twilio/sms/status")).toString());
        QCOMPARE(reply.status, 401);
        QVERIFY(
            reply.json().value(QStringLiteral("error")).toString().contains(server.url(smsPath).toString()));
        QCOMPARE(store.count(QStringLiteral("messages")), 0);

        TestServer bare; // no TWILIO_AUTH_TOKEN
        QVERIFY(bare.started());
        reply = post(bare, smsPath, fields);
        QCOMPARE(reply.status, 401);
        QVERIFY(reply.json()
                    .value(QStringLiteral("error"))
                    .toString()
                    .contains(QStringLiteral("TWILIO_AUTH_TOKEN")));
        Store bareStore(bare);
        QCOMPARE(bareStore.lastInbound(smsPath).value(QStringLiteral("verification")).toString(),
            QStringLiteral("missing_secret"));
    }

    void duplicateIsAcknowledgedAndAppliedOnce()
    {
        TestServer server(withToken);
        QVERIFY(server.started());
        const auto fields = inboundSms(QStringLiteral("SM4"));
        QCOMPARE(post(server, smsPath, fields).status, 200);
        const auto again = post(server, smsPath, fields);
        QCOMPARE(again.status, 200);
        QCOMPARE(again.header("Content-Type"), QByteArray("application/xml"));
        Store store(server);
        QCOMPARE(store.count(QStringLiteral("messages")), 1);
        QCOMPARE(store.count(QStringLiteral("inbound_requests"), QStringLiteral("status = 'duplicate'")), 1);
    }

    void messageStatusMovesForwardOnly()
    {
        TestServer server(withToken);
        QVERIFY(server.started());
        const auto path = QStringLiteral("/api/webhooks/twilio/sms/status");
        auto status = [&](const QString &value) {
            return post(server, path,
                {{QStringLiteral("MessageSid"), QStringLiteral("SM5")},
                    {QStringLiteral("MessageStatus"), value},
                    {QStringLiteral("From"), QStringLiteral("+15005550006")},
                    {QStringLiteral("To"), QStringLiteral("+14155550199")}})
                .status;
        };
        QCOMPARE(status(QStringLiteral("sent")), 200);
        QCOMPARE(status(QStringLiteral("delivered")), 200);
        QCOMPARE(status(QStringLiteral("sent")), 200); // a late retry: duplicate
        QCOMPARE(status(QStringLiteral("queued")), 200); // late and new: ignored for the status
        Store store(server);
        QCOMPARE(store.value(QStringLiteral("SELECT status FROM messages WHERE provider_message_id = 'SM5'"))
                     .toString(),
            QStringLiteral("delivered"));
        QCOMPARE(store.count(QStringLiteral("messages")), 1);
        QCOMPARE(store.count(QStringLiteral("inbound_requests"), QStringLiteral("status = 'duplicate'")), 1);
        QCOMPARE(store.value(QStringLiteral("SELECT direction FROM messages")).toString(),
            QStringLiteral("outbound"));
    }

    void voiceStatusAndRecordingKeepTheCall()
    {
        TestServer server(withToken);
        QVERIFY(server.started());
        BusEvents events(server.runtime().bus());
        const auto path = QStringLiteral("/api/webhooks/twilio/voice/status");
        auto call = [&](const QString &status, const QString &duration = {}) {
            QList<QPair<QString, QString>> fields {{QStringLiteral("CallSid"), QStringLiteral("CA1")},
                {QStringLiteral("CallStatus"), status},
                {QStringLiteral("Direction"), QStringLiteral("inbound")},
                {QStringLiteral("From"), QStringLiteral("+14155550177")},
                {QStringLiteral("To"), QStringLiteral("+15005550006")}};
            if (!duration.isEmpty())
                fields.append({QStringLiteral("CallDuration"), duration});
            return post(server, path, fields).status;
        };
        QCOMPARE(call(QStringLiteral("ringing")), 200);
        QCOMPARE(call(QStringLiteral("in-progress")), 200);
        QCOMPARE(call(QStringLiteral("completed"), QStringLiteral("42")), 200);
        QCOMPARE(call(QStringLiteral("completed"), QStringLiteral("42")), 200); // retry
        QCOMPARE(post(server, QStringLiteral("/api/webhooks/twilio/voice/recording"),
                     {{QStringLiteral("CallSid"), QStringLiteral("CA1")},
                         {QStringLiteral("RecordingSid"), QStringLiteral("RE1")},
                         {QStringLiteral("RecordingStatus"), QStringLiteral("completed")},
                         {QStringLiteral("RecordingDuration"), QStringLiteral("40")},
                         {QStringLiteral("RecordingUrl"), QStringLiteral("https://api.twilio.com/rec/RE1")}})
                     .status,
            200);
        Store store(server);
        const auto row = store.row(QStringLiteral("SELECT * FROM calls WHERE call_ref = 'CA1'"));
        QCOMPARE(row.value(QStringLiteral("status")).toString(), QStringLiteral("completed"));
        QCOMPARE(row.value(QStringLiteral("duration_seconds")).toInt(), 42);
        QCOMPARE(row.value(QStringLiteral("recording_url")).toString(),
            QStringLiteral("https://api.twilio.com/rec/RE1"));
        QVERIFY(!row.value(QStringLiteral("conversation_id")).isNull());
        QTRY_COMPARE(events.count(QStringLiteral("recording.completed")), 1);
        QCOMPARE(events.count(QStringLiteral("call.created")), 1);
        QCOMPARE(events.count(QStringLiteral("call.ringing")), 1);
        QCOMPARE(events.count(QStringLiteral("call.answered")), 1);
        QCOMPARE(events.count(QStringLiteral("call.completed")), 1);
    }

    void behindTheTunnel()
    {
        const QString publicUrl
            = QStringLiteral("https://sb-test.ngrok-free.app") + smsPath + QStringLiteral("?a=1");
        const QList<QPair<QByteArray, QByteArray>> forwarded {{"X-Forwarded-Proto", "https"},
            {"X-Forwarded-Host", "sb-test.ngrok-free.app"}, {"X-Forwarded-For", "54.172.60.1"}};
        TestServer trusted([](RuntimeOptions &options) {
            withToken(options);
            options.trustedProxies = RuntimeOptions::loopbackProxies(); // the ngrok agent, named explicitly
        });
        QVERIFY(trusted.started());
        QCOMPARE(post(trusted, smsPath + QStringLiteral("?a=1"), inboundSms(QStringLiteral("SM6")), publicUrl,
                     forwarded)
                     .status,
            200);
        Store store(trusted);
        QCOMPARE(store.lastInbound(smsPath).value(QStringLiteral("client_ip")).toString(),
            QStringLiteral("54.172.60.1"));

        TestServer untrusted([](RuntimeOptions &options) {
            withToken(options);
            options.trustedProxies = QStringLiteral("10.0.0.0/8");
        });
        QVERIFY(untrusted.started());
        // The tunnel's scheme and host still decide the URL the signature covers (the agent is on
        // loopback), but its X-Forwarded-For does not name the client.
        QCOMPARE(post(untrusted, smsPath + QStringLiteral("?a=1"), inboundSms(QStringLiteral("SM6")),
                     publicUrl, forwarded)
                     .status,
            200);
        QCOMPARE(Store(untrusted).lastInbound(smsPath).value(QStringLiteral("client_ip")).toString(),
            QStringLiteral("127.0.0.1"));
        // A different URL than the one signed is still refused.
        QCOMPARE(post(untrusted, smsPath + QStringLiteral("?a=2"), inboundSms(QStringLiteral("SM6")),
                     publicUrl, forwarded)
                     .status,
            401);

        // By default (no public URL) loopback is not a trusted proxy, and a tunnel still works.
        TestServer byDefault(withToken);
        QVERIFY(byDefault.started());
        QCOMPARE(post(byDefault, smsPath + QStringLiteral("?a=1"), inboundSms(QStringLiteral("SM7")),
                     publicUrl, forwarded)
                     .status,
            200);
        QCOMPARE(Store(byDefault).lastInbound(smsPath).value(QStringLiteral("client_ip")).toString(),
            QStringLiteral("127.0.0.1"));
    }

    void configuredPublicUrlWins()
    {
        TestServer server([](RuntimeOptions &options) {
            withToken(options);
            options.publicUrl = QStringLiteral("https://hooks.example.com/");
        });
        QVERIFY(server.started());
        const QString signedFor = QStringLiteral("https://hooks.example.com") + smsPath;
        QCOMPARE(post(server, smsPath, inboundSms(QStringLiteral("SM7")), signedFor).status, 200);
        QCOMPARE(post(server, smsPath, inboundSms(QStringLiteral("SM8"))).status, 401);
    }

    void replayAfterTheSecretIsSet()
    {
        TestServer server;
        QVERIFY(server.started());
        const auto fields = inboundSms(QStringLiteral("SM11"));
        QCOMPARE(post(server, smsPath, fields).status, 401);
        Store store(server);
        const auto original = store.lastInbound(smsPath).value(QStringLiteral("id")).toString();
        server.runtime().secrets().set(QStringLiteral("TWILIO_AUTH_TOKEN"), QString::fromLatin1(token));

        auto replay
            = adminSend(server, "POST", QStringLiteral("/api/webhooks/inbound/%1/replay").arg(original));
        QCOMPARE(replay.status, 200);
        const auto result = replay.json().value(QStringLiteral("replay")).toObject();
        QCOMPARE(result.value(QStringLiteral("status")).toString(), QStringLiteral("processed"));
        QCOMPARE(result.value(QStringLiteral("statusCode")).toInt(), 200);
        QCOMPARE(result.value(QStringLiteral("replayOf")).toString(), original);
        const auto replayed = store.row(QStringLiteral("SELECT * FROM inbound_requests WHERE id = ?"),
            {result.value(QStringLiteral("id")).toString()});
        QCOMPARE(replayed.value(QStringLiteral("replay_of")).toString(), original);
        QCOMPARE(replayed.value(QStringLiteral("received_at")),
            store.value(QStringLiteral("SELECT received_at FROM inbound_requests WHERE id = ?"), {original}));
        QCOMPARE(store.count(QStringLiteral("messages")), 1);

        // Again: deduplicated like any retried callback.
        replay = adminSend(server, "POST", QStringLiteral("/api/webhooks/inbound/%1/replay").arg(original));
        QCOMPARE(replay.json()
                     .value(QStringLiteral("replay"))
                     .toObject()
                     .value(QStringLiteral("status"))
                     .toString(),
            QStringLiteral("duplicate"));
        QCOMPARE(store.count(QStringLiteral("messages")), 1);

        QCOMPARE(
            adminSend(server, "POST", QStringLiteral("/api/webhooks/inbound/evt_nope/replay")).status, 404);
        // A request that reached no webhook route cannot be replayed.
        QCOMPARE(request("GET", server.url(QStringLiteral("/nowhere"))).status, 404);
        const auto lost
            = store.lastInbound(QStringLiteral("/nowhere")).value(QStringLiteral("id")).toString();
        QCOMPARE(
            adminSend(server, "POST", QStringLiteral("/api/webhooks/inbound/%1/replay").arg(lost)).status,
            409);
        // Replay needs the admin key.
        QCOMPARE(request("POST", server.url(QStringLiteral("/api/webhooks/inbound/%1/replay").arg(original)))
                     .status,
            401);
    }

    void healthAnswersGet()
    {
        TestServer server;
        QVERIFY(server.started());
        for (const auto path :
            {"/sms", "/sms/incoming", "/sms/status", "/voice/status", "/voice/recording"}) {
            const auto reply
                = request("GET", server.url(QStringLiteral("/api/webhooks/twilio") + QLatin1String(path)));
            QCOMPARE(reply.status, 200);
            QCOMPARE(reply.json().value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
        }
    }
    void multipartBodyIsRefusedEvenWithACapturedSignature()
    {
        TestServer server(withToken);
        QVERIFY(server.started());
        // A signature captured from a genuine callback, replayed on a multipart body whose parts are
        // that callback's fields and whose preamble carries the attacker's.
        const auto fields = inboundSms(QStringLiteral("SMreal"));
        const auto signature
            = TwilioSignature::sign(token, server.url(smsPath).toEncoded(), formFields(fields));
        const auto body
            = multipartBody(fields, "B0", "MessageSid=SMforged&From=%2B14155550666&Body=forged&x=\r\n");
        auto reply = request("POST", server.url(smsPath), body,
            {{"Content-Type", "multipart/form-data; boundary=B0"}, {"X-Twilio-Signature", signature}});
        QCOMPARE(reply.status, 415);
        QCOMPARE(reply.json().value(QStringLiteral("success")).toBool(true), false);
        QCOMPARE(reply.json().value(QStringLiteral("error")).toString(),
            QStringLiteral("Content-Type multipart/form-data is not accepted here; this callback accepts "
                           "application/x-www-form-urlencoded"));
        Store store(server);
        QCOMPARE(store.lastInbound(smsPath).value(QStringLiteral("status")).toString(),
            QStringLiteral("rejected"));
        // The same bytes declared urlencoded are parsed as such, and their fields were never signed.
        reply = request("POST", server.url(smsPath), body,
            {{"Content-Type", "application/x-www-form-urlencoded"}, {"X-Twilio-Signature", signature}});
        QCOMPARE(reply.status, 401);
        QCOMPARE(reply.json().value(QStringLiteral("error")).toString().left(17),
            QStringLiteral("Invalid signature"));
        // Without a Content-Type, or as JSON without bodySHA256: refused too.
        reply = request("POST", server.url(smsPath), formBody(fields),
            {{"Content-Type", "text/plain"}, {"X-Twilio-Signature", signature}});
        QCOMPARE(reply.status, 415);
        QCOMPARE(store.count(QStringLiteral("inbound_requests"), QStringLiteral("status = 'processed'")), 0);
        QCOMPARE(store.count(QStringLiteral("messages")), 0);
        QCOMPARE(store.count(QStringLiteral("leads")), 0);
        // The genuine callback itself still verifies.
        QCOMPARE(post(server, smsPath, fields).status, 200);
        QCOMPARE(store.value(QStringLiteral("SELECT provider_message_id FROM messages")).toString(),
            QStringLiteral("SMreal"));
    }

    void sixteenThousandFieldsAreRefusedAtOnce()
    {
        TestServer server(withToken);
        QVERIFY(server.started());
        QByteArray form;
        for (int i = 0; i < 16000; ++i)
            form += (i ? "&f" : "f") + QByteArray::number(i) + "=v" + QByteArray::number(i);
        const auto send = [&](const QByteArray &signatureHeader) {
            const QByteArray head = "POST " + smsPath.toUtf8()
                + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                  "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: "
                + QByteArray::number(form.size()) + "\r\n" + signatureHeader + "Connection: close\r\n\r\n";
            return rawExchange(server.port(), head + form, 15000);
        };
        QElapsedTimer timer;
        timer.start();
        // A well-formed signature: the body is parsed, and the parse stops at the bound.
        auto answer = send("X-Twilio-Signature: AAAAAAAAAAAAAAAAAAAAAAAAAAA=\r\n");
        const auto bounded = timer.restart();
        QVERIFY2(answer.startsWith("HTTP/1.1 413"), answer.left(200).constData());
        QVERIFY(answer.contains("the form has more than 1000 fields; at most 1000 are accepted"));
        // No signature: refused before the body is looked at.
        answer = send({});
        const auto unsigned_ = timer.restart();
        QVERIFY2(answer.startsWith("HTTP/1.1 401"), answer.left(200).constData());
        QVERIFY(answer.contains("missing X-Twilio-Signature header"));
        qInfo("16,000 fields: 413 in %lld ms, 401 without a signature in %lld ms", bounded, unsigned_);
        // Generous bounds: the quadratic string-to-sign took 11 s for this request.
        QVERIFY2(bounded < 2000, qPrintable(QString::number(bounded)));
        QVERIFY2(unsigned_ < 2000, qPrintable(QString::number(unsigned_)));
        QVERIFY(request("GET", server.url(QStringLiteral("/healthz")), {}, {}, 2000).status == 200);
        Store store(server);
        QCOMPARE(store.count(QStringLiteral("inbound_requests"), QStringLiteral("status = 'rejected'")), 2);
    }

    void jsonCallbackSignedWithBodySha256IsAppliedWithItsFields()
    {
        TestServer server(withToken);
        QVERIFY(server.started());
        const QByteArray body = R"({"MessageSid":"SMjson1","AccountSid":"AC123","From":"+14155550142",)"
                                R"("To":"+15005550006","Body":"Sent as JSON","NumMedia":0})";
        const QString target
            = smsPath + QStringLiteral("?bodySHA256=") + QString::fromLatin1(TwilioSignature::bodyHash(body));
        // Twilio's rule: the signature covers the URL (with the hash) and no parameters.
        const auto signature = TwilioSignature::sign(token, server.url(target).toEncoded(), {});
        auto reply = request("POST", server.url(target), body,
            {{"Content-Type", "application/json"}, {"X-Twilio-Signature", signature}});
        QVERIFY2(reply.status == 200, reply.body.constData());
        QVERIFY(reply.body.contains("<Response>"));
        Store store(server);
        QCOMPARE(
            store.value(QStringLiteral("SELECT body FROM messages WHERE provider_message_id = 'SMjson1'"))
                .toString(),
            QStringLiteral("Sent as JSON"));
        QCOMPARE(store.value(QStringLiteral("SELECT phone_e164 FROM leads")).toString(),
            QStringLiteral("+14155550142"));
        const auto record = store.lastInbound(smsPath);
        QCOMPARE(record.value(QStringLiteral("verification")).toString(), QStringLiteral("verified"));
        QCOMPARE(record.value(QStringLiteral("dedup_key")).toString(), QStringLiteral("twilio:sms:SMjson1"));
        // Another body under the same URL and signature: the hash no longer matches.
        auto altered = body;
        altered.replace("Sent as JSON", "Altered text");
        reply = request("POST", server.url(target), altered,
            {{"Content-Type", "application/json"}, {"X-Twilio-Signature", signature}});
        QCOMPARE(reply.status, 401);
        QVERIFY(
            reply.json().value(QStringLiteral("error")).toString().contains(QStringLiteral("bodySHA256")));
        QCOMPARE(store.count(QStringLiteral("messages")), 1);
    }
};

QTEST_GUILESS_MAIN(TestTwilio)
#include "tst_twilio.moc"
