#pragma once

#include "runtime/Runtime.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QUrl>
#include <memory>

namespace sb::test {

inline const QByteArray adminKey = "test-admin-key-0123456789";
inline const QByteArray crmSecret = "crm-test-secret";

struct HttpReply
{
    int status = 0;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    QString error;

    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QByteArray header(const QByteArray &name) const;
};

// A real Switchboard runtime on an ephemeral loopback port with its own data directory.
class TestServer
{
public:
    explicit TestServer(std::function<void(RuntimeOptions &)> adjust = {}, const Clock *clock = nullptr,
        std::function<double()> retryRandom = {}, const QString &dataDir = {});
    ~TestServer();

    bool started() const { return m_started; }
    QString error() const { return m_error; }
    Runtime &runtime() { return *m_runtime; }
    QUrl url(const QString &pathAndQuery) const;
    quint16 port() const;
    QString dataDir() const { return m_dataDir; }
    void stop() { m_runtime->stop(); }

private:
    QTemporaryDir m_dir;
    QString m_dataDir;
    std::unique_ptr<Runtime> m_runtime;
    bool m_started = false;
    QString m_error;
};

// Plain HTTP over QNetworkAccessManager, waiting for the answer.
HttpReply request(const QByteArray &method, const QUrl &url, const QByteArray &body = {},
    const QList<QPair<QByteArray, QByteArray>> &headers = {}, int timeoutMs = 15000);
// Sends bytes as they are on one TCP connection and returns everything read until the peer closes
// or `timeoutMs` passes.
QByteArray rawExchange(quint16 port, const QByteArray &bytes, int timeoutMs = 5000);

QByteArray crmSignature(const QByteArray &body, const QByteArray &secret = crmSecret);
// POST a CRM webhook with a valid signature.
HttpReply postCrm(TestServer &server, const QString &path, const QJsonObject &envelope);
// GET with the admin key.
HttpReply adminGet(TestServer &server, const QString &pathAndQuery);
// A request with the admin key and a JSON body.
HttpReply adminSend(
    TestServer &server, const QByteArray &method, const QString &path, const QJsonObject &body = {});

} // namespace sb::test
