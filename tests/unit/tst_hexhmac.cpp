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
        QCOMPARE(HexHmacSignature::verify("s3cret", body, signature).outcome, Verification::Outcome::Verified);
        QCOMPARE(HexHmacSignature::verify("s3cret", body, QByteArray("sha256=" + signature)).outcome, Verification::Outcome::Verified);
        QCOMPARE(HexHmacSignature::verify("s3cret", body, signature.toUpper()).outcome, Verification::Outcome::Verified);
        QCOMPARE(HexHmacSignature::verify("other", body, signature).outcome, Verification::Outcome::Invalid);
        QCOMPARE(HexHmacSignature::verify("s3cret", QByteArray(body + " "), signature).outcome, Verification::Outcome::Invalid);
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
};

QTEST_GUILESS_MAIN(HexHmacTest)
#include "tst_hexhmac.moc"
