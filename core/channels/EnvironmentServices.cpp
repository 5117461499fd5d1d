#include "EnvironmentServices.h"

#include <QRegularExpression>

namespace sb {

namespace {

struct Variable
{
    const char *name;
    const char *key;
    bool required;
};

// The configuration the variables give, or nullopt when a required one is missing.
std::optional<QJsonObject> configFrom(
    const QProcessEnvironment &environment, std::initializer_list<Variable> variables)
{
    QJsonObject config;
    for (const auto &variable : variables) {
        const auto value = environment.value(QString::fromLatin1(variable.name)).trimmed();
        if (value.isEmpty()) {
            if (variable.required)
                return std::nullopt;
            continue;
        }
        config.insert(QString::fromLatin1(variable.key), value);
    }
    return config;
}

ExternalService make(ServiceProvider provider, const QString &name, QJsonObject config)
{
    ExternalService service;
    service.id = 0;
    service.name = name;
    service.provider = provider;
    // ElevenLabs has no registry type; it keeps the default.
    service.type = serviceTypeOf(provider).value_or(ServiceType::Sms);
    service.config = std::move(config);
    service.active = true;
    service.description = QStringLiteral("configured from the environment");
    return service;
}

} // namespace

std::optional<ExternalService> environmentService(
    ServiceProvider provider, const QProcessEnvironment &environment)
{
    switch (provider) {
    case ServiceProvider::Twilio: {
        auto config = configFrom(environment,
            {{"TWILIO_ACCOUNT_SID", "account_sid", true}, {"TWILIO_AUTH_TOKEN", "auth_token", true},
                {"TWILIO_PHONE_NUMBER", "from_number", true}, {"TWILIO_API_BASE_URL", "base_url", false}});
        if (!config)
            return std::nullopt;
        return make(provider, QStringLiteral("Twilio (environment)"), *config);
    }
    case ServiceProvider::Mailgun: {
        auto config = configFrom(environment,
            {{"MAILGUN_API_KEY", "api_key", true}, {"MAILGUN_DOMAIN", "domain", true},
                {"MAILGUN_FROM", "from_email", true}, {"MAILGUN_API_BASE_URL", "base_url", false}});
        if (!config)
            return std::nullopt;
        // "Support <support@example.com>" gives a name and an address.
        static const QRegularExpression named(QStringLiteral("^\\s*\"?([^\"<]*?)\"?\\s*<([^<>\\s]+)>\\s*$"));
        const auto match = named.match(config->value(QStringLiteral("from_email")).toString());
        if (match.hasMatch()) {
            config->insert(QStringLiteral("from_email"), match.captured(2));
            if (!match.captured(1).isEmpty())
                config->insert(QStringLiteral("from_name"), match.captured(1));
        }
        return make(provider, QStringLiteral("Mailgun (environment)"), *config);
    }
    case ServiceProvider::ElevenLabs: {
        auto config = configFrom(environment,
            {{"ELEVENLABS_API_KEY", "api_key", true}, {"ELEVENLABS_AGENT_ID", "agent_id", true},
                {"ELEVENLABS_AGENT_PHONE_NUMBER_ID", "agent_phone_number_id", true},
                {"ELEVENLABS_API_BASE_URL", "base_url", false}});
        if (!config)
            return std::nullopt;
        return make(provider, QStringLiteral("ElevenLabs (environment)"), *config);
    }
    default:
        return std::nullopt;
    }
}

} // namespace sb
