// The Dashboard's "Due today / Overdue" panel and the Intelligence tab's Calls panel against a real
// runtime: overdue tasks are listed with lead, title, due time and owner (done and later tasks are
// not); Mark done and Snooze until tomorrow 9:00 take a task off the list and store the change; a
// task created elsewhere appears live; a double-click opens the lead; the empty state says so. The
// Calls panel shows the seeded calls' summary, outcomes and sentiment; the lead's Timeline tab gives
// its calls in one line; an analysed call's action items are "Add task" links in the thread that
// accept the item as a task once.
#include "DatabaseReader.h"
#include "TestSupport.h"
#include "conversations/MessageThreadView.h"
#include "dashboard/CallsChart.h"
#include "dashboard/DashboardView.h"
#include "dashboard/DueTasksPanel.h"
#include "dashboard/IntelligencePanels.h"
#include "leads/LeadTimelineTab.h"
#include "storage/SqlWorker.h"
#include "storage/TaskRepository.h"

#include <QApplication>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>
#include <QTextBrowser>
#include <QTimeZone>
#include <QTreeWidget>

using namespace sb;
using namespace sb::test;

namespace {

constexpr int timeoutMs = 20000;
constexpr qint64 hourMs = 3600LL * 1000;

// Runs `work` in one writer job and waits for it.
template <typename Work> void write(TestServer &server, Work work)
{
    bool done = false;
    QObject context;
    SqlJob job;
    job.run = [&work](SqlContext &c) -> ApiResult {
        work(c);
        return ApiResponse {};
    };
    job.replyContext = &context;
    job.done = [&done](const ApiResult &) { done = true; };
    server.runtime().writer().submit(std::move(job));
    (void)QTest::qWaitFor([&done] { return done; }, 10000);
}

qint64 addLead(SqlContext &c, const QString &first)
{
    const qint64 now = c.nowMs();
    return c.write(
        QStringLiteral("INSERT INTO leads(first_name, last_name, lead_status, created_at, updated_at) "
                       "VALUES (?, 'Test', 'new', ?, ?)"),
        {first, now, now});
}

qint64 addTask(SqlContext &c, qint64 leadId, const QString &title, qint64 dueAt, const QString &owner,
    TaskState state = TaskState::Open)
{
    FollowUpTask task;
    task.leadId = leadId;
    task.title = title;
    task.dueAt = dueAt;
    task.owner = owner;
    task.state = state;
    return TaskRepository::create(c, task);
}

QStringList rowTexts(const QTreeWidget *tree, int row)
{
    QStringList texts;
    const auto *item = tree->topLevelItem(row);
    for (int index = 0; item && index < tree->columnCount(); ++index)
        texts.append(item->text(index));
    return texts;
}

void select(QTreeWidget *tree, int row)
{
    tree->setCurrentItem(tree->topLevelItem(row));
    tree->topLevelItem(row)->setSelected(true);
}

} // namespace

class DashboardTasksTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName(QStringLiteral("SwitchboardTest"));
        QApplication::setApplicationName(QStringLiteral("tst_dashboard_tasks"));
        QSettings().clear();
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    }

    void emptyStateSaysNothingDue()
    {
        TestServer server;
        QVERIFY2(server.started(), qPrintable(server.error()));
        DashboardView view(server.runtime());
        view.show();
        auto *panel = view.tasks();
        QVERIFY(panel);
        QTRY_VERIFY_WITH_TIMEOUT(panel->generation() >= 1, timeoutMs);
        QCOMPARE(panel->list()->topLevelItemCount(), 1);
        QCOMPARE(panel->list()->topLevelItem(0)->text(0), QStringLiteral("Nothing due today"));
        QCOMPARE(panel->list()->topLevelItem(0)->flags(), Qt::NoItemFlags);
        QCOMPARE(panel->countLabel()->text(), QString());
        QVERIFY(!panel->doneButton()->isEnabled());
    }

    void dueTasksListedDoneAndSnoozed()
    {
        TestServer server;
        QVERIFY2(server.started(), qPrintable(server.error()));
        qint64 grace = 0, call = 0, quote = 0;
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        write(server, [&](SqlContext &c) {
            grace = addLead(c, QStringLiteral("Grace"));
            call = addTask(
                c, grace, QStringLiteral("Call Grace back"), now - 2 * hourMs, QStringLiteral("sam"));
            quote = addTask(c, grace, QStringLiteral("Send the quote"), now - hourMs, QString());
            addTask(c, grace, QStringLiteral("Already done"), now - 3 * hourMs, {}, TaskState::Done);
            addTask(c, grace, QStringLiteral("Next week"), now + 7 * 24 * hourMs, {});
        });
        DashboardView view(server.runtime());
        view.resize(1200, 800);
        view.show();
        auto *panel = view.tasks();
        QTRY_VERIFY_WITH_TIMEOUT(panel->generation() >= 1 && panel->summary().tasks.size() == 2, timeoutMs);
        auto *list = panel->list();
        QCOMPARE(list->topLevelItemCount(), 2);
        const auto first = rowTexts(list, 0);
        QVERIFY2(first.at(0).startsWith(QStringLiteral("Overdue · ")), qPrintable(first.at(0)));
        QCOMPARE(first.mid(1),
            (QStringList {
                QStringLiteral("Grace Test"), QStringLiteral("Call Grace back"), QStringLiteral("sam")}));
        QCOMPARE(rowTexts(list, 1).mid(1),
            (QStringList {
                QStringLiteral("Grace Test"), QStringLiteral("Send the quote"), QStringLiteral("–")}));
        QCOMPARE(panel->countLabel()->text(), QStringLiteral("2 overdue"));

        // Double-click opens the lead.
        QSignalSpy opened(&view, &DashboardView::openLead);
        Q_EMIT list->itemActivated(list->topLevelItem(0), 0);
        QCOMPARE(opened.size(), 1);
        QCOMPARE(opened.at(0).at(0).toLongLong(), grace);

        // Mark done: gone from the list, stored done, task.completed raised.
        select(list, 0);
        QVERIFY(panel->doneButton()->isEnabled());
        QCOMPARE(panel->selectedTask(), call);
        int generation = panel->generation();
        QTest::mouseClick(panel->doneButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(
            panel->generation() > generation && panel->summary().tasks.size() == 1, timeoutMs);
        QCOMPARE(list->topLevelItem(0)->text(2), QStringLiteral("Send the quote"));
        DatabaseReader db(server);
        QCOMPARE(db.value(QStringLiteral("SELECT state FROM tasks WHERE id = ?"), {call}).toString(),
            QStringLiteral("done"));
        QTRY_COMPARE(
            db.count(QStringLiteral("event_log"), QStringLiteral("type = 'task.completed'")), qint64(1));

        // Snooze until tomorrow 9:00: gone, stored snoozed at 9:00 tomorrow local time.
        select(list, 0);
        generation = panel->generation();
        QTest::mouseClick(
            view.findChild<QPushButton *>(QStringLiteral("dueTasksSnoozeTomorrow")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(
            panel->generation() > generation && panel->summary().tasks.isEmpty(), timeoutMs);
        QCOMPARE(list->topLevelItem(0)->text(0), QStringLiteral("Nothing due today"));
        const auto tomorrow = QDateTime(QDate::currentDate().addDays(1), QTime(9, 0)).toMSecsSinceEpoch();
        QCOMPARE(db.value(QStringLiteral("SELECT due_at FROM tasks WHERE id = ?"), {quote}).toLongLong(),
            tomorrow);
        QCOMPARE(db.value(QStringLiteral("SELECT state FROM tasks WHERE id = ?"), {quote}).toString(),
            QStringLiteral("snoozed"));

        // A task made elsewhere (here: by the writer, as the API does) shows up live.
        write(server, [&](SqlContext &c) {
            addTask(
                c, grace, QStringLiteral("Ask about the budget"), now - 5 * 60'000, QStringLiteral("kim"));
        });
        QTRY_VERIFY_WITH_TIMEOUT(panel->summary().tasks.size() == 1, timeoutMs);
        QCOMPARE(list->topLevelItem(0)->text(2), QStringLiteral("Ask about the budget"));
        QCOMPARE(panel->countLabel()->text(), QStringLiteral("1 overdue"));
    }

    void callsPanelShowsFigures()
    {
        TestServer server;
        QVERIFY2(server.started(), qPrintable(server.error()));
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        write(server, [&](SqlContext &c) {
            const auto ada = addLead(c, QStringLiteral("Ada"));
            const auto call = [&](const QString &ref, const QString &status, const QVariant &duration) {
                return c.write(
                    QStringLiteral("INSERT INTO calls(lead_id, provider, call_ref, direction, status, "
                                   "duration_seconds, started_at, created_at, updated_at) VALUES "
                                   "(?, 'twilio', ?, 'outbound-api', ?, ?, ?, ?, ?)"),
                    {ada, ref, status, duration, now - 60'000, now - 60'000, now - 60'000});
            };
            const auto answered = call(QStringLiteral("CA1"), QStringLiteral("completed"), 200);
            call(QStringLiteral("CA2"), QStringLiteral("no-answer"), 0);
            call(QStringLiteral("CA3"), QStringLiteral("busy"), 0);
            c.write(QStringLiteral(
                        "INSERT INTO ai_analyses(subject_kind, subject_id, lead_id, status, sentiment, "
                        "created_at) VALUES ('call', ?, ?, 'ok', 'positive', ?)"),
                {answered, ada, now});
        });
        DashboardView view(server.runtime());
        view.resize(1200, 900);
        view.show();
        view.tabs()->setCurrentIndex(1);
        auto *panels = view.intelligence();
        QTRY_VERIFY_WITH_TIMEOUT(panels->generation() >= 1, timeoutMs);
        QCOMPARE(
            panels->callsSummary()->text(), QStringLiteral("3 calls · 1 answered · avg 3:20 · 1 positive"));
        QStringList outcomes;
        for (int row = 0; row < panels->callOutcomes()->topLevelItemCount(); ++row)
            outcomes << rowTexts(panels->callOutcomes(), row).join(QLatin1Char('='));
        QCOMPARE(outcomes,
            (QStringList {QStringLiteral("Outcome="), QStringLiteral("Completed=1"),
                QStringLiteral("No answer=1"), QStringLiteral("Busy=1"), QStringLiteral("Failed=0"),
                QStringLiteral("Canceled=0"), QStringLiteral("Sentiment (AI analysis)="),
                QStringLiteral("Positive=1"), QStringLiteral("Neutral=0"), QStringLiteral("Negative=0")}));
        const auto &days = panels->callsChart()->days();
        QCOMPARE(int(days.size()), 31); // 30 days back and today
        QCOMPARE(days.back().second.calls, qint64(3));
        QCOMPARE(days.back().second.answered, qint64(1));
        QCOMPARE(days.front().second.calls, qint64(0));
    }

    void threadLinksAcceptActionItems()
    {
        TestServer server;
        QVERIFY2(server.started(), qPrintable(server.error()));
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        qint64 lead = 0, conversation = 0, analysis = 0;
        write(server, [&](SqlContext &c) {
            lead = addLead(c, QStringLiteral("Ada"));
            conversation
                = c.write(QStringLiteral("INSERT INTO conversations(lead_id, channel, last_message_at, "
                                         "message_count, created_at, updated_at) VALUES (?, 'voice', ?, "
                                         "1, ?, ?)"),
                    {lead, now, now, now});
            const auto call
                = c.write(QStringLiteral("INSERT INTO calls(conversation_id, lead_id, provider, "
                                         "call_ref, direction, status, duration_seconds, started_at, "
                                         "created_at, updated_at) VALUES (?, ?, 'twilio', 'CA9', "
                                         "'outbound-api', 'completed', 95, ?, ?, ?)"),
                    {conversation, lead, now - 60'000, now - 60'000, now - 60'000});
            analysis
                = c.write(QStringLiteral("INSERT INTO ai_analyses(subject_kind, subject_id, conversation_id, "
                                         "lead_id, status, sentiment, action_items, created_at) VALUES "
                                         "('call', ?, ?, ?, 'ok', 'positive', ?, ?)"),
                    {call, conversation, lead, QStringLiteral(R"(["Send the quote","Book a demo"])"), now});
        });

        MessageThreadView view(server.runtime());
        view.resize(700, 420);
        view.show();
        ConversationRow row;
        row.id = conversation;
        row.leadId = lead;
        row.channel = Channel::Voice;
        row.messageCount = 1;
        view.load(row);
        QTRY_COMPARE_WITH_TIMEOUT(int(view.entries().size()), 1, timeoutMs);
        QCOMPARE(view.entries().front().analysisId, analysis);
        const QString link = QStringLiteral("task:accept:%1:1").arg(analysis);
        QVERIFY2(view.browser()->toHtml().contains(link), qPrintable(view.browser()->toHtml()));
        QVERIFY(
            view.browser()->toPlainText().contains(QStringLiteral("Add task: Send the quote · Book a demo")));

        QSignalSpy accepted(&view, &MessageThreadView::taskAccepted);
        Q_EMIT view.browser()->anchorClicked(QUrl(link));
        QTRY_COMPARE_WITH_TIMEOUT(accepted.size(), 1, timeoutMs);
        DatabaseReader db(server);
        const auto task
            = db.row(QStringLiteral("SELECT id, lead_id, conversation_id, title, source, state, due_at "
                                    "FROM tasks"));
        QCOMPARE(task.value(QStringLiteral("id")).toLongLong(), accepted.at(0).at(0).toLongLong());
        QCOMPARE(task.value(QStringLiteral("lead_id")).toLongLong(), lead);
        QCOMPARE(task.value(QStringLiteral("conversation_id")).toLongLong(), conversation);
        QCOMPARE(task.value(QStringLiteral("title")).toString(), QStringLiteral("Book a demo"));
        QCOMPARE(task.value(QStringLiteral("source")).toString(), QStringLiteral("ai"));
        QCOMPARE(task.value(QStringLiteral("state")).toString(), QStringLiteral("open"));
        QCOMPARE(task.value(QStringLiteral("due_at")).toLongLong(),
            QDateTime(QDate::currentDate().addDays(1), QTime(9, 0)).toMSecsSinceEpoch());
        QVERIFY(view.browser()->toPlainText().contains(QStringLiteral("✓ Book a demo")));
        QVERIFY(!view.browser()->toHtml().contains(link));

        // The same link again (e.g. after a restart): still one task.
        view.acceptActionItem(analysis, 1);
        QTRY_COMPARE_WITH_TIMEOUT(accepted.size(), 2, timeoutMs);
        QCOMPARE(accepted.at(1).at(0).toLongLong(), accepted.at(0).at(0).toLongLong());
        QCOMPARE(db.count(QStringLiteral("tasks")), qint64(1));

        // The lead's Timeline tab: its calls in one line.
        LeadTimelineTab timeline(server.runtime());
        timeline.show();
        timeline.showLead(lead);
        QTRY_COMPARE_WITH_TIMEOUT(timeline.callFigures()->text(),
            QStringLiteral("1 call · 1 answered · avg 1:35 · 1 positive"), timeoutMs);
    }

    void callsPanelEmpty()
    {
        TestServer server;
        QVERIFY2(server.started(), qPrintable(server.error()));
        DashboardView view(server.runtime());
        view.show();
        view.tabs()->setCurrentIndex(1);
        auto *panels = view.intelligence();
        QTRY_VERIFY_WITH_TIMEOUT(panels->generation() >= 1, timeoutMs);
        QCOMPARE(panels->callsSummary()->text(), QStringLiteral("No calls in the last 30 days"));
        QCOMPARE(panels->callOutcomes()->topLevelItemCount(), 1);
        QCOMPARE(panels->callOutcomes()->topLevelItem(0)->text(0),
            QStringLiteral("Outcomes and AI sentiment of calls appear here"));
    }
};

QTEST_MAIN(DashboardTasksTest)
#include "tst_dashboard_tasks.moc"
