#pragma once

#include "domain/WebhookConfig.h"

#include <optional>

namespace sb {

class SecretStore;
class SqlContext;

// Stores configurations and their secrets. Runs on the writer (changes) or reader (reads) thread.
class WebhookConfigRepository
{
public:
    static std::optional<WebhookConfig> find(SqlContext &context, qint64 id);
    // Newest first. `eventType` empty = all; `activeOnly` = status active.
    static QList<WebhookConfig> list(
        SqlContext &context, const QString &eventType, bool activeOnly, int skip, int limit);
    static qint64 count(SqlContext &context);
    static void insert(SqlContext &context, WebhookConfig &config, const QString &secret);
    static void update(SqlContext &context, WebhookConfig &config);
    static bool remove(SqlContext &context, qint64 id);
    // Adds `secret` as the newest; older secrets stay valid for `overlapMs` (rotation).
    static void rotateSecret(SqlContext &context, qint64 id, const QString &secret, qint64 overlapMs);
    // After a delivery finished: counts consecutive failures and disables the config past its limit
    // (or at once with `disableReason`, e.g. 410 Gone). Returns true if it was disabled now.
    static bool recordOutcome(SqlContext &context, qint64 id, bool success, const QString &disableReason);

private:
    // The context's SecretStore, which stores the signing secrets; SqlError when it has none.
    static const SecretStore &secretStore(SqlContext &context);
};

} // namespace sb
