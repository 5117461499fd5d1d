// Trusted-proxy lists and how the client address is resolved behind them.
#include "http/HttpTypes.h"
#include "security/NetworkTrust.h"

#include <QTest>

using namespace sb;

namespace {

ApiRequest requestFrom(const QString &peer, const HeaderList &headers = {})
{
    ApiRequest request;
    request.peer = QHostAddress(peer);
    request.headers = headers;
    return request;
}

} // namespace

class TestNetworkTrust : public QObject
{
    Q_OBJECT

private slots:
    void parsesRangesAndSingleAddresses()
    {
        CidrList list;
        QString error;
        QVERIFY(list.parse(QStringLiteral(" 10.0.0.0/8 , ::1,192.168.1.7,fd00::/8"), &error));
        QVERIFY(list.contains(QHostAddress(QStringLiteral("10.200.1.1"))));
        QVERIFY(!list.contains(QHostAddress(QStringLiteral("11.0.0.1"))));
        QVERIFY(list.contains(QHostAddress(QStringLiteral("::1"))));
        QVERIFY(list.contains(QHostAddress(QStringLiteral("192.168.1.7"))));
        QVERIFY(!list.contains(QHostAddress(QStringLiteral("192.168.1.8"))));
        QVERIFY(list.contains(QHostAddress(QStringLiteral("fd12::5"))));
        // An IPv4 peer seen through a dual-stack socket is the same address.
        QVERIFY(list.contains(QHostAddress(QStringLiteral("::ffff:10.1.2.3"))));
        QVERIFY(list.toString().contains(QStringLiteral("10.0.0.0/8")));
    }

    void refusesMalformedEntriesAndKeepsThePreviousList()
    {
        CidrList list;
        QString error;
        QVERIFY(list.parse(QStringLiteral("127.0.0.0/8"), &error));
        for (const auto &bad : {QStringLiteral("10.0.0.0/33"), QStringLiteral("example.com"),
                 QStringLiteral("::1/129"), QStringLiteral("10.0.0.0/8,nonsense")}) {
            error.clear();
            QVERIFY2(!list.parse(bad, &error), qPrintable(bad));
            QVERIFY(!error.isEmpty());
            QVERIFY(list.contains(QHostAddress(QStringLiteral("127.0.0.1"))));
        }
        QVERIFY(list.parse(QString(), &error));
        QVERIFY(list.isEmpty());
    }

    void forwardedForCountsOnlyFromTrustedPeers()
    {
        CidrList trusted;
        QString error;
        QVERIFY(trusted.parse(QStringLiteral("127.0.0.0/8"), &error));

        auto direct = requestFrom(QStringLiteral("203.0.113.9"), {{"X-Forwarded-For", "198.51.100.1"}});
        resolveClient(direct, trusted);
        QCOMPARE(direct.clientIp, QStringLiteral("203.0.113.9"));
        QVERIFY(!direct.viaProxy);

        auto tunnelled = requestFrom(QStringLiteral("127.0.0.1"),
            {{"X-Forwarded-For", "10.9.9.9, 198.51.100.1"}, {"X-Forwarded-Proto", "https"}});
        resolveClient(tunnelled, trusted);
        QCOMPARE(tunnelled.clientIp, QStringLiteral("198.51.100.1")); // the hop the proxy added
        QVERIFY(tunnelled.viaProxy);

        // Repeated headers: the last one is the proxy's.
        auto repeated = requestFrom(
            QStringLiteral("127.0.0.1"), {{"X-Forwarded-For", "1.1.1.1"}, {"x-forwarded-for", "2.2.2.2"}});
        resolveClient(repeated, trusted);
        QCOMPARE(repeated.clientIp, QStringLiteral("2.2.2.2"));

        auto garbage = requestFrom(QStringLiteral("127.0.0.1"), {{"X-Forwarded-For", "not-an-address"}});
        resolveClient(garbage, trusted);
        QCOMPARE(garbage.clientIp, QStringLiteral("127.0.0.1"));
        QVERIFY(garbage.viaProxy);

        auto local = requestFrom(QStringLiteral("127.0.0.1"));
        resolveClient(local, trusted);
        QCOMPARE(local.clientIp, QStringLiteral("127.0.0.1"));
        QVERIFY(!local.viaProxy);

        auto mapped = requestFrom(QStringLiteral("::ffff:203.0.113.5"));
        resolveClient(mapped, trusted);
        QCOMPARE(mapped.clientIp, QStringLiteral("203.0.113.5"));
    }

    void noTrustedProxiesMeansNoForwarding()
    {
        CidrList none;
        auto request = requestFrom(QStringLiteral("127.0.0.1"), {{"X-Forwarded-For", "198.51.100.1"}});
        resolveClient(request, none);
        QCOMPARE(request.clientIp, QStringLiteral("127.0.0.1"));
        QVERIFY(!request.viaProxy);
    }
};

QTEST_GUILESS_MAIN(TestNetworkTrust)
#include "tst_networktrust.moc"
