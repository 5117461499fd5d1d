#pragma once

#include "domain/Recording.h"
#include "domain/RetryPolicy.h"

#include <QFile>
#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>
#include <QProcessEnvironment>
#include <QTimer>
#include <QUrl>
#include <functional>
#include <memory>

class QNetworkReply;

namespace sb {

class SqlContext;
class SqlWorker;

struct RecordingFetcherOptions
{
    QString directory; // <data dir>/recordings
    QProcessEnvironment environment; // Twilio credentials and TWILIO_API_BASE_URL when not registered
    int pollMs = 5000; // how often due rows are looked for (also woken by wake())
    int pruneIntervalMs = 24 * 3600 * 1000; // the retention job (and once at start)
    std::function<double()> random; // jitter of retry delays; null = QRandomGenerator
};

// What a download attempt will fetch: decided on the writer (credentials, host rule), carried out here.
struct RecordingDownload
{
    qint64 id = 0;
    int attempts = 0;
    QUrl url;
    QByteArray authorization; // "Basic ..." or empty
    QString apiHost; // credentials go only to this host
    QString filePath;
};

// Downloads queued call recordings into the data directory: Twilio's RecordingUrl + ".mp3" with Basic
// auth of the account (registry or environment) — only when the URL is on the configured API host
// (TWILIO_API_BASE_URL's host, default api.twilio.com), otherwise the row is refused and logged, and
// nothing is fetched. SignalWire's RecordingUrl (on the space, https://<space>.signalwire.com/...) is
// fetched with Basic auth of SIGNALWIRE_PROJECT_ID:SIGNALWIRE_API_TOKEN only when it is on the space
// of SIGNALWIRE_SPACE_URL; any other host (or no space configured) is refused the same way. Written
// through <file>.part; an interrupted download continues with
// "Range: bytes=N-" (206) or starts over (200); retried with RetryPolicy backoff on network errors,
// 429 (Retry-After), 5xx and a few 404s (media may lag the callback); other 4xx fail. The size is
// checked against Content-Length / Content-Range before the file is kept. One download at a time.
class RecordingFetcher : public QObject
{
public:
    RecordingFetcher(SqlWorker &writer, RecordingFetcherOptions options, QObject *parent = nullptr);
    ~RecordingFetcher() override;

    void start();
    void stop();
    // Looks for due rows now (a recording.completed event, a retry).
    void wake();

    // Decides the next attempt of a due row on the writer: refuses a URL on another host, marks the
    // row downloading. Nullopt when nothing is due or the row was refused/failed.
    static std::optional<RecordingDownload> claim(
        SqlContext &context, const QString &directory, const QProcessEnvironment &environment);
    // The retention job: deletes stored files older than recordings.retention_days (0 keeps them)
    // and marks them pruned. Returns how many.
    static int prune(SqlContext &context);

    static constexpr int maxNotFoundAttempts = 4;

private:
    void poll();
    void begin(const RecordingDownload &download);
    void request(const QUrl &url, bool withCredentials);
    void onReadyRead();
    void onFinished();
    void retryLater(const QString &error, std::optional<qint64> retryAfterMs = std::nullopt);
    void end(RecordingState state, const QString &error);
    void store(const QString &contentType);
    void submitDone(std::function<void(SqlContext &)> change);
    void runPrune();

    SqlWorker &m_writer;
    RecordingFetcherOptions m_options;
    RetryPolicy m_policy;
    QNetworkAccessManager m_network;
    QTimer m_pollTimer;
    QTimer m_pruneTimer;
    bool m_running = false;
    bool m_busy = false;
    bool m_again = false;

    // The download under way.
    RecordingDownload m_current;
    QPointer<QNetworkReply> m_reply;
    std::unique_ptr<QFile> m_part;
    qint64 m_offset = 0; // bytes already in the .part file when the request went out
    bool m_headerSeen = false;
    bool m_writing = false;
    std::optional<qint64> m_expected;
    int m_redirects = 0;
};

} // namespace sb
