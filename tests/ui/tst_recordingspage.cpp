// Settings → Recordings against a real runtime: the page shows the retention and the disk usage of
// the stored recordings, Save stores the retention, Prune now deletes the files older than it (on
// an injected clock) and shows the usage after.
#include "DatabaseReader.h"
#include "TestSupport.h"
#include "domain/Clock.h"
#include "settings/RecordingsPage.h"
#include "settings/SettingsView.h"
#include "storage/RecordingRepository.h"
#include "storage/SqlWorker.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>

using namespace sb;
using namespace sb::test;

namespace {

constexpr int timeoutMs = 20000;
constexpr qint64 day = 24LL * 3600 * 1000;

// A stored recording of a new call, its file `bytes` long.
QString storeRecording(TestServer &server, const QString &callRef, int bytes)
{
    QString path;
    bool done = false;
    QObject context;
    SqlJob job;
    job.run = [&path, callRef, bytes, dir = server.dataDir()](SqlContext &c) -> ApiResult {
        const auto now = c.nowMs();
        auto &insert
            = c.run(QStringLiteral("INSERT INTO calls(provider, call_ref, status, created_at, updated_at) "
                                   "VALUES('twilio', ?, 'completed', ?, ?)"),
                {callRef, now, now});
        const auto callId = insert.lastInsertId().toLongLong();
        QDir(dir).mkpath(QStringLiteral("recordings"));
        path = dir + QStringLiteral("/recordings/%1.mp3").arg(callId);
        QFile file(path);
        if (file.open(QIODevice::WriteOnly))
            file.write(QByteArray(bytes, 'x'));
        RecordingRepository::storeDirect(
            c, callId, QStringLiteral("twilio"), path, QStringLiteral("audio/mpeg"), bytes);
        return ApiResponse {};
    };
    job.replyContext = &context;
    job.done = [&done](const ApiResult &) { done = true; };
    server.runtime().writer().submit(std::move(job));
    (void)QTest::qWaitFor([&done] { return done; }, 10000);
    return path;
}

} // namespace

class RecordingsPageTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName(QStringLiteral("SwitchboardTest"));
        QApplication::setApplicationName(QStringLiteral("tst_recordingspage"));
    }

    void showsUsageSavesAndPrunes()
    {
        ManualClock clock(1'800'000'000'000);
        TestServer server({}, &clock);
        QVERIFY2(server.started(), qPrintable(server.error()));
        const auto old = storeRecording(server, QStringLiteral("CA1"), 1500);
        clock.advanceMs(20 * day);
        const auto recent = storeRecording(server, QStringLiteral("CA2"), 2500);

        SettingsView view(server.runtime());
        auto *page = view.recordingsPage();
        QVERIFY(page);
        int tab = -1;
        for (int i = 0; i < view.tabs()->count(); ++i)
            if (view.tabs()->widget(i)->isAncestorOf(page))
                tab = i;
        QVERIFY(tab >= 0);
        QCOMPARE(view.tabs()->tabText(tab), QStringLiteral("Recordings"));
        QSignalSpy loaded(page, &RecordingsPage::loaded);
        page->reload();
        QTRY_VERIFY_WITH_TIMEOUT(loaded.count() >= 1, timeoutMs);
        QCOMPARE(page->retentionBox()->value(), 90);
        QCOMPARE(page->usageLabel()->text(), RecordingsPage::usageText(2, 4000));
        QVERIFY(page->usageLabel()->text().startsWith(QStringLiteral("2 recordings, ")));

        page->retentionBox()->setValue(10);
        QSignalSpy saved(page, &RecordingsPage::saved);
        page->saveButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, timeoutMs);
        {
            DatabaseReader db(server);
            QCOMPARE(
                db.value(QStringLiteral("SELECT value FROM settings WHERE key = 'recordings.retention_days'"))
                    .toString(),
                QStringLiteral("10"));
        }

        QSignalSpy pruned(page, &RecordingsPage::pruned);
        page->pruneButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(pruned.count(), 1, timeoutMs);
        QCOMPARE(pruned.first().first().toInt(), 1);
        QVERIFY(!QFile::exists(old));
        QVERIFY(QFile::exists(recent));
        QCOMPARE(page->usageLabel()->text(), RecordingsPage::usageText(1, 2500));
        QVERIFY(page->resultLabel()->text().contains(QStringLiteral("10 days")));

        // 0 keeps them forever: nothing pruned however old.
        page->retentionBox()->setValue(0);
        QCOMPARE(page->retentionBox()->text(), QStringLiteral("Keep forever"));
        page->saveButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 2, timeoutMs);
        clock.advanceMs(400 * day);
        page->pruneButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(pruned.count(), 2, timeoutMs);
        QCOMPARE(pruned.last().first().toInt(), 0);
        QVERIFY(QFile::exists(recent));
        QCOMPARE(RecordingsPage::usageText(0, 0), QStringLiteral("No recordings stored"));
    }
};

QTEST_MAIN(RecordingsPageTest)
#include "tst_recordingspage.moc"
