// The campaign analytics panel over a real runtime: a seeded completed campaign shows its funnel
// (counts and % of total), the side counts, rates, the by-hour chart (Europe/Berlin hours) and the
// timeline; a draft shows the empty state; a paused campaign (left alone by the runner) refreshes by
// itself when recipients move.
#include "CampaignSeed.h"
#include "TestSupport.h"
#include "campaigns/CampaignAnalyticsPanel.h"
#include "runtime/Runtime.h"
#include "storage/SqlWorker.h"

#include <QApplication>
#include <QJsonArray>
#include <QLabel>
#include <QSignalSpy>
#include <QTest>
#include <QTreeWidget>

using namespace sb;
using namespace sb::test;

namespace {

constexpr int timeoutMs = 20000;

QString labelText(QWidget &parent, const QString &name)
{
    auto *label = parent.findChild<QLabel *>(name);
    return label ? label->text() : QStringLiteral("(no %1)").arg(name);
}

} // namespace

class CampaignAnalyticsPanelTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void funnelOfACompletedCampaign()
    {
        TestServer server;
        QVERIFY2(server.started(), qPrintable(server.error()));
        const auto id = seedCompletedCampaign(server.runtime(), QDateTime::currentMSecsSinceEpoch());
        QVERIFY(id > 0);
        CampaignAnalyticsPanel panel(server.runtime());
        panel.resize(1100, 700);
        panel.show();
        QSignalSpy loaded(&panel, &CampaignAnalyticsPanel::loaded);
        panel.showCampaign(id);
        QTRY_VERIFY_WITH_TIMEOUT(loaded.count() >= 1, timeoutMs);
        QVERIFY(!panel.showsEmptyState());
        QCOMPARE(panel.funnelText(QStringLiteral("total")), QStringLiteral("40 · 100 %"));
        QCOMPARE(panel.funnelText(QStringLiteral("sent")), QStringLiteral("39 · 98 %"));
        QCOMPARE(panel.funnelText(QStringLiteral("delivered")), QStringLiteral("35 · 88 %"));
        QCOMPARE(panel.funnelText(QStringLiteral("opened")), QStringLiteral("32 · 80 %"));
        QCOMPARE(panel.funnelText(QStringLiteral("clicked")), QStringLiteral("29 · 73 %"));
        QCOMPARE(panel.funnelText(QStringLiteral("replied")), QStringLiteral("24 · 60 %"));
        QCOMPARE(labelText(panel, QStringLiteral("sideCount_bounced")), QStringLiteral("2"));
        QCOMPARE(labelText(panel, QStringLiteral("sideCount_failed")), QStringLiteral("1"));
        QCOMPARE(labelText(panel, QStringLiteral("sideCount_unsubscribed")), QStringLiteral("1"));
        QCOMPARE(labelText(panel, QStringLiteral("sideCount_skippedDoNotContact")), QStringLiteral("3"));
        QCOMPARE(labelText(panel, QStringLiteral("rate_replied")), QStringLiteral("62 %")); // 24 of 39 sent
        QCOMPARE(labelText(panel, QStringLiteral("analyticsTitle")), QStringLiteral("Spring offer"));
        QVERIFY(labelText(panel, QStringLiteral("analyticsNote")).contains(QStringLiteral("Europe/Berlin")));

        // By hour: 39 sends over six local hours, and the chart has the same.
        auto *chart = panel.findChild<CampaignHourChart *>();
        QVERIFY(chart);
        qint64 sent = 0;
        for (const auto &hour : chart->hours())
            sent += hour.sent;
        QCOMPARE(sent, qint64(39));
        QCOMPARE(chart->hours().size(), 6);
        QCOMPARE(panel.analytics().value(QStringLiteral("byHour")).toArray().size(), 6);
        auto *timeline = panel.findChild<QTreeWidget *>(QStringLiteral("analyticsTimeline"));
        QVERIFY(timeline);
        QVERIFY(timeline->topLevelItemCount() >= 6);
    }

    void draftShowsTheEmptyState()
    {
        TestServer server;
        QVERIFY2(server.started(), qPrintable(server.error()));
        const auto id
            = seedCampaign(server.runtime(), QStringLiteral("Not yet"), CampaignState::Draft, {}, {});
        CampaignAnalyticsPanel panel(server.runtime());
        QSignalSpy loaded(&panel, &CampaignAnalyticsPanel::loaded);
        panel.showCampaign(id);
        QTRY_VERIFY_WITH_TIMEOUT(loaded.count() >= 1, timeoutMs);
        QVERIFY(panel.showsEmptyState());
        QCOMPARE(panel.state(), campaignStateName(CampaignState::Draft));
        bool found = false;
        for (auto *label : panel.findChildren<QLabel *>())
            found = found
                || label->text().contains(QStringLiteral("Analytics appear once the campaign starts"));
        QVERIFY(found);
    }

    void pausedCampaignRefreshesLive()
    {
        TestServer server;
        QVERIFY2(server.started(), qPrintable(server.error()));
        const auto now = QDateTime::currentMSecsSinceEpoch();
        const auto id = seedCampaign(server.runtime(), QStringLiteral("Live"), CampaignState::Paused, {},
            {{RecipientState::Sent, now - 60000}, {RecipientState::Queued, 0}});
        CampaignAnalyticsPanel panel(server.runtime());
        panel.show();
        QSignalSpy loaded(&panel, &CampaignAnalyticsPanel::loaded);
        panel.showCampaign(id);
        QTRY_VERIFY_WITH_TIMEOUT(loaded.count() >= 1, timeoutMs);
        QCOMPARE(panel.funnelText(QStringLiteral("sent")), QStringLiteral("1 · 50 %"));
        QVERIFY2(labelText(panel, QStringLiteral("analyticsNote")).contains(QStringLiteral("live")),
            qPrintable(labelText(panel, QStringLiteral("analyticsNote")) + panel.state()));

        // The queued one is sent by "someone else": the panel shows it without being asked.
        QObject context;
        bool done = false;
        SqlJob job;
        job.run = [id, now](SqlContext &c) -> ApiResult {
            c.write(
                QStringLiteral("UPDATE campaign_recipients SET state = ?, sent_at = ? WHERE campaign_id = ? "
                               "AND state = ?"),
                {recipientStateName(RecipientState::Sent), now, id,
                    recipientStateName(RecipientState::Queued)});
            return ApiResponse {};
        };
        job.replyContext = &context;
        job.done = [&done](const ApiResult &) { done = true; };
        server.runtime().writer().submit(std::move(job));
        QTRY_VERIFY(done);
        QTRY_COMPARE_WITH_TIMEOUT(panel.funnelText(QStringLiteral("sent")), QStringLiteral("2 · 100 %"),
            CampaignAnalyticsPanel::runningRefreshMs * 3);
    }
};

QTEST_MAIN(CampaignAnalyticsPanelTest)
#include "tst_campaignanalyticspanel.moc"
