#pragma once

#include "RequestHead.h"

#include <QMap>
#include <QObject>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

#include <deque>
#include <functional>

namespace sb {

// One client connection, seen before QHttpServer's parser: it frames requests (to keep each raw
// head and to refuse oversized bodies before they are buffered), answers Expect: 100-continue,
// closes idle or stalled connections, and writes answers in request order.
class Connection : public QObject
{
    Q_OBJECT
public:
    struct Limits
    {
        qint64 maxBodyBytes = 1024 * 1024;
        qsizetype maxHeadBytes = 64 * 1024;
        int idleTimeoutMs = 60000;
    };
    // Called for a request refused while framing (413, 431, 400); the receiver records it and
    // answers through finishResponse(slot, ...).
    using EarlyRejection = std::function<void(Connection *, quint64 slot, const RequestHead &, int status, QString message)>;

    Connection(QTcpSocket *socket, Limits limits, EarlyRejection onReject);

    static Connection *of(QTcpSocket *socket);
    QTcpSocket *socket() const { return m_socket; }

    // The head of the oldest complete request not yet handled.
    RequestHead takeHead(QByteArrayView method);
    // Reserves the next place in the answer order.
    quint64 reserveSlot() { return m_nextSlot++; }
    void finishResponse(quint64 slot, const ApiResponse &response, bool close);

    static QByteArray serialize(const ApiResponse &response, bool close);

private:
    void onReadyRead();
    bool consume(const char *data, qsizetype size);
    bool finishHead();
    void reject(int status, const QString &message);
    void flush();

    enum class State { Head, Body, ChunkSize, ChunkData, Trailer, Discarding };

    QTcpSocket *m_socket;
    Limits m_limits;
    EarlyRejection m_onReject;
    QTimer m_idle;

    State m_state = State::Head;
    QByteArray m_headBuffer;
    QByteArray m_lineBuffer;
    RequestHead m_current;
    qint64 m_remaining = 0;
    qint64 m_bodySeen = 0;
    std::deque<RequestHead> m_complete;

    quint64 m_nextSlot = 0;
    quint64 m_nextToWrite = 0;
    QMap<quint64, QPair<QByteArray, bool>> m_ready;
    bool m_closing = false;
    qint64 m_discardRemaining = -1; // body bytes still to come after a refusal (-1: unknown)
    bool m_closeWhenDrained = false;
};

} // namespace sb
