#pragma once

#include "AiSettings.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QNetworkRequest>
#include <QObject>
#include <QString>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>

namespace sb {

class SqlContext;

// The outcome of one AI call as `ai_calls.status` stores it.
enum class AiCallStatus
{
    Succeeded,
    Failed, // the provider answered an error or something unreadable
    TimedOut,
    RateLimited, // refused by our own per-minute limit, never sent
};
QString aiCallStatusName(AiCallStatus status);
std::optional<AiCallStatus> aiCallStatusFromName(QStringView name);

struct AiMessage
{
    QString role; // system, user, assistant
    QString content;
};

struct AiRequest
{
    QString purpose; // draft_reply, settings_test, ...
    QList<AiMessage> messages;
    bool stream = false;
    // Asks for JSON mode: `response_format: {"type": "json_object"}` (the prompt must ask for JSON too).
    bool jsonObject = false;
    std::optional<qint64> conversationId;
    QJsonObject responseFormat; // `response_format` when not empty, e.g. {"type": "json_object"}
};

struct AiOutcome
{
    AiCallStatus status = AiCallStatus::Failed;
    QString text; // the completion (what was assembled so far when a stream failed)
    QString model; // as the provider named it, else the requested one
    std::optional<qint64> promptTokens;
    std::optional<qint64> completionTokens;
    qint64 latencyMs = 0;
    int httpStatus = 0; // 0: no HTTP answer
    int retryAfterSeconds = -1; // from a 429's Retry-After (ours or the provider's)
    QString error; // names the provider, its status and message; never the key
    bool ok() const { return status == AiCallStatus::Succeeded; }
};

// Server-sent events of a streamed chat completion (`data: {"choices":[{"delta":{"content":..}}]}`
// … `data: [DONE]`), read incrementally: bytes may be split anywhere, also inside a UTF-8 sequence.
// Comment lines (": keep-alive") are skipped; a chunk with a non-empty `usage` gives the token counts;
// a chunk {"error": {...}} ends the stream with that error.
class AiStreamParser
{
public:
    // The content pieces completed by `bytes`, in order.
    QStringList feed(QByteArrayView bytes);
    // Whatever is left when the connection ends (an event without its final blank line).
    QStringList finish();
    bool done() const { return m_done; }
    const QString &error() const { return m_error; }
    const QString &text() const { return m_text; }
    const QString &model() const { return m_model; }
    std::optional<qint64> promptTokens() const { return m_prompt; }
    std::optional<qint64> completionTokens() const { return m_completion; }

private:
    void dispatch(QStringList *pieces);
    void line(QByteArray line, QStringList *pieces);

    QByteArray m_buffer;
    QByteArray m_data;
    bool m_hasData = false;
    bool m_done = false;
    QString m_error;
    QString m_text;
    QString m_model;
    std::optional<qint64> m_prompt;
    std::optional<qint64> m_completion;
};

// Requests per minute across the whole program (API and console), over a sliding minute.
class AiRateLimiter
{
public:
    static AiRateLimiter &shared();
    // True (and counted) when one more call fits in `perMinute`; else false and the seconds until
    // one will.
    bool tryAcquire(int perMinute, qint64 nowMs, int *retryAfterSeconds = nullptr);
    void reset();

private:
    std::mutex m_mutex;
    std::deque<qint64> m_calls;
};

// POST {base}/chat/completions (OpenAI chat completions; OpenRouter and local servers speak the same).
class AiClient
{
public:
    static QNetworkRequest networkRequest(const AiSettings &settings);
    static QByteArray body(const AiSettings &settings, const AiRequest &request);
    // The provider's error message from an error body ({"error": {"message"}}, {"error": ".."},
    // {"message": ".."}, else the start of the text), with the key masked if it is echoed.
    static QString errorMessage(const QByteArray &body, const QString &apiKey);
    // Reads a whole (non-streamed) answer.
    static AiOutcome interpret(const AiSettings &settings, int status, const QByteArray &body);

    // Sends `request` (in `context`'s thread; nothing happens once `context` is gone). A streamed
    // call reports each content piece to `onDelta` as it arrives. `done` is called once. The call is
    // not logged here: see AiCallLog.
    static void send(const AiSettings &settings, const AiRequest &request, QObject *context,
        std::function<void(const QString &)> onDelta, std::function<void(const AiOutcome &)> done);
};

// `ai_calls`: one row per call.
namespace AiCallLog {
void record(
    SqlContext &context, const AiSettings &settings, const AiRequest &request, const AiOutcome &outcome);
}

} // namespace sb
