// The delivery log against a real runtime: keyset pages and SQL filters, live inserts and updates
// while a filter is active, Retry (a new attempt row from a real receiver), Retry failed on the
// filtered set, Copy as curl, and the --demo data it shows.
#include "TestSupport.h"
#include "WebhookReceiver.h"
#include "common/UiDatabase.h"
#include "deliveries/DeliveriesView.h"
#include "deliveries/DeliveryCommands.h"
#include "deliveries/DeliveryDetailPane.h"
#include "deliveries/DeliveryLogModel.h"
#include "outbound/WebhookConfigCommands.h"
#include "storage/DeliveryRepository.h"
#include "storage/SqlWorker.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTest>

using namespace sb;
using namespace sb::test;

namespace {

constexpr int timeoutMs = 20000;

// Runs `work` in the writer and waits for its commit.
void write(Runtime &runtime, std::function<void(SqlContext &)> work)
{
    QObject context;
    bool done = false;
    SqlJob job;
    job.replyContext = &context;
    job.run = [work](SqlContext &sql) -> ApiResult {
        work(sql);
        return ApiResponse {};
    };
    QString error;
    job.done = [&done, &error](const ApiResult &result) {
        if (const auto *failure = std::get_if<ApiError>(&result))
            error = failure->message;
        done = true;
    };
    runtime.writer().submit(std::move(job));
    QTRY_VERIFY_WITH_TIMEOUT(done, timeoutMs);
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

qint64 createConfig(Runtime &runtime, const QString &url, const QString &name = QStringLiteral("Receiver"))
{
    qint64 id = 0;
    write(runtime, [&](SqlContext &sql) {
        auto result = WebhookConfigCommands::create(sql,
            QJsonObject {{QStringLiteral("name"), name}, {QStringLiteral("url"), url},
                {QStringLiteral("eventTypes"),
                    QJsonArray {QStringLiteral("lead.created"), QStringLiteral("lead.updated")}}});
        id = std::get<ConfigWrite>(result).config.id;
    });
    return id;
}

// Finished deliveries (failed ones with one attempt), as the dispatcher leaves them; `queued`
// tells the bus, as the fan-out does.
QStringList addDeliveries(Runtime &runtime, qint64 configId, int count, const QString &status,
    const QString &eventType = QStringLiteral("lead.created"), bool queued = false)
{
    QStringList ids;
    write(runtime, [&](SqlContext &sql) {
        for (int i = 0; i < count; ++i) {
            Delivery d;
            d.id = QStringLiteral("msg_%1_%2_%3").arg(status).arg(sql.nowMs()).arg(i);
            d.eventId = QStringLiteral("evt_%1").arg(d.id.mid(4));
            d.configId = configId;
            d.eventType = eventType;
            d.source = status == QLatin1String("failed") ? QStringLiteral("twilio") : QStringLiteral("crm");
            d.payload = R"({"event":"lead.created","n":)" + QByteArray::number(i) + "}";
            d.status = *deliveryStatusFromName(status);
            DeliveryRepository::insert(sql, d);
            if (status != QLatin1String("pending")) {
                DeliveryAttempt a;
                a.deliveryId = d.id;
                a.attempt = 1;
                a.startedAt = sql.nowMs();
                a.url = QStringLiteral("http://127.0.0.1:9/hook");
                a.requestHeaders = {{"Content-Type", "application/json"}, {"webhook-id", d.id.toLatin1()}};
                a.requestBody = d.payload;
                a.responseStatus = status == QLatin1String("failed") ? 503 : 200;
                a.error = status == QLatin1String("failed") ? QStringLiteral("HTTP 503") : QString();
                DeliveryRepository::recordAttempt(sql, a, d.status, 0);
            }
            ids.append(d.id);
        }
        if (queued)
            sql.noteDeliveriesQueued(count);
    });
    return ids;
}

} // namespace

class DeliveriesViewTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName(QStringLiteral("SwitchboardTest"));
        QApplication::setApplicationName(QStringLiteral("tst_deliveriesview"));
        QSettings().clear();
    }

    void modelPagesAndFiltersInSql()
    {
        TestServer server;
        QVERIFY2(server.started(), qPrintable(server.error()));
        auto &runtime = server.runtime();
        const auto config = createConfig(runtime, QStringLiteral("http://127.0.0.1:9/hook"));
        addDeliveries(runtime, config, 300, QStringLiteral("delivered"));
        const auto failed
            = addDeliveries(runtime, config, 30, QStringLiteral("failed"), QStringLiteral("lead.updated"));
        addDeliveries(runtime, config, 120, QStringLiteral("delivered"));
        UiDatabase database(runtime.databaseOptions());
        DeliveryLogModel model(database.db(), runtime.bus());
        QCOMPARE(model.rowCount(), DeliveryLogModel::pageSize);
        QVERIFY(model.canFetchMore());
        // The tester itself asks for more pages.
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        while (model.canFetchMore())
            model.fetchMore();
        QCOMPARE(model.rowCount(), 450);
        QVERIFY(model.reachedEnd());
        for (int row = 1; row < model.rowCount(); ++row) // newest first, no duplicates
            QVERIFY(model.rowAt(row - 1).seq > model.rowAt(row).seq);
        // Trimmed (the live cap), the dropped rows are read again, once each.
        model.trimTo(100);
        QCOMPARE(model.rowCount(), 100);
        QVERIFY(model.canFetchMore());
        while (model.canFetchMore())
            model.fetchMore();
        QCOMPARE(model.rowCount(), 450);
        for (int row = 1; row < model.rowCount(); ++row)
            QVERIFY(model.rowAt(row - 1).seq > model.rowAt(row).seq);

        model.setFilter(DeliveryFilter {.status = DeliveryStatus::Failed});
        QTRY_VERIFY_WITH_TIMEOUT(!model.isScanning(), timeoutMs);
        QCOMPARE(model.rowCount(), 30);
        QCOMPARE(model.rowAt(0).id, failed.last());
        model.setFilter(
            DeliveryFilter {.eventType = QStringLiteral("lead.updated"), .search = QStringLiteral("503")});
        QTRY_VERIFY_WITH_TIMEOUT(!model.isScanning(), timeoutMs);
        QCOMPARE(model.rowCount(), 30);
        model.setFilter(DeliveryFilter {.source = QStringLiteral("twilio")});
        QTRY_VERIFY_WITH_TIMEOUT(!model.isScanning(), timeoutMs);
        QCOMPARE(model.rowCount(), 30);
        QCOMPARE(model.rowAt(0).source, QStringLiteral("twilio"));
        model.setFilter(DeliveryFilter {.search = failed.first()});
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(
            model.data(model.index(0, DeliveryLogModel::Status), DeliveryLogModel::StatusRole).toString(),
            QStringLiteral("failed"));
        model.setFilter(DeliveryFilter {.fromMs = runtime.clock().nowMs() + 3600 * 1000});
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(model.reachedEnd());
    }

    void liveInsertsAndUpdatesWhileFiltered()
    {
        TestServer server;
        QVERIFY(server.started());
        auto &runtime = server.runtime();
        const auto config = createConfig(runtime, QStringLiteral("http://127.0.0.1:9/hook"));
        addDeliveries(runtime, config, 250, QStringLiteral("failed"));
        UiDatabase database(runtime.databaseOptions());
        DeliveriesView live(database.db(), runtime);
        live.resize(1100, 700);
        auto *status = live.findChild<QComboBox *>(QStringLiteral("deliveriesStatus"));
        status->setCurrentIndex(status->findData(QStringLiteral("failed")));
        auto *model = live.model();
        QCOMPARE(model->rowCount(), DeliveryLogModel::pageSize);
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const int loaded = model->rowCount();
        live.table()->selectRow(5);
        const auto selected = model->rowAt(5).id;

        // One of each status arrives: only the failed one matches and goes on top; the selection stays.
        const auto fresh = addDeliveries(
            runtime, config, 1, QStringLiteral("failed"), QStringLiteral("lead.created"), true);
        addDeliveries(runtime, config, 1, QStringLiteral("delivered"), QStringLiteral("lead.created"), true);
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), loaded + 1, timeoutMs);
        QCOMPARE(model->rowAt(0).id, fresh.first());
        QCOMPARE(live.table()
                     ->selectionModel()
                     ->selectedRows()
                     .first()
                     .data(DeliveryLogModel::DeliveryIdRole)
                     .toString(),
            selected);

        // An attempt on a loaded row updates it in place.
        write(runtime, [&](SqlContext &sql) {
            DeliveryAttempt a;
            a.deliveryId = selected;
            a.attempt = 2;
            a.startedAt = sql.nowMs();
            a.url = QStringLiteral("http://127.0.0.1:9/hook");
            a.requestBody = "{}";
            a.responseStatus = 200;
            a.responseBody = "ok, and much more";
            a.responseTruncated = true; // the receiver sent more than was kept
            DeliveryRepository::recordAttempt(sql, a, DeliveryStatus::Delivered, 0);
        });
        Q_EMIT runtime.bus().deliveryUpdated(selected, QStringLiteral("delivered"));
        const int row = model->rowOfId(selected);
        QTRY_COMPARE_WITH_TIMEOUT(
            deliveryStatusName(model->rowAt(row).status), QStringLiteral("delivered"), timeoutMs);
        QCOMPARE(model->rowAt(row).attempts, 2);
        QTRY_COMPARE_WITH_TIMEOUT(live.detail()->attemptCount(), 2, timeoutMs);
        live.detail()->findChild<QTableWidget *>(QStringLiteral("attemptTable"))->selectRow(1);
        auto *caption = live.detail()->findChild<QLabel *>(QStringLiteral("responseBodyCaption"));
        QVERIFY(caption);
        QVERIFY2(caption->text().contains(QStringLiteral("stopped reading")), qPrintable(caption->text()));
    }

    void retryAddsAnAttemptFromTheReceiver()
    {
        TestServer server;
        QVERIFY(server.started());
        auto &runtime = server.runtime();
        WebhookReceiver receiver;
        const auto config = createConfig(runtime, receiver.url());
        const auto ids = addDeliveries(runtime, config, 3, QStringLiteral("failed"));
        UiDatabase database(runtime.databaseOptions());
        DeliveriesView view(database.db(), runtime);
        view.resize(1100, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.table()->selectRow(view.model()->rowOfId(ids[1]));
        QCOMPARE(view.detail()->deliveryId(), ids[1]);
        QCOMPARE(view.detail()->attemptCount(), 1);
        view.table()->setFocus();
        QTest::keyClick(view.table(), Qt::Key_R, Qt::ControlModifier);
        QTRY_COMPARE_WITH_TIMEOUT(receiver.received().size(), 1, timeoutMs);
        QCOMPARE(receiver.received().first().header("webhook-id"), ids[1].toLatin1());
        QTRY_COMPARE_WITH_TIMEOUT(view.detail()->attemptCount(), 2, timeoutMs);
        auto *attempts = view.detail()->findChild<QTableWidget *>(QStringLiteral("attemptTable"));
        QCOMPARE(attempts->rowCount(), 2);
        QCOMPARE(attempts->item(1, 2)->text(), QStringLiteral("200"));
        QTRY_COMPARE_WITH_TIMEOUT(
            deliveryStatusName(view.model()->rowAt(view.model()->rowOfId(ids[1])).status),
            QStringLiteral("delivered"), timeoutMs);

        // Retry failed on the filtered set: the other two.
        view.retryFailed(false);
        QTRY_COMPARE_WITH_TIMEOUT(receiver.received().size(), 3, timeoutMs);
        for (const auto &id : {ids[0], ids[2]})
            QTRY_COMPARE_WITH_TIMEOUT(
                deliveryStatusName(view.model()->rowAt(view.model()->rowOfId(id)).status),
                QStringLiteral("delivered"), timeoutMs);
    }

    void copyAsCurlRepeatsTheRequest()
    {
        const auto curl = DeliveryCommands::curlCommand(QStringLiteral("https://hooks.example.com/a?b=1"),
            {{"Content-Type", "application/json"}, {"Content-Length", "12"}, {"X-Note", "it's"}},
            QByteArray("{\"a\":\"it's\"}"));
        QCOMPARE(curl,
            QStringLiteral("curl -X POST 'https://hooks.example.com/a?b=1' \\\n"
                           "  -H 'Content-Type: application/json' \\\n"
                           "  -H 'X-Note: it'\\''s' \\\n"
                           "  --data-binary '{\"a\":\"it'\\''s\"}'"));
    }

    void showDeliveryFindsRowsThatAreNotLoaded()
    {
        TestServer server;
        QVERIFY(server.started());
        auto &runtime = server.runtime();
        const auto config = createConfig(runtime, QStringLiteral("http://127.0.0.1:9/hook"));
        const auto old = addDeliveries(runtime, config, 5, QStringLiteral("failed"));
        addDeliveries(runtime, config, 3 * DeliveryLogModel::pageSize, QStringLiteral("delivered"));
        UiDatabase database(runtime.databaseOptions());
        DeliveriesView view(database.db(), runtime);
        view.show();
        // A loaded row is selected as it is, filters untouched.
        const auto recent = view.model()->rowAt(3).id;
        view.showDelivery(recent);
        QCOMPARE(view.model()->rowAt(view.table()->currentIndex().row()).id, recent);
        QVERIFY(view.currentFilter().isEmpty());
        // One far below the loaded page: narrowed to it by id, selected, its detail shown.
        QCOMPARE(view.model()->rowOfId(old[2]), -1);
        view.showDelivery(old[2]);
        QTRY_VERIFY_WITH_TIMEOUT(view.table()->currentIndex().isValid()
                && view.model()->rowAt(view.table()->currentIndex().row()).id == old[2],
            timeoutMs);
        QCOMPARE(view.currentFilter().search, old[2]);
        QCOMPARE(view.detail()->deliveryId(), old[2]);
    }

    void demoDataIsSeededOnceAndNeverSent()
    {
        QTemporaryDir dir;
        for (int run = 0; run < 2; ++run) {
            TestServer server([](RuntimeOptions &options) { options.demo = true; }, nullptr, {}, dir.path());
            QVERIFY2(server.started(), qPrintable(server.error()));
            UiDatabase database(server.runtime().databaseOptions());
            DeliveryLogModel model(database.db(), server.runtime().bus());
            while (model.canFetchMore())
                model.fetchMore();
            QCOMPARE(model.rowCount(), 160); // not doubled by the second start
            int failed = 0;
            for (int row = 0; row < model.rowCount(); ++row) {
                QVERIFY(deliveryStatusName(model.rowAt(row).status) != QLatin1String("pending"));
                QCOMPARE(model.rowAt(row).nextAttemptAt, qint64(0));
                failed += deliveryStatusName(model.rowAt(row).status) == QLatin1String("failed") ? 1 : 0;
            }
            QVERIFY(failed > 10);
            QVERIFY(failed < 100);
        }
    }
};

QTEST_MAIN(DeliveriesViewTest)
#include "tst_deliveriesview.moc"
