#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <optional>

namespace sb {

// Where a kept call recording stands (table `recordings`, migration 20).
enum class RecordingState
{
    Queued, // waiting for its (next) download attempt
    Downloading, // an attempt is under way (resumed at start after a stop)
    Stored, // the file is complete in the data directory
    Failed, // gave up (a 4xx, or retries exhausted)
    Refused, // the URL is not on the provider's API host: never fetched with credentials
    Pruned, // the file was deleted by the retention setting
};

QString recordingStateName(RecordingState state);
std::optional<RecordingState> recordingStateFromName(QStringView name);
QStringList recordingStateNames();

// One kept recording.
struct Recording
{
    qint64 id = 0;
    qint64 callId = 0;
    QString provider;
    QString sourceUrl;
    QString filePath;
    QString contentType;
    std::optional<qint64> bytesExpected;
    qint64 bytesStored = 0;
    std::optional<int> durationSeconds;
    RecordingState state = RecordingState::Queued;
    int attempts = 0;
    qint64 nextAttemptAt = 0;
    QString lastError;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    std::optional<qint64> storedAt;

    // The API's shape: {"id", "callId", "provider", "sourceUrl", "state", "contentType", "bytesExpected",
    // "bytesStored", "durationSeconds", "attempts", "nextAttemptAt", "lastError", "createdAt",
    // "updatedAt", "storedAt", "audioUrl"} (times ISO 8601 UTC; the file's path is not shown).
    QJsonObject toJson() const;
};

// The media format of a recording file by its extension: "audio/mpeg" for mp3, "audio/wav" for wav.
QString recordingContentType(const QString &extension);

} // namespace sb
