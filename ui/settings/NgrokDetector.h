#pragma once

#include <QObject>
#include <QUrl>

class QNetworkAccessManager;

namespace sb {

// Asks the local ngrok agent which tunnels it runs (GET http://127.0.0.1:4040/api/tunnels) and
// offers the public https URL of the one that forwards to this server. Asynchronous: the GUI
// never waits for it.
class NgrokDetector : public QObject
{
    Q_OBJECT
public:
    explicit NgrokDetector(QObject *parent = nullptr);

    void setApiUrl(const QUrl &url) { m_apiUrl = url; }
    // Starts one query; found() or failed() follows.
    void detect(quint16 localPort);

    // The https public_url of the tunnel to `localPort` (any https tunnel when none names it);
    // empty when there is none. `body` is the agent's /api/tunnels answer.
    static QString pickHttpsTunnel(const QByteArray &body, quint16 localPort);

Q_SIGNALS:
    void found(const QString &publicUrl);
    void failed(const QString &reason);

private:
    QNetworkAccessManager *m_network;
    QUrl m_apiUrl;
};

} // namespace sb
