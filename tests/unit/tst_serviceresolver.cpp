// Which service sends a message: an explicit id, the first active registered service of the
// channel's type, or the environment fallback; <PROVIDER>_API_BASE_URL applied.
#include "channels/AdapterDirectory.h"
#include "channels/ServiceResolver.h"
#include "domain/Clock.h"
#include "storage/Database.h"
#include "storage/ExternalServiceRepository.h"
#include "storage/SecretStore.h"
#include "storage/SqlWorker.h"

#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace sb;

namespace {

ExternalService twilio(const QString &name, bool active)
{
    ExternalService service;
    service.name = name;
    service.type = ServiceType::Sms;
    service.provider = ServiceProvider::Twilio;
    service.active = active;
    service.config
        = QJsonObject {{QStringLiteral("account_sid"), QStringLiteral("AC0123456789abcdef0123456789abcdef")},
            {QStringLiteral("auth_token"), QString(QStringLiteral("token-") + name)},
            {QStringLiteral("from_number"), QStringLiteral("+14155550100")}};
    return service;
}

QProcessEnvironment twilioEnvironment()
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("TWILIO_ACCOUNT_SID"), QStringLiteral("AC0123456789abcdef0123456789abcdee"));
    env.insert(QStringLiteral("TWILIO_AUTH_TOKEN"), QStringLiteral("env-token-99"));
    env.insert(QStringLiteral("TWILIO_PHONE_NUMBER"), QStringLiteral("+14155550199"));
    return env;
}

} // namespace

class ServiceResolverTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        const auto path = m_dir.filePath(QStringLiteral("r%1.db").arg(++m_count));
        m_name = QStringLiteral("resolver%1").arg(m_count);
        auto db = Database::open(m_name, DatabaseOptions {path, false, 1000});
        Database::migrate(db, 1);
        m_secrets = std::make_unique<SecretStore>();
        QString error;
        QVERIFY2(m_secrets->openKey(db, path, SecretStore::KeySource::File, &error), qPrintable(error));
        m_context = std::make_unique<SqlContext>(db, m_clock, m_secrets.get());
    }
    void cleanup()
    {
        m_context.reset();
        Database::close(m_name);
    }

    void adapterForEveryProvider()
    {
        for (int i = 0; i <= static_cast<int>(ServiceProvider::ElevenLabs); ++i) {
            const auto provider = static_cast<ServiceProvider>(i);
            const auto *adapter = channels::adapterFor(provider);
            QVERIFY(adapter);
            QCOMPARE(adapter->provider(), provider);
        }
    }

    void baseUrlVariableNames()
    {
        QCOMPARE(baseUrlVariable(ServiceProvider::Twilio), QStringLiteral("TWILIO_API_BASE_URL"));
        QCOMPARE(baseUrlVariable(ServiceProvider::AwsSes), QStringLiteral("AWS_SES_API_BASE_URL"));
    }

    void firstActiveRegisteredService()
    {
        auto inactive = twilio(QStringLiteral("old"), false);
        ExternalServiceRepository::create(*m_context, inactive);
        auto first = twilio(QStringLiteral("first"), true);
        ExternalServiceRepository::create(*m_context, first);
        auto second = twilio(QStringLiteral("second"), true);
        ExternalServiceRepository::create(*m_context, second);
        const auto result
            = ServiceResolver::resolve(*m_context, Channel::Sms, std::nullopt, twilioEnvironment());
        QVERIFY(std::holds_alternative<ExternalService>(result));
        const auto &service = std::get<ExternalService>(result);
        QCOMPARE(service.id, first.id);
        QCOMPARE(
            service.config.value(QStringLiteral("auth_token")).toString(), QStringLiteral("token-first"));
        QVERIFY(!service.config.contains(QStringLiteral("base_url")));
    }

    void explicitService()
    {
        auto inactive = twilio(QStringLiteral("off"), false);
        ExternalServiceRepository::create(*m_context, inactive);
        auto on = twilio(QStringLiteral("on"), true);
        ExternalServiceRepository::create(*m_context, on);
        const QProcessEnvironment none;

        auto result = ServiceResolver::resolve(*m_context, Channel::Sms, on.id, none);
        QVERIFY(std::holds_alternative<ExternalService>(result));
        QCOMPARE(std::get<ExternalService>(result).id, on.id);

        result = ServiceResolver::resolve(*m_context, Channel::Sms, inactive.id, none);
        QVERIFY(std::holds_alternative<ApiError>(result));
        QCOMPARE(std::get<ApiError>(result).kind, ErrorKind::Conflict);

        result = ServiceResolver::resolve(*m_context, Channel::Sms, 999, none);
        QVERIFY(std::holds_alternative<ApiError>(result));
        QCOMPARE(std::get<ApiError>(result).kind, ErrorKind::NotFound);

        result = ServiceResolver::resolve(*m_context, Channel::Email, on.id, none);
        QVERIFY(std::holds_alternative<ApiError>(result));
        QCOMPARE(std::get<ApiError>(result).kind, ErrorKind::BadRequest);
    }

    void environmentFallbackAndBaseUrl()
    {
        auto env = twilioEnvironment();
        env.insert(QStringLiteral("TWILIO_API_BASE_URL"), QStringLiteral("http://127.0.0.1:9001"));
        auto result = ServiceResolver::resolve(*m_context, Channel::Sms, std::nullopt, env);
        QVERIFY(std::holds_alternative<ExternalService>(result));
        auto service = std::get<ExternalService>(result);
        QCOMPARE(service.id, qint64(0));
        QCOMPARE(
            service.config.value(QStringLiteral("auth_token")).toString(), QStringLiteral("env-token-99"));
        QCOMPARE(service.config.value(QStringLiteral("base_url")).toString(),
            QStringLiteral("http://127.0.0.1:9001"));

        // A registered service takes the variable too, unless it has its own base_url.
        auto registered = twilio(QStringLiteral("reg"), true);
        ExternalServiceRepository::create(*m_context, registered);
        result = ServiceResolver::resolve(*m_context, Channel::Sms, std::nullopt, env);
        service = std::get<ExternalService>(result);
        QCOMPARE(service.id, registered.id);
        QCOMPARE(service.config.value(QStringLiteral("base_url")).toString(),
            QStringLiteral("http://127.0.0.1:9001"));
        registered.config.insert(QStringLiteral("base_url"), QStringLiteral("http://127.0.0.1:9002"));
        QVERIFY(ExternalServiceRepository::update(*m_context, registered));
        result = ServiceResolver::resolve(*m_context, Channel::Sms, std::nullopt, env);
        QCOMPARE(std::get<ExternalService>(result).config.value(QStringLiteral("base_url")).toString(),
            QStringLiteral("http://127.0.0.1:9002"));
    }

    void nothingConfigured()
    {
        const auto result = ServiceResolver::resolve(*m_context, Channel::Email, std::nullopt, {});
        QVERIFY(std::holds_alternative<ApiError>(result));
        QCOMPARE(std::get<ApiError>(result).kind, ErrorKind::Conflict);
        QVERIFY(std::get<ApiError>(result).message.contains(QStringLiteral("MAILGUN_API_KEY")));
        QVERIFY(std::holds_alternative<ApiError>(
            ServiceResolver::resolve(*m_context, Channel::Push, std::nullopt, twilioEnvironment())));
    }

private:
    QTemporaryDir m_dir;
    int m_count = 0;
    QString m_name;
    SystemClock m_clock;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<SqlContext> m_context;
};

QTEST_GUILESS_MAIN(ServiceResolverTest)
#include "tst_serviceresolver.moc"
