#pragma once

#include <QByteArray>
#include <QReadWriteLock>
#include <QSet>
#include <QString>

namespace sb {

// Admin API keys as the server checks them: SHA-256 hashes of the active keys (stored ones are
// loaded by storage's ApiKeyRepository). Checked on the server thread, changed from the UI or the
// API, hence the lock.
class ApiKeyRegistry
{
public:
    // The key accepted in addition to stored ones (SWITCHBOARD_API_KEY).
    void setEnvironmentKey(const QByteArray &key);
    // Replaces the stored keys' hashes (after loading or revoking).
    void setStoredHashes(QSet<QByteArray> hashes);
    // Starts accepting a newly stored key.
    void addStoredHash(const QByteArray &hash);
    bool verify(QByteArrayView presented) const;
    bool hasAnyKey() const;

    // A new random key ("sbk_" + 43 base64url characters).
    static QByteArray generateKey();
    static QByteArray hash(QByteArrayView key);
    // "Authorization: Bearer <key>" or "X-API-Key: <key>".
    static QByteArray presentedKey(const QByteArray &authorization, const QByteArray &apiKeyHeader);

private:
    mutable QReadWriteLock m_lock;
    QSet<QByteArray> m_hashes;
    QByteArray m_environmentHash;
};

} // namespace sb
