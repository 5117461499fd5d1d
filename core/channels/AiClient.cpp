#include "AiClient.h"

#include "domain/EnumNames.h"
#include "storage/SqlWorker.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QTimer>
#include <QUrl>
#include <cmath>

namespace sb {

namespace {

constexpr EnumNameTable<AiCallStatus, 4> aiCallStatusNames {{
    {AiCallStatus::Succeeded, "succeeded"},
    {AiCallStatus::Failed, "failed"},
    {AiCallStatus::TimedOut, "timed_out"},
    {AiCallStatus::RateLimited, "rate_limited"},
}};

std::optional<qint64> tokenCount(const QJsonObject &usage, const QString &name)
{
    const auto value = usage.value(name);
    if (!value.isDouble() || value.toDouble() < 0)
        return std::nullopt;
    return qint64(value.toDouble());
}

QString masked(QString text, const QString &apiKey)
{
    if (apiKey.size() >= 4)
        text.replace(apiKey, AiSettings::maskKey(apiKey));
    return text;
}

int retryAfterOf(const QByteArray &value)
{
    bool ok = false;
    const auto seconds = value.trimmed().toDouble(&ok);
    return ok && seconds >= 0 ? int(std::ceil(seconds)) : -1;
}

} // namespace

QString aiCallStatusName(AiCallStatus status)
{
    return enumName(aiCallStatusNames, status);
}

std::optional<AiCallStatus> aiCallStatusFromName(QStringView name)
{
    return enumFromName(aiCallStatusNames, name);
}

// --- stream -------------------------------------------------------------------------------------

QStringList AiStreamParser::feed(QByteArrayView bytes)
{
    QStringList pieces;
    m_buffer.append(bytes.data(), bytes.size());
    for (;;) {
        const auto end = m_buffer.indexOf('\n');
        if (end < 0)
            break;
        auto text = m_buffer.left(end);
        m_buffer.remove(0, end + 1);
        if (text.endsWith('\r'))
            text.chop(1);
        line(std::move(text), &pieces);
    }
    return pieces;
}

QStringList AiStreamParser::finish()
{
    QStringList pieces;
    if (!m_buffer.isEmpty())
        line(std::exchange(m_buffer, {}), &pieces);
    dispatch(&pieces);
    return pieces;
}

void AiStreamParser::line(QByteArray text, QStringList *pieces)
{
    if (text.isEmpty()) {
        dispatch(pieces);
        return;
    }
    if (text.startsWith(':'))
        return; // a comment (keep-alive)
    const auto colon = text.indexOf(':');
    const auto field = colon < 0 ? text : text.left(colon);
    auto value = colon < 0 ? QByteArray() : text.mid(colon + 1);
    if (value.startsWith(' '))
        value.remove(0, 1);
    if (field != "data")
        return; // event:, id:, retry: carry nothing for chat completions
    if (m_hasData)
        m_data.append('\n');
    m_data.append(value);
    m_hasData = true;
}

void AiStreamParser::dispatch(QStringList *pieces)
{
    if (!m_hasData)
        return;
    const auto data = std::exchange(m_data, {});
    m_hasData = false;
    if (m_done || !m_error.isEmpty())
        return;
    if (data.trimmed() == "[DONE]") {
        m_done = true;
        return;
    }
    QJsonParseError parseError;
    const auto document = QJsonDocument::fromJson(data, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        m_error = QStringLiteral("a streamed chunk is not JSON (%1)").arg(parseError.errorString());
        return;
    }
    const auto chunk = document.object();
    if (chunk.contains(QLatin1String("error"))) {
        const auto error = chunk.value(QLatin1String("error"));
        m_error = error.isObject() ? error.toObject().value(QLatin1String("message")).toString()
                                   : error.toString();
        if (m_error.isEmpty())
            m_error = QStringLiteral("the stream reported an error");
        return;
    }
    if (const auto model = chunk.value(QLatin1String("model")).toString(); !model.isEmpty())
        m_model = model;
    const auto usage = chunk.value(QLatin1String("usage")).toObject();
    if (!usage.isEmpty()) {
        m_prompt = tokenCount(usage, QStringLiteral("prompt_tokens"));
        m_completion = tokenCount(usage, QStringLiteral("completion_tokens"));
    }
    const auto choices = chunk.value(QLatin1String("choices")).toArray();
    for (const auto &choice : choices) {
        const auto object = choice.toObject();
        if (object.value(QLatin1String("index")).toInt(0) != 0)
            continue;
        const auto content = object.value(QLatin1String("delta")).toObject().value(QLatin1String("content"));
        if (content.isString() && !content.toString().isEmpty()) {
            m_text += content.toString();
            pieces->append(content.toString());
        }
    }
}

// --- rate limit ---------------------------------------------------------------------------------

AiRateLimiter &AiRateLimiter::shared()
{
    static AiRateLimiter limiter;
    return limiter;
}

bool AiRateLimiter::tryAcquire(int perMinute, qint64 nowMs, int *retryAfterSeconds)
{
    std::lock_guard lock(m_mutex);
    while (!m_calls.empty() && m_calls.front() <= nowMs - 60000)
        m_calls.pop_front();
    if (perMinute > 0 && qsizetype(m_calls.size()) >= perMinute) {
        if (retryAfterSeconds)
            *retryAfterSeconds = int(std::max<qint64>(1, (m_calls.front() + 60000 - nowMs + 999) / 1000));
        return false;
    }
    m_calls.push_back(nowMs);
    return true;
}

void AiRateLimiter::reset()
{
    std::lock_guard lock(m_mutex);
    m_calls.clear();
}

// --- client -------------------------------------------------------------------------------------

QNetworkRequest AiClient::networkRequest(const AiSettings &settings)
{
    QNetworkRequest request(QUrl(settings.baseUrl + QStringLiteral("/chat/completions")));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader("Accept", "application/json, text/event-stream");
    if (!settings.apiKey.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + settings.apiKey.toUtf8());
    if (settings.isOpenRouter()) {
        // OpenRouter's optional app attribution headers.
        request.setRawHeader("HTTP-Referer", "https://github.com/switchboard-app/switchboard");
        request.setRawHeader("X-Title", "Switchboard");
    }
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    return request;
}

QByteArray AiClient::body(const AiSettings &settings, const AiRequest &request)
{
    QJsonArray messages;
    for (const auto &message : request.messages)
        messages.append(QJsonObject {
            {QStringLiteral("role"), message.role}, {QStringLiteral("content"), message.content}});
    QJsonObject body {{QStringLiteral("model"), settings.model}, {QStringLiteral("messages"), messages},
        {QStringLiteral("stream"), request.stream}};
    if (request.stream)
        body.insert(QStringLiteral("stream_options"), QJsonObject {{QStringLiteral("include_usage"), true}});
    if (!request.responseFormat.isEmpty())
        body.insert(QStringLiteral("response_format"), request.responseFormat);
    else if (request.jsonObject)
        body.insert(QStringLiteral("response_format"),
            QJsonObject {{QStringLiteral("type"), QStringLiteral("json_object")}});
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

QString AiClient::errorMessage(const QByteArray &body, const QString &apiKey)
{
    const auto document = QJsonDocument::fromJson(body);
    QString message;
    if (document.isObject()) {
        const auto object = document.object();
        const auto error = object.value(QLatin1String("error"));
        if (error.isObject())
            message = error.toObject().value(QLatin1String("message")).toString();
        else if (error.isString())
            message = error.toString();
        if (message.isEmpty())
            message = object.value(QLatin1String("message")).toString();
    }
    if (message.isEmpty())
        message = QString::fromUtf8(body.left(300)).simplified();
    return masked(message, apiKey);
}

AiOutcome AiClient::interpret(const AiSettings &settings, int status, const QByteArray &body)
{
    AiOutcome outcome;
    outcome.httpStatus = status;
    outcome.model = settings.model;
    if (status < 200 || status > 299) {
        const auto message = errorMessage(body, settings.apiKey);
        outcome.error = QStringLiteral("%1 answered %2%3")
                            .arg(settings.providerName())
                            .arg(status)
                            .arg(message.isEmpty() ? QString() : QStringLiteral(": ") + message);
        return outcome;
    }
    QJsonParseError parseError;
    const auto document = QJsonDocument::fromJson(body, &parseError);
    const auto object = document.object();
    const auto choices = object.value(QLatin1String("choices")).toArray();
    const auto content = choices.isEmpty() ? QJsonValue()
                                           : choices.first()
                                                 .toObject()
                                                 .value(QLatin1String("message"))
                                                 .toObject()
                                                 .value(QLatin1String("content"));
    if (parseError.error != QJsonParseError::NoError || !document.isObject() || !content.isString()) {
        outcome.error = QStringLiteral("%1 answered %2 with no readable completion (%3)")
                            .arg(settings.providerName())
                            .arg(status)
                            .arg(parseError.error != QJsonParseError::NoError
                                    ? parseError.errorString()
                                    : QStringLiteral("choices[0].message.content is missing"));
        return outcome;
    }
    outcome.status = AiCallStatus::Succeeded;
    outcome.text = content.toString();
    if (const auto model = object.value(QLatin1String("model")).toString(); !model.isEmpty())
        outcome.model = model;
    const auto usage = object.value(QLatin1String("usage")).toObject();
    outcome.promptTokens = tokenCount(usage, QStringLiteral("prompt_tokens"));
    outcome.completionTokens = tokenCount(usage, QStringLiteral("completion_tokens"));
    return outcome;
}

void AiClient::send(const AiSettings &settings, const AiRequest &request, QObject *context,
    std::function<void(const QString &)> onDelta, std::function<void(const AiOutcome &)> done)
{
    auto *holder = new QObject(context);
    auto *manager = new QNetworkAccessManager(holder);
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    auto *reply = manager->post(networkRequest(settings), body(settings, request));
    auto parser = std::make_shared<AiStreamParser>();
    auto raw = std::make_shared<QByteArray>();
    auto streaming = std::make_shared<std::optional<bool>>();
    auto timedOut = std::make_shared<bool>(false);

    auto *deadline = new QTimer(holder);
    deadline->setSingleShot(true);
    QObject::connect(deadline, &QTimer::timeout, reply, [reply, timedOut] {
        *timedOut = true;
        reply->abort();
    });
    deadline->start(settings.timeoutMs);

    QObject::connect(reply, &QNetworkReply::readyRead, holder, [reply, parser, raw, streaming, onDelta] {
        if (!streaming->has_value()) {
            const auto status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            const auto type = reply->header(QNetworkRequest::ContentTypeHeader).toString();
            *streaming
                = status >= 200 && status <= 299 && type.startsWith(QLatin1String("text/event-stream"));
        }
        const auto bytes = reply->readAll();
        if (!**streaming) {
            raw->append(bytes);
            return;
        }
        for (const auto &piece : parser->feed(bytes))
            if (onDelta)
                onDelta(piece);
    });
    QObject::connect(reply, &QNetworkReply::finished, holder,
        [settings, reply, holder, parser, raw, streaming, timedOut, timer, onDelta, done] {
            const auto rest = reply->readAll();
            const auto status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            const bool stream = streaming->value_or(status >= 200 && status <= 299
                && reply->header(QNetworkRequest::ContentTypeHeader)
                       .toString()
                       .startsWith(QLatin1String("text/event-stream")));
            AiOutcome outcome;
            if (stream) {
                for (const auto &piece : parser->feed(rest))
                    if (onDelta)
                        onDelta(piece);
            } else {
                raw->append(rest);
            }
            if (*timedOut) {
                outcome.status = AiCallStatus::TimedOut;
                outcome.httpStatus = status;
                outcome.text = parser->text();
                outcome.model = settings.model;
                outcome.error = QStringLiteral("%1 did not answer within %2 s")
                                    .arg(settings.providerName())
                                    .arg(settings.timeoutMs / 1000.0);
            } else if (status == 0) {
                outcome.model = settings.model;
                outcome.error = QStringLiteral("could not reach %1 at %2: %3")
                                    .arg(settings.providerName(), settings.baseUrl,
                                        masked(reply->errorString(), settings.apiKey));
            } else if (stream) {
                for (const auto &piece : parser->finish())
                    if (onDelta)
                        onDelta(piece);
                outcome.httpStatus = status;
                outcome.text = parser->text();
                outcome.model = parser->model().isEmpty() ? settings.model : parser->model();
                outcome.promptTokens = parser->promptTokens();
                outcome.completionTokens = parser->completionTokens();
                if (!parser->error().isEmpty())
                    outcome.error
                        = QStringLiteral("%1 stream failed: %2")
                              .arg(settings.providerName(), masked(parser->error(), settings.apiKey));
                else if (!parser->done() && reply->error() != QNetworkReply::NoError)
                    outcome.error = QStringLiteral("%1 stream broke off: %2")
                                        .arg(settings.providerName(), reply->errorString());
                else if (!parser->done() && parser->text().isEmpty())
                    outcome.error = QStringLiteral("%1 stream ended with no content and no [DONE]")
                                        .arg(settings.providerName());
                else
                    outcome.status = AiCallStatus::Succeeded;
            } else {
                outcome = interpret(settings, status, *raw);
                if (status == 429 || status == 503)
                    outcome.retryAfterSeconds = retryAfterOf(reply->rawHeader("Retry-After"));
            }
            outcome.latencyMs = timer->elapsed();
            holder->deleteLater();
            done(outcome);
        });
}

// --- log ----------------------------------------------------------------------------------------

namespace AiCallLog {

void record(
    SqlContext &context, const AiSettings &settings, const AiRequest &request, const AiOutcome &outcome)
{
    auto optional = [](const std::optional<qint64> &value) { return value ? QVariant(*value) : QVariant(); };
    context.write(QStringLiteral(
                      "INSERT INTO ai_calls(created_at, purpose, model, provider, streamed, conversation_id, "
                      "prompt_tokens, completion_tokens, latency_ms, status, http_status, error) "
                      "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        {context.nowMs(), request.purpose, outcome.model.isEmpty() ? settings.model : outcome.model,
            settings.providerName(), request.stream ? 1 : 0, optional(request.conversationId),
            optional(outcome.promptTokens), optional(outcome.completionTokens), outcome.latencyMs,
            aiCallStatusName(outcome.status),
            outcome.httpStatus > 0 ? QVariant(outcome.httpStatus) : QVariant(),
            outcome.error.isEmpty() ? QVariant() : QVariant(masked(outcome.error, settings.apiKey))});
}

} // namespace AiCallLog

} // namespace sb
