#include "security/StandardWebhookSignature.h"

#include <QTest>

using namespace sb;

namespace {

// standard-webhooks/standard-webhooks libraries/python/tests/test_webhooks.py test_sign_function
// (the same vector is in the JavaScript, Go, Rust and other libraries' tests).
const QByteArray secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const QByteArray id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
const qint64 t = 1614265330;
const QByteArray payload = R"({"test": 2432232314})";
const QByteArray expected = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

bool verified(const Verification &v)
{
    return v.outcome == Verification::Outcome::Verified;
}

Verification check(const QByteArray &signatures, qint64 now = t, const QByteArray &key = secret,
    const QByteArray &body = payload)
{
    return StandardWebhookSignature::verify(key, id, QByteArray::number(t), signatures, body, now);
}

} // namespace

class StandardWebhookSignatureTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void signVector()
    {
        QCOMPARE(StandardWebhookSignature::sign(secret, id, t, payload), expected);
        const auto v = check(expected);
        QVERIFY2(verified(v), qPrintable(v.detail));
        QCOMPARE(v.stringToSign, id + ".1614265330." + payload);
    }

    void secretForms()
    {
        // test_signature_verification_with_and_without_prefix: the reference libraries decode an
        // unprefixed secret as base64 too.
        QVERIFY(verified(check(expected, t, "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")));
        // A free-form secret without the prefix signs with its UTF-8 bytes.
        const auto own = StandardWebhookSignature::sign("my secret", id, t, payload);
        QVERIFY(verified(check(own, t, "my secret")));
        QCOMPARE(StandardWebhookSignature::signingKey("my secret"), QByteArray("my secret"));
        QString error;
        QVERIFY(StandardWebhookSignature::signingKey("whsec_***", &error).isEmpty());
        QVERIFY(error.contains(QStringLiteral("not valid base64")));
        QVERIFY(check(expected, t, "whsec_***").detail.contains(QStringLiteral("not valid base64")));
    }

    void spaceSeparatedList()
    {
        // test_multi_sig_payload_is_valid
        const QByteArray list = "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= "
                                "v2,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= "
            + expected + " v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=";
        QVERIFY(verified(check(list)));
        // test_invalid_signature_raises_error (one character off)
        const auto wrong = check("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OA=");
        QCOMPARE(wrong.outcome, Verification::Outcome::Invalid);
        QVERIFY(wrong.detail.contains(QStringLiteral("none of the 1 v1")));
        QVERIFY(check("v2,abc").detail.contains(QStringLiteral("no \"v1,<base64>\"")));
        QVERIFY(check("v1,@@@").detail.contains(QStringLiteral("valid base64")));
    }

    void tamperingAndHeaders()
    {
        QCOMPARE(check(expected, t, secret, payload + " ").outcome, Verification::Outcome::Invalid);
        QCOMPARE(check(expected, t, "whsec_" + QByteArray("other-key").toBase64()).outcome,
            Verification::Outcome::Invalid);
        // test_missing_id/_timestamp/_signature_raises_error, test_invalid_timestamp_raises_error
        QVERIFY(StandardWebhookSignature::verify(secret, "", "1614265330", expected, payload, t)
                    .detail.contains(QStringLiteral("webhook-id")));
        QVERIFY(StandardWebhookSignature::verify(secret, id, "", expected, payload, t)
                    .detail.contains(QStringLiteral("webhook-timestamp")));
        QVERIFY(StandardWebhookSignature::verify(secret, id, "1614265330", "", payload, t)
                    .detail.contains(QStringLiteral("webhook-signature")));
        QVERIFY(StandardWebhookSignature::verify(secret, id, "hello", expected, payload, t)
                    .detail.contains(QStringLiteral("not Unix seconds")));
    }

    void fiveMinuteWindow()
    {
        // test_old_timestamp_fails / test_new_timestamp_fails: tolerance + 1 s either way.
        QVERIFY(verified(check(expected, t + 300)));
        QVERIFY(verified(check(expected, t - 300)));
        QVERIFY(check(expected, t + 301).detail.startsWith(QStringLiteral("stale timestamp")));
        QVERIFY(check(expected, t - 301).detail.startsWith(QStringLiteral("timestamp in the future")));
    }
};

QTEST_GUILESS_MAIN(StandardWebhookSignatureTest)
#include "tst_standardwebhooksignature.moc"
