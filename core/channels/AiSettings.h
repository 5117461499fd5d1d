#pragma once

#include <QJsonObject>
#include <QProcessEnvironment>
#include <QString>
#include <optional>

namespace sb {

class SqlContext;

// Where the AI (an OpenAI-compatible chat completions endpoint) is and how it is called. Stored in
// `settings` under ai/… (the API key sealed by the SecretStore like every stored secret); a value
// not stored falls back to the environment: OPENAI_API_KEY, else OPENROUTER_API_KEY (then the base
// URL defaults to OpenRouter's), OPENAI_BASE_URL, SWITCHBOARD_AI_MODEL.
struct AiSettings
{
    static constexpr int defaultRatePerMinute = 20;
    static constexpr int defaultTimeoutMs = 60000;

    QString baseUrl; // without a trailing slash, e.g. https://api.openai.com/v1
    QString apiKey;
    QString model;
    // The model of /audio/transcriptions (call recordings): ai/transcription_model, else
    // SWITCHBOARD_AI_TRANSCRIPTION_MODEL, else whisper-1.
    QString transcriptionModel;
    int ratePerMinute = defaultRatePerMinute;
    int timeoutMs = defaultTimeoutMs;
    bool keyFromEnvironment = false;

    static QString openAiBaseUrl() { return QStringLiteral("https://api.openai.com/v1"); }
    static QString openRouterBaseUrl() { return QStringLiteral("https://openrouter.ai/api/v1"); }
    static QString defaultModelFor(const QString &baseUrl);
    static QString defaultTranscriptionModel() { return QStringLiteral("whisper-1"); }

    // A base URL and a model, and a key unless the server is on this machine (a local server
    // such as Ollama or llama.cpp needs none).
    bool configured() const;
    // "OpenAI", "OpenRouter" or the host of another compatible server.
    QString providerName() const;
    bool isOpenRouter() const;
    // The one line shown where AI features are hidden and in the API's 503.
    static QString notConfiguredHint();

    // The stored settings completed from the environment.
    static AiSettings load(SqlContext &context, const QProcessEnvironment &environment);
    // Only the environment's (no database).
    static AiSettings fromEnvironment(const QProcessEnvironment &environment);

    // Writes the members of `patch` (base_url, api_key, model, transcription_model, rate_per_minute,
    // timeout_ms; null or
    // "" removes a stored value) after checking them all; the error names the first wrong one and
    // nothing is written then.
    static std::optional<QString> save(SqlContext &context, const QJsonObject &patch);

    // The settings as the API and the console show them: the key masked ("sk-…wxyz").
    QJsonObject toJson() const;
    static QString maskKey(const QString &key);
};

} // namespace sb
