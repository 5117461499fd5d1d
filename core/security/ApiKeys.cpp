#include "ApiKeys.h"

#include "ConstantTime.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

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

void ApiKeyRegistry::setStoredHashes(QSet<QByteArray> hashes)
{
    QWriteLocker locker(&m_lock);
    m_hashes = std::move(hashes);
}

void ApiKeyRegistry::addStoredHash(const QByteArray &hash)
{
    QWriteLocker locker(&m_lock);
    m_hashes.insert(hash);
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

QByteArray ApiKeyRegistry::generateKey()
{
    QByteArray random(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(random.data()), random.size() / 4);
    return QByteArrayLiteral("sbk_")
        + random.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

} // namespace sb
