// How a provider's error on a message reads in the thread, the tray and the logs.
#include "domain/ExternalService.h"
#include "domain/ProviderErrors.h"

#include <QTest>

using namespace sb;

class ProviderErrorsTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void codeAndMessage()
    {
        QCOMPARE(providerErrorText(QStringLiteral("twilio"), QStringLiteral("21211"),
                     QStringLiteral("The 'To' number +1555 is not a valid phone number.")),
            QStringLiteral("Twilio error 21211: The 'To' number +1555 is not a valid phone number."));
        QCOMPARE(providerErrorText(
                     QStringLiteral("mailgun"), QStringLiteral("550"), QStringLiteral("mailbox unavailable")),
            QStringLiteral("Mailgun error 550: mailbox unavailable"));
    }

    void twilioCodeOnlyGetsItsTitle_data()
    {
        QTest::addColumn<QString>("provider");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("text");
        QTest::newRow("30003") << QStringLiteral("twilio") << QStringLiteral("30003")
                               << QStringLiteral("Twilio error 30003: Unreachable destination handset");
        QTest::newRow("30006") << QStringLiteral("twilio") << QStringLiteral("30006")
                               << QStringLiteral("Twilio error 30006: Landline or unreachable carrier");
        QTest::newRow("21610") << QStringLiteral("twilio") << QStringLiteral(" 21610 ")
                               << QStringLiteral(
                                      "Twilio error 21610: Attempt to send to unsubscribed recipient");
        QTest::newRow("signalwire") << QStringLiteral("signalwire") << QStringLiteral("30007")
                                    << QStringLiteral("SignalWire error 30007: Message filtered");
        QTest::newRow("unknown code")
            << QStringLiteral("twilio") << QStringLiteral("39999") << QStringLiteral("Twilio error 39999");
        QTest::newRow("other provider") << QStringLiteral("nexmo") << QStringLiteral("30003")
                                        << QStringLiteral("Vonage (Nexmo) error 30003");
        QTest::newRow("unlisted provider")
            << QStringLiteral("acme") << QStringLiteral("7") << QStringLiteral("acme error 7");
    }

    void twilioCodeOnlyGetsItsTitle()
    {
        QFETCH(QString, provider);
        QFETCH(QString, code);
        QFETCH(QString, text);
        QCOMPARE(providerErrorText(provider, code, QString()), text);
    }

    void messageOnlyOrNothing()
    {
        QCOMPARE(providerErrorText(QStringLiteral("twilio"), QString(), QStringLiteral("connection refused")),
            QStringLiteral("connection refused"));
        QCOMPARE(providerErrorText(QStringLiteral("twilio"), QString(), QString()), QString());
        QCOMPARE(twilioErrorTitle(QStringLiteral("abc")), QString());
    }

    void providerTitles()
    {
        QCOMPARE(serviceProviderTitle(ServiceProvider::AwsSes), QStringLiteral("Amazon SES"));
        QCOMPARE(serviceProviderTitle(ServiceProvider::Teams), QStringLiteral("Microsoft Teams"));
        QCOMPARE(serviceProviderTitle(ServiceProvider::Nexmo), QStringLiteral("Vonage (Nexmo)"));
    }
};

QTEST_GUILESS_MAIN(ProviderErrorsTest)
#include "tst_providererrors.moc"
