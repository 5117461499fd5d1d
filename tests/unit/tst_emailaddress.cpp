#include "domain/EmailAddress.h"

#include <QtTest>

using sb::EmailAddress;

class TestEmailAddress : public QObject
{
    Q_OBJECT

private slots:
    void validAddresses_data()
    {
        QTest::addColumn<QString>("address");
        QTest::newRow("plain") << QStringLiteral("ada@example.com");
        QTest::newRow("dots and plus") << QStringLiteral("first.last+tag@mail.example.co.uk");
        QTest::newRow("every atext special") << QStringLiteral("!#$%&'*+-/=?^_`{|}~@example.org");
        QTest::newRow("digits and hyphens in domain") << QStringLiteral("x@a-1.b2.example");
        QTest::newRow("quoted local with space") << QStringLiteral("\"john doe\"@example.com");
        QTest::newRow("quoted local with @ and escape") << QStringLiteral("\"a@b\\\"c\"@example.com");
        QTest::newRow("ipv4 literal") << QStringLiteral("root@[192.0.2.1]");
        QTest::newRow("ipv6 literal") << QStringLiteral("root@[IPv6:2001:db8::1]");
        QTest::newRow("idn domain") << QStringLiteral("info@bücher.example");
        QTest::newRow("local part of 64") << QString(64, QLatin1Char('a')) + QStringLiteral("@example.com");
        // 64 + 1 + 189 = 254
        QTest::newRow("address of 254") << QString(64, QLatin1Char('a')) + QLatin1Char('@')
                + QString(61, QLatin1Char('b')) + QLatin1Char('.') + QString(61, QLatin1Char('c'))
                + QLatin1Char('.') + QString(61, QLatin1Char('d')) + QStringLiteral(".com");
    }
    void validAddresses()
    {
        QFETCH(QString, address);
        QCOMPARE(EmailAddress::problem(address), QString());
        QVERIFY(EmailAddress::isValid(address));
    }

    void invalidAddresses_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<QString>("reason"); // a word the explanation must contain
        QTest::newRow("empty") << QString() << QStringLiteral("empty");
        QTest::newRow("no at") << QStringLiteral("ada.example.com") << QStringLiteral("'@'");
        QTest::newRow("empty local") << QStringLiteral("@example.com") << QStringLiteral("local part");
        QTest::newRow("empty domain") << QStringLiteral("ada@") << QStringLiteral("domain");
        QTest::newRow("two ats") << QStringLiteral("a@b@example.com") << QStringLiteral("quoted");
        QTest::newRow("leading dot") << QStringLiteral(".ada@example.com") << QStringLiteral("dot");
        QTest::newRow("trailing dot") << QStringLiteral("ada.@example.com") << QStringLiteral("dot");
        QTest::newRow("double dot") << QStringLiteral("a..da@example.com") << QStringLiteral("two dots");
        QTest::newRow("space unquoted") << QStringLiteral("john doe@example.com") << QStringLiteral("quoted");
        QTest::newRow("comma") << QStringLiteral("a,b@example.com") << QStringLiteral("quoted");
        QTest::newRow("unclosed quote") << QStringLiteral("\"abc@example.com") << QStringLiteral("closed");
        QTest::newRow("text after quote") << QStringLiteral("\"abc\"x@example.com") << QStringLiteral("'@'");
        QTest::newRow("non-ascii local") << QStringLiteral("jörg@example.com") << QStringLiteral("quoted");
        QTest::newRow("single label") << QStringLiteral("root@localhost") << QStringLiteral("two labels");
        QTest::newRow("numeric tld") << QStringLiteral("a@1.2.3.4") << QStringLiteral("digits");
        QTest::newRow("hyphen edge") << QStringLiteral("a@-example.com") << QStringLiteral("hyphen");
        QTest::newRow("underscore domain") << QStringLiteral("a@ex_ample.com") << QStringLiteral("letters");
        QTest::newRow("empty label") << QStringLiteral("a@example..com") << QStringLiteral("empty label");
        QTest::newRow("label of 64") << QStringLiteral("a@") + QString(64, QLatin1Char('b'))
                + QStringLiteral(".com")
                                     << QStringLiteral("63");
        QTest::newRow("local of 65") << QString(65, QLatin1Char('a')) + QStringLiteral("@example.com")
                                     << QStringLiteral("64");
        QTest::newRow("address of 255") << QString(64, QLatin1Char('a')) + QLatin1Char('@')
                + QString(61, QLatin1Char('b')) + QLatin1Char('.') + QString(61, QLatin1Char('c'))
                + QLatin1Char('.') + QString(62, QLatin1Char('d'))
                + QStringLiteral(".com") << QStringLiteral("254");
        QTest::newRow("bad ipv4 literal") << QStringLiteral("a@[192.0.2.256]") << QStringLiteral("IPv4");
        QTest::newRow("short ipv4 literal") << QStringLiteral("a@[192.0.2]") << QStringLiteral("IPv4");
        QTest::newRow("bad ipv6 literal")
            << QStringLiteral("a@[IPv6:2001:db8::zz]") << QStringLiteral("IPv6");
        QTest::newRow("unclosed literal") << QStringLiteral("a@[192.0.2.1") << QStringLiteral("closed");
    }
    void invalidAddresses()
    {
        QFETCH(QString, address);
        QFETCH(QString, reason);
        const auto problem = EmailAddress::problem(address);
        QVERIFY2(!problem.isEmpty(), qPrintable(address));
        QVERIFY2(problem.contains(reason), qPrintable(problem));
        QVERIFY(!EmailAddress::isValid(address));
    }

    void parseForms_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("address");
        QTest::newRow("bare") << QStringLiteral("  ada@example.com ") << QString()
                              << QStringLiteral("ada@example.com");
        QTest::newRow("angle only") << QStringLiteral("<ada@example.com>") << QString()
                                    << QStringLiteral("ada@example.com");
        QTest::newRow("plain name") << QStringLiteral("Ada  Lovelace <ada@example.com>")
                                    << QStringLiteral("Ada Lovelace") << QStringLiteral("ada@example.com");
        QTest::newRow("dotted name") << QStringLiteral("J. Doe <j@example.com>") << QStringLiteral("J. Doe")
                                     << QStringLiteral("j@example.com");
        QTest::newRow("quoted name with comma")
            << QStringLiteral("\"Lovelace, Ada\" <ada@example.com>") << QStringLiteral("Lovelace, Ada")
            << QStringLiteral("ada@example.com");
        QTest::newRow("quoted name with escapes")
            << QStringLiteral("\"The \\\"Boss\\\"\" <boss@example.com>") << QStringLiteral("The \"Boss\"")
            << QStringLiteral("boss@example.com");
        QTest::newRow("unicode name") << QStringLiteral("Jörg Müller <jm@example.de>")
                                      << QStringLiteral("Jörg Müller") << QStringLiteral("jm@example.de");
        QTest::newRow("quoted unicode name")
            << QStringLiteral("\"Müller, Jörg\" <jm@example.de>") << QStringLiteral("Müller, Jörg")
            << QStringLiteral("jm@example.de");
    }
    void parseForms()
    {
        QFETCH(QString, text);
        QFETCH(QString, name);
        QFETCH(QString, address);
        QString error = QStringLiteral("unset");
        const auto parsed = EmailAddress::parse(text, &error);
        QVERIFY2(parsed.has_value(), qPrintable(error));
        QCOMPARE(error, QString());
        QCOMPARE(parsed->displayName, name);
        QCOMPARE(parsed->address, address);
    }

    void parseRefusals_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << QString();
        QTest::newRow("unquoted comma in name") << QStringLiteral("Lovelace, Ada <ada@example.com>");
        QTest::newRow("unquoted at in name") << QStringLiteral("ada@home <ada@example.com>");
        QTest::newRow("no closing angle") << QStringLiteral("Ada <ada@example.com");
        QTest::newRow("no opening angle") << QStringLiteral("Ada ada@example.com>");
        QTest::newRow("bad address inside") << QStringLiteral("Ada <ada@@example.com>");
        QTest::newRow("text after quoted name") << QStringLiteral("\"Ada\" x <ada@example.com>");
        QTest::newRow("two addresses") << QStringLiteral("a@example.com, b@example.com");
    }
    void parseRefusals()
    {
        QFETCH(QString, text);
        QString error;
        QVERIFY(!EmailAddress::parse(text, &error).has_value());
        QVERIFY(!error.isEmpty());
    }

    void format()
    {
        QCOMPARE(EmailAddress::format(QString(), QStringLiteral("a@example.com")),
            QStringLiteral("a@example.com"));
        QCOMPARE(EmailAddress::format(QStringLiteral("Example ISP"), QStringLiteral("noreply@example.com")),
            QStringLiteral("Example ISP <noreply@example.com>"));
        QCOMPARE(EmailAddress::format(QStringLiteral("Jörg"), QStringLiteral("j@example.de")),
            QStringLiteral("Jörg <j@example.de>"));
        QCOMPARE(EmailAddress::format(QStringLiteral("Doe, J."), QStringLiteral("j@example.com")),
            QStringLiteral("\"Doe, J.\" <j@example.com>"));
        QCOMPARE(EmailAddress::format(QStringLiteral("The \"Boss\" \\o/"), QStringLiteral("b@example.com")),
            QStringLiteral("\"The \\\"Boss\\\" \\\\o/\" <b@example.com>"));
        // What format writes, parse reads back.
        const EmailAddress original {QStringLiteral("Lovelace, \"Ada\""), QStringLiteral("ada@example.com")};
        const auto again = EmailAddress::parse(original.toString());
        QVERIFY(again.has_value());
        QCOMPARE(again->displayName, original.displayName);
        QCOMPARE(again->address, original.address);
    }
};

QTEST_GUILESS_MAIN(TestEmailAddress)
#include "tst_emailaddress.moc"
