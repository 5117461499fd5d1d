#pragma once

#include <QByteArray>
#include <QReadWriteLock>
#include <QSet>
#include <QSqlDatabase>
#include <QString>

namespace sb {

// Admin API keys. Only SHA-256 hashes are stored; a new key is shown once. Checked on the server
// thread, changed from the UI or the API, hence the lock.
class ApiKeyRegistry
{
public:
    // The key accepted in addition to stored ones (SWITCHBOARD_API_KEY).
    void setEnvironmentKey(const QByteArray &key);
    void load(QSqlDatabase &db);
    bool verify(QByteArrayView presented) const;
    bool hasAnyKey() const;

    struct Created
    {
        QString id;
        QString key; // shown once
    };
    // Generates, stores (hashed) and registers a new key.
    Created create(QSqlDatabase &db, const QString &name, qint64 nowMs);

    static QByteArray hash(QByteArrayView key);
    // "Authorization: Bearer <key>" or "X-API-Key: <key>".
    static QByteArray presentedKey(const QByteArray &authorization, const QByteArray &apiKeyHeader);

private:
    mutable QReadWriteLock m_lock;
    QSet<QByteArray> m_hashes;
    QByteArray m_environmentHash;
};

} // namespace sb
