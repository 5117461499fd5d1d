#include "WebhookConfig.h"

#include "EnumNames.h"
#include "EventCatalog.h"
#include "IsoTime.h"
#include "http/JsonNumber.h"
#include "security/Redaction.h"

#include <QDateTime>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QUrl>

namespace sb {

namespace {

constexpr EnumNameTable<WebhookStatus, 3> webhookStatuses {{
    {WebhookStatus::Active, "active"},
    {WebhookStatus::Inactive, "inactive"},
    {WebhookStatus::Disabled, "disabled"},
}};

} // namespace

QString webhookStatusName(WebhookStatus status)
{
    return enumName(webhookStatuses, status);
}

std::optional<WebhookStatus> webhookStatusFromName(QStringView name)
{
    return enumFromName(webhookStatuses, name);
}

namespace {

// Values of a payload field that may be a string, an array of strings or an object of flags.
QStringList valuesOf(const QJsonValue &value)
{
    QStringList values;
    if (value.isString()) {
        values.append(value.toString());
    } else if (value.isArray()) {
        for (const auto &item : value.toArray())
            values.append(item.toString());
    } else if (value.isObject()) {
        const auto object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (it.value().toBool())
                values.append(it.key());
        }
    }
    return values;
}

bool anyIn(const QStringList &values, const QJsonArray &allowed)
{
    for (const auto &value : values) {
        if (allowed.contains(QJsonValue(value)))
            return true;
    }
    return false;
}

} // namespace

bool WebhookConfig::matches(const QString &eventType, const QJsonObject &payload) const
{
    if (!isActive() || !eventTypes.contains(eventType))
        return false;
    const auto metadataObject = payload.value(QStringLiteral("metadata")).toObject();
    const auto campaigns = filters.value(QStringLiteral("campaigns")).toArray();
    if (!campaigns.isEmpty()) {
        QStringList ids = valuesOf(payload.value(QStringLiteral("campaignId")));
        ids += valuesOf(metadataObject.value(QStringLiteral("campaignId")));
        if (!anyIn(ids, campaigns))
            return false;
    }
    // Seed 001 "by agent": the ElevenLabs agent the event names (agent_id in ElevenLabs callbacks,
    // agentId in Switchboard's own payloads and call metadata).
    const auto agents = filters.value(QStringLiteral("agents")).toArray();
    if (!agents.isEmpty()) {
        const auto callMetadata
            = payload.value(QStringLiteral("call")).toObject().value(QStringLiteral("metadata")).toObject();
        QStringList ids;
        for (const auto &object : {payload, metadataObject, callMetadata}) {
            ids += valuesOf(object.value(QStringLiteral("agentId")));
            ids += valuesOf(object.value(QStringLiteral("agent_id")));
        }
        if (!anyIn(ids, agents))
            return false;
    }
    const auto outcomes = filters.value(QStringLiteral("outcomes")).toArray();
    if (!outcomes.isEmpty()) {
        QStringList values = valuesOf(payload.value(QStringLiteral("outcome")));
        values += valuesOf(payload.value(QStringLiteral("outcomes")));
        if (!anyIn(values, outcomes))
            return false;
    }
    return true;
}

QJsonObject WebhookConfig::toJson(View view, Secret secret) const
{
    QJsonObject object {{QStringLiteral("id"), id}, {QStringLiteral("name"), name},
        {QStringLiteral("url"), url}, {QStringLiteral("description"), description},
        {QStringLiteral("status"), webhookStatusName(status)},
        {QStringLiteral("headers"), secret == Secret::Reveal ? headers : maskedHeaders()},
        {QStringLiteral("retryConfig"), retry.toJson()}, {QStringLiteral("filters"), filters},
        {QStringLiteral("metadata"), metadata}, {QStringLiteral("timeoutMs"), timeoutMs},
        {QStringLiteral("disableAfterFailures"), disableAfterFailures},
        {QStringLiteral("consecutiveFailures"), consecutiveFailures}};
    const auto events = QJsonArray::fromStringList(eventTypes);
    if (!disabledReason.isEmpty())
        object.insert(QStringLiteral("disabledReason"), disabledReason);
    const auto shown = secrets.isEmpty()
        ? QString()
        : (secret == Secret::Reveal ? secrets.first() : maskSecret(secrets.first()));
    object.insert(QStringLiteral("secret"), shown);
    if (view == View::WebhookAdmin) {
        object.insert(QStringLiteral("eventTypes"), events);
        object.insert(QStringLiteral("createdAt"), isoTime(createdAt));
        object.insert(QStringLiteral("updatedAt"), isoTime(updatedAt));
    } else {
        object.insert(QStringLiteral("events"), events);
        object.insert(QStringLiteral("is_active"), isActive());
        object.insert(QStringLiteral("created_at"), isoTime(createdAt));
        object.insert(QStringLiteral("updated_at"), isoTime(updatedAt));
    }
    return object;
}

QString WebhookConfig::generateSecret()
{
    QByteArray random(24, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(random.data()), random.size() / 4);
    return QStringLiteral("whsec_") + QString::fromLatin1(random.toBase64());
}

QString WebhookConfig::maskSecret(const QString &secret)
{
    if (secret.size() <= 10)
        return QStringLiteral("********");
    return secret.left(6) + QStringLiteral("…") + secret.right(4);
}

QJsonObject WebhookConfig::maskedHeaders() const
{
    const HeaderRedaction redaction;
    QJsonObject masked = headers;
    for (auto it = masked.begin(); it != masked.end(); ++it) {
        const auto value = it.value().toString().toUtf8();
        if (redaction.looksLikeCredential(it.key().toLatin1(), value))
            it.value() = QString::fromUtf8(HeaderRedaction::redactValue(value));
    }
    return masked;
}

namespace {

// Headers the dispatcher decides: message framing, the connection, and the delivery's own
// signature and identity. A configuration cannot override them.
bool reservedHeader(const QString &name)
{
    static const QStringList reserved {
        QStringLiteral("content-length"),
        QStringLiteral("transfer-encoding"),
        QStringLiteral("host"),
        QStringLiteral("connection"),
        QStringLiteral("keep-alive"),
        QStringLiteral("proxy-connection"),
        QStringLiteral("te"),
        QStringLiteral("trailer"),
        QStringLiteral("upgrade"),
        QStringLiteral("expect"),
        QStringLiteral("x-webhook-signature"),
        QStringLiteral("x-webhook-event"),
        QStringLiteral("webhook-id"),
        QStringLiteral("webhook-timestamp"),
        QStringLiteral("webhook-signature"),
    };
    return reserved.contains(name.toLower());
}

} // namespace

bool checkCustomHeader(const QString &name, const QJsonValue &value, QString *error)
{
    // [rfc9110] 5.1 field-name = token; 5.6.2 tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" /
    // "-" / "." / "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA
    const bool token = !name.isEmpty() && std::all_of(name.begin(), name.end(), [](QChar c) {
        return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9')
            || QStringView(u"!#$%&'*+-.^_`|~").contains(c);
    });
    if (!token) {
        *error = QStringLiteral(
            "headers: '%1' is not a valid header name (letters, digits and !#$%&'*+-.^_`|~ only)")
                     .arg(name);
        return false;
    }
    if (reservedHeader(name)) {
        *error = QStringLiteral("headers.%1 cannot be set: Switchboard sets it on every delivery").arg(name);
        return false;
    }
    if (!value.isString()) {
        *error = QStringLiteral("headers.%1 must be a string").arg(name);
        return false;
    }
    // [rfc9110] 5.5 field-value: visible characters, spaces and tabs; no CR, LF, NUL or other controls.
    const auto text = value.toString();
    const auto bad = std::find_if(text.begin(), text.end(),
        [](QChar c) { return (c.unicode() < 0x20 && c != u'\t') || c.unicode() == 0x7f; });
    if (bad != text.end()) {
        *error = QStringLiteral(
            "headers.%1 contains a control character (U+%2) at position %3; header values cannot "
            "contain CR, LF, NUL or other control characters")
                     .arg(name, QStringLiteral("%1").arg(bad->unicode(), 4, 16, QLatin1Char('0')),
                         QString::number(bad - text.begin()));
        return false;
    }
    return true;
}

bool applyConfigJson(
    const QJsonObject &body, bool creating, WebhookConfig *config, QString *newSecret, QString *error)
{
    WebhookConfig result = *config;
    auto text = [&](const char *key, QString *target, bool required) {
        const auto value = body.value(QLatin1String(key));
        if (value.isUndefined() || value.isNull()) {
            if (required && creating) {
                *error = QStringLiteral("%1 is required").arg(QLatin1String(key));
                return false;
            }
            return true;
        }
        if (!value.isString() || (required && value.toString().trimmed().isEmpty())) {
            *error = QStringLiteral("%1 must be a non-empty string").arg(QLatin1String(key));
            return false;
        }
        *target = value.toString().trimmed();
        return true;
    };
    if (!text("name", &result.name, true) || !text("url", &result.url, true)
        || !text("description", &result.description, false))
        return false;
    const QUrl url(result.url, QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))
        || url.host().isEmpty()) {
        *error = QStringLiteral("url must be an absolute http(s) URL, got '%1'").arg(result.url);
        return false;
    }

    const auto eventsValue = body.contains(QStringLiteral("eventTypes"))
        ? body.value(QStringLiteral("eventTypes"))
        : body.value(QStringLiteral("events"));
    if (!eventsValue.isUndefined() && !eventsValue.isNull()) {
        if (!eventsValue.isArray() || eventsValue.toArray().isEmpty()) {
            *error = QStringLiteral("eventTypes must be a non-empty array of event type names");
            return false;
        }
        QStringList events;
        for (const auto &item : eventsValue.toArray()) {
            if (!item.isString() || !EventCatalog::contains(item.toString())) {
                *error = QStringLiteral("unknown event type '%1'; see GET /api/webhooks/event-types")
                             .arg(item.isString() ? item.toString() : QStringLiteral("(not a string)"));
                return false;
            }
            if (!events.contains(item.toString()))
                events.append(item.toString());
        }
        result.eventTypes = events;
    } else if (creating) {
        *error = QStringLiteral("eventTypes is required");
        return false;
    }

    const auto status = body.value(QStringLiteral("status"));
    if (!status.isUndefined() && !status.isNull()) {
        const auto named = webhookStatusFromName(status.toString());
        if (!named || *named == WebhookStatus::Disabled) {
            *error = QStringLiteral("status must be '%1' or '%2'")
                         .arg(webhookStatusName(WebhookStatus::Active),
                             webhookStatusName(WebhookStatus::Inactive));
            return false;
        }
        result.status = *named;
    }
    const auto active = body.value(QStringLiteral("is_active"));
    if (!active.isUndefined() && !active.isNull()) {
        if (!active.isBool()) {
            *error = QStringLiteral("is_active must be true or false");
            return false;
        }
        result.status = active.toBool() ? WebhookStatus::Active : WebhookStatus::Inactive;
    }
    if (result.isActive()) {
        result.consecutiveFailures = 0;
        result.disabledReason.clear();
    }

    for (const auto &[key, target] : {std::pair {"headers", &result.headers},
             std::pair {"filters", &result.filters}, std::pair {"metadata", &result.metadata}}) {
        const auto value = body.value(QLatin1String(key));
        if (value.isUndefined() || value.isNull())
            continue;
        if (!value.isObject()) {
            *error = QStringLiteral("%1 must be an object").arg(QLatin1String(key));
            return false;
        }
        *target = value.toObject();
    }
    for (auto it = result.headers.begin(); it != result.headers.end(); ++it) {
        if (!checkCustomHeader(it.key(), it.value(), error))
            return false;
    }
    // A masked value sent back as it was shown (a GET's object in a PUT) keeps the stored value; a
    // masked value with nothing stored behind it is refused rather than sent to the receiver.
    const auto shown = config->maskedHeaders();
    for (auto it = result.headers.begin(); it != result.headers.end(); ++it) {
        if (!HeaderRedaction::isRedacted(it.value().toString().toUtf8()))
            continue;
        if (shown.value(it.key()) != it.value() || !config->headers.contains(it.key())) {
            *error = QStringLiteral("headers.%1 holds a masked value; send the real value").arg(it.key());
            return false;
        }
        it.value() = config->headers.value(it.key());
    }
    for (const auto &key :
        {QStringLiteral("campaigns"), QStringLiteral("outcomes"), QStringLiteral("agents")}) {
        const auto value = result.filters.value(key);
        if (!value.isUndefined() && !value.isArray()) {
            *error = QStringLiteral("filters.%1 must be an array").arg(key);
            return false;
        }
    }
    if (!RetryPolicy::fromJson(body.value(QStringLiteral("retryConfig")), &result.retry, error))
        return false;
    const auto timeout = body.value(QStringLiteral("timeoutMs"));
    if (!timeout.isUndefined() && !timeout.isNull()) {
        qint64 ms = 0;
        if (!readJsonInteger(timeout, QStringLiteral("timeoutMs"), 100, 120000, &ms, error))
            return false;
        result.timeoutMs = int(ms);
    }
    const auto disableAfter = body.value(QStringLiteral("disableAfterFailures"));
    if (!disableAfter.isUndefined() && !disableAfter.isNull()) {
        qint64 failures = 0;
        if (!readJsonInteger(
                disableAfter, QStringLiteral("disableAfterFailures"), 0, 100000, &failures, error)) {
            *error += QStringLiteral(" (0 = never)");
            return false;
        }
        result.disableAfterFailures = int(failures);
    }
    const auto secret = body.value(QStringLiteral("secret"));
    if (!secret.isUndefined() && !secret.isNull()) {
        if (!secret.isString() || secret.toString().size() < 8) {
            *error = QStringLiteral("secret must be a string of at least 8 characters");
            return false;
        }
        *newSecret = secret.toString();
    }
    *config = result;
    return true;
}

} // namespace sb
