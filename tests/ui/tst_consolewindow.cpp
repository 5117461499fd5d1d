// The main window: sections, status bar, shortcuts and remembered state. With
// SWITCHBOARD_SCREENSHOT_DIR set it also writes a PNG of each view, for people to look at.
#include "MainWindow.h"
#include "TestSupport.h"
#include "common/EmptyState.h"
#include "dashboard/DashboardView.h"
#include "inspector/InboundDetailPane.h"
#include "inspector/InboundRequestModel.h"
#include "inspector/InboundRequestsView.h"
#include "leads/LeadsView.h"
#include "settings/SettingsView.h"

#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

using namespace sb;
using namespace sb::test;

namespace {

constexpr int timeoutMs = 20000;

void sendSamples(TestServer &server)
{
    const auto test = server.url(QStringLiteral("/api/webhooks/test"));
    request("POST", test,
        R"({"event":"lead.created","source":"hubspot","data":{"name":"Ada Lovelace",)"
        R"("phone":"+15550100","tags":["vip","demo"]}})");
    request("POST", test, "plain words", {{"Content-Type", "text/plain"}});
    request(
        "POST", test, "From=%2B15550100&Body=Hello", {{"Content-Type", "application/x-www-form-urlencoded"}});
    request("GET", server.url(QStringLiteral("/no/such/path")));
    request("POST", server.url(QStringLiteral("/api/v1/webhooks/incoming/lead/create")),
        R"({"event":"new_lead","data":{"first_name":"Grace"}})", {{"X-Webhook-Signature", "deadbeef"}});
    request("POST", test, QByteArray("\x00\x01\x02 binary \xff", 12),
        {{"Content-Type", "application/octet-stream"}});
    request("POST", test,
        R"({"event":"call.completed","duration":42,"recording":"https://example.org/r/1.mp3"})");
}

} // namespace

class ConsoleWindowTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName(QStringLiteral("SwitchboardTest"));
        QApplication::setApplicationName(QStringLiteral("tst_consolewindow"));
        QSettings().clear();
    }

    void sectionsAndStatusBar()
    {
        TestServer server(
            [](RuntimeOptions &options) { options.acceptUnverified.insert(QStringLiteral("crm")); });
        QVERIFY2(server.started(), qPrintable(server.error()));
        MainWindow window(server.runtime());
        auto *navigation = window.findChild<QListWidget *>(QStringLiteral("navigation"));
        QVERIFY(navigation);
        QCOMPARE(navigation->count(), int(MainWindow::Section::Count));
        QCOMPARE(window.currentSection(), MainWindow::Section::InboundRequests);
        QVERIFY(window.inboundView());
        for (int i = 0; i < navigation->count(); ++i) {
            QVERIFY2(window.view(MainWindow::Section(i)), qPrintable(navigation->item(i)->text()));
            // A section not built yet explains itself, never invents rows.
            if (auto *empty = qobject_cast<EmptyState *>(window.view(MainWindow::Section(i))))
                QVERIFY(!empty->findChild<QLabel *>(QStringLiteral("emptyStateText"))->text().isEmpty());
        }
        QVERIFY(window.dashboardView());
        QVERIFY(window.leadsView());
        QVERIFY(window.settingsView());
        navigation->setCurrentRow(int(MainWindow::Section::Leads));
        QCOMPARE(window.currentSection(), MainWindow::Section::Leads);

        const auto label = [&window](const char *name) {
            auto *found = window.statusBar()->findChild<QLabel *>(QString::fromLatin1(name));
            return found ? found->text() : QString();
        };
        QVERIFY(label("statusListen").contains(server.runtime().listenUrl()));
        QVERIFY(label("statusPublicUrl").contains(QStringLiteral("Settings")));
        QVERIFY(label("statusUnverified").contains(QStringLiteral("crm")));
        QVERIFY(label("statusUrlPolicy").contains(QStringLiteral("dev")));
        QTRY_VERIFY_WITH_TIMEOUT(label("statusQueue").contains(QStringLiteral("0")), timeoutMs);
    }

    void publicUrlShownWithoutWarning()
    {
        TestServer server([](RuntimeOptions &options) {
            options.publicUrl = QStringLiteral("https://abc.ngrok-free.app");
        });
        QVERIFY(server.started());
        MainWindow window(server.runtime());
        auto *publicUrl = window.statusBar()->findChild<QLabel *>(QStringLiteral("statusPublicUrl"));
        QVERIFY(publicUrl->text().contains(QStringLiteral("https://abc.ngrok-free.app")));
        QVERIFY(!window.statusBar()->findChild<QLabel *>(QStringLiteral("statusUnverified")));
    }

    void ctrlFFocusesSearchAndStateIsRemembered()
    {
        TestServer server;
        QVERIFY(server.started());
        QCOMPARE(request("POST", server.url(QStringLiteral("/api/webhooks/test")), "{}").status, 200);
        {
            MainWindow window(server.runtime());
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            window.activateWindow();
            QVERIFY(QTest::qWaitForWindowActive(&window));
            window.showSection(MainWindow::Section::InboundRequests);
            QTRY_COMPARE_WITH_TIMEOUT(window.inboundView()->model()->rowCount(), 1, timeoutMs);
            window.inboundView()->table()->setFocus();
            QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
            QCOMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("inboundSearch"));
            window.showSection(MainWindow::Section::Deliveries);
            window.resize(1111, 777);
            window.close();
        }
        QSettings settings;
        QVERIFY(!settings.value(QStringLiteral("window/geometry")).toByteArray().isEmpty());
        MainWindow again(server.runtime());
        QCOMPARE(again.currentSection(), MainWindow::Section::Deliveries);
        QCOMPARE(again.size(), QSize(1111, 777));
    }

    void screenshots()
    {
        const auto dir = qEnvironmentVariable("SWITCHBOARD_SCREENSHOT_DIR");
        if (dir.isEmpty())
            QSKIP("set SWITCHBOARD_SCREENSHOT_DIR to write screenshots");
        QSettings().clear();
        QDir().mkpath(dir);
        TestServer server(
            [](RuntimeOptions &options) { options.acceptUnverified.insert(QStringLiteral("crm")); });
        QVERIFY(server.started());
        MainWindow window(server.runtime());
        window.resize(1280, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const auto shoot = [&](const QString &name) {
            QCoreApplication::processEvents();
            QVERIFY(window.grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png")));
        };
        shoot(QStringLiteral("inbound-empty"));
        sendSamples(server);
        auto *view = window.inboundView();
        QTRY_COMPARE_WITH_TIMEOUT(view->model()->rowCount(), 7, timeoutMs);
        auto *tabs = view->detail()->findChild<QTabWidget *>();
        const std::pair<int, const char *> shots[]
            = {{0, "summary"}, {1, "headers"}, {2, "body"}, {3, "response"}};
        view->table()->selectRow(6); // the JSON lead.created
        for (const auto &[tab, name] : shots) {
            tabs->setCurrentIndex(tab);
            shoot(QStringLiteral("inbound-json-") + QLatin1String(name));
        }
        view->table()->selectRow(2); // the forged CRM webhook
        tabs->setCurrentIndex(0);
        shoot(QStringLiteral("inbound-rejected-summary"));
        view->table()->selectRow(1); // binary
        tabs->setCurrentIndex(2);
        shoot(QStringLiteral("inbound-binary-body"));
        for (int i = 0; i < int(MainWindow::Section::Count); ++i) {
            if (MainWindow::Section(i) == MainWindow::Section::InboundRequests)
                continue;
            window.showSection(MainWindow::Section(i));
            shoot(QStringLiteral("section-%1").arg(i));
        }
    }
};

QTEST_MAIN(ConsoleWindowTest)
#include "tst_consolewindow.moc"
