// GET /api/intelligence/dashboard against seeded rows (IntelligenceSeed.h): exact pipeline counts
// and values, response rates with a reply inside and one outside 72 h, best send hours in a given
// zone, the campaign leaderboard's order, the hottest leads and the handovers waiting; bad days and
// tz are 400 with a JSON body naming the parameter.
#include "IntelligenceSeed.h"
#include "TestSupport.h"

#include <QJsonArray>
#include <QTest>

using namespace sb;
using namespace sb::test;

namespace {

QJsonObject dashboard(TestServer &server, const QString &query, int expectedStatus = 200)
{
    const auto reply = adminGet(server, QStringLiteral("/api/intelligence/dashboard") + query);
    if (reply.status != expectedStatus)
        qWarning("%s: %d %s", qPrintable(query), reply.status, reply.body.constData());
    return reply.status == expectedStatus ? reply.json() : QJsonObject {};
}

QJsonObject byKey(const QJsonArray &rows, const QString &key, const QString &value)
{
    for (const auto &row : rows) {
        if (row.toObject().value(key).toString() == value)
            return row.toObject();
    }
    return {};
}

QStringList names(const QJsonArray &rows, const QString &key)
{
    QStringList list;
    for (const auto &row : rows)
        list.append(row.toObject().value(key).toVariant().toString());
    return list;
}

} // namespace

class TestIntelligenceApi : public QObject
{
    Q_OBJECT
private slots:
    void dashboardFromSeededRows()
    {
        TestServer server;
        QVERIFY2(server.started(), qPrintable(server.error()));
        const auto seed = seedIntelligence(server, this);
        QVERIFY(seed.ada > 0 && seed.fay > 0);

        const auto body = dashboard(server, QStringLiteral("?tz=Asia/Kolkata"));
        QVERIFY(!body.isEmpty());
        QCOMPARE(body.value(QStringLiteral("days")).toInt(), 30);
        QCOMPARE(body.value(QStringLiteral("timeZone")).toString(), QStringLiteral("Asia/Kolkata"));
        QVERIFY(body.value(QStringLiteral("generatedAt")).toString().endsWith(QLatin1Char('Z')));

        // Pipeline: every status in order, archived Fay left out.
        const auto pipeline = body.value(QStringLiteral("pipeline")).toObject();
        const auto statuses = pipeline.value(QStringLiteral("statuses")).toArray();
        QCOMPARE(names(statuses, QStringLiteral("status")),
            (QStringList {QStringLiteral("new"), QStringLiteral("contacted"), QStringLiteral("qualified"),
                QStringLiteral("proposal_sent"), QStringLiteral("negotiation"), QStringLiteral("won"),
                QStringLiteral("lost")}));
        QCOMPARE(names(statuses, QStringLiteral("count")),
            (QStringList {QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("1"), QStringLiteral("0"),
                QStringLiteral("0"), QStringLiteral("1"), QStringLiteral("0")}));
        QCOMPARE(byKey(statuses, QStringLiteral("status"), QStringLiteral("new"))
                     .value(QStringLiteral("value"))
                     .toDouble(),
            1000.0);
        QCOMPARE(byKey(statuses, QStringLiteral("status"), QStringLiteral("contacted"))
                     .value(QStringLiteral("value"))
                     .toDouble(),
            3000.0);
        QCOMPARE(pipeline.value(QStringLiteral("totalCount")).toInt(), 5);
        QCOMPARE(pipeline.value(QStringLiteral("totalValue")).toDouble(), 14000.0);

        // Response rates: Ada's SMS and email answered within 72 h, Ben's only after 73 h; failed and
        // queued email and the SMS of 40 days ago are not sends; Dee's call unanswered.
        const auto rates = body.value(QStringLiteral("responseRates")).toArray();
        QCOMPARE(names(rates, QStringLiteral("channel")),
            (QStringList {QStringLiteral("sms"), QStringLiteral("email"), QStringLiteral("voice")}));
        const auto sms = byKey(rates, QStringLiteral("channel"), QStringLiteral("sms"));
        QCOMPARE(sms.value(QStringLiteral("sent")).toInt(), 2);
        QCOMPARE(sms.value(QStringLiteral("replied")).toInt(), 1);
        QCOMPARE(sms.value(QStringLiteral("rate")).toDouble(), 0.5);
        const auto email = byKey(rates, QStringLiteral("channel"), QStringLiteral("email"));
        QCOMPARE(email.value(QStringLiteral("sent")).toInt(), 1);
        QCOMPARE(email.value(QStringLiteral("replied")).toInt(), 1);
        QCOMPARE(email.value(QStringLiteral("rate")).toDouble(), 1.0);
        const auto voice = byKey(rates, QStringLiteral("channel"), QStringLiteral("voice"));
        QCOMPARE(voice.value(QStringLiteral("sent")).toInt(), 1);
        QCOMPARE(voice.value(QStringLiteral("replied")).toInt(), 0);

        // Best hours in Asia/Kolkata (+05:30): 14:00, 14:10 UTC -> 19; 14:45 UTC -> 20.
        const auto hours = body.value(QStringLiteral("bestSendHours")).toObject();
        const auto buckets = hours.value(QStringLiteral("hours")).toArray();
        QCOMPARE(buckets.size(), 24);
        QCOMPARE(buckets.at(19).toObject().value(QStringLiteral("sends")).toInt(), 3);
        QCOMPARE(buckets.at(19).toObject().value(QStringLiteral("replies")).toInt(), 2);
        QCOMPARE(buckets.at(19).toObject().value(QStringLiteral("rate")).toDouble(), 0.6667);
        QCOMPARE(buckets.at(20).toObject().value(QStringLiteral("sends")).toInt(), 1);
        QCOMPARE(buckets.at(20).toObject().value(QStringLiteral("replies")).toInt(), 0);
        QCOMPARE(buckets.at(14).toObject().value(QStringLiteral("sends")).toInt(), 0);
        int totalSends = 0;
        for (const auto &bucket : buckets)
            totalSends += bucket.toObject().value(QStringLiteral("sends")).toInt();
        QCOMPARE(totalSends, 4);
        QCOMPARE(names(hours.value(QStringLiteral("top")).toArray(), QStringLiteral("hour")),
            (QStringList {QStringLiteral("19"), QStringLiteral("20")}));

        // The same sends in UTC: all in hour 14.
        const auto utc = dashboard(server, QStringLiteral("?tz=UTC"))
                             .value(QStringLiteral("bestSendHours"))
                             .toObject()
                             .value(QStringLiteral("hours"))
                             .toArray();
        QCOMPARE(utc.at(14).toObject().value(QStringLiteral("sends")).toInt(), 4);
        QCOMPARE(utc.at(14).toObject().value(QStringLiteral("replies")).toInt(), 2);

        // Leaderboard: reply rate, then replies; the draft (no recipients) and Winter (100 days) absent.
        const auto board = body.value(QStringLiteral("campaignLeaderboard")).toArray();
        QCOMPARE(names(board, QStringLiteral("name")),
            (QStringList {QStringLiteral("Autumn"), QStringLiteral("Summer"), QStringLiteral("Spring")}));
        const auto autumn = board.at(0).toObject();
        QCOMPARE(autumn.value(QStringLiteral("id")).toInteger(), seed.autumn);
        QCOMPARE(autumn.value(QStringLiteral("recipients")).toInt(), 4);
        QCOMPARE(autumn.value(QStringLiteral("sent")).toInt(), 4);
        QCOMPARE(autumn.value(QStringLiteral("delivered")).toInt(), 2);
        QCOMPARE(autumn.value(QStringLiteral("replied")).toInt(), 2);
        QCOMPARE(autumn.value(QStringLiteral("replyRate")).toDouble(), 0.5);
        QCOMPARE(board.at(2).toObject().value(QStringLiteral("delivered")).toInt(), 3);
        QCOMPARE(board.at(2).toObject().value(QStringLiteral("replyRate")).toDouble(), 0.25);

        // A longer window brings Winter and Ben's old SMS in.
        const auto longer = dashboard(server, QStringLiteral("?days=120&tz=UTC"));
        QCOMPARE(names(longer.value(QStringLiteral("campaignLeaderboard")).toArray(), QStringLiteral("name")),
            (QStringList {QStringLiteral("Winter"), QStringLiteral("Autumn"), QStringLiteral("Summer"),
                QStringLiteral("Spring")}));
        QCOMPARE(byKey(longer.value(QStringLiteral("responseRates")).toArray(), QStringLiteral("channel"),
                     QStringLiteral("sms"))
                     .value(QStringLiteral("sent"))
                     .toInt(),
            3);

        // Hottest: by score, archived Fay left out, top reason = most points.
        const auto hottest = body.value(QStringLiteral("hottestLeads")).toArray();
        QCOMPARE(names(hottest, QStringLiteral("name")),
            (QStringList {
                QStringLiteral("Eve Test"), QStringLiteral("Ada Test"), QStringLiteral("Ben Test")}));
        QCOMPARE(hottest.at(1).toObject().value(QStringLiteral("leadId")).toInteger(), seed.ada);
        QCOMPARE(hottest.at(1).toObject().value(QStringLiteral("score")).toInt(), 80);
        QCOMPARE(hottest.at(1).toObject().value(QStringLiteral("status")).toString(), QStringLiteral("new"));
        QCOMPARE(hottest.at(1).toObject().value(QStringLiteral("topReason")).toString(),
            QStringLiteral("replied within 1 h"));

        // Handovers waiting: the two open ones, oldest first.
        const auto handovers = body.value(QStringLiteral("handoversWaiting")).toObject();
        QCOMPARE(handovers.value(QStringLiteral("count")).toInt(), 2);
        const auto oldest = handovers.value(QStringLiteral("oldest")).toArray();
        QCOMPARE(names(oldest, QStringLiteral("id")),
            (QStringList {QString::number(seed.benHandover), QString::number(seed.adaHandover)}));
        QCOMPARE(oldest.at(0).toObject().value(QStringLiteral("conversationId")).toInteger(), seed.benSms);
        QCOMPARE(oldest.at(0).toObject().value(QStringLiteral("leadId")).toInteger(), seed.ben);
        QCOMPARE(oldest.at(0).toObject().value(QStringLiteral("reason")).toString(),
            QStringLiteral("wants to talk to a person"));
        QVERIFY(
            oldest.at(0).toObject().value(QStringLiteral("createdAt")).toString().endsWith(QLatin1Char('Z')));
    }

    void emptyDatabase()
    {
        TestServer server;
        QVERIFY2(server.started(), qPrintable(server.error()));
        const auto body = dashboard(server, {});
        QCOMPARE(
            body.value(QStringLiteral("pipeline")).toObject().value(QStringLiteral("totalCount")).toInt(-1),
            0);
        QCOMPARE(body.value(QStringLiteral("responseRates")).toArray().size(), 2); // sms, email; no voice
        QCOMPARE(body.value(QStringLiteral("bestSendHours"))
                     .toObject()
                     .value(QStringLiteral("top"))
                     .toArray()
                     .size(),
            0);
        QVERIFY(body.value(QStringLiteral("campaignLeaderboard")).toArray().isEmpty());
        QVERIFY(body.value(QStringLiteral("hottestLeads")).toArray().isEmpty());
        QCOMPARE(body.value(QStringLiteral("handoversWaiting"))
                     .toObject()
                     .value(QStringLiteral("count"))
                     .toInt(-1),
            0);
    }

    void badParameters_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("named");
        QTest::newRow("days 0") << QStringLiteral("?days=0") << QStringLiteral("days");
        QTest::newRow("days 366") << QStringLiteral("?days=366") << QStringLiteral("days");
        QTest::newRow("days text") << QStringLiteral("?days=week") << QStringLiteral("days");
        QTest::newRow("days empty") << QStringLiteral("?days=") << QStringLiteral("days");
        QTest::newRow("tz unknown") << QStringLiteral("?tz=Mars/Olympus") << QStringLiteral("tz");
        QTest::newRow("tz empty") << QStringLiteral("?tz=") << QStringLiteral("tz");
    }

    void badParameters()
    {
        QFETCH(QString, query);
        QFETCH(QString, named);
        TestServer server;
        QVERIFY2(server.started(), qPrintable(server.error()));
        const auto reply = adminGet(server, QStringLiteral("/api/intelligence/dashboard") + query);
        QCOMPARE(reply.status, 400);
        QVERIFY2(reply.header("Content-Type").startsWith("application/json"), reply.body.constData());
        const auto detail = reply.json().value(QStringLiteral("detail")).toString();
        QVERIFY2(detail.startsWith(named + QLatin1Char(' ')), qPrintable(detail));
    }

    void needsTheAdminKey()
    {
        TestServer server;
        QVERIFY2(server.started(), qPrintable(server.error()));
        QCOMPARE(request("GET", server.url(QStringLiteral("/api/intelligence/dashboard"))).status, 401);
    }
};

QTEST_GUILESS_MAIN(TestIntelligenceApi)
#include "tst_intelligence_api.moc"
