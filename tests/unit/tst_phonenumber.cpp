// E.164 normalisation of lead phone numbers.
#include "domain/PhoneNumber.h"

#include <QTest>

using namespace sb;

class TestPhoneNumber : public QObject
{
    Q_OBJECT

private slots:
    void normalises_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("region");
        QTest::addColumn<QString>("expected");
        const QString us = QStringLiteral("US");
        QTest::newRow("national US") << QStringLiteral("(415) 555-0123") << us
                                     << QStringLiteral("+14155550123");
        QTest::newRow("international spaced")
            << QStringLiteral("+1 415 555 0123") << us << QStringLiteral("+14155550123");
        QTest::newRow("already E.164")
            << QStringLiteral("+14155550123") << us << QStringLiteral("+14155550123");
        QTest::newRow("whatsapp prefix")
            << QStringLiteral("whatsapp:+14155550123") << us << QStringLiteral("+14155550123");
        QTest::newRow("tel prefix") << QStringLiteral("tel:+442071838750") << us
                                    << QStringLiteral("+442071838750");
        QTest::newRow("UK national with GB region")
            << QStringLiteral("020 7183 8750") << QStringLiteral("GB") << QStringLiteral("+442071838750");
        QTest::newRow("German national")
            << QStringLiteral("030 123456") << QStringLiteral("DE") << QStringLiteral("+4930123456");
        QTest::newRow("00 international prefix from DE")
            << QStringLiteral("0044 20 7183 8750") << QStringLiteral("DE") << QStringLiteral("+442071838750");
        QTest::newRow("SIP URI") << QStringLiteral("sip:alice@example.com") << us << QString();
        QTest::newRow("browser client") << QStringLiteral("client:alice") << us << QString();
        QTest::newRow("empty") << QString() << us << QString();
        QTest::newRow("letters") << QStringLiteral("call me maybe") << us << QString();
        QTest::newRow("too short") << QStringLiteral("12") << us << QString();
    }

    void normalises()
    {
        QFETCH(QString, text);
        QFETCH(QString, region);
        QFETCH(QString, expected);
        QCOMPARE(PhoneNumber::toE164(text, region), expected);
    }

    void regions()
    {
        QVERIFY(PhoneNumber::isKnownRegion(QStringLiteral("US")));
        QVERIFY(PhoneNumber::isKnownRegion(QStringLiteral("DE")));
        QVERIFY(!PhoneNumber::isKnownRegion(QStringLiteral("XX")));
        QVERIFY(!PhoneNumber::isKnownRegion(QString()));
    }
};

QTEST_GUILESS_MAIN(TestPhoneNumber)
#include "tst_phonenumber.moc"
