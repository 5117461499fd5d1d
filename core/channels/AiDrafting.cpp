#include "AiDrafting.h"

#include "domain/Messaging.h"
#include "http/JsonBody.h"
#include "server/RouteTable.h"
#include "storage/SqlWorker.h"

#include <QDateTime>
#include <QFile>
#include <QPointer>
#include <QTcpSocket>

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

// The answer to a draft that did not succeed (any result but Drafted).
ApiResult failure(AiDrafting::Result result, const AiOutcome &outcome, qint64 conversationId)
{
    using R = AiDrafting::Result;
    switch (result) {
    case R::NotFound:
        return ApiError {
            ErrorKind::NotFound, QStringLiteral("Conversation %1 not found").arg(conversationId)};
    case R::NotConfigured:
        return ApiError {ErrorKind::Unavailable, outcome.error};
    case R::RateLimited: {
        auto answer = detail(
            429, outcome.error, {{QStringLiteral("retry_after_seconds"), outcome.retryAfterSeconds}});
        answer.headers.append({"Retry-After", QByteArray::number(outcome.retryAfterSeconds)});
        return answer;
    }
    case R::Failed:
    case R::Drafted:
        break;
    }
    return detail(outcome.status == AiCallStatus::TimedOut ? 504 : 502, outcome.error,
        {{QStringLiteral("provider_status"),
            outcome.httpStatus > 0 ? QJsonValue(outcome.httpStatus) : QJsonValue()}});
}

QJsonObject drafted(const AiOutcome &outcome, qint64 conversationId)
{
    QJsonObject usage;
    if (outcome.promptTokens)
        usage.insert(QStringLiteral("prompt_tokens"), *outcome.promptTokens);
    if (outcome.completionTokens)
        usage.insert(QStringLiteral("completion_tokens"), *outcome.completionTokens);
    return {{QStringLiteral("draft"), outcome.text.trimmed()}, {QStringLiteral("model"), outcome.model},
        {QStringLiteral("conversation_id"), conversationId}, {QStringLiteral("usage"), usage},
        {QStringLiteral("latency_ms"), outcome.latencyMs}};
}

QByteArray sseEvent(const char *event, const QJsonObject &data)
{
    return QByteArray("event: ") + event + "\ndata: " + QJsonDocument(data).toJson(QJsonDocument::Compact)
        + "\n\n";
}

// A draft streamed as Server-Sent Events (?stream=true): the answer starts with the AI's first
// piece, so a draft that fails before it (unknown conversation, not configured, rate limit, the
// provider's error) is answered with the usual JSON error. After that: one `delta` event per piece,
// then `done` with the whole draft, or `error` if the provider's stream broke off.
class DraftStream
{
public:
    // The first piece: hands the connection over; what arrives before the socket is buffered.
    void begin(const std::function<void(const ApiResult &)> &done, const std::shared_ptr<DraftStream> &self)
    {
        m_started = true;
        ApiResponse answer;
        answer.takeover = [self](QTcpSocket *socket, QByteArray) { self->attach(socket); };
        done(answer);
    }
    bool started() const { return m_started; }
    void write(const QByteArray &bytes)
    {
        if (m_closed)
            return;
        if (m_socket)
            m_socket->write(bytes);
        else if (!m_attached)
            m_pending += bytes;
    }
    void finish(const QByteArray &last)
    {
        write(last);
        m_closed = true;
        if (m_socket)
            m_socket->disconnectFromHost();
    }

private:
    void attach(QTcpSocket *socket)
    {
        m_attached = true;
        m_socket = socket;
        QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        QObject::connect(socket, &QTcpSocket::readyRead, socket, [socket] { socket->readAll(); });
        socket->write("HTTP/1.1 200 OK\r\n"
                      "Content-Type: text/event-stream; charset=utf-8\r\n"
                      "Cache-Control: no-cache\r\n"
                      "X-Accel-Buffering: no\r\n"
                      "Connection: close\r\n\r\n");
        socket->write(m_pending);
        m_pending.clear();
        if (m_closed)
            socket->disconnectFromHost();
    }

    QPointer<QTcpSocket> m_socket;
    QByteArray m_pending;
    bool m_started = false;
    bool m_attached = false;
    bool m_closed = false;
};

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
            const bool stream
                = request.query.queryItemValue(QStringLiteral("stream")) == QLatin1String("true");
            if (!stream) {
                AiDrafting::draft(deps->reader, deps->writer, deps->environment, *id, false, context, {},
                    [done, id = *id](AiDrafting::Result result, const AiOutcome &outcome) {
                        done(result == AiDrafting::Result::Drafted
                                ? ApiResult(ApiResponse::json(200, drafted(outcome, id)))
                                : failure(result, outcome, id));
                    });
                return;
            }
            auto sse = std::make_shared<DraftStream>();
            AiDrafting::draft(
                deps->reader, deps->writer, deps->environment, *id, true, context,
                [sse, done](const QString &piece) {
                    if (!sse->started())
                        sse->begin(done, sse);
                    sse->write(sseEvent("delta", {{QStringLiteral("content"), piece}}));
                },
                [sse, done, id = *id](AiDrafting::Result result, const AiOutcome &outcome) {
                    if (!sse->started()) {
                        if (result != AiDrafting::Result::Drafted) {
                            done(failure(result, outcome, id));
                            return;
                        }
                        sse->begin(done, sse); // a draft that came in one piece, or empty
                    }
                    if (result == AiDrafting::Result::Drafted) {
                        sse->finish(sseEvent("done", drafted(outcome, id)));
                        return;
                    }
                    const auto error = failure(result, outcome, id);
                    const auto *answer = std::get_if<ApiResponse>(&error);
                    QJsonObject body
                        = answer ? QJsonDocument::fromJson(answer->body).object() : QJsonObject();
                    body.insert(QStringLiteral("status"), answer ? answer->status : 502);
                    body.insert(QStringLiteral("partial"), outcome.text);
                    sse->finish(sseEvent("error", body));
                });
        });

    const auto settingsSchema = schema::object(
        {{QStringLiteral("base_url"),
             schema::formatted(QStringLiteral("uri"), QStringLiteral("chat completions base"))},
            {QStringLiteral("model"), schema::string()},
            {QStringLiteral("transcription_model"),
                schema::string(QStringLiteral("the /audio/transcriptions model of call recordings"))},
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
                           {QStringLiteral("transcription_model"), schema::nullable(schema::string())},
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
    draftDoc.query = {ParamDoc {QStringLiteral("stream"),
        QStringLiteral("true: answer with Server-Sent Events as the AI writes (`delta` events with "
                       "`content`, then `done` with the whole answer, or `error`). Errors found before "
                       "the first piece are the usual JSON answers."),
        schema::oneOfValues({QStringLiteral("true"), QStringLiteral("false")}), false}};
    draftDoc.responses = {jsonResponse(200, QStringLiteral("The draft"),
                              schema::object({{QStringLiteral("draft"), schema::string()},
                                                 {QStringLiteral("model"), schema::string()},
                                                 {QStringLiteral("conversation_id"), schema::integer()},
                                                 {QStringLiteral("usage"), schema::anyObject()},
                                                 {QStringLiteral("latency_ms"), schema::integer()}},
                                  {QStringLiteral("draft"), QStringLiteral("model")})),
        ResponseDoc {200,
            QStringLiteral("With stream=true: `event: delta` / `data: {\"content\"}` per piece, then "
                           "`event: done` with the JSON above, or `event: error` with detail, status "
                           "and the partial text"),
            schema::string(QStringLiteral("Server-Sent Events")), "text/event-stream"},
        errorResponse(404, QStringLiteral("No such conversation")),
        errorResponse(429, QStringLiteral("Over the AI calls per minute (Retry-After)")),
        errorResponse(
            502, QStringLiteral("The AI provider answered an error (status and message in detail)")),
        errorResponse(503, QStringLiteral("AI is not configured (detail says how)")),
        errorResponse(504, QStringLiteral("The AI provider did not answer in time"))};
    router.document("POST", QStringLiteral("/api/conversations/{id}/draft-reply"), draftDoc);
}

} // namespace sb
