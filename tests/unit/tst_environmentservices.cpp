// Services built from environment variables (a first run without the registry).
#include "channels/EnvironmentServices.h"
#include "domain/ServiceConfigSchema.h"

#include <QTest>

using namespace sb;

namespace {

QProcessEnvironment environment(std::initializer_list<std::pair<const char *, const char *>> values)
{
    QProcessEnvironment env;
    for (const auto &[name, value] : values)
        env.insert(QString::fromLatin1(name), QString::fromLatin1(value));
    return env;
}

} // namespace

class EnvironmentServicesTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void twilio()
    {
        const auto env = environment({{"TWILIO_ACCOUNT_SID", "AC0123456789abcdef0123456789abcdef"},
            {"TWILIO_AUTH_TOKEN", " token-1234567 "}, {"TWILIO_PHONE_NUMBER", "+14155550100"},
            {"TWILIO_API_BASE_URL", "http://127.0.0.1:9000"}});
        const auto service = environmentService(ServiceProvider::Twilio, env);
        QVERIFY(service);
        QCOMPARE(service->id, qint64(0));
        QCOMPARE(service->provider, ServiceProvider::Twilio);
        QCOMPARE(service->type, ServiceType::Sms);
        QVERIFY(service->active);
        QCOMPARE(service->config.value(QStringLiteral("account_sid")).toString(),
            QStringLiteral("AC0123456789abcdef0123456789abcdef"));
        QCOMPARE(
            service->config.value(QStringLiteral("auth_token")).toString(), QStringLiteral("token-1234567"));
        QCOMPARE(
            service->config.value(QStringLiteral("from_number")).toString(), QStringLiteral("+14155550100"));
        QCOMPARE(service->config.value(QStringLiteral("base_url")).toString(),
            QStringLiteral("http://127.0.0.1:9000"));
        QCOMPARE(service->config.size(), 4);
        QCOMPARE(validateServiceConfig(ServiceProvider::Twilio, service->config), QStringList());
    }

    void twilioNeedsEveryRequiredVariable_data()
    {
        QTest::addColumn<QString>("missing");
        QTest::newRow("sid") << QStringLiteral("TWILIO_ACCOUNT_SID");
        QTest::newRow("token") << QStringLiteral("TWILIO_AUTH_TOKEN");
        QTest::newRow("number") << QStringLiteral("TWILIO_PHONE_NUMBER");
    }
    void twilioNeedsEveryRequiredVariable()
    {
        QFETCH(QString, missing);
        auto env = environment({{"TWILIO_ACCOUNT_SID", "AC0123456789abcdef0123456789abcdef"},
            {"TWILIO_AUTH_TOKEN", "token"}, {"TWILIO_PHONE_NUMBER", "+14155550100"}});
        QVERIFY(environmentService(ServiceProvider::Twilio, env));
        env.insert(missing, QStringLiteral("  "));
        QVERIFY(!environmentService(ServiceProvider::Twilio, env));
        env.remove(missing);
        QVERIFY(!environmentService(ServiceProvider::Twilio, env));
    }

    void mailgun()
    {
        auto env = environment({{"MAILGUN_API_KEY", "key-0123456789"}, {"MAILGUN_DOMAIN", "mg.example.com"},
            {"MAILGUN_FROM", "noreply@example.com"}});
        auto service = environmentService(ServiceProvider::Mailgun, env);
        QVERIFY(service);
        QCOMPARE(service->type, ServiceType::Email);
        QCOMPARE(
            service->config.value(QStringLiteral("api_key")).toString(), QStringLiteral("key-0123456789"));
        QCOMPARE(
            service->config.value(QStringLiteral("domain")).toString(), QStringLiteral("mg.example.com"));
        QCOMPARE(service->config.value(QStringLiteral("from_email")).toString(),
            QStringLiteral("noreply@example.com"));
        QVERIFY(!service->config.contains(QStringLiteral("from_name")));
        QVERIFY(!service->config.contains(QStringLiteral("base_url")));
        QCOMPARE(validateServiceConfig(ServiceProvider::Mailgun, service->config), QStringList());

        env.insert(QStringLiteral("MAILGUN_FROM"), QStringLiteral("Example Support <support@example.com>"));
        env.insert(QStringLiteral("MAILGUN_API_BASE_URL"), QStringLiteral("http://127.0.0.1:9001/v3"));
        service = environmentService(ServiceProvider::Mailgun, env);
        QVERIFY(service);
        QCOMPARE(service->config.value(QStringLiteral("from_email")).toString(),
            QStringLiteral("support@example.com"));
        QCOMPARE(
            service->config.value(QStringLiteral("from_name")).toString(), QStringLiteral("Example Support"));
        QCOMPARE(service->config.value(QStringLiteral("base_url")).toString(),
            QStringLiteral("http://127.0.0.1:9001/v3"));
        QCOMPARE(validateServiceConfig(ServiceProvider::Mailgun, service->config), QStringList());

        for (const auto *name : {"MAILGUN_API_KEY", "MAILGUN_DOMAIN", "MAILGUN_FROM"}) {
            auto partial = env;
            partial.remove(QString::fromLatin1(name));
            QVERIFY2(!environmentService(ServiceProvider::Mailgun, partial), name);
        }
    }

    void elevenLabs()
    {
        auto env = environment({{"ELEVENLABS_API_KEY", "xi-key"}, {"ELEVENLABS_AGENT_ID", "agent_123"},
            {"ELEVENLABS_AGENT_PHONE_NUMBER_ID", "phnum_456"},
            {"ELEVENLABS_API_BASE_URL", "http://127.0.0.1:9002"}});
        const auto service = environmentService(ServiceProvider::ElevenLabs, env);
        QVERIFY(service);
        QCOMPARE(service->provider, ServiceProvider::ElevenLabs);
        QCOMPARE(service->config.value(QStringLiteral("api_key")).toString(), QStringLiteral("xi-key"));
        QCOMPARE(service->config.value(QStringLiteral("agent_id")).toString(), QStringLiteral("agent_123"));
        QCOMPARE(service->config.value(QStringLiteral("agent_phone_number_id")).toString(),
            QStringLiteral("phnum_456"));
        QCOMPARE(service->config.value(QStringLiteral("base_url")).toString(),
            QStringLiteral("http://127.0.0.1:9002"));
        QCOMPARE(validateServiceConfig(ServiceProvider::ElevenLabs, service->config), QStringList());
        for (const auto *name :
            {"ELEVENLABS_API_KEY", "ELEVENLABS_AGENT_ID", "ELEVENLABS_AGENT_PHONE_NUMBER_ID"}) {
            auto partial = env;
            partial.remove(QString::fromLatin1(name));
            QVERIFY2(!environmentService(ServiceProvider::ElevenLabs, partial), name);
        }
    }

    void otherProvidersHaveNone()
    {
        const auto env = environment({{"SENDGRID_API_KEY", "SG.x"}, {"TWILIO_ACCOUNT_SID", "AC0"}});
        QVERIFY(!environmentService(ServiceProvider::SendGrid, env));
        QVERIFY(!environmentService(ServiceProvider::Slack, env));
        QVERIFY(!environmentService(ServiceProvider::Twilio, QProcessEnvironment()));
    }
};

QTEST_GUILESS_MAIN(EnvironmentServicesTest)
#include "tst_environmentservices.moc"
