#pragma once

#include "Connection.h"

#include <QHash>
#include <QTcpServer>
#include <QTimer>
#include <functional>
#include <list>

namespace sb {

// Where the engine hands framed requests (the request pipeline, a layer above). Called on the
// server thread; `reply` is called once, later or at once, on that thread.
class RequestSink
{
public:
    using Reply = std::function<void(const ApiResponse &)>;
    virtual ~RequestSink() = default;
    virtual void handle(ApiRequest request, Reply reply) = 0;
    // A request refused while framing (413, 431, 400, 408), before a route saw it.
    virtual void refuse(ApiRequest request, const ApiError &error, Reply reply) = 0;
};

struct ServerLimits
{
    Connection::Limits connection;
    // Connections waiting for the rest of a request (a head or a body still arriving). Past the cap
    // the oldest waiting one is closed for the new one: slow clients cannot lock out real callbacks.
    // The cap is global, not per address: behind a tunnel every provider arrives from 127.0.0.1.
    int maxPendingConnections = 256;
    // How long a connection may wait before it can be closed for a new one: a burst of clients
    // connecting at once (a load balancer, 1,000 live clients reconnecting) is not a slow client.
    // Past the cap, the ones waiting longer than this are closed as soon as they reach it.
    int pendingGraceMs = 1000;
    // Connections the kernel completes before the server accepts them (capped by net.core.somaxconn).
    int listenBacklog = 1024;
    // All open connections; 0: derived from the process's file-descriptor limit.
    int maxConnections = 0;
};

// Listens, puts a framing Connection on each accepted socket and hands every framed request to the
// RequestSink; answers go back through the request's Connection, in order.
class ServerEngine : public QTcpServer
{
    Q_OBJECT
public:
    ServerEngine(RequestSink &sink, QObject *parent = nullptr);
    ~ServerEngine() override;

    // Listens; returns the port or 0 with `error` set.
    quint16 listenOn(const QHostAddress &address, quint16 port, ServerLimits limits, QString *error);
    void stopAccepting();

    // Raises the soft limit on open files to the hard limit (Unix); returns the limit now in force
    // (0 when unknown).
    static qint64 raiseFileLimit();

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    void onRequest(Connection *connection, quint64 slot, RequestFramer::Request framed);
    void onReject(Connection *connection, quint64 slot, const RequestHead &head, const ApiError &error);
    void onPendingChanged(Connection *connection, bool pending);
    // Closes the longest-waiting connections past the grace while more than the cap minus `room`
    // wait; when younger ones keep it over the cap, looks again once the oldest reaches the grace.
    void trimPending(int room);

    RequestSink &m_sink;
    ServerLimits m_limits;
    int m_open = 0;
    std::list<Connection *> m_pending; // oldest first
    QHash<Connection *, std::list<Connection *>::iterator> m_pendingIndex;
    QTimer m_trimTimer;
};

} // namespace sb
