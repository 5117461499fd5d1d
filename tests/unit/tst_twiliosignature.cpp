#include "security/TwilioSignature.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTest>
#include <algorithm>

using namespace sb;

namespace {

// twilio-python tests/unit/test_request_validator.py (ValidationTest.setUp) — the same request also
// appears in twilio-node's and twilio-ruby's docs and SignalWire's compatibility tests.
const QByteArray token = "12345";
const QByteArray uri = "https://mycompany.com/myapp.php?foo=1&bar=2";

FormFields params()
{
    FormFields form;
    form.append(QStringLiteral("CallSid"), QStringLiteral("CA1234567890ABCDE"));
    form.append(QStringLiteral("Digits"), QStringLiteral("1234"));
    form.append(QStringLiteral("From"), QStringLiteral("+14158675309"));
    form.append(QStringLiteral("To"), QStringLiteral("+18005551212"));
    form.append(QStringLiteral("Caller"), QStringLiteral("+14158675309"));
    return form;
}

bool verified(const Verification &v)
{
    return v.outcome == Verification::Outcome::Verified;
}

// The string-to-sign as the SDKs describe it, name by name: names sorted, then each name's distinct
// values sorted (twilio-python get_values + sorted(set(values)), twilio-node toFormUrlEncodedParam).
// Quadratic, kept here only as the reference the sorted implementation must equal.
QByteArray referenceStringToSign(const QByteArray &url, const FormFields &form)
{
    QList<QByteArray> names;
    for (const auto &field : form.items)
        names.append(field.name.toUtf8());
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    QByteArray data = url;
    for (const auto &name : names) {
        QList<QByteArray> values;
        for (const auto &field : form.items) {
            if (field.name.toUtf8() == name)
                values.append(field.value.toUtf8());
        }
        std::sort(values.begin(), values.end());
        values.erase(std::unique(values.begin(), values.end()), values.end());
        for (const auto &value : values)
            data += name + value;
    }
    return data;
}

} // namespace

class TwilioSignatureTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void publishedVectors()
    {
        // twilio-python test_compute_signature
        QCOMPARE(TwilioSignature::sign(token, uri, params()), QByteArray("RSOYDt4T1cUTdK1PDd93/VVr8B8="));
        QVERIFY(verified(TwilioSignature::verify(token, uri, params(), "RSOYDt4T1cUTdK1PDd93/VVr8B8=")));
        QCOMPARE(TwilioSignature::stringToSign(uri, params()),
            QByteArray("https://mycompany.com/myapp.php?foo=1&bar=2CallSidCA1234567890ABCDECaller+14158675309"
                       "Digits1234From+14158675309To+18005551212"));
        // TwilioDevEd/api-snippets security/signature_validation/signature_validation.3.x.js
        auto other = params();
        other.items[2].value = QStringLiteral("+14158675310");
        other.items[4].value = QStringLiteral("+14158675310");
        QVERIFY(verified(TwilioSignature::verify(token, uri, other, "GvWf1cFY/Q7PnoempGyD5oXAezc=")));
    }

    void repeatedParametersAsTheSdksDo()
    {
        // twilio-python test_compute_signature_duplicate_multi_dict / _query_dict: every distinct value
        // of a repeated name, values sorted.
        FormFields form;
        form.append(QStringLiteral("Sid"), QStringLiteral("CA123"));
        form.append(QStringLiteral("SidAccount"), QStringLiteral("AC123"));
        form.append(QStringLiteral("Digits"), QStringLiteral("5678"));
        form.append(QStringLiteral("Digits"), QStringLiteral("1234"));
        QCOMPARE(TwilioSignature::sign(token, uri, form), QByteArray("IK+Dwps556ElfBT0I3Rgjkr1wJU="));
        QVERIFY(
            TwilioSignature::stringToSign(uri, form).endsWith("Digits1234Digits5678SidCA123SidAccountAC123"));
        // Parsed straight from the body bytes, the same.
        const auto parsed = FormParser::parse("Sid=CA123&SidAccount=AC123&Digits=5678&Digits=1234");
        QVERIFY(verified(TwilioSignature::verify(token, uri, parsed, "IK+Dwps556ElfBT0I3Rgjkr1wJU=")));
        // A duplicated identical value counts once (twilio-node: Array.from(new Set(values))).
        form.append(QStringLiteral("Digits"), QStringLiteral("1234"));
        QCOMPARE(TwilioSignature::sign(token, uri, form), QByteArray("IK+Dwps556ElfBT0I3Rgjkr1wJU="));
    }

    void urlWithAndWithoutPort()
    {
        // twilio-python test_validation_adds_port_on_https: signed with :443, received without.
        QVERIFY(verified(TwilioSignature::verify(token, uri, params(), "kvajT1Ptam85bY51eRf/AJRuM3w=")));
        // test_validation_removes_port_on_https: signed without, received with a port.
        QVERIFY(verified(TwilioSignature::verify(token, "https://mycompany.com:1234/myapp.php?foo=1&bar=2",
            params(), "RSOYDt4T1cUTdK1PDd93/VVr8B8=")));
        // test_validation_adds_port_on_http: signed with :80.
        QVERIFY(verified(TwilioSignature::verify(
            token, "http://mycompany.com/myapp.php?foo=1&bar=2", params(), "0ZXoZLH/DfblKGATFgpif+LLRf4=")));
        // test_validation_removes_port_on_http: signed with the explicit :1234 it was received on.
        QVERIFY(verified(TwilioSignature::verify(token, "http://mycompany.com:1234/myapp.php?foo=1&bar=2",
            params(), "Zmvh+3yNM1Phv2jhDCwEM3q5ebU=")));
        // Received with :443, signed with :443.
        const auto matched = TwilioSignature::verify(token, "https://mycompany.com:443/myapp.php?foo=1&bar=2",
            params(), "kvajT1Ptam85bY51eRf/AJRuM3w=");
        QVERIFY(verified(matched));
        QCOMPARE(TwilioSignature::urlVariants("https://u:p@[::1]:8443/x?y=1"),
            (QList<QByteArray> {"https://u:p@[::1]:8443/x?y=1", "https://u:p@[::1]/x?y=1"}));
        QCOMPARE(TwilioSignature::urlVariants("https://abc.ngrok-free.app/api/webhooks/twilio/sms"),
            (QList<QByteArray> {"https://abc.ngrok-free.app/api/webhooks/twilio/sms",
                "https://abc.ngrok-free.app:443/api/webhooks/twilio/sms"}));
    }

    void singleQuoteInQueryAsTwilioNode()
    {
        // twilio-node spec/unit/webhooks/webhooks.spec.js "query param containing an (un)escaped single
        // quote": WHATWG URL serialisation turns ' into %27 before signing, so both forms verify.
        const QByteArray escaped = "https://example.com/path?test=param%27WithQuote";
        const auto signature = TwilioSignature::sign("s3cr3t", escaped, {});
        QVERIFY(verified(TwilioSignature::verify(
            "s3cr3t", "https://example.com/path?test=param'WithQuote", {}, signature)));
        QVERIFY(verified(TwilioSignature::verify("s3cr3t", escaped, {}, signature)));
        // webhooks.spec.js: a different query is rejected.
        QVERIFY(!verified(TwilioSignature::verify("s3cr3t", "https://example.com/path?test=param2", {},
            TwilioSignature::sign("s3cr3t", "https://example.com/path?test=param", {}))));
    }

    void bodySha256Variant()
    {
        // twilio-python test_compute_hash_unicode and test_validation_of_body_succeeds.
        const QByteArray body = R"({"property": "value", "boolean": true})";
        QCOMPARE(TwilioSignature::bodyHash(body),
            QByteArray("0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620"));
        const QByteArray url
            = uri + "&bodySHA256=0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620";
        const auto ok = TwilioSignature::verifyRequest(token, url, {}, body, "a9nBmqA0ju/hNViExpshrM61xv4=");
        QVERIFY2(verified(ok), qPrintable(ok.detail));
        QCOMPARE(ok.stringToSign, url); // the URL alone is signed
        // TwilioDevEd/api-snippets signature_validation_json: the documented body hashes to its bodySHA256.
        QCOMPARE(TwilioSignature::bodyHash(R"({"CallSid":"CA1234567890ABCDE","Caller":"+12349013030"})"),
            QByteArray("5ccde7145dfb8f56479710896586cb9d5911809d83afbe34627818790db0aec9"));

        // Tampered body: the signature still matches the URL, the hash does not.
        const auto tampered = TwilioSignature::verifyRequest(
            token, url, {}, R"({"property": "value", "boolean": false})", "a9nBmqA0ju/hNViExpshrM61xv4=");
        QCOMPARE(tampered.outcome, Verification::Outcome::Invalid);
        QVERIFY2(tampered.detail.contains(QStringLiteral("bodySHA256")), qPrintable(tampered.detail));
        // A URL without bodySHA256 cannot use the body variant.
        const auto missing
            = TwilioSignature::verifyWithBody(token, uri, body, "a9nBmqA0ju/hNViExpshrM61xv4=");
        QVERIFY(missing.detail.contains(QStringLiteral("no bodySHA256")));
    }

    void rejections()
    {
        auto v = TwilioSignature::verify("wrong", uri, params(), "RSOYDt4T1cUTdK1PDd93/VVr8B8=");
        QCOMPARE(v.outcome, Verification::Outcome::Invalid);
        QVERIFY2(v.detail.contains(QStringLiteral("URL forms tried")), qPrintable(v.detail));
        QVERIFY(v.detail.contains(QStringLiteral("https://mycompany.com:443/myapp.php")));

        auto tampered = params();
        tampered.items[1].value = QStringLiteral("9999");
        QCOMPARE(TwilioSignature::verify(token, uri, tampered, "RSOYDt4T1cUTdK1PDd93/VVr8B8=").outcome,
            Verification::Outcome::Invalid);
        // The local URL instead of the public one (the tunnel case).
        QCOMPARE(TwilioSignature::verify(token, "http://127.0.0.1:8080/myapp.php?foo=1&bar=2", params(),
                     "RSOYDt4T1cUTdK1PDd93/VVr8B8=")
                     .outcome,
            Verification::Outcome::Invalid);

        v = TwilioSignature::verify(token, uri, params(), "");
        QVERIFY(v.detail.contains(QStringLiteral("missing X-Twilio-Signature")));
        v = TwilioSignature::verify(token, uri, params(), "not base64!!");
        QVERIFY2(v.detail.contains(QStringLiteral("not valid base64")), qPrintable(v.detail));
        v = TwilioSignature::verify(token, uri, params(), "c2hvcnQ=");
        QVERIFY2(v.detail.contains(QStringLiteral("20")), qPrintable(v.detail));
        v = TwilioSignature::verify(token, "", params(), "RSOYDt4T1cUTdK1PDd93/VVr8B8=");
        QVERIFY(v.detail.contains(QStringLiteral("no URL")));
    }
    void repeatedNamesSortByNameThenValueOnce()
    {
        // Sent out of order, with a repeated name, a repeated pair and a name that prefixes another.
        FormFields form;
        form.append(QStringLiteral("b"), QStringLiteral("2"));
        form.append(QStringLiteral("ab"), QStringLiteral("x"));
        form.append(QStringLiteral("b"), QStringLiteral("10"));
        form.append(QStringLiteral("a"), QStringLiteral("z"));
        form.append(QStringLiteral("b"), QStringLiteral("2"));
        form.append(QStringLiteral("a"), QStringLiteral(""));
        QCOMPARE(TwilioSignature::stringToSign("https://h/x", form), QByteArray("https://h/xaazabxb10b2"));
        QCOMPARE(
            TwilioSignature::stringToSign("https://h/x", form), referenceStringToSign("https://h/x", form));
        // Byte (code point) order: upper case before lower case, ASCII before non-ASCII.
        FormFields mixed;
        mixed.append(QStringLiteral("a"), QStringLiteral("é"));
        mixed.append(QStringLiteral("B"), QStringLiteral("1"));
        mixed.append(QStringLiteral("a"), QStringLiteral("z"));
        QCOMPARE(
            TwilioSignature::stringToSign("u", mixed), QByteArray("uB1az") + QStringLiteral("aé").toUtf8());
    }

    void thousandFieldsMatchTheReference()
    {
        // 1,000 fields over 300 names, values repeated and shuffled: the one sort gives exactly the
        // SDKs' name-by-name string, and the signature made from it verifies.
        auto *random = QRandomGenerator::global();
        FormFields form;
        for (int i = 0; i < 1000; ++i)
            form.append(QStringLiteral("F%1").arg(random->bounded(300)),
                QStringLiteral("v%1").arg(random->bounded(50)));
        const auto expected = referenceStringToSign(uri, form);
        QCOMPARE(TwilioSignature::stringToSign(uri, form), expected);
        const auto signature = TwilioSignature::sign(token, uri, form);
        auto shuffled = form;
        std::shuffle(shuffled.items.begin(), shuffled.items.end(), *random);
        const auto v = TwilioSignature::verify(token, uri, shuffled, signature);
        QVERIFY2(verified(v), qPrintable(v.detail));
        QCOMPARE(v.stringToSign, expected);
    }

    void sixteenThousandFieldsTakeMilliseconds()
    {
        // The size that took 11 s with a per-name scan of the list.
        FormFields form;
        for (int i = 0; i < 16000; ++i)
            form.append(QStringLiteral("f%1").arg(i), QStringLiteral("v%1").arg(i));
        QElapsedTimer timer;
        timer.start();
        const auto data = TwilioSignature::stringToSign(uri, form);
        const auto elapsed = timer.elapsed();
        QVERIFY(data.startsWith(QByteArray(uri + "f0v0f1v1f10v10")));
        QVERIFY2(elapsed < 1000, qPrintable(QStringLiteral("%1 ms").arg(elapsed)));
    }

    void headerIsCheckedBeforeTheParameters()
    {
        // Absent or malformed: refused with the reason and no string-to-sign built.
        auto v = TwilioSignature::verify(token, uri, params(), "");
        QCOMPARE(v.outcome, Verification::Outcome::Invalid);
        QCOMPARE(v.detail, QStringLiteral("missing X-Twilio-Signature header"));
        QVERIFY(v.stringToSign.isEmpty());
        v = TwilioSignature::verify(token, uri, params(), "not*base64");
        QCOMPARE(v.detail, QStringLiteral("the signature is not valid base64"));
        QVERIFY(v.stringToSign.isEmpty());
        v = TwilioSignature::verify(token, uri, params(), "AAAA");
        QVERIFY(v.detail.contains(QStringLiteral("decodes to 3 bytes")));
        QVERIFY(v.stringToSign.isEmpty());
        QVERIFY(TwilioSignature::headerProblem("RSOYDt4T1cUTdK1PDd93/VVr8B8=").isEmpty());
        // Well-formed but wrong: checked, and the string-to-sign is kept for the console.
        v = TwilioSignature::verify(token, uri, params(), "AAAAAAAAAAAAAAAAAAAAAAAAAAA=");
        QCOMPARE(v.outcome, Verification::Outcome::Invalid);
        QVERIFY(v.stringToSign.startsWith(QByteArray(uri + "CallSid")));
    }
};

QTEST_GUILESS_MAIN(TwilioSignatureTest)
#include "tst_twiliosignature.moc"
