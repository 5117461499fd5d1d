// The dashboard against a real runtime: today's counts, the failures list with its jump to the
// record, the per-minute chart and the coalesced refresh when the event bus reports work.
#include "MainWindow.h"
#include "TestSupport.h"
#include "dashboard/DashboardView.h"
#include "dashboard/DeliveryRateChart.h"
#include "inspector/InboundRequestModel.h"
#include "inspector/InboundRequestsView.h"

#include <QApplication>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QTreeWidget>

using namespace sb;
using namespace sb::test;

namespace {

constexpr int timeoutMs = 20000;

void createLead(TestServer &server, const QString &name)
{
    const auto reply = postCrm(server, QStringLiteral("/api/v1/webhooks/incoming/lead/create"),
        {{QStringLiteral("event"), QStringLiteral("new_lead")},
            {QStringLiteral("data"),
                QJsonObject {{QStringLiteral("first_name"), name},
                    {QStringLiteral("lead_status"), QStringLiteral("new")}}}});
    QCOMPARE(reply.status, 200);
}

} // namespace

class DashboardTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName(QStringLiteral("SwitchboardTest"));
        QApplication::setApplicationName(QStringLiteral("tst_dashboard"));
        QSettings().clear();
    }

    void countsTodayAndRefreshesLive()
    {
        TestServer server;
        QVERIFY2(server.started(), qPrintable(server.error()));
        DashboardView view(server.runtime());
        view.resize(1100, 700);
        view.show();
        QTRY_VERIFY_WITH_TIMEOUT(view.generation() >= 1, timeoutMs);
        QCOMPARE(view.snapshot().inboundTotal, 0);
        QCOMPARE(view.snapshot().newLeads, 0);
        QCOMPARE(int(view.snapshot().perMinute.size()), DashboardQueries::chartMinutes);

        createLead(server, QStringLiteral("Ada"));
        createLead(server, QStringLiteral("Grace"));
        QCOMPARE(request("POST", server.url(QStringLiteral("/api/webhooks/test")), "{}").status, 200);
        // A forged CRM call: rejected, recorded, listed as a failure.
        QCOMPARE(request("POST", server.url(QStringLiteral("/api/v1/webhooks/incoming/lead/create")),
                     R"({"event":"new_lead","data":{"first_name":"Eve"}})", {{"X-Webhook-Signature", "00"}})
                     .status,
            401);

        QTRY_VERIFY_WITH_TIMEOUT(
            view.snapshot().inboundTotal == 4 && view.snapshot().newLeads == 2, timeoutMs);
        const auto &snapshot = view.snapshot();
        QCOMPARE(snapshot.inboundRejected, 1);
        int crm = 0;
        for (const auto &provider : snapshot.inboundByProvider) {
            if (provider.provider == QLatin1String("crm"))
                crm = provider.requests;
        }
        QCOMPARE(crm, 3);
        QCOMPARE(int(snapshot.failures.size()), 1);
        QCOMPARE(snapshot.failures.front().kind, DashboardSnapshot::Failure::Kind::Inbound);
        QCOMPARE(snapshot.failures.front().httpStatus, 401);
        QCOMPARE(view.failuresList()->topLevelItemCount(), 1);
    }

    void burstsAreCoalesced()
    {
        TestServer server;
        QVERIFY(server.started());
        DashboardView view(server.runtime());
        view.show();
        QTRY_VERIFY_WITH_TIMEOUT(view.generation() >= 1, timeoutMs);
        const int before = view.generation();
        for (int i = 0; i < 20; ++i)
            QCOMPARE(request("POST", server.url(QStringLiteral("/api/webhooks/test")), "{}").status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(view.snapshot().inboundTotal, 20, timeoutMs);
        // Twenty commits, a handful of reads (one per second at most).
        QVERIFY2(view.generation() - before <= 6, qPrintable(QString::number(view.generation() - before)));
    }

    void failureJumpsToTheInboundRequest()
    {
        TestServer server;
        QVERIFY(server.started());
        MainWindow window(server.runtime());
        window.resize(1280, 800);
        window.show();
        QCOMPARE(request("POST", server.url(QStringLiteral("/api/webhooks/test")), "{}").status, 200);
        QCOMPARE(request("POST", server.url(QStringLiteral("/api/v1/webhooks/incoming/lead/create")), "{}",
                     {{"X-Webhook-Signature", "00"}})
                     .status,
            401);
        window.showSection(MainWindow::Section::Dashboard);
        auto *dashboard = window.dashboardView();
        QTRY_COMPARE_WITH_TIMEOUT(int(dashboard->snapshot().failures.size()), 1, timeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(window.inboundView()->model()->rowCount(), 2, timeoutMs);
        auto *open = dashboard->findChild<QPushButton *>(QStringLiteral("openFailure0"));
        QVERIFY(open);
        open->click();
        QCOMPARE(window.currentSection(), MainWindow::Section::InboundRequests);
        QCOMPARE(window.inboundView()->selectedId(), dashboard->snapshot().failures.front().id);
    }

    void chartPaintsWithAndWithoutData()
    {
        DeliveryRateChart chart;
        chart.resize(400, 160);
        QVERIFY(!chart.grab().isNull());
        std::vector<DashboardSnapshot::Minute> minutes(60);
        minutes[59] = {5, 60, 1};
        minutes[10] = {120, 0, 0};
        chart.setMinutes(minutes, 29000000);
        const auto image = chart.grab().toImage();
        QVERIFY(!image.isNull());
        // Some pixel of the last bar has the failed colour.
        bool failedSeen = false;
        for (int x = image.width() - 20; x < image.width() && !failedSeen; ++x) {
            for (int y = 0; y < image.height() && !failedSeen; ++y)
                failedSeen = image.pixelColor(x, y) == DeliveryRateChart::failedColor();
        }
        QVERIFY(failedSeen);
    }
};

QTEST_MAIN(DashboardTest)
#include "tst_dashboard.moc"
