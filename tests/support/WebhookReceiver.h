#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QTcpServer>
#include <deque>
#include <functional>

namespace sb::test {

// A real HTTP receiver on loopback for outbound deliveries: records every request and answers
// with scripted responses (status, headers, body), or not at all, to inject failures.
class WebhookReceiver : public QObject
{
    Q_OBJECT
public:
    struct Received
    {
        QByteArray method;
        QByteArray target;
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body;
        QByteArray header(const QByteArray &name) const;
    };
    struct Answer
    {
        int status = 200;
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body = "ok";
        bool silent = false; // never answer (timeout injection)
    };

    WebhookReceiver();
    quint16 port() const { return m_server.serverPort(); }
    QString url(const QString &path = QStringLiteral("/hook")) const;
    // Answers for the next requests, in order; afterwards 200 "ok".
    void script(std::initializer_list<Answer> answers);
    const QList<Received> &received() const { return m_received; }
    // A fake provider's answer computed from each request (checked against the provider's documented
    // format); scripted answers, when queued, still come first.
    void setResponder(std::function<Answer(const Received &)> responder)
    {
        m_responder = std::move(responder);
    }

private:
    void onConnection();
    void onData(class QTcpSocket *socket);

    QTcpServer m_server;
    std::deque<Answer> m_script;
    QList<Received> m_received;
    std::function<Answer(const Received &)> m_responder;
};

} // namespace sb::test
