#include "security/ConstantTime.h"
#include "security/HexHmacSignature.h"

#include <QTest>

using namespace sb;

class HexHmacTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rfc4231Vector()
    {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?"
        QCOMPARE(HexHmacSignature::sign("Jefe", "what do ya want for nothing?"),
            QByteArray("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"));
    }

    void verifiesAndRejects()
    {
        const QByteArray body = R"({"event":"new_lead","data":{}})";
        const auto signature = HexHmacSignature::sign("s3cret", body);
        QCOMPARE(
            HexHmacSignature::verify("s3cret", body, signature).outcome, Verification::Outcome::Verified);
        QCOMPARE(HexHmacSignature::verify("s3cret", body, QByteArray("sha256=" + signature)).outcome,
            Verification::Outcome::Verified);
        QCOMPARE(HexHmacSignature::verify("s3cret", body, signature.toUpper()).outcome,
            Verification::Outcome::Verified);
        QCOMPARE(HexHmacSignature::verify("other", body, signature).outcome, Verification::Outcome::Invalid);
        QCOMPARE(HexHmacSignature::verify("s3cret", QByteArray(body + " "), signature).outcome,
            Verification::Outcome::Invalid);
        const auto missing = HexHmacSignature::verify("s3cret", body, "");
        QCOMPARE(missing.outcome, Verification::Outcome::Invalid);
        QVERIFY(missing.detail.contains(QStringLiteral("missing")));
    }

    void constantTimeEquality()
    {
        QVERIFY(constantTimeEquals("abc", "abc"));
        QVERIFY(!constantTimeEquals("abc", "abd"));
        QVERIFY(!constantTimeEquals("abc", "abcd"));
        QVERIFY(constantTimeEquals("", ""));
    }
    void timestampedScheme()
    {
        const QByteArray secret = "crm-secret";
        const QByteArray body = R"({"event":"new_lead","data":{}})";
        const qint64 now = 1700000000;
        const auto signedAt = [&](qint64 at) {
            return HexHmacSignature::sign(secret, QByteArray(QByteArray::number(at) + '.' + body));
        };
        QCOMPARE(HexHmacSignature::timestampedStringToSign("1700000000", body), "1700000000." + body);
        // Within five minutes either way of the arrival.
        for (const qint64 at : {now, now - 300, now + 300}) {
            const auto v
                = HexHmacSignature::verifyRequest(secret, body, signedAt(at), QByteArray::number(at), now);
            QVERIFY2(v.outcome == Verification::Outcome::Verified, qPrintable(v.detail));
            QCOMPARE(v.scheme, QStringLiteral("hmac-sha256-hex-timestamped"));
        }
        auto v = HexHmacSignature::verifyRequest(
            secret, body, signedAt(now - 301), QByteArray::number(now - 301), now);
        QCOMPARE(v.outcome, Verification::Outcome::Invalid);
        QCOMPARE(v.detail,
            QStringLiteral("stale timestamp: 1699999699 is 301 s before the arrival time 1700000000 "
                           "(tolerance 300 s)"));
        v = HexHmacSignature::verifyRequest(
            secret, body, signedAt(now + 301), QByteArray::number(now + 301), now);
        QVERIFY(v.detail.startsWith(QStringLiteral("timestamp in the future: 1700000301 is 301 s after")));
        // The timestamp is signed: moving it, or signing the body alone, does not verify.
        v = HexHmacSignature::verifyRequest(secret, body, signedAt(now - 10), QByteArray::number(now), now);
        QCOMPARE(v.outcome, Verification::Outcome::Invalid);
        QVERIFY(v.detail.contains(QStringLiteral("timestamp + \".\" + body")));
        v = HexHmacSignature::verifyRequest(
            secret, body, HexHmacSignature::sign(secret, body), "1700000000", now);
        QCOMPARE(v.outcome, Verification::Outcome::Invalid);
        v = HexHmacSignature::verifyRequest(secret, body, signedAt(now), "17e8", now);
        QCOMPARE(v.detail, QStringLiteral("X-Webhook-Timestamp \"17e8\" is not Unix seconds"));
        v = HexHmacSignature::verifyRequest(secret, body, "", "1700000000", now);
        QCOMPARE(v.detail, QStringLiteral("missing X-Webhook-Signature header"));
        // Without the timestamp header the seed's body-only rule applies, whatever the time.
        v = HexHmacSignature::verifyRequest(secret, body, HexHmacSignature::sign(secret, body), "", now);
        QCOMPARE(v.outcome, Verification::Outcome::Verified);
        QCOMPARE(v.scheme, QStringLiteral("hmac-sha256-hex"));
    }
};

QTEST_GUILESS_MAIN(HexHmacTest)
#include "tst_hexhmac.moc"
