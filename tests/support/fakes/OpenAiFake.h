#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QStringList>
#include <QTcpServer>
#include <deque>

namespace sb::test {

// An OpenAI-compatible chat completions server (POST /v1/chat/completions). Checks each request:
// method and path, `Authorization: Bearer <key>`, JSON content type, a string `model` it serves,
// `messages` a non-empty array of {role: system|user|assistant|developer, content: string}, `stream`
// a boolean when present. Answers `{"id","object":"chat.completion","model","choices":[{"index":0,
// "message":{"role":"assistant","content"},"finish_reason":"stop"}],"usage":{...}}`, or with
// stream=true server-sent events `data: {"object":"chat.completion.chunk","choices":[{"delta":
// {"content":..}}]}` … a usage chunk when stream_options.include_usage … `data: [DONE]`, written in
// pieces split at odd byte boundaries (also inside UTF-8 sequences) with pauses between them.
// Errors as OpenAI sends them: {"error":{"message","type","param","code"}} with 401
// invalid_api_key, 400 invalid_request_error, 404 model_not_found, 429 (Retry-After), 500.
// It listens on its own socket (not WebhookReceiver) because a stream must reach the client in pieces.
// Also POST /v1/audio/transcriptions (OpenAI's createTranscription): multipart/form-data with a
// boundary, parsed with MultipartParser; a `file` part with a file name whose extension OpenAI
// accepts (flac mp3 mp4 mpeg mpga m4a ogg wav webm), a content type and — when set — the expected
// bytes; `model` equal to the transcription model; `response_format` one of json, text, srt,
// verbose_json, vtt. Answers {"text": ...} (plain text for response_format=text); a body over 25 MB
// is a 413 as OpenAI answers it. Scripted errors apply to it too.
class FakeOpenAi : public QObject
{
    Q_OBJECT
public:
    struct Request
    {
        QByteArray method;
        QByteArray target;
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body;
        QByteArray header(const QByteArray &name) const;
    };
    enum class Scripted
    {
        Unauthorized, // 401 invalid_api_key
        RateLimited, // 429 with Retry-After
        ServerError, // 500
        MalformedJson, // 200 with a body that is not JSON (or a stream chunk that is not)
        Silent, // never answers
    };

    explicit FakeOpenAi(QString apiKey = QStringLiteral("sk-test-0123456789abcdefXYZW"),
        QString model = QStringLiteral("gpt-4o-mini"));
    QString baseUrl() const; // http://127.0.0.1:port/v1
    QString apiKey() const { return m_apiKey; }
    QString model() const { return m_model; }
    // The completion every good request gets (streamed as `pieces` when set).
    void setReply(const QString &text, const QStringList &pieces = {});
    void answerNext(Scripted answer, int retryAfterSeconds = 7);
    const QStringList &violations() const { return m_violations; }
    const QList<Request> &received() const { return m_received; }
    const QList<Request> &accepted() const { return m_accepted; }
    // Transcriptions: the text answered, the model served, the audio a request must carry (empty:
    // any), and the accepted transcription requests.
    void setTranscript(const QString &text) { m_transcript = text; }
    void setTranscriptionModel(const QString &model) { m_transcriptionModel = model; }
    void expectAudio(const QByteArray &bytes) { m_expectedAudio = bytes; }
    const QList<Request> &transcriptions() const { return m_transcriptions; }
    // How many writes the last stream took (each a separate piece on the wire).
    int lastStreamWrites() const { return m_lastWrites; }

private:
    void onData(class QTcpSocket *socket);
    void answer(QTcpSocket *socket, const Request &request);
    void writeJson(QTcpSocket *socket, int status, const QByteArray &body,
        const QList<QPair<QByteArray, QByteArray>> &headers = {});
    void writeStream(QTcpSocket *socket, const QByteArray &payload);
    void answerTranscription(QTcpSocket *socket, const Request &request);
    bool scripted(QTcpSocket *socket, bool stream);
    void refuse(QTcpSocket *socket, int status, const QString &message, const QString &type,
        const QString &code = {});

    QTcpServer m_server;
    QString m_apiKey;
    QString m_model;
    QString m_reply = QStringLiteral("Hi Ada — thanks for the message!");
    QStringList m_pieces;
    std::deque<std::pair<Scripted, int>> m_script;
    QStringList m_violations;
    QList<Request> m_received;
    QList<Request> m_accepted;
    QString m_transcript
        = QStringLiteral("Hello, this is Ada. Please call me back on Friday about the quote.");
    QString m_transcriptionModel = QStringLiteral("whisper-1");
    QByteArray m_expectedAudio;
    QList<Request> m_transcriptions;
    int m_lastWrites = 0;
};

} // namespace sb::test
