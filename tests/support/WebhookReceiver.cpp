#include "WebhookReceiver.h"

#include <QTcpSocket>

namespace sb::test {

QByteArray WebhookReceiver::Received::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

WebhookReceiver::WebhookReceiver()
{
    m_server.listen(QHostAddress::LocalHost, 0);
    connect(&m_server, &QTcpServer::newConnection, this, &WebhookReceiver::onConnection);
}

QString WebhookReceiver::url(const QString &path) const
{
    return QStringLiteral("http://127.0.0.1:%1%2").arg(port()).arg(path);
}

void WebhookReceiver::script(std::initializer_list<Answer> answers)
{
    for (const auto &answer : answers)
        m_script.push_back(answer);
}

void WebhookReceiver::onConnection()
{
    while (auto *socket = m_server.nextPendingConnection()) {
        socket->setParent(this);
        socket->setProperty("buffer", QByteArray());
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onData(socket); });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }
}

void WebhookReceiver::onData(QTcpSocket *socket)
{
    QByteArray buffer = socket->property("buffer").toByteArray() + socket->readAll();
    for (;;) {
        const auto headEnd = buffer.indexOf("\r\n\r\n");
        if (headEnd < 0)
            break;
        const auto lines = buffer.left(headEnd).split('\n');
        Received request;
        const auto requestLine = lines.first().trimmed().split(' ');
        request.method = requestLine.value(0);
        request.target = requestLine.value(1);
        qsizetype length = 0;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const auto line = lines[i].trimmed();
            const auto colon = line.indexOf(':');
            if (colon <= 0)
                continue;
            request.headers.append({line.left(colon), line.mid(colon + 1).trimmed()});
            if (line.left(colon).compare("Content-Length", Qt::CaseInsensitive) == 0)
                length = line.mid(colon + 1).trimmed().toLongLong();
        }
        if (buffer.size() < headEnd + 4 + length)
            break;
        request.body = buffer.mid(headEnd + 4, length);
        buffer.remove(0, headEnd + 4 + length);
        m_received.append(request);
        Answer answer;
        if (!m_script.empty()) {
            answer = m_script.front();
            m_script.pop_front();
        } else if (m_responder) {
            answer = m_responder(request);
        }
        if (answer.silent)
            continue;
        QByteArray out = "HTTP/1.1 " + QByteArray::number(answer.status)
            + " Scripted\r\nContent-Length: " + QByteArray::number(answer.body.size()) + "\r\n";
        for (const auto &[name, value] : answer.headers)
            out += name + ": " + value + "\r\n";
        out += "\r\n" + answer.body;
        socket->write(out);
    }
    socket->setProperty("buffer", buffer);
}

} // namespace sb::test
