#pragma once

#include "AiClient.h"
#include "server/Router.h"

#include <QProcessEnvironment>

namespace sb {

class SqlWorker;

// A draft of the next reply in a conversation, from its recent messages and the lead's name and
// status only (no other lead, no secret); the system prompt is resources/ai/draft_reply.txt.
namespace AiDrafting {

constexpr int recentMessages = 20;

struct Prepared
{
    bool found = false;
    AiSettings settings;
    AiRequest request;
};
// Reads the settings and the conversation (reader thread).
Prepared prepare(SqlContext &context, qint64 conversationId, const QProcessEnvironment &environment);

enum class Result
{
    Drafted,
    NotFound,
    NotConfigured,
    RateLimited,
    Failed, // the provider's error or a timeout: outcome.error says which
};

// The whole draft: reads on `reader`, checks the rate limit, calls the AI in `context`'s thread
// (each streamed piece to `onDelta`), logs the call in ai_calls on `writer`, then `done`.
void draft(SqlWorker &reader, SqlWorker &writer, const QProcessEnvironment &environment,
    qint64 conversationId, bool stream, QObject *context, std::function<void(const QString &)> onDelta,
    std::function<void(Result, const AiOutcome &)> done);

} // namespace AiDrafting

struct AiRouteDependencies
{
    SqlWorker &reader;
    SqlWorker &writer;
    QProcessEnvironment environment;
};

// Admin API of the AI (Communications envelope, errors {"detail": ".."}):
//   GET  /api/ai/settings                     base_url, model, api_key masked, rate, timeout, configured
//   PUT  /api/ai/settings                     changes them (api_key sealed at rest; "" or null removes)
//   POST /api/conversations/{id}/draft-reply  {"draft", "model", "usage"}; 404 unknown conversation;
//                                             503 not configured; 429 over the per-minute limit;
//                                             502/504 provider error or timeout
void registerAiRoutes(Router &router, const AiRouteDependencies &dependencies);

} // namespace sb
