// Campaigns over real HTTP against the fake Twilio on loopback: a 500-recipient SMS campaign completes
// with exactly one request per lead at the fake and exact counts; do-not-contact leads are left out
// and counted; pause holds the sends and resume finishes them; a restart on the same data directory
// mid-campaign sends no lead twice and skips none; a status callback moves a recipient to delivered
// and an inbound reply to replied; an unknown placeholder is a 400 and an illegal transition a 409;
// the campaign webhook (token) starts an API campaign.
#include "ProviderTestSupport.h"
#include "fakes/SmsFakes.h"
#include "security/TwilioSignature.h"
#include "storage/CampaignRepository.h"
#include "storage/LeadDirectory.h"
#include "storage/SqlWorker.h"

#include <QJsonArray>
#include <QSet>
#include <QTimeZone>

using namespace sb;
using namespace sb::test;

namespace {

const QString accountSid = QStringLiteral("AC0123456789abcdef0123456789abcdef");
const QString authToken = QStringLiteral("twilio-campaign-token-0042");
const QString senderNumber = QStringLiteral("+14155550100");
const QString publicUrl = QStringLiteral("https://switchboard.example.test");
const QString campaignToken = QStringLiteral("campaign-webhook-token-77");

std::function<void(RuntimeOptions &)> withFake(const FakeTwilio &fake)
{
    const auto base = fake.baseUrl();
    return [base](RuntimeOptions &options) {
        options.environment.insert(QStringLiteral("TWILIO_ACCOUNT_SID"), accountSid);
        options.environment.insert(QStringLiteral("TWILIO_AUTH_TOKEN"), authToken);
        options.environment.insert(QStringLiteral("TWILIO_PHONE_NUMBER"), senderNumber);
        options.environment.insert(QStringLiteral("TWILIO_API_BASE_URL"), base);
        options.environment.insert(QStringLiteral("SWITCHBOARD_OUTBOX_PACING"), QStringLiteral("0"));
        options.environment.insert(QStringLiteral("CAMPAIGN_WEBHOOK_TOKEN"), campaignToken);
        options.publicUrl = publicUrl;
    };
}

QString phoneOf(int n)
{
    return QStringLiteral("+1415555%1").arg(n, 4, 10, QLatin1Char('0'));
}

// `count` leads with phones +14155551000.. and first names Lead<n> (every fifth without one);
// `doNotContact` more marked do-not-contact.
void seedLeads(TestServer &server, QObject *context, int count, int doNotContact = 0, int first = 1000)
{
    bool done = false;
    SqlJob job;
    job.run = [count, doNotContact, first](SqlContext &c) -> ApiResult {
        for (int i = 0; i < count + doNotContact; ++i) {
            const auto lead = LeadDirectory::forPhone(c, phoneOf(first + i), QStringLiteral("test"), {});
            if (i % 5 != 4)
                c.run(QStringLiteral("UPDATE leads SET first_name = ? WHERE id = ?"),
                    {QStringLiteral("Lead%1").arg(i), lead.id});
            if (i >= count)
                LeadDirectory::markDoNotContact(c, lead.id, QStringLiteral("STOP received"), {});
        }
        return ApiResponse {};
    };
    job.replyContext = context;
    job.done = [&done](const ApiResult &) { done = true; };
    server.runtime().writer().submit(std::move(job));
    QTRY_VERIFY(done);
}

HttpReply api(TestServer &server, const QByteArray &method, const QString &path, const QJsonObject &body = {})
{
    return request(method, server.url(path),
        body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact),
        {{"Content-Type", "application/json"}, {"X-API-Key", adminKey}});
}

QJsonObject smsCampaign(int throttle)
{
    return {{QStringLiteral("name"), QStringLiteral("Spring offer")},
        {QStringLiteral("channel"), QStringLiteral("sms")},
        {QStringLiteral("body"), QStringLiteral("Hi {first_name|there}, spring deals are here")},
        {QStringLiteral("throttlePerMinute"), throttle},
        {QStringLiteral("audience"), QJsonObject {{QStringLiteral("hasPhone"), true}}}};
}

qint64 createCampaign(TestServer &server, const QJsonObject &body)
{
    const auto reply = api(server, "POST", QStringLiteral("/api/campaigns"), body);
    if (reply.status != 201)
        qWarning("create: %d %s", reply.status, reply.body.constData());
    return reply.status == 201 ? reply.json().value(QStringLiteral("id")).toInteger() : 0;
}

QJsonObject campaign(TestServer &server, qint64 id)
{
    return api(server, "GET", QStringLiteral("/api/campaigns/%1").arg(id)).json();
}

QString stateOf(TestServer &server, qint64 id)
{
    return campaign(server, id).value(QStringLiteral("state")).toString();
}

QJsonObject progressOf(TestServer &server, qint64 id)
{
    return campaign(server, id).value(QStringLiteral("progress")).toObject();
}

} // namespace

class CampaignsTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void fiveHundredRecipientsCompleteWithExactCounts()
    {
        FakeTwilio fake(accountSid, authToken);
        TestServer server(withFake(fake));
        QVERIFY2(server.started(), qPrintable(server.error()));
        seedLeads(server, this, 500, 3);
        const auto id = createCampaign(server, smsCampaign(0));
        QVERIFY(id > 0);
        const auto draft = campaign(server, id);
        QCOMPARE(draft.value(QStringLiteral("state")).toString(), QStringLiteral("draft"));
        QCOMPARE(draft.value(QStringLiteral("audienceCount")).toInteger(), 500);
        QCOMPARE(draft.value(QStringLiteral("audienceDoNotContact")).toInteger(), 3);
        const auto progressKeys = draft.value(QStringLiteral("progress")).toObject().keys();
        for (const auto &key : {"total", "queued", "sent", "delivered", "opened", "clicked", "replied",
                 "bounced", "failed", "unsubscribed", "skippedDoNotContact"})
            QVERIFY2(progressKeys.contains(QLatin1String(key)), key);

        const auto executed = api(server, "POST", QStringLiteral("/api/campaigns/%1/execute").arg(id));
        QCOMPARE(executed.status, 202);
        QCOMPARE(executed.json().value(QStringLiteral("state")).toString(), QStringLiteral("running"));
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(server, id), QStringLiteral("completed"), 60000);
        QCOMPARE(fake.accepted().size(), 500);
        QCOMPARE(fake.requestCount(), 500);
        QVERIFY2(fake.violations().isEmpty(), qPrintable(fake.violations().join(u'\n')));
        QSet<QString> recipients;
        for (const auto &message : fake.accepted())
            recipients.insert(message.to);
        QCOMPARE(recipients.size(), 500);
        QVERIFY(!recipients.contains(phoneOf(1500))); // do-not-contact
        // The template: a name, or the fallback for the leads without one.
        QSet<QString> bodies;
        for (const auto &message : fake.accepted())
            bodies.insert(message.body);
        QVERIFY(bodies.contains(QStringLiteral("Hi Lead0, spring deals are here")));
        QVERIFY(bodies.contains(QStringLiteral("Hi there, spring deals are here")));
        const auto progress = progressOf(server, id);
        QCOMPARE(progress.value(QStringLiteral("total")).toInteger(), 500);
        QCOMPARE(progress.value(QStringLiteral("sent")).toInteger(), 500);
        QCOMPARE(progress.value(QStringLiteral("queued")).toInteger(), 0);
        QCOMPARE(progress.value(QStringLiteral("failed")).toInteger(), 0);
        QCOMPARE(progress.value(QStringLiteral("skippedDoNotContact")).toInteger(), 3);

        // Recipients: keyset pages of 100 cover all 500 once.
        QSet<qint64> leads;
        QString cursor;
        int pages = 0;
        do {
            auto path = QStringLiteral("/api/campaigns/%1/recipients?state=sent&limit=100").arg(id);
            if (!cursor.isEmpty())
                path += QStringLiteral("&cursor=") + cursor;
            const auto page = api(server, "GET", path).json();
            for (const auto &row : page.value(QStringLiteral("data")).toArray())
                leads.insert(row.toObject().value(QStringLiteral("leadId")).toInteger());
            cursor = page.value(QStringLiteral("next_cursor")).toString();
            ++pages;
        } while (!cursor.isEmpty() && pages < 20);
        QCOMPARE(pages, 5);
        QCOMPARE(leads.size(), 500);

        const auto analytics = api(server, "GET", QStringLiteral("/api/campaigns/%1/analytics").arg(id));
        QCOMPARE(analytics.status, 200);
        const auto stats = analytics.json();
        QCOMPARE(
            stats.value(QStringLiteral("counts")).toObject().value(QStringLiteral("sent")).toInteger(), 500);
        QCOMPARE(
            stats.value(QStringLiteral("rates")).toObject().value(QStringLiteral("sent")).toDouble(), 1.0);
        QVERIFY(!stats.value(QStringLiteral("timeline")).toArray().isEmpty());
        QCOMPARE(stats.value(QStringLiteral("byHour"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("sent"))
                     .toInteger(),
            500);

        // Events: campaign.started and campaign.completed in the event log (outbound webhooks, live topic).
        Store store(server);
        QTRY_COMPARE(
            store.count(QStringLiteral("event_log"), QStringLiteral("type = 'campaign.completed'")), 1);
        QCOMPARE(store.count(QStringLiteral("event_log"), QStringLiteral("type = 'campaign.started'")), 1);
        QCOMPARE(store.value(QStringLiteral("SELECT topic FROM event_log WHERE type = 'campaign.completed'"))
                     .toString(),
            QStringLiteral("campaigns"));
        // A second execute is an illegal transition.
        const auto again = api(server, "POST", QStringLiteral("/api/campaigns/%1/execute").arg(id));
        QCOMPARE(again.status, 409);
        QVERIFY2(
            again.json().value(QStringLiteral("detail")).toString().contains(QStringLiteral("completed")),
            again.body.constData());
    }

    void validationAndTransitions()
    {
        FakeTwilio fake(accountSid, authToken);
        TestServer server(withFake(fake));
        QVERIFY2(server.started(), qPrintable(server.error()));
        auto body = smsCampaign(0);
        body.insert(QStringLiteral("body"), QStringLiteral("Hi {first_name}, your {coupon_code} is ready"));
        const auto unknown = api(server, "POST", QStringLiteral("/api/campaigns"), body);
        QCOMPARE(unknown.status, 400);
        QVERIFY2(unknown.json()
                     .value(QStringLiteral("detail"))
                     .toString()
                     .contains(QStringLiteral("{coupon_code}")),
            unknown.body.constData());
        Store store(server);
        QCOMPARE(store.count(QStringLiteral("campaigns")), 0);

        auto badAudience = smsCampaign(0);
        badAudience.insert(QStringLiteral("audience"),
            QJsonObject {{QStringLiteral("status"), QJsonArray {QStringLiteral("hot")}}});
        QCOMPARE(api(server, "POST", QStringLiteral("/api/campaigns"), badAudience).status, 400);
        auto badChannel = smsCampaign(0);
        badChannel.insert(QStringLiteral("channel"), QStringLiteral("fax"));
        QCOMPARE(api(server, "POST", QStringLiteral("/api/campaigns"), badChannel).status, 400);
        auto noSubject = smsCampaign(0);
        noSubject.insert(QStringLiteral("channel"), QStringLiteral("email"));
        QCOMPARE(api(server, "POST", QStringLiteral("/api/campaigns"), noSubject).status, 400);

        const auto id = createCampaign(server, smsCampaign(0));
        QVERIFY(id > 0);
        const auto pause = api(server, "POST", QStringLiteral("/api/campaigns/%1/pause").arg(id));
        QCOMPARE(pause.status, 409);
        QVERIFY2(pause.json().value(QStringLiteral("detail")).toString().contains(QStringLiteral("draft")),
            pause.body.constData());
        QCOMPARE(api(server, "POST", QStringLiteral("/api/campaigns/%1/resume").arg(id)).status, 409);
        // PUT with an unknown placeholder leaves the stored campaign alone.
        const auto put = api(server, "PUT", QStringLiteral("/api/campaigns/%1").arg(id),
            {{QStringLiteral("body"), QStringLiteral("{nickname}")}});
        QCOMPARE(put.status, 400);
        QCOMPARE(campaign(server, id).value(QStringLiteral("body")).toString(),
            QStringLiteral("Hi {first_name|there}, spring deals are here"));
        const auto renamed = api(server, "PUT", QStringLiteral("/api/campaigns/%1").arg(id),
            {{QStringLiteral("name"), QStringLiteral("Summer offer")}});
        QCOMPARE(renamed.status, 200);
        QCOMPARE(renamed.json().value(QStringLiteral("name")).toString(), QStringLiteral("Summer offer"));
        QCOMPARE(api(server, "POST", QStringLiteral("/api/campaigns/%1/cancel").arg(id)).status, 200);
        QCOMPARE(api(server, "POST", QStringLiteral("/api/campaigns/%1/execute").arg(id)).status, 409);
        QCOMPARE(api(server, "PUT", QStringLiteral("/api/campaigns/%1").arg(id),
                     {{QStringLiteral("name"), QStringLiteral("x")}})
                     .status,
            409);
        QCOMPARE(api(server, "DELETE", QStringLiteral("/api/campaigns/%1").arg(id)).status, 200);
        QCOMPARE(api(server, "GET", QStringLiteral("/api/campaigns/%1").arg(id)).status, 404);
        QCOMPARE(api(server, "GET", QStringLiteral("/api/campaigns")).status, 200);
        QCOMPARE(api(server, "GET", QStringLiteral("/api/campaigns?state=bogus")).status, 400);
        const auto badSort = api(server, "GET", QStringLiteral("/api/campaigns?sort=name"));
        QCOMPARE(badSort.status, 400);
        QVERIFY2(badSort.body.contains("created_at, -created_at") && !badSort.body.contains("--"),
            badSort.body.constData());
        QCOMPARE(api(server, "GET", QStringLiteral("/api/campaigns?sort=created_at")).status, 200);
        QCOMPARE(api(server, "GET", QStringLiteral("/api/campaigns?sort=-created_at")).status, 200);
        QCOMPARE(request("GET", server.url(QStringLiteral("/api/campaigns"))).status, 401);
    }

    void pauseHoldsAndResumeFinishes()
    {
        FakeTwilio fake(accountSid, authToken);
        TestServer server(withFake(fake));
        QVERIFY2(server.started(), qPrintable(server.error()));
        seedLeads(server, this, 8);
        const auto id = createCampaign(server, smsCampaign(300)); // one every 200 ms
        QCOMPARE(api(server, "POST", QStringLiteral("/api/campaigns/%1/execute").arg(id)).status, 202);
        QTRY_VERIFY_WITH_TIMEOUT(fake.accepted().size() >= 2, 10000);
        QCOMPARE(api(server, "POST", QStringLiteral("/api/campaigns/%1/pause").arg(id)).status, 200);
        QTest::qWait(500); // sends already handed to the outbox finish
        const auto held = fake.accepted().size();
        QVERIFY(held < 8);
        QTest::qWait(1500);
        QCOMPARE(fake.accepted().size(), held);
        QCOMPARE(stateOf(server, id), QStringLiteral("paused"));
        QCOMPARE(api(server, "POST", QStringLiteral("/api/campaigns/%1/resume").arg(id)).status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(server, id), QStringLiteral("completed"), 20000);
        QCOMPARE(fake.requestCount(), 8);
        QCOMPARE(progressOf(server, id).value(QStringLiteral("sent")).toInteger(), 8);
    }

    void restartMidCampaignSendsEachLeadOnce()
    {
        FakeTwilio fake(accountSid, authToken);
        QString dataDir;
        qint64 id = 0;
        QTemporaryDir dir;
        {
            TestServer server(withFake(fake), nullptr, {}, dir.path());
            QVERIFY2(server.started(), qPrintable(server.error()));
            seedLeads(server, this, 30);
            id = createCampaign(server, smsCampaign(600)); // one every 100 ms
            QCOMPARE(api(server, "POST", QStringLiteral("/api/campaigns/%1/execute").arg(id)).status, 202);
            QTRY_VERIFY_WITH_TIMEOUT(fake.accepted().size() >= 8, 10000);
            server.stop();
        }
        const auto before = fake.requestCount();
        QVERIFY2(before < 30, qPrintable(QString::number(before)));
        TestServer server(withFake(fake), nullptr, {}, dir.path());
        QVERIFY2(server.started(), qPrintable(server.error()));
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(server, id), QStringLiteral("completed"), 30000);
        QCOMPARE(fake.requestCount(), 30);
        QSet<QString> recipients;
        for (const auto &message : fake.accepted())
            recipients.insert(message.to);
        QCOMPARE(recipients.size(), 30);
        QCOMPARE(progressOf(server, id).value(QStringLiteral("sent")).toInteger(), 30);
        Store store(server);
        QCOMPARE(store.count(QStringLiteral("outbox")), 30);
    }

    void statusCallbackAndReplyMoveRecipients()
    {
        FakeTwilio fake(accountSid, authToken);
        TestServer server(withFake(fake));
        QVERIFY2(server.started(), qPrintable(server.error()));
        seedLeads(server, this, 2);
        const auto id = createCampaign(server, smsCampaign(0));
        QCOMPARE(api(server, "POST", QStringLiteral("/api/campaigns/%1/execute").arg(id)).status, 202);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(server, id), QStringLiteral("completed"), 10000);
        QCOMPARE(fake.accepted().size(), 2);
        const auto first = fake.accepted().at(0);
        const auto second = fake.accepted().at(1);

        const auto statusPath = QStringLiteral("/api/webhooks/twilio/sms/status");
        const QList<QPair<QString, QString>> status {{QStringLiteral("MessageSid"), first.sid},
            {QStringLiteral("AccountSid"), accountSid}, {QStringLiteral("From"), senderNumber},
            {QStringLiteral("To"), first.to}, {QStringLiteral("MessageStatus"), QStringLiteral("delivered")}};
        const auto callback = request("POST", server.url(statusPath), formBody(status),
            {{"Content-Type", "application/x-www-form-urlencoded"},
                {"X-Twilio-Signature",
                    TwilioSignature::sign(
                        authToken.toUtf8(), (publicUrl + statusPath).toUtf8(), formFields(status))}});
        QCOMPARE(callback.status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(
            progressOf(server, id).value(QStringLiteral("delivered")).toInteger(), 1, 5000);

        const auto smsPath = QStringLiteral("/api/webhooks/twilio/sms");
        const QList<QPair<QString, QString>> reply {
            {QStringLiteral("MessageSid"), QStringLiteral("SMreply0001")},
            {QStringLiteral("AccountSid"), accountSid}, {QStringLiteral("From"), second.to},
            {QStringLiteral("To"), senderNumber},
            {QStringLiteral("Body"), QStringLiteral("Yes please, call me")}};
        const auto inbound = request("POST", server.url(smsPath), formBody(reply),
            {{"Content-Type", "application/x-www-form-urlencoded"},
                {"X-Twilio-Signature",
                    TwilioSignature::sign(
                        authToken.toUtf8(), (publicUrl + smsPath).toUtf8(), formFields(reply))}});
        QCOMPARE(inbound.status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(
            progressOf(server, id).value(QStringLiteral("replied")).toInteger(), 1, 5000);
        const auto progress = progressOf(server, id);
        QCOMPARE(progress.value(QStringLiteral("delivered")).toInteger(), 1);
        QCOMPARE(progress.value(QStringLiteral("sent")).toInteger(), 0);
        const auto replied
            = api(server, "GET", QStringLiteral("/api/campaigns/%1/recipients?state=replied").arg(id)).json();
        QCOMPARE(replied.value(QStringLiteral("data")).toArray().size(), 1);
        QVERIFY(!replied.value(QStringLiteral("data"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("repliedAt"))
                     .isNull());
    }

    void scheduledCampaignStartsAtItsTime()
    {
        FakeTwilio fake(accountSid, authToken);
        TestServer server(withFake(fake));
        QVERIFY2(server.started(), qPrintable(server.error()));
        seedLeads(server, this, 3);
        auto body = smsCampaign(0);
        // Local time in the campaign's time zone (no offset given).
        const auto zone = QTimeZone(QByteArrayLiteral("America/New_York"));
        const auto at = QDateTime::currentDateTimeUtc().addSecs(3).toTimeZone(zone);
        body.insert(QStringLiteral("timeZone"), QStringLiteral("America/New_York"));
        body.insert(QStringLiteral("scheduledAt"), at.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss")));
        const auto id = createCampaign(server, body);
        QVERIFY(id > 0);
        const auto stored = QDateTime::fromString(
            campaign(server, id).value(QStringLiteral("scheduledAt")).toString(), Qt::ISODateWithMs);
        QVERIFY(qAbs(stored.secsTo(at)) <= 1);
        const auto executed = api(server, "POST", QStringLiteral("/api/campaigns/%1/execute").arg(id));
        QCOMPARE(executed.status, 202);
        QCOMPARE(executed.json().value(QStringLiteral("state")).toString(), QStringLiteral("scheduled"));
        QTest::qWait(1000);
        QCOMPARE(fake.requestCount(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(server, id), QStringLiteral("completed"), 15000);
        QCOMPARE(fake.requestCount(), 3);
    }

    // Mailgun's events as MessagingRepository raises them (message.updated with the event name): the
    // recipient of the message moves forward only, a permanent failure of an email is a bounce.
    void emailEventsMoveRecipientsForwardOnly()
    {
        TestServer server;
        QVERIFY2(server.started(), qPrintable(server.error()));
        QStringList states;
        SqlJob job;
        job.run = [&states](SqlContext &c) -> ApiResult {
            const auto now = c.nowMs();
            c.run(QStringLiteral(
                      "INSERT INTO campaigns(id, name, channel, body, state, created_at, updated_at) "
                      "VALUES(1, 'mail', 'email', 'x', 'running', ?, ?)"),
                {now, now});
            for (int i = 1; i <= 3; ++i)
                c.run(
                    QStringLiteral("INSERT INTO campaign_recipients(campaign_id, lead_id, state, message_id, "
                                   "queued_at, updated_at) VALUES(1, ?, 'queued', ?, ?, ?)"),
                    {i, 700 + i, now, now});
            const auto event = [&c](int message, const char *name, const char *status) {
                return CampaignRepository::applyMessageUpdate(c,
                    {{QStringLiteral("messageId"), message}, {QStringLiteral("event"), QLatin1String(name)},
                        {QStringLiteral("status"), QLatin1String(status)},
                        {QStringLiteral("message"),
                            QJsonObject {{QStringLiteral("channel"), QStringLiteral("email")}}}});
            };
            event(701, "delivered", "delivered");
            event(701, "opened", "delivered");
            event(701, "clicked", "delivered");
            const bool backwards = event(701, "delivered", "delivered");
            event(702, "failed", "failed");
            event(703, "delivered", "delivered");
            event(703, "unsubscribed", "delivered");
            const bool unrelated = event(999, "opened", "delivered");
            auto &query = c.run(QStringLiteral("SELECT state FROM campaign_recipients ORDER BY lead_id"), {});
            while (query.next())
                states.append(query.value(0).toString());
            query.finish();
            states.append(backwards ? QStringLiteral("moved back") : QStringLiteral("held"));
            states.append(unrelated ? QStringLiteral("unrelated moved") : QStringLiteral("ignored"));
            return ApiResponse {};
        };
        bool done = false;
        job.replyContext = this;
        job.done = [&done](const ApiResult &) { done = true; };
        server.runtime().writer().submit(std::move(job));
        QTRY_VERIFY(done);
        QCOMPARE(states,
            (QStringList {QStringLiteral("clicked"), QStringLiteral("bounced"),
                QStringLiteral("unsubscribed"), QStringLiteral("held"), QStringLiteral("ignored")}));
    }

    void campaignWebhookRunsAnApiCampaign()
    {
        FakeTwilio fake(accountSid, authToken);
        TestServer server(withFake(fake));
        QVERIFY2(server.started(), qPrintable(server.error()));
        seedLeads(server, this, 5, 1);
        const auto id = createCampaign(server, smsCampaign(0));
        const auto trigger = [&] {
            return request("POST", server.url(QStringLiteral("/api/webhooks/campaign/execute")),
                QJsonDocument(QJsonObject {{QStringLiteral("campaignId"), id},
                                  {QStringLiteral("executionId"), QStringLiteral("run-1")}})
                    .toJson(QJsonDocument::Compact),
                {{"Content-Type", "application/json"},
                    {"Authorization", "Bearer " + campaignToken.toUtf8()}});
        };
        const auto reply = trigger();
        QCOMPARE(reply.status, 200);
        const auto execution = reply.json().value(QStringLiteral("execution")).toObject();
        QCOMPARE(execution.value(QStringLiteral("leadCount")).toInteger(), 5);
        QCOMPARE(execution.value(QStringLiteral("skippedDoNotContact")).toInteger(), 1);
        QCOMPARE(
            execution.value(QStringLiteral("progress")).toObject().value(QStringLiteral("total")).toInteger(),
            5);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(server, id), QStringLiteral("completed"), 10000);
        QCOMPARE(fake.requestCount(), 5);
        // The same execution again reports the campaign's progress now; nothing is sent again.
        const auto again = trigger();
        QCOMPARE(again.status, 200);
        const auto report = again.json().value(QStringLiteral("execution")).toObject();
        QVERIFY(report.value(QStringLiteral("duplicate")).toBool());
        QCOMPARE(report.value(QStringLiteral("status")).toString(), QStringLiteral("completed"));
        QCOMPARE(
            report.value(QStringLiteral("progress")).toObject().value(QStringLiteral("sent")).toInteger(), 5);
        QTest::qWait(300);
        QCOMPARE(fake.requestCount(), 5);
    }
};

QTEST_MAIN(CampaignsTest)
#include "tst_campaigns.moc"
