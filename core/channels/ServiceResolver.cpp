#include "ServiceResolver.h"

#include "EnvironmentServices.h"
#include "storage/ExternalServiceRepository.h"

namespace sb {

std::optional<ServiceType> serviceTypeForChannel(Channel channel)
{
    switch (channel) {
    case Channel::Sms:
        return ServiceType::Sms;
    case Channel::Email:
        return ServiceType::Email;
    case Channel::Push:
        return ServiceType::Push;
    case Channel::Chat:
        return ServiceType::Chat;
    case Channel::Voice:
        return std::nullopt;
    }
    return std::nullopt;
}

QString baseUrlVariable(ServiceProvider provider)
{
    return serviceProviderName(provider).toUpper() + QStringLiteral("_API_BASE_URL");
}

void ServiceResolver::applyBaseUrl(ExternalService &service, const QProcessEnvironment &environment)
{
    const auto key = QStringLiteral("base_url");
    if (!service.config.value(key).toString().trimmed().isEmpty())
        return;
    const auto value = environment.value(baseUrlVariable(service.provider)).trimmed();
    if (!value.isEmpty())
        service.config.insert(key, value);
}

ServiceResolver::Result ServiceResolver::resolve(SqlContext &context, Channel channel,
    std::optional<qint64> serviceId, const QProcessEnvironment &environment)
{
    const auto type = serviceTypeForChannel(channel);
    if (serviceId) {
        auto service = ExternalServiceRepository::get(context, *serviceId);
        if (!service)
            return ApiError {
                ErrorKind::NotFound, QStringLiteral("External service %1 not found").arg(*serviceId)};
        if (!service->active)
            return ApiError {
                ErrorKind::Conflict, QStringLiteral("External service %1 is not active").arg(*serviceId)};
        if (!type || service->type != *type)
            return ApiError {ErrorKind::BadRequest,
                QStringLiteral("External service %1 is a %2 service; it cannot send %3 messages")
                    .arg(QString::number(*serviceId), serviceTypeName(service->type), channelName(channel))};
        applyBaseUrl(*service, environment);
        return *service;
    }
    if (type) {
        ExternalServiceFilter filter;
        filter.type = type;
        filter.activeOnly = true;
        filter.limit = 1;
        const auto services = ExternalServiceRepository::list(context, filter);
        if (!services.isEmpty()) {
            auto service = services.first();
            applyBaseUrl(service, environment);
            return service;
        }
    }
    std::optional<ServiceProvider> fallback;
    QString variables;
    switch (channel) {
    case Channel::Sms:
        fallback = ServiceProvider::Twilio;
        variables = QStringLiteral("TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_PHONE_NUMBER");
        break;
    case Channel::Email:
        fallback = ServiceProvider::Mailgun;
        variables = QStringLiteral("MAILGUN_API_KEY, MAILGUN_DOMAIN and MAILGUN_FROM");
        break;
    case Channel::Voice:
        fallback = ServiceProvider::ElevenLabs;
        variables
            = QStringLiteral("ELEVENLABS_API_KEY, ELEVENLABS_AGENT_ID and ELEVENLABS_AGENT_PHONE_NUMBER_ID");
        break;
    case Channel::Push:
    case Channel::Chat:
        break;
    }
    if (fallback) {
        if (auto service = environmentService(*fallback, environment)) {
            applyBaseUrl(*service, environment);
            return *service;
        }
    }
    QString message = QStringLiteral("No active %1 service is configured").arg(channelName(channel));
    if (!variables.isEmpty())
        message += QStringLiteral(": register one under /api/communications/external-services/ or set ")
            + variables;
    return ApiError {ErrorKind::Conflict, message};
}

} // namespace sb
