// Handover end to end over real HTTP: a signed Twilio inbound SMS "can I talk to a person?" opens one
// handover with the rule's reason in the transaction that stores the message, assigned to the lead's
// assigned_to; `conversation.handover` reaches a subscribed webhook receiver; the rep's SMS goes out
// through the outbox to the fake Twilio (which checks every documented detail of the request); a
// second trigger while it is open adds nothing. The evaluate-handover route, the list, state moves
// (409 naming the state) and rule changes (400 naming the field).
#include "ProviderTestSupport.h"
#include "WebhookReceiver.h"
#include "fakes/SmsFakes.h"
#include "security/TwilioSignature.h"

#include <QJsonArray>

using namespace sb;
using namespace sb::test;

namespace {

const QString accountSid = QStringLiteral("AC0123456789abcdef0123456789abcdef");
const QString authToken = QStringLiteral("twilio-handover-token-8812");
const QString senderNumber = QStringLiteral("+14155550100");
const QString repPhone = QStringLiteral("+14155550199");

void options(RuntimeOptions &options)
{
    options.environment.insert(QStringLiteral("TWILIO_AUTH_TOKEN"), authToken);
    options.environment.insert(QStringLiteral("SWITCHBOARD_OUTBOX_PACING"), QStringLiteral("0"));
}

HttpReply inboundSms(TestServer &server, const QString &sid, const QString &from, const QString &body)
{
    const QList<QPair<QString, QString>> fields {{QStringLiteral("MessageSid"), sid},
        {QStringLiteral("AccountSid"), accountSid}, {QStringLiteral("From"), from},
        {QStringLiteral("To"), senderNumber}, {QStringLiteral("Body"), body},
        {QStringLiteral("NumMedia"), QStringLiteral("0")},
        {QStringLiteral("SmsStatus"), QStringLiteral("received")}};
    const auto url = server.url(QStringLiteral("/api/webhooks/twilio/sms"));
    return request("POST", url, formBody(fields),
        {{"Content-Type", "application/x-www-form-urlencoded"},
            {"X-Twilio-Signature",
                TwilioSignature::sign(authToken.toUtf8(), url.toEncoded(), formFields(fields))}});
}

qint64 apiLead(
    TestServer &server, const QString &first, const QString &phone, const QJsonValue &assignedTo = {})
{
    QJsonObject body {{QStringLiteral("first_name"), first},
        {QStringLiteral("last_name"), QStringLiteral("Handed")}, {QStringLiteral("phone"), phone}};
    if (!assignedTo.isNull() && !assignedTo.isUndefined())
        body.insert(QStringLiteral("assigned_to"), assignedTo);
    const auto reply = adminSend(server, "POST", QStringLiteral("/api/leads"), body);
    if (reply.status != 201)
        qWarning("lead not created: %d %s", reply.status, reply.body.constData());
    return reply.json().value(QStringLiteral("id")).toInteger();
}

qint64 twilioService(TestServer &server, const FakeTwilio &twilio)
{
    const auto created = adminSend(server, "POST", QStringLiteral("/api/communications/external-services/"),
        QJsonObject {{QStringLiteral("name"), QStringLiteral("Texts")},
            {QStringLiteral("service_type"), QStringLiteral("sms")},
            {QStringLiteral("provider"), QStringLiteral("twilio")},
            {QStringLiteral("config"),
                QJsonObject {{QStringLiteral("account_sid"), accountSid},
                    {QStringLiteral("auth_token"), authToken}, {QStringLiteral("from_number"), senderNumber},
                    {QStringLiteral("base_url"), twilio.baseUrl()}}}});
    if (created.status != 201)
        qWarning("service not created: %d %s", created.status, created.body.constData());
    return created.json().value(QStringLiteral("id")).toInteger();
}

QJsonObject ruleChange(const QString &id, bool enabled)
{
    return QJsonObject {{QStringLiteral("id"), id}, {QStringLiteral("enabled"), enabled}};
}

HttpReply putRules(TestServer &server, const QJsonObject &body)
{
    return adminSend(server, "PUT", QStringLiteral("/api/handovers/rules"), body);
}

} // namespace

class TestHandover : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void inboundSmsOpensOneHandoverAndNotifiesTheRep()
    {
        FakeTwilio twilio(accountSid, authToken);
        WebhookReceiver receiver;
        TestServer server(options);
        QVERIFY2(server.started(), qPrintable(server.error()));
        BusEvents events(server.runtime().bus());
        const auto service = twilioService(server, twilio);
        QVERIFY(service > 0);
        const auto settings = putRules(server,
            QJsonObject {{QStringLiteral("settings"),
                QJsonObject {{QStringLiteral("notify"), QStringLiteral("sms")},
                    {QStringLiteral("repPhone"), repPhone}, {QStringLiteral("serviceId"), service},
                    {QStringLiteral("defaultRep"), QStringLiteral("Desk")}}}});
        QCOMPARE(settings.status, 200);
        QCOMPARE(settings.json()
                     .value(QStringLiteral("settings"))
                     .toObject()
                     .value(QStringLiteral("notify"))
                     .toString(),
            QStringLiteral("sms"));
        const auto config = adminSend(server, "POST", QStringLiteral("/api/webhooks/config"),
            QJsonObject {{QStringLiteral("name"), QStringLiteral("handover desk")},
                {QStringLiteral("url"), receiver.url()},
                {QStringLiteral("eventTypes"), QJsonArray {QStringLiteral("conversation.handover")}}});
        QCOMPARE(config.status, 201);
        const QString phone = QStringLiteral("+14155550141");
        const auto lead = apiLead(server, QStringLiteral("Pat"), phone, 7);
        QVERIFY(lead > 0);

        QCOMPARE(inboundSms(server, QStringLiteral("SMhand0001"), phone,
                     QStringLiteral("Hi, can I talk to a person?"))
                     .status,
            200);
        Store store(server);
        QCOMPARE(store.count(QStringLiteral("handovers")), 1);
        const auto row = store.row(QStringLiteral("SELECT * FROM handovers"));
        QCOMPARE(row.value(QStringLiteral("rule")).toString(), QStringLiteral("asks_for_person"));
        QCOMPARE(row.value(QStringLiteral("reason")).toString(),
            QStringLiteral("asked for a person: \"talk to a person\""));
        QCOMPARE(row.value(QStringLiteral("state")).toString(), QStringLiteral("open"));
        QCOMPARE(row.value(QStringLiteral("lead_id")).toLongLong(), lead);
        QCOMPARE(row.value(QStringLiteral("assigned_to")).toString(), QStringLiteral("7"));
        QCOMPARE(row.value(QStringLiteral("notified_via")).toString(), QStringLiteral("sms"));
        const auto messageId
            = store.value(QStringLiteral("SELECT id FROM messages WHERE provider_message_id = ?"),
                {QStringLiteral("SMhand0001")});
        QCOMPARE(row.value(QStringLiteral("message_id")).toLongLong(), messageId.toLongLong());
        // The rep's SMS was queued in the same transaction, under the handover's idempotency key.
        const auto handoverId = row.value(QStringLiteral("id")).toLongLong();
        QCOMPARE(store.count(QStringLiteral("outbox"), QStringLiteral("idempotency_key = ?"),
                     {QStringLiteral("handover:%1").arg(handoverId)}),
            1);

        QTRY_COMPARE(events.count(QStringLiteral("conversation.handover")), 1);
        QTRY_COMPARE_WITH_TIMEOUT(receiver.received().size(), 1, 10000);
        const auto &hit = receiver.received().first();
        QCOMPARE(hit.header("X-Webhook-Event"), QByteArray("conversation.handover"));
        const auto payload = QJsonDocument::fromJson(hit.body).object();
        QCOMPARE(payload.value(QStringLiteral("handoverId")).toInteger(), handoverId);
        QCOMPARE(payload.value(QStringLiteral("reason")).toString(),
            QStringLiteral("asked for a person: \"talk to a person\""));
        QCOMPARE(payload.value(QStringLiteral("leadId")).toInteger(), lead);

        QTRY_COMPARE_WITH_TIMEOUT(twilio.accepted().size(), 1, 10000);
        QVERIFY2(twilio.violations().isEmpty(), qPrintable(twilio.violations().join(QLatin1Char('\n'))));
        QCOMPARE(twilio.accepted().first().to, repPhone);
        QCOMPARE(twilio.accepted().first().from, senderNumber);
        QVERIFY(twilio.accepted().first().body.contains(QStringLiteral("Lead %1").arg(lead)));
        QVERIFY(!twilio.accepted().first().body.contains(QStringLiteral("Pat"))); // no personal data
        QVERIFY(twilio.accepted().first().body.contains(QStringLiteral("talk to a person")));

        // A second trigger while the handover is open adds nothing.
        QCOMPARE(inboundSms(server, QStringLiteral("SMhand0002"), phone, QStringLiteral("What is the price?"))
                     .status,
            200);
        QCOMPARE(store.count(QStringLiteral("handovers")), 1);
        QTest::qWait(200);
        QCOMPARE(events.count(QStringLiteral("conversation.handover")), 1);

        // Closed, the next trigger opens a new one (assigned to the lead's rep again).
        const auto closed = adminSend(server, "PUT", QStringLiteral("/api/handovers/%1").arg(handoverId),
            QJsonObject {{QStringLiteral("state"), QStringLiteral("closed")}});
        QCOMPARE(closed.status, 200);
        QCOMPARE(
            inboundSms(server, QStringLiteral("SMhand0003"), phone, QStringLiteral("Any discount?")).status,
            200);
        QCOMPARE(store.count(QStringLiteral("handovers")), 2);
        QCOMPARE(
            store.value(QStringLiteral("SELECT reason FROM handovers ORDER BY id DESC LIMIT 1")).toString(),
            QStringLiteral("asked about pricing: \"discount\""));
        QTRY_COMPARE_WITH_TIMEOUT(twilio.accepted().size(), 2, 10000);
        QVERIFY(twilio.violations().isEmpty());

        // Erasure of the lead takes its handovers with it.
        QCOMPARE(
            adminSend(server, "DELETE", QStringLiteral("/api/leads/%1?purge=true").arg(lead)).status, 200);
        QCOMPARE(store.count(QStringLiteral("handovers")), 0);
    }

    void evaluateRouteStatesAndRules()
    {
        TestServer server(options);
        QVERIFY2(server.started(), qPrintable(server.error()));
        const QString phone = QStringLiteral("+14155550142");
        const auto lead = apiLead(server, QStringLiteral("Lou"), phone);
        QVERIFY(lead > 0);
        QCOMPARE(
            inboundSms(server, QStringLiteral("SMeval0001"), phone, QStringLiteral("Hello there")).status,
            200);
        Store store(server);
        QCOMPARE(store.count(QStringLiteral("handovers")), 0);
        const auto conversation
            = store.value(QStringLiteral("SELECT id FROM conversations WHERE lead_id = ?"), {lead})
                  .toLongLong();
        QVERIFY(conversation > 0);

        // Nothing matches: no handover, each enabled rule's verdict (ai_intent is off by default).
        const auto path = QStringLiteral("/api/conversations/%1/evaluate-handover").arg(conversation);
        auto answer = adminSend(server, "POST", path);
        QCOMPARE(answer.status, 200);
        auto json = answer.json();
        QVERIFY(json.value(QStringLiteral("handover")).isNull());
        QCOMPARE(json.value(QStringLiteral("opened")).toBool(true), false);
        QStringList rules;
        for (const auto &verdict : json.value(QStringLiteral("evaluated")).toArray()) {
            rules.append(verdict.toObject().value(QStringLiteral("rule")).toString());
            QCOMPARE(verdict.toObject().value(QStringLiteral("matched")).toBool(true), false);
        }
        QCOMPARE(rules,
            (QStringList {QStringLiteral("asks_for_person"), QStringLiteral("hot_lead"),
                QStringLiteral("negative_sentiment"), QStringLiteral("pricing_question"),
                QStringLiteral("unanswered_inbound")}));
        QCOMPARE(
            adminSend(server, "POST", QStringLiteral("/api/conversations/999999/evaluate-handover")).status,
            404);

        // Bad rule changes: 400 naming the field, nothing stored.
        auto bad = putRules(server,
            QJsonObject {{QStringLiteral("rules"),
                QJsonArray {QJsonObject {{QStringLiteral("id"), QStringLiteral("hot_lead")},
                    {QStringLiteral("params"), QJsonObject {{QStringLiteral("minScore"), 120}}}}}}});
        QCOMPARE(bad.status, 400);
        QVERIFY2(bad.body.contains("minScore"), bad.body.constData());
        bad = putRules(server,
            QJsonObject {{QStringLiteral("rules"), QJsonArray {ruleChange(QStringLiteral("nope"), true)}}});
        QCOMPARE(bad.status, 400);
        QVERIFY2(bad.body.contains("nope"), bad.body.constData());
        bad = putRules(server,
            QJsonObject {{QStringLiteral("rules"),
                QJsonArray {QJsonObject {{QStringLiteral("id"), QStringLiteral("hot_lead")},
                    {QStringLiteral("enabled"), QStringLiteral("yes")}}}}});
        QCOMPARE(bad.status, 400);
        QVERIFY2(bad.body.contains("enabled"), bad.body.constData());
        bad = putRules(server,
            QJsonObject {{QStringLiteral("settings"),
                QJsonObject {{QStringLiteral("repPhone"), QStringLiteral("12")}}}});
        QCOMPARE(bad.status, 400);
        QVERIFY2(bad.body.contains("repPhone"), bad.body.constData());
        QCOMPARE(
            store.value(QStringLiteral("SELECT params FROM handover_rules WHERE id = 'hot_lead'")).toString(),
            QStringLiteral("{\"minScore\":80}"));

        // A threshold every score meets: the route opens a handover with the score in the reason.
        const auto changed = putRules(server,
            QJsonObject {{QStringLiteral("rules"),
                QJsonArray {QJsonObject {{QStringLiteral("id"), QStringLiteral("hot_lead")},
                    {QStringLiteral("params"), QJsonObject {{QStringLiteral("minScore"), 0}}}}}}});
        QCOMPARE(changed.status, 200);
        answer = adminSend(server, "POST", path);
        QCOMPARE(answer.status, 200);
        json = answer.json();
        QCOMPARE(json.value(QStringLiteral("opened")).toBool(), true);
        const auto handover = json.value(QStringLiteral("handover")).toObject();
        QCOMPARE(handover.value(QStringLiteral("rule")).toString(), QStringLiteral("hot_lead"));
        const auto score
            = store.value(QStringLiteral("SELECT score FROM lead_scores WHERE lead_id = ?"), {lead}).toInt();
        QCOMPARE(
            handover.value(QStringLiteral("reason")).toString(), QStringLiteral("score %1 ≥ 0").arg(score));
        QCOMPARE(handover.value(QStringLiteral("state")).toString(), QStringLiteral("open"));
        const auto id = handover.value(QStringLiteral("id")).toInteger();
        // Again: the open one is answered, nothing added.
        answer = adminSend(server, "POST", path);
        QCOMPARE(answer.json().value(QStringLiteral("opened")).toBool(true), false);
        QCOMPARE(answer.json()
                     .value(QStringLiteral("handover"))
                     .toObject()
                     .value(QStringLiteral("id"))
                     .toInteger(),
            id);
        QCOMPARE(store.count(QStringLiteral("handovers")), 1);

        // The list, filtered by state.
        auto list = adminGet(server, QStringLiteral("/api/handovers?state=open"));
        QCOMPARE(list.status, 200);
        QCOMPARE(list.json().value(QStringLiteral("data")).toArray().size(), 1);
        QCOMPARE(adminGet(server, QStringLiteral("/api/handovers?state=waiting")).status, 400);

        // State moves.
        const auto one = QStringLiteral("/api/handovers/%1").arg(id);
        auto moved = adminSend(server, "PUT", one,
            QJsonObject {{QStringLiteral("state"), QStringLiteral("accepted")},
                {QStringLiteral("assignedTo"), QStringLiteral("Sam")}});
        QCOMPARE(moved.status, 200);
        QCOMPARE(moved.json().value(QStringLiteral("state")).toString(), QStringLiteral("accepted"));
        QCOMPARE(moved.json().value(QStringLiteral("assignedTo")).toString(), QStringLiteral("Sam"));
        QVERIFY(!moved.json().value(QStringLiteral("acceptedAt")).toString().isEmpty());
        moved = adminSend(
            server, "PUT", one, QJsonObject {{QStringLiteral("state"), QStringLiteral("accepted")}});
        QCOMPARE(moved.status, 409);
        QVERIFY2(moved.body.contains("accepted"), moved.body.constData());
        moved = adminSend(
            server, "PUT", one, QJsonObject {{QStringLiteral("state"), QStringLiteral("closed")}});
        QCOMPARE(moved.status, 200);
        moved = adminSend(
            server, "PUT", one, QJsonObject {{QStringLiteral("state"), QStringLiteral("accepted")}});
        QCOMPARE(moved.status, 409);
        QVERIFY2(moved.body.contains("closed"), moved.body.constData());
        QCOMPARE(
            adminSend(server, "PUT", one, QJsonObject {{QStringLiteral("state"), QStringLiteral("open")}})
                .status,
            400);
        QCOMPARE(
            adminSend(server, "PUT", one, QJsonObject {{QStringLiteral("colour"), QStringLiteral("red")}})
                .status,
            400);
        QCOMPARE(adminSend(server, "PUT", QStringLiteral("/api/handovers/999999"),
                     QJsonObject {{QStringLiteral("state"), QStringLiteral("closed")}})
                     .status,
            404);
        QCOMPARE(adminGet(server, QStringLiteral("/api/handovers?state=closed"))
                     .json()
                     .value(QStringLiteral("data"))
                     .toArray()
                     .size(),
            1);
        QCOMPARE(adminGet(server, QStringLiteral("/api/handovers/%1").arg(id))
                     .json()
                     .value(QStringLiteral("state"))
                     .toString(),
            QStringLiteral("closed"));
    }

    void unansweredInboundMessages()
    {
        TestServer server(options);
        QVERIFY2(server.started(), qPrintable(server.error()));
        const QString phone = QStringLiteral("+14155550143");
        QVERIFY(apiLead(server, QStringLiteral("Kim"), phone) > 0);
        Store store(server);
        QCOMPARE(inboundSms(server, QStringLiteral("SMun0001"), phone, QStringLiteral("one")).status, 200);
        QCOMPARE(inboundSms(server, QStringLiteral("SMun0002"), phone, QStringLiteral("two")).status, 200);
        QCOMPARE(store.count(QStringLiteral("handovers")), 0);
        QCOMPARE(inboundSms(server, QStringLiteral("SMun0003"), phone, QStringLiteral("three")).status, 200);
        QCOMPARE(store.count(QStringLiteral("handovers")), 1);
        QCOMPARE(store.value(QStringLiteral("SELECT reason FROM handovers")).toString(),
            QStringLiteral("3 inbound messages unanswered"));
    }
};

QTEST_GUILESS_MAIN(TestHandover)
#include "tst_handover.moc"
