// Call recordings kept, over real HTTP: a signed Twilio recording callback queues the recording with the
// call; the fetcher downloads RecordingUrl + ".mp3" from a fake Twilio media server (Basic auth checked,
// Range served) into <data dir>/recordings, size verified; an interrupted download resumes with Range;
// a RecordingUrl on another host is refused and never fetched; wrong credentials fail; the retention
// job prunes old files on an injected clock; the /api/recordings routes and their 400/404/409 answers.
#include "DatabaseReader.h"
#include "ProviderTestSupport.h"
#include "domain/Clock.h"
#include "security/ElevenLabsSignature.h"
#include "security/TwilioSignature.h"
#include "storage/LeadDirectory.h"
#include "storage/SqlWorker.h"

#include <QFile>
#include <QJsonArray>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>

using namespace sb;
using namespace sb::test;

namespace {

const QString accountSid = QStringLiteral("AC0123456789abcdef0123456789abcdef");
const QByteArray token = "recordings-twilio-token";
constexpr qint64 minute = 60'000;
constexpr qint64 day = 24 * 60 * minute;

// Twilio's recording media as the REST API serves it: GET /2010-04-01/Accounts/{AccountSid}/Recordings/
// {RecordingSid}.mp3 (or .wav) with HTTP Basic auth AccountSid:AuthToken; 401 {"code": 20003} without
// it, 404 {"code": 20404} for an unknown recording. Serves Range requests (206 + Content-Range).
class FakeTwilioMedia : public QObject
{
public:
    struct Seen
    {
        QByteArray target;
        QByteArray authorization;
        QByteArray range;
    };

    FakeTwilioMedia()
    {
        m_server.listen(QHostAddress::LocalHost);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (auto *socket = m_server.nextPendingConnection()) {
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onData(socket); });
            }
        });
    }

    QString baseUrl() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()); }
    quint16 port() const { return m_server.serverPort(); }
    QString recordingUrl(const QString &sid) const
    {
        return baseUrl() + QStringLiteral("/2010-04-01/Accounts/%1/Recordings/%2").arg(accountSid, sid);
    }

    QByteArray audio;
    bool interruptNext = false; // the next full answer stops half-way and the connection closes
    bool stall = false; // read requests but never answer (a download a stop cuts short)
    QList<int> failNext; // statuses for the next authorised requests (404 while media is not ready, 503)
    QList<Seen> seen;
    QStringList violations;

private:
    void onData(QTcpSocket *socket)
    {
        auto &buffer = m_buffers[socket];
        buffer += socket->readAll();
        const auto end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        const auto head = buffer.left(end);
        buffer.clear();
        const auto lines = head.split('\n');
        const auto requestLine = lines.value(0).trimmed().split(' ');
        Seen request;
        request.target = requestLine.value(1);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const auto line = lines[i].trimmed();
            const auto colon = line.indexOf(':');
            const auto name = line.left(colon).trimmed().toLower();
            const auto value = line.mid(colon + 1).trimmed();
            if (name == "authorization")
                request.authorization = value;
            else if (name == "range")
                request.range = value;
        }
        seen.append(request);
        if (stall)
            return;
        if (requestLine.value(0) != "GET") {
            violations
                << QStringLiteral("method %1, expected GET").arg(QString::fromLatin1(requestLine.value(0)));
            return answer(socket, 405, twilioError(20004, "Method not allowed"));
        }
        const QByteArray credentials = accountSid.toUtf8() + ':' + token;
        const QByteArray expected = "Basic " + credentials.toBase64();
        if (request.authorization != expected) {
            violations << (request.authorization.isEmpty() ? QStringLiteral("no Basic auth")
                                                           : QStringLiteral("wrong Basic auth"));
            return answer(socket, 401, twilioError(20003, "Authenticate"));
        }
        static const QRegularExpression path(QStringLiteral(
            R"(^/2010-04-01/Accounts/(AC[0-9a-f]{32})/Recordings/(RE[0-9A-Za-z]+)\.(mp3|wav)$)"));
        const auto match = path.match(QString::fromLatin1(request.target));
        if (!match.hasMatch() || match.captured(1) != accountSid) {
            violations << QStringLiteral("path %1 is not a recording media path")
                              .arg(QString::fromLatin1(request.target));
            return answer(socket, 404, twilioError(20404, "The requested resource was not found"));
        }
        if (!failNext.isEmpty()) {
            const int status = failNext.takeFirst();
            if (status == 503) {
                socket->write("HTTP/1.1 503 Service Unavailable\r\nRetry-After: 120\r\nContent-Length: 0\r\n"
                              "Connection: close\r\n\r\n");
                socket->disconnectFromHost();
                return;
            }
            return answer(socket, status, twilioError(status == 404 ? 20404 : 20500, "Not ready"));
        }
        const QByteArray type = match.captured(3) == QLatin1String("wav") ? "audio/x-wav" : "audio/mpeg";
        qint64 from = 0;
        if (!request.range.isEmpty()) {
            static const QRegularExpression range(QStringLiteral(R"(^bytes=(\d+)-$)"));
            const auto r = range.match(QString::fromLatin1(request.range));
            if (!r.hasMatch()) {
                violations << QStringLiteral("bad Range %1").arg(QString::fromLatin1(request.range));
                return answer(socket, 416, {});
            }
            from = r.captured(1).toLongLong();
            if (from >= audio.size())
                return answer(socket, 416, {});
        }
        const auto body = audio.mid(from);
        QByteArray out = from > 0 ? "HTTP/1.1 206 Partial Content\r\n" : "HTTP/1.1 200 OK\r\n";
        out += "Content-Type: " + type + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
        if (from > 0)
            out += "Content-Range: bytes " + QByteArray::number(from) + '-'
                + QByteArray::number(audio.size() - 1) + '/' + QByteArray::number(audio.size()) + "\r\n";
        out += "Connection: close\r\n\r\n";
        if (interruptNext) {
            interruptNext = false;
            socket->write(out + body.left(body.size() / 2));
            socket->flush();
            socket->disconnectFromHost();
            return;
        }
        socket->write(out + body);
        socket->disconnectFromHost();
    }

    static QByteArray twilioError(int code, const char *message)
    {
        return QJsonDocument(QJsonObject {{QStringLiteral("code"), code},
                                 {QStringLiteral("message"), QString::fromLatin1(message)},
                                 {QStringLiteral("more_info"),
                                     QStringLiteral("https://www.twilio.com/docs/errors/%1").arg(code)},
                                 {QStringLiteral("status"), code / 100 == 200 ? 400 : code / 100}})
            .toJson(QJsonDocument::Compact);
    }

    void answer(QTcpSocket *socket, int status, const QByteArray &body)
    {
        QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + " X\r\nContent-Type: application/json\r\n"
            + "Content-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
        socket->write(out);
        socket->disconnectFromHost();
    }

    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

QByteArray sampleAudio(int size)
{
    QByteArray bytes("ID3\x04", 4);
    for (int i = bytes.size(); i < size; ++i)
        bytes.append(char((i * 31 + 7) % 251));
    return bytes;
}

std::function<void(RuntimeOptions &)> withTwilio(
    const FakeTwilioMedia &media, const QByteArray &authToken = token)
{
    const auto base = media.baseUrl();
    return [base, authToken](RuntimeOptions &options) {
        options.environment.insert(QStringLiteral("TWILIO_ACCOUNT_SID"), accountSid);
        options.environment.insert(QStringLiteral("TWILIO_AUTH_TOKEN"), QString::fromLatin1(authToken));
        options.environment.insert(QStringLiteral("TWILIO_PHONE_NUMBER"), QStringLiteral("+15005550006"));
        options.environment.insert(QStringLiteral("TWILIO_API_BASE_URL"), base);
        options.environment.insert(QStringLiteral("SWITCHBOARD_RECORDING_POLL_MS"), QStringLiteral("50"));
    };
}

// A signed Twilio recordingStatusCallback (completed).
HttpReply recordingCallback(TestServer &server, const QString &callSid, const QString &recordingSid,
    const QString &recordingUrl, const QString &duration = QStringLiteral("42"),
    const QByteArray &signingToken = token)
{
    const QList<QPair<QString, QString>> fields {{QStringLiteral("AccountSid"), accountSid},
        {QStringLiteral("CallSid"), callSid}, {QStringLiteral("RecordingSid"), recordingSid},
        {QStringLiteral("RecordingUrl"), recordingUrl},
        {QStringLiteral("RecordingStatus"), QStringLiteral("completed")},
        {QStringLiteral("RecordingDuration"), duration},
        {QStringLiteral("RecordingChannels"), QStringLiteral("1")},
        {QStringLiteral("RecordingSource"), QStringLiteral("RecordVerb")}};
    const auto url = server.url(QStringLiteral("/api/webhooks/twilio/voice/recording"));
    return request("POST", url, formBody(fields),
        {{"Content-Type", "application/x-www-form-urlencoded"},
            {"X-Twilio-Signature",
                TwilioSignature::sign(signingToken, url.toEncoded(), formFields(fields))}});
}

QVariantMap recordingOf(const DatabaseReader &db, const QString &callSid)
{
    return db.row(
        QStringLiteral("SELECT r.* FROM recordings r JOIN calls c ON c.id = r.call_id WHERE c.call_ref = ?"),
        {callSid});
}

QString stateOf(const DatabaseReader &db, const QString &callSid)
{
    return recordingOf(db, callSid).value(QStringLiteral("state")).toString();
}

QByteArray fileBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QString detailOf(const HttpReply &reply)
{
    return reply.json().value(QStringLiteral("detail")).toString();
}

qint64 leadWithPhone(TestServer &server, const QString &phone)
{
    qint64 id = 0;
    bool done = false;
    QObject context;
    SqlJob job;
    job.run = [&id, phone](SqlContext &c) -> ApiResult {
        id = LeadDirectory::forPhone(c, phone, QStringLiteral("test"), {}).id;
        return ApiResponse {};
    };
    job.replyContext = &context;
    job.done = [&done](const ApiResult &) { done = true; };
    server.runtime().writer().submit(std::move(job));
    (void)QTest::qWaitFor([&done] { return done; }, 10000);
    return id;
}

// A signed Twilio call status callback of an outbound call to `to`.
HttpReply callStatus(TestServer &server, const QString &sid, const QString &to)
{
    const QList<QPair<QString, QString>> fields {{QStringLiteral("CallSid"), sid},
        {QStringLiteral("AccountSid"), accountSid}, {QStringLiteral("From"), QStringLiteral("+15005550006")},
        {QStringLiteral("To"), to}, {QStringLiteral("Direction"), QStringLiteral("outbound-api")},
        {QStringLiteral("CallStatus"), QStringLiteral("completed")},
        {QStringLiteral("CallDuration"), QStringLiteral("30")}};
    const auto url = server.url(QStringLiteral("/api/webhooks/twilio/voice/status"));
    return request("POST", url, formBody(fields),
        {{"Content-Type", "application/x-www-form-urlencoded"},
            {"X-Twilio-Signature", TwilioSignature::sign(token, url.toEncoded(), formFields(fields))}});
}

} // namespace

class RecordingsTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void downloadsStoresAndServes()
    {
        FakeTwilioMedia media;
        media.audio = sampleAudio(200'000);
        TestServer server(withTwilio(media));
        QVERIFY2(server.started(), qPrintable(server.error()));
        QCOMPARE(recordingCallback(server, QStringLiteral("CA100"), QStringLiteral("RE100"),
                     media.recordingUrl(QStringLiteral("RE100")))
                     .status,
            200);
        DatabaseReader db(server);
        // Queued with the URL, in the callback's transaction.
        QVERIFY(!recordingOf(db, QStringLiteral("CA100")).isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(db, QStringLiteral("CA100")), QStringLiteral("stored"), 15000);
        const auto row = recordingOf(db, QStringLiteral("CA100"));
        const auto callId
            = db.value(QStringLiteral("SELECT id FROM calls WHERE call_ref = 'CA100'")).toLongLong();
        const QString path = server.dataDir() + QStringLiteral("/recordings/%1.mp3").arg(callId);
        QCOMPARE(row.value(QStringLiteral("file_path")).toString(), path);
        QCOMPARE(fileBytes(path), media.audio);
        QVERIFY(!QFile::exists(path + QStringLiteral(".part")));
        QCOMPARE(row.value(QStringLiteral("bytes_stored")).toLongLong(), qint64(media.audio.size()));
        QCOMPARE(row.value(QStringLiteral("bytes_expected")).toLongLong(), qint64(media.audio.size()));
        QCOMPARE(row.value(QStringLiteral("duration_seconds")).toInt(), 42);
        QCOMPARE(row.value(QStringLiteral("content_type")).toString(), QStringLiteral("audio/mpeg"));
        QCOMPARE(row.value(QStringLiteral("provider")).toString(), QStringLiteral("twilio"));
        QVERIFY2(media.violations.isEmpty(), qPrintable(media.violations.join(QStringLiteral("; "))));
        QCOMPARE(media.seen.size(), 1);
        QCOMPARE(media.seen.first().target,
            QByteArray("/2010-04-01/Accounts/" + accountSid.toUtf8() + "/Recordings/RE100.mp3"));
        QVERIFY(media.seen.first().range.isEmpty());

        // The API: list, one, audio, settings.
        const auto id = row.value(QStringLiteral("id")).toLongLong();
        const auto list = adminGet(server, QStringLiteral("/api/recordings?call_id=%1").arg(callId));
        QCOMPARE(list.status, 200);
        const auto data = list.json().value(QStringLiteral("data")).toArray();
        QCOMPARE(data.size(), 1);
        QCOMPARE(data.first().toObject().value(QStringLiteral("id")).toInteger(), id);
        QCOMPARE(adminGet(server, QStringLiteral("/api/recordings?state=failed"))
                     .json()
                     .value(QStringLiteral("data"))
                     .toArray()
                     .size(),
            0);
        const auto one = adminGet(server, QStringLiteral("/api/recordings/%1").arg(id));
        QCOMPARE(one.status, 200);
        const auto json = one.json();
        QCOMPARE(json.value(QStringLiteral("state")).toString(), QStringLiteral("stored"));
        QCOMPARE(json.value(QStringLiteral("callId")).toInteger(), callId);
        QCOMPARE(json.value(QStringLiteral("bytesStored")).toInteger(), qint64(media.audio.size()));
        QCOMPARE(json.value(QStringLiteral("durationSeconds")).toInt(), 42);
        QCOMPARE(json.value(QStringLiteral("audioUrl")).toString(),
            QStringLiteral("/api/recordings/%1/audio").arg(id));
        QVERIFY(!json.contains(QStringLiteral("filePath")));
        const auto audio = adminGet(server, QStringLiteral("/api/recordings/%1/audio").arg(id));
        QCOMPARE(audio.status, 200);
        QCOMPARE(audio.header("Content-Type"), QByteArray("audio/mpeg"));
        QCOMPARE(audio.body, media.audio);
        const auto settings = adminGet(server, QStringLiteral("/api/recordings/settings"));
        QCOMPARE(settings.status, 200);
        QCOMPARE(settings.json().value(QStringLiteral("retentionDays")).toInt(), 90);
        QCOMPARE(
            settings.json().value(QStringLiteral("diskUsageBytes")).toInteger(), qint64(media.audio.size()));
        QCOMPARE(settings.json().value(QStringLiteral("files")).toInt(), 1);
        // A stored recording is not queued again.
        const auto retry = adminSend(server, "POST", QStringLiteral("/api/recordings/%1/retry").arg(id));
        QCOMPARE(retry.status, 409);
        QVERIFY(detailOf(retry).contains(QStringLiteral("already stored")));
        // The same callback again (Twilio retries): nothing downloaded twice.
        QCOMPARE(recordingCallback(server, QStringLiteral("CA100"), QStringLiteral("RE100"),
                     media.recordingUrl(QStringLiteral("RE100")))
                     .status,
            200);
        QTest::qWait(300);
        QCOMPARE(media.seen.size(), 1);
        QCOMPARE(db.count(QStringLiteral("recordings")), qint64(1));
    }

    void interruptedDownloadResumesWithRange()
    {
        ManualClock clock(1'800'000'000'000);
        FakeTwilioMedia media;
        media.audio = sampleAudio(300'001);
        media.interruptNext = true;
        TestServer server(withTwilio(media), &clock, [] { return 0.5; });
        QVERIFY2(server.started(), qPrintable(server.error()));
        QCOMPARE(recordingCallback(server, QStringLiteral("CA200"), QStringLiteral("RE200"),
                     media.recordingUrl(QStringLiteral("RE200")), QStringLiteral("61"))
                     .status,
            200);
        DatabaseReader db(server);
        // The first attempt stops half-way: queued again with the part kept.
        QTRY_COMPARE_WITH_TIMEOUT(
            recordingOf(db, QStringLiteral("CA200")).value(QStringLiteral("attempts")).toInt(), 1, 15000);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(db, QStringLiteral("CA200")), QStringLiteral("queued"), 15000);
        const auto first = recordingOf(db, QStringLiteral("CA200"));
        const auto kept = first.value(QStringLiteral("bytes_stored")).toLongLong();
        QVERIFY2(kept > 0 && kept < media.audio.size(), qPrintable(QString::number(kept)));
        QVERIFY(first.value(QStringLiteral("last_error")).toString().contains(QStringLiteral("interrupted"))
            || first.value(QStringLiteral("last_error"))
                   .toString()
                   .contains(QStringLiteral("size mismatch")));
        QVERIFY(first.value(QStringLiteral("next_attempt_at")).toLongLong() > clock.nowMs());
        QTest::qWait(200);
        QCOMPARE(media.seen.size(), 1); // not before its time
        clock.advanceMs(10 * minute);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(db, QStringLiteral("CA200")), QStringLiteral("stored"), 15000);
        QCOMPARE(media.seen.size(), 2);
        QCOMPARE(media.seen[1].range, QByteArray("bytes=") + QByteArray::number(kept) + '-');
        const auto row = recordingOf(db, QStringLiteral("CA200"));
        QCOMPARE(fileBytes(row.value(QStringLiteral("file_path")).toString()), media.audio);
        QCOMPARE(row.value(QStringLiteral("bytes_stored")).toLongLong(), qint64(media.audio.size()));
        QCOMPARE(row.value(QStringLiteral("duration_seconds")).toInt(), 61);
        QCOMPARE(row.value(QStringLiteral("attempts")).toInt(), 2);
        QVERIFY2(media.violations.isEmpty(), qPrintable(media.violations.join(QStringLiteral("; "))));
    }

    void notReadyAndUnavailableAreRetried()
    {
        ManualClock clock(1'800'000'000'000);
        FakeTwilioMedia media;
        media.audio = sampleAudio(3000);
        media.failNext = {404, 503};
        TestServer server(withTwilio(media), &clock, [] { return 0.5; });
        QVERIFY2(server.started(), qPrintable(server.error()));
        QCOMPARE(recordingCallback(server, QStringLiteral("CA800"), QStringLiteral("RE800"),
                     media.recordingUrl(QStringLiteral("RE800")))
                     .status,
            200);
        DatabaseReader db(server);
        QTRY_COMPARE_WITH_TIMEOUT(media.seen.size(), 1, 15000);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(db, QStringLiteral("CA800")), QStringLiteral("queued"), 15000);
        QVERIFY(recordingOf(db, QStringLiteral("CA800"))
                    .value(QStringLiteral("last_error"))
                    .toString()
                    .contains(QStringLiteral("404")));
        clock.advanceMs(10 * 60'000);
        QTRY_COMPARE_WITH_TIMEOUT(media.seen.size(), 2, 15000);
        QTRY_COMPARE_WITH_TIMEOUT(
            recordingOf(db, QStringLiteral("CA800")).value(QStringLiteral("last_error")).toString(),
            QStringLiteral("HTTP 503"), 15000);
        // Retry-After: 120 s is honoured: not before.
        const auto row = recordingOf(db, QStringLiteral("CA800"));
        QVERIFY(row.value(QStringLiteral("next_attempt_at")).toLongLong() >= clock.nowMs() + 120'000);
        clock.advanceMs(60'000);
        QTest::qWait(200);
        QCOMPARE(media.seen.size(), 2);
        clock.advanceMs(10 * 60'000);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(db, QStringLiteral("CA800")), QStringLiteral("stored"), 15000);
        QCOMPARE(media.seen.size(), 3);
        QCOMPARE(recordingOf(db, QStringLiteral("CA800")).value(QStringLiteral("attempts")).toInt(), 3);
        QCOMPARE(
            fileBytes(recordingOf(db, QStringLiteral("CA800")).value(QStringLiteral("file_path")).toString()),
            media.audio);
        QVERIFY2(media.violations.isEmpty(), qPrintable(media.violations.join(QStringLiteral("; "))));
    }

    void aRestartResumesADownloadUnderWay()
    {
        QTemporaryDir dir;
        FakeTwilioMedia media;
        media.audio = sampleAudio(8000);
        media.stall = true;
        {
            TestServer first(withTwilio(media), nullptr, {}, dir.path());
            QVERIFY2(first.started(), qPrintable(first.error()));
            QCOMPARE(recordingCallback(first, QStringLiteral("CA900"), QStringLiteral("RE900"),
                         media.recordingUrl(QStringLiteral("RE900")))
                         .status,
                200);
            QTRY_COMPARE_WITH_TIMEOUT(media.seen.size(), 1, 15000);
            DatabaseReader db(first);
            QCOMPARE(stateOf(db, QStringLiteral("CA900")), QStringLiteral("downloading"));
            first.stop();
        }
        media.stall = false;
        TestServer second(withTwilio(media), nullptr, {}, dir.path());
        QVERIFY2(second.started(), qPrintable(second.error()));
        DatabaseReader db(second);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(db, QStringLiteral("CA900")), QStringLiteral("stored"), 15000);
        QCOMPARE(
            fileBytes(recordingOf(db, QStringLiteral("CA900")).value(QStringLiteral("file_path")).toString()),
            media.audio);
        QCOMPARE(media.seen.size(), 2);
    }

    void urlOnAnotherHostIsRefused()
    {
        FakeTwilioMedia media;
        media.audio = sampleAudio(1000);
        TestServer server(withTwilio(media));
        QVERIFY2(server.started(), qPrintable(server.error()));
        // Same fake, reached by another host name: not the configured API host.
        const auto elsewhere = QStringLiteral("http://localhost:%1/2010-04-01/Accounts/%2/Recordings/RE300")
                                   .arg(media.port())
                                   .arg(accountSid);
        QCOMPARE(
            recordingCallback(server, QStringLiteral("CA300"), QStringLiteral("RE300"), elsewhere).status,
            200);
        DatabaseReader db(server);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(db, QStringLiteral("CA300")), QStringLiteral("refused"), 15000);
        const auto row = recordingOf(db, QStringLiteral("CA300"));
        QVERIFY2(row.value(QStringLiteral("last_error")).toString().contains(QStringLiteral("localhost")),
            qPrintable(row.value(QStringLiteral("last_error")).toString()));
        QVERIFY(row.value(QStringLiteral("last_error")).toString().contains(QStringLiteral("127.0.0.1")));
        QTest::qWait(200);
        QVERIFY(media.seen.isEmpty()); // never fetched, credentials never sent
        // A retry applies the host rule again.
        const auto id = row.value(QStringLiteral("id")).toLongLong();
        const auto retry = adminSend(server, "POST", QStringLiteral("/api/recordings/%1/retry").arg(id));
        QCOMPARE(retry.status, 200);
        QCOMPARE(retry.json().value(QStringLiteral("state")).toString(), QStringLiteral("queued"));
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(db, QStringLiteral("CA300")), QStringLiteral("refused"), 15000);
        QVERIFY(media.seen.isEmpty());
    }

    void wrongCredentialsFail()
    {
        FakeTwilioMedia media;
        media.audio = sampleAudio(1000);
        TestServer server(withTwilio(media, "not-the-token"));
        QVERIFY2(server.started(), qPrintable(server.error()));
        QCOMPARE(recordingCallback(server, QStringLiteral("CA400"), QStringLiteral("RE400"),
                     media.recordingUrl(QStringLiteral("RE400")), QStringLiteral("5"), "not-the-token")
                     .status,
            200);
        DatabaseReader db(server);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(db, QStringLiteral("CA400")), QStringLiteral("failed"), 15000);
        QCOMPARE(recordingOf(db, QStringLiteral("CA400")).value(QStringLiteral("last_error")).toString(),
            QStringLiteral("HTTP 401"));
        QCOMPARE(media.violations, QStringList {QStringLiteral("wrong Basic auth")});
        QVERIFY(!QFile::exists(server.dataDir()
            + QStringLiteral("/recordings/%1.mp3")
                  .arg(recordingOf(db, QStringLiteral("CA400"))
                           .value(QStringLiteral("call_id"))
                           .toLongLong())));
    }

    void retentionPrunesOldFiles()
    {
        ManualClock clock(1'800'000'000'000);
        FakeTwilioMedia media;
        media.audio = sampleAudio(5000);
        TestServer server(withTwilio(media), &clock);
        QVERIFY2(server.started(), qPrintable(server.error()));
        QCOMPARE(recordingCallback(server, QStringLiteral("CA500"), QStringLiteral("RE500"),
                     media.recordingUrl(QStringLiteral("RE500")))
                     .status,
            200);
        DatabaseReader db(server);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(db, QStringLiteral("CA500")), QStringLiteral("stored"), 15000);
        const auto path
            = recordingOf(db, QStringLiteral("CA500")).value(QStringLiteral("file_path")).toString();
        QVERIFY(QFile::exists(path));
        const auto id = recordingOf(db, QStringLiteral("CA500")).value(QStringLiteral("id")).toLongLong();

        const auto set = adminSend(server, "PUT", QStringLiteral("/api/recordings/settings"),
            {{QStringLiteral("retentionDays"), 2}});
        QCOMPARE(set.status, 200);
        QCOMPARE(set.json().value(QStringLiteral("retentionDays")).toInt(), 2);
        // Younger than the setting: kept.
        clock.advanceMs(day);
        auto pruned = adminSend(server, "POST", QStringLiteral("/api/recordings/prune"));
        QCOMPARE(pruned.status, 200);
        QCOMPARE(pruned.json().value(QStringLiteral("pruned")).toInt(), 0);
        QVERIFY(QFile::exists(path));
        // Older: deleted, the row says pruned.
        clock.advanceMs(2 * day);
        pruned = adminSend(server, "POST", QStringLiteral("/api/recordings/prune"));
        QCOMPARE(pruned.json().value(QStringLiteral("pruned")).toInt(), 1);
        QCOMPARE(pruned.json().value(QStringLiteral("files")).toInt(), 0);
        QCOMPARE(pruned.json().value(QStringLiteral("diskUsageBytes")).toInteger(), qint64(0));
        QVERIFY(!QFile::exists(path));
        const auto row = recordingOf(db, QStringLiteral("CA500"));
        QCOMPARE(row.value(QStringLiteral("state")).toString(), QStringLiteral("pruned"));
        QVERIFY(row.value(QStringLiteral("file_path")).isNull());
        const auto audio = adminGet(server, QStringLiteral("/api/recordings/%1/audio").arg(id));
        QCOMPARE(audio.status, 404);
        QVERIFY(detailOf(audio).contains(QStringLiteral("pruned")));
        // 0 keeps forever.
        QCOMPARE(adminSend(server, "PUT", QStringLiteral("/api/recordings/settings"),
                     {{QStringLiteral("retentionDays"), 0}})
                     .json()
                     .value(QStringLiteral("retentionDays"))
                     .toInt(),
            0);
    }

    void badInputsAreNamed()
    {
        FakeTwilioMedia media;
        TestServer server(withTwilio(media));
        QVERIFY2(server.started(), qPrintable(server.error()));
        for (const auto &body : {QJsonObject {{QStringLiteral("retentionDays"), 3651}},
                 QJsonObject {{QStringLiteral("retentionDays"), -1}},
                 QJsonObject {{QStringLiteral("retentionDays"), 1.5}},
                 QJsonObject {{QStringLiteral("retentionDays"), QStringLiteral("30")}}}) {
            const auto reply = adminSend(server, "PUT", QStringLiteral("/api/recordings/settings"), body);
            QCOMPARE(reply.status, 400);
            QVERIFY2(detailOf(reply).contains(QStringLiteral("retentionDays")), qPrintable(detailOf(reply)));
        }
        const auto unknown = adminSend(
            server, "PUT", QStringLiteral("/api/recordings/settings"), {{QStringLiteral("days"), 3}});
        QCOMPARE(unknown.status, 400);
        QVERIFY(detailOf(unknown).contains(QStringLiteral("days")));
        // Nothing changed.
        QCOMPARE(adminGet(server, QStringLiteral("/api/recordings/settings"))
                     .json()
                     .value(QStringLiteral("retentionDays"))
                     .toInt(),
            90);

        const auto state = adminGet(server, QStringLiteral("/api/recordings?state=lost"));
        QCOMPARE(state.status, 400);
        QVERIFY(detailOf(state).contains(QStringLiteral("state")));
        const auto call = adminGet(server, QStringLiteral("/api/recordings?call_id=abc"));
        QCOMPARE(call.status, 400);
        QVERIFY(detailOf(call).contains(QStringLiteral("call_id")));
        QCOMPARE(adminGet(server, QStringLiteral("/api/recordings?limit=0")).status, 400);
        const auto empty = adminGet(server, QStringLiteral("/api/recordings"));
        QCOMPARE(empty.status, 200);
        QCOMPARE(empty.json().value(QStringLiteral("data")).toArray().size(), 0);
        QCOMPARE(empty.json().value(QStringLiteral("has_more")).toBool(), false);

        for (const auto &path :
            {QStringLiteral("/api/recordings/999"), QStringLiteral("/api/recordings/999/audio")}) {
            const auto reply = adminGet(server, path);
            QCOMPARE(reply.status, 404);
            QVERIFY(detailOf(reply).contains(QStringLiteral("999")));
        }
        QCOMPARE(adminSend(server, "POST", QStringLiteral("/api/recordings/999/retry")).status, 404);
        // The admin key is required.
        QCOMPARE(request("GET", server.url(QStringLiteral("/api/recordings"))).status, 401);
    }

    void elevenLabsAudioIsDecodedIntoPlace()
    {
        FakeTwilioMedia media;
        const QByteArray elevenSecret = "wsec_recordings_test";
        TestServer server([&media, elevenSecret](RuntimeOptions &options) {
            withTwilio(media)(options);
            options.environment.insert(
                QStringLiteral("ELEVENLABS_WEBHOOK_SECRET"), QString::fromLatin1(elevenSecret));
        });
        QVERIFY2(server.started(), qPrintable(server.error()));
        const auto audio = sampleAudio(4096);
        // https://elevenlabs.io/docs/eleven-agents/workflows/post-call-webhooks: post_call_audio carries
        // data.agent_id, data.conversation_id and data.full_audio (base64 MP3).
        const auto body = QJsonDocument(
            QJsonObject {{QStringLiteral("type"), QStringLiteral("post_call_audio")},
                {QStringLiteral("event_timestamp"), 1739537297},
                {QStringLiteral("data"),
                    QJsonObject {{QStringLiteral("agent_id"), QStringLiteral("agent_rec")},
                        {QStringLiteral("conversation_id"), QStringLiteral("conv_rec_1")},
                        {QStringLiteral("full_audio"), QString::fromLatin1(audio.toBase64())}}}})
                              .toJson(QJsonDocument::Compact);
        const auto reply
            = request("POST", server.url(QStringLiteral("/api/webhooks/elevenlabs/post-call")), body,
                {qMakePair(QByteArray("Content-Type"), QByteArray("application/json")),
                    qMakePair(QByteArray("ElevenLabs-Signature"),
                        ElevenLabsSignature::sign(elevenSecret, QDateTime::currentSecsSinceEpoch(), body))});
        QCOMPARE(reply.status, 200);
        DatabaseReader db(server);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(db, QStringLiteral("conv_rec_1")), QStringLiteral("stored"), 15000);
        const auto row = recordingOf(db, QStringLiteral("conv_rec_1"));
        QCOMPARE(row.value(QStringLiteral("provider")).toString(), QStringLiteral("elevenlabs"));
        QCOMPARE(fileBytes(row.value(QStringLiteral("file_path")).toString()), audio);
        QCOMPARE(row.value(QStringLiteral("bytes_stored")).toLongLong(), qint64(audio.size()));
        QVERIFY(row.value(QStringLiteral("file_path"))
                    .toString()
                    .startsWith(server.dataDir() + QStringLiteral("/recordings/")));
        const auto served = adminGet(server,
            QStringLiteral("/api/recordings/%1/audio").arg(row.value(QStringLiteral("id")).toLongLong()));
        QCOMPARE(served.status, 200);
        QCOMPARE(served.body, audio);
        QVERIFY(media.seen.isEmpty()); // nothing downloaded
    }

    void erasingTheLeadDeletesItsRecordings()
    {
        FakeTwilioMedia media;
        media.audio = sampleAudio(2048);
        TestServer server(withTwilio(media));
        QVERIFY2(server.started(), qPrintable(server.error()));
        const auto lead = leadWithPhone(server, QStringLiteral("+14155550188"));
        QVERIFY(lead > 0);
        QCOMPARE(callStatus(server, QStringLiteral("CA700"), QStringLiteral("+14155550188")).status, 200);
        QCOMPARE(recordingCallback(server, QStringLiteral("CA700"), QStringLiteral("RE700"),
                     media.recordingUrl(QStringLiteral("RE700")))
                     .status,
            200);
        DatabaseReader db(server);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(db, QStringLiteral("CA700")), QStringLiteral("stored"), 15000);
        QCOMPARE(db.value(QStringLiteral("SELECT lead_id FROM calls WHERE call_ref = 'CA700'")).toLongLong(),
            lead);
        const auto path
            = recordingOf(db, QStringLiteral("CA700")).value(QStringLiteral("file_path")).toString();
        QVERIFY(QFile::exists(path));
        const auto reply = adminSend(server, "DELETE", QStringLiteral("/api/leads/%1?purge=true").arg(lead));
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json()
                     .value(QStringLiteral("removed"))
                     .toObject()
                     .value(QStringLiteral("recordings"))
                     .toInt(),
            1);
        QVERIFY(!QFile::exists(path));
        QCOMPARE(db.count(QStringLiteral("recordings")), qint64(0));
    }

    void keysetPages()
    {
        FakeTwilioMedia media;
        media.audio = sampleAudio(100);
        TestServer server(withTwilio(media));
        QVERIFY2(server.started(), qPrintable(server.error()));
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(recordingCallback(server, QStringLiteral("CA60%1").arg(i),
                         QStringLiteral("RE60%1").arg(i), media.recordingUrl(QStringLiteral("RE60%1").arg(i)))
                         .status,
                200);
        }
        DatabaseReader db(server);
        QTRY_COMPARE_WITH_TIMEOUT(
            db.count(QStringLiteral("recordings"), QStringLiteral("state = 'stored'")), qint64(3), 15000);
        const auto first = adminGet(server, QStringLiteral("/api/recordings?limit=2"));
        QCOMPARE(first.status, 200);
        QCOMPARE(first.json().value(QStringLiteral("data")).toArray().size(), 2);
        QCOMPARE(first.json().value(QStringLiteral("has_more")).toBool(), true);
        const auto cursor = first.json().value(QStringLiteral("next_cursor")).toString();
        const auto second = adminGet(server, QStringLiteral("/api/recordings?limit=2&cursor=") + cursor);
        QCOMPARE(second.status, 200);
        const auto rest = second.json().value(QStringLiteral("data")).toArray();
        QCOMPARE(rest.size(), 1);
        QCOMPARE(second.json().value(QStringLiteral("has_more")).toBool(), false);
        QSet<qint64> ids;
        for (const auto &page : {first.json().value(QStringLiteral("data")).toArray(), rest})
            for (const auto &item : page)
                ids.insert(item.toObject().value(QStringLiteral("id")).toInteger());
        QCOMPARE(ids.size(), 3);
        QCOMPARE(adminGet(server, QStringLiteral("/api/recordings?cursor=nonsense")).status, 400);
    }
};

QTEST_MAIN(RecordingsTest)
#include "tst_recordings.moc"
