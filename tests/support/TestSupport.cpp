#include "TestSupport.h"

#include "security/HexHmacSignature.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTcpSocket>
#include <QTimer>

namespace sb::test {

QByteArray HttpReply::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

TestServer::TestServer(std::function<void(RuntimeOptions &)> adjust, const Clock *clock,
    std::function<double()> retryRandom, const QString &dataDir)
    : m_dataDir(dataDir.isEmpty() ? m_dir.path() : dataDir)
{
    RuntimeOptions options;
    options.listenAddress = QHostAddress::LocalHost;
    options.listenPort = 0;
    options.dataDir = m_dataDir;
    options.apiKey = adminKey;
    // Tests never write keys into the developer's keychain.
    options.secretStore = SecretStore::KeySource::File;
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("CRM_WEBHOOK_SECRET"), QString::fromLatin1(crmSecret));
    options.environment = environment;
    if (adjust)
        adjust(options);
    m_runtime = std::make_unique<Runtime>(std::move(options), clock);
    if (retryRandom)
        m_runtime->setRetryRandom(std::move(retryRandom));
    m_started = m_runtime->start(&m_error);
}

TestServer::~TestServer()
{
    m_runtime->stop();
}

quint16 TestServer::port() const
{
    return m_runtime->http().port();
}

QUrl TestServer::url(const QString &pathAndQuery) const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port()).arg(pathAndQuery));
}

HttpReply request(const QByteArray &method, const QUrl &url, const QByteArray &body,
    const QList<QPair<QByteArray, QByteArray>> &headers, int timeoutMs)
{
    static QNetworkAccessManager *manager = new QNetworkAccessManager;
    QNetworkRequest networkRequest(url);
    networkRequest.setAttribute(
        QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    bool hasContentType = false;
    for (const auto &[name, value] : headers) {
        networkRequest.setRawHeader(name, value);
        hasContentType = hasContentType || name.compare("Content-Type", Qt::CaseInsensitive) == 0;
    }
    if (!body.isEmpty() && !hasContentType)
        networkRequest.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply *reply = manager->sendCustomRequest(networkRequest, method, body);
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    timer.start(timeoutMs);
    loop.exec();
    HttpReply result;
    if (!reply->isFinished()) {
        reply->abort();
        result.error = QStringLiteral("timeout");
    }
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    result.headers = reply->rawHeaderPairs();
    if (reply->error() != QNetworkReply::NoError && result.status == 0)
        result.error = reply->errorString();
    reply->deleteLater();
    return result;
}

QByteArray rawExchange(quint16 port, const QByteArray &bytes, int timeoutMs)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(timeoutMs))
        return {};
    socket.write(bytes);
    QByteArray received;
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    QObject::connect(&socket, &QTcpSocket::readyRead, &loop, [&] { received += socket.readAll(); });
    QObject::connect(&socket, &QTcpSocket::disconnected, &loop, &QEventLoop::quit);
    QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    timer.start(timeoutMs);
    loop.exec();
    received += socket.readAll();
    return received;
}

QByteArray crmSignature(const QByteArray &body, const QByteArray &secret)
{
    return HexHmacSignature::sign(secret, body);
}

HttpReply postCrm(TestServer &server, const QString &path, const QJsonObject &envelope)
{
    const auto body = QJsonDocument(envelope).toJson(QJsonDocument::Compact);
    return request("POST", server.url(path), body, {{"X-Webhook-Signature", crmSignature(body)}});
}

HttpReply adminSend(
    TestServer &server, const QByteArray &method, const QString &path, const QJsonObject &body)
{
    return request(method, server.url(path),
        body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact),
        {{"Authorization", "Bearer " + adminKey}, {"Content-Type", "application/json"}});
}

HttpReply adminGet(TestServer &server, const QString &pathAndQuery)
{
    return request("GET", server.url(pathAndQuery), {}, {{"Authorization", "Bearer " + adminKey}});
}

} // namespace sb::test
