// Settings → Relay: the empty state explains relays; a target added through the dialog is listed
// with its route and URL, its Enabled box changes the stored relay, a bad URL is refused with the
// reason, and Remove deletes it (over the admin API too).
#include "TestSupport.h"
#include "common/EmptyState.h"
#include "settings/RelayPage.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QJsonArray>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

using namespace sb;
using namespace sb::test;

namespace {

constexpr int timeoutMs = 10000;

QJsonArray storedRelays(TestServer &server)
{
    return adminGet(server, QStringLiteral("/api/relays")).json().value(QStringLiteral("relays")).toArray();
}

} // namespace

class RelayPageTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void addListToggleAndRemove()
    {
        TestServer server;
        QVERIFY(server.started());
        RelayPage page(server.runtime());
        QSignalSpy reloaded(&page, &RelayPage::reloaded);
        QVERIFY(reloaded.wait(timeoutMs));
        QVERIFY(page.showsEmptyState());
        QCOMPARE(page.list()->topLevelItemCount(), 0);

        // Add through the dialog, as a user does.
        QTimer::singleShot(0, this, [] {
            auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            auto *route = dialog->findChild<QComboBox *>(QStringLiteral("relayRoute"));
            route->setCurrentIndex(route->findData(QStringLiteral("twilio.sms")));
            dialog->findChild<QLineEdit *>(QStringLiteral("relayUrl"))
                ->setText(QStringLiteral("http://127.0.0.1:9/hooks"));
            dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
        });
        QSignalSpy changed(&page, &RelayPage::changed);
        page.findChild<QPushButton *>(QStringLiteral("relayAdd"))->click();
        QVERIFY(changed.wait(timeoutMs));
        QTRY_COMPARE_WITH_TIMEOUT(page.list()->topLevelItemCount(), 1, timeoutMs);
        QVERIFY(!page.showsEmptyState());
        auto *item = page.list()->topLevelItem(0);
        QVERIFY2(item->text(RelayPage::RouteColumn).contains(QStringLiteral("twilio.sms")),
            qPrintable(item->text(RelayPage::RouteColumn)));
        QVERIFY(item->text(RelayPage::UrlColumn).startsWith(QStringLiteral("http://127.0.0.1:9/hooks")));
        QCOMPARE(item->checkState(RelayPage::EnabledColumn), Qt::Checked);
        QCOMPARE(item->text(RelayPage::LastColumn), QStringLiteral("not relayed yet"));
        auto stored = storedRelays(server);
        QCOMPARE(stored.size(), 1);
        QCOMPARE(
            stored.at(0).toObject().value(QStringLiteral("route")).toString(), QStringLiteral("twilio.sms"));
        const auto id = stored.at(0).toObject().value(QStringLiteral("id")).toInteger();

        // The Enabled box disables the stored relay.
        item->setCheckState(RelayPage::EnabledColumn, Qt::Unchecked);
        QVERIFY(changed.wait(timeoutMs));
        QCOMPARE(storedRelays(server).at(0).toObject().value(QStringLiteral("enabled")).toBool(true), false);

        // A bad URL is refused with its reason, nothing is stored.
        QSignalSpy failed(&page, &RelayPage::failed);
        page.add({{QStringLiteral("route"), QStringLiteral("twilio.sms")},
            {QStringLiteral("url"), QStringLiteral("ftp://x")}});
        QVERIFY(failed.wait(timeoutMs));
        QVERIFY(failed.first().first().toString().contains(QStringLiteral("http(s)")));
        QCOMPARE(storedRelays(server).size(), 1);

        // Remove.
        QTRY_VERIFY_WITH_TIMEOUT(page.list()->topLevelItemCount() == 1, timeoutMs);
        page.list()->setCurrentItem(page.list()->topLevelItem(0));
        QCOMPARE(page.list()->currentItem()->data(0, Qt::UserRole).toLongLong(), id);
        QTimer::singleShot(0, this, [] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            QVERIFY(box);
            box->button(QMessageBox::Yes)->click();
        });
        page.findChild<QPushButton *>(QStringLiteral("relayRemove"))->click();
        QVERIFY(changed.wait(timeoutMs));
        QTRY_COMPARE_WITH_TIMEOUT(page.list()->topLevelItemCount(), 0, timeoutMs);
        QVERIFY(page.showsEmptyState());
        QCOMPARE(storedRelays(server).size(), 0);
    }
};

QTEST_MAIN(RelayPageTest)
#include "tst_relaypage.moc"
