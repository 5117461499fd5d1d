#include "ApiKeys.h"

#include "ConstantTime.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

namespace sb {

namespace {

// Areas only admin keys may use, whatever the method.
constexpr const char *adminOnlyPrefixes[] = {
    "/api/keys",
    "/api/communications/external-services",
    "/api/webhooks/config",
    "/api/communications/webhooks",
};

bool underPrefix(QStringView path, QLatin1String prefix)
{
    return path.startsWith(prefix)
        && (path.size() == prefix.size() || path.at(prefix.size()) == QLatin1Char('/'));
}

int rank(ApiScope scope)
{
    switch (scope) {
    case ApiScope::Read:
        return 0;
    case ApiScope::Write:
        return 1;
    case ApiScope::Admin:
        return 2;
    }
    return 0;
}

} // namespace

QString apiScopeName(ApiScope scope)
{
    switch (scope) {
    case ApiScope::Read:
        return QStringLiteral("read");
    case ApiScope::Write:
        return QStringLiteral("write");
    case ApiScope::Admin:
        return QStringLiteral("admin");
    }
    return {};
}

std::optional<ApiScope> apiScopeFromName(QStringView name)
{
    for (const auto scope : {ApiScope::Read, ApiScope::Write, ApiScope::Admin}) {
        if (name == apiScopeName(scope))
            return scope;
    }
    return std::nullopt;
}

ApiScope requiredScope(QByteArrayView method, QStringView path)
{
    for (const char *prefix : adminOnlyPrefixes) {
        if (underPrefix(path, QLatin1String(prefix)))
            return ApiScope::Admin;
    }
    if (method == "GET" || method == "HEAD")
        return ApiScope::Read;
    return ApiScope::Write;
}

bool scopeAllows(ApiScope scope, QByteArrayView method, QStringView path)
{
    return rank(scope) >= rank(requiredScope(method, path));
}

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

void ApiKeyRegistry::setStoredKeys(const QList<Registered> &keys)
{
    QHash<QByteArray, Registered> byHash;
    for (const auto &key : keys)
        byHash.insert(key.hash, key);
    QWriteLocker locker(&m_lock);
    m_keys = std::move(byHash);
}

void ApiKeyRegistry::addStoredKey(const Registered &key)
{
    QWriteLocker locker(&m_lock);
    m_keys.insert(key.hash, key);
}

std::optional<ApiKeyIdentity> ApiKeyRegistry::identify(QByteArrayView presented) const
{
    if (presented.isEmpty())
        return std::nullopt;
    const auto candidate = hash(presented);
    QReadLocker locker(&m_lock);
    const bool environment = !m_environmentHash.isEmpty() && constantTimeEquals(candidate, m_environmentHash);
    // Comparing hashes: the lookup reveals nothing useful about the key itself.
    const auto stored = m_keys.constFind(candidate);
    if (stored != m_keys.constEnd())
        return ApiKeyIdentity {stored->id, stored->scope};
    if (environment)
        return ApiKeyIdentity {QString(), ApiScope::Admin};
    return std::nullopt;
}

bool ApiKeyRegistry::hasAnyKey() const
{
    QReadLocker locker(&m_lock);
    return !m_keys.isEmpty() || !m_environmentHash.isEmpty();
}

bool ApiKeyRegistry::noteUse(const QString &id, qint64 nowMs, qint64 intervalMs) const
{
    if (id.isEmpty())
        return false;
    QMutexLocker locker(&m_usesLock);
    const auto last = m_lastWritten.constFind(id);
    if (last != m_lastWritten.constEnd() && nowMs - *last < intervalMs && nowMs >= *last)
        return false;
    m_lastWritten.insert(id, nowMs);
    return true;
}

QByteArray ApiKeyRegistry::generateKey()
{
    QByteArray random(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(random.data()), random.size() / 4);
    return QByteArrayLiteral("sbk_")
        + random.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

} // namespace sb
