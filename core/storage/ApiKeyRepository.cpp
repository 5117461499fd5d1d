#include "ApiKeyRepository.h"

#include "SqlWorker.h"
#include "StorageLog.h"
#include "domain/RecordId.h"

#include <QSqlRecord>
#include <QVariant>

namespace sb {

namespace {

const QString selectKeys
    = QStringLiteral("SELECT id, name, key_prefix, scope, created_at, COALESCE(revoked_at, 0) AS revoked_at, "
                     "COALESCE(last_used_at, 0) AS last_used_at, COALESCE(last_used_client, '') AS "
                     "last_used_client FROM api_keys ");

QList<StoredApiKey> readKeys(QSqlQuery &query)
{
    QList<StoredApiKey> keys;
    while (query.next()) {
        StoredApiKey key;
        key.id = query.value(0).toString();
        key.name = query.value(1).toString();
        key.prefix = query.value(2).toString();
        key.scope = apiScopeFromName(query.value(3).toString()).value_or(ApiScope::Read);
        key.createdAtMs = query.value(4).toLongLong();
        key.revokedAtMs = query.value(5).toLongLong();
        key.lastUsedAtMs = query.value(6).toLongLong();
        key.lastUsedClient = query.value(7).toString();
        keys.append(std::move(key));
    }
    query.finish();
    return keys;
}

} // namespace

int ApiKeyRepository::load(SqlContext &context, ApiKeyRegistry &registry)
{
    auto &query = context.run(
        QStringLiteral("SELECT key_hash, id, scope FROM api_keys WHERE revoked_at IS NULL"), {});
    QList<ApiKeyRegistry::Registered> keys;
    while (query.next()) {
        // An unknown scope (a newer Switchboard wrote it) is read as the least one.
        keys.append({query.value(0).toByteArray(), query.value(1).toString(),
            apiScopeFromName(query.value(2).toString()).value_or(ApiScope::Read)});
    }
    query.finish();
    registry.setStoredKeys(keys);
    return int(keys.size());
}

ApiKeyRepository::Created ApiKeyRepository::create(
    SqlContext &context, ApiKeyRegistry &registry, const QString &name, ApiScope scope)
{
    const auto key = ApiKeyRegistry::generateKey();
    const auto hash = ApiKeyRegistry::hash(key);
    const auto id = newRecordId(u"key_", context.nowMs());
    context.run(QStringLiteral("INSERT INTO api_keys(id, name, key_hash, key_prefix, scope, created_at) "
                               "VALUES(?,?,?,?,?,?)"),
        {id, name, QString::fromLatin1(hash), QString::fromLatin1(key.left(10)), apiScopeName(scope),
            context.nowMs()});
    registry.addStoredKey({hash, id, scope});
    qCInfo(lcStorage, "API key %s (%s) created", qPrintable(id), qPrintable(apiScopeName(scope)));
    return {id, QString::fromLatin1(key)};
}

bool ApiKeyRepository::revoke(SqlContext &context, ApiKeyRegistry &registry, const QString &id)
{
    auto &query = context.run(
        QStringLiteral("UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL"),
        {context.nowMs(), id});
    const bool revoked = query.numRowsAffected() > 0;
    if (revoked)
        qCInfo(lcStorage, "API key %s revoked", qPrintable(id));
    load(context, registry);
    return revoked;
}

QList<StoredApiKey> ApiKeyRepository::list(SqlContext &context)
{
    return readKeys(context.run(selectKeys + QStringLiteral("ORDER BY created_at DESC, id DESC"), {}));
}

std::optional<StoredApiKey> ApiKeyRepository::find(SqlContext &context, const QString &id)
{
    const auto keys = readKeys(context.run(selectKeys + QStringLiteral("WHERE id = ?"), {id}));
    if (keys.isEmpty())
        return std::nullopt;
    return keys.first();
}

void ApiKeyRepository::recordUse(SqlContext &context, const QString &id, qint64 atMs, const QString &client)
{
    context.write(QStringLiteral("UPDATE api_keys SET last_used_at = MAX(COALESCE(last_used_at, 0), ?), "
                                 "last_used_client = ? WHERE id = ?"),
        {atMs, client.left(300), id});
}

} // namespace sb
