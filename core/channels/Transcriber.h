#pragma once

#include "AiClient.h"

#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>
#include <QProcessEnvironment>
#include <QTimer>
#include <functional>
#include <memory>

class QNetworkReply;

namespace sb {

class SqlContext;
class SqlWorker;

struct TranscriberOptions
{
    QProcessEnvironment environment; // the AI settings' fallbacks
    int pollMs = 5000; // how often stored recordings without a transcript are looked for
    int retryDelayMs = 10'000; // the first retry's delay; each next one 4 times longer
    int maxAttempts = 4;
    // Told the call whose transcript was stored (the AiAnalyzer analyses it).
    std::function<void(qint64 callId)> transcribed;
};

// What one transcription attempt sends: decided on the writer, carried out here.
struct TranscriptionJob
{
    qint64 id = 0; // transcriptions.id
    qint64 recordingId = 0;
    qint64 callId = 0;
    std::optional<qint64> conversationId;
    int attempts = 0; // including this one
    QString filePath;
    QString contentType;
    AiSettings settings;
};

// Transcribes kept call recordings through the OpenAI-compatible `POST {base}/audio/transcriptions`
// (multipart/form-data: `file` with its file name and content type, `model` = the transcription
// model, `response_format` = json → {"text"}), when an AI service is configured: a stored recording
// whose call has no transcript is queued (found by polling, so also at start), sent one at a time
// off the writer, within the AI rate limit, logged in ai_calls (purpose "transcription"). Network
// errors, 408, 429 and 5xx are retried with backoff, then recorded as failed; a file over the API's
// 25 MB limit is refused without sending. The text becomes calls.transcript, and `transcribed` is told.
class Transcriber : public QObject
{
public:
    static constexpr qint64 maxUploadBytes = 25LL * 1024 * 1024;

    Transcriber(SqlWorker &writer, TranscriberOptions options, QObject *parent = nullptr);
    ~Transcriber() override;

    void start();
    void stop();
    // Looks for work now (a recording stored, POST /api/recordings/{id}/transcribe).
    void wake();

    // On the writer: queues the stored recordings without a transcript and claims the next due row
    // (marked running). Nullopt when AI is not configured or nothing is due.
    static std::optional<TranscriptionJob> claim(SqlContext &context, const QProcessEnvironment &environment);
    // The multipart body of a request; `boundary` without the leading dashes.
    static QByteArray multipartBody(const QByteArray &boundary, const QString &fileName,
        const QString &contentType, const QByteArray &audio, const QString &model);
    // The text of a 2xx answer ({"text": ...}); nullopt when there is none.
    static std::optional<QString> textOf(const QByteArray &body);

private:
    void poll();
    void begin(TranscriptionJob job);
    void send();
    void onFinished(QNetworkReply *reply);
    void finishJob(std::function<void(SqlContext &)> change, std::shared_ptr<bool> notify);

    SqlWorker &m_writer;
    TranscriberOptions m_options;
    QNetworkAccessManager m_network;
    QTimer m_pollTimer;
    bool m_running = false;
    bool m_busy = false;
    bool m_again = false;
    TranscriptionJob m_current;
    QByteArray m_audio;
    qint64 m_startedMs = 0;
    QPointer<QNetworkReply> m_reply;
};

} // namespace sb
