// The strict outbound URL policy: every non-public range is refused, IPv6 forms that embed a
// refused IPv4 address included; public addresses pass; the dev policy allows everything.
#include "security/UrlPolicy.h"

#include <QTest>
#include <QUrl>

using namespace sb;

class UrlPolicyTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void strictRefuses_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<QString>("reason");
        const QList<QPair<const char *, const char *>> rows {
            {"0.0.0.0", "unspecified"},
            {"0.1.2.3", "unspecified"},
            {"10.0.0.1", "private"},
            {"10.255.255.255", "private"},
            {"100.64.0.1", "carrier-grade NAT"},
            {"100.127.255.254", "carrier-grade NAT"},
            {"127.0.0.1", "loopback"},
            {"127.255.0.9", "loopback"},
            {"169.254.169.254", "link-local"},
            {"172.16.0.1", "private"},
            {"172.31.255.255", "private"},
            {"192.0.0.8", "IETF protocol"},
            {"192.0.2.10", "documentation"},
            {"192.88.99.1", "6to4 relay"},
            {"192.168.1.1", "private"},
            {"198.18.0.1", "benchmarking"},
            {"198.19.255.255", "benchmarking"},
            {"198.51.100.7", "documentation"},
            {"203.0.113.9", "documentation"},
            {"224.0.0.1", "multicast"},
            {"239.255.255.250", "multicast"},
            {"240.0.0.1", "reserved"},
            {"255.255.255.255", "reserved"},
            {"::", "unspecified"},
            {"::1", "loopback"},
            {"::127.0.0.1", "IPv4-compatible"},
            {"::8.8.8.8", "IPv4-compatible"},
            {"::ffff:127.0.0.1", "IPv4-mapped address of 127.0.0.1, a loopback"},
            {"::ffff:10.1.2.3", "IPv4-mapped address of 10.1.2.3, a private"},
            {"::ffff:169.254.169.254", "link-local"},
            {"64:ff9b::127.0.0.1", "NAT64 address of 127.0.0.1, a loopback"},
            {"64:ff9b::a9fe:a9fe", "NAT64 address of 169.254.169.254"},
            {"64:ff9b::192.168.0.1", "NAT64 address of 192.168.0.1, a private"},
            {"64:ff9b:1::1", "local-use NAT64"},
            {"2002:7f00:1::", "6to4 address of 127.0.0.1, a loopback"},
            {"2002:c0a8:101::1", "6to4 address of 192.168.1.1"},
            {"2002:a9fe:a9fe::", "6to4 address of 169.254.169.254"},
            {"2001::1", "Teredo"},
            {"2001:0:4136:e378:8000:63bf:3fff:fdd2", "Teredo"},
            {"2001:db8::1", "documentation"},
            {"100::1", "discard-only"},
            {"fc00::1", "private"},
            {"fd12:3456::1", "private"},
            {"fe80::1", "link-local"},
            {"febf::1", "link-local"},
            {"fec0::1", "site-local"},
            {"ff02::1", "multicast"},
            {"ff05::2", "multicast"},
        };
        for (const auto &[address, reason] : rows)
            QTest::newRow(address) << QString::fromLatin1(address) << QString::fromLatin1(reason);
    }

    void strictRefuses()
    {
        QFETCH(QString, address);
        QFETCH(QString, reason);
        const QHostAddress parsed(address);
        QVERIFY2(!parsed.isNull(), qPrintable(address));
        const auto refused = UrlPolicy(UrlPolicy::Mode::Strict).check(parsed);
        QVERIFY2(refused.contains(reason), qPrintable(refused));
        QVERIFY(refused.contains(QStringLiteral("strict")));
        QVERIFY(UrlPolicy(UrlPolicy::Mode::Dev).check(parsed).isEmpty());
    }

    void strictAllowsPublicAddresses_data()
    {
        QTest::addColumn<QString>("address");
        for (const char *address : {"8.8.8.8", "1.1.1.1", "93.184.216.34", "100.63.255.255", "100.128.0.0",
                 "172.15.255.255", "172.32.0.0", "198.17.255.255", "198.20.0.0", "223.255.255.255",
                 "2606:4700:4700::1111", "2a00:1450:4001:80b::200e", "::ffff:8.8.8.8", "64:ff9b::8.8.8.8",
                 "2002:808:808::1", "2001:4860:4860::8888"})
            QTest::newRow(address) << QString::fromLatin1(address);
    }

    void strictAllowsPublicAddresses()
    {
        QFETCH(QString, address);
        const QHostAddress parsed(address);
        QVERIFY2(!parsed.isNull(), qPrintable(address));
        const auto refused = UrlPolicy(UrlPolicy::Mode::Strict).check(parsed);
        QVERIFY2(refused.isEmpty(), qPrintable(refused));
    }

    void bracketedUrlHostsAreChecked()
    {
        // The dispatcher checks QUrl::host() of the configured URL: bracketed IPv6 literals included.
        for (const char *url : {"http://[::127.0.0.1]:8080/hook", "http://[::ffff:127.0.0.1]/hook",
                 "http://[64:ff9b::7f00:1]/hook", "http://[2002:7f00:1::]/hook", "http://[::1]/hook"}) {
            const QHostAddress host(QUrl(QString::fromLatin1(url)).host());
            QVERIFY2(!host.isNull(), url);
            QVERIFY2(!UrlPolicy(UrlPolicy::Mode::Strict).check(host).isEmpty(), url);
        }
    }
};

QTEST_GUILESS_MAIN(UrlPolicyTest)
#include "tst_urlpolicy.moc"
