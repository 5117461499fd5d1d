// /openapi.json against the running router (every route, documented, linted by @redocly/cli), /docs
// rendered by headless Chromium, and CORS preflights and answers over real HTTP.
#include "TestSupport.h"
#include "server/OpenApi.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QSet>
#include <QStandardPaths>
#include <QTest>

using namespace sb;
using namespace sb::test;

namespace {

const QByteArray allowedOrigin = "https://crm.example.com";

// The head of a raw answer: status line and headers, lower-cased names.
struct RawAnswer
{
    int status = 0;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QByteArray header(const QByteArray &name) const
    {
        for (const auto &[key, value] : headers) {
            if (key == name.toLower())
                return value;
        }
        return {};
    }
    bool hasCors() const
    {
        for (const auto &[key, value] : headers) {
            if (key.startsWith("access-control-"))
                return true;
        }
        return false;
    }
};

RawAnswer exchange(quint16 port, const QByteArray &method, const QByteArray &path, const QByteArray &extra)
{
    const auto raw = rawExchange(port,
        method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extra
            + "Connection: close\r\nContent-Length: 0\r\n\r\n");
    RawAnswer answer;
    const auto split = raw.indexOf("\r\n\r\n");
    const auto lines = raw.left(split).split('\n');
    if (lines.isEmpty())
        return answer;
    answer.status = lines.first().split(' ').value(1).toInt();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const auto colon = lines[i].indexOf(':');
        if (colon > 0)
            answer.headers.append(
                {lines[i].left(colon).trimmed().toLower(), lines[i].mid(colon + 1).trimmed()});
    }
    answer.body = raw.mid(split + 4);
    return answer;
}

} // namespace

class OpenApiDocsTest : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<TestServer> m_server;
    QJsonObject m_document;

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<TestServer>([](RuntimeOptions &options) {
            options.corsOrigins
                = {QString::fromLatin1(allowedOrigin), QStringLiteral("http://localhost:5000")};
        });
        QVERIFY(m_server->started());
        const auto reply = request("GET", m_server->url(QStringLiteral("/openapi.json")));
        QCOMPARE(reply.status, 200);
        m_document = reply.json();
        QCOMPARE(m_document.value(QStringLiteral("openapi")).toString(), QStringLiteral("3.1.0"));
    }

    void everyRouteIsDocumented()
    {
        const auto &router = m_server->runtime().router();
        QCOMPARE(undocumentedRoutes(router), QStringList());
        QCOMPARE(router.orphanDocs(), QStringList());
        const auto paths = m_document.value(QStringLiteral("paths")).toObject();
        int operations = 0;
        for (auto it = paths.begin(); it != paths.end(); ++it)
            operations += int(it.value().toObject().size());
        QCOMPARE(operations, int(router.routes().size()));
        QSet<QString> ids;
        for (const auto &route : router.routes()) {
            const auto op = paths.value(route.pattern)
                                .toObject()
                                .value(QString::fromLatin1(route.method).toLower())
                                .toObject();
            QVERIFY2(!op.isEmpty(), qPrintable(route.pattern));
            QVERIFY2(!op.value(QStringLiteral("summary")).toString().isEmpty(), qPrintable(route.pattern));
            QCOMPARE(op.value(QStringLiteral("security")).toArray().isEmpty(), !route.admin);
            QVERIFY(!ids.contains(op.value(QStringLiteral("operationId")).toString()));
            ids.insert(op.value(QStringLiteral("operationId")).toString());
            if (route.kind == RouteKind::Webhook)
                QVERIFY2(op.contains(QStringLiteral("requestBody")), qPrintable(route.pattern));
        }
        // A few routes seen from outside: the CRM signature header, the admin scheme's header name.
        const auto crm = paths.value(QStringLiteral("/api/v1/webhooks/incoming/lead/create"))
                             .toObject()
                             .value(QStringLiteral("post"))
                             .toObject();
        QCOMPARE(crm.value(QStringLiteral("parameters"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("name")),
            QStringLiteral("X-Webhook-Signature"));
        QCOMPARE(m_document.value(QStringLiteral("components"))
                     .toObject()
                     .value(QStringLiteral("securitySchemes"))
                     .toObject()
                     .value(QStringLiteral("ApiKeyHeader"))
                     .toObject()
                     .value(QStringLiteral("name"))
                     .toString(),
            QStringLiteral("X-API-Key"));
    }

    void redoclyLintFindsNoErrors()
    {
        const auto node = QStandardPaths::findExecutable(QStringLiteral("node"));
        const auto npm = QStandardPaths::findExecutable(QStringLiteral("npm"));
        if (node.isEmpty() || npm.isEmpty())
            QSKIP("node and npm are needed (scripts/install-deps.sh --test installs them)");
        QTemporaryDir project;
        const QDir source(QStringLiteral(SWITCHBOARD_SOURCE_DIR "/tests/npm"));
        for (const auto &name : source.entryList(QDir::Files))
            QVERIFY(QFile::copy(source.filePath(name), QDir(project.path()).filePath(name)));
        QProcess install;
        install.setWorkingDirectory(project.path());
        install.setProcessChannelMode(QProcess::MergedChannels);
        install.start(
            npm, {QStringLiteral("install"), QStringLiteral("--no-audit"), QStringLiteral("--no-fund")});
        QVERIFY(install.waitForFinished(300000));
        QVERIFY2(install.exitCode() == 0, install.readAll().constData());
        QFile file(QDir(project.path()).filePath(QStringLiteral("openapi.json")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QJsonDocument(m_document).toJson());
        file.close();
        QProcess lint;
        lint.setWorkingDirectory(project.path());
        lint.setProcessChannelMode(QProcess::MergedChannels);
        lint.start(QDir(project.path()).filePath(QStringLiteral("node_modules/.bin/redocly")),
            {QStringLiteral("lint"), QStringLiteral("openapi.json")});
        QVERIFY(lint.waitForFinished(120000));
        const auto output = lint.readAll();
        qInfo().noquote() << QString::fromUtf8(output).right(1500);
        QVERIFY2(lint.exitCode() == 0, output.right(4000).constData());
        QVERIFY2(output.contains("Woohoo! Your API description is valid.") || output.contains("valid"),
            output.right(2000).constData());
    }

    void docsPageRendersInChromium()
    {
        // The page is served from the program's resources, with no external reference.
        const auto page = request("GET", m_server->url(QStringLiteral("/docs")));
        QCOMPARE(page.status, 200);
        QVERIFY(page.header("Content-Type").startsWith("text/html"));
        QVERIFY(!page.body.contains("http://") && !page.body.contains("https://"));
        const auto chromium = QStandardPaths::findExecutable(QStringLiteral("chromium"));
        if (chromium.isEmpty())
            QSKIP("chromium is needed (scripts/install-deps.sh --test installs it)");
        const auto url = m_server->url(QStringLiteral("/docs")).toString();
        // Each run its own profile: a profile still held by the previous run's helpers is refused.
        QTemporaryDir profiles;
        int run = 0;
        const auto common = [&profiles, &run] {
            return QStringList {QStringLiteral("--headless"), QStringLiteral("--disable-gpu"),
                QStringLiteral("--no-sandbox"), QStringLiteral("--virtual-time-budget=10000"),
                QStringLiteral("--user-data-dir=") + profiles.filePath(QString::number(++run))};
        };
        QProcess dump;
        dump.start(chromium, common() + QStringList {QStringLiteral("--dump-dom"), url});
        QVERIFY(dump.waitForFinished(90000));
        const auto dom = QString::fromUtf8(dump.readAllStandardOutput());
        QVERIFY2(
            dom.contains(
                QStringLiteral("data-operations=\"%1\"").arg(m_server->runtime().router().routes().size())),
            qPrintable(dom.left(2000)));
        for (const auto &route : m_server->runtime().router().routes())
            QVERIFY2(dom.contains(QStringLiteral("<span class=\"path\">") + route.pattern.toHtmlEscaped()
                         + QLatin1Char('<')),
                qPrintable(route.pattern));
        QVERIFY(dom.contains(QStringLiteral("CRM webhooks")));
        QVERIFY(dom.contains(QStringLiteral("Webhook administration")));
        // A screenshot for a person to look at (the page's layout).
        const auto shot = qEnvironmentVariable(
            "SWITCHBOARD_DOCS_SCREENSHOT", QDir::tempPath() + QStringLiteral("/docs.png"));
        QFile::remove(shot);
        QProcess screenshot;
        screenshot.start(chromium,
            common()
                + QStringList {
                    QStringLiteral("--screenshot=") + shot, QStringLiteral("--window-size=1280,2000"), url});
        QVERIFY(screenshot.waitForFinished(90000));
        QVERIFY(QFileInfo(shot).size() > 10000);
        // And one operation opened through its link (/docs#operationId): parameters, body, answers, Try it.
        const QString opened = QFileInfo(shot).path() + QStringLiteral("/docs-operation.png");
        QProcess operation;
        operation.start(chromium,
            common()
                + QStringList {QStringLiteral("--screenshot=") + opened,
                    QStringLiteral("--window-size=1280,1600"), url + QStringLiteral("#config.create")});
        QVERIFY(operation.waitForFinished(90000));
        QVERIFY(QFileInfo(opened).size() > 10000);
    }

    void corsPreflightFromAnAllowedOrigin()
    {
        const auto answer = exchange(m_server->port(), "OPTIONS", "/api/webhooks/config",
            "Origin: " + allowedOrigin
                + "\r\nAccess-Control-Request-Method: POST\r\n"
                  "Access-Control-Request-Headers: authorization, content-type\r\n");
        QCOMPARE(answer.status, 204);
        QCOMPARE(answer.header("access-control-allow-origin"), allowedOrigin);
        QCOMPARE(answer.header("vary"), QByteArray("Origin"));
        QCOMPARE(answer.header("access-control-allow-methods"), QByteArray("GET, POST, HEAD"));
        const auto allowed = answer.header("access-control-allow-headers");
        for (const auto *name :
            {"Authorization", "Content-Type", "X-API-Key", "Idempotency-Key", "Last-Event-ID"})
            QVERIFY2(allowed.contains(name), name);
        QCOMPARE(answer.header("access-control-max-age"), QByteArray("600"));
        QVERIFY(answer.header("access-control-allow-credentials").isEmpty());
        // A path with a placeholder: the methods of that path only.
        const auto item = exchange(m_server->port(), "OPTIONS", "/api/webhooks/config/7",
            "Origin: http://localhost:5000\r\nAccess-Control-Request-Method: DELETE\r\n");
        QCOMPARE(item.status, 204);
        QCOMPARE(item.header("access-control-allow-methods"), QByteArray("GET, PUT, DELETE, HEAD"));
    }

    void corsAnswerCarriesTheHeaders()
    {
        const auto answer = exchange(m_server->port(), "GET", "/api/webhooks/config",
            "Origin: " + allowedOrigin + "\r\nX-API-Key: " + adminKey + "\r\n");
        QCOMPARE(answer.status, 200);
        QCOMPARE(answer.header("access-control-allow-origin"), allowedOrigin);
        QCOMPARE(answer.header("vary"), QByteArray("Origin"));
        QVERIFY(answer.header("access-control-expose-headers").contains("Retry-After"));
        // Refusals too, so the page can read the 401.
        const auto refused
            = exchange(m_server->port(), "GET", "/api/webhooks/config", "Origin: " + allowedOrigin + "\r\n");
        QCOMPARE(refused.status, 401);
        QCOMPARE(refused.header("access-control-allow-origin"), allowedOrigin);
    }

    void corsPreflightFromARefusedOrigin()
    {
        const QByteArray origin = "https://evil.example.net";
        const auto answer = exchange(m_server->port(), "OPTIONS", "/api/webhooks/config",
            "Origin: " + origin + "\r\nAccess-Control-Request-Method: POST\r\n");
        QCOMPARE(answer.status, 403);
        QVERIFY(!answer.hasCors());
        const auto body = QJsonDocument::fromJson(answer.body).object();
        QCOMPARE(body.value(QStringLiteral("success")).toBool(true), false);
        QVERIFY2(body.value(QStringLiteral("message")).toString().contains(QString::fromLatin1(origin)),
            answer.body.constData());
        // Its actual requests get no CORS headers either.
        const auto get = exchange(m_server->port(), "GET", "/api/webhooks/config",
            "Origin: " + origin + "\r\nX-API-Key: " + adminKey + "\r\n");
        QCOMPARE(get.status, 200);
        QVERIFY(!get.hasCors());
    }

    void webhookRoutesAreUnaffected()
    {
        const auto preflight = exchange(m_server->port(), "OPTIONS", "/api/webhooks/twilio/sms",
            "Origin: " + allowedOrigin + "\r\nAccess-Control-Request-Method: POST\r\n");
        QCOMPARE(preflight.status, 405);
        QVERIFY(!preflight.hasCors());
        const auto health = exchange(
            m_server->port(), "GET", "/api/webhooks/twilio/sms", "Origin: " + allowedOrigin + "\r\n");
        QCOMPARE(health.status, 200);
        QVERIFY(!health.hasCors());
        const auto crm = exchange(
            m_server->port(), "POST", "/api/v1/webhooks/incoming", "Origin: " + allowedOrigin + "\r\n");
        QVERIFY(crm.status >= 400);
        QVERIFY(!crm.hasCors());
    }
};

QTEST_GUILESS_MAIN(OpenApiDocsTest)
#include "tst_openapi_docs.moc"
