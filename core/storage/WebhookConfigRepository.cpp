#include "WebhookConfigRepository.h"

#include "storage/SecretStore.h"
#include "storage/SqlWorker.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlRecord>
#include <QVariant>

namespace sb {

namespace {

const QString columns = QStringLiteral(
    "id, name, url, description, event_types, status, headers, retry_config, filters, metadata, timeout_ms, "
    "disable_after_failures, consecutive_failures, disabled_reason, created_at, updated_at");

QString compact(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QJsonObject objectFrom(const QVariant &value)
{
    return QJsonDocument::fromJson(value.toByteArray()).object();
}

WebhookConfig fromRow(const QSqlRecord &row)
{
    WebhookConfig config;
    config.id = row.value(0).toLongLong();
    config.name = row.value(1).toString();
    config.url = row.value(2).toString();
    config.description = row.value(3).toString();
    for (const auto &item : QJsonDocument::fromJson(row.value(4).toByteArray()).array())
        config.eventTypes.append(item.toString());
    const auto status = webhookStatusFromName(row.value(5).toString());
    if (!status)
        throw SqlError(QStringLiteral("webhook configuration %1 has an unknown status '%2'")
                           .arg(row.value(0).toString(), row.value(5).toString()));
    config.status = *status;
    config.headers = objectFrom(row.value(6));
    QString ignored;
    RetryPolicy::fromJson(objectFrom(row.value(7)), &config.retry, &ignored);
    config.filters = objectFrom(row.value(8));
    config.metadata = objectFrom(row.value(9));
    config.timeoutMs = row.value(10).toInt();
    config.disableAfterFailures = row.value(11).toInt();
    config.consecutiveFailures = row.value(12).toInt();
    config.disabledReason = row.value(13).toString();
    config.createdAt = row.value(14).toLongLong();
    config.updatedAt = row.value(15).toLongLong();
    return config;
}

// Signing secrets are stored sealed (SecretStore); a context without the store (a view that shows
// no secret) leaves them out.
void loadSecrets(SqlContext &context, WebhookConfig &config)
{
    config.secrets.clear();
    if (const auto *store = context.secrets())
        config.secrets = store->signingSecrets(context, config.id);
}

QVariantList values(const WebhookConfig &config)
{
    return {config.name, config.url, config.description,
        QString::fromUtf8(
            QJsonDocument(QJsonArray::fromStringList(config.eventTypes)).toJson(QJsonDocument::Compact)),
        webhookStatusName(config.status), compact(config.headers), compact(config.retry.toJson()),
        compact(config.filters), compact(config.metadata), config.timeoutMs, config.disableAfterFailures,
        config.consecutiveFailures,
        config.disabledReason.isEmpty() ? QVariant(QMetaType(QMetaType::QString))
                                        : QVariant(config.disabledReason),
        config.updatedAt};
}

} // namespace

std::optional<WebhookConfig> WebhookConfigRepository::find(SqlContext &context, qint64 id)
{
    auto &query = context.run(
        QStringLiteral("SELECT ") + columns + QStringLiteral(" FROM webhook_configs WHERE id = ?"), {id});
    if (!query.next())
        return std::nullopt;
    auto config = fromRow(query.record());
    query.finish();
    loadSecrets(context, config);
    return config;
}

QList<WebhookConfig> WebhookConfigRepository::list(
    SqlContext &context, const QString &eventType, bool activeOnly, int skip, int limit)
{
    auto &query = context.run(QStringLiteral("SELECT ") + columns
            + QStringLiteral(" FROM webhook_configs WHERE (? = 0 OR status = ?) ORDER BY id DESC"),
        {activeOnly ? 1 : 0, webhookStatusName(WebhookStatus::Active)});
    QList<WebhookConfig> configs;
    int skipped = 0;
    while (query.next()) {
        auto config = fromRow(query.record());
        if (!eventType.isEmpty() && !config.eventTypes.contains(eventType))
            continue;
        if (skipped++ < skip)
            continue;
        if (limit >= 0 && configs.size() >= limit)
            break;
        configs.append(config);
    }
    query.finish();
    for (auto &config : configs)
        loadSecrets(context, config);
    return configs;
}

const SecretStore &WebhookConfigRepository::secretStore(SqlContext &context)
{
    const auto *store = context.secrets();
    if (!store)
        throw SqlError(QStringLiteral("signing secrets cannot be stored here: no secret store"));
    return *store;
}

qint64 WebhookConfigRepository::count(SqlContext &context)
{
    auto &query = context.run(QStringLiteral("SELECT COUNT(*) FROM webhook_configs"), {});
    const qint64 n = query.next() ? query.value(0).toLongLong() : 0;
    query.finish();
    return n;
}

void WebhookConfigRepository::insert(SqlContext &context, WebhookConfig &config, const QString &secret)
{
    config.createdAt = config.updatedAt = context.nowMs();
    auto bound = values(config);
    bound.append(config.createdAt);
    auto &query = context.run(
        QStringLiteral("INSERT INTO webhook_configs(name, url, description, event_types, status, "
                       "headers, retry_config, filters, metadata, timeout_ms, "
                       "disable_after_failures, consecutive_failures, disabled_reason, "
                       "updated_at, created_at) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"),
        bound);
    config.id = query.lastInsertId().toLongLong();
    secretStore(context).addSigningSecret(context, config.id, secret, config.createdAt);
    config.secrets = {secret};
}

void WebhookConfigRepository::update(SqlContext &context, WebhookConfig &config)
{
    config.updatedAt = context.nowMs();
    auto bound = values(config);
    bound.append(config.id);
    context.run(QStringLiteral(
                    "UPDATE webhook_configs SET name = ?, url = ?, description = ?, event_types = ?, "
                    "status = ?, headers = ?, retry_config = ?, filters = ?, metadata = ?, timeout_ms = ?, "
                    "disable_after_failures = ?, consecutive_failures = ?, disabled_reason = ?, "
                    "updated_at = ? WHERE id = ?"),
        bound);
}

bool WebhookConfigRepository::remove(SqlContext &context, qint64 id)
{
    SecretStore::removeSigningSecrets(context, id);
    auto &query = context.run(QStringLiteral("DELETE FROM webhook_configs WHERE id = ?"), {id});
    return query.numRowsAffected() > 0;
}

void WebhookConfigRepository::rotateSecret(
    SqlContext &context, qint64 id, const QString &secret, qint64 overlapMs)
{
    const auto now = context.nowMs();
    const auto &store = secretStore(context);
    SecretStore::expireSigningSecrets(context, id, now + overlapMs);
    store.addSigningSecret(context, id, secret, now);
}

bool WebhookConfigRepository::recordOutcome(
    SqlContext &context, qint64 id, bool success, const QString &disableReason)
{
    if (success) {
        context.run(QStringLiteral("UPDATE webhook_configs SET consecutive_failures = 0 WHERE id = ? AND "
                                   "consecutive_failures <> 0"),
            {id});
        return false;
    }
    const auto now = context.nowMs();
    if (!disableReason.isEmpty()) {
        auto &query
            = context.run(QStringLiteral("UPDATE webhook_configs SET status = ?, disabled_reason = ?, "
                                         "consecutive_failures = consecutive_failures + 1, updated_at = ? "
                                         "WHERE id = ? AND status = ?"),
                {webhookStatusName(WebhookStatus::Disabled), disableReason, now, id,
                    webhookStatusName(WebhookStatus::Active)});
        return query.numRowsAffected() > 0;
    }
    auto &query = context.run(
        QStringLiteral(
            "UPDATE webhook_configs SET consecutive_failures = consecutive_failures + 1, "
            "status = CASE WHEN disable_after_failures > 0 AND consecutive_failures + 1 >= "
            "disable_after_failures AND status = ? THEN ? ELSE status END, "
            "disabled_reason = CASE WHEN disable_after_failures > 0 AND consecutive_failures + 1 >= "
            "disable_after_failures AND status = ? THEN 'disabled after ' || "
            "(consecutive_failures + 1) || ' consecutive failed deliveries' ELSE disabled_reason END "
            "WHERE id = ? RETURNING status, disabled_reason"),
        {webhookStatusName(WebhookStatus::Active), webhookStatusName(WebhookStatus::Disabled),
            webhookStatusName(WebhookStatus::Active), id});
    const bool disabled = query.next()
        && webhookStatusFromName(query.value(0).toString()) == WebhookStatus::Disabled
        && query.value(1).toString().startsWith(QLatin1String("disabled after"));
    query.finish();
    return disabled;
}

} // namespace sb
