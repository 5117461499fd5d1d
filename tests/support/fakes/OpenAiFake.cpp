#include "OpenAiFake.h"

#include "http/MultipartParser.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QSet>
#include <QTcpSocket>
#include <QTimer>

namespace sb::test {

QByteArray FakeOpenAi::Request::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers)
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    return {};
}

FakeOpenAi::FakeOpenAi(QString apiKey, QString model)
    : m_apiKey(std::move(apiKey))
    , m_model(std::move(model))
{
    m_server.listen(QHostAddress::LocalHost, 0);
    connect(&m_server, &QTcpServer::newConnection, this, [this] {
        while (auto *socket = m_server.nextPendingConnection()) {
            socket->setParent(this);
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onData(socket); });
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        }
    });
}

QString FakeOpenAi::baseUrl() const
{
    return QStringLiteral("http://127.0.0.1:%1/v1").arg(m_server.serverPort());
}

void FakeOpenAi::setReply(const QString &text, const QStringList &pieces)
{
    m_reply = text;
    m_pieces = pieces;
}

void FakeOpenAi::answerNext(Scripted answer, int retryAfterSeconds)
{
    m_script.emplace_back(answer, retryAfterSeconds);
}

void FakeOpenAi::onData(QTcpSocket *socket)
{
    QByteArray buffer = socket->property("buffer").toByteArray() + socket->readAll();
    for (;;) {
        const auto headEnd = buffer.indexOf("\r\n\r\n");
        if (headEnd < 0)
            break;
        const auto lines = buffer.left(headEnd).split('\n');
        Request request;
        const auto requestLine = lines.first().trimmed().split(' ');
        request.method = requestLine.value(0);
        request.target = requestLine.value(1);
        qsizetype length = 0;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const auto line = lines[i].trimmed();
            const auto colon = line.indexOf(':');
            if (colon <= 0)
                continue;
            request.headers.append({line.left(colon), line.mid(colon + 1).trimmed()});
            if (line.left(colon).compare("Content-Length", Qt::CaseInsensitive) == 0)
                length = line.mid(colon + 1).trimmed().toLongLong();
        }
        if (buffer.size() < headEnd + 4 + length)
            break;
        request.body = buffer.mid(headEnd + 4, length);
        buffer.remove(0, headEnd + 4 + length);
        m_received.append(request);
        answer(socket, request);
    }
    socket->setProperty("buffer", buffer);
}

void FakeOpenAi::writeJson(QTcpSocket *socket, int status, const QByteArray &body,
    const QList<QPair<QByteArray, QByteArray>> &headers)
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status)
        + " Fake\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size())
        + "\r\n";
    for (const auto &[name, value] : headers)
        out += name + ": " + value + "\r\n";
    socket->write(out + "\r\n" + body);
}

void FakeOpenAi::refuse(
    QTcpSocket *socket, int status, const QString &message, const QString &type, const QString &code)
{
    const QJsonObject error {{QStringLiteral("message"), message}, {QStringLiteral("type"), type},
        {QStringLiteral("param"), QJsonValue()},
        {QStringLiteral("code"), code.isEmpty() ? QJsonValue() : QJsonValue(code)}};
    writeJson(socket, status,
        QJsonDocument(QJsonObject {{QStringLiteral("error"), error}}).toJson(QJsonDocument::Compact));
}

void FakeOpenAi::writeStream(QTcpSocket *socket, const QByteArray &payload)
{
    // Chunked transfer coding (a stream has no length), the SSE bytes cut at 1, 2, 3, 5, 7, 11, ...
    const QByteArray head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\n"
                            "Cache-Control: no-cache\r\nTransfer-Encoding: chunked\r\n\r\n";
    socket->write(head);
    QList<QByteArray> parts;
    static const int cuts[] = {1, 2, 3, 5, 7, 11, 13, 17, 19, 23};
    qsizetype at = 0;
    int i = 0;
    while (at < payload.size()) {
        const auto size = cuts[i++ % std::size(cuts)];
        parts.append(payload.mid(at, size));
        at += size;
    }
    m_lastWrites = int(parts.size());
    QPointer<QTcpSocket> guard(socket);
    int delay = 0;
    for (const auto &part : parts) {
        QTimer::singleShot(delay, this, [guard, part] {
            if (guard)
                guard->write(QByteArray::number(part.size(), 16) + "\r\n" + part + "\r\n");
        });
        delay += 2;
    }
    QTimer::singleShot(delay, this, [guard] {
        if (guard)
            guard->write("0\r\n\r\n");
    });
}

bool FakeOpenAi::scripted(QTcpSocket *socket, bool stream)
{
    if (m_script.empty())
        return false;
    {
        const auto [scripted, retryAfter] = m_script.front();
        m_script.pop_front();
        switch (scripted) {
        case Scripted::Unauthorized:
            refuse(socket, 401, QStringLiteral("Incorrect API key provided."),
                QStringLiteral("invalid_request_error"), QStringLiteral("invalid_api_key"));
            return true;
        case Scripted::RateLimited: {
            const QJsonObject error {
                {QStringLiteral("message"), QStringLiteral("Rate limit reached for requests")},
                {QStringLiteral("type"), QStringLiteral("requests")}, {QStringLiteral("param"), QJsonValue()},
                {QStringLiteral("code"), QStringLiteral("rate_limit_exceeded")}};
            writeJson(socket, 429,
                QJsonDocument(QJsonObject {{QStringLiteral("error"), error}}).toJson(QJsonDocument::Compact),
                {{"Retry-After", QByteArray::number(retryAfter)}});
            return true;
        }
        case Scripted::ServerError:
            refuse(socket, 500, QStringLiteral("The server had an error while processing your request."),
                QStringLiteral("server_error"));
            return true;
        case Scripted::MalformedJson:
            if (stream)
                writeStream(
                    socket, "data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}\n\ndata: {not json\n\n");
            else
                writeJson(socket, 200, "{\"id\":\"chatcmpl-1\",\"choices\":[{\"message\":");
            return true;
        case Scripted::Silent:
            return true;
        }
    }
    return false;
}

void FakeOpenAi::answer(QTcpSocket *socket, const Request &request)
{
    auto problem = [&](const QString &text) { m_violations.append(text); };
    const auto path = request.target.split('?').first();
    if (path == "/v1/audio/transcriptions") {
        answerTranscription(socket, request);
        return;
    }
    if (request.method != "POST" || path != "/v1/chat/completions") {
        problem(QStringLiteral("expected POST /v1/chat/completions, got %1 %2")
                    .arg(QString::fromUtf8(request.method), QString::fromUtf8(request.target)));
        refuse(socket, 404,
            QStringLiteral("Invalid URL (%1 %2)")
                .arg(QString::fromUtf8(request.method), QString::fromUtf8(path)),
            QStringLiteral("invalid_request_error"));
        return;
    }
    if (request.header("Authorization") != "Bearer " + m_apiKey.toUtf8()) {
        problem(QStringLiteral("Authorization is not Bearer <key>"));
        refuse(socket, 401,
            request.header("Authorization").isEmpty() ? QStringLiteral("You didn't provide an API key.")
                                                      : QStringLiteral("Incorrect API key provided."),
            QStringLiteral("invalid_request_error"), QStringLiteral("invalid_api_key"));
        return;
    }
    if (!request.header("Content-Type").startsWith("application/json")) {
        problem(QStringLiteral("Content-Type is not application/json"));
        refuse(socket, 400, QStringLiteral("Content-Type must be application/json"),
            QStringLiteral("invalid_request_error"));
        return;
    }
    QJsonParseError parseError;
    const auto document = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        problem(QStringLiteral("the body is not a JSON object"));
        refuse(socket, 400, QStringLiteral("We could not parse the JSON body of your request."),
            QStringLiteral("invalid_request_error"));
        return;
    }
    const auto body = document.object();
    const auto model = body.value(QLatin1String("model"));
    if (!model.isString() || model.toString().isEmpty()) {
        problem(QStringLiteral("model is missing or not a string"));
        refuse(socket, 400, QStringLiteral("you must provide a model parameter"),
            QStringLiteral("invalid_request_error"));
        return;
    }
    if (model.toString() != m_model) {
        problem(QStringLiteral("model %1 is not served").arg(model.toString()));
        refuse(socket, 404,
            QStringLiteral("The model `%1` does not exist or you do not have access to it.")
                .arg(model.toString()),
            QStringLiteral("invalid_request_error"), QStringLiteral("model_not_found"));
        return;
    }
    static const QSet<QString> roles {QStringLiteral("system"), QStringLiteral("user"),
        QStringLiteral("assistant"), QStringLiteral("developer")};
    const auto messages = body.value(QLatin1String("messages"));
    bool messagesOk = messages.isArray() && !messages.toArray().isEmpty();
    for (const auto &message : messages.toArray()) {
        const auto object = message.toObject();
        if (!message.isObject() || !roles.contains(object.value(QLatin1String("role")).toString())
            || !object.value(QLatin1String("content")).isString())
            messagesOk = false;
    }
    if (!messagesOk) {
        problem(QStringLiteral("messages is not a non-empty array of {role, content}"));
        refuse(socket, 400, QStringLiteral("Invalid 'messages': expected an array of {role, content}."),
            QStringLiteral("invalid_request_error"));
        return;
    }
    const auto streamValue = body.value(QLatin1String("stream"));
    if (!streamValue.isUndefined() && !streamValue.isBool()) {
        problem(QStringLiteral("stream is not a boolean"));
        refuse(socket, 400, QStringLiteral("Invalid type for 'stream': expected a boolean."),
            QStringLiteral("invalid_request_error"));
        return;
    }
    const bool stream = streamValue.toBool(false);
    if (body.contains(QLatin1String("stream_options")) && !stream) {
        problem(QStringLiteral("stream_options without stream"));
        refuse(socket, 400,
            QStringLiteral("The 'stream_options' parameter is only allowed when 'stream' is enabled."),
            QStringLiteral("invalid_request_error"));
        return;
    }

    if (scripted(socket, stream))
        return;

    m_accepted.append(request);
    const auto id = QStringLiteral("chatcmpl-%1").arg(m_received.size());
    const auto created = QDateTime::currentSecsSinceEpoch();
    const qint64 promptTokens = 12 + request.body.size() / 4;
    const qint64 completionTokens = std::max<qint64>(1, m_reply.size() / 4);
    const QJsonObject usage {{QStringLiteral("prompt_tokens"), promptTokens},
        {QStringLiteral("completion_tokens"), completionTokens},
        {QStringLiteral("total_tokens"), promptTokens + completionTokens}};
    if (!stream) {
        const QJsonObject answer {{QStringLiteral("id"), id},
            {QStringLiteral("object"), QStringLiteral("chat.completion")},
            {QStringLiteral("created"), created}, {QStringLiteral("model"), m_model},
            {QStringLiteral("choices"),
                QJsonArray {QJsonObject {{QStringLiteral("index"), 0},
                    {QStringLiteral("message"),
                        QJsonObject {{QStringLiteral("role"), QStringLiteral("assistant")},
                            {QStringLiteral("content"), m_reply}}},
                    {QStringLiteral("finish_reason"), QStringLiteral("stop")}}}},
            {QStringLiteral("usage"), usage}};
        writeJson(socket, 200, QJsonDocument(answer).toJson(QJsonDocument::Compact));
        return;
    }
    auto chunk = [&](const QJsonObject &delta, const QJsonValue &finish,
                     const QJsonValue &chunkUsage = QJsonValue()) -> QByteArray {
        QJsonObject object {{QStringLiteral("id"), id},
            {QStringLiteral("object"), QStringLiteral("chat.completion.chunk")},
            {QStringLiteral("created"), created}, {QStringLiteral("model"), m_model},
            {QStringLiteral("choices"),
                delta.isEmpty() && finish.isNull()
                    ? QJsonArray {}
                    : QJsonArray {QJsonObject {{QStringLiteral("index"), 0}, {QStringLiteral("delta"), delta},
                        {QStringLiteral("finish_reason"), finish}}}}};
        if (body.value(QLatin1String("stream_options"))
                .toObject()
                .value(QLatin1String("include_usage"))
                .toBool())
            object.insert(QStringLiteral("usage"), chunkUsage);
        return "data: " + QJsonDocument(object).toJson(QJsonDocument::Compact) + "\n\n";
    };
    QByteArray payload = ": keep-alive\n\n";
    payload += chunk(
        {{QStringLiteral("role"), QStringLiteral("assistant")}, {QStringLiteral("content"), QString()}},
        QJsonValue());
    const auto pieces = m_pieces.isEmpty() ? QStringList {m_reply} : m_pieces;
    for (const auto &piece : pieces)
        payload += chunk({{QStringLiteral("content"), piece}}, QJsonValue());
    payload += chunk({}, QStringLiteral("stop"));
    if (body.value(QLatin1String("stream_options"))
            .toObject()
            .value(QLatin1String("include_usage"))
            .toBool()) {
        QJsonObject last {{QStringLiteral("id"), id},
            {QStringLiteral("object"), QStringLiteral("chat.completion.chunk")},
            {QStringLiteral("created"), created}, {QStringLiteral("model"), m_model},
            {QStringLiteral("choices"), QJsonArray {}}, {QStringLiteral("usage"), usage}};
        payload += "data: " + QJsonDocument(last).toJson(QJsonDocument::Compact) + "\n\n";
    }
    payload += "data: [DONE]\n\n";
    writeStream(socket, payload);
}

void FakeOpenAi::answerTranscription(QTcpSocket *socket, const Request &request)
{
    auto problem = [&](const QString &text) { m_violations.append(text); };
    const auto invalid = QStringLiteral("invalid_request_error");
    if (request.method != "POST") {
        problem(
            QStringLiteral("transcriptions: expected POST, got %1").arg(QString::fromUtf8(request.method)));
        refuse(socket, 405, QStringLiteral("Method not allowed"), invalid);
        return;
    }
    if (request.header("Authorization") != "Bearer " + m_apiKey.toUtf8()) {
        problem(QStringLiteral("transcriptions: Authorization is not Bearer <key>"));
        refuse(socket, 401, QStringLiteral("Incorrect API key provided."), invalid,
            QStringLiteral("invalid_api_key"));
        return;
    }
    if (request.body.size() > 25LL * 1024 * 1024) {
        problem(QStringLiteral("transcriptions: the upload is over 25 MB"));
        refuse(socket, 413, QStringLiteral("Maximum content size limit (26214400) exceeded."), invalid);
        return;
    }
    QString error;
    const auto contentType = request.header("Content-Type");
    if (!MultipartParser::isMultipartFormData(contentType)
        || MultipartParser::boundaryFromContentType(contentType, &error).isEmpty()) {
        problem(QStringLiteral("transcriptions: Content-Type is not multipart/form-data with a boundary (%1)")
                    .arg(QString::fromUtf8(contentType)));
        refuse(socket, 400, QStringLiteral("Invalid Content-Type header: expected multipart/form-data"),
            invalid);
        return;
    }
    MultipartLimits limits;
    limits.maxPartBytes = 26LL * 1024 * 1024;
    const auto parsed = MultipartParser::parse(contentType, request.body, limits);
    if (!parsed.ok()) {
        problem(QStringLiteral("transcriptions: the multipart body does not parse: %1").arg(parsed.error));
        refuse(socket, 400, QStringLiteral("Could not parse multipart form"), invalid);
        return;
    }
    const MultipartPart *file = nullptr;
    QString model;
    QString format = QStringLiteral("json");
    for (const auto &part : parsed.parts) {
        if (part.name == QLatin1String("file"))
            file = &part;
        else if (part.name == QLatin1String("model"))
            model = QString::fromUtf8(part.body);
        else if (part.name == QLatin1String("response_format"))
            format = QString::fromUtf8(part.body);
    }
    static const QSet<QString> extensions {QStringLiteral("flac"), QStringLiteral("mp3"),
        QStringLiteral("mp4"), QStringLiteral("mpeg"), QStringLiteral("mpga"), QStringLiteral("m4a"),
        QStringLiteral("ogg"), QStringLiteral("wav"), QStringLiteral("webm")};
    if (!file || !file->hasFilename) {
        problem(QStringLiteral("transcriptions: no file part with a filename"));
        refuse(socket, 400, QStringLiteral("you must provide a file parameter"), invalid);
        return;
    }
    const auto extension = file->filename.section(QLatin1Char('.'), -1).toLower();
    if (!file->filename.contains(QLatin1Char('.')) || !extensions.contains(extension)) {
        problem(QStringLiteral("transcriptions: the file name %1 has no supported extension")
                    .arg(file->filename));
        refuse(socket, 400,
            QStringLiteral("Invalid file format. Supported formats: ['flac', 'm4a', 'mp3', 'mp4', 'mpeg', "
                           "'mpga', 'oga', 'ogg', 'wav', 'webm']"),
            invalid);
        return;
    }
    if (file->header("Content-Type").isEmpty() || !file->contentType.startsWith("audio/")) {
        problem(QStringLiteral("transcriptions: the file part has no audio content type (%1)")
                    .arg(QString::fromUtf8(file->contentType)));
    }
    if (file->body.isEmpty() || (!m_expectedAudio.isEmpty() && file->body != m_expectedAudio)) {
        problem(QStringLiteral("transcriptions: the file's %1 bytes are not the recording's %2")
                    .arg(file->body.size())
                    .arg(m_expectedAudio.size()));
        refuse(socket, 400, QStringLiteral("Audio file might be corrupted or unsupported"), invalid);
        return;
    }
    if (model.isEmpty()) {
        problem(QStringLiteral("transcriptions: no model"));
        refuse(socket, 400, QStringLiteral("you must provide a model parameter"), invalid);
        return;
    }
    if (model != m_transcriptionModel) {
        problem(QStringLiteral("transcriptions: model %1 is not served").arg(model));
        refuse(socket, 404,
            QStringLiteral("The model `%1` does not exist or you do not have access to it.").arg(model),
            invalid, QStringLiteral("model_not_found"));
        return;
    }
    static const QSet<QString> formats {QStringLiteral("json"), QStringLiteral("text"), QStringLiteral("srt"),
        QStringLiteral("verbose_json"), QStringLiteral("vtt")};
    if (!formats.contains(format)) {
        problem(QStringLiteral("transcriptions: response_format %1 is not known").arg(format));
        refuse(socket, 400, QStringLiteral("Invalid response_format"), invalid);
        return;
    }
    if (scripted(socket, false))
        return;
    m_transcriptions.append(request);
    if (format == QLatin1String("text")) {
        const auto text = m_transcript.toUtf8();
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: "
            + QByteArray::number(text.size()) + "\r\n\r\n" + text);
        return;
    }
    writeJson(socket, 200,
        QJsonDocument(QJsonObject {{QStringLiteral("text"), m_transcript}}).toJson(QJsonDocument::Compact));
}

} // namespace sb::test
