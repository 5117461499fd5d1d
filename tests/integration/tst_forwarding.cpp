// Which peers' X-Forwarded-* headers are believed. By default loopback is a trusted proxy only when
// a public URL is set (the tunnel agent then forwards for real clients); otherwise a local process
// cannot pose as many clients to escape the rate limit, and a forwarded request still never counts
// as local for the admin routes.
#include "TestSupport.h"
#include "runtime/RuntimeOptions.h"

#include <QProcess>
#include <QTest>

using namespace sb;
using namespace sb::test;

namespace {

int post(TestServer &server, const QByteArray &forwardedFor)
{
    return request(
        "POST", server.url(QStringLiteral("/api/webhooks/test")), "{}", {{"X-Forwarded-For", forwardedFor}})
        .status;
}

} // namespace

class ForwardingTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void effectiveDefault()
    {
        RuntimeOptions options;
        QCOMPARE(options.effectiveTrustedProxies(), QString());
        QVERIFY(options.trustedProxiesDescription().startsWith(QStringLiteral("none")));
        options.publicUrl = QStringLiteral("https://abc.ngrok-free.app");
        QCOMPARE(options.effectiveTrustedProxies(), QStringLiteral("127.0.0.0/8,::1"));
        QVERIFY(options.trustedProxiesDescription().contains(QStringLiteral("public URL")));
        options.trustedProxies = QStringLiteral("10.0.0.0/8");
        QCOMPARE(options.effectiveTrustedProxies(), QStringLiteral("10.0.0.0/8"));
        QVERIFY(options.trustedProxiesDescription().contains(QStringLiteral("--trusted-proxy")));
        options.trustedProxies = QString(); // explicitly nobody, even with a public URL
        QCOMPARE(options.effectiveTrustedProxies(), QString());
    }

    void spoofedForwardedForDoesNotEscapeTheRateLimit()
    {
        TestServer server([](RuntimeOptions &options) { options.rateLimitPerMinute = 3; });
        QVERIFY(server.started());
        QCOMPARE(post(server, "203.0.113.1"), 200);
        QCOMPARE(post(server, "203.0.113.2"), 200);
        QCOMPARE(post(server, "203.0.113.3"), 200);
        QCOMPARE(post(server, "203.0.113.4"), 429); // one client: the local peer, whatever it claims
        QCOMPARE(post(server, "198.51.100.9, 203.0.113.5"), 429);
    }

    void publicUrlTrustsTheLocalTunnel()
    {
        TestServer server([](RuntimeOptions &options) {
            options.rateLimitPerMinute = 1;
            options.publicUrl = QStringLiteral("https://sb-test.ngrok-free.app");
        });
        QVERIFY(server.started());
        QCOMPARE(post(server, "203.0.113.1"), 200);
        QCOMPARE(post(server, "203.0.113.2"), 200); // another client behind the tunnel
        QCOMPARE(post(server, "203.0.113.1"), 429);
    }

    void explicitTrustedProxyIsBelieved()
    {
        TestServer server([](RuntimeOptions &options) {
            options.rateLimitPerMinute = 1;
            options.trustedProxies = QStringLiteral("127.0.0.1/32");
        });
        QVERIFY(server.started());
        QCOMPARE(post(server, "203.0.113.1"), 200);
        QCOMPARE(post(server, "203.0.113.2"), 200);
        QCOMPARE(post(server, "203.0.113.2"), 429);
    }

    void forwardedRequestsAreNotLocalForAdminRoutes()
    {
        TestServer
            server; // loopback not trusted: forwarded headers are not believed, but still mark a tunnel
        QVERIFY(server.started());
        const QList<QPair<QByteArray, QByteArray>> key {{"Authorization", "Bearer " + adminKey}};
        QCOMPARE(request("GET", server.url(QStringLiteral("/api/webhooks/config")), {}, key).status, 200);
        auto forwarded = key;
        forwarded.append(qMakePair(QByteArray("X-Forwarded-For"), QByteArray("203.0.113.5")));
        QCOMPARE(
            request("GET", server.url(QStringLiteral("/api/webhooks/config")), {}, forwarded).status, 403);
        auto standard = key;
        standard.append(qMakePair(QByteArray("Forwarded"), QByteArray("for=203.0.113.5;proto=https")));
        QCOMPARE(
            request("GET", server.url(QStringLiteral("/api/webhooks/config")), {}, standard).status, 403);
    }

    void helpShowsTheDefault()
    {
        const auto binary = qEnvironmentVariable("SWITCHBOARD_BINARY");
        if (binary.isEmpty())
            QSKIP("SWITCHBOARD_BINARY is not set (run through ctest)");
        QProcess process;
        process.start(binary, {QStringLiteral("--help")});
        QVERIFY(process.waitForFinished(10000));
        const auto help = QString::fromUtf8(process.readAllStandardOutput() + process.readAllStandardError())
                              .simplified();
        QVERIFY2(help.contains(QStringLiteral("--trusted-proxy")), qPrintable(help));
        QVERIFY2(help.contains(QStringLiteral("when --public-url is set, none otherwise")), qPrintable(help));
    }
};

QTEST_GUILESS_MAIN(ForwardingTest)
#include "tst_forwarding.moc"
