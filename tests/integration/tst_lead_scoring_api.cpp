// Lead scoring and status from activity end to end: a lead created by a signed CRM webhook, a signed
// Twilio inbound SMS from its phone moves it new -> contacted (status_history with the reason,
// lead.status_changed) and raises its score with the reasons listed; GET /api/leads/scoring orders
// by score and pages without repeats; the status rule can be turned off over the API.
#include "ProviderTestSupport.h"
#include "security/ElevenLabsSignature.h"
#include "security/TwilioSignature.h"

#include <QJsonArray>
#include <QSet>
#include <QTemporaryDir>

using namespace sb;
using namespace sb::test;

namespace {

const QByteArray token = "twilio-test-token";

void withToken(RuntimeOptions &options)
{
    options.environment.insert(QStringLiteral("TWILIO_AUTH_TOKEN"), QString::fromLatin1(token));
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
            {"X-Twilio-Signature", TwilioSignature::sign(token, url.toEncoded(), formFields(fields))}});
}

qint64 crmLead(TestServer &server, const QString &first, const QString &phone)
{
    static int sent = 0;
    const QJsonObject envelope {{QStringLiteral("event"), QStringLiteral("new_lead")},
        {QStringLiteral("source"), QStringLiteral("crm")},
        {QStringLiteral("timestamp"),
            QStringLiteral("2024-01-15T10:30:%1Z").arg(++sent, 2, 10, QLatin1Char('0'))},
        {QStringLiteral("data"),
            QJsonObject {{QStringLiteral("first_name"), first},
                {QStringLiteral("last_name"), QStringLiteral("Scored")}, {QStringLiteral("phone"), phone},
                {QStringLiteral("source"), QStringLiteral("website")}}}};
    const auto reply = postCrm(server, QStringLiteral("/api/v1/webhooks/incoming/lead/create"), envelope);
    if (reply.status != 200)
        qWarning("CRM create failed: %d %s", reply.status, reply.body.constData());
    return reply.json().value(QStringLiteral("data")).toObject().value(QStringLiteral("lead_id")).toInteger();
}

qint64 apiLead(TestServer &server, const QJsonObject &body)
{
    const auto reply = adminSend(server, "POST", QStringLiteral("/api/leads"), body);
    if (reply.status != 201)
        qWarning("create failed: %d %s", reply.status, reply.body.constData());
    return reply.json().value(QStringLiteral("id")).toInteger();
}

QStringList reasonTexts(const QJsonArray &reasons)
{
    QStringList texts;
    for (const auto &reason : reasons) {
        const auto o = reason.toObject();
        texts.append(QStringLiteral("%1 %2")
                         .arg(o.value(QStringLiteral("points")).toInt())
                         .arg(o.value(QStringLiteral("reason")).toString()));
    }
    return texts;
}

QJsonObject lead(TestServer &server, qint64 id)
{
    return adminGet(server, QStringLiteral("/api/leads/%1").arg(id)).json();
}

QString statusOf(TestServer &server, qint64 id)
{
    return lead(server, id).value(QStringLiteral("lead_status")).toString();
}

} // namespace

class TestLeadScoringApi : public QObject
{
    Q_OBJECT
private slots:
    void inboundReplyMovesStatusAndRaisesScore()
    {
        TestServer server(withToken);
        QVERIFY2(server.started(), qPrintable(server.error()));
        BusEvents events(server.runtime().bus());
        Store store(server);

        const auto id = crmLead(server, QStringLiteral("Ada"), QStringLiteral("+14155550134"));
        QVERIFY(id > 0);
        auto before = lead(server, id);
        QCOMPARE(before.value(QStringLiteral("lead_status")).toString(), QStringLiteral("new"));
        QCOMPARE(before.value(QStringLiteral("score")).toInt(-1), 0);
        QVERIFY(before.value(QStringLiteral("scoreReasons")).toArray().isEmpty());

        const auto reply = inboundSms(server, QStringLiteral("SMscore1"), QStringLiteral("+14155550134"),
            QStringLiteral("Yes, call me tomorrow"));
        QCOMPARE(reply.status, 200);

        const auto after = lead(server, id);
        QCOMPARE(after.value(QStringLiteral("lead_status")).toString(), QStringLiteral("contacted"));
        QCOMPARE(after.value(QStringLiteral("score")).toInt(), 40);
        QCOMPARE(reasonTexts(after.value(QStringLiteral("scoreReasons")).toArray()),
            (QStringList {QStringLiteral("20 replied (an inbound SMS or email)"),
                QStringLiteral("15 last inbound activity within 24 h"),
                QStringLiteral("5 status contacted")}));
        QVERIFY(!after.value(QStringLiteral("scoreComputedAt")).toString().isEmpty());

        // The same status-history path as a manual change: a row with source and reason, and the event.
        const auto history
            = store.row(QStringLiteral("SELECT old_status, new_status, remarks, source FROM status_history "
                                       "WHERE owner_kind = 'lead' AND owner_id = ? ORDER BY id DESC LIMIT 1"),
                {id});
        QCOMPARE(history.value(QStringLiteral("old_status")).toString(), QStringLiteral("new"));
        QCOMPARE(history.value(QStringLiteral("new_status")).toString(), QStringLiteral("contacted"));
        QCOMPARE(
            history.value(QStringLiteral("remarks")).toString(), QStringLiteral("automatic: inbound reply"));
        QCOMPARE(history.value(QStringLiteral("source")).toString(), QStringLiteral("automatic"));
        QTRY_COMPARE(events.count(QStringLiteral("lead.status_changed")), 1);
        const auto changed = events.payloads.at(events.types.indexOf(QStringLiteral("lead.status_changed")));
        QCOMPARE(changed.value(QStringLiteral("lead_id")).toInteger(), id);
        QCOMPARE(changed.value(QStringLiteral("new_status")).toString(), QStringLiteral("contacted"));

        // A second reply: status stays (the rule is from new only), the score counts the further reply.
        QCOMPARE(inboundSms(server, QStringLiteral("SMscore2"), QStringLiteral("+14155550134"),
                     QStringLiteral("Any time after 10"))
                     .status,
            200);
        QCOMPARE(statusOf(server, id), QStringLiteral("contacted"));
        QCOMPARE(lead(server, id).value(QStringLiteral("score")).toInt(), 45);
        QCOMPARE(store.count(QStringLiteral("status_history"),
                     QStringLiteral("owner_kind = 'lead' AND owner_id = ?"), {id}),
            2);

        // The stored row is what the API shows.
        QCOMPARE(
            store.value(QStringLiteral("SELECT score FROM lead_scores WHERE lead_id = ?"), {id}).toInt(), 45);
    }

    void scoringListOrdersAndPages()
    {
        TestServer server(withToken);
        QVERIFY2(server.started(), qPrintable(server.error()));
        QMap<qint64, int> expected;
        expected.insert(apiLead(server,
                            {{QStringLiteral("first_name"), QStringLiteral("Won")},
                                {QStringLiteral("lead_status"), QStringLiteral("won")},
                                {QStringLiteral("expected_value"), 25000}}),
            35);
        expected.insert(apiLead(server,
                            {{QStringLiteral("first_name"), QStringLiteral("Lost")},
                                {QStringLiteral("lead_status"), QStringLiteral("lost")}}),
            0);
        for (int i = 0; i < 4; ++i)
            expected.insert(apiLead(server,
                                {{QStringLiteral("first_name"), QStringLiteral("Q%1").arg(i)},
                                    {QStringLiteral("lead_status"), QStringLiteral("qualified")}}),
                10);
        expected.insert(apiLead(server,
                            {{QStringLiteral("first_name"), QStringLiteral("Mid")},
                                {QStringLiteral("expected_value"), 5000}}),
            5);
        const auto replied = crmLead(server, QStringLiteral("Replied"), QStringLiteral("+14155550177"));
        QCOMPARE(inboundSms(
                     server, QStringLiteral("SMlist1"), QStringLiteral("+14155550177"), QStringLiteral("hi"))
                     .status,
            200);
        expected.insert(replied, 40);

        QList<qint64> seen;
        QList<int> scores;
        QString cursor;
        int pages = 0;
        do {
            auto path = QStringLiteral("/api/leads/scoring?limit=3");
            if (!cursor.isEmpty())
                path += QStringLiteral("&cursor=") + QString::fromLatin1(QUrl::toPercentEncoding(cursor));
            const auto reply = adminGet(server, path);
            QCOMPARE(reply.status, 200);
            const auto body = reply.json();
            QCOMPARE(body.value(QStringLiteral("sort")).toString(), QStringLiteral("-score"));
            for (const auto &item : body.value(QStringLiteral("data")).toArray()) {
                const auto o = item.toObject();
                const auto id = o.value(QStringLiteral("leadId")).toInteger();
                QVERIFY2(!seen.contains(id), "a lead came twice");
                seen.append(id);
                scores.append(o.value(QStringLiteral("score")).toInt());
                QCOMPARE(o.value(QStringLiteral("score")).toInt(), expected.value(id, -1));
                QVERIFY(o.contains(QStringLiteral("reasons")));
                QVERIFY(!o.value(QStringLiteral("name")).toString().isEmpty());
            }
            cursor = body.value(QStringLiteral("next_cursor")).toString();
            QCOMPARE(body.value(QStringLiteral("has_more")).toBool(), !cursor.isEmpty());
            ++pages;
        } while (!cursor.isEmpty() && pages < 10);
        QCOMPARE(pages, 3);
        QCOMPARE(seen.size(), expected.size());
        QCOMPARE(seen.first(), replied);
        for (int i = 1; i < scores.size(); ++i)
            QVERIFY2(scores[i - 1] >= scores[i], "not ordered by score");
        QCOMPARE(scores.last(), 0);

        // Filters.
        const auto hot = adminGet(server, QStringLiteral("/api/leads/scoring?min_score=35")).json();
        QCOMPARE(hot.value(QStringLiteral("data")).toArray().size(), 2);
        const auto qualified = adminGet(server, QStringLiteral("/api/leads/scoring?status=qualified"))
                                   .json()
                                   .value(QStringLiteral("data"))
                                   .toArray();
        QCOMPARE(qualified.size(), 4);
        for (const auto &item : qualified)
            QCOMPARE(item.toObject().value(QStringLiteral("status")).toString(), QStringLiteral("qualified"));
        for (const auto &bad : {QStringLiteral("min_score=101"), QStringLiteral("min_score=x"),
                 QStringLiteral("status=warm"), QStringLiteral("limit=0"), QStringLiteral("cursor=zzz")}) {
            const auto reply = adminGet(server, QStringLiteral("/api/leads/scoring?") + bad);
            QCOMPARE(reply.status, 400);
            QVERIFY2(!reply.json().value(QStringLiteral("detail")).toString().isEmpty(), qPrintable(bad));
        }
        QCOMPARE(adminGet(server, QStringLiteral("/api/leads/scoring?min_score=101"))
                     .json()
                     .value(QStringLiteral("detail"))
                     .toString(),
            QStringLiteral("min_score must be an integer from 0 to 100"));
    }

    void statusRuleCanBeTurnedOff()
    {
        TestServer server(withToken);
        QVERIFY2(server.started(), qPrintable(server.error()));
        Store store(server);

        auto rules = adminGet(server, QStringLiteral("/api/leads/status-rules"));
        QCOMPARE(rules.status, 200);
        auto list = rules.json().value(QStringLiteral("rules")).toArray();
        QCOMPARE(list.size(), 2);
        QCOMPARE(
            list.at(1).toObject().value(QStringLiteral("id")).toString(), QStringLiteral("reply_contacted"));
        QCOMPARE(list.at(1).toObject().value(QStringLiteral("enabled")).toBool(), true);
        QCOMPARE(
            list.at(1).toObject().value(QStringLiteral("toStatus")).toString(), QStringLiteral("contacted"));

        // Bad changes: 400 naming the problem, nothing stored.
        const QList<QPair<QJsonObject, QString>> bad {
            {QJsonObject {{QStringLiteral("rules"), QJsonArray {}}},
                QStringLiteral("rules must be a non-empty array")},
            {QJsonObject {{QStringLiteral("rules"),
                 QJsonArray {QJsonObject {{QStringLiteral("id"), QStringLiteral("nope")}}}}},
                QStringLiteral("rules[].id must name a rule (unknown: \"nope\")")},
            {QJsonObject {{QStringLiteral("rules"),
                 QJsonArray {QJsonObject {{QStringLiteral("id"), QStringLiteral("reply_contacted")},
                     {QStringLiteral("enabled"), QStringLiteral("no")}}}}},
                QStringLiteral("enabled must be true or false (rule reply_contacted)")},
            {QJsonObject {{QStringLiteral("rules"),
                 QJsonArray {QJsonObject {{QStringLiteral("id"), QStringLiteral("reply_contacted")},
                                 {QStringLiteral("enabled"), false}},
                     QJsonObject {{QStringLiteral("id"), QStringLiteral("positive_call_qualified")},
                         {QStringLiteral("toStatus"), QStringLiteral("contacted")}}}}},
                QStringLiteral("toStatus must not be one of fromStatuses (rule positive_call_qualified)")},
        };
        for (const auto &[body, detail] : bad) {
            const auto reply = adminSend(server, "PUT", QStringLiteral("/api/leads/status-rules"), body);
            QCOMPARE(reply.status, 400);
            QCOMPARE(reply.json().value(QStringLiteral("detail")).toString(), detail);
        }
        QCOMPARE(store.count(QStringLiteral("lead_status_rules"), QStringLiteral("enabled = 1")), 2);

        const auto off = adminSend(server, "PUT", QStringLiteral("/api/leads/status-rules"),
            {{QStringLiteral("rules"),
                QJsonArray {QJsonObject {{QStringLiteral("id"), QStringLiteral("reply_contacted")},
                    {QStringLiteral("enabled"), false}}}}});
        QCOMPARE(off.status, 200);
        list = off.json().value(QStringLiteral("rules")).toArray();
        QCOMPARE(list.at(1).toObject().value(QStringLiteral("enabled")).toBool(), false);
        QCOMPARE(list.at(0).toObject().value(QStringLiteral("enabled")).toBool(), true);

        const auto id = crmLead(server, QStringLiteral("Quiet"), QStringLiteral("+14155550166"));
        QCOMPARE(inboundSms(server, QStringLiteral("SMoff1"), QStringLiteral("+14155550166"),
                     QStringLiteral("hello"))
                     .status,
            200);
        const auto after = lead(server, id);
        QCOMPARE(after.value(QStringLiteral("lead_status")).toString(), QStringLiteral("new"));
        QCOMPARE(after.value(QStringLiteral("score")).toInt(), 35); // replied + recent, no status points
        QCOMPARE(store.count(QStringLiteral("status_history"),
                     QStringLiteral("owner_kind = 'lead' AND owner_id = ?"), {id}),
            1);

        // On again: the next reply moves it.
        QCOMPARE(adminSend(server, "PUT", QStringLiteral("/api/leads/status-rules"),
                     {{QStringLiteral("rules"),
                         QJsonArray {QJsonObject {{QStringLiteral("id"), QStringLiteral("reply_contacted")},
                             {QStringLiteral("enabled"), true}}}}})
                     .status,
            200);
        QCOMPARE(inboundSms(server, QStringLiteral("SMoff2"), QStringLiteral("+14155550166"),
                     QStringLiteral("again"))
                     .status,
            200);
        QCOMPARE(statusOf(server, id), QStringLiteral("contacted"));
    }

    // A database without scores (an upgrade) is scored once at start, in batches, on the writer.
    void backfillScoresExistingLeads()
    {
        QTemporaryDir dir;
        qint64 won = 0;
        {
            TestServer first(withToken, nullptr, {}, dir.path());
            QVERIFY2(first.started(), qPrintable(first.error()));
            won = apiLead(first,
                {{QStringLiteral("first_name"), QStringLiteral("Won")},
                    {QStringLiteral("lead_status"), QStringLiteral("won")}});
            QVERIFY(won > 0);
            first.stop();
        }
        {
            auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("wipe"));
            db.setDatabaseName(dir.path() + QStringLiteral("/switchboard.db"));
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(QStringLiteral("DELETE FROM lead_scores")));
            QVERIFY(db.transaction());
            for (int i = 0; i < 450; ++i)
                QVERIFY(query.exec(
                    QStringLiteral("INSERT INTO leads(first_name, lead_status, created_at, updated_at) "
                                   "VALUES('Bulk %1', 'qualified', 1, 1)")
                        .arg(i)));
            QVERIFY(db.commit());
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("wipe"));
        TestServer second(withToken, nullptr, {}, dir.path());
        QVERIFY2(second.started(), qPrintable(second.error()));
        Store store(second);
        QTRY_COMPARE(store.count(QStringLiteral("lead_scores")), qint64(451));
        QCOMPARE(lead(second, won).value(QStringLiteral("score")).toInt(), 25);
        QCOMPARE(store.count(QStringLiteral("lead_scores"), QStringLiteral("score = 10")), qint64(450));
    }

    // ElevenLabs judges its calls (analysis.call_successful): success qualifies the lead and scores
    // positive, failure scores negative and moves nothing.
    void elevenLabsOutcomeDecides()
    {
        const QByteArray secret = "wsec_elevenlabs_scoring";
        TestServer server([&secret](RuntimeOptions &options) {
            withToken(options);
            options.environment.insert(
                QStringLiteral("ELEVENLABS_WEBHOOK_SECRET"), QString::fromLatin1(secret));
        });
        QVERIFY2(server.started(), qPrintable(server.error()));
        Store store(server);
        const auto good = crmLead(server, QStringLiteral("Good"), QStringLiteral("+14155550144"));
        const auto poor = crmLead(server, QStringLiteral("Poor"), QStringLiteral("+14155550145"));
        auto postCall = [&](const QString &conversation, const QString &phone, const QString &verdict) {
            const auto body = QStringLiteral(
                R"({"type":"post_call_transcription","event_timestamp":1739537297,"data":{)"
                R"("agent_id":"agent_01","conversation_id":"%1","status":"done",)"
                R"("transcript":[{"role":"agent","message":"Hi"},{"role":"user","message":"Hello"}],)"
                R"("metadata":{"start_time_unix_secs":1739537000,"call_duration_secs":97,)"
                R"("phone_call":{"direction":"outbound","external_number":"%2","agent_number":"+18005551234"}},)"
                R"("analysis":{"call_successful":"%3","transcript_summary":"s"}}})")
                                  .arg(conversation, phone, verdict)
                                  .toUtf8();
            return request("POST", server.url(QStringLiteral("/api/webhooks/elevenlabs/post-call")), body,
                {{"Content-Type", "application/json"},
                    {"ElevenLabs-Signature", ElevenLabsSignature::sign(secret, nowSeconds(), body)}});
        };
        QCOMPARE(
            postCall(QStringLiteral("conv_good"), QStringLiteral("+14155550144"), QStringLiteral("success"))
                .status,
            200);
        QCOMPARE(
            postCall(QStringLiteral("conv_poor"), QStringLiteral("+14155550145"), QStringLiteral("failure"))
                .status,
            200);
        QCOMPARE(
            store.value(QStringLiteral("SELECT outcome FROM calls WHERE call_ref = 'conv_good'")).toString(),
            QStringLiteral("positive"));
        QCOMPARE(
            store.value(QStringLiteral("SELECT outcome FROM calls WHERE call_ref = 'conv_poor'")).toString(),
            QStringLiteral("negative"));
        const auto goodLead = lead(server, good);
        QCOMPARE(goodLead.value(QStringLiteral("lead_status")).toString(), QStringLiteral("qualified"));
        QCOMPARE(goodLead.value(QStringLiteral("score")).toInt(), 10 + 15 + 15 + 10);
        QCOMPARE(store
                     .value(QStringLiteral("SELECT remarks FROM status_history WHERE owner_kind = 'lead' AND "
                                           "owner_id = ? ORDER BY id DESC LIMIT 1"),
                         {good})
                     .toString(),
            QStringLiteral("automatic: call with a positive outcome"));
        const auto poorLead = lead(server, poor);
        QCOMPARE(poorLead.value(QStringLiteral("lead_status")).toString(), QStringLiteral("new"));
        QCOMPARE(poorLead.value(QStringLiteral("score")).toInt(), 10 - 10 + 15);
        QVERIFY(reasonTexts(poorLead.value(QStringLiteral("scoreReasons")).toArray())
                    .contains(QStringLiteral("-10 a call ended with a negative outcome")));
    }

    // A Twilio call completed after a minute is a positive outcome: contacted -> qualified.
    void positiveCallQualifies()
    {
        TestServer server(withToken);
        QVERIFY2(server.started(), qPrintable(server.error()));
        const auto id = crmLead(server, QStringLiteral("Caller"), QStringLiteral("+14155550155"));
        const QList<QPair<QString, QString>> fields {{QStringLiteral("CallSid"), QStringLiteral("CAscore1")},
            {QStringLiteral("AccountSid"), QStringLiteral("AC123")},
            {QStringLiteral("From"), QStringLiteral("+14155550155")},
            {QStringLiteral("To"), QStringLiteral("+15005550006")},
            {QStringLiteral("Direction"), QStringLiteral("inbound")},
            {QStringLiteral("CallStatus"), QStringLiteral("completed")},
            {QStringLiteral("CallDuration"), QStringLiteral("95")}};
        const auto url = server.url(QStringLiteral("/api/webhooks/twilio/voice/status"));
        const auto reply = request("POST", url, formBody(fields),
            {{"Content-Type", "application/x-www-form-urlencoded"},
                {"X-Twilio-Signature", TwilioSignature::sign(token, url.toEncoded(), formFields(fields))}});
        QCOMPARE(reply.status, 200);
        const auto after = lead(server, id);
        QCOMPARE(after.value(QStringLiteral("lead_status")).toString(), QStringLiteral("qualified"));
        const auto reasons = reasonTexts(after.value(QStringLiteral("scoreReasons")).toArray());
        QVERIFY2(reasons.contains(QStringLiteral("15 a call ended with a positive outcome")),
            qPrintable(reasons.join(u'|')));
        QVERIFY(reasons.contains(QStringLiteral("10 a call was completed")));
        QCOMPARE(after.value(QStringLiteral("score")).toInt(), 10 + 15 + 15 + 10);
    }
};

QTEST_GUILESS_MAIN(TestLeadScoringApi)
#include "tst_lead_scoring_api.moc"
