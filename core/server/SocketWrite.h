#pragma once

#include <QByteArray>

class QTcpSocket;

namespace sb {

// Writes `bytes` to a connected socket: straight to the kernel when nothing is queued before them
// (Linux), the rest through the socket's own buffer. A live stream writes to a thousand sockets
// every few milliseconds; through the buffer alone each write turns the socket's write notifier on
// and off again, which the GLib event loop pays for in proportion to all the sockets it watches.
void writeThrough(QTcpSocket *socket, const QByteArray &bytes);

} // namespace sb
