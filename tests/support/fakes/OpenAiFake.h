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
    // How many writes the last stream took (each a separate piece on the wire).
    int lastStreamWrites() const { return m_lastWrites; }

private:
    void onData(class QTcpSocket *socket);
    void answer(QTcpSocket *socket, const Request &request);
    void writeJson(QTcpSocket *socket, int status, const QByteArray &body,
        const QList<QPair<QByteArray, QByteArray>> &headers = {});
    void writeStream(QTcpSocket *socket, const QByteArray &payload);
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
    int m_lastWrites = 0;
};

} // namespace sb::test
