#pragma once

#include "RetryPolicy.h"

#include <QJsonObject>
#include <QStringList>
#include <QStringView>
#include <optional>

namespace sb {

// Whether a configuration receives deliveries: active, paused by its owner (inactive), or disabled by
// Switchboard after failures or a 410.
enum class WebhookStatus
{
    Active,
    Inactive,
    Disabled
};
// "active", "inactive", "disabled"
QString webhookStatusName(WebhookStatus status);
std::optional<WebhookStatus> webhookStatusFromName(QStringView name);

// An outbound webhook configuration: seed 001's WebhookConfig plus seed 004's description and
// is_active. Both APIs read and write the same records.
struct WebhookConfig
{
    qint64 id = 0;
    QString name;
    QString url;
    QString description;
    QStringList eventTypes;
    WebhookStatus status = WebhookStatus::Active;
    QJsonObject headers;
    RetryPolicy retry;
    QJsonObject filters;
    QJsonObject metadata;
    int timeoutMs = 15000;
    int disableAfterFailures = 100; // consecutive failed deliveries before auto-disable; 0 = never
    int consecutiveFailures = 0;
    QString disabledReason;
    QStringList secrets; // active secrets, newest first
    qint64 createdAt = 0;
    qint64 updatedAt = 0;

    bool isActive() const { return status == WebhookStatus::Active; }
    bool matches(const QString &eventType, const QJsonObject &payload) const;

    enum class View
    {
        WebhookAdmin,
        Communications
    };
    // `secret`: Reveal on creation only; Masked elsewhere.
    enum class Secret
    {
        Masked,
        Reveal
    };
    QJsonObject toJson(View view, Secret secret) const;

    static QString generateSecret();
    static QString maskSecret(const QString &secret);
    // The custom headers with credential values ("Authorization", "X-Api-Token", "Bearer …")
    // shown as hints ("Bearer ••••a1b2"), as the secret is.
    QJsonObject maskedHeaders() const;
};

// Applies a create/update body (either API's field names) to `config`. On create, name, url and
// event types are required. Returns false + a message naming the field on bad input; `newSecret`
// receives a secret given in the body (rotation on update).
// A custom outbound header: an RFC 9110 token name that is not one the dispatcher sets (framing,
// connection, signature and identity headers), with a string value free of control characters.
// False + a message naming the header otherwise.
bool checkCustomHeader(const QString &name, const QJsonValue &value, QString *error);
bool applyConfigJson(
    const QJsonObject &body, bool creating, WebhookConfig *config, QString *newSecret, QString *error);

} // namespace sb
