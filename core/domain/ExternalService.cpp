#include "ExternalService.h"

#include <array>

namespace sb {

namespace {

struct ProviderRow
{
    ServiceProvider provider;
    const char *name;
    std::optional<ServiceType> type;
};

constexpr std::array providerRows {
    ProviderRow {ServiceProvider::Twilio, "twilio", ServiceType::Sms},
    ProviderRow {ServiceProvider::Nexmo, "nexmo", ServiceType::Sms},
    ProviderRow {ServiceProvider::AwsSns, "aws_sns", ServiceType::Sms},
    ProviderRow {ServiceProvider::SendGrid, "sendgrid", ServiceType::Email},
    ProviderRow {ServiceProvider::Mailgun, "mailgun", ServiceType::Email},
    ProviderRow {ServiceProvider::AwsSes, "aws_ses", ServiceType::Email},
    ProviderRow {ServiceProvider::Firebase, "firebase", ServiceType::Push},
    ProviderRow {ServiceProvider::OneSignal, "onesignal", ServiceType::Push},
    ProviderRow {ServiceProvider::Slack, "slack", ServiceType::Chat},
    ProviderRow {ServiceProvider::Teams, "teams", ServiceType::Chat},
    ProviderRow {ServiceProvider::Discord, "discord", ServiceType::Chat},
    ProviderRow {ServiceProvider::ElevenLabs, "elevenlabs", std::nullopt},
};

constexpr std::array<std::pair<ServiceType, const char *>, 4> typeRows {{
    {ServiceType::Sms, "sms"},
    {ServiceType::Email, "email"},
    {ServiceType::Push, "push"},
    {ServiceType::Chat, "chat"},
}};

} // namespace

QString serviceTypeName(ServiceType type)
{
    for (const auto &[value, name] : typeRows) {
        if (value == type)
            return QString::fromLatin1(name);
    }
    return {};
}

std::optional<ServiceType> serviceTypeFromName(QStringView name)
{
    for (const auto &[value, text] : typeRows) {
        if (name == QLatin1String(text))
            return value;
    }
    return std::nullopt;
}

QString serviceProviderName(ServiceProvider provider)
{
    for (const auto &row : providerRows) {
        if (row.provider == provider)
            return QString::fromLatin1(row.name);
    }
    return {};
}

std::optional<ServiceProvider> serviceProviderFromName(QStringView name)
{
    for (const auto &row : providerRows) {
        if (name == QLatin1String(row.name))
            return row.provider;
    }
    return std::nullopt;
}

std::optional<ServiceType> serviceTypeOf(ServiceProvider provider)
{
    for (const auto &row : providerRows) {
        if (row.provider == provider)
            return row.type;
    }
    return std::nullopt;
}

} // namespace sb
