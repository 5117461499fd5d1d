// Call analytics and AI action items over real HTTP, on an injected clock (now 2026-12-08 12:00 UTC):
// calls with known statuses, durations and sentiments across two days and two leads; in
// America/New_York (UTC-5) Ada's no-answer call at 03:00 UTC moves to the day before, so the per-day
// figures differ from UTC's. Both /api/intelligence/dashboard's "calls" section and
// /api/leads/{id}/calls/analytics give exact figures; bad days/tz are 400, an unknown lead 404.
// Accepting an action item makes one task (source ai, the call's lead, due the follow-up's date or
// tomorrow 9:00) however often it is accepted; a bad index or a call without analysis is 404.
#include "DatabaseReader.h"
#include "TestSupport.h"
#include "domain/Clock.h"
#include "storage/SqlWorker.h"

#include <QDateTime>
#include <QJsonArray>
#include <QTest>
#include <QTimeZone>

using namespace sb;
using namespace sb::test;

namespace {

qint64 utc(const char *text)
{
    return QDateTime::fromString(QString::fromLatin1(text), Qt::ISODate).toMSecsSinceEpoch();
}

const qint64 now = utc("2026-12-08T12:00:00Z");

struct Seed
{
    qint64 ada = 0, ben = 0;
    qint64 adaAnswered = 0, adaShort = 0, benCompleted = 0;
    qint64 adaAnalysis = 0, benAnalysis = 0;
};

Seed seed(TestServer &server)
{
    Seed seed;
    bool done = false;
    QObject context;
    SqlJob job;
    job.run = [&seed](SqlContext &c) -> ApiResult {
        const auto lead = [&c](const QString &first) {
            return c.write(QStringLiteral("INSERT INTO leads(first_name, last_name, lead_status, created_at, "
                                          "updated_at) VALUES (?, 'Test', 'new', ?, ?)"),
                {first, now, now});
        };
        seed.ada = lead(QStringLiteral("Ada"));
        seed.ben = lead(QStringLiteral("Ben"));
        const auto conversation = [&c](qint64 leadId) {
            return c.write(
                QStringLiteral("INSERT INTO conversations(lead_id, channel, created_at, updated_at) "
                               "VALUES (?, 'voice', ?, ?)"),
                {leadId, now, now});
        };
        const qint64 adaVoice = conversation(seed.ada);
        const qint64 benVoice = conversation(seed.ben);
        int ref = 0;
        // started: null = only created_at (the call never started)
        const auto call = [&](qint64 leadId, qint64 voice, const QVariant &started, qint64 created,
                              const QString &status, const QVariant &duration) {
            return c.write(
                QStringLiteral("INSERT INTO calls(conversation_id, lead_id, provider, call_ref, "
                               "direction, status, duration_seconds, started_at, created_at, "
                               "updated_at) VALUES (?, ?, 'twilio', ?, 'outbound-api', ?, ?, ?, ?, ?)"),
                {voice, leadId, QStringLiteral("CA%1").arg(++ref), status, duration, started, created,
                    created});
        };
        const auto analysis = [&c](qint64 callId, qint64 leadId, qint64 voice, const QString &status,
                                  const QVariant &sentiment, const QString &items, const QString &followUp) {
            return c.write(
                QStringLiteral("INSERT INTO ai_analyses(subject_kind, subject_id, conversation_id, "
                               "lead_id, status, sentiment, action_items, follow_up, created_at) "
                               "VALUES ('call', ?, ?, ?, ?, ?, ?, ?, ?)"),
                {callId, voice, leadId, status, sentiment, items, followUp, now});
        };
        const QVariant noDuration(QMetaType(QMetaType::LongLong));
        const QVariant noSentiment(QMetaType(QMetaType::QString));
        const auto at = [](const char *text) { return QVariant(utc(text)); };
        // Ada: answered 120 s (positive), completed 0 s, no-answer at 03:00 UTC (22:00 the day before
        // in New York; its analysis failed), failed and never started, one 40 days ago.
        seed.adaAnswered = call(seed.ada, adaVoice, at("2026-12-07T15:00:00Z"), utc("2026-12-07T15:00:00Z"),
            QStringLiteral("completed"), 120);
        seed.adaShort = call(seed.ada, adaVoice, at("2026-12-07T16:00:00Z"), utc("2026-12-07T16:00:00Z"),
            QStringLiteral("completed"), 0);
        const auto noAnswer = call(seed.ada, adaVoice, at("2026-12-08T03:00:00Z"),
            utc("2026-12-08T03:00:00Z"), QStringLiteral("no-answer"), 0);
        call(seed.ada, adaVoice, QVariant(QMetaType(QMetaType::LongLong)), utc("2026-12-08T11:00:00Z"),
            QStringLiteral("failed"), noDuration);
        call(seed.ada, adaVoice, at("2026-10-29T12:00:00Z"), utc("2026-10-29T12:00:00Z"),
            QStringLiteral("completed"), 60);
        seed.adaAnalysis = analysis(seed.adaAnswered, seed.ada, adaVoice, QStringLiteral("ok"),
            QStringLiteral("positive"), QStringLiteral("[\"Send the quote\",\"Call back about the demo\"]"),
            QStringLiteral("Next contact: 2026-12-10 14:30 by phone"));
        analysis(
            noAnswer, seed.ada, adaVoice, QStringLiteral("error"), noSentiment, QStringLiteral("[]"), {});
        // Ben: busy (neutral), completed 300 s (negative), completed 61 s at 08:00 UTC (03:00 in New
        // York), in progress without a duration yet.
        const auto busy = call(seed.ben, benVoice, at("2026-12-07T10:00:00Z"), utc("2026-12-07T10:00:00Z"),
            QStringLiteral("busy"), 0);
        seed.benCompleted = call(seed.ben, benVoice, at("2026-12-08T09:00:00Z"), utc("2026-12-08T09:00:00Z"),
            QStringLiteral("completed"), 300);
        call(seed.ben, benVoice, at("2026-12-08T08:00:00Z"), utc("2026-12-08T08:00:00Z"),
            QStringLiteral("completed"), 61);
        call(seed.ben, benVoice, at("2026-12-08T10:00:00Z"), utc("2026-12-08T10:00:00Z"),
            QStringLiteral("in-progress"), noDuration);
        analysis(busy, seed.ben, benVoice, QStringLiteral("ok"), QStringLiteral("neutral"),
            QStringLiteral("[]"), {});
        seed.benAnalysis = analysis(seed.benCompleted, seed.ben, benVoice, QStringLiteral("ok"),
            QStringLiteral("negative"), QStringLiteral("[\"Email the brochure\"]"), QString());
        return ApiResponse {};
    };
    job.replyContext = &context;
    job.done = [&done](const ApiResult &) { done = true; };
    server.runtime().writer().submit(std::move(job));
    (void)QTest::qWaitFor([&done] { return done; }, 10000);
    return seed;
}

// "calls answered avg | completed no-answer busy failed canceled | positive neutral negative"
QString figures(const QJsonObject &row)
{
    const auto outcomes = row.value(QStringLiteral("outcomes")).toObject();
    const auto sentiment = row.value(QStringLiteral("sentiment")).toObject();
    QStringList out;
    for (const auto *name : {"completed", "no-answer", "busy", "failed", "canceled"})
        out << QString::number(outcomes.value(QLatin1String(name)).toInt(-1));
    QStringList feel;
    for (const auto *name : {"positive", "neutral", "negative"})
        feel << QString::number(sentiment.value(QLatin1String(name)).toInt(-1));
    return QStringLiteral("%1 %2 %3 | %4 | %5")
        .arg(row.value(QStringLiteral("calls")).toInt(-1))
        .arg(row.value(QStringLiteral("answered")).toInt(-1))
        .arg(row.value(QStringLiteral("avgDurationSeconds")).toDouble(-1))
        .arg(out.join(QLatin1Char(' ')), feel.join(QLatin1Char(' ')));
}

QStringList days(const QJsonObject &calls)
{
    QStringList list;
    for (const auto &row : calls.value(QStringLiteral("byDay")).toArray())
        list << row.toObject().value(QStringLiteral("day")).toString() + QStringLiteral(": ")
                + figures(row.toObject());
    return list;
}

QJsonObject get(TestServer &server, const QString &path, int expected = 200)
{
    const auto reply = adminGet(server, path);
    if (reply.status != expected)
        qWarning("%s: %d %s", qPrintable(path), reply.status, reply.body.constData());
    return reply.status == expected ? reply.json() : QJsonObject {{QStringLiteral("status"), reply.status}};
}

HttpReply post(TestServer &server, const QString &path)
{
    return request("POST", server.url(path), {}, {{"Authorization", "Bearer " + adminKey}});
}

} // namespace

class CallAnalyticsTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void dashboardCallsByDay()
    {
        ManualClock clock(now);
        TestServer server({}, &clock);
        QVERIFY2(server.started(), qPrintable(server.error()));
        seed(server);

        const auto utcCalls = get(server, QStringLiteral("/api/intelligence/dashboard?tz=UTC"))
                                  .value(QStringLiteral("calls"))
                                  .toObject();
        QCOMPARE(days(utcCalls),
            (QStringList {QStringLiteral("2026-12-07: 3 1 120 | 2 0 1 0 0 | 1 1 0"),
                QStringLiteral("2026-12-08: 5 3 180.5 | 2 1 0 1 0 | 0 0 1")}));
        QCOMPARE(figures(utcCalls.value(QStringLiteral("totals")).toObject()),
            QStringLiteral("8 4 160.3 | 4 1 1 1 0 | 1 1 1"));

        // New York: the no-answer call (03:00 UTC on the 8th) is at 22:00 on the 7th there.
        const auto york = get(server, QStringLiteral("/api/intelligence/dashboard?tz=America/New_York"))
                              .value(QStringLiteral("calls"))
                              .toObject();
        QCOMPARE(days(york),
            (QStringList {QStringLiteral("2026-12-07: 4 1 120 | 2 1 1 0 0 | 1 1 0"),
                QStringLiteral("2026-12-08: 4 3 180.5 | 2 0 0 1 0 | 0 0 1")}));
        QCOMPARE(figures(york.value(QStringLiteral("totals")).toObject()),
            QStringLiteral("8 4 160.3 | 4 1 1 1 0 | 1 1 1"));

        // One day back from now (12:00 on the 7th): Ben's busy call at 10:00 on the 7th is out.
        const auto oneDay = get(server, QStringLiteral("/api/intelligence/dashboard?days=1&tz=UTC"))
                                .value(QStringLiteral("calls"))
                                .toObject();
        QCOMPARE(figures(oneDay.value(QStringLiteral("totals")).toObject()),
            QStringLiteral("7 4 160.3 | 4 1 0 1 0 | 1 0 1"));
    }

    void leadCallAnalytics()
    {
        ManualClock clock(now);
        TestServer server({}, &clock);
        QVERIFY2(server.started(), qPrintable(server.error()));
        const auto ids = seed(server);

        const auto ada
            = get(server, QStringLiteral("/api/leads/%1/calls/analytics?tz=America/New_York").arg(ids.ada));
        QCOMPARE(ada.value(QStringLiteral("leadId")).toInteger(), ids.ada);
        QCOMPARE(ada.value(QStringLiteral("days")).toInt(), 30);
        QCOMPARE(ada.value(QStringLiteral("timeZone")).toString(), QStringLiteral("America/New_York"));
        QCOMPARE(
            ada.value(QStringLiteral("generatedAt")).toString(), QStringLiteral("2026-12-08T12:00:00.000Z"));
        QCOMPARE(days(ada),
            (QStringList {QStringLiteral("2026-12-07: 3 1 120 | 2 1 0 0 0 | 1 0 0"),
                QStringLiteral("2026-12-08: 1 0 0 | 0 0 0 1 0 | 0 0 0")}));
        QCOMPARE(figures(ada.value(QStringLiteral("totals")).toObject()),
            QStringLiteral("4 1 120 | 2 1 0 1 0 | 1 0 0"));

        const auto ben
            = get(server, QStringLiteral("/api/leads/%1/calls/analytics?tz=UTC&days=7").arg(ids.ben));
        QCOMPARE(days(ben),
            (QStringList {QStringLiteral("2026-12-07: 1 0 0 | 0 0 1 0 0 | 0 1 0"),
                QStringLiteral("2026-12-08: 3 3 180.5 | 2 0 0 0 0 | 0 0 1")}));
        QCOMPARE(figures(ben.value(QStringLiteral("totals")).toObject()),
            QStringLiteral("4 3 180.5 | 2 0 1 0 0 | 0 1 1"));
        // 100 days: Ada's call 40 days ago is in.
        const auto longer
            = get(server, QStringLiteral("/api/leads/%1/calls/analytics?tz=UTC&days=100").arg(ids.ada));
        QCOMPARE(figures(longer.value(QStringLiteral("totals")).toObject()),
            QStringLiteral("5 2 90 | 3 1 0 1 0 | 1 0 0"));
    }

    void badWindowAndLead()
    {
        ManualClock clock(now);
        TestServer server({}, &clock);
        QVERIFY2(server.started(), qPrintable(server.error()));
        const auto ids = seed(server);
        const QString lead = QStringLiteral("/api/leads/%1/calls/analytics").arg(ids.ada);
        for (const QString &path :
            QStringList {lead + QStringLiteral("?days=0"), lead + QStringLiteral("?days=366"),
                lead + QStringLiteral("?days=ten"), lead + QStringLiteral("?tz=Mars/Olympus"),
                QStringLiteral("/api/intelligence/dashboard?tz=Mars/Olympus")}) {
            const auto reply = adminGet(server, path);
            QCOMPARE(reply.status, 400);
            const QString detail = reply.json().value(QStringLiteral("detail")).toString();
            QVERIFY2(detail.startsWith(QStringLiteral("days must"))
                    || detail.startsWith(QStringLiteral("tz must")),
                qPrintable(detail));
        }
        QCOMPARE(adminGet(server, QStringLiteral("/api/leads/999999/calls/analytics")).status, 404);
        QCOMPARE(adminGet(server, QStringLiteral("/api/leads/%1/calls/analytics").arg(ids.ada)).status, 200);
        QCOMPARE(request("GET", server.url(lead)).status, 401);
    }

    void acceptActionItems()
    {
        ManualClock clock(now);
        TestServer server({}, &clock);
        QVERIFY2(server.started(), qPrintable(server.error()));
        const auto ids = seed(server);
        DatabaseReader db(server);

        // Item 1 of Ada's call: due at the follow-up's 2026-12-10 14:30 in Berlin (13:30 UTC).
        const QString path
            = QStringLiteral("/api/calls/%1/action-items/1/accept?tz=Europe/Berlin").arg(ids.adaAnswered);
        const auto first = post(server, path);
        QCOMPARE(first.status, 201);
        const auto task = first.json();
        const auto taskId = task.value(QStringLiteral("id")).toInteger();
        QVERIFY(taskId > 0);
        QCOMPARE(task.value(QStringLiteral("title")).toString(), QStringLiteral("Call back about the demo"));
        QCOMPARE(task.value(QStringLiteral("source")).toString(), QStringLiteral("ai"));
        QCOMPARE(task.value(QStringLiteral("state")).toString(), QStringLiteral("open"));
        QCOMPARE(task.value(QStringLiteral("leadId")).toInteger(), ids.ada);
        QCOMPARE(task.value(QStringLiteral("leadName")).toString(), QStringLiteral("Ada Test"));
        QCOMPARE(QDateTime::fromString(task.value(QStringLiteral("dueAt")).toString(), Qt::ISODateWithMs)
                     .toMSecsSinceEpoch(),
            utc("2026-12-10T13:30:00Z"));
        QTRY_COMPARE(
            db.count(QStringLiteral("event_log"), QStringLiteral("type = 'task.created'")), qint64(1));

        // Again (by the call or by the analysis): the same task, nothing new.
        const auto again = post(server, path);
        QCOMPARE(again.status, 200);
        QCOMPARE(again.json().value(QStringLiteral("id")).toInteger(), taskId);
        const auto viaAnalysis
            = post(server, QStringLiteral("/api/analyses/%1/action-items/1/accept").arg(ids.adaAnalysis));
        QCOMPARE(viaAnalysis.status, 200);
        QCOMPARE(viaAnalysis.json().value(QStringLiteral("id")).toInteger(), taskId);
        QCOMPARE(db.count(QStringLiteral("tasks")), qint64(1));

        // Ben's item, no date in the follow-up: tomorrow 9:00 in New York (14:00 UTC on the 9th).
        const auto ben = post(server,
            QStringLiteral("/api/analyses/%1/action-items/0/accept?tz=America/New_York")
                .arg(ids.benAnalysis));
        QCOMPARE(ben.status, 201);
        QCOMPARE(ben.json().value(QStringLiteral("title")).toString(), QStringLiteral("Email the brochure"));
        QCOMPARE(ben.json().value(QStringLiteral("leadId")).toInteger(), ids.ben);
        QCOMPARE(
            QDateTime::fromString(ben.json().value(QStringLiteral("dueAt")).toString(), Qt::ISODateWithMs)
                .toMSecsSinceEpoch(),
            utc("2026-12-09T14:00:00Z"));
        QTRY_COMPARE(
            db.count(QStringLiteral("event_log"), QStringLiteral("type = 'task.created'")), qint64(2));

        // Bad index, a call without analysis, unknown ids, a bad tz: nothing stored.
        for (const auto &[bad, status] : std::initializer_list<std::pair<QString, int>> {
                 {QStringLiteral("/api/calls/%1/action-items/2/accept").arg(ids.adaAnswered), 404},
                 {QStringLiteral("/api/calls/%1/action-items/-1/accept").arg(ids.adaAnswered), 404},
                 {QStringLiteral("/api/calls/%1/action-items/x/accept").arg(ids.adaAnswered), 404},
                 {QStringLiteral("/api/calls/%1/action-items/0/accept").arg(ids.adaShort), 404},
                 {QStringLiteral("/api/calls/999999/action-items/0/accept"), 404},
                 {QStringLiteral("/api/analyses/999999/action-items/0/accept"), 404},
                 {QStringLiteral("/api/calls/%1/action-items/0/accept?tz=Nowhere/City").arg(ids.adaAnswered),
                     400}}) {
            const auto reply = post(server, bad);
            QCOMPARE(reply.status, status);
            QVERIFY2(
                !reply.json().value(QStringLiteral("detail")).toString().isEmpty(), reply.body.constData());
        }
        QCOMPARE(db.count(QStringLiteral("tasks")), qint64(2));
    }
};

QTEST_MAIN(CallAnalyticsTest)
#include "tst_call_analytics.moc"
