#include "ExternalService.h"

#include <array>

namespace sb {

namespace {

struct ProviderRow
{
    ServiceProvider provider;
    const char *name;
    std::optional<ServiceType> type;
    const char *title;
};

constexpr std::array providerRows {
    ProviderRow {ServiceProvider::Twilio, "twilio", ServiceType::Sms, "Twilio"},
    ProviderRow {ServiceProvider::Nexmo, "nexmo", ServiceType::Sms, "Vonage (Nexmo)"},
    ProviderRow {ServiceProvider::AwsSns, "aws_sns", ServiceType::Sms, "Amazon SNS"},
    ProviderRow {ServiceProvider::SendGrid, "sendgrid", ServiceType::Email, "SendGrid"},
    ProviderRow {ServiceProvider::Mailgun, "mailgun", ServiceType::Email, "Mailgun"},
    ProviderRow {ServiceProvider::AwsSes, "aws_ses", ServiceType::Email, "Amazon SES"},
    ProviderRow {ServiceProvider::Firebase, "firebase", ServiceType::Push, "Firebase Cloud Messaging"},
    ProviderRow {ServiceProvider::OneSignal, "onesignal", ServiceType::Push, "OneSignal"},
    ProviderRow {ServiceProvider::Slack, "slack", ServiceType::Chat, "Slack"},
    ProviderRow {ServiceProvider::Teams, "teams", ServiceType::Chat, "Microsoft Teams"},
    ProviderRow {ServiceProvider::Discord, "discord", ServiceType::Chat, "Discord"},
    ProviderRow {ServiceProvider::ElevenLabs, "elevenlabs", std::nullopt, "ElevenLabs"},
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

QString serviceProviderTitle(ServiceProvider provider)
{
    for (const auto &row : providerRows) {
        if (row.provider == provider)
            return QString::fromUtf8(row.title);
    }
    return {};
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
