// The webhook configurations view against a real runtime and a real receiver: the model, the
// create/edit form (validation by the core, secret, headers, retry preview), Test with the
// answer shown in place, pause and delete. With SWITCHBOARD_SCREENSHOT_DIR set it also writes
// PNGs of the Webhooks and Deliveries views over --demo data.
#include "MainWindow.h"
#include "TestSupport.h"
#include "WebhookReceiver.h"
#include "common/UiDatabase.h"
#include "deliveries/DeliveriesView.h"
#include "deliveries/DeliveryDetailPane.h"
#include "deliveries/DeliveryLogModel.h"
#include "webhooks/WebhookConfigDialog.h"
#include "webhooks/WebhookConfigModel.h"
#include "webhooks/WebhookFormParts.h"
#include "webhooks/WebhooksView.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QTreeWidget>

using namespace sb;
using namespace sb::test;

namespace {

constexpr int timeoutMs = 20000;

void check(EventTypePicker *picker, const QStringList &names)
{
    auto *tree = picker->tree();
    for (int g = 0; g < tree->topLevelItemCount(); ++g) {
        for (int i = 0; i < tree->topLevelItem(g)->childCount(); ++i) {
            auto *item = tree->topLevelItem(g)->child(i);
            if (names.contains(item->text(0)))
                item->setCheckState(0, Qt::Checked);
        }
    }
}

QPushButton *saveButton(WebhookConfigDialog *dialog)
{
    return dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Save);
}

// Fills and saves the form; returns once the configuration is in the table.
void createThroughForm(WebhooksView &view, const QString &name, const QString &url)
{
    const int before = view.model()->rowCount();
    auto *dialog = view.openEditor(true);
    QVERIFY(dialog);
    QTest::keyClicks(dialog->nameEdit(), name);
    QTest::keyClicks(dialog->urlEdit(), url);
    check(dialog->events(), {QStringLiteral("lead.created"), QStringLiteral("message.created")});
    QVERIFY2(dialog->validationError().isEmpty(), qPrintable(dialog->validationError()));
    QVERIFY(saveButton(dialog)->isEnabled());
    saveButton(dialog)->click();
    QTRY_COMPARE_WITH_TIMEOUT(view.model()->rowCount(), before + 1, timeoutMs);
}

} // namespace

class WebhooksViewTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName(QStringLiteral("SwitchboardTest"));
        QApplication::setApplicationName(QStringLiteral("tst_webhooksview"));
        QSettings().clear();
    }

    void formValidatesWithTheCoreRules()
    {
        TestServer server;
        QVERIFY(server.started());
        UiDatabase database(server.runtime().databaseOptions());
        WebhooksView view(database.db(), server.runtime());
        auto *dialog = view.openEditor(true);
        QVERIFY(dialog->secretEdit()->text().startsWith(QStringLiteral("whsec_"))); // generated
        QCOMPARE(dialog->secretEdit()->echoMode(), QLineEdit::Password);
        dialog->findChild<QPushButton *>(QStringLiteral("revealSecret"))->click();
        QCOMPARE(dialog->secretEdit()->echoMode(), QLineEdit::Normal);
        QTest::keyClicks(dialog->nameEdit(), QStringLiteral("CRM"));
        QTest::keyClicks(dialog->urlEdit(), QStringLiteral("ftp://example.com/x"));
        check(dialog->events(), {QStringLiteral("lead.created")});
        QVERIFY(dialog->validationError().contains(QStringLiteral("url")));
        QVERIFY(!saveButton(dialog)->isEnabled());
        dialog->urlEdit()->setText(QStringLiteral("https://hooks.example.com/crm"));
        QVERIFY2(dialog->validationError().isEmpty(), qPrintable(dialog->validationError()));
        // A header name with a space is refused by applyConfigJson, as by the API.
        dialog->findChild<QPushButton *>(QStringLiteral("addHeader"))->click();
        auto *headers = dialog->headers()->table();
        headers->item(0, 0)->setText(QStringLiteral("Bad Name"));
        headers->item(0, 1)->setText(QStringLiteral("x"));
        QVERIFY(dialog->validationError().contains(QStringLiteral("headers")));
        headers->item(0, 0)->setText(QStringLiteral("X-Tenant"));
        QVERIFY(dialog->validationError().isEmpty());
        QCOMPARE(dialog->body()
                     .value(QStringLiteral("headers"))
                     .toObject()
                     .value(QStringLiteral("X-Tenant"))
                     .toString(),
            QStringLiteral("x"));
        // The retry preview follows the settings.
        auto *attempts = dialog->findChild<QSpinBox *>(QStringLiteral("retryAttempts"));
        attempts->setValue(3);
        const auto preview = dialog->retry()->preview();
        QVERIFY2(preview.contains(QStringLiteral("5 s, 30 s")), qPrintable(preview));
        attempts->setValue(1);
        QVERIFY(dialog->retry()->preview().contains(QStringLiteral("not retried")));
        dialog->reject();
    }

    void createTestPauseDelete()
    {
        TestServer server;
        QVERIFY(server.started());
        WebhookReceiver receiver;
        receiver.script(
            {{200, {{"Content-Type", "application/json"}}, R"({"received":true,"by":"receiver"})"}});
        UiDatabase database(server.runtime().databaseOptions());
        WebhooksView view(database.db(), server.runtime());
        QAbstractItemModelTester tester(view.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(view.model()->rowCount(), 0);
        createThroughForm(view, QStringLiteral("Receiver"), receiver.url());
        createThroughForm(view, QStringLiteral("Second"), receiver.url(QStringLiteral("/second")));
        QCOMPARE(view.model()->configAt(0).name, QStringLiteral("Second")); // newest first, selected
        QCOMPARE(view.table()->selectionModel()->selectedRows().first().row(), 0);

        // Test: status code, time and body in place, and a test delivery in the log.
        view.selectConfig(view.model()->configAt(1).id);
        view.testEventType()->setCurrentText(QStringLiteral("message.created"));
        view.testButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(view.testStatusText().startsWith(QStringLiteral("HTTP 200")), timeoutMs);
        QVERIFY(view.testStatusText().contains(QStringLiteral(" ms")));
        QVERIFY2(view.testBodyText().contains(QStringLiteral("\"received\": true")),
            qPrintable(view.testBodyText()));
        QCOMPARE(receiver.received().size(), 1);
        QVERIFY(receiver.received().first().body.contains("\"test\":true"));

        // Pause, edit, delete: every change arrives as row updates through configsChanged.
        view.toggleSelected();
        QTRY_COMPARE_WITH_TIMEOUT(view.model()->configAt(1).status, WebhookStatus::Inactive, timeoutMs);
        auto *dialog = view.openEditor(false);
        QCOMPARE(dialog->nameEdit()->text(), QStringLiteral("Receiver"));
        QVERIFY(!dialog->body().contains(QStringLiteral("secret"))); // unchanged: no rotation
        dialog->nameEdit()->setText(QStringLiteral("Receiver (renamed)"));
        saveButton(dialog)->click();
        QTRY_COMPARE_WITH_TIMEOUT(
            view.model()->configAt(1).name, QStringLiteral("Receiver (renamed)"), timeoutMs);
        QCOMPARE(view.model()->configAt(1).status, WebhookStatus::Inactive);
        view.deleteSelected(false);
        QTRY_COMPARE_WITH_TIMEOUT(view.model()->rowCount(), 1, timeoutMs);
        QCOMPARE(view.model()->configAt(0).name, QStringLiteral("Second"));
    }

    void testOfAnUnreachableTargetShowsTheError()
    {
        TestServer server;
        QVERIFY(server.started());
        UiDatabase database(server.runtime().databaseOptions());
        WebhooksView view(database.db(), server.runtime());
        createThroughForm(view, QStringLiteral("Nobody"), QStringLiteral("http://127.0.0.1:9/closed"));
        view.testButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(view.testStatusText().startsWith(QStringLiteral("No answer")), timeoutMs);
    }

    void screenshots()
    {
        const auto dir = qEnvironmentVariable("SWITCHBOARD_SCREENSHOT_DIR");
        if (dir.isEmpty())
            QSKIP("set SWITCHBOARD_SCREENSHOT_DIR to write screenshots");
        QSettings().clear();
        QDir().mkpath(dir);
        TestServer server([](RuntimeOptions &options) { options.demo = true; });
        QVERIFY2(server.started(), qPrintable(server.error()));
        MainWindow window(server.runtime());
        window.resize(1280, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const auto shoot = [&](QWidget *widget, const QString &name) {
            QTest::qWait(50);
            QVERIFY(widget->grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png")));
        };
        window.showSection(MainWindow::Section::Webhooks);
        auto *webhooks = window.webhooksView();
        webhooks->table()->selectRow(3);
        shoot(&window, QStringLiteral("webhooks"));
        auto *dialog = webhooks->openEditor(false);
        const char *tabs[] = {"general", "events", "signing", "retries"};
        for (int tab = 0; tab < 4; ++tab) {
            dialog->findChild<QTabWidget *>()->setCurrentIndex(tab);
            shoot(dialog, QStringLiteral("webhook-form-") + QLatin1String(tabs[tab]));
        }
        dialog->reject();
        window.showSection(MainWindow::Section::Deliveries);
        auto *deliveries = window.deliveriesView();
        int failed = 0;
        while (deliveryStatusName(deliveries->model()->rowAt(failed).status) != QLatin1String("failed"))
            ++failed;
        deliveries->table()->selectRow(failed);
        shoot(&window, QStringLiteral("deliveries"));
        auto *detailTabs = deliveries->detail()->findChild<QTabWidget *>();
        detailTabs->setCurrentIndex(1);
        shoot(&window, QStringLiteral("deliveries-request"));
        detailTabs->setCurrentIndex(2);
        shoot(&window, QStringLiteral("deliveries-response"));
        auto *status = deliveries->findChild<QComboBox *>(QStringLiteral("deliveriesStatus"));
        status->setCurrentIndex(status->findData(QStringLiteral("failed")));
        shoot(&window, QStringLiteral("deliveries-failed"));
    }
};

QTEST_MAIN(WebhooksViewTest)
#include "tst_webhooksview.moc"
