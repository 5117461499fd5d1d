#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QMutex>
#include <QReadWriteLock>
#include <QString>
#include <optional>

namespace sb {

// What an API key may do (README, "API keys and scopes"): `read` keys use GET/HEAD routes and the
// streams, `write` keys every admin route outside the admin-only areas (key management, the
// external-service registry, webhook configurations), `admin` keys everything.
enum class ApiScope
{
    Read,
    Write,
    Admin
};

QString apiScopeName(ApiScope scope);
std::optional<ApiScope> apiScopeFromName(QStringView name);
// The least scope that may send `method` to `path` (an admin route's path, without its query).
ApiScope requiredScope(QByteArrayView method, QStringView path);
// Whether a key of `scope` may send `method` to `path`; the streams (/ws, SSE) call it with GET.
bool scopeAllows(ApiScope scope, QByteArrayView method, QStringView path);

// Who presented a valid key: the stored key's id (empty for the environment key) and its scope.
struct ApiKeyIdentity
{
    QString id;
    ApiScope scope = ApiScope::Admin;
};

// API keys as the server checks them: SHA-256 hashes of the active keys with their ids and scopes
// (stored ones are loaded by storage's ApiKeyRepository). Checked on the server thread, changed
// from the UI or the API, hence the lock.
class ApiKeyRegistry
{
public:
    struct Registered
    {
        QByteArray hash;
        QString id;
        ApiScope scope = ApiScope::Admin;
    };

    // The key accepted in addition to stored ones (SWITCHBOARD_API_KEY); always an admin key.
    void setEnvironmentKey(const QByteArray &key);
    // Replaces the stored keys (after loading or revoking).
    void setStoredKeys(const QList<Registered> &keys);
    // Starts accepting a newly stored key.
    void addStoredKey(const Registered &key);
    std::optional<ApiKeyIdentity> identify(QByteArrayView presented) const;
    bool verify(QByteArrayView presented) const { return identify(presented).has_value(); }
    bool hasAnyKey() const;

    // Notes that stored key `id` was used at `nowMs`; true when that use should be written down
    // (the first use, then at most once per `intervalMs` per key: never a write per request).
    bool noteUse(const QString &id, qint64 nowMs, qint64 intervalMs = 60'000) const;

    // A new random key ("sbk_" + 43 base64url characters).
    static QByteArray generateKey();
    static QByteArray hash(QByteArrayView key);
    // "Authorization: Bearer <key>" or "X-API-Key: <key>".
    static QByteArray presentedKey(const QByteArray &authorization, const QByteArray &apiKeyHeader);

private:
    mutable QReadWriteLock m_lock;
    QHash<QByteArray, Registered> m_keys; // by hash
    QByteArray m_environmentHash;
    // Bookkeeping of uses, not part of what the registry accepts.
    mutable QMutex m_usesLock;
    mutable QHash<QString, qint64> m_lastWritten; // key id -> when its use was last written
};

} // namespace sb
