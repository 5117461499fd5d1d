#include "SocketWrite.h"

#include <QTcpSocket>

#ifdef Q_OS_LINUX
#include <cerrno>
#include <sys/socket.h>
#endif

namespace sb {

void writeThrough(QTcpSocket *socket, const QByteArray &bytes)
{
    qsizetype sent = 0;
#ifdef Q_OS_LINUX
    if (socket->bytesToWrite() == 0 && socket->state() == QAbstractSocket::ConnectedState) {
        const auto descriptor = int(socket->socketDescriptor());
        while (descriptor >= 0 && sent < bytes.size()) {
            const auto n = ::send(descriptor, bytes.constData() + sent, size_t(bytes.size() - sent),
                MSG_NOSIGNAL | MSG_DONTWAIT);
            if (n > 0) {
                sent += n;
                continue;
            }
            if (n < 0 && errno == EINTR)
                continue;
            break; // full (EAGAIN) or failing: the socket's buffer takes the rest and sees the error
        }
    }
#endif
    if (sent < bytes.size())
        socket->write(bytes.constData() + sent, bytes.size() - sent);
}

} // namespace sb
