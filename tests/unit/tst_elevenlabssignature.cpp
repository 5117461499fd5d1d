#include "security/ElevenLabsSignature.h"

#include <QTest>

using namespace sb;

namespace {

// elevenlabs-python tests/test_webhooks.py test_construct_event_mocked_time: secret "test_secret",
// body json.dumps({"event_type": "speech.completed", "id": "123456"}), time 1600000000. The test
// computes the digest at run time; its value below was computed independently with Python's hmac.
const QByteArray secret = "test_secret";
const QByteArray body = R"({"event_type": "speech.completed", "id": "123456"})";
const qint64 t = 1600000000;
const QByteArray digest = "f8a0d1dc33ee963cb54d2f31514555995e93313c9d2042c030adbb82b87fae13";

bool verified(const Verification &v)
{
    return v.outcome == Verification::Outcome::Verified;
}

} // namespace

class ElevenLabsSignatureTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sdkVector()
    {
        QCOMPARE(ElevenLabsSignature::sign(secret, t, body), "t=1600000000,v0=" + digest);
        const auto v = ElevenLabsSignature::verify(secret, body, QByteArray("t=1600000000,v0=" + digest), t);
        QVERIFY2(verified(v), qPrintable(v.detail));
        QCOMPARE(v.stringToSign, "1600000000." + body);
        // Element order and spaces do not matter; unknown schemes are ignored.
        QVERIFY(verified(ElevenLabsSignature::verify(
            secret, body, QByteArray("v1=abc, v0=" + digest + " ,t=1600000000"), t + 10)));
    }

    void rejections()
    {
        const QByteArray header = "t=1600000000,v0=" + digest;
        auto v = ElevenLabsSignature::verify("other", body, header, t);
        QVERIFY2(v.detail.contains(QStringLiteral("does not match")), qPrintable(v.detail));
        QCOMPARE(ElevenLabsSignature::verify(secret, QByteArray(body + " "), header, t).outcome,
            Verification::Outcome::Invalid);
        // test_construct_event_invalid_signature_format / _missing_signature
        QVERIFY(ElevenLabsSignature::verify(secret, body, "invalid_format", t)
                    .detail.contains(QStringLiteral("lacks")));
        QVERIFY(ElevenLabsSignature::verify(secret, body, "", t)
                    .detail.contains(QStringLiteral("missing ElevenLabs-Signature")));
        QVERIFY(ElevenLabsSignature::verify(secret, body, QByteArray("v0=" + digest), t)
                    .detail.contains(QStringLiteral("t=")));
        // test_construct_event_invalid_signature
        QVERIFY(ElevenLabsSignature::verify(secret, body, "t=1600000000,v0=invalid_signature", t)
                    .detail.contains(QStringLiteral("not a 64-digit hex")));
        QVERIFY(ElevenLabsSignature::verify(secret, body, QByteArray("t=16e8,v0=" + digest), t)
                    .detail.contains(QStringLiteral("not Unix seconds")));
    }

    void thirtyMinuteWindow()
    {
        const QByteArray header = "t=1600000000,v0=" + digest;
        QVERIFY(verified(ElevenLabsSignature::verify(secret, body, header, t + 30 * 60)));
        // test_construct_event_expired_timestamp: 31 minutes old.
        const auto stale = ElevenLabsSignature::verify(secret, body, header, t + 31 * 60);
        QCOMPARE(stale.outcome, Verification::Outcome::Invalid);
        QVERIFY2(stale.detail.startsWith(QStringLiteral("stale timestamp")), qPrintable(stale.detail));
        const auto future = ElevenLabsSignature::verify(secret, body, header, t - 31 * 60);
        QVERIFY2(future.detail.contains(QStringLiteral("future")), qPrintable(future.detail));
        // A wrong signature that is also stale names both problems.
        const auto both = ElevenLabsSignature::verify("other", body, header, t + 3600);
        QVERIFY(both.detail.contains(QStringLiteral("does not match"))
            && both.detail.contains(QStringLiteral("stale")));
    }
};

QTEST_GUILESS_MAIN(ElevenLabsSignatureTest)
#include "tst_elevenlabssignature.moc"
