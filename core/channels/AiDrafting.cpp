#include "AiDrafting.h"

#include "domain/Messaging.h"
#include "http/JsonBody.h"
#include "server/RouteTable.h"
#include "storage/SqlWorker.h"

#include <QDateTime>
#include <QFile>
#include <QPointer>

namespace sb {

namespace AiDrafting {

namespace {

QString systemPrompt()
{
    static const QString text = [] {
        QFile file(QStringLiteral(":/ai/draft_reply.txt"));
        return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()).trimmed() : QString();
    }();
    return text;
}

} // namespace

Prepared prepare(SqlContext &context, qint64 conversationId, const QProcessEnvironment &environment)
{
    Prepared prepared;
    prepared.settings = AiSettings::load(context, environment);
    auto &thread = context.run(QStringLiteral("SELECT c.channel, l.first_name, l.last_name, l.lead_status "
                                              "FROM conversations c JOIN leads l ON l.id = c.lead_id "
                                              "WHERE c.id = ?"),
        {conversationId});
    if (!thread.next()) {
        thread.finish();
        return prepared;
    }
    prepared.found = true;
    const auto channel = thread.value(0).toString();
    auto name = QStringList {thread.value(1).toString(), thread.value(2).toString()}
                    .join(QLatin1Char(' '))
                    .trimmed();
    const auto status = thread.value(3).toString();
    thread.finish();
    if (name.isEmpty())
        name = QStringLiteral("(name unknown)");

    auto &messages
        = context.run(QStringLiteral("SELECT direction, subject, body FROM messages "
                                     "WHERE conversation_id = ? ORDER BY created_at DESC, id DESC LIMIT ?"),
            {conversationId, recentMessages});
    QStringList lines;
    while (messages.next()) {
        const auto direction = directionFromName(messages.value(0).toString());
        const auto subject = messages.value(1).toString().trimmed();
        auto text = messages.value(2).toString().trimmed();
        if (!subject.isEmpty())
            text = QStringLiteral("[subject: %1] %2").arg(subject, text);
        lines.prepend(
            (direction == Direction::Inbound ? QStringLiteral("Lead: ") : QStringLiteral("Us: ")) + text);
    }
    messages.finish();

    auto system = systemPrompt();
    system.replace(QLatin1String("{lead_name}"), name);
    system.replace(QLatin1String("{lead_status}"), status);
    system.replace(QLatin1String("{channel}"), channel);
    prepared.request.purpose = QStringLiteral("draft_reply");
    prepared.request.conversationId = conversationId;
    prepared.request.messages = {AiMessage {QStringLiteral("system"), system},
        AiMessage {QStringLiteral("user"),
            QStringLiteral("The conversation so far, oldest first:\n\n%1\n\nDraft our next reply.")
                .arg(lines.isEmpty() ? QStringLiteral("(no messages yet)") : lines.join(QLatin1Char('\n')))}};
    return prepared;
}

void draft(SqlWorker &reader, SqlWorker &writer, const QProcessEnvironment &environment,
    qint64 conversationId, bool stream, QObject *context, std::function<void(const QString &)> onDelta,
    std::function<void(Result, const AiOutcome &)> done)
{
    auto prepared = std::make_shared<Prepared>();
    QPointer<QObject> guard(context);
    SqlJob read;
    read.run = [prepared, conversationId, environment](SqlContext &c) -> ApiResult {
        *prepared = prepare(c, conversationId, environment);
        return ApiResponse {};
    };
    read.replyContext = context;
    read.done = [&writer, prepared, stream, guard, onDelta, done](const ApiResult &) {
        if (!guard)
            return;
        if (!prepared->found) {
            done(Result::NotFound, {});
            return;
        }
        if (!prepared->settings.configured()) {
            AiOutcome outcome;
            outcome.error = AiSettings::notConfiguredHint();
            done(Result::NotConfigured, outcome);
            return;
        }
        prepared->request.stream = stream;
        auto log = [&writer, prepared, guard](const AiOutcome &outcome, std::function<void()> then) {
            SqlJob job;
            job.run = [prepared, outcome](SqlContext &c) -> ApiResult {
                AiCallLog::record(c, prepared->settings, prepared->request, outcome);
                return ApiResponse {};
            };
            job.replyContext = guard.data();
            job.done = [then](const ApiResult &) { then(); };
            writer.submit(std::move(job));
        };
        int retryAfter = 0;
        if (!AiRateLimiter::shared().tryAcquire(
                prepared->settings.ratePerMinute, QDateTime::currentMSecsSinceEpoch(), &retryAfter)) {
            AiOutcome outcome;
            outcome.status = AiCallStatus::RateLimited;
            outcome.model = prepared->settings.model;
            outcome.retryAfterSeconds = retryAfter;
            outcome.error = QStringLiteral("AI calls are limited to %1 per minute; try again in %2 s")
                                .arg(prepared->settings.ratePerMinute)
                                .arg(retryAfter);
            log(outcome, [done, outcome] { done(Result::RateLimited, outcome); });
            return;
        }
        AiClient::send(prepared->settings, prepared->request, guard.data(), onDelta,
            [log, done](const AiOutcome &outcome) {
                log(outcome,
                    [done, outcome] { done(outcome.ok() ? Result::Drafted : Result::Failed, outcome); });
            });
    };
    reader.submit(std::move(read));
}

} // namespace AiDrafting

namespace {

std::optional<qint64> pathConversation(const ApiRequest &request)
{
    bool ok = false;
    const auto id = request.pathArgs.value(0).toLongLong(&ok);
    return ok && id > 0 ? std::optional<qint64>(id) : std::nullopt;
}

ApiResponse detail(int status, const QString &message, QJsonObject extra = {})
{
    extra.insert(QStringLiteral("detail"), message);
    return ApiResponse::json(status, extra);
}

} // namespace

void registerAiRoutes(Router &router, const AiRouteDependencies &dependencies)
{
    const auto deps = std::make_shared<AiRouteDependencies>(dependencies);
    const auto family = ApiFamily::Communications;
    routes::addQuery(router, "GET", QStringLiteral("/api/ai/settings"), family,
        QStringLiteral("ai.settings.get"), [deps](SqlContext &c, const ApiRequest &) -> ApiResult {
            return ApiResponse::json(200, AiSettings::load(c, deps->environment).toJson());
        });
    routes::addCommand(router, "PUT", QStringLiteral("/api/ai/settings"), family,
        QStringLiteral("ai.settings.put"), [deps](SqlContext &c, const ApiRequest &request) -> ApiResult {
            auto parsed = JsonBody::object(request.body);
            if (auto *error = std::get_if<ApiError>(&parsed))
                return *error;
            if (auto problem = AiSettings::save(c, std::get<QJsonObject>(parsed)))
                return ApiError {ErrorKind::BadRequest, *problem};
            return ApiResponse::json(200, AiSettings::load(c, deps->environment).toJson());
        });
    routes::addAsync(router, "POST", QStringLiteral("/api/conversations/{id}/draft-reply"), family,
        QStringLiteral("conversations.draft-reply"),
        [deps](const ApiRequest &request, QObject *context, std::function<void(const ApiResult &)> done) {
            const auto id = pathConversation(request);
            if (!id) {
                done(ApiError {ErrorKind::NotFound, QStringLiteral("Conversation not found")});
                return;
            }
            AiDrafting::draft(deps->reader, deps->writer, deps->environment, *id, false, context, {},
                [done, id = *id](AiDrafting::Result result, const AiOutcome &outcome) {
                    using R = AiDrafting::Result;
                    switch (result) {
                    case R::NotFound:
                        done(ApiError {
                            ErrorKind::NotFound, QStringLiteral("Conversation %1 not found").arg(id)});
                        return;
                    case R::NotConfigured:
                        done(ApiError {ErrorKind::Unavailable, outcome.error});
                        return;
                    case R::RateLimited: {
                        auto answer = detail(429, outcome.error,
                            {{QStringLiteral("retry_after_seconds"), outcome.retryAfterSeconds}});
                        answer.headers.append({"Retry-After", QByteArray::number(outcome.retryAfterSeconds)});
                        done(answer);
                        return;
                    }
                    case R::Failed:
                        done(detail(outcome.status == AiCallStatus::TimedOut ? 504 : 502, outcome.error,
                            {{QStringLiteral("provider_status"),
                                outcome.httpStatus > 0 ? QJsonValue(outcome.httpStatus) : QJsonValue()}}));
                        return;
                    case R::Drafted:
                        break;
                    }
                    QJsonObject usage;
                    if (outcome.promptTokens)
                        usage.insert(QStringLiteral("prompt_tokens"), *outcome.promptTokens);
                    if (outcome.completionTokens)
                        usage.insert(QStringLiteral("completion_tokens"), *outcome.completionTokens);
                    done(ApiResponse::json(200,
                        QJsonObject {{QStringLiteral("draft"), outcome.text.trimmed()},
                            {QStringLiteral("model"), outcome.model}, {QStringLiteral("conversation_id"), id},
                            {QStringLiteral("usage"), usage},
                            {QStringLiteral("latency_ms"), outcome.latencyMs}}));
                });
        });

    const auto settingsSchema = schema::object(
        {{QStringLiteral("base_url"),
             schema::formatted(QStringLiteral("uri"), QStringLiteral("chat completions base"))},
            {QStringLiteral("model"), schema::string()},
            {QStringLiteral("api_key"),
                schema::nullable(schema::string(QStringLiteral("masked: first 3 and last 4 characters")))},
            {QStringLiteral("api_key_set"), schema::boolean()},
            {QStringLiteral("api_key_source"),
                schema::nullable(
                    schema::oneOfValues({QStringLiteral("settings"), QStringLiteral("environment")}))},
            {QStringLiteral("provider"),
                schema::string(QStringLiteral("OpenAI, OpenRouter or the server's host"))},
            {QStringLiteral("rate_per_minute"), schema::integer()},
            {QStringLiteral("timeout_ms"), schema::integer()},
            {QStringLiteral("configured"), schema::boolean()}});
    RouteDoc get;
    get.summary = QStringLiteral("AI settings");
    get.description
        = QStringLiteral("The OpenAI-compatible chat completions settings; the API key is masked.");
    get.responses = {jsonResponse(200, QStringLiteral("The settings"), settingsSchema)};
    router.document("GET", QStringLiteral("/api/ai/settings"), get);
    RouteDoc put;
    put.summary = QStringLiteral("Change the AI settings");
    put.description
        = QStringLiteral("Members given are changed, null or \"\" removes a stored value (the "
                         "environment's or the default applies again). The key is stored sealed.");
    put.bodies = {BodyDoc {"application/json",
        schema::object({{QStringLiteral("base_url"), schema::nullable(schema::string())},
                           {QStringLiteral("api_key"), schema::nullable(schema::string())},
                           {QStringLiteral("model"), schema::nullable(schema::string())},
                           {QStringLiteral("rate_per_minute"), schema::integerRange(1, 600)},
                           {QStringLiteral("timeout_ms"), schema::integerRange(1000, 600000)}},
            {}, {}, true),
        {}}};
    put.responses = {jsonResponse(200, QStringLiteral("The settings as now in force"), settingsSchema),
        errorResponse(400, QStringLiteral("An unknown or invalid member; nothing changed"))};
    router.document("PUT", QStringLiteral("/api/ai/settings"), put);
    RouteDoc draftDoc;
    draftDoc.summary = QStringLiteral("Draft a reply with AI");
    draftDoc.description = QStringLiteral("Drafts the next reply from the thread's last %1 messages and the "
                                          "lead's name and status. Nothing is sent.")
                               .arg(AiDrafting::recentMessages);
    draftDoc.pathParams
        = {ParamDoc {QStringLiteral("id"), QStringLiteral("Conversation id"), schema::integer(), true}};
    draftDoc.bodyRequired = false;
    draftDoc.responses = {jsonResponse(200, QStringLiteral("The draft"),
                              schema::object({{QStringLiteral("draft"), schema::string()},
                                                 {QStringLiteral("model"), schema::string()},
                                                 {QStringLiteral("conversation_id"), schema::integer()},
                                                 {QStringLiteral("usage"), schema::anyObject()},
                                                 {QStringLiteral("latency_ms"), schema::integer()}},
                                  {QStringLiteral("draft"), QStringLiteral("model")})),
        errorResponse(404, QStringLiteral("No such conversation")),
        errorResponse(429, QStringLiteral("Over the AI calls per minute (Retry-After)")),
        errorResponse(
            502, QStringLiteral("The AI provider answered an error (status and message in detail)")),
        errorResponse(503, QStringLiteral("AI is not configured (detail says how)")),
        errorResponse(504, QStringLiteral("The AI provider did not answer in time"))};
    router.document("POST", QStringLiteral("/api/conversations/{id}/draft-reply"), draftDoc);
}

} // namespace sb
