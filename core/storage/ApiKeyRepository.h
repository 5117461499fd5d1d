#pragma once

#include "security/ApiKeys.h"

#include <QList>
#include <QString>
#include <optional>

namespace sb {

class SqlContext;

// One stored API key as Settings and GET /api/keys list it (the key itself is never stored).
struct StoredApiKey
{
    QString id;
    QString name;
    QString prefix; // the key's first characters, to recognise it
    ApiScope scope = ApiScope::Admin;
    qint64 createdAtMs = 0;
    qint64 revokedAtMs = 0; // 0 while active
    qint64 lastUsedAtMs = 0; // 0 when never used (written at most once a minute)
    QString lastUsedClient; // "<client IP> <User-Agent>"
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

    // Loads the hashes, ids and scopes of the active keys into `registry`; returns how many.
    static int load(SqlContext &context, ApiKeyRegistry &registry);
    // Generates, stores (hashed) and registers a new key.
    static Created create(
        SqlContext &context, ApiKeyRegistry &registry, const QString &name, ApiScope scope = ApiScope::Admin);
    // Revokes key `id` and stops accepting it; false when it is unknown or already revoked.
    static bool revoke(SqlContext &context, ApiKeyRegistry &registry, const QString &id);
    // Every stored key, newest first.
    static QList<StoredApiKey> list(SqlContext &context);
    static std::optional<StoredApiKey> find(SqlContext &context, const QString &id);
    // Records that key `id` was used at `atMs` by `client` (IP and User-Agent).
    static void recordUse(SqlContext &context, const QString &id, qint64 atMs, const QString &client);
};

} // namespace sb
