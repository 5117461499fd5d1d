#pragma once

#include "RequestFramer.h"

#include <QElapsedTimer>
#include <QMap>
#include <QObject>
#include <QTcpSocket>
#include <QTimer>
#include <functional>

namespace sb {

// One client connection. Its RequestFramer is the only parser of the byte stream (ARCHITECTURE.md):
// it frames each request, hands complete ones to the server in arrival order, writes the answers in
// that order, answers Expect: 100-continue, and enforces the deadlines that keep slow clients from
// holding the server: a complete head within headTimeoutMs of its first byte, body progress within
// bodyTimeoutMs, and an idle connection closed after idleTimeoutMs.
class Connection : public QObject
{
    Q_OBJECT
public:
    struct Limits
    {
        qint64 maxBodyBytes = 1024 * 1024;
        qsizetype maxHeadBytes = 64 * 1024;
        int idleTimeoutMs = 60000;
        int headTimeoutMs = 10000;
        int bodyTimeoutMs = 10000;
        int maxQueuedRequests = 16; // handed over but not yet answered; past it, reading stops
        qint64 maxUnsentBytes = 1024 * 1024; // answers the client has not read; past it, reading stops
    };

    // A complete request: the receiver answers through finishResponse(slot, ...).
    using RequestHandler = std::function<void(Connection *, quint64 slot, RequestFramer::Request)>;
    // A request refused while framing (400, 408, 413, 431, 501, 505): the receiver records it and
    // answers through finishResponse(slot, ..., close = true).
    using Rejection = std::function<void(Connection *, quint64 slot, const RequestHead &, const ApiError &)>;
    // Called when the connection starts or stops waiting for the rest of a request, and when it is
    // destroyed (pending = false); the server caps how many connections may wait at once.
    using PendingChanged = std::function<void(Connection *, bool pending)>;

    Connection(QTcpSocket *socket, Limits limits, RequestHandler onRequest, Rejection onReject,
        PendingChanged onPending);
    ~Connection() override;

    QTcpSocket *socket() const { return m_socket; }
    // How long it has been waiting for the rest of a request (0 when it is not waiting).
    qint64 pendingMs() const { return m_pending ? m_pendingSince.elapsed() : 0; }

    void finishResponse(quint64 slot, const ApiResponse &response, bool close, bool omitBody = false);
    // Closes at once, dropping whatever is queued (the server evicting a slow client).
    void evict();

    static QByteArray serialize(const ApiResponse &response, bool close, bool omitBody = false);

private:
    enum class Phase
    {
        Idle,
        Head,
        Body,
        Stopped,
        Discarding
    };

    void onReadyRead();
    void process();
    void onHeadComplete();
    void dispatch();
    void refuse(const ApiError &error, const RequestHead &head);
    void discardInput();
    void onDeadline();
    void flush();
    void handOver(const std::function<void(QTcpSocket *, QByteArray)> &takeover);
    void setPhase(Phase phase);
    void setPending(bool pending);
    int queued() const { return int(m_nextSlot - m_nextToWrite); }

    QTcpSocket *m_socket;
    Limits m_limits;
    RequestHandler m_onRequest;
    Rejection m_onReject;
    PendingChanged m_onPending;
    RequestFramer m_framer;
    QTimer m_deadline;

    Phase m_phase = Phase::Head; // a new connection is waiting for its first head
    bool m_pending = false;
    QElapsedTimer m_pendingSince;
    bool m_processing = false;
    bool m_closeAfterLast = false; // stop after the request that asked to close
    qint64 m_upgradeSlot = -1; // an upgrade request whose answer decides whether reading goes on
    QByteArray m_in;
    qsizetype m_inPos = 0;

    quint64 m_nextSlot = 0;
    quint64 m_nextToWrite = 0;
    QMap<quint64, QPair<QByteArray, bool>> m_ready;
    QMap<quint64, std::function<void(QTcpSocket *, QByteArray)>> m_takeovers;
    bool m_closing = false;
    qint64 m_discardRemaining = -1; // body bytes still to come after a refusal (-1: unknown)
};

} // namespace sb
