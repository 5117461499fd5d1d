// The request a relay forwards: target URL joining, hop-by-hop filtering, the added headers.
#include "domain/RelayTarget.h"

#include <QTest>

using namespace sb;

class TestRelayRequest : public QObject
{
    Q_OBJECT
private slots:
    void targetUrlAppendsOriginalPathAndQuery_data()
    {
        QTest::addColumn<QString>("base");
        QTest::addColumn<bool>("append");
        QTest::addColumn<QByteArray>("original");
        QTest::addColumn<QString>("expected");
        QTest::newRow("smee") << QStringLiteral("https://backend.example/hooks") << true
                              << QByteArray("/api/webhooks/twilio/sms?x=1")
                              << QStringLiteral("https://backend.example/hooks/api/webhooks/twilio/sms?x=1");
        QTest::newRow("trailing slash")
            << QStringLiteral("https://b.example/hooks/") << true
            << QByteArray("/api/webhooks/mailgun/events")
            << QStringLiteral("https://b.example/hooks/api/webhooks/mailgun/events");
        QTest::newRow("bare host") << QStringLiteral("http://127.0.0.1:9000") << true
                                   << QByteArray("/api/webhooks/twilio/sms")
                                   << QStringLiteral("http://127.0.0.1:9000/api/webhooks/twilio/sms");
        QTest::newRow("both queries")
            << QStringLiteral("https://b.example/in?token=abc") << true
            << QByteArray("/api/webhooks/twilio/sms?a=%20b+c")
            << QStringLiteral("https://b.example/in/api/webhooks/twilio/sms?token=abc&a=%20b+c");
        QTest::newRow("base query only")
            << QStringLiteral("https://b.example/in?token=abc") << true
            << QByteArray("/api/webhooks/twilio/sms")
            << QStringLiteral("https://b.example/in/api/webhooks/twilio/sms?token=abc");
        QTest::newRow("exact url") << QStringLiteral("https://b.example/twilio-inbound") << false
                                   << QByteArray("/api/webhooks/twilio/sms?x=1")
                                   << QStringLiteral("https://b.example/twilio-inbound");
    }
    void targetUrlAppendsOriginalPathAndQuery()
    {
        QFETCH(QString, base);
        QFETCH(bool, append);
        QFETCH(QByteArray, original);
        QFETCH(QString, expected);
        QCOMPARE(relay::targetUrl(base, append, original), expected);
    }

    void pathAndQueryIsTheRawTarget()
    {
        ApiRequest request;
        request.rawTarget = "/api/webhooks/twilio/sms?b=2&a=%2B1";
        QCOMPARE(relay::pathAndQuery(request), QByteArray("/api/webhooks/twilio/sms?b=2&a=%2B1"));
        request.rawTarget = "http://proxy.example:8080/api/webhooks/twilio/sms?x=1";
        QCOMPARE(relay::pathAndQuery(request), QByteArray("/api/webhooks/twilio/sms?x=1"));
    }

    void hopByHopHeadersAreDroppedAndOrderKept()
    {
        ApiRequest request;
        request.method = "POST";
        request.rawTarget = "/api/webhooks/twilio/sms";
        request.recordId = QStringLiteral("evt_01TEST");
        request.peer = QHostAddress(QStringLiteral("::ffff:10.1.2.3"));
        request.headers = {{"Host", "abc.ngrok.app"}, {"User-Agent", "TwilioProxy/1.1"},
            {"Connection", "keep-alive, X-Hop"}, {"X-Hop", "drop me"}, {"Keep-Alive", "timeout=5"},
            {"TE", "trailers"}, {"Trailer", "X-T"}, {"Transfer-Encoding", "chunked"}, {"Upgrade", "h2c"},
            {"Proxy-Authorization", "Basic eA=="}, {"Proxy-Connection", "keep-alive"},
            {"Content-Type", "application/x-www-form-urlencoded"}, {"Content-Length", "42"},
            {"X-Forwarded-For", "203.0.113.7"}, {"X-Forwarded-Proto", "https"},
            {"X-Twilio-Signature", "abc="}, {"X-Forwarded-For", "198.51.100.2"},
            {"I-Twilio-Idempotency-Token", "tok"}, {"Cookie", "a=1"}, {"cookie", "b=2"},
            {"X-Switchboard-Request-Id", "forged"}};
        const auto headers
            = relay::forwardedHeaders(request, "https://abc.ngrok.app/api/webhooks/twilio/sms");
        const HeaderList expected {{"User-Agent", "TwilioProxy/1.1"},
            {"Content-Type", "application/x-www-form-urlencoded"}, {"X-Twilio-Signature", "abc="},
            {"I-Twilio-Idempotency-Token", "tok"}, {"Cookie", "a=1; b=2"},
            {"X-Forwarded-For", "203.0.113.7, 198.51.100.2, 10.1.2.3"}, {"X-Forwarded-Proto", "https"},
            {"X-Forwarded-Host", "abc.ngrok.app"},
            {"X-Switchboard-Original-Url", "https://abc.ngrok.app/api/webhooks/twilio/sms"},
            {"X-Switchboard-Request-Id", "evt_01TEST"}};
        QCOMPARE(headers, expected);
    }

    void relayTargetMatchesItsRouteOrEveryRoute()
    {
        RelayTarget target;
        target.route = QStringLiteral("twilio.sms");
        QVERIFY(target.matches(QStringLiteral("twilio.sms")));
        QVERIFY(!target.matches(QStringLiteral("twilio.sms.status")));
        target.route = RelayTarget::allRoutes();
        QVERIFY(target.matches(QStringLiteral("mailgun.events")));
    }
};

QTEST_GUILESS_MAIN(TestRelayRequest)
#include "tst_relay_request.moc"
