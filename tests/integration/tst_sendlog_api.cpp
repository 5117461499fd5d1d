// Sends in the event history API over real HTTP: an SMS queued through POST /api/twilio/send-sms and
// accepted by the fake Twilio is listed by GET /api/webhooks/events as an outbound record with its
// channel, provider, recipient and attempts; the `channel` filter selects webhook deliveries or one
// send channel; GET /api/webhooks/events/{id} shows the attempt as stored (credentials masked); a
// failed send is queued again by POST /api/webhooks/events/{id}/retry (a new
// record for the same message) and the outbox is woken for it.
#include "ProviderTestSupport.h"
#include "fakes/SmsFakes.h"

#include <QJsonArray>

using namespace sb;
using namespace sb::test;

namespace {

const QString accountSid = QStringLiteral("AC0123456789abcdef0123456789abcdef");
const QString authToken = QStringLiteral("twilio-sendlog-token-0042");
const QString senderNumber = QStringLiteral("+14155550100");

std::function<void(RuntimeOptions &)> withFake(const FakeTwilio &fake)
{
    const auto base = fake.baseUrl();
    return [base](RuntimeOptions &options) {
        options.environment.insert(QStringLiteral("TWILIO_ACCOUNT_SID"), accountSid);
        options.environment.insert(QStringLiteral("TWILIO_AUTH_TOKEN"), authToken);
        options.environment.insert(QStringLiteral("TWILIO_PHONE_NUMBER"), senderNumber);
        options.environment.insert(QStringLiteral("TWILIO_API_BASE_URL"), base);
        options.environment.insert(QStringLiteral("SWITCHBOARD_OUTBOX_PACING"), QStringLiteral("0"));
        options.rateLimitPerMinute = 0;
    };
}

HttpReply sendSms(TestServer &server, const QString &to, const QString &body)
{
    return request("POST", server.url(QStringLiteral("/api/twilio/send-sms")),
        QJsonDocument(QJsonObject {{QStringLiteral("to"), to}, {QStringLiteral("body"), body}})
            .toJson(QJsonDocument::Compact),
        {{"Content-Type", "application/json"}, {"X-API-Key", adminKey}});
}

QJsonArray events(TestServer &server, const QString &query)
{
    const auto reply = adminGet(server, QStringLiteral("/api/webhooks/events?") + query);
    if (reply.status != 200)
        return {};
    return reply.json().value(QStringLiteral("events")).toArray();
}

} // namespace

class SendLogApiTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sendsAreOutboundRecordsWithAChannel()
    {
        FakeTwilio fake(accountSid, authToken);
        TestServer server(withFake(fake));
        QVERIFY2(server.started(), qPrintable(server.error()));
        QCOMPARE(
            sendSms(server, QStringLiteral("+14155550123"), QStringLiteral("See you at 10")).status, 202);
        QTRY_COMPARE_WITH_TIMEOUT(fake.accepted().size(), 1, 10000);
        QVERIFY2(fake.violations().isEmpty(), qPrintable(fake.violations().join(u'\n')));
        const auto sid = fake.accepted().first().sid;

        // The SMS channel: the send, with its fields.
        QJsonArray sms;
        QTRY_VERIFY_WITH_TIMEOUT((sms = events(server, QStringLiteral("channel=sms")),
                                     sms.size() == 1
                                         && sms.first().toObject().value(QStringLiteral("status")).toString()
                                             == QLatin1String("sent")),
            5000);
        const auto event = sms.first().toObject();
        const auto id = event.value(QStringLiteral("id")).toString();
        QVERIFY(id.startsWith(QStringLiteral("snd_")));
        QCOMPARE(event.value(QStringLiteral("direction")).toString(), QStringLiteral("outbound"));
        QCOMPARE(event.value(QStringLiteral("channel")).toString(), QStringLiteral("sms"));
        QCOMPARE(event.value(QStringLiteral("source")).toString(), QStringLiteral("twilio"));
        QCOMPARE(event.value(QStringLiteral("provider")).toString(), QStringLiteral("twilio"));
        QCOMPARE(event.value(QStringLiteral("eventType")).toString(), QStringLiteral("message.send"));
        QCOMPARE(event.value(QStringLiteral("recipient")).toString(), QStringLiteral("+14155550123"));
        QCOMPARE(event.value(QStringLiteral("attempts")).toInt(), 1);
        QCOMPARE(event.value(QStringLiteral("lastStatusCode")).toInt(), 201);
        QCOMPARE(event.value(QStringLiteral("providerMessageId")).toString(), sid);
        QVERIFY(event.value(QStringLiteral("messageId")).toInteger() > 0);
        QVERIFY(event.value(QStringLiteral("webhookConfigId")).isNull());
        QCOMPARE(event.value(QStringLiteral("payload")).toObject().value(QStringLiteral("body")).toString(),
            QStringLiteral("See you at 10"));

        // Other channels and the webhook log do not list it; neither does the inbound side.
        QCOMPARE(events(server, QStringLiteral("channel=email")).size(), 0);
        for (const auto &other : events(server, QStringLiteral("channel=webhook")))
            QVERIFY(
                !other.toObject().value(QStringLiteral("id")).toString().startsWith(QStringLiteral("snd_")));
        for (const auto &other : events(server, QStringLiteral("direction=inbound")))
            QVERIFY(
                !other.toObject().value(QStringLiteral("id")).toString().startsWith(QStringLiteral("snd_")));
        QCOMPARE(events(server, QStringLiteral("channel=sms&status=failed")).size(), 0);
        QCOMPARE(events(server, QStringLiteral("channel=sms&status=sent")).size(), 1);
        QCOMPARE(
            events(server, QStringLiteral("source=twilio&direction=outbound&eventType=message.send")).size(),
            1);
        QCOMPARE(events(server, QStringLiteral("channel=sms&webhookConfigId=1")).size(), 0);
        // Unfiltered, the send is there with everything else.
        bool listed = false;
        for (const auto &any : events(server, QStringLiteral("limit=500")))
            listed = listed || any.toObject().value(QStringLiteral("id")).toString() == id;
        QVERIFY(listed);

        const auto bad = adminGet(server, QStringLiteral("/api/webhooks/events?channel=fax"));
        QCOMPARE(bad.status, 400);
        QVERIFY(
            bad.json().value(QStringLiteral("message")).toString().contains(QStringLiteral("webhook, sms")));

        // One record: its attempt as stored, the auth token never in it.
        const auto one = adminGet(server, QStringLiteral("/api/webhooks/events/") + id);
        QCOMPARE(one.status, 200);
        const auto detail = one.json().value(QStringLiteral("event")).toObject();
        const auto attempts = detail.value(QStringLiteral("attemptsDetail")).toArray();
        QCOMPARE(attempts.size(), 1);
        const auto attempt = attempts.first().toObject();
        QCOMPARE(attempt.value(QStringLiteral("statusCode")).toInt(), 201);
        QVERIFY(attempt.value(QStringLiteral("url"))
                    .toString()
                    .endsWith(QStringLiteral("/2010-04-01/Accounts/") + accountSid
                        + QStringLiteral("/Messages.json")));
        QVERIFY(attempt.value(QStringLiteral("responseBody")).toString().contains(sid));
        const auto authorization = attempt.value(QStringLiteral("requestHeaders"))
                                       .toObject()
                                       .value(QStringLiteral("authorization"));
        QVERIFY(authorization.toString().startsWith(QStringLiteral("Basic ")));
        QVERIFY(!QJsonDocument(detail).toJson().contains(authToken.toUtf8()));
        QVERIFY(!QJsonDocument(detail).toJson().contains(
            (accountSid + QLatin1Char(':') + authToken).toUtf8().toBase64()));
        QCOMPARE(detail.value(QStringLiteral("responseData"))
                     .toObject()
                     .value(QStringLiteral("statusCode"))
                     .toInt(),
            201);
        QCOMPARE(adminGet(server, QStringLiteral("/api/webhooks/events/snd_9999")).status, 404);

        // A sent message is not sent again.
        const auto again = request("POST",
            server.url(QStringLiteral("/api/webhooks/events/") + id + QStringLiteral("/retry")), {},
            {{"X-API-Key", adminKey}});
        QCOMPARE(again.status, 409);
        QCOMPARE(fake.requestCount(), 1);
    }

    void failedSendIsRetriedOnce()
    {
        // The fake knows another token: Twilio answers 401 (20003), a refusal, never retried by itself.
        FakeTwilio fake(accountSid, QStringLiteral("another-token-entirely"));
        TestServer server(withFake(fake));
        QVERIFY2(server.started(), qPrintable(server.error()));
        QCOMPARE(sendSms(server, QStringLiteral("+14155550124"), QStringLiteral("Hello")).status, 202);
        QJsonArray failed;
        QTRY_VERIFY_WITH_TIMEOUT(
            (failed = events(server, QStringLiteral("channel=sms&status=failed")), failed.size() == 1),
            10000);
        QCOMPARE(fake.requestCount(), 1);
        QVERIFY(!fake.violations().isEmpty()); // the fake saw the bad credentials
        const auto id = failed.first().toObject().value(QStringLiteral("id")).toString();
        QCOMPARE(failed.first().toObject().value(QStringLiteral("lastStatusCode")).toInt(), 401);
        QVERIFY(!failed.first().toObject().value(QStringLiteral("lastError")).toString().isEmpty());

        const auto retry = request("POST",
            server.url(QStringLiteral("/api/webhooks/events/") + id + QStringLiteral("/retry")), {},
            {{"X-API-Key", adminKey}});
        QCOMPARE(retry.status, 200);
        const auto queued = retry.json().value(QStringLiteral("event")).toObject();
        QVERIFY(queued.value(QStringLiteral("id")).toString() != id);
        QCOMPARE(queued.value(QStringLiteral("retryOf")).toString(), id);
        QCOMPARE(queued.value(QStringLiteral("channel")).toString(), QStringLiteral("sms"));
        // The dispatcher is woken and the provider is asked again, once.
        QTRY_COMPARE_WITH_TIMEOUT(fake.requestCount(), 2, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(
            events(server, QStringLiteral("channel=sms&status=failed")).size(), 2, 5000);
        QTest::qWait(300);
        QCOMPARE(fake.requestCount(), 2);
        // Both rows belong to the same message.
        const auto rows = events(server, QStringLiteral("channel=sms"));
        QCOMPARE(rows.at(0).toObject().value(QStringLiteral("messageId")),
            rows.at(1).toObject().value(QStringLiteral("messageId")));
        QTRY_COMPARE_WITH_TIMEOUT(events(server, QStringLiteral("channel=sms")).size(), 2, 5000);
    }
};

QTEST_GUILESS_MAIN(SendLogApiTest)
#include "tst_sendlog_api.moc"
