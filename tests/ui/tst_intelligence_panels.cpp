// The Dashboard's intelligence page against a real runtime with seeded rows (IntelligenceSeed.h): the
// pipeline, response rates, send hours, leaderboard, hottest leads and handovers show the seeded
// figures; the page refreshes on live events; a double-click on a hot lead opens it in Leads.
#include "IntelligenceSeed.h"
#include "MainWindow.h"
#include "TestSupport.h"
#include "dashboard/DashboardView.h"
#include "dashboard/IntelligencePanels.h"
#include "dashboard/SendHoursChart.h"
#include "leads/LeadsView.h"

#include <QApplication>
#include <QLabel>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>
#include <QTreeWidget>

using namespace sb;
using namespace sb::test;

namespace {

constexpr int timeoutMs = 20000;

QStringList column(const QTreeWidget *tree, int index)
{
    QStringList texts;
    for (int row = 0; row < tree->topLevelItemCount(); ++row)
        texts.append(tree->topLevelItem(row)->text(index));
    return texts;
}

QStringList rowTexts(const QTreeWidget *tree, int row)
{
    QStringList texts;
    const auto *item = tree->topLevelItem(row);
    for (int index = 0; item && index < tree->columnCount(); ++index)
        texts.append(item->text(index));
    return texts;
}

IntelligencePanels *showIntelligence(DashboardView *view)
{
    view->tabs()->setCurrentIndex(1);
    return view->intelligence();
}

} // namespace

class IntelligencePanelsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName(QStringLiteral("SwitchboardTest"));
        QApplication::setApplicationName(QStringLiteral("tst_intelligence_panels"));
        QSettings().clear();
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    }

    void panelsShowTheSeededFigures()
    {
        TestServer server;
        QVERIFY2(server.started(), qPrintable(server.error()));
        const auto seed = seedIntelligence(server, this);
        QVERIFY(seed.ada > 0);
        DashboardView view(server.runtime());
        view.resize(1200, 900);
        view.show();
        auto *panels = showIntelligence(&view);
        QTRY_VERIFY_WITH_TIMEOUT(panels->generation() >= 1, timeoutMs);

        QCOMPARE(column(panels->pipeline(), 0),
            (QStringList {QStringLiteral("New"), QStringLiteral("Contacted"), QStringLiteral("Qualified"),
                QStringLiteral("Proposal sent"), QStringLiteral("Negotiation"), QStringLiteral("Won"),
                QStringLiteral("Lost"), QStringLiteral("Total")}));
        QCOMPARE(column(panels->pipeline(), 1),
            (QStringList {QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("1"), QStringLiteral("0"),
                QStringLiteral("0"), QStringLiteral("1"), QStringLiteral("0"), QStringLiteral("5")}));
        QCOMPARE(rowTexts(panels->pipeline(), 7),
            (QStringList {QStringLiteral("Total"), QStringLiteral("5"), QStringLiteral("14,000")}));

        QCOMPARE(rowTexts(panels->responseRates(), 0),
            (QStringList {
                QStringLiteral("SMS"), QStringLiteral("2"), QStringLiteral("1"), QStringLiteral("50%")}));
        QCOMPARE(rowTexts(panels->responseRates(), 1),
            (QStringList {
                QStringLiteral("Email"), QStringLiteral("1"), QStringLiteral("1"), QStringLiteral("100%")}));
        QCOMPARE(rowTexts(panels->responseRates(), 2),
            (QStringList {
                QStringLiteral("Voice"), QStringLiteral("1"), QStringLiteral("0"), QStringLiteral("0%")}));

        // Send hours in the machine's zone: 14:00 and 14:10 UTC share a local hour, 14:45 may too.
        const auto zone = QTimeZone::systemTimeZone();
        const int first
            = QDateTime::fromMSecsSinceEpoch(seed.dayStartMs + 14 * 3600000LL, zone).time().hour();
        const auto &hours = panels->hoursChart()->hours();
        QCOMPARE(int(hours.size()), 24);
        qint64 sends = 0;
        for (const auto &hour : hours)
            sends += hour.sent;
        QCOMPARE(sends, 4);
        QVERIFY(hours[size_t(first)].sent >= 3);
        QCOMPARE(hours[size_t(first)].replied, 2);
        QVERIFY2(panels->bestHours()->text().startsWith(
                     QStringLiteral("Best: %1:00").arg(first, 2, 10, QLatin1Char('0'))),
            qPrintable(panels->bestHours()->text()));

        QCOMPARE(column(panels->leaderboard(), 0),
            (QStringList {QStringLiteral("Autumn"), QStringLiteral("Summer"), QStringLiteral("Spring")}));
        QCOMPARE(rowTexts(panels->leaderboard(), 0),
            (QStringList {QStringLiteral("Autumn"), QStringLiteral("Paused"), QStringLiteral("4"),
                QStringLiteral("4"), QStringLiteral("2"), QStringLiteral("2"), QStringLiteral("50%")}));
        QCOMPARE(rowTexts(panels->leaderboard(), 2).last(), QStringLiteral("25%"));

        QCOMPARE(column(panels->hottestLeads(), 0),
            (QStringList {
                QStringLiteral("Eve Test"), QStringLiteral("Ada Test"), QStringLiteral("Ben Test")}));
        QCOMPARE(rowTexts(panels->hottestLeads(), 1),
            (QStringList {QStringLiteral("Ada Test"), QStringLiteral("New"), QStringLiteral("80"),
                QStringLiteral("replied within 1 h")}));

        QCOMPARE(panels->handoverCount()->text(), QStringLiteral("2 waiting for a person"));
        QCOMPARE(column(panels->handovers(), 0),
            (QStringList {QStringLiteral("Ben Test"), QStringLiteral("Ada Test")}));
        QCOMPARE(column(panels->handovers(), 1),
            (QStringList {QStringLiteral("wants to talk to a person"), QStringLiteral("asked about price")}));
        QCOMPARE(
            column(panels->handovers(), 2), (QStringList {QStringLiteral("5 h"), QStringLiteral("3 h")}));

        // A new lead over the CRM webhook: the page reads again (throttled) and counts it.
        const int before = panels->generation();
        const auto reply = postCrm(server, QStringLiteral("/api/v1/webhooks/incoming/lead/create"),
            {{QStringLiteral("event"), QStringLiteral("new_lead")},
                {QStringLiteral("data"),
                    QJsonObject {{QStringLiteral("first_name"), QStringLiteral("Gus")},
                        {QStringLiteral("lead_status"), QStringLiteral("new")}}}});
        QCOMPARE(reply.status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(panels->snapshot().pipelineCount, qint64(6), timeoutMs);
        QVERIFY(panels->generation() > before);
        QCOMPARE(rowTexts(panels->pipeline(), 0).at(1), QStringLiteral("2"));

        // Another window re-reads: 90 days still leaves Winter (100 days ago) out.
        panels->setDays(90);
        QTRY_COMPARE_WITH_TIMEOUT(panels->snapshot().days, 90, timeoutMs);
        QCOMPARE(panels->leaderboard()->topLevelItemCount(), 3);
        panels->setDays(365);
        QTRY_COMPARE_WITH_TIMEOUT(panels->snapshot().days, 365, timeoutMs);
        QCOMPARE(column(panels->leaderboard(), 0).first(), QStringLiteral("Winter"));
    }

    void emptyStatesSayWhatFillsThem()
    {
        TestServer server;
        QVERIFY2(server.started(), qPrintable(server.error()));
        DashboardView view(server.runtime());
        view.resize(1200, 900);
        view.show();
        auto *panels = showIntelligence(&view);
        QTRY_VERIFY_WITH_TIMEOUT(panels->generation() >= 1, timeoutMs);
        QCOMPARE(column(panels->leaderboard(), 0),
            QStringList {QStringLiteral("No campaigns in the last 30 days — create one in Campaigns")});
        QCOMPARE(panels->pipeline()->topLevelItemCount(), 1);
        QVERIFY(panels->pipeline()->topLevelItem(0)->text(0).startsWith(QStringLiteral("No leads yet")));
        QVERIFY(column(panels->hottestLeads(), 0).first().startsWith(QStringLiteral("No scored leads yet")));
        QCOMPARE(panels->handoverCount()->text(), QStringLiteral("None waiting"));
        QCOMPARE(
            panels->bestHours()->text(), QStringLiteral("Best hours appear once messages have been sent"));
        QVERIFY(!panels->hoursChart()->grab().isNull());
    }

    void hiddenPageReadsNothing()
    {
        TestServer server;
        QVERIFY2(server.started(), qPrintable(server.error()));
        DashboardView view(server.runtime());
        view.show();
        QTRY_VERIFY_WITH_TIMEOUT(view.generation() >= 1, timeoutMs);
        QTest::qWait(200);
        QCOMPARE(view.intelligence()->generation(), 0);
        showIntelligence(&view);
        QTRY_VERIFY_WITH_TIMEOUT(view.intelligence()->generation() >= 1, timeoutMs);
    }

    void doubleClickOpensTheLead()
    {
        TestServer server;
        QVERIFY2(server.started(), qPrintable(server.error()));
        const auto seed = seedIntelligence(server, this);
        MainWindow window(server.runtime());
        window.resize(1280, 800);
        window.show();
        window.showSection(MainWindow::Section::Dashboard);
        auto *panels = showIntelligence(window.dashboardView());
        QTRY_VERIFY_WITH_TIMEOUT(panels->hottestLeads()->topLevelItemCount() == 3, timeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(window.leadsView()->selectLead(seed.ben), timeoutMs);
        auto *tree = panels->hottestLeads();
        const auto rect = tree->visualItemRect(tree->topLevelItem(1));
        QVERIFY(rect.isValid());
        QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, rect.center());
        QTest::mouseDClick(tree->viewport(), Qt::LeftButton, {}, rect.center());
        QCOMPARE(window.currentSection(), MainWindow::Section::Leads);
        QCOMPARE(window.leadsView()->selectedId(), seed.ada);
    }
};

QTEST_MAIN(IntelligencePanelsTest)
#include "tst_intelligence_panels.moc"
