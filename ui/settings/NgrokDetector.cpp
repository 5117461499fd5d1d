#include "NgrokDetector.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>

namespace sb {

NgrokDetector::NgrokDetector(QObject *parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
    , m_apiUrl(QUrl(QStringLiteral("http://127.0.0.1:4040/api/tunnels")))
{ }

QString NgrokDetector::pickHttpsTunnel(const QByteArray &body, quint16 localPort)
{
    const auto tunnels = QJsonDocument::fromJson(body).object().value(QStringLiteral("tunnels")).toArray();
    QString anyHttps;
    for (const auto &value : tunnels) {
        const auto tunnel = value.toObject();
        const auto publicUrl = tunnel.value(QStringLiteral("public_url")).toString();
        if (!publicUrl.startsWith(QLatin1String("https://")))
            continue;
        // config.addr is "http://localhost:8080", "localhost:8080" or "8080".
        const auto address
            = tunnel.value(QStringLiteral("config")).toObject().value(QStringLiteral("addr")).toString();
        const auto port = address.section(QLatin1Char(':'), -1).section(QLatin1Char('/'), 0, 0);
        if (port == QString::number(localPort))
            return publicUrl;
        if (anyHttps.isEmpty())
            anyHttps = publicUrl;
    }
    return anyHttps;
}

void NgrokDetector::detect(quint16 localPort)
{
    QNetworkRequest request(m_apiUrl);
    request.setTransferTimeout(3000);
    auto *reply = m_network->get(request);
    connect(reply, &QNetworkReply::finished, this, [this, reply, localPort] {
        reply->deleteLater();
        if (reply->error() != QNetworkReply::NoError) {
            Q_EMIT failed(reply->error() == QNetworkReply::ConnectionRefusedError
                    ? tr("No ngrok agent answers on %1. Start one with: ngrok http %2")
                          .arg(m_apiUrl.toString(QUrl::RemovePath))
                          .arg(localPort)
                    : tr("The ngrok agent could not be asked: %1").arg(reply->errorString()));
            return;
        }
        const auto url = pickHttpsTunnel(reply->readAll(), localPort);
        if (url.isEmpty())
            Q_EMIT failed(
                tr("ngrok runs but has no https tunnel. Start one with: ngrok http %1").arg(localPort));
        else
            Q_EMIT found(url);
    });
}

} // namespace sb
