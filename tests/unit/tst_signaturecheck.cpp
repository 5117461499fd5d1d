#include "security/ElevenLabsSignature.h"
#include "security/SignatureCheck.h"
#include "security/TwilioSignature.h"

#include <QTest>

using namespace sb;

namespace {

SignatureCheckInput input(const QString &provider, const QByteArray &secret)
{
    SignatureCheckInput in;
    in.scheme = schemeNamed(provider).value();
    in.secret = secret;
    return in;
}

bool verified(const Verification &v)
{
    return v.outcome == Verification::Outcome::Verified;
}

} // namespace

class SignatureCheckTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void twilioFormBodyParsedFromRequestBytes()
    {
        // The twilio-python vector, arriving as an urlencoded body on the public URL.
        auto in = input(QStringLiteral("twilio"), "12345");
        in.url = "https://mycompany.com/myapp.php?foo=1&bar=2";
        in.headers = {{"Content-Type", "application/x-www-form-urlencoded"},
            {"x-twilio-signature", "RSOYDt4T1cUTdK1PDd93/VVr8B8="}};
        in.body = "CallSid=CA1234567890ABCDE&Caller=%2B14158675309&Digits=1234&From=%2B14158675309&To=%"
                  "2B18005551212";
        const auto v = SignatureCheck::verify(in);
        QVERIFY2(verified(v), qPrintable(v.detail));
        QVERIFY(v.stringToSign.endsWith("To+18005551212"));
    }

    void twilioFromApiRequest()
    {
        ApiRequest request;
        request.headers
            = {{"Content-Type", "application/json"}, {"X-Twilio-Signature", "a9nBmqA0ju/hNViExpshrM61xv4="}};
        request.body = R"({"property": "value", "boolean": true})";
        request.receivedAtMs = 1700000000123;
        const auto in = SignatureCheckInput::fromRequest(SignatureScheme::Twilio, "12345", request,
            "https://mycompany.com/"
            "myapp.php?foo=1&bar=2&bodySHA256="
            "0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620");
        QCOMPARE(in.nowSeconds, std::optional<qint64>(1700000000));
        QVERIFY(verified(SignatureCheck::verify(in)));
    }

    void signalWireChoosesRuleByBody()
    {
        auto in = input(QStringLiteral("signalwire"), "12345");
        in.url = "https://mycompany.com/myapp.php?foo=1&bar=2";
        in.headers = {{"X-Twilio-Signature", "RSOYDt4T1cUTdK1PDd93/VVr8B8="}}; // older spaces send this name
        in.form = FormParser::parse("CallSid=CA1234567890ABCDE&Caller=%2B14158675309&Digits=1234&From=%"
                                    "2B14158675309&To=%2B18005551212");
        auto v = SignatureCheck::verify(in);
        QVERIFY2(verified(v), qPrintable(v.detail));
        QCOMPARE(v.scheme, QStringLiteral("signalwire-compat"));

        in.form = {};
        in.headers = {{"Content-Type", "application/json"}, {"X-SignalWire-Signature", QByteArray(40, '0')}};
        in.body = R"({"call":{}})";
        v = SignatureCheck::verify(in);
        QCOMPARE(v.scheme, QStringLiteral("signalwire"));
        QCOMPARE(v.stringToSign, in.url + in.body);
    }

    void mailgunJsonAndMultipart()
    {
        auto in = input(QStringLiteral("mailgun"), "key-3ax6xnjp29jd6fds4gc373sgvjxteol0");
        in.headers = {{"Content-Type", "application/json"}};
        in.body
            = R"({"signature":{"timestamp":"1403645220","token":"5egbgr1vjgqxtrnp65xfznchgdccwh5d6i09vijqi3whgowmn6",)"
              R"("signature":"9cfc5c41582e51246e73c88d34db3af0a3a2692a76fbab81492842f000256d33"}})";
        QVERIFY(verified(SignatureCheck::verify(in)));
        in.nowSeconds = 1403645220 + 3600; // an hour after signing: stale
        QVERIFY(SignatureCheck::verify(in).detail.contains(QStringLiteral("stale")));

        in.nowSeconds.reset();
        in.headers = {{"Content-Type", "multipart/form-data; boundary=zz"}};
        in.body = "--zz\r\nContent-Disposition: form-data; name=\"timestamp\"\r\n\r\n1403645220\r\n--zz";
        const auto broken = SignatureCheck::verify(in);
        QCOMPARE(broken.outcome, Verification::Outcome::Invalid);
        QVERIFY2(broken.detail.startsWith(QStringLiteral("multipart body: missing closing boundary")),
            qPrintable(broken.detail));
    }

    void elevenLabsNeedsArrivalTime()
    {
        auto in = input(QStringLiteral("elevenlabs"), "s");
        in.body = "{}";
        in.headers = {{"ElevenLabs-Signature", ElevenLabsSignature::sign("s", 1000, "{}")}};
        QVERIFY(SignatureCheck::verify(in).detail.contains(QStringLiteral("no arrival time")));
        in.nowSeconds = 1000;
        QVERIFY(verified(SignatureCheck::verify(in)));
    }

    void missingSecretAndUnknownProvider()
    {
        const auto missing = SignatureCheck::verify(input(QStringLiteral("twilio"), ""));
        QCOMPARE(missing.outcome, Verification::Outcome::MissingSecret);
        QCOMPARE(missing.scheme, QStringLiteral("twilio"));
        QVERIFY(!SignatureCheck::isKnownProvider(QStringLiteral("stripe")));
        QVERIFY(!schemeNamed(u"stripe"));
        // The names --provider takes and refusals record, unchanged; every scheme has one and back.
        QCOMPARE(SignatureCheck::providers(),
            (QStringList {QStringLiteral("twilio"), QStringLiteral("signalwire"), QStringLiteral("mailgun"),
                QStringLiteral("elevenlabs"), QStringLiteral("standard"), QStringLiteral("github"),
                QStringLiteral("hmac-sha256"), QStringLiteral("bearer")}));
        for (const auto &name : SignatureCheck::providers())
            QCOMPARE(schemeName(schemeNamed(name).value()), name);
    }

    void everySchemeRefusesAWrongSignature()
    {
        // No scheme falls through to another: each judges its own header and names itself.
        const QHash<QString, QString> recorded {{QStringLiteral("twilio"), QStringLiteral("twilio")},
            {QStringLiteral("signalwire"), QStringLiteral("signalwire")},
            {QStringLiteral("mailgun"), QStringLiteral("mailgun")},
            {QStringLiteral("elevenlabs"), QStringLiteral("elevenlabs")},
            {QStringLiteral("standard"), QStringLiteral("standard-webhooks")},
            {QStringLiteral("github"), QStringLiteral("github")},
            {QStringLiteral("hmac-sha256"), QStringLiteral("hmac-sha256-hex")},
            {QStringLiteral("bearer"), QStringLiteral("bearer")}};
        for (const auto &name : SignatureCheck::providers()) {
            auto in = input(name, "secret");
            in.url = "https://example.com/hook";
            in.body = "{}";
            in.headers = {{"Content-Type", "application/json"}};
            in.nowSeconds = 1700000000;
            const auto v = SignatureCheck::verify(in);
            QVERIFY2(v.outcome == Verification::Outcome::Invalid, qPrintable(name));
            QVERIFY2(!v.detail.isEmpty(), qPrintable(name));
            QCOMPARE(v.scheme, recorded.value(name));
        }
    }

    void bearerToken()
    {
        auto in = input(QStringLiteral("bearer"), "tok-123");
        in.headers = {{"Authorization", "bearer tok-123"}};
        QVERIFY(verified(SignatureCheck::verify(in)));
        in.headers = {{"Authorization", "Bearer tok-124"}};
        QCOMPARE(SignatureCheck::verify(in).detail, QStringLiteral("the bearer token does not match"));
        in.headers.clear();
        QCOMPARE(SignatureCheck::verify(in).detail, QStringLiteral("missing Authorization: Bearer <token>"));
    }

    void crmHexScheme()
    {
        auto in = input(QStringLiteral("hmac-sha256"), "Jefe");
        in.body = "what do ya want for nothing?";
        // RFC 4231 test case 2
        in.headers
            = {{"X-Webhook-Signature", "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"}};
        QVERIFY(verified(SignatureCheck::verify(in)));
        in.headers.clear();
        QCOMPARE(SignatureCheck::verify(in).detail, QStringLiteral("missing X-Webhook-Signature header"));
    }
};

QTEST_GUILESS_MAIN(SignatureCheckTest)
#include "tst_signaturecheck.moc"
