// Settings → API keys: a key is created with a scope (through the dialog, as a user does), listed
// with its scope and last use, works with its scope's limits over real HTTP, and is revoked.
#include "TestSupport.h"
#include "settings/ApiKeysPage.h"

#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

using namespace sb;
using namespace sb::test;

namespace {

constexpr int timeoutMs = 10000;

int statusWith(TestServer &server, const QByteArray &method, const QString &path, const QString &key)
{
    QList<QPair<QByteArray, QByteArray>> headers {{"Authorization", "Bearer " + key.toLatin1()}};
    QByteArray body;
    if (method == "POST") {
        headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
        body = R"({"eventType":"ticket.created","payload":{"id":1}})";
    }
    return request(method, server.url(path), body, headers).status;
}

QTreeWidgetItem *row(ApiKeysPage &page, const QString &name)
{
    const auto items = page.list()->findItems(name, Qt::MatchExactly);
    return items.isEmpty() ? nullptr : items.first();
}

} // namespace

class ApiKeysPageTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void showsTheApiAndDocumentationLinks()
    {
        TestServer server;
        QVERIFY(server.started());
        ApiKeysPage page(server.runtime());
        page.show();
        const auto text = page.apiLinks()->text();
        const auto base = server.runtime().listenUrl();
        QVERIFY(!base.isEmpty());
        QVERIFY2(text.contains(base + QStringLiteral("/docs")), qPrintable(text));
        QVERIFY2(text.contains(base + QStringLiteral("/openapi.json")), qPrintable(text));
        QVERIFY2(text.contains(base + QStringLiteral("/api")), qPrintable(text));
        // The documentation page the link names is served.
        const auto docs = request("GET", QUrl(base + QStringLiteral("/docs")), {}, {});
        QCOMPARE(docs.status, 200);
        QVERIFY(docs.body.contains("openapi.json"));
    }

    void createsAScopedKeyThroughTheDialog()
    {
        TestServer server;
        QVERIFY(server.started());
        ApiKeysPage page(server.runtime());
        page.show();
        QSignalSpy created(&page, &ApiKeysPage::keyCreated);
        // Fill the dialog the Create button opens: a name and the read scope. Then close the
        // dialog that shows the key once.
        bool filled = false;
        QTimer::singleShot(200, &page, [&filled] {
            auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            auto *name = dialog->findChild<QLineEdit *>(QStringLiteral("apiKeyName"));
            auto *scope = dialog->findChild<QComboBox *>(QStringLiteral("apiKeyScope"));
            auto *buttons = dialog->findChild<QDialogButtonBox *>();
            if (!name || !scope || !buttons)
                return;
            QVERIFY(!buttons->button(QDialogButtonBox::Ok)->isEnabled()); // no name yet
            QTest::keyClicks(name, QStringLiteral("Dashboard"));
            scope->setCurrentIndex(scope->findData(int(ApiScope::Read)));
            filled = true;
            buttons->button(QDialogButtonBox::Ok)->click();
        });
        auto closeShown = std::make_shared<std::function<void()>>();
        *closeShown = [closeShown, &page] {
            auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget());
            if (dialog && dialog->findChild<QLineEdit *>(QStringLiteral("apiKeyName")) == nullptr)
                dialog->accept();
            else
                QTimer::singleShot(100, &page, *closeShown);
        };
        QTimer::singleShot(400, &page, *closeShown);
        page.findChild<QPushButton *>(QStringLiteral("apiKeyCreate"))->click();
        QVERIFY(filled);
        QTRY_COMPARE_WITH_TIMEOUT(created.count(), 1, timeoutMs);
        const auto key = created.first().at(1).toString();
        QVERIFY(key.startsWith(QStringLiteral("sbk_")));

        QTRY_VERIFY_WITH_TIMEOUT(row(page, QStringLiteral("Dashboard")) != nullptr, timeoutMs);
        auto *item = row(page, QStringLiteral("Dashboard"));
        QCOMPARE(item->text(ApiKeysPage::ScopeColumn), QStringLiteral("read"));
        QVERIFY(item->text(ApiKeysPage::LastUsedColumn).isEmpty());
        for (int column = 0; column < ApiKeysPage::ColumnCount; ++column)
            QVERIFY(!item->text(column).contains(key));

        // The scope holds over HTTP; the use shows up after a reload.
        QCOMPARE(statusWith(server, "GET", QStringLiteral("/api/webhooks/events"), key), 200);
        QCOMPARE(statusWith(server, "POST", QStringLiteral("/api/events"), key), 403);
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                QSignalSpy reloaded(&page, &ApiKeysPage::reloaded);
                page.reload();
                reloaded.wait(2000);
                auto *current = row(page, QStringLiteral("Dashboard"));
                return current && !current->text(ApiKeysPage::LastUsedColumn).isEmpty();
            }(),
            timeoutMs);
        QVERIFY(row(page, QStringLiteral("Dashboard"))
                    ->toolTip(ApiKeysPage::LastUsedColumn)
                    .contains(QStringLiteral("127.0.0.1")));

        // A write key made from code (the page hidden: no dialog shows it); revoking it stops it.
        page.hide();
        QSignalSpy more(&page, &ApiKeysPage::keyCreated);
        page.create(QStringLiteral("Helpdesk"), ApiScope::Write);
        QTRY_COMPARE_WITH_TIMEOUT(more.count(), 1, timeoutMs);
        const auto writeKey = more.first().at(1).toString();
        QCOMPARE(statusWith(server, "POST", QStringLiteral("/api/events"), writeKey), 202);
        QSignalSpy revoked(&page, &ApiKeysPage::keyRevoked);
        page.revoke(more.first().at(0).toString());
        QTRY_COMPARE_WITH_TIMEOUT(revoked.count(), 1, timeoutMs);
        QCOMPARE(statusWith(server, "POST", QStringLiteral("/api/events"), writeKey), 401);
        QTRY_VERIFY_WITH_TIMEOUT(row(page, QStringLiteral("Helpdesk"))
                && !row(page, QStringLiteral("Helpdesk"))->text(ApiKeysPage::RevokedColumn).isEmpty(),
            timeoutMs);
        QCOMPARE(
            row(page, QStringLiteral("Helpdesk"))->text(ApiKeysPage::ScopeColumn), QStringLiteral("write"));
    }
};

QTEST_MAIN(ApiKeysPageTest)
#include "tst_apikeyspage.moc"
