#pragma once

#include <QList>
#include <QString>

namespace sb {

class ApiKeyRegistry;
class SqlContext;

// One stored admin API key as Settings lists it (the key itself is never stored).
struct StoredApiKey
{
    QString id;
    QString name;
    QString prefix; // the key's first characters, to recognise it
    qint64 createdAtMs = 0;
    qint64 revokedAtMs = 0; // 0 while active
};

// The api_keys table: keys are created, listed and revoked here, and the registry the server
// checks against follows every change.
class ApiKeyRepository
{
public:
    struct Created
    {
        QString id;
        QString key; // shown once
    };

    // Loads the hashes of the active keys into `registry`; returns how many.
    static int load(SqlContext &context, ApiKeyRegistry &registry);
    // Generates, stores (hashed) and registers a new key.
    static Created create(SqlContext &context, ApiKeyRegistry &registry, const QString &name);
    // Revokes key `id` (no-op when already revoked or unknown) and stops accepting it.
    static void revoke(SqlContext &context, ApiKeyRegistry &registry, const QString &id);
    // Every stored key, newest first.
    static QList<StoredApiKey> list(SqlContext &context);
};

} // namespace sb
