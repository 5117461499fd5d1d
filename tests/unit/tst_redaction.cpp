#include "security/Redaction.h"

#include <QTest>

using namespace sb;

class RedactionTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void valueKeepsSchemeAndLastFour()
    {
        QCOMPARE(HeaderRedaction::redactValue("Bearer abcdefghijklmnopa1b2"),
            QByteArray("Bearer \u2022\u2022\u2022\u2022a1b2"));
        QCOMPARE(HeaderRedaction::redactValue("  test-admin-key-0123456789 "),
            QByteArray("\u2022\u2022\u2022\u20226789"));
        QCOMPARE(HeaderRedaction::redactValue("Basic dXNlcjpwYXNzd29yZDEyMw=="),
            QByteArray("Basic \u2022\u2022\u2022\u2022Mw=="));
        // Too short for a hint: nothing of the secret is shown.
        QCOMPARE(HeaderRedaction::redactValue("Bearer short"), QByteArray("Bearer \u2022\u2022\u2022\u2022"));
        QCOMPARE(HeaderRedaction::redactValue("tiny"), QByteArray("\u2022\u2022\u2022\u2022"));
        QCOMPARE(HeaderRedaction::redactValue(""), QByteArray("\u2022\u2022\u2022\u2022"));
    }

    void valueIsIdempotent()
    {
        const auto once = HeaderRedaction::redactValue("Bearer abcdefghijklmnopa1b2");
        QVERIFY(HeaderRedaction::isRedacted(once));
        QCOMPARE(HeaderRedaction::redactValue(once), once);
        QVERIFY(!HeaderRedaction::isRedacted("Bearer abcdefghijklmnopa1b2"));
    }

    void headRedactsCredentialsOnly()
    {
        const QByteArray head = "POST /api/webhooks/campaign/execute HTTP/1.1\r\n"
                                "Host: 127.0.0.1:8080\r\n"
                                "authorization: Bearer campaign-token-0000a1b2\r\n"
                                "X-API-Key: test-admin-key-0123456789\r\n"
                                "Cookie: session=abcdefghijklmnop\r\n"
                                "Proxy-Authorization: Basic dXNlcjpwYXNzd29yZDEyMw==\r\n"
                                "X-Initiation-Secret: init-secret-value-9999\r\n"
                                "X-Twilio-Signature: 0123456789abcdef0123456789abcdef=\r\n"
                                "X-Webhook-Signature: deadbeefdeadbeef\r\n"
                                "Content-Length: 2\r\n";
        const auto redacted = HeaderRedaction().redactHead(head);
        for (const QByteArray secret : {"campaign-token-0000a1b2", "test-admin-key-0123456789",
                 "abcdefghijklmnop", "dXNlcjpwYXNzd29yZDEyMw", "init-secret-value-9999"})
            QVERIFY2(!redacted.contains(secret), secret.constData());
        QVERIFY(redacted.contains("authorization: Bearer \u2022\u2022\u2022\u2022a1b2\r\n"));
        QVERIFY(redacted.contains("X-API-Key: \u2022\u2022\u2022\u20226789\r\n"));
        QVERIFY(redacted.contains("X-Initiation-Secret: \u2022\u2022\u2022\u20229999\r\n"));
        // Signatures, the request line and everything else stay byte for byte.
        QVERIFY(
            redacted.startsWith("POST /api/webhooks/campaign/execute HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n"));
        QVERIFY(redacted.contains("X-Twilio-Signature: 0123456789abcdef0123456789abcdef=\r\n"));
        QVERIFY(redacted.contains("X-Webhook-Signature: deadbeefdeadbeef\r\n"));
        QVERIFY(redacted.endsWith("Content-Length: 2\r\n"));
        QCOMPARE(HeaderRedaction().redactHead(redacted), redacted);
        // A head without credentials is returned unchanged (LF-only lines too).
        const QByteArray plain = "GET /healthz HTTP/1.1\nHost: x\n";
        QCOMPARE(HeaderRedaction().redactHead(plain), plain);
    }

    void configuredHeaderNames()
    {
        const QByteArray head = "POST /x HTTP/1.1\r\nX-Shared-Token-Name: configured-secret-1234\r\n";
        QVERIFY(HeaderRedaction().redactHead(head).contains("configured-secret-1234"));
        const HeaderRedaction configured({QByteArray("x-shared-token-name")});
        QVERIFY(!configured.redactHead(head).contains("configured-secret-1234"));
        QVERIFY(configured.isCredential("X-SHARED-TOKEN-NAME"));
        // The request line is never taken for a header, whatever it contains.
        QCOMPARE(configured.redactHead("GET /authorization: HTTP/1.1\r\n"),
            QByteArray("GET /authorization: HTTP/1.1\r\n"));
    }

    void customHeadersThatLookLikeCredentials()
    {
        const HeaderRedaction redaction;
        QVERIFY(redaction.looksLikeCredential("X-Api-Token", "abc"));
        QVERIFY(redaction.looksLikeCredential("X-Client-Secret", "abc"));
        QVERIFY(redaction.looksLikeCredential("X-Custom", "Bearer abcdefghijkl"));
        QVERIFY(redaction.looksLikeCredential("Authorization", "whatever"));
        QVERIFY(!redaction.looksLikeCredential("X-Tenant", "acme"));
        QVERIFY(!redaction.looksLikeCredential("X-Webhook-Signature", "abc"));
        QVERIFY(!redaction.looksLikeCredential("X-Custom", "Hello world"));
        const QList<QPair<QByteArray, QByteArray>> headers {{"X-Tenant", "acme"},
            {"X-Api-Token", "token-value-123456"}, {"Set-Cookie", "sid=abcdefghijklmnop"}};
        const auto byName = redaction.redactHeaders(headers);
        QCOMPARE(byName[1].second, QByteArray("token-value-123456"));
        QVERIFY(HeaderRedaction::isRedacted(byName[2].second));
        const auto byValue = redaction.redactHeaders(headers, HeaderRedaction::Match::NamesAndValues);
        QCOMPARE(byValue[0].second, QByteArray("acme"));
        QCOMPARE(byValue[1].second, QByteArray("\u2022\u2022\u2022\u20223456"));
    }

    void headerText()
    {
        QCOMPARE(HeaderRedaction::headerText("Bearer \u2022\u2022\u2022\u2022a1b2"),
            QStringLiteral("Bearer ••••a1b2"));
        QCOMPARE(HeaderRedaction::headerText("caf\xe9"), QStringLiteral("café")); // Latin-1 byte
    }
};

QTEST_APPLESS_MAIN(RedactionTest)
#include "tst_redaction.moc"
