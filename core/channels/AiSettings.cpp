#include "AiSettings.h"

#include "storage/SecretStore.h"
#include "storage/SqlWorker.h"
#include "storage/StoredSettings.h"

#include <QHostAddress>
#include <QSet>
#include <QUrl>

namespace sb {

namespace {

const QString baseUrlKey = QStringLiteral("ai/base_url");
const QString apiKeyKey = QStringLiteral("ai/api_key");
const QString modelKey = QStringLiteral("ai/model");
const QString transcriptionModelKey = QStringLiteral("ai/transcription_model");
const QString rateKey = QStringLiteral("ai/rate_per_minute");
const QString timeoutKey = QStringLiteral("ai/timeout_ms");

std::optional<QString> stored(SqlContext &context, const QString &key)
{
    return StoredSettings::value(context, key);
}

void store(SqlContext &context, const QString &key, const QString &value)
{
    StoredSettings::put(context, key, value);
}

QString trimmedBase(QString url)
{
    url = url.trimmed();
    while (url.endsWith(QLatin1Char('/')))
        url.chop(1);
    return url;
}

bool isLocalHost(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

} // namespace

QString AiSettings::defaultModelFor(const QString &baseUrl)
{
    return trimmedBase(baseUrl) == openRouterBaseUrl() ? QStringLiteral("openai/gpt-4o-mini")
                                                       : QStringLiteral("gpt-4o-mini");
}

bool AiSettings::configured() const
{
    const QUrl url(baseUrl);
    if (!url.isValid() || url.host().isEmpty() || model.isEmpty())
        return false;
    return !apiKey.isEmpty() || isLocalHost(url.host());
}

bool AiSettings::isOpenRouter() const
{
    return QUrl(baseUrl).host().compare(QLatin1String("openrouter.ai"), Qt::CaseInsensitive) == 0;
}

QString AiSettings::providerName() const
{
    const auto host = QUrl(baseUrl).host();
    if (host.compare(QLatin1String("api.openai.com"), Qt::CaseInsensitive) == 0)
        return QStringLiteral("OpenAI");
    if (isOpenRouter())
        return QStringLiteral("OpenRouter");
    return host.isEmpty() ? QStringLiteral("AI provider") : host;
}

QString AiSettings::notConfiguredHint()
{
    return QStringLiteral(
        "AI is not configured: set an API key, base URL and model in Settings → AI or with PUT "
        "/api/ai/settings, or start with OPENAI_API_KEY or OPENROUTER_API_KEY (and optionally "
        "OPENAI_BASE_URL, SWITCHBOARD_AI_MODEL) in the environment");
}

AiSettings AiSettings::fromEnvironment(const QProcessEnvironment &environment)
{
    AiSettings settings;
    const auto openAiKey = environment.value(QStringLiteral("OPENAI_API_KEY")).trimmed();
    const auto openRouterKey = environment.value(QStringLiteral("OPENROUTER_API_KEY")).trimmed();
    settings.apiKey = openAiKey.isEmpty() ? openRouterKey : openAiKey;
    settings.keyFromEnvironment = !settings.apiKey.isEmpty();
    settings.baseUrl = trimmedBase(environment.value(QStringLiteral("OPENAI_BASE_URL")));
    if (settings.baseUrl.isEmpty())
        settings.baseUrl
            = openAiKey.isEmpty() && !openRouterKey.isEmpty() ? openRouterBaseUrl() : openAiBaseUrl();
    settings.model = environment.value(QStringLiteral("SWITCHBOARD_AI_MODEL")).trimmed();
    settings.transcriptionModel
        = environment.value(QStringLiteral("SWITCHBOARD_AI_TRANSCRIPTION_MODEL")).trimmed();
    if (settings.transcriptionModel.isEmpty())
        settings.transcriptionModel = defaultTranscriptionModel();
    return settings;
}

AiSettings AiSettings::load(SqlContext &context, const QProcessEnvironment &environment)
{
    auto settings = fromEnvironment(environment);
    if (const auto base = stored(context, baseUrlKey); base && !base->isEmpty())
        settings.baseUrl = *base;
    if (const auto model = stored(context, modelKey); model && !model->isEmpty())
        settings.model = *model;
    if (const auto key = stored(context, apiKeyKey); key && !key->isEmpty()) {
        const auto *secrets = context.secrets();
        const auto clear = secrets ? secrets->reveal(*key) : std::optional<QString>(*key);
        if (clear && !clear->isEmpty()) {
            settings.apiKey = *clear;
            settings.keyFromEnvironment = false;
        }
    }
    if (settings.model.isEmpty())
        settings.model = defaultModelFor(settings.baseUrl);
    if (const auto model = stored(context, transcriptionModelKey); model && !model->isEmpty())
        settings.transcriptionModel = *model;
    if (const auto rate = stored(context, rateKey)) {
        bool ok = false;
        const auto value = rate->toInt(&ok);
        if (ok && value > 0)
            settings.ratePerMinute = value;
    }
    if (const auto timeout = stored(context, timeoutKey)) {
        bool ok = false;
        const auto value = timeout->toInt(&ok);
        if (ok && value > 0)
            settings.timeoutMs = value;
    }
    return settings;
}

std::optional<QString> AiSettings::save(SqlContext &context, const QJsonObject &patch)
{
    static const QSet<QString> known {QStringLiteral("base_url"), QStringLiteral("api_key"),
        QStringLiteral("model"), QStringLiteral("transcription_model"), QStringLiteral("rate_per_minute"),
        QStringLiteral("timeout_ms")};
    for (auto it = patch.begin(); it != patch.end(); ++it) {
        if (!known.contains(it.key()))
            return QStringLiteral("unknown field %1 (known: base_url, api_key, model, transcription_model, "
                                  "rate_per_minute, timeout_ms)")
                .arg(it.key());
    }
    auto text = [&](const QString &name, QString *out) -> std::optional<QString> {
        const auto value = patch.value(name);
        if (value.isNull()) {
            out->clear();
            return std::nullopt;
        }
        if (!value.isString())
            return name + QStringLiteral(" must be a string or null");
        *out = value.toString().trimmed();
        return std::nullopt;
    };
    auto number = [&](const QString &name, int minimum, int maximum, QString *out) -> std::optional<QString> {
        const auto value = patch.value(name);
        if (value.isNull()) {
            out->clear();
            return std::nullopt;
        }
        const auto n = value.toDouble(-1);
        if (!value.isDouble() || n != double(qint64(n)) || n < minimum || n > maximum)
            return QStringLiteral("%1 must be an integer from %2 to %3").arg(name).arg(minimum).arg(maximum);
        *out = QString::number(qint64(n));
        return std::nullopt;
    };
    QList<std::pair<QString, QString>> writes;
    if (patch.contains(QLatin1String("base_url"))) {
        QString base;
        if (auto error = text(QStringLiteral("base_url"), &base))
            return error;
        base = trimmedBase(base);
        if (!base.isEmpty()) {
            const QUrl url(base, QUrl::StrictMode);
            if (!url.isValid() || url.host().isEmpty()
                || (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http"))
                || !url.userInfo().isEmpty() || url.hasQuery() || url.hasFragment())
                return QStringLiteral("base_url must be an http or https URL without credentials, query "
                                      "or fragment, e.g. https://api.openai.com/v1");
        }
        writes.append({baseUrlKey, base});
    }
    if (patch.contains(QLatin1String("model"))) {
        QString model;
        if (auto error = text(QStringLiteral("model"), &model))
            return error;
        if (model.size() > 200)
            return QStringLiteral("model must be at most 200 characters");
        writes.append({modelKey, model});
    }
    if (patch.contains(QLatin1String("transcription_model"))) {
        QString model;
        if (auto error = text(QStringLiteral("transcription_model"), &model))
            return error;
        if (model.size() > 200)
            return QStringLiteral("transcription_model must be at most 200 characters");
        writes.append({transcriptionModelKey, model});
    }
    if (patch.contains(QLatin1String("api_key"))) {
        QString key;
        if (auto error = text(QStringLiteral("api_key"), &key))
            return error;
        if (key.contains(QLatin1Char('\n')) || key.contains(QLatin1Char(' ')) || key.size() > 1000)
            return QStringLiteral("api_key must be one token without spaces");
        const auto *secrets = context.secrets();
        if (!key.isEmpty() && !secrets)
            return QStringLiteral("secrets cannot be stored here");
        writes.append({apiKeyKey, key.isEmpty() ? QString() : secrets->seal(key)});
    }
    if (patch.contains(QLatin1String("rate_per_minute"))) {
        QString rate;
        if (auto error = number(QStringLiteral("rate_per_minute"), 1, 600, &rate))
            return error;
        writes.append({rateKey, rate});
    }
    if (patch.contains(QLatin1String("timeout_ms"))) {
        QString timeout;
        if (auto error = number(QStringLiteral("timeout_ms"), 1000, 600000, &timeout))
            return error;
        writes.append({timeoutKey, timeout});
    }
    for (const auto &[key, value] : writes)
        store(context, key, value);
    return std::nullopt;
}

QString AiSettings::maskKey(const QString &key)
{
    if (key.isEmpty())
        return {};
    if (key.size() < 12)
        return QStringLiteral("••••");
    return key.left(3) + QStringLiteral("…") + key.right(4);
}

QJsonObject AiSettings::toJson() const
{
    return QJsonObject {{QStringLiteral("base_url"), baseUrl}, {QStringLiteral("model"), model},
        {QStringLiteral("transcription_model"), transcriptionModel},
        {QStringLiteral("api_key"), apiKey.isEmpty() ? QJsonValue() : QJsonValue(maskKey(apiKey))},
        {QStringLiteral("api_key_set"), !apiKey.isEmpty()},
        {QStringLiteral("api_key_source"),
            apiKey.isEmpty() ? QJsonValue()
                             : QJsonValue(keyFromEnvironment ? QStringLiteral("environment")
                                                             : QStringLiteral("settings"))},
        {QStringLiteral("provider"), providerName()}, {QStringLiteral("rate_per_minute"), ratePerMinute},
        {QStringLiteral("timeout_ms"), timeoutMs}, {QStringLiteral("configured"), configured()}};
}

} // namespace sb
