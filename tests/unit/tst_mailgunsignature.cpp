#include "http/MultipartParser.h"
#include "security/MailgunSignature.h"

#include <QTest>

using namespace sb;

namespace {

// mailgun/mailgun-php tests/Api/WebhookTest.php testVerifyWebhookGood / testVerifyWebhookBad.
const QByteArray key = "key-3ax6xnjp29jd6fds4gc373sgvjxteol0";
const QByteArray timestamp = "1403645220";
const QByteArray token = "5egbgr1vjgqxtrnp65xfznchgdccwh5d6i09vijqi3whgowmn6";
const QByteArray signature = "9cfc5c41582e51246e73c88d34db3af0a3a2692a76fbab81492842f000256d33";

bool verified(const Verification &v)
{
    return v.outcome == Verification::Outcome::Verified;
}

} // namespace

class MailgunSignatureTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void publishedVector()
    {
        QCOMPARE(MailgunSignature::sign(key, timestamp, token), signature);
        const auto v = MailgunSignature::verify(key, timestamp, token, signature);
        QVERIFY2(verified(v), qPrintable(v.detail));
        QCOMPARE(v.stringToSign, timestamp + token);
        // testVerifyWebhookBad: another token with the same signature.
        QCOMPARE(MailgunSignature::verify(
                     key, timestamp, "owyldpe6nxhmrn78epljl6bj0orrki1u3d2v5e6cnlmmuox8jr", signature)
                     .outcome,
            Verification::Outcome::Invalid);
        // testVerifyWebhookEmptyRequest
        QVERIFY(MailgunSignature::verify(key, "", "", "")
                    .detail.contains(QStringLiteral("missing timestamp, token, signature")));
    }

    void jsonEventBody()
    {
        const QByteArray body
            = R"({"signature":{"timestamp":"1403645220","token":"5egbgr1vjgqxtrnp65xfznchgdccwh5d6i09vijqi3whgowmn6",)"
              R"("signature":"9cfc5c41582e51246e73c88d34db3af0a3a2692a76fbab81492842f000256d33"},)"
              R"("event-data":{"event":"delivered","id":"CPgfbmQMTCKtHW6uIWtuVe"}})";
        QVERIFY(verified(MailgunSignature::verifyJsonBody(key, body)));
        QVERIFY(MailgunSignature::verifyJsonBody(key, R"({"event-data":{}})")
                    .detail.contains(QStringLiteral("no \"signature\" object")));
        QVERIFY(MailgunSignature::verifyJsonBody(key, "not json")
                    .detail.contains(QStringLiteral("not a JSON object")));
        QCOMPARE(MailgunSignature::verifyJsonBody("key-wrong", body).outcome, Verification::Outcome::Invalid);
    }

    void urlencodedAndMultipartForms()
    {
        const auto urlencoded = FormParser::parse(
            "recipient=bob%40example.com&timestamp=1403645220"
            "&token=5egbgr1vjgqxtrnp65xfznchgdccwh5d6i09vijqi3whgowmn6"
            "&signature=9cfc5c41582e51246e73c88d34db3af0a3a2692a76fbab81492842f000256d33");
        QVERIFY(verified(MailgunSignature::verifyForm(key, urlencoded)));

        const QByteArray multipart = "--b0\r\nContent-Disposition: form-data; name=\"timestamp\"\r\n\r\n"
            + timestamp + "\r\n--b0\r\nContent-Disposition: form-data; name=\"token\"\r\n\r\n" + token
            + "\r\n--b0\r\nContent-Disposition: form-data; name=\"signature\"\r\n\r\n" + signature
            + "\r\n--b0\r\nContent-Disposition: form-data; name=\"attachment-1\"; filename=\"x.txt\"\r\n"
              "Content-Type: text/plain\r\n\r\nhello\r\n--b0--\r\n";
        const auto parsed = MultipartParser::parse("multipart/form-data; boundary=b0", multipart);
        QVERIFY2(parsed.ok(), qPrintable(parsed.error));
        QVERIFY(verified(MailgunSignature::verifyForm(key, parsed.fields())));
    }

    void freshness()
    {
        // Judged as of the arrival time, when one is given.
        QVERIFY(verified(MailgunSignature::verify(key, timestamp, token, signature, 1403645220 + 60)));
        const auto stale
            = MailgunSignature::verify(key, timestamp, token, signature, 1403645220 + 15 * 60 + 1);
        QCOMPARE(stale.outcome, Verification::Outcome::Invalid);
        QVERIFY2(stale.detail.contains(QStringLiteral("stale timestamp")), qPrintable(stale.detail));
        const auto future
            = MailgunSignature::verify(key, timestamp, token, signature, 1403645220 - 15 * 60 - 1);
        QVERIFY2(future.detail.contains(QStringLiteral("future")), qPrintable(future.detail));
    }

    void malformedInput()
    {
        QVERIFY(MailgunSignature::verify(key, "14036x", token, signature)
                    .detail.contains(QStringLiteral("not Unix seconds")));
        QVERIFY(MailgunSignature::verify(key, timestamp, token, "zz")
                    .detail.contains(QStringLiteral("not a 64-digit hex")));
        QVERIFY(MailgunSignature::verify("api-key-not-signing-key", timestamp, token, signature)
                    .detail.contains(QStringLiteral("wrong webhook signing key")));
        // Upper-case hex is the same signature.
        QVERIFY(verified(MailgunSignature::verify(key, timestamp, token, signature.toUpper())));
    }
};

QTEST_GUILESS_MAIN(MailgunSignatureTest)
#include "tst_mailgunsignature.moc"
