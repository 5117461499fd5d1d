#pragma once

#include "domain/ExternalService.h"
#include "domain/Messaging.h"
#include "http/HttpTypes.h"

#include <QProcessEnvironment>
#include <optional>
#include <variant>

namespace sb {

class SqlContext;

// The registry type that sends a channel's messages: sms, email, push, chat; none for voice (calls
// go through ElevenLabs, configured from the environment).
std::optional<ServiceType> serviceTypeForChannel(Channel channel);

// "TWILIO_API_BASE_URL", "AWS_SES_API_BASE_URL", ...: the variable that points a provider elsewhere.
QString baseUrlVariable(ServiceProvider provider);

// Picks the service that sends a message:
//   - an explicit serviceId: it must exist (404), be active (409) and serve the channel (400);
//   - else the first active registered service of the channel's type (oldest first);
//   - else the environment fallback (EnvironmentServices: Twilio for SMS, Mailgun for email,
//     ElevenLabs for voice); none → 409 naming what to configure.
// A service whose config has no `base_url` takes <PROVIDER>_API_BASE_URL from `environment` when set.
// Runs on a storage thread (reads the registry).
class ServiceResolver
{
public:
    using Result = std::variant<ExternalService, ApiError>;
    static Result resolve(SqlContext &context, Channel channel, std::optional<qint64> serviceId,
        const QProcessEnvironment &environment);
    // Applies <PROVIDER>_API_BASE_URL to a service without its own base_url.
    static void applyBaseUrl(ExternalService &service, const QProcessEnvironment &environment);
};

} // namespace sb
