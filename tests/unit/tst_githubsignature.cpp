#include "security/GithubSignature.h"

#include <QTest>

using namespace sb;

class GithubSignatureTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void documentedVector()
    {
        // docs.github.com "Validating webhook deliveries", "Testing the webhook payload validation":
        // secret "It's a Secret to Everybody", payload "Hello, World!".
        const QByteArray expected = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
        QCOMPARE(GithubSignature::sign("It's a Secret to Everybody", "Hello, World!"), expected);
        const auto v = GithubSignature::verify("It's a Secret to Everybody", "Hello, World!", expected);
        QCOMPARE(v.outcome, Verification::Outcome::Verified);
        QCOMPARE(v.stringToSign, QByteArray("Hello, World!"));
    }

    void rejections()
    {
        const auto signature = GithubSignature::sign("s", "{}");
        QCOMPARE(GithubSignature::verify("t", "{}", signature).outcome, Verification::Outcome::Invalid);
        QCOMPARE(GithubSignature::verify("s", "{ }", signature).outcome, Verification::Outcome::Invalid);
        // The prefix is required; the bare hex is what the CRM scheme takes, not GitHub's.
        QVERIFY(
            GithubSignature::verify("s", "{}", signature.mid(7)).detail.contains(QStringLiteral("sha256=")));
        QVERIFY(GithubSignature::verify("s", "{}", "sha1=abc").detail.contains(QStringLiteral("sha256=")));
        QVERIFY(GithubSignature::verify("s", "{}", "")
                    .detail.contains(QStringLiteral("missing X-Hub-Signature-256")));
    }
};

QTEST_GUILESS_MAIN(GithubSignatureTest)
#include "tst_githubsignature.moc"
