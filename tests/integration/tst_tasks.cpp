// Follow-up tasks over real HTTP: the tasks API (create, read, change, filters, pages, every bad input
// a 400/404/422 naming it with nothing stored), task.created / task.completed in the event log, the
// reminders on an injected clock (task.due once per due time, re-armed by a new due time), and the
// rule that turns a Twilio call that ended unanswered into one retry task; the lead's timeline across
// kinds, newest first, filtered and paged.
#include "DatabaseReader.h"
#include "ProviderTestSupport.h"
#include "domain/Clock.h"
#include "security/TwilioSignature.h"
#include "storage/LeadDirectory.h"
#include "storage/SqlWorker.h"

#include <QJsonArray>
#include <QSet>
#include <QTimeZone>

using namespace sb;
using namespace sb::test;

namespace {

const QByteArray token = "tasks-twilio-token";
constexpr qint64 minute = 60'000;

void withToken(RuntimeOptions &options)
{
    options.environment.insert(QStringLiteral("TWILIO_AUTH_TOKEN"), QString::fromLatin1(token));
    options.environment.insert(QStringLiteral("SWITCHBOARD_TASK_REMINDER_MS"), QStringLiteral("50"));
}

qint64 leadWithPhone(TestServer &server, const QString &phone, const QString &first)
{
    qint64 id = 0;
    bool done = false;
    QObject context;
    SqlJob job;
    job.run = [&id, phone, first](SqlContext &c) -> ApiResult {
        id = LeadDirectory::forPhone(c, phone, QStringLiteral("test"), {}).id;
        c.run(QStringLiteral("UPDATE leads SET first_name = ? WHERE id = ?"), {first, id});
        return ApiResponse {};
    };
    job.replyContext = &context;
    job.done = [&done](const ApiResult &) { done = true; };
    server.runtime().writer().submit(std::move(job));
    (void)QTest::qWaitFor([&done] { return done; }, 10000);
    return id;
}

QString iso(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

HttpReply create(TestServer &server, const QJsonObject &body)
{
    return adminSend(server, "POST", QStringLiteral("/api/tasks"), body);
}

QString detailOf(const HttpReply &reply)
{
    return reply.json().value(QStringLiteral("detail")).toString();
}

HttpReply callStatus(TestServer &server, const QString &sid, const QString &from, const QString &status,
    const QString &direction = QStringLiteral("outbound-api"))
{
    const QList<QPair<QString, QString>> fields {{QStringLiteral("CallSid"), sid},
        {QStringLiteral("AccountSid"), QStringLiteral("AC123")},
        {QStringLiteral("From"), QStringLiteral("+15005550006")}, {QStringLiteral("To"), from},
        {QStringLiteral("Direction"), direction}, {QStringLiteral("CallStatus"), status},
        {QStringLiteral("CallDuration"), QStringLiteral("0")}};
    const auto url = server.url(QStringLiteral("/api/webhooks/twilio/voice/status"));
    return request("POST", url, formBody(fields),
        {{"Content-Type", "application/x-www-form-urlencoded"},
            {"X-Twilio-Signature", TwilioSignature::sign(token, url.toEncoded(), formFields(fields))}});
}

} // namespace

class TasksTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void createReadChangeAndEvents()
    {
        ManualClock clock(1'800'000'000'000);
        TestServer server(withToken, &clock);
        QVERIFY2(server.started(), qPrintable(server.error()));
        const auto lead = leadWithPhone(server, QStringLiteral("+14155550171"), QStringLiteral("Grace"));
        const auto created = create(server,
            {{QStringLiteral("title"), QStringLiteral("Send Grace the quote")},
                {QStringLiteral("dueAt"), iso(clock.nowMs() + 30 * minute)}, {QStringLiteral("leadId"), lead},
                {QStringLiteral("owner"), QStringLiteral("sam")}});
        QCOMPARE(created.status, 201);
        const auto task = created.json();
        const auto id = task.value(QStringLiteral("id")).toInteger();
        QVERIFY(id > 0);
        QCOMPARE(task.value(QStringLiteral("leadId")).toInteger(), lead);
        QCOMPARE(task.value(QStringLiteral("leadName")).toString(), QStringLiteral("Grace"));
        QCOMPARE(task.value(QStringLiteral("title")).toString(), QStringLiteral("Send Grace the quote"));
        QCOMPARE(task.value(QStringLiteral("dueAt")).toString(), iso(clock.nowMs() + 30 * minute));
        QCOMPARE(task.value(QStringLiteral("owner")).toString(), QStringLiteral("sam"));
        QCOMPARE(task.value(QStringLiteral("state")).toString(), QStringLiteral("open"));
        QCOMPARE(task.value(QStringLiteral("source")).toString(), QStringLiteral("api"));
        DatabaseReader db(server);
        QTRY_COMPARE(
            db.count(QStringLiteral("event_log"), QStringLiteral("type = 'task.created'")), qint64(1));
        QCOMPARE(
            db.value(QStringLiteral("SELECT topic FROM event_log WHERE type = 'task.created'")).toString(),
            QStringLiteral("leads"));
        QCOMPARE(db.value(QStringLiteral("SELECT lead_id FROM event_log WHERE type = 'task.created'"))
                     .toLongLong(),
            lead);

        const auto read = adminGet(server, QStringLiteral("/api/tasks/%1").arg(id));
        QCOMPARE(read.status, 200);
        QCOMPARE(
            read.json().value(QStringLiteral("title")).toString(), QStringLiteral("Send Grace the quote"));
        QCOMPARE(adminGet(server, QStringLiteral("/api/tasks/999999")).status, 404);

        // Snoozed without a due time: an hour on from the due time.
        const auto snoozed = adminSend(server, "PUT", QStringLiteral("/api/tasks/%1").arg(id),
            {{QStringLiteral("state"), QStringLiteral("snoozed")}});
        QCOMPARE(snoozed.status, 200);
        QCOMPARE(snoozed.json().value(QStringLiteral("dueAt")).toString(), iso(clock.nowMs() + 90 * minute));
        // Done: completedAt and task.completed, once.
        const auto done = adminSend(server, "PUT", QStringLiteral("/api/tasks/%1").arg(id),
            {{QStringLiteral("state"), QStringLiteral("done")}});
        QCOMPARE(done.status, 200);
        QCOMPARE(done.json().value(QStringLiteral("state")).toString(), QStringLiteral("done"));
        QCOMPARE(done.json().value(QStringLiteral("completedAt")).toString(), iso(clock.nowMs()));
        QCOMPARE(adminSend(server, "PUT", QStringLiteral("/api/tasks/%1").arg(id),
                     {{QStringLiteral("state"), QStringLiteral("done")}})
                     .status,
            200);
        QTRY_COMPARE(
            db.count(QStringLiteral("event_log"), QStringLiteral("type = 'task.completed'")), qint64(1));
        QCOMPARE(db.value(QStringLiteral("SELECT data FROM event_log WHERE type = 'task.completed'"))
                     .toString()
                     .contains(QStringLiteral("Send Grace the quote")),
            true);
    }

    void badInputsAreNamedAndStoreNothing()
    {
        TestServer server(withToken);
        QVERIFY2(server.started(), qPrintable(server.error()));
        const auto due = iso(QDateTime::currentMSecsSinceEpoch() + 10 * minute);
        struct Case
        {
            QJsonObject body;
            int status;
            const char *names;
        };
        const Case cases[] = {
            {{{QStringLiteral("dueAt"), due}}, 400, "title"},
            {{{QStringLiteral("title"), QStringLiteral("   ")}, {QStringLiteral("dueAt"), due}}, 400,
                "title"},
            {{{QStringLiteral("title"), QStringLiteral("x")}}, 400, "dueAt"},
            {{{QStringLiteral("title"), QStringLiteral("x")},
                 {QStringLiteral("dueAt"), QStringLiteral("tomorrow")}},
                400, "dueAt"},
            {{{QStringLiteral("title"), QStringLiteral("x")}, {QStringLiteral("dueAt"), due},
                 {QStringLiteral("leadId"), 987654}},
                422, "987654"},
            {{{QStringLiteral("title"), QStringLiteral("x")}, {QStringLiteral("dueAt"), due},
                 {QStringLiteral("leadId"), QStringLiteral("7")}},
                400, "leadId"},
            {{{QStringLiteral("title"), QStringLiteral("x")}, {QStringLiteral("dueAt"), due},
                 {QStringLiteral("state"), QStringLiteral("later")}},
                400, "state"},
            {{{QStringLiteral("title"), QStringLiteral("x")}, {QStringLiteral("dueAt"), due},
                 {QStringLiteral("source"), QStringLiteral("rule")}},
                400, "source"},
            {{{QStringLiteral("title"), QStringLiteral("x")}, {QStringLiteral("dueAt"), due},
                 {QStringLiteral("priority"), 1}},
                400, "priority"},
        };
        for (const auto &c : cases) {
            const auto reply = create(server, c.body);
            QVERIFY2(reply.status == c.status, reply.body.constData());
            QVERIFY2(detailOf(reply).contains(QLatin1String(c.names)), reply.body.constData());
        }
        const auto malformed = request("POST", server.url(QStringLiteral("/api/tasks")),
            "{\"title\": ", {{"Content-Type", "application/json"}, {"X-API-Key", adminKey}});
        QCOMPARE(malformed.status, 400);
        DatabaseReader db(server);
        QCOMPARE(db.count(QStringLiteral("tasks")), qint64(0));
        QCOMPARE(db.count(QStringLiteral("event_log"), QStringLiteral("type LIKE 'task.%'")), qint64(0));

        const auto id = create(
            server, {{QStringLiteral("title"), QStringLiteral("Keep")}, {QStringLiteral("dueAt"), due}})
                            .json()
                            .value(QStringLiteral("id"))
                            .toInteger();
        const auto badPut = adminSend(server, "PUT", QStringLiteral("/api/tasks/%1").arg(id),
            {{QStringLiteral("title"), QStringLiteral("Changed")},
                {QStringLiteral("state"), QStringLiteral("gone")}});
        QCOMPARE(badPut.status, 400);
        QCOMPARE(adminGet(server, QStringLiteral("/api/tasks/%1").arg(id))
                     .json()
                     .value(QStringLiteral("title"))
                     .toString(),
            QStringLiteral("Keep"));
        QCOMPARE(adminSend(server, "PUT", QStringLiteral("/api/tasks/999999"),
                     {{QStringLiteral("title"), QStringLiteral("x")}})
                     .status,
            404);
        QCOMPARE(adminGet(server, QStringLiteral("/api/tasks?due=someday")).status, 400);
        QCOMPARE(adminGet(server, QStringLiteral("/api/tasks?state=open,nope")).status, 400);
        QCOMPARE(adminGet(server, QStringLiteral("/api/tasks?due=today&tz=Mars/Olympus")).status, 400);
        QCOMPARE(request("GET", server.url(QStringLiteral("/api/tasks"))).status, 401);
    }

    void filtersAndPages()
    {
        // 2026-12-07 20:00 UTC = 21:00 in Berlin: "today" there ends at 23:00 UTC.
        ManualClock clock(QDateTime(QDate(2026, 12, 7), QTime(20, 0), QTimeZone::utc()).toMSecsSinceEpoch());
        TestServer server(withToken, &clock);
        QVERIFY2(server.started(), qPrintable(server.error()));
        const auto lead = leadWithPhone(server, QStringLiteral("+14155550172"), QStringLiteral("Ada"));
        const auto now = clock.nowMs();
        const QList<QPair<QString, qint64>> tasks {{QStringLiteral("overdue"), now - 5 * minute},
            {QStringLiteral("later today in Berlin"), now + 2 * 60 * minute},
            {QStringLiteral("tomorrow in Berlin"), now + 4 * 60 * minute},
            {QStringLiteral("next week"), now + 7 * 24 * 60 * minute}};
        for (const auto &[title, due] : tasks) {
            QCOMPARE(create(server,
                         {{QStringLiteral("title"), title}, {QStringLiteral("dueAt"), iso(due)},
                             {QStringLiteral("leadId"),
                                 title == QLatin1String("next week") ? QJsonValue() : QJsonValue(lead)}})
                         .status,
                201);
        }
        const auto titles = [&server](const QString &query) {
            QStringList names;
            for (const auto &task : adminGet(server, QStringLiteral("/api/tasks") + query)
                                        .json()
                                        .value(QStringLiteral("data"))
                                        .toArray())
                names << task.toObject().value(QStringLiteral("title")).toString();
            return names;
        };
        QCOMPARE(titles(QStringLiteral("?due=overdue")), QStringList {QStringLiteral("overdue")});
        QCOMPARE(titles(QStringLiteral("?due=today&tz=Europe/Berlin")),
            (QStringList {QStringLiteral("overdue"), QStringLiteral("later today in Berlin")}));
        // In UTC "today" ends at midnight: the 00:00 UTC task is tomorrow there too.
        QCOMPARE(titles(QStringLiteral("?due=today")),
            (QStringList {QStringLiteral("overdue"), QStringLiteral("later today in Berlin")}));
        QCOMPARE(titles(QStringLiteral("?due=upcoming&tz=Europe/Berlin")),
            (QStringList {QStringLiteral("tomorrow in Berlin"), QStringLiteral("next week")}));
        QCOMPARE(titles(QStringLiteral("?lead_id=%1").arg(lead)).size(), 3);
        QCOMPARE(titles(QStringLiteral("?sort=-due_at")).first(), QStringLiteral("next week"));
        // Pages of one cover all four once, in due order.
        QStringList paged;
        QString cursor;
        for (int page = 0; page < 10; ++page) {
            auto path = QStringLiteral("/api/tasks?limit=1");
            if (!cursor.isEmpty())
                path += QStringLiteral("&cursor=") + cursor;
            const auto body = adminGet(server, path).json();
            for (const auto &task : body.value(QStringLiteral("data")).toArray())
                paged << task.toObject().value(QStringLiteral("title")).toString();
            cursor = body.value(QStringLiteral("next_cursor")).toString();
            if (cursor.isEmpty())
                break;
        }
        QCOMPARE(paged.size(), 4);
        QCOMPARE(paged.first(), QStringLiteral("overdue"));
        QCOMPARE(paged.last(), QStringLiteral("next week"));
    }

    void remindersFireOncePerDueTime()
    {
        ManualClock clock(1'800'000'000'000);
        TestServer server(withToken, &clock);
        QVERIFY2(server.started(), qPrintable(server.error()));
        const auto id = create(server,
            {{QStringLiteral("title"), QStringLiteral("Call Ada back")},
                {QStringLiteral("dueAt"), iso(clock.nowMs() + 10 * minute)}})
                            .json()
                            .value(QStringLiteral("id"))
                            .toInteger();
        DatabaseReader db(server);
        const auto reminders
            = [&db] { return db.count(QStringLiteral("event_log"), QStringLiteral("type = 'task.due'")); };
        QTest::qWait(300); // several checks: not due yet
        QCOMPARE(reminders(), qint64(0));
        clock.advanceMs(11 * minute);
        QTRY_COMPARE(reminders(), qint64(1));
        QTest::qWait(300);
        QCOMPARE(reminders(), qint64(1)); // once per due time
        QVERIFY(!adminGet(server, QStringLiteral("/api/tasks/%1").arg(id))
                     .json()
                     .value(QStringLiteral("remindedAt"))
                     .isNull());
        // Snoozed to a new time: re-armed, fires again when that comes.
        QCOMPARE(adminSend(server, "PUT", QStringLiteral("/api/tasks/%1").arg(id),
                     {{QStringLiteral("state"), QStringLiteral("snoozed")}})
                     .status,
            200);
        QTest::qWait(200);
        QCOMPARE(reminders(), qint64(1));
        clock.advanceMs(61 * minute);
        QTRY_COMPARE(reminders(), qint64(2));
        // A done task is not reminded.
        const auto doneId = create(server,
            {{QStringLiteral("title"), QStringLiteral("Done already")},
                {QStringLiteral("dueAt"), iso(clock.nowMs() + minute)},
                {QStringLiteral("state"), QStringLiteral("done")}})
                                .json()
                                .value(QStringLiteral("id"))
                                .toInteger();
        QVERIFY(doneId > 0);
        clock.advanceMs(5 * minute);
        QTest::qWait(300);
        QCOMPARE(reminders(), qint64(2));
    }

    void unansweredCallRaisesOneRetryTask()
    {
        ManualClock clock(1'800'000'000'000);
        TestServer server(withToken, &clock);
        QVERIFY2(server.started(), qPrintable(server.error()));
        const auto lead = leadWithPhone(server, QStringLiteral("+14155550173"), QStringLiteral("Linus"));
        QCOMPARE(callStatus(server, QStringLiteral("CAtask1"), QStringLiteral("+14155550173"),
                     QStringLiteral("ringing"))
                     .status,
            200);
        QCOMPARE(callStatus(server, QStringLiteral("CAtask1"), QStringLiteral("+14155550173"),
                     QStringLiteral("no-answer"))
                     .status,
            200);
        const auto list = adminGet(server, QStringLiteral("/api/tasks?lead_id=%1").arg(lead)).json();
        const auto data = list.value(QStringLiteral("data")).toArray();
        QCOMPARE(data.size(), 1);
        const auto task = data.first().toObject();
        QCOMPARE(task.value(QStringLiteral("source")).toString(), QStringLiteral("rule"));
        QCOMPARE(
            task.value(QStringLiteral("title")).toString(), QStringLiteral("Call Linus again (no answer)"));
        QCOMPARE(task.value(QStringLiteral("dueAt")).toString(), iso(clock.nowMs() + 120 * minute));
        // The same callback again (a provider retry) adds nothing.
        QCOMPARE(callStatus(server, QStringLiteral("CAtask1"), QStringLiteral("+14155550173"),
                     QStringLiteral("no-answer"))
                     .status,
            200);
        DatabaseReader db(server);
        QCOMPARE(db.count(QStringLiteral("tasks")), qint64(1));
        // A completed call raises none; a missed inbound call asks for a call back.
        QCOMPARE(callStatus(server, QStringLiteral("CAtask2"), QStringLiteral("+14155550173"),
                     QStringLiteral("completed"))
                     .status,
            200);
        QCOMPARE(db.count(QStringLiteral("tasks")), qint64(1));
        // Rules: bad input named and nothing changed; turned off, no task.
        const auto bad = adminSend(server, "PUT", QStringLiteral("/api/tasks/rules"),
            {{QStringLiteral("unansweredCallRetry"), QJsonObject {{QStringLiteral("delayMinutes"), -5}}}});
        QCOMPARE(bad.status, 400);
        QVERIFY(detailOf(bad).contains(QStringLiteral("delayMinutes")));
        QCOMPARE(adminGet(server, QStringLiteral("/api/tasks/rules"))
                     .json()
                     .value(QStringLiteral("unansweredCallRetry"))
                     .toObject()
                     .value(QStringLiteral("delayMinutes"))
                     .toInt(),
            120);
        QCOMPARE(
            adminSend(server, "PUT", QStringLiteral("/api/tasks/rules"),
                {{QStringLiteral("unansweredCallRetry"), QJsonObject {{QStringLiteral("enabled"), false}}}})
                .status,
            200);
        QCOMPARE(callStatus(server, QStringLiteral("CAtask3"), QStringLiteral("+14155550173"),
                     QStringLiteral("busy"))
                     .status,
            200);
        QCOMPARE(db.count(QStringLiteral("tasks")), qint64(1));
        QCOMPARE(
            adminSend(server, "PUT", QStringLiteral("/api/tasks/rules"),
                {{QStringLiteral("unansweredCallRetry"),
                    QJsonObject {{QStringLiteral("enabled"), true}, {QStringLiteral("delayMinutes"), 30}}}})
                .status,
            200);
        const QList<QPair<QString, QString>> fields {{QStringLiteral("CallSid"), QStringLiteral("CAtask4")},
            {QStringLiteral("AccountSid"), QStringLiteral("AC123")},
            {QStringLiteral("From"), QStringLiteral("+14155550173")},
            {QStringLiteral("To"), QStringLiteral("+15005550006")},
            {QStringLiteral("Direction"), QStringLiteral("inbound")},
            {QStringLiteral("CallStatus"), QStringLiteral("no-answer")}};
        const auto url = server.url(QStringLiteral("/api/webhooks/twilio/voice/status"));
        QCOMPARE(request("POST", url, formBody(fields),
                     {{"Content-Type", "application/x-www-form-urlencoded"},
                         {"X-Twilio-Signature",
                             TwilioSignature::sign(token, url.toEncoded(), formFields(fields))}})
                     .status,
            200);
        const auto missed = db.row(QStringLiteral("SELECT title, due_at FROM tasks WHERE source_ref = ?"),
            {QStringLiteral("call:%1").arg(
                db.value(QStringLiteral("SELECT id FROM calls WHERE call_ref = 'CAtask4'")).toLongLong())});
        QCOMPARE(missed.value(QStringLiteral("title")).toString(),
            QStringLiteral("Call back Linus (missed call)"));
        QCOMPARE(missed.value(QStringLiteral("due_at")).toLongLong(), clock.nowMs() + 30 * minute);
    }

    void timelineAcrossKindsNewestFirst()
    {
        ManualClock clock(1'800'000'000'000);
        TestServer server(withToken, &clock);
        QVERIFY2(server.started(), qPrintable(server.error()));
        const auto lead = leadWithPhone(server, QStringLiteral("+14155550174"), QStringLiteral("Hedy"));
        clock.advanceMs(minute);
        const QList<QPair<QString, QString>> sms {
            {QStringLiteral("MessageSid"), QStringLiteral("SMtimeline1")},
            {QStringLiteral("AccountSid"), QStringLiteral("AC123")},
            {QStringLiteral("From"), QStringLiteral("+14155550174")},
            {QStringLiteral("To"), QStringLiteral("+15005550006")},
            {QStringLiteral("Body"), QStringLiteral("Is it still available?")},
            {QStringLiteral("NumMedia"), QStringLiteral("0")}};
        const auto smsUrl = server.url(QStringLiteral("/api/webhooks/twilio/sms"));
        QCOMPARE(request("POST", smsUrl, formBody(sms),
                     {{"Content-Type", "application/x-www-form-urlencoded"},
                         {"X-Twilio-Signature",
                             TwilioSignature::sign(token, smsUrl.toEncoded(), formFields(sms))}})
                     .status,
            200);
        clock.advanceMs(minute);
        QCOMPARE(adminSend(server, "PUT", QStringLiteral("/api/leads/%1").arg(lead),
                     {{QStringLiteral("lead_status"), QStringLiteral("qualified")}})
                     .status,
            200);
        clock.advanceMs(minute);
        QCOMPARE(callStatus(server, QStringLiteral("CAtimeline"), QStringLiteral("+14155550174"),
                     QStringLiteral("no-answer"))
                     .status,
            200); // a call and its retry task
        const auto page = [&server, lead](const QString &query) {
            return adminGet(server, QStringLiteral("/api/leads/%1/timeline%2").arg(lead).arg(query)).json();
        };
        const auto all = page(QString()).value(QStringLiteral("data")).toArray();
        QStringList kinds;
        for (const auto &entry : all)
            kinds << entry.toObject().value(QStringLiteral("kind")).toString();
        // Newest first; within one instant, later kinds first (the task the call raised, then the call).
        QVERIFY2(kinds.mid(0, 2) == (QStringList {QStringLiteral("task"), QStringLiteral("call")}),
            qPrintable(kinds.join(u',')));
        QVERIFY2(kinds.contains(QStringLiteral("sms")) && kinds.contains(QStringLiteral("status")),
            qPrintable(kinds.join(u',')));
        QVERIFY(kinds.indexOf(QStringLiteral("status")) < kinds.indexOf(QStringLiteral("sms")));
        const auto smsEntry = all.at(kinds.indexOf(QStringLiteral("sms"))).toObject();
        QCOMPARE(smsEntry.value(QStringLiteral("text")).toString(), QStringLiteral("Is it still available?"));
        QCOMPARE(smsEntry.value(QStringLiteral("direction")).toString(), QStringLiteral("inbound"));
        // Filtered by kind; paged without repeats.
        const auto onlySms = page(QStringLiteral("?kinds=sms")).value(QStringLiteral("data")).toArray();
        QCOMPARE(onlySms.size(), 1);
        QStringList paged;
        QString cursor;
        for (int i = 0; i < 20; ++i) {
            const auto body = page(QStringLiteral("?limit=1")
                + (cursor.isEmpty() ? QString() : QStringLiteral("&cursor=") + cursor));
            for (const auto &entry : body.value(QStringLiteral("data")).toArray())
                paged << entry.toObject().value(QStringLiteral("kind")).toString() + QLatin1Char(':')
                        + QString::number(entry.toObject().value(QStringLiteral("id")).toInteger());
            cursor = body.value(QStringLiteral("next_cursor")).toString();
            if (cursor.isEmpty())
                break;
        }
        QCOMPARE(paged.size(), all.size());
        QCOMPARE(QSet<QString>(paged.begin(), paged.end()).size(), all.size());
        QCOMPARE(adminGet(server, QStringLiteral("/api/leads/%1/timeline?kinds=fax").arg(lead)).status, 400);
        QCOMPARE(adminGet(server, QStringLiteral("/api/leads/%1/timeline?cursor=zz").arg(lead)).status, 400);
        QCOMPARE(adminGet(server, QStringLiteral("/api/leads/999999/timeline")).status, 404);
    }
};

QTEST_GUILESS_MAIN(TasksTest)
#include "tst_tasks.moc"
