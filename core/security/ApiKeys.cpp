#include "ApiKeys.h"

#include "ConstantTime.h"
#include "domain/RecordId.h"
#include "storage/Database.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QVariant>

namespace sb {

QByteArray ApiKeyRegistry::hash(QByteArrayView key)
{
    return QCryptographicHash::hash(key, QCryptographicHash::Sha256).toHex();
}

QByteArray ApiKeyRegistry::presentedKey(const QByteArray &authorization, const QByteArray &apiKeyHeader)
{
    if (!apiKeyHeader.trimmed().isEmpty())
        return apiKeyHeader.trimmed();
    const auto trimmed = authorization.trimmed();
    if (trimmed.size() > 7 && QByteArrayView(trimmed).first(7).compare("Bearer ", Qt::CaseInsensitive) == 0)
        return trimmed.mid(7).trimmed();
    return {};
}

void ApiKeyRegistry::setEnvironmentKey(const QByteArray &key)
{
    QWriteLocker locker(&m_lock);
    m_environmentHash = key.isEmpty() ? QByteArray() : hash(key);
}

void ApiKeyRegistry::load(QSqlDatabase &db)
{
    auto query = execOrThrow(db, QStringLiteral("SELECT key_hash FROM api_keys WHERE revoked_at IS NULL"));
    QSet<QByteArray> hashes;
    while (query.next())
        hashes.insert(query.value(0).toByteArray());
    QWriteLocker locker(&m_lock);
    m_hashes = hashes;
}

bool ApiKeyRegistry::verify(QByteArrayView presented) const
{
    if (presented.isEmpty())
        return false;
    const auto candidate = hash(presented);
    QReadLocker locker(&m_lock);
    bool found = !m_environmentHash.isEmpty() && constantTimeEquals(candidate, m_environmentHash);
    // Comparing hashes: the set lookup reveals nothing useful about the key itself.
    found = m_hashes.contains(candidate) || found;
    return found;
}

bool ApiKeyRegistry::hasAnyKey() const
{
    QReadLocker locker(&m_lock);
    return !m_hashes.isEmpty() || !m_environmentHash.isEmpty();
}

ApiKeyRegistry::Created ApiKeyRegistry::create(QSqlDatabase &db, const QString &name, qint64 nowMs)
{
    QByteArray random(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(random.data()), random.size() / 4);
    const QByteArray key = QByteArrayLiteral("sbk_") + random.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    const auto id = newRecordId(u"key_", nowMs);
    QSqlQuery insert(db);
    insert.prepare(QStringLiteral("INSERT INTO api_keys(id, name, key_hash, key_prefix, created_at) VALUES(?,?,?,?,?)"));
    insert.addBindValue(id);
    insert.addBindValue(name);
    insert.addBindValue(QString::fromLatin1(hash(key)));
    insert.addBindValue(QString::fromLatin1(key.left(10)));
    insert.addBindValue(nowMs);
    execOrThrow(insert);
    {
        QWriteLocker locker(&m_lock);
        m_hashes.insert(hash(key));
    }
    return {id, QString::fromLatin1(key)};
}

} // namespace sb
