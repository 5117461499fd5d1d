// Connection over a real loopback socket: answers in request order, the bound on queued requests,
// deadlines for slow heads and bodies, HEAD, 100-continue and refusals while framing.
#include "http/Connection.h"

#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace sb;

namespace {

struct Seen
{
    quint64 slot;
    QPointer<Connection> connection;
    RequestFramer::Request request;
};

class Harness : public QObject
{
public:
    explicit Harness(Connection::Limits limits)
        : m_limits(limits)
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        QObject::connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (auto *socket = m_server.nextPendingConnection()) {
                new Connection(
                    socket, m_limits,
                    [this](Connection *connection, quint64 slot, RequestFramer::Request request) {
                        seen.append(Seen {slot, connection, std::move(request)});
                        if (answerAtOnce)
                            answer(seen.size() - 1);
                    },
                    [this](Connection *connection, quint64 slot, const RequestHead &, const ApiError &error) {
                        refusals.append(error.status);
                        connection->finishResponse(
                            slot, ApiResponse {error.status, "text/plain", error.message.toUtf8(), {}}, true);
                    },
                    [this](Connection *, bool pending) { pendingChanges.append(pending); });
            }
        });
    }

    void answer(qsizetype index)
    {
        auto &entry = seen[index];
        if (!entry.connection)
            return;
        const bool head = entry.request.head.method == "HEAD";
        entry.connection->finishResponse(entry.slot,
            ApiResponse {
                200, "text/plain", "answer to " + entry.request.head.target + " " + entry.request.body, {}},
            entry.request.head.wantsClose, head);
    }

    quint16 port() const { return m_server.serverPort(); }

    QList<Seen> seen;
    QList<int> refusals;
    QList<bool> pendingChanges;
    bool answerAtOnce = true;

private:
    Connection::Limits m_limits;
    QTcpServer m_server;
};

QByteArray readUntil(
    QTcpSocket &socket, const std::function<bool(const QByteArray &)> &done, int timeoutMs = 5000)
{
    QByteArray received;
    QElapsedTimer timer;
    timer.start();
    while (!done(received) && timer.elapsed() < timeoutMs) {
        if (socket.bytesAvailable() || socket.waitForReadyRead(50))
            received += socket.readAll();
        if (socket.state() != QAbstractSocket::ConnectedState) {
            received += socket.readAll();
            break;
        }
        QCoreApplication::processEvents();
    }
    return received;
}

int countOf(const QByteArray &haystack, const QByteArray &needle)
{
    int count = 0;
    for (qsizetype at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1))
        ++count;
    return count;
}

// The client runs in this thread too, so waiting must keep the event loop turning.
bool waitConnected(QTcpSocket &socket, quint16 port)
{
    socket.connectToHost(QHostAddress::LocalHost, port);
    QElapsedTimer timer;
    timer.start();
    while (socket.state() != QAbstractSocket::ConnectedState && timer.elapsed() < 5000)
        QTest::qWait(5);
    return socket.state() == QAbstractSocket::ConnectedState;
}

void pump(int ms)
{
    QTest::qWait(ms);
}

} // namespace

class TestConnection : public QObject
{
    Q_OBJECT

private slots:
    void answersInRequestOrder()
    {
        Harness harness({});
        harness.answerAtOnce = false;
        QTcpSocket client;
        QVERIFY(waitConnected(client, harness.port()));
        QByteArray batch;
        for (int i = 0; i < 12; ++i)
            batch += "GET /r" + QByteArray::number(i) + " HTTP/1.1\r\nHost: x\r\n\r\n";
        client.write(batch);
        QTRY_COMPARE(harness.seen.size(), 12);
        for (qsizetype i = harness.seen.size() - 1; i >= 0; --i) // answered last to first
            harness.answer(i);
        const auto received
            = readUntil(client, [](const QByteArray &r) { return countOf(r, "HTTP/1.1 200") == 12; });
        QCOMPARE(countOf(received, "HTTP/1.1 200"), 12);
        qsizetype last = -1;
        for (int i = 0; i < 12; ++i) {
            const QByteArray expected = "answer to /r" + QByteArray::number(i) + ' ';
            const auto at = received.indexOf(expected);
            QVERIFY2(at > last, qPrintable(QString::number(i)));
            last = at;
        }
    }

    void boundsQueuedRequests()
    {
        Connection::Limits limits;
        limits.maxQueuedRequests = 16;
        Harness harness(limits);
        harness.answerAtOnce = false;
        QTcpSocket client;
        QVERIFY(waitConnected(client, harness.port()));
        QByteArray batch;
        for (int i = 0; i < 1000; ++i)
            batch += "GET /q" + QByteArray::number(i) + " HTTP/1.1\r\nHost: x\r\n\r\n";
        client.write(batch);
        QTRY_COMPARE(harness.seen.size(), 16);
        pump(200);
        QCOMPARE(harness.seen.size(), 16); // nothing more is read while 16 are unanswered
        int answered = 0;
        QElapsedTimer timer;
        timer.start();
        while (answered < 1000 && timer.elapsed() < 20000) {
            while (answered < harness.seen.size())
                harness.answer(answered++);
            QTest::qWait(1);
            client.readAll();
        }
        QCOMPARE(answered, 1000);
        QCOMPARE(harness.seen.last().request.head.target, QByteArray("/q999"));
    }

    void chunkedBodyByteByByte()
    {
        Harness harness({});
        QTcpSocket client;
        QVERIFY(waitConnected(client, harness.port()));
        const QByteArray request = "POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                                   "4\r\nWiki\r\n6;x=y\r\npedia \r\n0\r\n\r\n";
        for (const char c : request) {
            client.write(&c, 1);
            client.flush();
            QCoreApplication::processEvents();
        }
        const auto received = readUntil(client, [](const QByteArray &r) { return r.contains("pedia "); });
        QVERIFY2(received.startsWith("HTTP/1.1 200 OK\r\n"), received.constData());
        QVERIFY(received.endsWith("answer to /c Wikipedia "));
        QCOMPARE(harness.seen.size(), 1);
    }

    void refusesChunkOverflowWithoutCrashing()
    {
        Harness harness({});
        QTcpSocket client;
        QVERIFY(waitConnected(client, harness.port()));
        client.write("POST /api/webhooks/test HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                     "1\r\nA\r\n7fffffffffffffff\r\nAAAA");
        const auto received = readUntil(client, [](const QByteArray &r) { return r.contains("limit"); });
        QVERIFY2(received.startsWith("HTTP/1.1 413 Payload Too Large\r\n"), received.constData());
        QVERIFY(received.contains("Connection: close"));
        QCOMPARE(harness.refusals, QList<int> {413});
        QVERIFY(harness.seen.isEmpty());
    }

    void slowHeadGets408()
    {
        Connection::Limits limits;
        limits.headTimeoutMs = 300;
        Harness harness(limits);
        QTcpSocket client;
        QVERIFY(waitConnected(client, harness.port()));
        client.write("GET /healthz HTTP/1.1\r\nHo");
        // Trickling bytes does not extend the head deadline.
        for (int i = 0; i < 5; ++i) {
            pump(80);
            client.write("s");
        }
        const auto received = readUntil(
            client, [](const QByteArray &r) { return r.contains("within"); }, 3000);
        QVERIFY2(received.startsWith("HTTP/1.1 408 Request Timeout\r\n"), received.constData());
        QCOMPARE(harness.refusals, QList<int> {408});
        QTRY_VERIFY(client.state() != QAbstractSocket::ConnectedState);
    }

    void silentConnectionIsClosed()
    {
        Connection::Limits limits;
        limits.headTimeoutMs = 200;
        Harness harness(limits);
        QTcpSocket client;
        QVERIFY(waitConnected(client, harness.port()));
        QVERIFY(harness.pendingChanges.value(0, false)); // waiting for a head counts as pending
        QTRY_VERIFY_WITH_TIMEOUT(client.state() != QAbstractSocket::ConnectedState, 3000);
        QVERIFY(harness.refusals.isEmpty());
    }

    void stalledBodyGets408()
    {
        Connection::Limits limits;
        limits.bodyTimeoutMs = 300;
        Harness harness(limits);
        QTcpSocket client;
        QVERIFY(waitConnected(client, harness.port()));
        client.write("POST /b HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc");
        const auto received = readUntil(
            client, [](const QByteArray &r) { return r.contains("progress"); }, 3000);
        QVERIFY2(received.startsWith("HTTP/1.1 408"), received.constData());
        QVERIFY(harness.seen.isEmpty());
    }

    void headAnswerHasNoBody()
    {
        Harness harness({});
        QTcpSocket client;
        QVERIFY(waitConnected(client, harness.port()));
        client.write("HEAD /h HTTP/1.1\r\nHost: x\r\n\r\nGET /g HTTP/1.1\r\nHost: x\r\n\r\n");
        const auto received
            = readUntil(client, [](const QByteArray &r) { return r.contains("answer to /g"); });
        // "answer to /h " is 13 bytes: announced, not sent.
        QVERIFY2(received.startsWith("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 13\r\n"),
            received.constData());
        QVERIFY(!received.contains("answer to /h"));
        QCOMPARE(countOf(received, "HTTP/1.1 200"), 2);
    }

    void expectContinue()
    {
        Harness harness({});
        QTcpSocket client;
        QVERIFY(waitConnected(client, harness.port()));
        client.write("POST /e HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n");
        const auto interim = readUntil(client, [](const QByteArray &r) { return r.contains("\r\n\r\n"); });
        QCOMPARE(interim, QByteArray("HTTP/1.1 100 Continue\r\n\r\n"));
        client.write("{}");
        const auto received = readUntil(client, [](const QByteArray &r) { return r.contains("{}"); });
        QVERIFY2(received.startsWith("HTTP/1.1 200"), received.constData());
    }

    void closeStopsReading()
    {
        Harness harness({});
        QTcpSocket client;
        QVERIFY(waitConnected(client, harness.port()));
        client.write(
            "GET /1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\nGET /2 HTTP/1.1\r\nHost: x\r\n\r\n");
        const auto received = readUntil(
            client, [](const QByteArray &) { return false; }, 1500);
        QCOMPARE(countOf(received, "HTTP/1.1 200"), 1);
        QVERIFY(received.contains("Connection: close"));
        QCOMPARE(harness.seen.size(), 1);
    }

    void serializeOmitsBodyOnlyWhenAsked()
    {
        const ApiResponse response {200, "application/json", "{\"ok\":true}", {{"X-A", "1"}}};
        const auto full = Connection::serialize(response, false);
        const auto head = Connection::serialize(response, false, true);
        QVERIFY(full.endsWith("{\"ok\":true}"));
        QVERIFY(head.endsWith("\r\n\r\n"));
        QVERIFY(head.contains("Content-Length: 11\r\n"));
        QCOMPARE(full.size(), head.size() + 11);
    }
};

QTEST_GUILESS_MAIN(TestConnection)
#include "tst_connection.moc"
