#include "RecordingFetcher.h"

#include "EnvironmentServices.h"
#include "ProviderAdapter.h"
#include "ServiceResolver.h"
#include "storage/ExternalServiceRepository.h"
#include "storage/RecordingRepository.h"
#include "storage/SqlWorker.h"

#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QRegularExpression>

namespace sb {

namespace {

Q_LOGGING_CATEGORY(lcRecordings, "switchboard.recordings", QtInfoMsg)

const QString twilioName = QStringLiteral("twilio");
const QString signalWireName = QStringLiteral("signalwire");
const QUrl twilioApi(QStringLiteral("https://api.twilio.com"));
constexpr qint64 day = 24LL * 3600 * 1000;
constexpr int transferTimeoutMs = 60'000;
constexpr int maxRedirects = 5;

// The Twilio account whose credentials fetch recordings: the first active registered Twilio
// service, else the environment's.
std::optional<ExternalService> twilioAccount(SqlContext &context, const QProcessEnvironment &environment)
{
    ExternalServiceFilter filter;
    filter.provider = ServiceProvider::Twilio;
    filter.activeOnly = true;
    filter.limit = 1;
    std::optional<ExternalService> service;
    if (context.secrets()) {
        const auto registered = ExternalServiceRepository::list(context, filter);
        if (!registered.isEmpty())
            service = registered.first();
    }
    if (!service)
        service = environmentService(ServiceProvider::Twilio, environment);
    if (service)
        ServiceResolver::applyBaseUrl(*service, environment);
    return service;
}

int portOf(const QUrl &url)
{
    return url.port(url.scheme() == QLatin1String("http") ? 80 : 443);
}

bool sameOrigin(const QUrl &a, const QUrl &b)
{
    return a.host().compare(b.host(), Qt::CaseInsensitive) == 0 && portOf(a) == portOf(b)
        && a.scheme() == b.scheme();
}

QString extensionOf(const QUrl &url)
{
    const auto path = url.path();
    if (path.endsWith(QLatin1String(".wav"), Qt::CaseInsensitive))
        return QStringLiteral("wav");
    return QStringLiteral("mp3");
}

// The SignalWire space whose recordings may be fetched: SIGNALWIRE_SPACE_URL ("example.signalwire.com"
// or a URL), scheme https unless given. Invalid when none is configured.
QUrl signalWireSpace(const QProcessEnvironment &environment)
{
    const auto value = environment.value(QStringLiteral("SIGNALWIRE_SPACE_URL")).trimmed();
    if (value.isEmpty())
        return {};
    QUrl url(value.contains(QLatin1String("://")) ? value : QStringLiteral("https://") + value);
    if (!url.isValid() || url.host().isEmpty())
        return {};
    QUrl origin;
    origin.setScheme(url.scheme());
    origin.setHost(url.host());
    origin.setPort(url.port());
    return origin;
}

// Twilio's media URL: the RecordingUrl with the format's suffix (.mp3 unless one is given).
QUrl mediaUrl(const QString &sourceUrl)
{
    QUrl url(sourceUrl);
    const auto path = url.path();
    if (!path.endsWith(QLatin1String(".mp3"), Qt::CaseInsensitive)
        && !path.endsWith(QLatin1String(".wav"), Qt::CaseInsensitive))
        url.setPath(path + QStringLiteral(".mp3"));
    return url;
}

// "bytes START-END/TOTAL" → (start, total); total -1 when "*".
std::optional<std::pair<qint64, qint64>> contentRange(const QByteArray &value)
{
    static const QRegularExpression pattern(QStringLiteral(R"(^\s*bytes\s+(\d+)-(\d+)/(\d+|\*)\s*$)"));
    const auto match = pattern.match(QString::fromLatin1(value));
    if (!match.hasMatch())
        return std::nullopt;
    const auto total = match.captured(3) == QLatin1String("*") ? -1 : match.captured(3).toLongLong();
    return std::pair {match.captured(1).toLongLong(), total};
}

} // namespace

RecordingFetcher::RecordingFetcher(SqlWorker &writer, RecordingFetcherOptions options, QObject *parent)
    : QObject(parent)
    , m_writer(writer)
    , m_options(std::move(options))
{
    m_policy.maxAttempts = 8;
    m_policy.initialDelay = 5;
    m_policy.backoffFactor = 4;
    m_policy.maxDelay = 3600;
    if (!m_options.random)
        m_options.random = [] { return QRandomGenerator::global()->generateDouble(); };
    m_pollTimer.setInterval(std::max(10, m_options.pollMs));
    connect(&m_pollTimer, &QTimer::timeout, this, &RecordingFetcher::poll);
    m_pruneTimer.setInterval(std::max(1000, m_options.pruneIntervalMs));
    connect(&m_pruneTimer, &QTimer::timeout, this, &RecordingFetcher::runPrune);
}

RecordingFetcher::~RecordingFetcher()
{
    stop();
}

void RecordingFetcher::start()
{
    QDir().mkpath(m_options.directory);
    m_running = true;
    m_pollTimer.start();
    m_pruneTimer.start();
    QTimer::singleShot(0, this, &RecordingFetcher::poll);
    QTimer::singleShot(0, this, &RecordingFetcher::runPrune);
}

void RecordingFetcher::stop()
{
    m_running = false;
    m_pollTimer.stop();
    m_pruneTimer.stop();
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
    m_reply = nullptr;
    m_part.reset();
}

void RecordingFetcher::wake()
{
    if (!m_running)
        return;
    if (m_busy) {
        m_again = true;
        return;
    }
    QTimer::singleShot(0, this, &RecordingFetcher::poll);
}

std::optional<RecordingDownload> RecordingFetcher::claim(
    SqlContext &context, const QString &directory, const QProcessEnvironment &environment)
{
    const auto due = RecordingRepository::due(context, context.nowMs(), 1);
    if (due.isEmpty())
        return std::nullopt;
    const auto &row = due.first();
    RecordingDownload download;
    download.id = row.id;
    download.attempts = row.attempts + 1;
    download.url = mediaUrl(row.sourceUrl);
    if (!download.url.isValid()
        || (download.url.scheme() != QLatin1String("https")
            && download.url.scheme() != QLatin1String("http"))) {
        RecordingRepository::markEnded(context, row.id, RecordingState::Failed,
            QStringLiteral("the recording URL is not an http(s) URL"));
        return std::nullopt;
    }
    if (row.provider == twilioName) {
        const auto account = twilioAccount(context, environment);
        const QUrl api = account ? channels::baseUrlOf(account->config, twilioApi) : twilioApi;
        download.apiHost = api.host();
        if (!sameOrigin(download.url, api)) {
            // Never send the account's credentials elsewhere: a forged or misconfigured callback.
            qCWarning(lcRecordings,
                "recording %lld refused: its URL is on host %s, not the Twilio API host %s", row.id,
                qPrintable(download.url.host()), qPrintable(api.host()));
            RecordingRepository::markEnded(context, row.id, RecordingState::Refused,
                QStringLiteral("the recording URL is on host %1, not the Twilio API host %2")
                    .arg(download.url.host(), api.host()));
            return std::nullopt;
        }
        const auto sid
            = account ? account->config.value(QStringLiteral("account_sid")).toString() : QString();
        const auto token
            = account ? account->config.value(QStringLiteral("auth_token")).toString() : QString();
        if (sid.isEmpty() || token.isEmpty()) {
            RecordingRepository::markEnded(context, row.id, RecordingState::Failed,
                QStringLiteral("no Twilio account is configured (account_sid and auth_token) to fetch it"));
            return std::nullopt;
        }
        const QString credentials = sid + QLatin1Char(':') + token;
        download.authorization = QByteArrayLiteral("Basic ") + credentials.toUtf8().toBase64();
    } else if (row.provider == signalWireName) {
        // A SignalWire RecordingUrl is on the project's space (https://<space>.signalwire.com/api/laml/
        // 2010-04-01/Accounts/{ProjectId}/Recordings/{Sid}); only that host gets the project's credentials.
        const auto space = signalWireSpace(environment);
        download.apiHost = space.host();
        if (!space.isValid() || !sameOrigin(download.url, space)) {
            const auto reason = space.isValid()
                ? QStringLiteral("the recording URL is on host %1, not the SignalWire space host %2")
                      .arg(download.url.host(), space.host())
                : QStringLiteral("the recording URL is on host %1 and no SignalWire space is configured "
                                 "(SIGNALWIRE_SPACE_URL)")
                      .arg(download.url.host());
            qCWarning(lcRecordings, "recording %lld refused: %s", row.id, qPrintable(reason));
            RecordingRepository::markEnded(context, row.id, RecordingState::Refused, reason);
            return std::nullopt;
        }
        const auto project = environment.value(QStringLiteral("SIGNALWIRE_PROJECT_ID")).trimmed();
        const auto token = environment.value(QStringLiteral("SIGNALWIRE_API_TOKEN")).trimmed();
        if (project.isEmpty() || token.isEmpty()) {
            RecordingRepository::markEnded(context, row.id, RecordingState::Failed,
                QStringLiteral("no SignalWire project is configured (SIGNALWIRE_PROJECT_ID and "
                               "SIGNALWIRE_API_TOKEN) to fetch it"));
            return std::nullopt;
        }
        const QString credentials = project + QLatin1Char(':') + token;
        download.authorization = QByteArrayLiteral("Basic ") + credentials.toUtf8().toBase64();
    }
    download.filePath
        = QDir(directory).filePath(QStringLiteral("%1.%2").arg(row.callId).arg(extensionOf(download.url)));
    RecordingRepository::markDownloading(context, row.id, download.filePath);
    return download;
}

int RecordingFetcher::prune(SqlContext &context)
{
    const int days = RecordingRepository::retentionDays(context);
    if (days <= 0)
        return 0;
    const auto cutoff = context.nowMs() - days * day;
    int pruned = 0;
    for (const auto &row : RecordingRepository::storedBefore(context, cutoff, 1000)) {
        if (!row.filePath.isEmpty() && QFileInfo::exists(row.filePath) && !QFile::remove(row.filePath)) {
            qCWarning(lcRecordings, "recording %lld: cannot delete %s", row.id, qPrintable(row.filePath));
            continue;
        }
        RecordingRepository::markPruned(context, row.id);
        ++pruned;
    }
    if (pruned > 0)
        qCInfo(lcRecordings, "pruned %d recordings older than %d days", pruned, days);
    return pruned;
}

void RecordingFetcher::runPrune()
{
    if (!m_running)
        return;
    SqlJob job;
    job.run = [](SqlContext &context) -> ApiResult {
        return ApiResponse::json(200, QJsonObject {{QStringLiteral("pruned"), prune(context)}});
    };
    m_writer.submit(std::move(job));
}

void RecordingFetcher::poll()
{
    if (!m_running || m_busy)
        return;
    m_busy = true;
    m_again = false;
    auto claimed = std::make_shared<std::optional<RecordingDownload>>();
    auto decided = std::make_shared<bool>(false);
    SqlJob job;
    job.run = [claimed, decided, directory = m_options.directory, environment = m_options.environment](
                  SqlContext &context) -> ApiResult {
        const bool anyDue = !RecordingRepository::due(context, context.nowMs(), 1).isEmpty();
        *claimed = claim(context, directory, environment);
        *decided = anyDue;
        return ApiResponse {};
    };
    job.replyContext = this;
    job.done = [this, claimed, decided](const ApiResult &) {
        if (!m_running) {
            m_busy = false;
            return;
        }
        if (*claimed) {
            begin(**claimed);
            return;
        }
        m_busy = false;
        // A row was refused or failed without a download: there may be more due.
        if (*decided || m_again)
            QTimer::singleShot(0, this, &RecordingFetcher::poll);
    };
    m_writer.submit(std::move(job));
}

void RecordingFetcher::begin(const RecordingDownload &download)
{
    m_current = download;
    m_redirects = 0;
    QDir().mkpath(QFileInfo(download.filePath).absolutePath());
    m_part = std::make_unique<QFile>(download.filePath + QStringLiteral(".part"));
    if (!m_part->open(QIODevice::ReadWrite)) {
        end(RecordingState::Failed, QStringLiteral("cannot write %1").arg(m_part->fileName()));
        return;
    }
    request(download.url, !download.authorization.isEmpty());
}

void RecordingFetcher::request(const QUrl &url, bool withCredentials)
{
    m_offset = m_part->size();
    m_headerSeen = false;
    m_writing = false;
    m_expected.reset();
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(transferTimeoutMs);
    request.setRawHeader("Accept", "audio/*");
    if (withCredentials)
        request.setRawHeader("Authorization", m_current.authorization);
    if (m_offset > 0)
        request.setRawHeader("Range", QByteArrayLiteral("bytes=") + QByteArray::number(m_offset) + '-');
    m_reply = m_network.get(request);
    connect(m_reply, &QNetworkReply::readyRead, this, &RecordingFetcher::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &RecordingFetcher::onFinished);
}

void RecordingFetcher::onReadyRead()
{
    if (!m_reply)
        return;
    if (!m_headerSeen) {
        m_headerSeen = true;
        const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status == 206) {
            const auto range = contentRange(m_reply->rawHeader("Content-Range"));
            if (range && range->first == m_offset) {
                m_writing = true;
                if (range->second >= 0)
                    m_expected = range->second;
                m_part->seek(m_offset);
            }
        } else if (status == 200) {
            // The whole file again: start over.
            m_part->resize(0);
            m_part->seek(0);
            m_offset = 0;
            m_writing = true;
            bool ok = false;
            const auto length = m_reply->header(QNetworkRequest::ContentLengthHeader).toLongLong(&ok);
            if (ok)
                m_expected = length;
        }
    }
    if (m_writing)
        m_part->write(m_reply->readAll());
    else if (m_reply->bytesAvailable() > 64 * 1024)
        m_reply->abort(); // an error page does not need reading to its end
}

void RecordingFetcher::onFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply)
        return;
    reply->deleteLater();
    m_reply = nullptr;
    onReadyRead(); // whatever arrived with the end
    if (!m_headerSeen)
        m_headerSeen = true;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    m_part->flush();
    const qint64 size = m_part->size();
    if (status == 0) {
        retryLater(QStringLiteral("network error: %1").arg(reply->errorString()));
        return;
    }
    if (status >= 300 && status < 400 && reply->hasRawHeader("Location")) {
        const auto next = reply->url().resolved(QUrl(QString::fromUtf8(reply->rawHeader("Location"))));
        if (++m_redirects > maxRedirects) {
            retryLater(QStringLiteral("too many redirects"));
            return;
        }
        // A media redirect carries its own authorisation: the account's credentials stay on the API host.
        const bool toApi = next.host().compare(m_current.apiHost, Qt::CaseInsensitive) == 0
            && sameOrigin(next, m_current.url);
        request(next, toApi && !m_current.authorization.isEmpty());
        return;
    }
    if (status == 200 || status == 206) {
        if (status == 206 && !m_writing) {
            // A range that does not continue the part file: start over.
            m_part->resize(0);
            retryLater(QStringLiteral("the server answered a different range"));
            return;
        }
        if (reply->error() != QNetworkReply::NoError) {
            retryLater(QStringLiteral("interrupted after %1 bytes: %2").arg(size).arg(reply->errorString()));
            return;
        }
        if (m_expected && *m_expected != size) {
            retryLater(QStringLiteral("size mismatch: %1 of %2 bytes").arg(size).arg(*m_expected));
            return;
        }
        auto type
            = reply->header(QNetworkRequest::ContentTypeHeader).toString().section(QLatin1Char(';'), 0, 0);
        if (!type.startsWith(QLatin1String("audio/")))
            type = recordingContentType(QFileInfo(m_current.filePath).suffix());
        store(type.trimmed());
        return;
    }
    if (status == 416) {
        m_part->resize(0);
        retryLater(QStringLiteral("HTTP 416: the saved part did not fit; starting over"));
        return;
    }
    if (status == 429 || status >= 500) {
        std::optional<qint64> after;
        if (reply->hasRawHeader("Retry-After")) {
            const auto ms = RetryPolicy::retryAfterMs(reply->rawHeader("Retry-After"),
                QDateTime::currentMSecsSinceEpoch(), qint64(m_policy.maxDelay * 1000));
            if (ms >= 0)
                after = ms;
        }
        retryLater(QStringLiteral("HTTP %1").arg(status), after);
        return;
    }
    if (status == 404 && m_current.attempts < maxNotFoundAttempts) {
        retryLater(QStringLiteral("HTTP 404 (the media may not be ready yet)"));
        return;
    }
    m_part->close();
    m_part->remove();
    end(RecordingState::Failed, QStringLiteral("HTTP %1").arg(status));
}

void RecordingFetcher::retryLater(const QString &error, std::optional<qint64> retryAfterMs)
{
    const qint64 kept = m_part ? m_part->size() : 0;
    m_part.reset();
    qCInfo(
        lcRecordings, "recording %lld attempt %d: %s", m_current.id, m_current.attempts, qPrintable(error));
    if (m_current.attempts >= m_policy.maxAttempts) {
        end(RecordingState::Failed, error);
        return;
    }
    auto delay = m_policy.delayMs(m_current.attempts + 1, m_options.random);
    if (retryAfterMs)
        delay = std::max(delay, *retryAfterMs);
    const auto id = m_current.id;
    const auto expected = m_expected;
    submitDone([id, delay, error, expected, kept](SqlContext &context) {
        RecordingRepository::markRetry(context, id, context.nowMs() + delay, error, expected, kept);
    });
}

void RecordingFetcher::end(RecordingState state, const QString &error)
{
    m_part.reset();
    qCWarning(lcRecordings, "recording %lld %s: %s", m_current.id, qPrintable(recordingStateName(state)),
        qPrintable(error));
    const auto id = m_current.id;
    submitDone([id, state, error](
                   SqlContext &context) { RecordingRepository::markEnded(context, id, state, error); });
}

void RecordingFetcher::store(const QString &contentType)
{
    const auto partName = m_part->fileName();
    const qint64 bytes = m_part->size();
    m_part->close();
    m_part.reset();
    QFile::remove(m_current.filePath);
    if (!QFile::rename(partName, m_current.filePath)) {
        end(RecordingState::Failed, QStringLiteral("cannot move the download to %1").arg(m_current.filePath));
        return;
    }
    qCInfo(lcRecordings, "recording %lld stored: %lld bytes", m_current.id, bytes);
    const auto id = m_current.id;
    submitDone([id, contentType, bytes](SqlContext &context) {
        RecordingRepository::markStored(context, id, contentType, bytes);
    });
}

void RecordingFetcher::submitDone(std::function<void(SqlContext &)> change)
{
    SqlJob job;
    job.run = [change = std::move(change)](SqlContext &context) -> ApiResult {
        change(context);
        return ApiResponse {};
    };
    job.replyContext = this;
    job.done = [this](const ApiResult &) {
        m_busy = false;
        if (m_running)
            QTimer::singleShot(0, this, &RecordingFetcher::poll);
    };
    m_writer.submit(std::move(job));
}

} // namespace sb
