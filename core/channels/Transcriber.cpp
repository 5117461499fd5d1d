#include "Transcriber.h"

#include "storage/RecordingRepository.h"
#include "storage/SqlWorker.h"
#include "storage/TranscriptionRepository.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QUrl>
#include <cmath>

namespace sb {

namespace {

Q_LOGGING_CATEGORY(lcTranscription, "switchboard.ai.transcription", QtInfoMsg)

constexpr int maxClaimsPerPoll = 20;
constexpr int minTransferTimeoutMs = 120'000;

QString megabytes(qint64 bytes)
{
    return QString::number(double(bytes) / (1024.0 * 1024.0), 'f', 1);
}

bool transient(int status)
{
    return status == 0 || status == 408 || status == 429 || status >= 500;
}

AiRequest logRequest(const TranscriptionJob &job)
{
    AiRequest request;
    request.purpose = QStringLiteral("transcription");
    request.conversationId = job.conversationId;
    return request;
}

} // namespace

Transcriber::Transcriber(SqlWorker &writer, TranscriberOptions options, QObject *parent)
    : QObject(parent)
    , m_writer(writer)
    , m_options(std::move(options))
{
    m_pollTimer.setInterval(std::max(10, m_options.pollMs));
    connect(&m_pollTimer, &QTimer::timeout, this, &Transcriber::poll);
}

Transcriber::~Transcriber()
{
    stop();
}

void Transcriber::start()
{
    m_running = true;
    m_pollTimer.start();
    QTimer::singleShot(0, this, &Transcriber::poll);
}

void Transcriber::stop()
{
    m_running = false;
    m_pollTimer.stop();
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
    m_reply = nullptr;
}

void Transcriber::wake()
{
    if (!m_running)
        return;
    if (m_busy) {
        m_again = true;
        return;
    }
    QTimer::singleShot(0, this, &Transcriber::poll);
}

std::optional<TranscriptionJob> Transcriber::claim(
    SqlContext &context, const QProcessEnvironment &environment)
{
    const auto settings = AiSettings::load(context, environment);
    if (!settings.configured())
        return std::nullopt; // nothing is queued or sent without an AI service
    TranscriptionRepository::enqueueMissing(context);
    for (int i = 0; i < maxClaimsPerPoll; ++i) {
        const auto row = TranscriptionRepository::due(context, context.nowMs());
        if (!row)
            return std::nullopt;
        const auto recording = RecordingRepository::find(context, row->recordingId);
        if (!recording || recording->state != RecordingState::Stored || recording->filePath.isEmpty()
            || !QFileInfo::exists(recording->filePath)) {
            TranscriptionRepository::markEnded(context, row->id, TranscriptionState::Failed,
                recording && recording->state != RecordingState::Stored
                    ? QStringLiteral("the recording is not stored (it is %1)")
                          .arg(recordingStateName(recording->state))
                    : QStringLiteral("the recording's file is missing"));
            continue;
        }
        const auto size = QFileInfo(recording->filePath).size();
        if (size > maxUploadBytes) {
            // The API refuses it anyway: say so here instead of uploading it.
            const auto reason = QStringLiteral("the recording is %1 MB; the transcription API takes files "
                                               "up to 25 MB")
                                    .arg(megabytes(size));
            qCWarning(
                lcTranscription, "recording %lld not transcribed: %s", recording->id, qPrintable(reason));
            TranscriptionRepository::markEnded(context, row->id, TranscriptionState::Refused, reason);
            continue;
        }
        TranscriptionRepository::markRunning(context, row->id, settings.transcriptionModel);
        TranscriptionJob job;
        job.id = row->id;
        job.recordingId = recording->id;
        job.callId = recording->callId;
        job.attempts = row->attempts + 1;
        job.filePath = recording->filePath;
        job.contentType = recording->contentType.isEmpty()
            ? recordingContentType(QFileInfo(recording->filePath).suffix())
            : recording->contentType;
        job.settings = settings;
        auto &call
            = context.run(QStringLiteral("SELECT conversation_id FROM calls WHERE id = ?"), {job.callId});
        if (call.next() && !call.value(0).isNull())
            job.conversationId = call.value(0).toLongLong();
        call.finish();
        return job;
    }
    return std::nullopt;
}

QByteArray Transcriber::multipartBody(const QByteArray &boundary, const QString &fileName,
    const QString &contentType, const QByteArray &audio, const QString &model)
{
    const QByteArray dash = "--" + boundary + "\r\n";
    QByteArray body;
    body.reserve(audio.size() + 512);
    body += dash;
    body += "Content-Disposition: form-data; name=\"file\"; filename=\"" + fileName.toUtf8() + "\"\r\n";
    body += "Content-Type: " + contentType.toUtf8() + "\r\n\r\n";
    body += audio;
    body += "\r\n" + dash;
    body += "Content-Disposition: form-data; name=\"model\"\r\n\r\n" + model.toUtf8() + "\r\n";
    body += dash;
    body += "Content-Disposition: form-data; name=\"response_format\"\r\n\r\njson\r\n";
    body += "--" + boundary + "--\r\n";
    return body;
}

std::optional<QString> Transcriber::textOf(const QByteArray &body)
{
    const auto document = QJsonDocument::fromJson(body);
    const auto text = document.object().value(QLatin1String("text"));
    if (!document.isObject() || !text.isString())
        return std::nullopt;
    return text.toString().trimmed();
}

void Transcriber::poll()
{
    if (!m_running || m_busy)
        return;
    m_busy = true;
    m_again = false;
    auto claimed = std::make_shared<std::optional<TranscriptionJob>>();
    SqlJob job;
    job.run = [claimed, environment = m_options.environment](SqlContext &context) -> ApiResult {
        *claimed = claim(context, environment);
        return ApiResponse {};
    };
    job.replyContext = this;
    job.done = [this, claimed](const ApiResult &) {
        if (m_running && *claimed) {
            begin(std::move(**claimed));
            return;
        }
        m_busy = false;
        if (m_running && m_again)
            QTimer::singleShot(0, this, &Transcriber::poll);
    };
    m_writer.submit(std::move(job));
}

void Transcriber::begin(TranscriptionJob job)
{
    m_current = std::move(job);
    QFile file(m_current.filePath);
    if (!file.open(QIODevice::ReadOnly)) {
        const auto id = m_current.id;
        const auto error = QStringLiteral("cannot read the recording's file");
        finishJob(
            [id, error](SqlContext &context) {
                TranscriptionRepository::markEnded(context, id, TranscriptionState::Failed, error);
            },
            nullptr);
        return;
    }
    m_audio = file.readAll();
    send();
}

void Transcriber::send()
{
    if (!m_running)
        return;
    int retryAfter = 0;
    if (!AiRateLimiter::shared().tryAcquire(
            m_current.settings.ratePerMinute, QDateTime::currentMSecsSinceEpoch(), &retryAfter)) {
        // Over the per-minute limit: wait for room (not an attempt).
        QTimer::singleShot(std::max(1, retryAfter) * 1000, this, &Transcriber::send);
        return;
    }
    const auto &settings = m_current.settings;
    QNetworkRequest request(QUrl(settings.baseUrl + QStringLiteral("/audio/transcriptions")));
    const QByteArray boundary
        = "switchboard-" + QByteArray::number(QRandomGenerator::global()->generate64(), 16);
    request.setHeader(
        QNetworkRequest::ContentTypeHeader, QByteArray("multipart/form-data; boundary=" + boundary));
    request.setRawHeader("Accept", "application/json");
    if (!settings.apiKey.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + settings.apiKey.toUtf8());
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(std::max(settings.timeoutMs, minTransferTimeoutMs));
    const QString fileName
        = QStringLiteral("recording-%1.%2").arg(m_current.callId).arg(QFileInfo(m_current.filePath).suffix());
    const auto body
        = multipartBody(boundary, fileName, m_current.contentType, m_audio, settings.transcriptionModel);
    m_audio.clear();
    m_startedMs = QDateTime::currentMSecsSinceEpoch();
    m_reply = m_network.post(request, body);
    QNetworkReply *reply = m_reply;
    connect(reply, &QNetworkReply::finished, this, [this, reply] { onFinished(reply); });
}

void Transcriber::onFinished(QNetworkReply *reply)
{
    reply->deleteLater();
    if (reply != m_reply)
        return;
    m_reply = nullptr;
    const auto &settings = m_current.settings;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const auto body = reply->readAll();
    AiOutcome outcome;
    outcome.httpStatus = status;
    outcome.model = settings.transcriptionModel;
    outcome.latencyMs = QDateTime::currentMSecsSinceEpoch() - m_startedMs;
    std::optional<QString> text;
    if (status == 0) {
        const bool timedOut = reply->error() == QNetworkReply::OperationCanceledError
            || reply->error() == QNetworkReply::TimeoutError;
        outcome.status = timedOut ? AiCallStatus::TimedOut : AiCallStatus::Failed;
        outcome.error = QStringLiteral("could not reach %1 at %2: %3")
                            .arg(settings.providerName(), settings.baseUrl, reply->errorString());
    } else if (status < 200 || status > 299) {
        const auto message = AiClient::errorMessage(body, settings.apiKey);
        outcome.error = QStringLiteral("%1 answered %2%3")
                            .arg(settings.providerName())
                            .arg(status)
                            .arg(message.isEmpty() ? QString() : QStringLiteral(": ") + message);
    } else if (text = textOf(body); !text) {
        outcome.error = QStringLiteral("%1 answered %2 without a transcript text")
                            .arg(settings.providerName())
                            .arg(status);
    } else {
        outcome.status = AiCallStatus::Succeeded;
    }
    const auto job = m_current;
    AiSettings logged = settings;
    logged.model = settings.transcriptionModel;
    if (outcome.ok()) {
        qCInfo(lcTranscription, "call %lld transcribed: %lld characters", job.callId, qint64(text->size()));
        auto stored = std::make_shared<bool>(false);
        finishJob(
            [job, logged, outcome, text = *text, stored](SqlContext &context) {
                AiCallLog::record(context, logged, logRequest(job), outcome);
                *stored = TranscriptionRepository::markDone(context, job.id, text, logged.model);
            },
            stored);
        return;
    }
    const bool retry = transient(status) && job.attempts < m_options.maxAttempts;
    qint64 delay = qint64(m_options.retryDelayMs) * qint64(std::pow(4.0, std::max(0, job.attempts - 1)));
    if (status == 429 && reply->hasRawHeader("Retry-After")) {
        bool ok = false;
        const auto seconds = reply->rawHeader("Retry-After").trimmed().toDouble(&ok);
        if (ok && seconds > 0)
            delay = std::max(delay, qint64(std::ceil(seconds * 1000)));
    }
    qCInfo(lcTranscription, "call %lld attempt %d: %s%s", job.callId, job.attempts, qPrintable(outcome.error),
        retry ? " (retried later)" : "");
    finishJob(
        [job, logged, outcome, retry, delay](SqlContext &context) {
            AiCallLog::record(context, logged, logRequest(job), outcome);
            if (retry)
                TranscriptionRepository::markRetry(context, job.id, context.nowMs() + delay, outcome.error);
            else
                TranscriptionRepository::markEnded(
                    context, job.id, TranscriptionState::Failed, outcome.error);
        },
        nullptr);
}

void Transcriber::finishJob(std::function<void(SqlContext &)> change, std::shared_ptr<bool> notify)
{
    const auto callId = m_current.callId;
    SqlJob job;
    job.run = [change = std::move(change)](SqlContext &context) -> ApiResult {
        change(context);
        return ApiResponse {};
    };
    job.replyContext = this;
    job.done = [this, notify, callId](const ApiResult &result) {
        m_busy = false;
        if (notify && *notify && std::holds_alternative<ApiResponse>(result) && m_options.transcribed)
            m_options.transcribed(callId);
        if (m_running)
            QTimer::singleShot(0, this, &Transcriber::poll);
    };
    m_writer.submit(std::move(job));
}

} // namespace sb
