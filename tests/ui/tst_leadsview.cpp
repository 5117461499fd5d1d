// The leads view against a real runtime: leads created through the CRM webhooks page in sorted
// and searched in SQL, arrive live (also while a search is active), and the edit form saves
// through the CRM commands so a status change leaves a status history row; the Timeline tab lists
// the lead's history newest first, filters by kind, adds a follow-up task and marks it done.
#include "TestSupport.h"
#include "leads/LeadDetailPane.h"
#include "leads/LeadEditDialog.h"
#include "leads/LeadQueries.h"
#include "leads/LeadTableModel.h"
#include "leads/LeadTimelineTab.h"
#include "leads/LeadsView.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QTreeWidget>

using namespace sb;
using namespace sb::test;

namespace {

constexpr int timeoutMs = 20000;

qint64 createLead(TestServer &server, const QString &first, const QString &last, const QString &company,
    const QString &status = QStringLiteral("new"))
{
    const auto reply = postCrm(server, QStringLiteral("/api/v1/webhooks/incoming/lead/create"),
        {{QStringLiteral("event"), QStringLiteral("new_lead")},
            {QStringLiteral("data"),
                QJsonObject {{QStringLiteral("first_name"), first}, {QStringLiteral("last_name"), last},
                    {QStringLiteral("company_name"), company},
                    {QStringLiteral("email"), QString(first.toLower() + QStringLiteral("@example.org"))},
                    {QStringLiteral("lead_status"), status}}}});
    if (reply.status != 200)
        qWarning("lead create: %d %s", reply.status, reply.body.constData());
    return qint64(
        reply.json().value(QStringLiteral("data")).toObject().value(QStringLiteral("lead_id")).toInteger());
}

QStringList names(const LeadTableModel &model)
{
    QStringList result;
    for (int row = 0; row < model.rowCount(); ++row)
        result.append(model.rowAt(row).name());
    return result;
}

} // namespace

class LeadsViewTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName(QStringLiteral("SwitchboardTest"));
        QApplication::setApplicationName(QStringLiteral("tst_leadsview"));
    }

    void pagesSortsAndSearchesInSql()
    {
        TestServer server;
        QVERIFY2(server.started(), qPrintable(server.error()));
        QVERIFY(
            createLead(server, QStringLiteral("Ada"), QStringLiteral("Lovelace"), QStringLiteral("Engines"))
            > 0);
        QVERIFY(createLead(server, QStringLiteral("Grace"), QStringLiteral("Hopper"), QStringLiteral("Navy"))
            > 0);
        QVERIFY(
            createLead(server, QStringLiteral("Alan"), QStringLiteral("Turing"), QStringLiteral("Bletchley"))
            > 0);

        LeadTableModel model(server.runtime());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.sort(LeadQuery::Name, Qt::AscendingOrder);
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 3, timeoutMs);
        QTRY_VERIFY(model.reachedEnd());
        QCOMPARE(names(model),
            (QStringList {QStringLiteral("Ada Lovelace"), QStringLiteral("Alan Turing"),
                QStringLiteral("Grace Hopper")}));
        model.sort(LeadQuery::Company, Qt::DescendingOrder);
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 3, timeoutMs);
        QCOMPARE(model.rowAt(0).company, QStringLiteral("Navy"));
        model.setSearch(QStringLiteral("hopp"));
        QTRY_VERIFY_WITH_TIMEOUT(model.reachedEnd() && !model.isLoading(), timeoutMs);
        QCOMPARE(names(model), QStringList {QStringLiteral("Grace Hopper")});
        model.setSearch(QStringLiteral("100%_"));
        QTRY_VERIFY_WITH_TIMEOUT(model.reachedEnd() && !model.isLoading(), timeoutMs);
        QCOMPARE(model.rowCount(), 0);
    }

    void archivedLeadsAreNotListed()
    {
        TestServer server;
        QVERIFY2(server.started(), qPrintable(server.error()));
        const auto kept
            = createLead(server, QStringLiteral("Kept"), QStringLiteral("Lead"), QStringLiteral("A"));
        const auto archived
            = createLead(server, QStringLiteral("Archived"), QStringLiteral("Lead"), QStringLiteral("B"));
        QVERIFY(kept > 0 && archived > 0);
        QCOMPARE(adminSend(server, "DELETE", QStringLiteral("/api/leads/%1").arg(archived)).status, 200);
        LeadTableModel model(server.runtime());
        model.sort(LeadQuery::Name, Qt::AscendingOrder);
        QTRY_VERIFY_WITH_TIMEOUT(model.reachedEnd() && !model.isLoading(), timeoutMs);
        QCOMPARE(names(model), QStringList {QStringLiteral("Kept Lead")});
        // Still readable over the API with include_archived.
        QVERIFY(adminGet(server, QStringLiteral("/api/leads?include_archived=true"))
                    .body.contains("\"archived\":true"));
    }

    void keysetPagingReadsEveryLeadOnce()
    {
        // More CRM calls than the per-IP rate limit allows in a minute.
        TestServer server([](RuntimeOptions &options) { options.rateLimitPerMinute = 0; });
        QVERIFY(server.started());
        const int count = LeadTableModel::pageSize + 15;
        for (int i = 0; i < count; ++i)
            QVERIFY(createLead(server, QStringLiteral("Lead%1").arg(i, 3, 10, QLatin1Char('0')),
                        QStringLiteral("X"), QStringLiteral("Same Company"))
                > 0);
        LeadTableModel model(server.runtime());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.sort(LeadQuery::Company, Qt::AscendingOrder); // every key equal: the id breaks the ties
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), LeadTableModel::pageSize, timeoutMs);
        QVERIFY(model.canFetchMore());
        model.fetchMore();
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), count, timeoutMs);
        QTRY_VERIFY(model.reachedEnd());
        QSet<qint64> ids;
        for (int row = 0; row < model.rowCount(); ++row)
            ids.insert(model.rowAt(row).id);
        QCOMPARE(ids.size(), count);
    }

    void liveInsertWhileSearching()
    {
        TestServer server;
        QVERIFY(server.started());
        QVERIFY(
            createLead(server, QStringLiteral("Ada"), QStringLiteral("Lovelace"), QStringLiteral("Engines"))
            > 0);
        LeadsView view(server.runtime());
        view.resize(1000, 700);
        view.show();
        QAbstractItemModelTester tester(view.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_COMPARE_WITH_TIMEOUT(view.model()->rowCount(), 1, timeoutMs);
        view.searchBox()->setText(QStringLiteral("lovelace"));
        QTRY_COMPARE_WITH_TIMEOUT(view.model()->query().search, QStringLiteral("lovelace"), timeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(view.model()->reachedEnd() && !view.model()->isLoading(), timeoutMs);
        view.table()->selectRow(0);

        QSignalSpy reset(view.model(), &QAbstractItemModel::modelReset);
        QSignalSpy inserted(view.model(), &QAbstractItemModel::rowsInserted);
        QVERIFY(
            createLead(server, QStringLiteral("Byron"), QStringLiteral("Lovelace"), QStringLiteral("Poets"))
            > 0);
        QVERIFY(createLead(
                    server, QStringLiteral("Charles"), QStringLiteral("Babbage"), QStringLiteral("Engines"))
            > 0);
        QTRY_COMPARE_WITH_TIMEOUT(view.model()->rowCount(), 2, timeoutMs);
        QTest::qWait(400); // Babbage's event too has been handled by now
        QCOMPARE(view.model()->rowCount(), 2);
        QCOMPARE(reset.count(), 0);
        QCOMPARE(inserted.count(), 1);
        // Newest first (updated, descending): the new lead is on top, the selection stayed on Ada.
        QCOMPARE(view.model()->rowAt(0).firstName, QStringLiteral("Byron"));
        QCOMPARE(view.model()->rowAt(view.table()->currentIndex().row()).firstName, QStringLiteral("Ada"));
    }

    void editFormRecordsStatusHistory()
    {
        TestServer server;
        QVERIFY(server.started());
        const qint64 id = createLead(
            server, QStringLiteral("Ada"), QStringLiteral("Lovelace"), QStringLiteral("Engines"));
        QVERIFY(id > 0);
        LeadsView view(server.runtime());
        view.resize(1100, 800);
        view.show();
        QTRY_COMPARE_WITH_TIMEOUT(view.model()->rowCount(), 1, timeoutMs);
        view.table()->selectRow(0);
        auto *pane = view.detail();
        QTRY_VERIFY_WITH_TIMEOUT(pane->detail().has_value() && pane->detail()->lead.id == id, timeoutMs);
        QCOMPARE(pane->historyList()->topLevelItemCount(), 1); // the creation row

        LeadEditDialog dialog(*pane->detail(), server.runtime().writer());
        // A negative amount: the CRM command refuses it, the dialog shows why and stays open.
        dialog.findChild<QLineEdit *>(QStringLiteral("leadExpectedValue"))->setText(QStringLiteral("-5"));
        dialog.show();
        dialog.save();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.errorText().isEmpty(), timeoutMs);
        QVERIFY2(
            dialog.errorText().contains(QStringLiteral("expected_value")), qPrintable(dialog.errorText()));
        QCOMPARE(dialog.result(), int(QDialog::Rejected));

        dialog.findChild<QLineEdit *>(QStringLiteral("leadEmail"))
            ->setText(QStringLiteral("ada@engines.example"));
        auto *status = dialog.findChild<QComboBox *>(QStringLiteral("leadStatus"));
        status->setCurrentIndex(status->findData(QStringLiteral("qualified")));
        dialog.findChild<QLineEdit *>(QStringLiteral("leadRemarks"))
            ->setText(QStringLiteral("met at the fair"));
        dialog.findChild<QLineEdit *>(QStringLiteral("leadExpectedValue"))->setText(QStringLiteral("1500"));
        const auto change = dialog.change();
        QCOMPARE(change.newStatus, QStringLiteral("qualified"));
        QVERIFY(!change.fields.contains(QStringLiteral("lead_status")));
        dialog.save();
        QTRY_COMPARE_WITH_TIMEOUT(dialog.result(), int(QDialog::Accepted), timeoutMs);

        // The lead.* events update the row in place and the pane re-reads the history.
        QTRY_COMPARE_WITH_TIMEOUT(view.model()->rowAt(0).status, LeadStatus::Qualified, timeoutMs);
        QCOMPARE(view.model()->rowAt(0).email, QStringLiteral("ada@engines.example"));
        QCOMPARE(view.model()->rowAt(0).expectedValue.toDouble(), 1500.0);
        QTRY_COMPARE_WITH_TIMEOUT(pane->historyList()->topLevelItemCount(), 2, timeoutMs);
        const auto *newest = pane->historyList()->topLevelItem(0);
        QCOMPARE(newest->text(3), QStringLiteral("met at the fair"));
        QCOMPARE(newest->text(4), QStringLiteral("console"));
    }

    void timelineListsFiltersAndAddsTasks()
    {
        TestServer server;
        QVERIFY(server.started());
        const qint64 id
            = createLead(server, QStringLiteral("Grace"), QStringLiteral("Hopper"), QStringLiteral("Navy"));
        QVERIFY(id > 0);
        const auto memo = adminSend(server, "POST", QStringLiteral("/api/tasks"),
            {{QStringLiteral("title"), QStringLiteral("Send the brochure")},
                {QStringLiteral("dueAt"), QStringLiteral("2030-01-01T09:00:00Z")},
                {QStringLiteral("leadId"), id}});
        QCOMPARE(memo.status, 201);
        LeadsView view(server.runtime());
        view.resize(1100, 800);
        view.show();
        QTRY_COMPARE_WITH_TIMEOUT(view.model()->rowCount(), 1, timeoutMs);
        view.table()->selectRow(0);
        auto *timeline = view.detail()->timeline();
        // Each tab keeps its own title when the counts are filled in.
        QTRY_VERIFY_WITH_TIMEOUT(view.detail()->detail().has_value(), timeoutMs);
        QStringList titles;
        for (int tab = 0; tab < view.detail()->tabs()->count(); ++tab)
            titles << view.detail()->tabs()->tabText(tab);
        QCOMPARE(titles,
            (QStringList {QStringLiteral("Overview"), QStringLiteral("Timeline"), QStringLiteral("Contacts"),
                QStringLiteral("Memos"), QStringLiteral("Activities"), QStringLiteral("Status history (1)"),
                QStringLiteral("Qualified profile")}));
        // The creation (status) and the task, newest first: the task was made after the lead.
        QTRY_COMPARE_WITH_TIMEOUT(timeline->list()->topLevelItemCount(), 2, timeoutMs);
        QCOMPARE(timeline->list()->topLevelItem(0)->text(3), QStringLiteral("Send the brochure"));
        QVERIFY(timeline->list()->topLevelItem(0)->text(2).startsWith(QStringLiteral("Task due 2030-01-01")));
        QCOMPARE(
            timeline->list()->topLevelItem(1)->data(0, Qt::UserRole).toString(), QStringLiteral("status"));
        // Filter: status changes only.
        QSignalSpy loaded(timeline, &LeadTimelineTab::loaded);
        timeline->kindFilter()->setCurrentIndex(
            timeline->kindFilter()->findText(QStringLiteral("Status changes")));
        QTRY_VERIFY_WITH_TIMEOUT(loaded.count() >= 1, timeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(timeline->list()->topLevelItemCount(), 1, timeoutMs);
        // Tasks: one added here, then marked done.
        timeline->kindFilter()->setCurrentIndex(timeline->kindFilter()->findText(QStringLiteral("Tasks")));
        QTRY_COMPARE_WITH_TIMEOUT(timeline->list()->topLevelItemCount(), 1, timeoutMs);
        timeline->addTask(QStringLiteral("Call about the contract"),
            QDateTime::currentMSecsSinceEpoch() + 3600000, QStringLiteral("sam"), QString());
        QTRY_COMPARE_WITH_TIMEOUT(timeline->list()->topLevelItemCount(), 2, timeoutMs);
        const auto listed
            = adminGet(server, QStringLiteral("/api/tasks?lead_id=%1&sort=-created_at").arg(id));
        QVERIFY2(listed.status == 200, listed.body.constData());
        const auto tasks = listed.json().value(QStringLiteral("data")).toArray();
        QCOMPARE(tasks.size(), 2);
        const auto added = tasks.first().toObject();
        QCOMPARE(added.value(QStringLiteral("title")).toString(), QStringLiteral("Call about the contract"));
        QCOMPARE(added.value(QStringLiteral("source")).toString(), QStringLiteral("manual"));
        QCOMPARE(added.value(QStringLiteral("owner")).toString(), QStringLiteral("sam"));
        timeline->markDone(added.value(QStringLiteral("id")).toInteger());
        QTRY_COMPARE_WITH_TIMEOUT(
            adminGet(
                server, QStringLiteral("/api/tasks/%1").arg(added.value(QStringLiteral("id")).toInteger()))
                .json()
                .value(QStringLiteral("state"))
                .toString(),
            QStringLiteral("done"), timeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(
            timeline->list()->topLevelItem(0)->text(2) == QStringLiteral("Task done"), timeoutMs);
    }
};

QTEST_MAIN(LeadsViewTest)
#include "tst_leadsview.moc"
