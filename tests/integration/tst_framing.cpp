// HTTP framing of the real server over raw sockets: hostile chunk sizes, pipelining, RFC 9112
// refusals, HEAD, and slow clients that must not lock out real callbacks.
#include "TestSupport.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>
#include <memory>
#include <vector>

using namespace sb;
using namespace sb::test;

namespace {

struct Answer
{
    int status = 0;
    HeaderList headers;
    QByteArray body;
    QByteArray header(QByteArrayView name) const
    {
        for (const auto &[key, value] : headers) {
            if (name.compare(key, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
};

// Splits a stream of HTTP/1.1 answers (each with Content-Length; HEAD answers have no body).
QList<Answer> parseAnswers(const QByteArray &stream, const QList<bool> &headRequests = {})
{
    QList<Answer> out;
    qsizetype pos = 0;
    while (pos < stream.size()) {
        const auto end = stream.indexOf("\r\n\r\n", pos);
        if (end < 0)
            break;
        const auto lines = stream.mid(pos, end - pos).split('\n');
        Answer answer;
        answer.status = lines.first().mid(9, 3).toInt();
        qint64 length = 0;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const auto line = lines[i].trimmed();
            const auto colon = line.indexOf(':');
            answer.headers.append({line.left(colon), line.mid(colon + 1).trimmed()});
            if (line.left(colon).compare("Content-Length", Qt::CaseInsensitive) == 0)
                length = line.mid(colon + 1).trimmed().toLongLong();
        }
        pos = end + 4;
        if (answer.status == 100)
            continue;
        if (headRequests.value(out.size(), false))
            length = 0;
        if (stream.size() - pos < length)
            break;
        answer.body = stream.mid(pos, length);
        pos += length;
        out.append(answer);
    }
    return out;
}

// Writes `bytes` on a new connection and reads until `count` complete answers arrived, the server
// closed, or the time ran out.
QList<Answer> exchange(quint16 port, const QByteArray &bytes, int count, int timeoutMs = 15000,
    const QList<bool> &headRequests = {}, bool *closed = nullptr)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(5000))
        return {};
    socket.write(bytes);
    QByteArray received;
    QList<Answer> answers;
    QElapsedTimer timer;
    timer.start();
    bool ended = false;
    while (answers.size() < count && timer.elapsed() < timeoutMs) {
        if (!socket.waitForReadyRead(100)) {
            if (socket.state() != QAbstractSocket::ConnectedState) {
                ended = true;
                received += socket.readAll();
                answers = parseAnswers(received, headRequests);
                break;
            }
            continue;
        }
        received += socket.readAll();
        answers = parseAnswers(received, headRequests);
    }
    if (closed) {
        if (!ended)
            ended = !socket.waitForReadyRead(3000) && socket.state() != QAbstractSocket::ConnectedState;
        *closed = ended;
    }
    return answers;
}

QByteArray healthz(int i = 0)
{
    return "GET /healthz?n=" + QByteArray::number(i) + " HTTP/1.1\r\nHost: x\r\n\r\n";
}

qint64 countRows(TestServer &server, const QString &where)
{
    auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("framing-check"));
    qint64 count = -1;
    {
        db.setDatabaseName(server.dataDir() + QStringLiteral("/switchboard.db"));
        if (db.open()) {
            QSqlQuery query(db);
            if (query.exec(QStringLiteral("SELECT COUNT(*) FROM inbound_requests WHERE ") + where)
                && query.next())
                count = query.value(0).toLongLong();
        }
        db.close();
    }
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("framing-check"));
    return count;
}

bool healthAnswers(quint16 port, int withinMs)
{
    const auto answers = exchange(port, healthz(), 1, withinMs);
    return answers.size() == 1 && answers.first().status == 200;
}

} // namespace

class FramingTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void chunkSizeOverflowIsRefusedAndServerLives_data()
    {
        QTest::addColumn<QByteArray>("chunks");
        QTest::newRow("2^63-1 after a chunk") << QByteArray("1\r\nA\r\n7fffffffffffffff\r\nAAAA");
        QTest::newRow("2^64-1") << QByteArray("ffffffffffffffff\r\nAAAA");
        QTest::newRow("21 hex digits") << QByteArray("100000000000000000000\r\nAAAA");
        QTest::newRow("sum over the limit")
            << (QByteArray("100\r\n") + QByteArray(0x100, 'A') + "\r\n7fffffffffffff00\r\n");
        QTest::newRow("many small past 1 MB") << QByteArray();
    }

    void chunkSizeOverflowIsRefusedAndServerLives()
    {
        QFETCH(QByteArray, chunks);
        TestServer server;
        QVERIFY2(server.started(), qPrintable(server.error()));
        if (chunks.isEmpty()) {
            for (int i = 0; i < 20; ++i)
                chunks += "10000\r\n" + QByteArray(0x10000, 'B') + "\r\n";
        }
        const QByteArray request
            = "POST /api/webhooks/test HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks;
        bool closed = false;
        const auto answers = exchange(server.port(), request, 1, 10000, {}, &closed);
        QCOMPARE(answers.size(), 1);
        QCOMPARE(answers.first().status, 413);
        QVERIFY(answers.first().body.contains("limit"));
        QVERIFY(closed);
        QVERIFY(healthAnswers(server.port(), 5000));
        QTRY_COMPARE(countRows(server, QStringLiteral("response_status = 413")), 1);
    }

    void pipelinedRequestsAreAnsweredInOrder_data()
    {
        QTest::addColumn<int>("count");
        QTest::newRow("3") << 3;
        QTest::newRow("100") << 100;
        QTest::newRow("1000") << 1000;
    }

    void pipelinedRequestsAreAnsweredInOrder()
    {
        QFETCH(int, count);
        TestServer server;
        QVERIFY(server.started());
        QByteArray batch;
        for (int i = 0; i < count; ++i)
            batch += healthz(i);
        // A keyless admin request after the health checks must be refused, not given a health answer.
        batch += "GET /api/webhooks/event-types HTTP/1.1\r\nHost: x\r\n\r\n";
        const auto answers = exchange(server.port(), batch, count + 1, 30000);
        QCOMPARE(answers.size(), count + 1);
        for (int i = 0; i < count; ++i) {
            QCOMPARE(answers[i].status, 200);
            QVERIFY(answers[i].body.contains("\"ok\""));
        }
        QCOMPARE(answers.last().status, 401);
        QVERIFY(!answers.last().body.contains("\"ok\""));
    }

    void pipelinedPostsAreAllAnswered()
    {
        TestServer server([](RuntimeOptions &options) { options.rateLimitPerMinute = 0; });
        QVERIFY(server.started());
        QByteArray batch;
        const int count = 600;
        for (int i = 0; i < count; ++i) {
            const QByteArray body = "{\"n\":" + QByteArray::number(i) + "}";
            batch += "POST /api/webhooks/test HTTP/1.1\r\nHost: x\r\nContent-Type: "
                     "application/json\r\nContent-Length: "
                + QByteArray::number(body.size()) + "\r\n\r\n" + body;
        }
        const auto answers = exchange(server.port(), batch, count, 60000);
        QCOMPARE(answers.size(), count);
        for (const auto &answer : answers)
            QCOMPARE(answer.status, 200);
        QTRY_COMPARE(
            countRows(server, QStringLiteral("path = '/api/webhooks/test' AND status = 'processed'")), count);
    }

    void getAfterLargePostIsAnswered()
    {
        TestServer server;
        QVERIFY(server.started());
        const QByteArray body(300 * 1024, 'x');
        QByteArray bytes
            = "POST /api/webhooks/test HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: "
            + QByteArray::number(body.size()) + "\r\n\r\n" + body + healthz();
        const auto answers = exchange(server.port(), bytes, 2);
        QCOMPARE(answers.size(), 2);
        QCOMPARE(answers[0].status, 200);
        QCOMPARE(answers[1].status, 200);
        QVERIFY(answers[1].body.contains("\"ok\""));
    }

    void rfc9112Refusals_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("status");
        const QByteArray post = "POST /api/webhooks/test HTTP/1.1\r\nHost: x\r\n";
        QTest::newRow("CL and TE") << (post
            + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
                                   << 400;
        QTest::newRow("differing CL") << (post + "Content-Length: 2\r\nContent-Length: 3\r\n\r\nabc") << 400;
        QTest::newRow("space before colon") << (post + "Content-Length : 2\r\n\r\n{}") << 400;
        QTest::newRow("gzip") << (post + "Transfer-Encoding: gzip\r\n\r\nxx") << 501;
        QTest::newRow("gzip, chunked") << (post + "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n") << 501;
        QTest::newRow("HTTP/2.0") << QByteArray("GET /healthz HTTP/2.0\r\nHost: x\r\n\r\n") << 505;
        QTest::newRow("bad chunk size")
            << (post + "Transfer-Encoding: chunked\r\n\r\n-5\r\nhello\r\n0\r\n\r\n") << 400;
    }

    void rfc9112Refusals()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, status);
        TestServer server;
        QVERIFY(server.started());
        // Behind a valid request on the same connection: that one is answered first.
        bool closed = false;
        const auto answers = exchange(server.port(), healthz() + bytes + healthz(1), 3, 5000, {}, &closed);
        QCOMPARE(answers.size(), 2);
        QCOMPARE(answers[0].status, 200);
        QCOMPARE(answers[1].status, status);
        QVERIFY(answers[1].header("Content-Type").startsWith("application/json"));
        QVERIFY(!answers[1].body.isEmpty());
        QVERIFY(closed);
        QTRY_COMPARE(countRows(server, QStringLiteral("response_status = %1").arg(status)), 1);
    }

    void headAnswersHaveNoBody()
    {
        TestServer server;
        QVERIFY(server.started());
        const QByteArray bytes
            = "HEAD /healthz HTTP/1.1\r\nHost: x\r\n\r\nHEAD /no/such HTTP/1.1\r\nHost: x\r\n\r\n"
            + healthz();
        const auto answers = exchange(server.port(), bytes, 3, 5000, {true, true, false});
        QCOMPARE(answers.size(), 3);
        QCOMPARE(answers[0].status, 200);
        QVERIFY(answers[0].header("Content-Length").toInt() > 0);
        QCOMPARE(answers[1].status, 404);
        QCOMPARE(answers[2].status, 200);
        // Had a HEAD answer carried a body, the third answer would not start where it does.
        QVERIFY(answers[2].body.contains("\"ok\""));
    }

    void upgradeWithoutEndpointIsAPlain404()
    {
        TestServer server;
        QVERIFY(server.started());
        const QByteArray upgrade
            = "GET /no-socket-here HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
              "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
        const auto answers = exchange(server.port(), upgrade + healthz(), 2);
        QCOMPARE(answers.size(), 2);
        QCOMPARE(answers[0].status, 404);
        QVERIFY(answers[0].header("Content-Type").startsWith("application/json"));
        QCOMPARE(answers[1].status, 200);
    }

    void slowClientsCannotLockOutCallbacks()
    {
        TestServer server([](RuntimeOptions &options) {
            options.environment.insert(
                QStringLiteral("SWITCHBOARD_MAX_PENDING_CONNECTIONS"), QStringLiteral("40"));
            options.environment.insert(QStringLiteral("SWITCHBOARD_PENDING_GRACE_MS"), QStringLiteral("300"));
        });
        QVERIFY(server.started());
        // 150 clients (all from 127.0.0.1, as behind a tunnel) that send half a head and stall.
        std::vector<std::unique_ptr<QTcpSocket>> slow;
        for (int i = 0; i < 150; ++i) {
            auto socket = std::make_unique<QTcpSocket>();
            socket->connectToHost(QHostAddress::LocalHost, server.port());
            QVERIFY(socket->waitForConnected(5000));
            socket->write("POST /api/webhooks/twilio/sms HTTP/1.1\r\nHost: x\r\nX-Slow: ");
            socket->flush();
            slow.push_back(std::move(socket));
        }
        QElapsedTimer timer;
        timer.start();
        QVERIFY(healthAnswers(server.port(), 5000));
        QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));
        // Past the grace, the oldest stalled clients were closed down to the cap; the newest are
        // still open.
        QTest::qWait(900);
        int closedCount = 0;
        for (auto &socket : slow) {
            socket->waitForReadyRead(1);
            if (socket->state() != QAbstractSocket::ConnectedState)
                ++closedCount;
        }
        QVERIFY2(closedCount >= 100, qPrintable(QString::number(closedCount)));
        QCOMPARE(slow.back()->state(), QAbstractSocket::ConnectedState);
    }

    void burstOfClientsPastTheCapIsServed()
    {
        // Clients that connect together and send their requests a moment later (1,000 live clients
        // reconnecting, a load balancer's pool) are not slow clients: none is closed within the grace.
        TestServer server([](RuntimeOptions &options) {
            options.environment.insert(
                QStringLiteral("SWITCHBOARD_MAX_PENDING_CONNECTIONS"), QStringLiteral("20"));
            // Wide enough that a loaded machine still sends every head within it.
            options.environment.insert(
                QStringLiteral("SWITCHBOARD_PENDING_GRACE_MS"), QStringLiteral("5000"));
        });
        QVERIFY(server.started());
        std::vector<std::unique_ptr<QTcpSocket>> burst;
        for (int i = 0; i < 80; ++i) {
            auto socket = std::make_unique<QTcpSocket>();
            socket->connectToHost(QHostAddress::LocalHost, server.port());
            QVERIFY(socket->waitForConnected(5000));
            burst.push_back(std::move(socket));
        }
        QTest::qWait(100);
        for (auto &socket : burst) {
            socket->write("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            socket->flush();
        }
        int answered = 0;
        for (auto &socket : burst) {
            QByteArray reply;
            QElapsedTimer waited;
            waited.start();
            while (!reply.contains("\r\n\r\n") && waited.elapsed() < 5000
                && socket->state() == QAbstractSocket::ConnectedState) {
                socket->waitForReadyRead(100);
                reply += socket->readAll();
            }
            reply += socket->readAll();
            if (reply.startsWith("HTTP/1.1 200"))
                ++answered;
        }
        QCOMPARE(answered, 80);
    }

    void stalledHeadIsAnswered408()
    {
        TestServer server([](RuntimeOptions &options) {
            options.environment.insert(QStringLiteral("SWITCHBOARD_HEAD_TIMEOUT_MS"), QStringLiteral("500"));
        });
        QVERIFY(server.started());
        QElapsedTimer timer;
        timer.start();
        bool closed = false;
        const auto answers
            = exchange(server.port(), "GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: b", 1, 5000, {}, &closed);
        QCOMPARE(answers.size(), 1);
        QCOMPARE(answers.first().status, 408);
        QVERIFY(timer.elapsed() >= 400);
        QVERIFY(closed);
    }
};

QTEST_GUILESS_MAIN(FramingTest)
#include "tst_framing.moc"
