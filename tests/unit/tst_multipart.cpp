#include "http/MultipartParser.h"

#include <QTest>

using namespace sb;

namespace {

const QByteArray contentType = "multipart/form-data; boundary=XyZ123";

QByteArray crlf(QByteArray text)
{
    return text.replace("\n", "\r\n");
}

} // namespace

class MultipartTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parsesFieldsAndBinaryFile()
    {
        // A Mailgun route post: text fields and one attachment whose bytes contain CR, LF, NUL and
        // a "--XyZ123" that does not start a line (so not a delimiter).
        static constexpr char bytes[] = "\x00\x01\r\nx--XyZ123 inside a line\r\x0a\xff";
        const QByteArray binary(bytes, sizeof(bytes) - 1);
        const QByteArray body
            = crlf("preamble is ignored\n--XyZ123\n"
                   "Content-Disposition: form-data; name=\"sender\"\n\n"
                   "alice@example.com\n--XyZ123\n"
                   "Content-Disposition: form-data; name=\"subject\"\n\n"
                   "Line one\nLine two\n--XyZ123\n"
                   "Content-Disposition: form-data; name=\"attachment-1\"; filename=\"a.bin\"\n"
                   "Content-Type: application/octet-stream\n\n")
            + binary + crlf("\n--XyZ123--\nepilogue is ignored\n");
        const auto result = MultipartParser::parse(contentType, body);
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(result.parts.size(), 3);
        const auto fields = result.fields();
        QCOMPARE(fields.value(u"sender"), QStringLiteral("alice@example.com"));
        QCOMPARE(fields.value(u"subject"), QStringLiteral("Line one\r\nLine two"));
        QVERIFY(!fields.contains(u"attachment-1"));
        const auto files = result.files();
        QCOMPARE(files.size(), 1);
        QCOMPARE(files.first().name, QStringLiteral("attachment-1"));
        QCOMPARE(files.first().filename, QStringLiteral("a.bin"));
        QCOMPARE(files.first().contentType, QByteArray("application/octet-stream"));
        QCOMPARE(files.first().body, binary);
        QCOMPARE(result.parts.first().contentType, QByteArray("text/plain")); // RFC 7578 4.4 default
    }

    void quotedBoundaryAndEscapedNames()
    {
        const QByteArray body
            = crlf("--a b:c\n"
                   "content-disposition: Form-Data; name=\"say \\\"hi\\\"\"; filename=\"\"\n\n"
                   "x\n--a b:c--");
        const auto result
            = MultipartParser::parse("Multipart/Form-Data; charset=utf-8; boundary=\"a b:c\"", body);
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(result.parts.first().name, QStringLiteral("say \"hi\""));
        QVERIFY(result.parts.first().hasFilename); // an empty filename is still a file field
        QCOMPARE(result.parts.first().body, QByteArray("x"));
    }

    void boundaryRules_data()
    {
        QTest::addColumn<QByteArray>("type");
        QTest::addColumn<QString>("error");
        QTest::newRow("no boundary") << QByteArray("multipart/form-data") << QStringLiteral("no boundary");
        QTest::newRow("empty boundary")
            << QByteArray("multipart/form-data; boundary=\"\"") << QStringLiteral("no boundary");
        QTest::newRow("71 chars") << QByteArray("multipart/form-data; boundary=" + QByteArray(71, 'a'))
                                  << QStringLiteral("at most 70");
        QTest::newRow("bad char") << QByteArray("multipart/form-data; boundary=ab{c")
                                  << QStringLiteral("not allowed");
        QTest::newRow("trailing space")
            << QByteArray("multipart/form-data; boundary=\"abc \"") << QStringLiteral("ends with a space");
        QTest::newRow("not multipart") << QByteArray("application/json") << QStringLiteral("not multipart");
        QTest::newRow("unterminated quote")
            << QByteArray("multipart/form-data; boundary=\"abc") << QStringLiteral("unterminated");
    }

    void boundaryRules()
    {
        QFETCH(QByteArray, type);
        QFETCH(QString, error);
        QString message;
        QVERIFY(MultipartParser::boundaryFromContentType(type, &message).isEmpty());
        QVERIFY2(message.contains(error), qPrintable(message));
        QCOMPARE(MultipartParser::boundaryFromContentType(
                     QByteArray("multipart/form-data; boundary=" + QByteArray(70, 'a'))),
            QByteArray(70, 'a'));
    }

    void rejectsMalformedBodies_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("error");
        const QByteArray part = "--XyZ123\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1";
        QTest::newRow("missing close delimiter")
            << QByteArray(part + "\r\n") << QStringLiteral("missing closing boundary");
        QTest::newRow("truncated after delimiter")
            << QByteArray(part + "\r\n--XyZ123") << QStringLiteral("missing closing boundary");
        QTest::newRow("no delimiter at all") << QByteArray("a=1") << QStringLiteral("no boundary delimiter");
        QTest::newRow("LF-only framing")
            << QByteArray("--XyZ123\nContent-Disposition: form-data; name=\"a\"\n\n1\n--XyZ123--")
            << QStringLiteral("not followed by CRLF");
        QTest::newRow("no parts") << QByteArray("--XyZ123--\r\n") << QStringLiteral("no parts");
        QTest::newRow("no disposition")
            << QByteArray("--XyZ123\r\nContent-Type: text/plain\r\n\r\n1\r\n--XyZ123--")
            << QStringLiteral("no Content-Disposition");
        QTest::newRow("no name") << QByteArray(
            "--XyZ123\r\nContent-Disposition: form-data; filename=\"f\"\r\n\r\n1\r\n--XyZ123--")
                                 << QStringLiteral("no name parameter");
        QTest::newRow("not form-data")
            << QByteArray("--XyZ123\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\n1\r\n--XyZ123--")
            << QStringLiteral("not form-data");
        QTest::newRow("header without colon")
            << QByteArray("--XyZ123\r\nContent-Disposition form-data\r\n\r\n1\r\n--XyZ123--")
            << QStringLiteral("malformed header line");
        QTest::newRow("unterminated headers")
            << QByteArray("--XyZ123\r\nContent-Disposition: form-data; name=\"a\"\r\n--XyZ123--")
            << QStringLiteral("not terminated by an empty line");
        QTest::newRow("folded header")
            << QByteArray("--XyZ123\r\nContent-Disposition: form-data;\r\n name=\"a\"\r\n\r\n1\r\n--XyZ123--")
            << QStringLiteral("folded");
    }

    void rejectsMalformedBodies()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, error);
        const auto result = MultipartParser::parse(contentType, body);
        QVERIFY(!result.ok());
        QVERIFY2(result.error.contains(error), qPrintable(result.error));
        QVERIFY(result.parts.isEmpty());
    }

    void enforcesLimits()
    {
        QByteArray many;
        for (int i = 0; i < 5; ++i)
            many += "--XyZ123\r\nContent-Disposition: form-data; name=\"f" + QByteArray::number(i)
                + "\"\r\n\r\nv\r\n";
        many += "--XyZ123--";
        MultipartLimits limits;
        limits.maxParts = 5;
        QVERIFY(MultipartParser::parse(contentType, many, limits).ok());
        limits.maxParts = 4;
        auto result = MultipartParser::parse(contentType, many, limits);
        QVERIFY(result.error.contains(QStringLiteral("more than 4 parts")));
        QVERIFY(result.tooManyParts);
        QVERIFY(result.parts.isEmpty());
        // The default bound is the form field bound.
        QByteArray thousand;
        for (int i = 0; i <= FormParser::maxFields; ++i)
            thousand += "--XyZ123\r\nContent-Disposition: form-data; name=\"f" + QByteArray::number(i)
                + "\"\r\n\r\nv\r\n";
        thousand += "--XyZ123--";
        QVERIFY(MultipartParser::parse(contentType, thousand).tooManyParts);

        const QByteArray big = "--XyZ123\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\n"
            + QByteArray(100, 'x') + "\r\n--XyZ123--";
        limits = {};
        limits.maxPartBytes = 100;
        QVERIFY(MultipartParser::parse(contentType, big, limits).ok());
        limits.maxPartBytes = 99;
        result = MultipartParser::parse(contentType, big, limits);
        QVERIFY2(result.error.contains(QStringLiteral("larger than 99 bytes")), qPrintable(result.error));

        limits = {};
        limits.maxPartHeaderBytes = 20;
        result = MultipartParser::parse(contentType, big, limits);
        QVERIFY2(result.error.contains(QStringLiteral("header block larger")), qPrintable(result.error));
    }

    void transportPaddingAfterDelimiter()
    {
        // [rfc2046] 5.1.1 allows linear whitespace between the boundary and its CRLF.
        const QByteArray body
            = "--XyZ123  \r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--XyZ123--";
        const auto result = MultipartParser::parse(contentType, body);
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(result.fields().value(u"a"), QStringLiteral("1"));
    }
};

QTEST_GUILESS_MAIN(MultipartTest)
#include "tst_multipart.moc"
