// Kills the real server process with SIGKILL in the middle of a burst and proves that every
// request it acknowledged with a 2xx is in the database.
#include "TestSupport.h"
#include "storage/Database.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTest>

using namespace sb;
using namespace sb::test;

namespace {

// One keep-alive client that sends the next request as soon as the previous answer arrived.
class BurstClient : public QObject
{
public:
    BurstClient(quint16 port, int index, QSet<QString> *acknowledged, int *answered)
        : m_index(index)
        , m_acknowledged(acknowledged)
        , m_answered(answered)
    {
        connect(&m_socket, &QTcpSocket::connected, this, [this] { sendNext(); });
        connect(&m_socket, &QTcpSocket::readyRead, this, [this] { onData(); });
        m_socket.connectToHost(QHostAddress::LocalHost, port);
    }

private:
    void sendNext()
    {
        const QByteArray body
            = "{\"client\":" + QByteArray::number(m_index) + ",\"n\":" + QByteArray::number(m_sent++) + "}";
        m_socket.write("POST /api/webhooks/test HTTP/1.1\r\nHost: t\r\nContent-Type: "
                       "application/json\r\nContent-Length: "
            + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    }

    void onData()
    {
        m_buffer += m_socket.readAll();
        for (;;) {
            const auto headEnd = m_buffer.indexOf("\r\n\r\n");
            if (headEnd < 0)
                return;
            const auto head = m_buffer.left(headEnd);
            const auto lengthAt = head.indexOf("Content-Length: ");
            const auto length
                = head.mid(lengthAt + 16, head.indexOf("\r\n", lengthAt) - lengthAt - 16).toInt();
            if (m_buffer.size() < headEnd + 4 + length)
                return;
            const auto body = m_buffer.mid(headEnd + 4, length);
            m_buffer.remove(0, headEnd + 4 + length);
            ++*m_answered;
            if (head.startsWith("HTTP/1.1 200"))
                m_acknowledged->insert(
                    QJsonDocument::fromJson(body).object().value(QStringLiteral("receiptId")).toString());
            sendNext();
        }
    }

    QTcpSocket m_socket;
    QByteArray m_buffer;
    int m_index;
    int m_sent = 0;
    QSet<QString> *m_acknowledged;
    int *m_answered;
};

} // namespace

class DurabilityTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyAcknowledgedRequestSurvivesSigkill()
    {
        const auto binary = qEnvironmentVariable("SWITCHBOARD_BINARY");
        if (binary.isEmpty())
            QSKIP("SWITCHBOARD_BINARY is not set (run through ctest)");
        QTemporaryDir dir;
        QProcess server;
        auto environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("SWITCHBOARD_API_KEY"), QString::fromLatin1(adminKey));
        server.setProcessEnvironment(environment);
        server.start(binary,
            {QStringLiteral("--headless"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--rate-limit"),
                QStringLiteral("0")});
        QVERIFY(server.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(server.canReadLine(), 20000);
        const auto line = server.readLine().trimmed();
        QVERIFY2(line.startsWith("listening on http://127.0.0.1:"), line.constData());
        const auto port = quint16(line.mid(line.lastIndexOf(':') + 1).toUInt());

        QSet<QString> acknowledged;
        int answered = 0;
        std::vector<std::unique_ptr<BurstClient>> clients;
        for (int i = 0; i < 16; ++i)
            clients.push_back(std::make_unique<BurstClient>(port, i, &acknowledged, &answered));
        // Kill while all 16 clients have requests in flight.
        QTRY_VERIFY_WITH_TIMEOUT(answered >= 3000, 120000);
        server.kill(); // SIGKILL on Unix, TerminateProcess on Windows: no chance to clean up
        QVERIFY(server.waitForFinished(10000));
        QCOMPARE(server.exitStatus(), QProcess::CrashExit);
        clients.clear();

        QVERIFY(acknowledged.size() >= 3000);
        const auto connection = QStringLiteral("durability-check");
        int found = 0;
        qint64 stored = 0;
        {
            auto db
                = Database::open(connection, {dir.filePath(QStringLiteral("switchboard.db")), false, 5000});
            QSqlQuery query(db);
            QVERIFY(query.exec(QStringLiteral("SELECT id FROM inbound_requests")));
            QSet<QString> ids;
            while (query.next())
                ids.insert(query.value(0).toString());
            stored = ids.size();
            for (const auto &id : acknowledged)
                found += ids.contains(id) ? 1 : 0;
        }
        Database::close(connection);
        qInfo("acknowledged %lld, found %d of them, %lld rows stored in all", qint64(acknowledged.size()),
            found, stored);
        QCOMPARE(found, int(acknowledged.size()));
    }
};

QTEST_GUILESS_MAIN(DurabilityTest)
#include "tst_durability.moc"
