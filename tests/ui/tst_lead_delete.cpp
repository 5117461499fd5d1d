// The lead pane's Delete action against a real runtime: "Archive" keeps the row and hides the lead;
// "Erase all data (GDPR)…" asks again, naming what goes, and then erases the lead with its rows
// through the same command as DELETE /api/leads/{id}?purge=true.
#include "DatabaseReader.h"
#include "TestSupport.h"
#include "leads/LeadDetailPane.h"
#include "leads/LeadTableModel.h"
#include "leads/LeadsView.h"

#include <QAbstractButton>
#include <QApplication>
#include <QDeadlineTimer>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

using namespace sb;
using namespace sb::test;

namespace {

constexpr int timeoutMs = 20000;

qint64 createLead(TestServer &server, const QString &first)
{
    const auto reply = postCrm(server, QStringLiteral("/api/v1/webhooks/incoming/lead/create"),
        {{QStringLiteral("event"), QStringLiteral("new_lead")},
            {QStringLiteral("data"),
                QJsonObject {{QStringLiteral("first_name"), first},
                    {QStringLiteral("last_name"), QStringLiteral("Doe")},
                    {QStringLiteral("email"), QString(first.toLower() + QStringLiteral("@example.org"))}}}});
    return qint64(
        reply.json().value(QStringLiteral("data")).toObject().value(QStringLiteral("lead_id")).toInteger());
}

// The visible message box `name` under `parent`, waiting for it to open; null when none does.
QMessageBox *openBox(QWidget *parent, const QString &name)
{
    QDeadlineTimer deadline(5000);
    while (!deadline.hasExpired()) {
        for (auto *box : parent->findChildren<QMessageBox *>(name)) {
            if (box->isVisible())
                return box;
        }
        QTest::qWait(20);
    }
    return nullptr;
}

} // namespace

class LeadDeleteTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName(QStringLiteral("SwitchboardTest"));
        QApplication::setApplicationName(QStringLiteral("tst_lead_delete"));
    }

    void archiveOrErase()
    {
        TestServer server;
        QVERIFY(server.started());
        const auto archived = createLead(server, QStringLiteral("Arne"));
        const auto erased = createLead(server, QStringLiteral("Erika"));
        QVERIFY(archived > 0 && erased > 0);
        LeadsView view(server.runtime());
        view.resize(1100, 800);
        view.show();
        QTRY_COMPARE_WITH_TIMEOUT(view.model()->rowCount(), 2, timeoutMs);
        auto *pane = view.detail();
        QSignalSpy deleted(pane, &LeadDetailPane::leadDeleted);
        DatabaseReader db(server);

        auto select = [&](qint64 id) {
            for (int row = 0; row < view.model()->rowCount(); ++row) {
                if (view.model()->rowAt(row).id == id)
                    view.table()->selectRow(row);
            }
            QTRY_VERIFY_WITH_TIMEOUT(pane->detail().has_value() && pane->detail()->lead.id == id, timeoutMs);
        };

        // Archive: the row stays in the database, the lead leaves the list.
        select(archived);
        pane->deleteButton()->click();
        auto *choice = openBox(pane, QStringLiteral("leadDeleteChoice"));
        QVERIFY(choice);
        choice->findChild<QAbstractButton *>(QStringLiteral("leadArchive"))->click();
        QTRY_COMPARE_WITH_TIMEOUT(deleted.size(), 1, timeoutMs);
        QCOMPARE(deleted.at(0).at(1).toBool(), false);
        QVERIFY(!db.value(QStringLiteral("SELECT archived_at FROM leads WHERE id = ?"), {archived}).isNull());
        QTRY_COMPARE_WITH_TIMEOUT(view.model()->rowCount(), 1, timeoutMs);

        // Erase: a second confirmation names what goes; Cancel there erases nothing.
        select(erased);
        pane->deleteButton()->click();
        choice = openBox(pane, QStringLiteral("leadDeleteChoice"));
        QVERIFY(choice);
        choice->findChild<QAbstractButton *>(QStringLiteral("leadErase"))->click();
        auto *confirm = openBox(pane, QStringLiteral("leadEraseConfirm"));
        QVERIFY(confirm);
        QVERIFY(confirm->informativeText().contains(QStringLiteral("messages")));
        QVERIFY(confirm->informativeText().contains(QStringLiteral("received webhook requests")));
        confirm->button(QMessageBox::Cancel)->click();
        QTest::qWait(200);
        QCOMPARE(deleted.size(), 1);
        QCOMPARE(db.count(QStringLiteral("leads"), QStringLiteral("id = ?"), {erased}), 1);

        pane->deleteButton()->click();
        choice = openBox(pane, QStringLiteral("leadDeleteChoice"));
        QVERIFY(choice);
        choice->findChild<QAbstractButton *>(QStringLiteral("leadErase"))->click();
        confirm = openBox(pane, QStringLiteral("leadEraseConfirm"));
        QVERIFY(confirm);
        confirm->findChild<QAbstractButton *>(QStringLiteral("leadEraseGo"))->click();
        QTRY_COMPARE_WITH_TIMEOUT(deleted.size(), 2, timeoutMs);
        QCOMPARE(deleted.at(1).at(1).toBool(), true);
        const auto answer = deleted.at(1).at(2).toJsonObject();
        QCOMPARE(
            answer.value(QStringLiteral("removed")).toObject().value(QStringLiteral("leads")).toInt(), 1);
        QCOMPARE(answer.value(QStringLiteral("removed"))
                     .toObject()
                     .value(QStringLiteral("inbound_requests"))
                     .toInt(),
            1);
        QCOMPARE(db.count(QStringLiteral("leads"), QStringLiteral("id = ?"), {erased}), 0);
        QCOMPARE(db.count(QStringLiteral("inbound_requests"),
                     QStringLiteral("instr(body, 'erika@example.org') > 0")),
            0);
        QCOMPARE(db.count(QStringLiteral("leads"), QStringLiteral("id = ?"), {archived}), 1);
        QTRY_COMPARE_WITH_TIMEOUT(view.model()->rowCount(), 0, timeoutMs);
    }
};

QTEST_MAIN(LeadDeleteTest)
#include "tst_lead_delete.moc"
