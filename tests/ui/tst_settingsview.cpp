// The settings view against a real runtime: secrets saved to the settings table and the running
// SecretStore, API keys created (shown once) and revoked (refused at once), the provider endpoint
// list, ngrok detection and the in-place server restart.
#include "TestSupport.h"
#include "settings/ApiKeysPage.h"
#include "settings/EndpointsPage.h"
#include "settings/NgrokDetector.h"
#include "settings/ProviderEndpoints.h"
#include "settings/SecretsPage.h"
#include "settings/ServerSettingsPage.h"
#include "settings/SettingsView.h"

#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTreeWidget>

using namespace sb;
using namespace sb::test;

namespace {

constexpr int timeoutMs = 20000;

const QByteArray tunnels
    = "{\"tunnels\":["
      "  {\"name\":\"command_line "
      "(http)\",\"public_url\":\"http://abc.ngrok-free.app\",\"proto\":\"http\",\"config\":{\"addr\":\"http:/"
      "/localhost:8080\"}},"
      "  "
      "{\"name\":\"other\",\"public_url\":\"https://"
      "other.ngrok-free.app\",\"proto\":\"https\",\"config\":{\"addr\":\"http://localhost:9999\"}},"
      "  "
      "{\"name\":\"command_line\",\"public_url\":\"https://"
      "abc.ngrok-free.app\",\"proto\":\"https\",\"config\":{\"addr\":\"http://localhost:8080\"}}"
      "]}";

// A one-shot stand-in for the ngrok agent's API.
class FakeNgrok : public QTcpServer
{
public:
    FakeNgrok()
    {
        connect(this, &QTcpServer::newConnection, this, [this] {
            auto *socket = nextPendingConnection();
            connect(socket, &QTcpSocket::readyRead, socket, [socket] {
                socket->readAll();
                socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: "
                              "close\r\nContent-Length: "
                    + QByteArray::number(tunnels.size()) + "\r\n\r\n" + tunnels);
                socket->disconnectFromHost();
            });
        });
        listen(QHostAddress::LocalHost);
    }
};

} // namespace

class SettingsViewTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName(QStringLiteral("SwitchboardTest"));
        QApplication::setApplicationName(QStringLiteral("tst_settingsview"));
        QSettings().clear();
    }

    void savingASecretStoresAndAppliesIt()
    {
        TestServer server;
        QVERIFY2(server.started(), qPrintable(server.error()));
        SettingsView view(server.runtime());
        auto *page = view.secretsPage();
        auto *edit = page->editFor(QStringLiteral("TWILIO_AUTH_TOKEN"));
        QVERIFY(edit);
        QCOMPARE(edit->echoMode(), QLineEdit::Password);
        QVERIFY(!server.runtime().secrets().has(QStringLiteral("TWILIO_AUTH_TOKEN")));
        edit->setText(QStringLiteral("twilio-token-123"));
        QSignalSpy saved(page, &SecretsPage::saved);
        page->save(QStringLiteral("TWILIO_AUTH_TOKEN"));
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, timeoutMs);
        QCOMPARE(server.runtime().secrets().value(QStringLiteral("TWILIO_AUTH_TOKEN")),
            QStringLiteral("twilio-token-123"));
        // The page says where the key is; the database holds the secret encrypted only.
        auto *storage = page->findChild<QLabel *>(QStringLiteral("secretStorage"));
        QVERIFY(storage);
        QVERIFY2(storage->text().contains(QStringLiteral("encrypted in the database, key file")),
            qPrintable(storage->text()));
        QByteArray files;
        for (const auto &suffix : {QString(), QStringLiteral("-wal")}) {
            QFile file(server.dataDir() + QStringLiteral("/switchboard.db") + suffix);
            if (file.open(QIODevice::ReadOnly))
                files += file.readAll();
        }
        QVERIFY(!files.isEmpty());
        QVERIFY(!files.contains("twilio-token-123"));

        // Stored where Runtime::start loads it from: a restart keeps it.
        const auto dataDir = server.dataDir();
        server.stop();
        TestServer again({}, nullptr, {}, dataDir);
        QVERIFY(again.started());
        QCOMPARE(again.runtime().secrets().value(QStringLiteral("TWILIO_AUTH_TOKEN")),
            QStringLiteral("twilio-token-123"));
    }

    void apiKeysAreCreatedAndRevoked()
    {
        TestServer server;
        QVERIFY(server.started());
        ApiKeysPage page(server.runtime());
        QSignalSpy created(&page, &ApiKeysPage::keyCreated);
        page.create(QStringLiteral("CRM sync"));
        QTRY_COMPARE_WITH_TIMEOUT(created.count(), 1, timeoutMs);
        const auto id = created.first().at(0).toString();
        const auto key = created.first().at(1).toString();
        QVERIFY(!key.isEmpty());
        const auto withKey = [&server](const QString &key) {
            return request("GET", server.url(QStringLiteral("/api/webhooks/config")), {},
                {{"Authorization", "Bearer " + key.toLatin1()}})
                .status;
        };
        QCOMPARE(withKey(key), 200);
        QTRY_VERIFY_WITH_TIMEOUT(page.list()->topLevelItemCount() >= 1, timeoutMs);
        QVERIFY(!page.list()->findItems(QStringLiteral("CRM sync"), Qt::MatchExactly).isEmpty());
        // Only the prefix is listed, never the key.
        for (int i = 0; i < page.list()->topLevelItemCount(); ++i) {
            for (int column = 0; column < 4; ++column)
                QVERIFY(!page.list()->topLevelItem(i)->text(column).contains(key));
        }

        QSignalSpy revoked(&page, &ApiKeysPage::keyRevoked);
        page.revoke(id);
        QTRY_COMPARE_WITH_TIMEOUT(revoked.count(), 1, timeoutMs);
        QCOMPARE(withKey(key), 401);
        QCOMPARE(withKey(QString::fromLatin1(adminKey)), 200);
    }

    void endpointListHasEveryProviderUrl()
    {
        TestServer server([](RuntimeOptions &options) {
            options.publicUrl = QStringLiteral("https://abc.ngrok-free.app/");
        });
        QVERIFY(server.started());
        EndpointsPage page(server.runtime());
        QStringList urls;
        for (int i = 0; i < page.list()->topLevelItemCount(); ++i)
            urls.append(page.list()->topLevelItem(i)->data(2, Qt::UserRole).toString());
        for (const auto *path : {"/api/webhooks/twilio/sms", "/api/webhooks/twilio/sms/incoming",
                 "/api/webhooks/twilio/sms/status", "/api/webhooks/twilio/voice/status",
                 "/api/webhooks/twilio/voice/recording", "/api/webhooks/mailgun/inbound",
                 "/api/webhooks/mailgun/events", "/api/webhooks/signalwire", "/api/webhooks/elevenlabs",
                 "/api/webhooks/elevenlabs/post-call", "/api/webhooks/elevenlabs/conversation-events",
                 "/api/webhooks/elevenlabs/conversation-initiation", "/api/webhooks/campaign/execute",
                 "/api/webhooks/test", "/api/v1/webhooks/incoming", "/api/v1/webhooks/incoming/lead/create",
                 "/api/v1/webhooks/incoming/lead/{id}/status/update"}) {
            const QString url = QStringLiteral("https://abc.ngrok-free.app") + QLatin1String(path);
            QVERIFY2(urls.contains(url), path);
        }
        QVERIFY(page.findChild<QWidget *>(QStringLiteral("copyEndpoint0")));
    }

    void ngrokTunnelIsPickedAndOffered()
    {
        QCOMPARE(NgrokDetector::pickHttpsTunnel(tunnels, 8080), QStringLiteral("https://abc.ngrok-free.app"));
        QCOMPARE(
            NgrokDetector::pickHttpsTunnel(tunnels, 9999), QStringLiteral("https://other.ngrok-free.app"));
        QCOMPARE(
            NgrokDetector::pickHttpsTunnel(tunnels, 1234), QStringLiteral("https://other.ngrok-free.app"));
        QCOMPARE(NgrokDetector::pickHttpsTunnel("{}", 8080), QString());

        TestServer server;
        QVERIFY(server.started());
        FakeNgrok agent;
        QVERIFY(agent.isListening());
        ServerSettingsPage page(server.runtime());
        page.ngrok()->setApiUrl(
            QUrl(QStringLiteral("http://127.0.0.1:%1/api/tunnels").arg(agent.serverPort())));
        QSignalSpy found(page.ngrok(), &NgrokDetector::found);
        page.detectNgrok();
        QTRY_COMPARE_WITH_TIMEOUT(found.count(), 1, timeoutMs);
        auto *publicUrl = page.findChild<QLineEdit *>(QStringLiteral("settingsPublicUrl"));
        QVERIFY(publicUrl->text().startsWith(QStringLiteral("https://")));

        // Nobody on the port: a reason, not a hang.
        const quint16 closed = agent.serverPort();
        agent.close();
        page.ngrok()->setApiUrl(QUrl(QStringLiteral("http://127.0.0.1:%1/api/tunnels").arg(closed)));
        QSignalSpy failed(page.ngrok(), &NgrokDetector::failed);
        page.detectNgrok();
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, timeoutMs);
        QVERIFY(failed.first().at(0).toString().contains(QStringLiteral("ngrok")));
    }

    void serverRestartsInPlace()
    {
        TestServer server;
        QVERIFY(server.started());
        ServerSettingsPage page(server.runtime());
        QSignalSpy changed(&page, &ServerSettingsPage::serverChanged);
        auto *listen = page.findChild<QLineEdit *>(QStringLiteral("settingsListen"));
        listen->setText(QStringLiteral("127.0.0.1:0"));
        QVERIFY(page.applyListen());
        QCOMPARE(changed.count(), 1);
        const auto url = QUrl(server.runtime().listenUrl() + QStringLiteral("/healthz"));
        QCOMPARE(request("GET", url).status, 200);

        // Garbage is refused before anything stops.
        listen->setText(QStringLiteral("not an address"));
        QVERIFY(!page.applyListen());
        QCOMPARE(request("GET", url).status, 200);

        auto *publicUrl = page.findChild<QLineEdit *>(QStringLiteral("settingsPublicUrl"));
        auto *trusted = page.findChild<QLabel *>(QStringLiteral("settingsTrustedProxies"));
        QVERIFY(trusted->text().startsWith(QStringLiteral("Trusted proxies: none.")));
        publicUrl->setText(QStringLiteral("https://abc.ngrok-free.app/"));
        QVERIFY(page.savePublicUrl());
        QCOMPARE(server.runtime().options().publicUrl, QStringLiteral("https://abc.ngrok-free.app"));
        QVERIFY2(trusted->text().contains(QStringLiteral("127.0.0.0/8,::1")), qPrintable(trusted->text()));
        // The restarted server uses it.
        QCOMPARE(server.runtime().options().effectiveTrustedProxies(), QStringLiteral("127.0.0.0/8,::1"));
        QCOMPARE(request("GET", QUrl(server.runtime().listenUrl() + QStringLiteral("/healthz"))).status, 200);
    }
};

QTEST_MAIN(SettingsViewTest)
#include "tst_settingsview.moc"
