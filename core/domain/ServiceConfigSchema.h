#pragma once

#include "ExternalService.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace sb {

// What a configuration value must look like.
enum class ConfigFormat
{
    Text, // a non-empty string
    E164, // +<country><number>, checked by libphonenumber (domain/PhoneNumber)
    SmsSender, // E.164, or at most 11 letters, digits and inner spaces with a letter (Twilio, Vonage)
    SenderId, // AWS: at most 11 letters, digits and inner hyphens with a letter
    Email, // local@domain.tld
    Hostname, // a DNS name such as mail.example.com
    TwilioAccountSid, // AC + 32 hex digits
    TwilioMessagingServiceSid, // MG + 32 hex digits
    Uuid, // 8-4-4-4-12 hex digits
    HttpUrl, // an absolute http:// or https:// URL with a host
    AwsRegion, // us-east-1, eu-central-1, us-gov-west-1, ...
    PemPrivateKey, // -----BEGIN PRIVATE KEY----- base64 -----END PRIVATE KEY----- (PKCS#8)
    PositiveNumber, // a JSON number (or a numeric string) greater than 0
    ServiceId, // a registered service's id: a whole JSON number (or digits) greater than 0
};

// One key of a provider's configuration (the agreed key list of the external-service registry).
struct ServiceConfigKey
{
    QString name;
    bool required = false;
    bool secret = false; // stored sealed, answered masked
    ConfigFormat format = ConfigFormat::Text;
};

// The keys `provider` accepts, every one of them including the optional `base_url` (an http(s) URL
// that replaces the provider's API address, e.g. a fake provider in tests) and the optional
// `messages_per_second` (the outbox's pacing of this service; a number > 0).
QList<ServiceConfigKey> serviceConfigKeys(ServiceProvider provider);
bool isSecretConfigKey(ServiceProvider provider, const QString &key);

// One problem per bad key, in the provider's key order, unknown keys last (sorted):
// "config.auth_token is required", "config.from_number must be E.164, e.g. +14155550100",
// "config.colour is not a twilio setting". Empty when the configuration is valid. A null value of
// an optional key counts as absent.
QStringList validateServiceConfig(ServiceProvider provider, const QJsonObject &config);

// "••••" + the last 4 characters, or "••••" alone for a value shorter than 8 characters.
// An SMS service's `fallback_email_service_id` (a JSON number or digits), when set and valid.
std::optional<qint64> fallbackEmailServiceId(const QJsonObject &config);

QString maskSecretValue(const QString &value);
// The configuration with each secret value masked; other values as they are.
QJsonObject maskServiceConfig(ServiceProvider provider, const QJsonObject &config);
// Whether `text` has the shape maskSecretValue gives (so it is not a credential).
bool isMaskedValue(const QString &text);

} // namespace sb
