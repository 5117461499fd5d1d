#include "WebhookConfigCommands.h"

#include "storage/SqlWorker.h"
#include "storage/WebhookConfigRepository.h"

namespace sb {

namespace {

constexpr qint64 rotationOverlapMs = 24 * 3600 * 1000;

void configsChanged(SqlContext &context)
{
    // The fan-out caches active configurations; the next event reloads them.
    if (auto *router = context.eventRouter())
        router->invalidate();
}

} // namespace

std::variant<ConfigWrite, ApiError> WebhookConfigCommands::create(
    SqlContext &context, const QJsonObject &body)
{
    ConfigWrite write;
    QString secret, error;
    if (!applyConfigJson(body, true, &write.config, &secret, &error))
        return ApiError {ErrorKind::BadRequest, error, {}};
    if (secret.isEmpty())
        secret = WebhookConfig::generateSecret();
    WebhookConfigRepository::insert(context, write.config, secret);
    write.secretChanged = true;
    configsChanged(context);
    return write;
}

std::variant<ConfigWrite, ApiError> WebhookConfigCommands::update(
    SqlContext &context, qint64 id, const QJsonObject &body, const QString &notFound)
{
    auto config = WebhookConfigRepository::find(context, id);
    if (!config)
        return ApiError {ErrorKind::NotFound, notFound, {}};
    QString secret, error;
    if (!applyConfigJson(body, false, &*config, &secret, &error))
        return ApiError {ErrorKind::BadRequest, error, {}};
    WebhookConfigRepository::update(context, *config);
    ConfigWrite write;
    if (!secret.isEmpty() && secret != config->secrets.value(0)) {
        WebhookConfigRepository::rotateSecret(context, config->id, secret, rotationOverlapMs);
        config = WebhookConfigRepository::find(context, config->id);
        write.secretChanged = true;
    }
    write.config = *config;
    configsChanged(context);
    return write;
}

bool WebhookConfigCommands::remove(SqlContext &context, qint64 id)
{
    if (!WebhookConfigRepository::remove(context, id))
        return false;
    configsChanged(context);
    return true;
}

} // namespace sb
