#include "ApiKeyRepository.h"

#include "SqlWorker.h"
#include "StorageLog.h"
#include "domain/RecordId.h"
#include "security/ApiKeys.h"

#include <QSqlRecord>
#include <QVariant>

namespace sb {

int ApiKeyRepository::load(SqlContext &context, ApiKeyRegistry &registry)
{
    auto &query = context.run(QStringLiteral("SELECT key_hash FROM api_keys WHERE revoked_at IS NULL"), {});
    QSet<QByteArray> hashes;
    while (query.next())
        hashes.insert(query.value(0).toByteArray());
    query.finish();
    const auto count = int(hashes.size());
    registry.setStoredHashes(std::move(hashes));
    return count;
}

ApiKeyRepository::Created ApiKeyRepository::create(
    SqlContext &context, ApiKeyRegistry &registry, const QString &name)
{
    const auto key = ApiKeyRegistry::generateKey();
    const auto hash = ApiKeyRegistry::hash(key);
    const auto id = newRecordId(u"key_", context.nowMs());
    context.run(
        QStringLiteral("INSERT INTO api_keys(id, name, key_hash, key_prefix, created_at) VALUES(?,?,?,?,?)"),
        {id, name, QString::fromLatin1(hash), QString::fromLatin1(key.left(10)), context.nowMs()});
    registry.addStoredHash(hash);
    qCInfo(lcStorage, "API key %s created", qPrintable(id));
    return {id, QString::fromLatin1(key)};
}

void ApiKeyRepository::revoke(SqlContext &context, ApiKeyRegistry &registry, const QString &id)
{
    auto &query = context.run(
        QStringLiteral("UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL"),
        {context.nowMs(), id});
    if (query.numRowsAffected() > 0)
        qCInfo(lcStorage, "API key %s revoked", qPrintable(id));
    load(context, registry);
}

QList<StoredApiKey> ApiKeyRepository::list(SqlContext &context)
{
    QList<StoredApiKey> keys;
    auto &query = context.run(
        QStringLiteral("SELECT id, name, key_prefix, created_at, COALESCE(revoked_at, 0) AS revoked_at "
                       "FROM api_keys ORDER BY created_at DESC"),
        {});
    const auto record = query.record();
    const int id = record.indexOf(QStringLiteral("id")), name = record.indexOf(QStringLiteral("name")),
              prefix = record.indexOf(QStringLiteral("key_prefix")),
              created = record.indexOf(QStringLiteral("created_at")),
              revoked = record.indexOf(QStringLiteral("revoked_at"));
    while (query.next()) {
        keys.append({query.value(id).toString(), query.value(name).toString(), query.value(prefix).toString(),
            query.value(created).toLongLong(), query.value(revoked).toLongLong()});
    }
    query.finish();
    return keys;
}

} // namespace sb
