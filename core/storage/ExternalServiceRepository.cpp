#include "ExternalServiceRepository.h"

#include "domain/ServiceConfigSchema.h"
#include "storage/SecretStore.h"
#include "storage/SqlWorker.h"
#include "storage/StorageLog.h"

#include <QJsonDocument>
#include <QSqlRecord>
#include <QVariant>

namespace sb {

namespace {

const QString columns = QStringLiteral(
    "id, name, service_type, provider, config, is_active, description, created_at, updated_at");

const SecretStore &secretStore(SqlContext &context)
{
    const auto *store = context.secrets();
    if (!store)
        throw SqlError(QStringLiteral("external services cannot be stored here: no secret store"));
    return *store;
}

QString sealedConfig(SqlContext &context, const ExternalService &service)
{
    const auto &store = secretStore(context);
    QJsonObject stored = service.config;
    for (auto it = stored.begin(); it != stored.end(); ++it) {
        if (it.value().isString() && isSecretConfigKey(service.provider, it.key()))
            it.value() = store.seal(it.value().toString());
    }
    return QString::fromUtf8(QJsonDocument(stored).toJson(QJsonDocument::Compact));
}

QJsonObject revealedConfig(SqlContext &context, ServiceProvider provider, const QVariant &stored, qint64 id)
{
    const auto &store = secretStore(context);
    auto config = QJsonDocument::fromJson(stored.toString().toUtf8()).object();
    for (auto it = config.begin(); it != config.end(); ++it) {
        if (!it.value().isString() || !isSecretConfigKey(provider, it.key()))
            continue;
        const auto clear = store.reveal(it.value().toString());
        if (!clear)
            qCWarning(lcStorage, "external service %lld: config.%s cannot be decrypted; it is left empty", id,
                qPrintable(it.key()));
        it.value() = clear.value_or(QString());
    }
    return config;
}

std::optional<ExternalService> fromRow(SqlContext &context, const QSqlRecord &row)
{
    const auto type = serviceTypeFromName(row.value(2).toString());
    const auto provider = serviceProviderFromName(row.value(3).toString());
    if (!type || !provider)
        return std::nullopt;
    ExternalService service;
    service.id = row.value(0).toLongLong();
    service.name = row.value(1).toString();
    service.type = *type;
    service.provider = *provider;
    service.config = revealedConfig(context, *provider, row.value(4), service.id);
    service.active = row.value(5).toInt() != 0;
    service.description = row.value(6).toString();
    service.createdAt = QDateTime::fromMSecsSinceEpoch(row.value(7).toLongLong(), Qt::UTC);
    service.updatedAt = QDateTime::fromMSecsSinceEpoch(row.value(8).toLongLong(), Qt::UTC);
    return service;
}

QVariant nullableText(const QString &text)
{
    return text.isNull() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(text);
}

} // namespace

void ExternalServiceRepository::create(SqlContext &context, ExternalService &service)
{
    const auto now = context.nowMs();
    const auto config = sealedConfig(context, service);
    auto &query = context.run(
        QStringLiteral("INSERT INTO external_services(name, service_type, provider, config, is_active, "
                       "description, created_at, updated_at) VALUES(?,?,?,?,?,?,?,?)"),
        {service.name, serviceTypeName(service.type), serviceProviderName(service.provider), config,
            service.active ? 1 : 0, nullableText(service.description), now, now});
    service.id = query.lastInsertId().toLongLong();
    service.createdAt = service.updatedAt = QDateTime::fromMSecsSinceEpoch(now, Qt::UTC);
}

std::optional<ExternalService> ExternalServiceRepository::get(SqlContext &context, qint64 id)
{
    auto &query = context.run(
        QStringLiteral("SELECT ") + columns + QStringLiteral(" FROM external_services WHERE id = ?"), {id});
    if (!query.next())
        return std::nullopt;
    const auto record = query.record();
    query.finish();
    return fromRow(context, record);
}

QList<ExternalService> ExternalServiceRepository::list(
    SqlContext &context, const ExternalServiceFilter &filter)
{
    const auto type = filter.type ? serviceTypeName(*filter.type) : QString();
    const auto provider = filter.provider ? serviceProviderName(*filter.provider) : QString();
    auto &query = context.run(QStringLiteral("SELECT ") + columns
            + QStringLiteral(" FROM external_services WHERE (IFNULL(?, '') = '' OR service_type = ?) AND "
                             "(IFNULL(?, '') = '' OR provider = ?) AND (? = 0 OR is_active = 1) "
                             "ORDER BY id LIMIT ? OFFSET ?"),
        {type, type, provider, provider, filter.activeOnly ? 1 : 0, filter.limit < 0 ? -1 : filter.limit,
            qMax(0, filter.skip)});
    QList<QSqlRecord> records;
    while (query.next())
        records.append(query.record());
    query.finish();
    QList<ExternalService> services;
    for (const auto &record : records) {
        if (auto service = fromRow(context, record))
            services.append(std::move(*service));
    }
    return services;
}

bool ExternalServiceRepository::update(SqlContext &context, ExternalService &service)
{
    const auto now = context.nowMs();
    const auto config = sealedConfig(context, service);
    auto &query = context.run(
        QStringLiteral("UPDATE external_services SET name = ?, service_type = ?, provider = ?, config = ?, "
                       "is_active = ?, description = ?, updated_at = ? WHERE id = ?"),
        {service.name, serviceTypeName(service.type), serviceProviderName(service.provider), config,
            service.active ? 1 : 0, nullableText(service.description), now, service.id});
    if (query.numRowsAffected() <= 0)
        return false;
    service.updatedAt = QDateTime::fromMSecsSinceEpoch(now, Qt::UTC);
    return true;
}

bool ExternalServiceRepository::remove(SqlContext &context, qint64 id)
{
    auto &query = context.run(QStringLiteral("DELETE FROM external_services WHERE id = ?"), {id});
    return query.numRowsAffected() > 0;
}

} // namespace sb
