#include "security/SignalWireSignature.h"

#include <QTest>

using namespace sb;

namespace {

// signalwire-js packages/.../validateRequest.test.ts, signalwire-python tests (TestRequestValidator
// test_should_validate_no_compatibility) and signalwire-ruby webhook/validate_request_spec.rb share
// this RELAY call event.
const QByteArray signingKey = "PSK_7TruNcSNTxp4zNrykMj4EPzF";
const QByteArray url = "https://81f2-2-45-18-191.ngrok-free.app/";
const QByteArray rawBody
    = R"({"call":{"call_id":"b5d63b2e-f75b-4dc8-b6d4-269b635f96c0","node_id":"fa3570ae-f8bd-42c2-83f4-9950d906c91b@us-west",)"
      R"("segment_id":"b5d63b2e-f75b-4dc8-b6d4-269b635f96c0","call_state":"created","direction":"inbound","type":"phone",)"
      R"("from":"+12135877632","to":"+12089806814","from_number":"+12135877632","to_number":"+12089806814",)"
      R"("project_id":"4b7ae78a-d02e-4889-a63b-08b156d5916e","space_id":"62615f44-2a34-4235-b38b-76b5a1de6ef8"},"vars":{}})";
const QByteArray signature = "b18500437ebb010220ddd770cbe6fd531ea0ba0d";

bool verified(const Verification &v)
{
    return v.outcome == Verification::Outcome::Verified;
}

} // namespace

class SignalWireSignatureTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void jsonVector()
    {
        QCOMPARE(SignalWireSignature::signJson(signingKey, url, rawBody), signature);
        const auto v = SignalWireSignature::verifyJson(signingKey, url, rawBody, signature);
        QVERIFY2(verified(v), qPrintable(v.detail));
        QCOMPARE(v.stringToSign, url + rawBody);
        QCOMPARE(v.scheme, QStringLiteral("signalwire"));
    }

    void jsonRejections()
    {
        // The same cases as the SDK tests: wrong key, other body, other URL, garbage header.
        QCOMPARE(SignalWireSignature::verifyJson("PSK_foo", url, rawBody, signature).outcome,
            Verification::Outcome::Invalid);
        QCOMPARE(SignalWireSignature::verifyJson(signingKey, url, R"({"foo":"bar"})", signature).outcome,
            Verification::Outcome::Invalid);
        QCOMPARE(
            SignalWireSignature::verifyJson(signingKey, QByteArray(url + "bar?q=hello"), rawBody, signature)
                .outcome,
            Verification::Outcome::Invalid);
        const auto touched = SignalWireSignature::verifyJson(signingKey, url, rawBody, "touched!");
        QCOMPARE(touched.outcome, Verification::Outcome::Invalid);
        QVERIFY(touched.detail.contains(QStringLiteral("not 40 hex digits")));
        QVERIFY(SignalWireSignature::verifyJson(signingKey, url, rawBody, "")
                    .detail.contains(QStringLiteral("missing")));
        // With the default port in the URL the SDK's port-less signature still verifies (signalwire-python).
        QVERIFY(verified(SignalWireSignature::verifyJson(
            signingKey, "https://81f2-2-45-18-191.ngrok-free.app:443/", rawBody, signature)));
    }

    void compatibilityForm()
    {
        // signalwire-python test_should_validate_with_compatibity (the Twilio vector, keyed "12345").
        FormFields form;
        form.append(QStringLiteral("CallSid"), QStringLiteral("CA1234567890ABCDE"));
        form.append(QStringLiteral("Caller"), QStringLiteral("+14158675309"));
        form.append(QStringLiteral("Digits"), QStringLiteral("1234"));
        form.append(QStringLiteral("From"), QStringLiteral("+14158675309"));
        form.append(QStringLiteral("To"), QStringLiteral("+18005551212"));
        const auto v = SignalWireSignature::verifyForm(
            "12345", "https://mycompany.com/myapp.php?foo=1&bar=2", form, "RSOYDt4T1cUTdK1PDd93/VVr8B8=");
        QVERIFY2(verified(v), qPrintable(v.detail));
        QCOMPARE(v.scheme, QStringLiteral("signalwire-compat"));
        QCOMPARE(
            SignalWireSignature::verifyForm("12345", "https://mycompany.com/myapp.php?foo=1&bar=2", form, "")
                .detail,
            QStringLiteral("missing X-SignalWire-Signature (or X-Twilio-Signature) header"));
    }

    void compatibilityFromSignalWireRequests()
    {
        // signalwire-python test_should_validate_from_signalwire_https_request / _from_raw_json: a real
        // call-progress callback, signed by SignalWire with the compatibility rule.
        const QByteArray key = "PSK_V3bF8oyeRNpJWGoRWHNYQMUU";
        const QByteArray voiceUrl = "https://675d-189-71-169-171.ngrok-free.app/voice";
        const QByteArray json = R"({
            "CallSid": "a97d4e8a-6047-4e2b-be48-fb96b33b5642",
            "AccountSid": "6bfbbe86-a901-4197-8759-2a0de1fa319d",
            "ApiVersion": "2010-04-01",
            "Direction": "outbound-api",
            "From": "sip:+17063958228@sip.swire.io",
            "To": "sip:jpsantos@joaosantos-2a0de1fa319d.sip.swire.io",
            "Timestamp": "Thu, 09 Nov 2023 14:40:55 +0000",
            "CallStatus": "no-answer",
            "CallbackSource": "call-progress-events",
            "HangupDirection": "outbound",
            "HangupBy": "sip:+17063958228@sip.swire.io",
            "SipResultCode": "487"
        })";
        const auto v = SignalWireSignature::verifyJson(key, voiceUrl, json, "muUMpldcBHlzuXGZ5gbw1ETZCYA=");
        QVERIFY2(verified(v), qPrintable(v.detail));
        QCOMPARE(v.scheme, QStringLiteral("signalwire-compat-json"));

        // test_should_validate_from_signalwire_http_request, as a form post.
        const auto form = FormParser::parse(
            "AccountSid=6bfbbe86-a901-4197-8759-2a0de1fa319d&ApiVersion=2010-04-01&CallbackSource=call-"
            "progress-events"
            "&CallSid=0703574f-b151-465d-aedb-28972eb513c7&CallStatus=busy&Direction=outbound-api"
            "&From=sip%3A%2B17063958228%40sip.swire.io&HangupBy=sip%3Ajpsantos%40joaosantos-2a0de1fa319d.sip."
            "swire.io"
            "&HangupDirection=inbound&Timestamp=Thu%2C+09+Nov+2023+17%3A05%3A04+%2B0000"
            "&To=sip%3Ajpsantos%40joaosantos-2a0de1fa319d.sip.swire.io&SipResultCode=486");
        const auto http = SignalWireSignature::verifyForm(
            key, "http://0aac-189-71-169-171.ngrok-free.app/voice", form, "lf3nWPmUr2y6jSeeoMW4mg58vgI=");
        QVERIFY2(verified(http), qPrintable(http.detail));
    }

    void jsonFieldsAsJavaScriptSeesThem()
    {
        const auto fields = SignalWireSignature::jsonFields(
            R"({"a":"x","n":42,"f":1.5,"b":true,"z":null,"o":{"k":1},"l":["p","q"]})");
        QCOMPARE(fields.value(u"n"), QStringLiteral("42"));
        QCOMPARE(fields.value(u"f"), QStringLiteral("1.5"));
        QCOMPARE(fields.value(u"b"), QStringLiteral("true"));
        QCOMPARE(fields.value(u"z"), QStringLiteral("null"));
        QCOMPARE(fields.value(u"o"), QStringLiteral("[object Object]"));
        QCOMPARE(fields.values(u"l"), (QStringList {QStringLiteral("p"), QStringLiteral("q")}));
        QVERIFY(SignalWireSignature::jsonFields("[1,2]").isEmpty());
    }

    // Numbers a 64-bit integer cannot hold, and JavaScript's switch between plain and exponent
    // notation (String(x) in node).
    void jsonNumbersAsJavaScriptPrintsThem()
    {
        const auto fields = SignalWireSignature::jsonFields(
            R"({"big":1e300,"e20":1e20,"e21":1e21,"u64":18446744073709551616,"negzero":-0.0,"small":0.00001,)"
            R"("tiny":1.5e-7,"neg":-2.5,"i64min":-9223372036854775808})");
        QCOMPARE(fields.value(u"big"), QStringLiteral("1e+300"));
        QCOMPARE(fields.value(u"e20"), QStringLiteral("100000000000000000000"));
        QCOMPARE(fields.value(u"e21"), QStringLiteral("1e+21"));
        QCOMPARE(fields.value(u"u64"), QStringLiteral("18446744073709552000"));
        QCOMPARE(fields.value(u"negzero"), QStringLiteral("0"));
        QCOMPARE(fields.value(u"small"), QStringLiteral("0.00001"));
        QCOMPARE(fields.value(u"tiny"), QStringLiteral("1.5e-7"));
        QCOMPARE(fields.value(u"neg"), QStringLiteral("-2.5"));
        QCOMPARE(fields.value(u"i64min"), QStringLiteral("-9223372036854776000"));
    }
};

QTEST_GUILESS_MAIN(SignalWireSignatureTest)
#include "tst_signalwiresignature.moc"
