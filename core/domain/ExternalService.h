#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringView>
#include <optional>

namespace sb {

// Seed 004's service types: what kind of message a registered service sends.
enum class ServiceType
{
    Sms,
    Email,
    Push,
    Chat
};

// The providers a service may use (seed 004), plus ElevenLabs for AI-agent calls (environment only).
enum class ServiceProvider
{
    Twilio,
    Nexmo,
    AwsSns,
    SendGrid,
    Mailgun,
    AwsSes,
    Firebase,
    OneSignal,
    Slack,
    Teams,
    Discord,
    ElevenLabs
};

// Wire names: "sms", "email", "push", "chat"; "twilio", "nexmo", "aws_sns", "sendgrid", "mailgun",
// "aws_ses", "firebase", "onesignal", "slack", "teams", "discord", "elevenlabs".
QString serviceTypeName(ServiceType type);
std::optional<ServiceType> serviceTypeFromName(QStringView name);
QString serviceProviderName(ServiceProvider provider);
std::optional<ServiceProvider> serviceProviderFromName(QStringView name);
// The name people know the provider by: "Twilio", "Vonage (Nexmo)", "Amazon SNS", ...
QString serviceProviderTitle(ServiceProvider provider);
// The type a provider serves (Twilio → sms, ...); ElevenLabs has none in the registry.
std::optional<ServiceType> serviceTypeOf(ServiceProvider provider);

// A registered external service (seed 004). `config` holds the provider's keys in clear; only
// storage seals them and only answers mask them.
struct ExternalService
{
    qint64 id = 0;
    QString name;
    ServiceType type = ServiceType::Sms;
    ServiceProvider provider = ServiceProvider::Twilio;
    QJsonObject config;
    bool active = true;
    QString description;
    QDateTime createdAt;
    QDateTime updatedAt;
};

} // namespace sb
