#pragma once

#include "Connection.h"

#include <QAbstractHttpServer>
#include <QTcpServer>

namespace sb {

class RequestPipeline;

// Accepts connections and puts a framing Connection in front of each socket before QHttpServer
// sees it.
class FramingTcpServer : public QTcpServer
{
    Q_OBJECT
public:
    FramingTcpServer(Connection::Limits limits, Connection::EarlyRejection onReject, QObject *parent = nullptr);

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    Connection::Limits m_limits;
    Connection::EarlyRejection m_onReject;
};

// The QHttpServer of Switchboard: every parsed request goes to the RequestPipeline; answers are
// written by the request's Connection, in order.
class ServerEngine : public QAbstractHttpServer
{
    Q_OBJECT
public:
    ServerEngine(RequestPipeline &pipeline, QObject *parent = nullptr);

    // Listens with a framing server; returns the port or 0 with `error` set.
    quint16 listenOn(const QHostAddress &address, quint16 port, Connection::Limits limits, QString *error);
    void stopAccepting();

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    RequestPipeline &m_pipeline;
};

} // namespace sb
