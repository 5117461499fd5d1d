#include "ChannelRoutes.h"
#include "domain/IsoTime.h"
#include "domain/ServiceConfigSchema.h"
#include "http/JsonBody.h"
#include "server/RouteTable.h"
#include "storage/ExternalServiceRepository.h"

#include <QJsonArray>
#include <algorithm>
#include <array>

namespace sb {

namespace {

const auto notFound = QStringLiteral("External service not found");

std::optional<qint64> idArgument(const ApiRequest &request)
{
    bool ok = false;
    const auto id = request.pathArgs.value(0).toLongLong(&ok);
    return ok && id > 0 ? std::optional<qint64>(id) : std::nullopt;
}

QJsonObject toJson(const ExternalService &service)
{
    return {{QStringLiteral("id"), service.id}, {QStringLiteral("name"), service.name},
        {QStringLiteral("service_type"), serviceTypeName(service.type)},
        {QStringLiteral("provider"), serviceProviderName(service.provider)},
        {QStringLiteral("config"), maskServiceConfig(service.provider, service.config)},
        {QStringLiteral("is_active"), service.active},
        {QStringLiteral("description"),
            service.description.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(service.description)},
        {QStringLiteral("created_at"), isoTime(service.createdAt.toMSecsSinceEpoch())},
        {QStringLiteral("updated_at"), isoTime(service.updatedAt.toMSecsSinceEpoch())}};
}

QString typeChoices()
{
    QStringList names;
    for (auto type : {ServiceType::Sms, ServiceType::Email, ServiceType::Push, ServiceType::Chat})
        names.append(serviceTypeName(type));
    return names.join(QStringLiteral(", "));
}

// The providers the registry takes (ElevenLabs is configured from the environment only).
QString providerChoices()
{
    QStringList names;
    for (int i = 0; i <= static_cast<int>(ServiceProvider::ElevenLabs); ++i) {
        const auto provider = static_cast<ServiceProvider>(i);
        if (serviceTypeOf(provider))
            names.append(serviceProviderName(provider));
    }
    return names.join(QStringLiteral(", "));
}

std::optional<ServiceType> parseType(const QJsonValue &value, QStringList &problems)
{
    const auto type = value.isString() ? serviceTypeFromName(value.toString()) : std::nullopt;
    if (!type)
        problems.append(QStringLiteral("service_type must be one of ") + typeChoices());
    return type;
}

std::optional<ServiceProvider> parseProvider(const QJsonValue &value, QStringList &problems)
{
    auto provider = value.isString() ? serviceProviderFromName(value.toString()) : std::nullopt;
    if (provider && !serviceTypeOf(*provider))
        provider.reset();
    if (!provider)
        problems.append(QStringLiteral("provider must be one of ") + providerChoices());
    return provider;
}

// Top-level fields of a body; the answer's own read-only fields are accepted and ignored so that
// an answer can be sent back as it is.
void refuseUnknownFields(const QJsonObject &body, QStringList &problems)
{
    static const std::array known {"name", "service_type", "provider", "config", "is_active", "description",
        "id", "created_at", "updated_at"};
    QStringList unknown;
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (std::none_of(known.cbegin(), known.cend(),
                [&](const char *name) { return it.key() == QLatin1String(name); }))
            unknown.append(it.key() + QStringLiteral(" is not a field of an external service"));
    }
    unknown.sort();
    problems += unknown;
}

void readCommonFields(const QJsonObject &body, ExternalService &service, QStringList &problems)
{
    if (body.contains(QStringLiteral("name"))) {
        const auto name = body.value(QStringLiteral("name"));
        if (!name.isString() || name.toString().trimmed().isEmpty())
            problems.append(QStringLiteral("name must be a non-empty string"));
        else
            service.name = name.toString().trimmed();
    }
    if (body.contains(QStringLiteral("is_active"))) {
        const auto active = body.value(QStringLiteral("is_active"));
        if (!active.isBool())
            problems.append(QStringLiteral("is_active must be true or false"));
        else
            service.active = active.toBool();
    }
    if (body.contains(QStringLiteral("description"))) {
        const auto description = body.value(QStringLiteral("description"));
        if (description.isNull())
            service.description = QString();
        else if (!description.isString())
            problems.append(QStringLiteral("description must be a string or null"));
        else
            service.description = description.toString();
    }
}

// Problems of a config whose secrets must be sent in full (a new service, or a new provider).
QStringList fullConfigProblems(ServiceProvider provider, const QJsonObject &config)
{
    QStringList masked;
    for (auto it = config.begin(); it != config.end(); ++it) {
        if (it.value().isString() && isSecretConfigKey(provider, it.key())
            && isMaskedValue(it.value().toString()))
            masked.append(it.key());
    }
    QStringList problems;
    for (const auto &problem : validateServiceConfig(provider, config)) {
        const bool aboutMasked = std::any_of(masked.cbegin(), masked.cend(), [&](const QString &key) {
            return problem.startsWith(QStringLiteral("config.") + key + QLatin1Char(' '));
        });
        if (!aboutMasked)
            problems.append(problem);
    }
    for (const auto &key : masked)
        problems.append(QStringLiteral("config.") + key + QStringLiteral(" is masked; send the full secret"));
    return problems;
}

// The fallback of an SMS service must be a registered email service (not itself).
QStringList fallbackProblems(SqlContext &context, const QJsonObject &config)
{
    const auto id = fallbackEmailServiceId(config);
    if (!id)
        return {};
    const auto target = ExternalServiceRepository::get(context, *id);
    if (!target)
        return {QStringLiteral("config.fallback_email_service_id: no external service %1").arg(*id)};
    if (target->type != ServiceType::Email)
        return {QStringLiteral(
            "config.fallback_email_service_id: service %1 is a %2 service, not an email service")
                    .arg(QString::number(*id), serviceTypeName(target->type))};
    return {};
}

// `sent` applied over `stored`: a key sent as null is removed, a secret sent back exactly as its
// stored value's mask keeps the stored value, anything else replaces it.
QJsonObject mergeConfig(
    ServiceProvider provider, const QJsonObject &stored, const QJsonObject &sent, QStringList &problems)
{
    QJsonObject merged = stored;
    for (auto it = sent.begin(); it != sent.end(); ++it) {
        const auto &key = it.key();
        const auto value = it.value();
        if (value.isNull()) {
            merged.remove(key);
            continue;
        }
        if (value.isString() && isSecretConfigKey(provider, key) && isMaskedValue(value.toString())) {
            const auto current = stored.value(key);
            if (!current.isString() || maskSecretValue(current.toString()) != value.toString())
                problems.append(QStringLiteral("config.") + key
                    + QStringLiteral(
                        " is masked but does not match the stored secret; send the full secret"));
            continue;
        }
        merged.insert(key, value);
    }
    return merged;
}

ApiError badRequest(const QStringList &problems)
{
    return ApiError {ErrorKind::BadRequest, problems.join(QStringLiteral("; ")), {}};
}

ApiResult list(SqlContext &context, const ApiRequest &request)
{
    QStringList problems;
    ExternalServiceFilter filter;
    const auto &query = request.query;
    bool ok = true;
    const auto skipText = query.queryItemValue(QStringLiteral("skip"));
    filter.skip = skipText.isEmpty() ? 0 : skipText.toInt(&ok);
    if (!ok || filter.skip < 0)
        problems.append(QStringLiteral("skip must be a non-negative integer"));
    const auto limitText = query.queryItemValue(QStringLiteral("limit"));
    filter.limit = limitText.isEmpty() ? 100 : limitText.toInt(&ok);
    if (!ok || filter.limit < 1 || filter.limit > 1000)
        problems.append(QStringLiteral("limit must be between 1 and 1000"));
    if (query.hasQueryItem(QStringLiteral("service_type")))
        filter.type = parseType(query.queryItemValue(QStringLiteral("service_type")), problems);
    if (query.hasQueryItem(QStringLiteral("provider")))
        filter.provider = parseProvider(query.queryItemValue(QStringLiteral("provider")), problems);
    const auto active = query.queryItemValue(QStringLiteral("active_only")).toLower();
    if (!active.isEmpty() && active != QLatin1String("true") && active != QLatin1String("false"))
        problems.append(QStringLiteral("active_only must be true or false"));
    filter.activeOnly = active == QLatin1String("true");
    if (!problems.isEmpty())
        return badRequest(problems);
    QJsonArray items;
    for (const auto &service : ExternalServiceRepository::list(context, filter))
        items.append(toJson(service));
    return ApiResponse::json(200, items);
}

ApiResult get(SqlContext &context, const ApiRequest &request)
{
    const auto id = idArgument(request);
    const auto service = id ? ExternalServiceRepository::get(context, *id) : std::nullopt;
    if (!service)
        return ApiError {ErrorKind::NotFound, notFound, {}};
    return ApiResponse::json(200, toJson(*service));
}

ApiResult create(SqlContext &context, const ApiRequest &request)
{
    const auto parsed = JsonBody::object(request.body, JsonBody::Empty::AsEmptyObject);
    if (const auto *error = std::get_if<ApiError>(&parsed))
        return *error;
    const auto &body = std::get<QJsonObject>(parsed);
    QStringList problems;
    ExternalService service;
    if (!body.contains(QStringLiteral("name")))
        problems.append(QStringLiteral("name is required"));
    std::optional<ServiceType> type;
    std::optional<ServiceProvider> provider;
    if (!body.contains(QStringLiteral("service_type")))
        problems.append(QStringLiteral("service_type is required"));
    else
        type = parseType(body.value(QStringLiteral("service_type")), problems);
    if (!body.contains(QStringLiteral("provider")))
        problems.append(QStringLiteral("provider is required"));
    else
        provider = parseProvider(body.value(QStringLiteral("provider")), problems);
    if (type && provider && serviceTypeOf(*provider) != type)
        problems.append(QStringLiteral("provider %1 is not a %2 provider")
                            .arg(serviceProviderName(*provider), serviceTypeName(*type)));
    readCommonFields(body, service, problems);
    const auto config = body.value(QStringLiteral("config"));
    if (config.isUndefined() || config.isNull())
        problems.append(QStringLiteral("config is required"));
    else if (!config.isObject())
        problems.append(QStringLiteral("config must be an object"));
    else if (provider)
        problems += fullConfigProblems(*provider, config.toObject());
    if (config.isObject())
        problems += fallbackProblems(context, config.toObject());
    refuseUnknownFields(body, problems);
    if (!problems.isEmpty())
        return badRequest(problems);
    service.type = *type;
    service.provider = *provider;
    service.config = config.toObject();
    // An optional key sent as null is not stored.
    for (const auto &key : service.config.keys()) {
        if (service.config.value(key).isNull())
            service.config.remove(key);
    }
    ExternalServiceRepository::create(context, service);
    return ApiResponse::json(201, toJson(service));
}

ApiResult update(SqlContext &context, const ApiRequest &request)
{
    const auto id = idArgument(request);
    auto existing = id ? ExternalServiceRepository::get(context, *id) : std::nullopt;
    if (!existing)
        return ApiError {ErrorKind::NotFound, notFound, {}};
    const auto parsed = JsonBody::object(request.body, JsonBody::Empty::AsEmptyObject);
    if (const auto *error = std::get_if<ApiError>(&parsed))
        return *error;
    const auto &body = std::get<QJsonObject>(parsed);
    QStringList problems;
    auto service = *existing;
    std::optional<ServiceProvider> provider = service.provider;
    if (body.contains(QStringLiteral("provider")))
        provider = parseProvider(body.value(QStringLiteral("provider")), problems);
    std::optional<ServiceType> type = provider ? serviceTypeOf(*provider) : std::nullopt;
    if (body.contains(QStringLiteral("service_type"))) {
        const auto sent = parseType(body.value(QStringLiteral("service_type")), problems);
        if (sent && provider && sent != type)
            problems.append(QStringLiteral("provider %1 is not a %2 provider")
                                .arg(serviceProviderName(*provider), serviceTypeName(*sent)));
    }
    readCommonFields(body, service, problems);
    const bool providerChanged = provider && *provider != existing->provider;
    const auto config = body.value(QStringLiteral("config"));
    QJsonObject newConfig = existing->config;
    if (config.isUndefined() || config.isNull()) {
        if (providerChanged)
            problems.append(QStringLiteral("config is required when the provider changes"));
    } else if (!config.isObject()) {
        problems.append(QStringLiteral("config must be an object"));
    } else if (providerChanged) {
        newConfig = config.toObject();
        problems += fullConfigProblems(*provider, newConfig);
    } else if (provider) {
        QStringList maskProblems;
        newConfig = mergeConfig(*provider, existing->config, config.toObject(), maskProblems);
        problems += validateServiceConfig(*provider, newConfig);
        problems += maskProblems;
    }
    problems += fallbackProblems(context, newConfig);
    refuseUnknownFields(body, problems);
    if (!problems.isEmpty())
        return badRequest(problems);
    service.provider = *provider;
    service.type = *type;
    service.config = newConfig;
    for (const auto &key : service.config.keys()) {
        if (service.config.value(key).isNull())
            service.config.remove(key);
    }
    if (!ExternalServiceRepository::update(context, service))
        return ApiError {ErrorKind::NotFound, notFound, {}};
    return ApiResponse::json(200, toJson(service));
}

ApiResult remove(SqlContext &context, const ApiRequest &request)
{
    const auto id = idArgument(request);
    if (!id || !ExternalServiceRepository::remove(context, *id))
        return ApiError {ErrorKind::NotFound, notFound, {}};
    return ApiResponse::json(
        200, QJsonObject {{QStringLiteral("id"), *id}, {QStringLiteral("deleted"), true}});
}

} // namespace

void registerExternalServiceRoutes(Router &router)
{
    const auto base = QStringLiteral("/api/communications/external-services");
    const QString item = base + QStringLiteral("/{id}");
    const auto family = ApiFamily::Communications;
    routes::addQuery(router, "GET", base, family, QStringLiteral("external-services.list"), list);
    routes::addCommand(router, "POST", base, family, QStringLiteral("external-services.create"), create);
    routes::addQuery(router, "GET", item, family, QStringLiteral("external-services.get"), get);
    routes::addCommand(router, "PUT", item, family, QStringLiteral("external-services.update"), update);
    routes::addCommand(router, "DELETE", item, family, QStringLiteral("external-services.delete"), remove);
}

} // namespace sb
