// RFC 9112 framing: RequestHead::parse and the RequestFramer state machine, each case fed in one
// write, byte by byte, and pipelined behind another request.
#include "http/RequestFramer.h"

#include <QTest>

using namespace sb;

namespace {

struct Outcome
{
    QList<RequestFramer::Request> requests;
    int heads = 0;
    bool failed = false;
    int status = 0;
    QString message;
    qsizetype consumed = 0;
};

// Feeds `bytes` in pieces of `piece` bytes (0: all at once) and collects what the framer produced.
Outcome frame(const QByteArray &bytes, qsizetype piece = 0, RequestFramer::Limits limits = {})
{
    RequestFramer framer(limits);
    Outcome out;
    const qsizetype step = piece <= 0 ? std::max<qsizetype>(1, bytes.size()) : piece;
    for (qsizetype offset = 0; offset < bytes.size() && !out.failed; offset += step) {
        const auto part = QByteArrayView(bytes).sliced(offset, std::min(step, bytes.size() - offset));
        qsizetype pos = 0;
        for (;;) {
            qsizetype used = 0;
            const auto result = framer.feed(part.data() + pos, part.size() - pos, &used);
            pos += used;
            out.consumed += used;
            if (result == RequestFramer::Step::HeadComplete) {
                ++out.heads;
                continue;
            }
            if (result == RequestFramer::Step::RequestReady) {
                out.requests.append(framer.takeRequest());
                continue;
            }
            if (result == RequestFramer::Step::Failed) {
                out.failed = true;
                out.status = framer.failure().status;
                out.message = framer.failure().message;
            }
            break;
        }
    }
    return out;
}

const QByteArray healthz = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";

} // namespace

class TestRequestHead : public QObject
{
    Q_OBJECT

private slots:
    void validRequests_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("get") << healthz << QByteArray("GET") << QByteArray("/healthz") << QByteArray();
        QTest::newRow("content-length")
            << QByteArray("POST /api/webhooks/test HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello")
            << QByteArray("POST") << QByteArray("/api/webhooks/test") << QByteArray("hello");
        QTest::newRow("identical content-length list")
            << QByteArray("POST /a HTTP/1.1\r\nContent-Length: 3, 3\r\nContent-Length: 3\r\n\r\nabc")
            << QByteArray("POST") << QByteArray("/a") << QByteArray("abc");
        QTest::newRow("chunked with extension and trailer")
            << QByteArray("POST /a?x=1 HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                          "3;name=value\r\nabc\r\nA\r\n0123456789\r\n0\r\nX-Trailer: 1\r\n\r\n")
            << QByteArray("POST") << QByteArray("/a?x=1") << QByteArray("abc0123456789");
        QTest::newRow("chunked upper-case hex, leading zeros")
            << QByteArray(
                   "POST /a HTTP/1.1\r\nTransfer-Encoding: Chunked\r\n\r\n000B\r\nhello world\r\n0\r\n\r\n")
            << QByteArray("POST") << QByteArray("/a") << QByteArray("hello world");
        QTest::newRow("leading empty lines") << (QByteArray("\r\n\r\n") + healthz) << QByteArray("GET")
                                             << QByteArray("/healthz") << QByteArray();
        QTest::newRow("http/1.0") << QByteArray("GET / HTTP/1.0\r\n\r\n") << QByteArray("GET")
                                  << QByteArray("/") << QByteArray();
    }

    void validRequests()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, target);
        QFETCH(QByteArray, body);
        for (const qsizetype piece : {qsizetype(0), qsizetype(1), qsizetype(7)}) {
            // The same request twice in one stream: pipelined framing must find both.
            const auto outcome = frame(bytes + bytes, piece);
            QVERIFY2(!outcome.failed, qPrintable(outcome.message));
            QCOMPARE(outcome.requests.size(), 2);
            for (const auto &request : outcome.requests) {
                QCOMPARE(request.head.method, method);
                QCOMPARE(request.head.target, target);
                QCOMPARE(request.body, body);
            }
            QCOMPARE(outcome.consumed, 2 * bytes.size());
        }
    }

    void refusals_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("status");
        const QByteArray post = "POST /api/webhooks/test HTTP/1.1\r\nHost: x\r\n";
        QTest::newRow("chunk size overflow")
            << (post + "Transfer-Encoding: chunked\r\n\r\n1\r\nA\r\n7fffffffffffffff\r\nAAAA") << 413;
        QTest::newRow("chunk size 2^64")
            << (post + "Transfer-Encoding: chunked\r\n\r\n10000000000000000\r\nA\r\n") << 413;
        QTest::newRow("chunks summing past the limit") << (post + "Transfer-Encoding: chunked\r\n\r\n100\r\n"
            + QByteArray(0x100, 'A') + "\r\n7fffffffffffff00\r\nAAAA")
                                                       << 413;
        QTest::newRow("negative chunk size")
            << (post + "Transfer-Encoding: chunked\r\n\r\n-1\r\nA\r\n") << 400;
        QTest::newRow("chunk size not hex")
            << (post + "Transfer-Encoding: chunked\r\n\r\nzz\r\nA\r\n") << 400;
        QTest::newRow("chunk size with 0x")
            << (post + "Transfer-Encoding: chunked\r\n\r\n0x5\r\nhello\r\n") << 400;
        QTest::newRow("chunk data without CRLF")
            << (post + "Transfer-Encoding: chunked\r\n\r\n1\r\nAB\r\n") << 400;
        QTest::newRow("chunk line with bare LF")
            << (post + "Transfer-Encoding: chunked\r\n\r\n1\nA\r\n") << 400;
        QTest::newRow("content-length and transfer-encoding")
            << (post + "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n") << 400;
        QTest::newRow("differing content-lengths")
            << (post + "Content-Length: 4\r\nContent-Length: 5\r\n\r\nabcde") << 400;
        QTest::newRow("differing content-length list") << (post + "Content-Length: 4, 5\r\n\r\nabcde") << 400;
        QTest::newRow("signed content-length") << (post + "Content-Length: +4\r\n\r\nabcd") << 400;
        QTest::newRow("content-length overflow")
            << (post + "Content-Length: 99999999999999999999\r\n\r\n") << 400;
        QTest::newRow("content-length past the limit") << (post + "Content-Length: 209715200\r\n\r\n") << 413;
        QTest::newRow("whitespace before colon") << (post + "Content-Length : 4\r\n\r\nabcd") << 400;
        QTest::newRow("tab before colon") << (post + "X-Test\t: 1\r\n\r\n") << 400;
        QTest::newRow("folded header") << (post + "X-Test: 1\r\n continued\r\n\r\n") << 400;
        QTest::newRow("gzip coding") << (post + "Transfer-Encoding: gzip\r\n\r\n") << 501;
        QTest::newRow("gzip then chunked")
            << (post + "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n") << 501;
        QTest::newRow("chunked not last") << (post + "Transfer-Encoding: chunked, identity\r\n\r\n") << 501;
        QTest::newRow("chunked twice")
            << (post + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n") << 400;
        QTest::newRow("transfer-encoding in 1.0")
            << QByteArray("POST /a HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n") << 400;
        QTest::newRow("http/2 request line") << QByteArray("GET / HTTP/2.0\r\n\r\n") << 505;
        QTest::newRow("malformed version") << QByteArray("GET / HTTX/1.1\r\n\r\n") << 400;
        QTest::newRow("two spaces") << QByteArray("GET  / HTTP/1.1\r\n\r\n") << 400;
        QTest::newRow("bare LF in head") << QByteArray("GET / HTTP/1.1\r\nHost: x\nX: y\r\n\r\n") << 400;
        QTest::newRow("bare CR in value") << QByteArray("GET / HTTP/1.1\r\nX: a\rb\r\n\r\n") << 400;
        QTest::newRow("NUL in value") << (QByteArray("GET / HTTP/1.1\r\nX: a") + '\0' + "b\r\n\r\n") << 400;
        QTest::newRow("two hosts") << QByteArray("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n") << 400;
        QTest::newRow("space in target") << QByteArray("GET /a b HTTP/1.1\r\n\r\n") << 400;
        QTest::newRow("head too large")
            << ("GET / HTTP/1.1\r\nX: " + QByteArray(70000, 'a') + "\r\n\r\n") << 431;
        QTest::newRow("head too large, no end") << ("GET / HTTP/1.1\r\nX: " + QByteArray(70000, 'a')) << 431;
    }

    void refusals()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, status);
        for (const qsizetype piece : {qsizetype(0), qsizetype(1), qsizetype(13)}) {
            const auto alone = frame(bytes, piece);
            QVERIFY2(alone.failed, qPrintable(QString::number(piece)));
            QCOMPARE(alone.status, status);
            QVERIFY(!alone.message.isEmpty());
            QVERIFY(alone.requests.isEmpty());
            // Behind a valid request, that one is still framed, and the refusal follows it.
            const auto behind = frame(healthz + bytes, piece);
            QVERIFY(behind.failed);
            QCOMPARE(behind.status, status);
            QCOMPARE(behind.requests.size(), 1);
            QCOMPARE(behind.requests.first().head.target, QByteArray("/healthz"));
        }
    }

    void pipelinedThousand()
    {
        QByteArray bytes;
        for (int i = 0; i < 1000; ++i)
            bytes += "GET /healthz?n=" + QByteArray::number(i) + " HTTP/1.1\r\nHost: x\r\n\r\n";
        const auto outcome = frame(bytes);
        QVERIFY(!outcome.failed);
        QCOMPARE(outcome.requests.size(), 1000);
        for (int i = 0; i < 1000; ++i)
            QCOMPARE(outcome.requests[i].head.target, "/healthz?n=" + QByteArray::number(i));
    }

    void pipelinedAfterLargeBody()
    {
        const QByteArray body(300 * 1024, 'x');
        const QByteArray bytes = "POST /a HTTP/1.1\r\nContent-Length: " + QByteArray::number(body.size())
            + "\r\n\r\n" + body + healthz;
        for (const qsizetype piece : {qsizetype(0), qsizetype(1000)}) {
            const auto outcome = frame(bytes, piece);
            QVERIFY(!outcome.failed);
            QCOMPARE(outcome.requests.size(), 2);
            QCOMPARE(outcome.requests[0].body.size(), body.size());
            QCOMPARE(outcome.requests[1].head.target, QByteArray("/healthz"));
        }
    }

    void bodyLimitExactlyAndOneOver()
    {
        RequestFramer::Limits limits;
        limits.maxBodyBytes = 10;
        const auto exact = frame(
            "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n01234\r\n5\r\n56789\r\n0\r\n\r\n", 0,
            limits);
        QVERIFY(!exact.failed);
        QCOMPARE(exact.requests.first().body, QByteArray("0123456789"));
        const auto over
            = frame("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n01234\r\n6\r\n", 0, limits);
        QVERIFY(over.failed);
        QCOMPARE(over.status, 413);
        const auto length = frame("POST / HTTP/1.1\r\nContent-Length: 11\r\n\r\n", 0, limits);
        QCOMPARE(length.status, 413);
        QCOMPARE(length.heads, 0);
    }

    void headAtTheLimitWhateverTheReads()
    {
        RequestFramer::Limits limits;
        limits.maxHeadBytes = 64;
        // A head of exactly 64 bytes whose blank line lies past the limit is accepted, one byte more is not,
        // whether it arrives whole or in pieces.
        const QByteArray atLimit = "GET / HTTP/1.1\r\nX: " + QByteArray(64 - 19, 'a');
        QCOMPARE(atLimit.size(), 64);
        for (const qsizetype piece : {qsizetype(0), qsizetype(1), qsizetype(5), qsizetype(63)}) {
            const auto ok = frame(atLimit + "\r\n\r\n", piece, limits);
            QVERIFY2(!ok.failed, qPrintable(ok.message));
            QCOMPARE(ok.requests.size(), 1);
            const auto over = frame(atLimit + "a\r\n\r\n", piece, limits);
            QVERIFY(over.failed);
            QCOMPARE(over.status, 431);
        }
    }

    void headFields()
    {
        RequestHead head;
        QString error;
        QVERIFY(RequestHead::parse(
            "POST /x%20y?a=1 HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nConnection: close\r\n"
            "X-Twilio-Signature:  abc= \r\nX-Twilio-Signature: def",
            &head, &error));
        QCOMPARE(head.target, QByteArray("/x%20y?a=1"));
        QVERIFY(head.expectContinue);
        QVERIFY(head.wantsClose);
        QCOMPARE(head.headers.size(), 5);
        QCOMPARE(head.headers[3].second, QByteArray("abc="));
        QCOMPARE(head.headers[4].second, QByteArray("def"));
        QVERIFY(RequestHead::parse("GET / HTTP/1.0\r\nConnection: keep-alive", &head, &error));
        QVERIFY(!head.wantsClose);
        QVERIFY(RequestHead::parse("GET / HTTP/1.0", &head, &error));
        QVERIFY(head.wantsClose);
        QVERIFY(RequestHead::parse(
            "GET /ws HTTP/1.1\r\nConnection: keep-alive, Upgrade\r\nUpgrade: websocket", &head, &error));
        QVERIFY(head.upgrade);
    }
};

QTEST_GUILESS_MAIN(TestRequestHead)
#include "tst_requesthead.moc"
