#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <optional>

namespace sb {

// Where the transcription of a kept recording stands (table `transcriptions`, migration 22).
enum class TranscriptionState
{
    Queued, // waiting for its (next) attempt
    Running, // sent to the AI service (an attempt a stop interrupted is sent again)
    Done, // the text is stored with the call
    Failed, // gave up after retries, or the service refused it
    Refused, // never sent: the file is over the API's size limit
};

QString transcriptionStateName(TranscriptionState state);
std::optional<TranscriptionState> transcriptionStateFromName(QStringView name);
QStringList transcriptionStateNames();

// Where a call's transcript came from: the provider (ElevenLabs post-call transcript) or our own
// transcription of its recording.
enum class TranscriptSource
{
    Provider,
    Transcription,
};

QString transcriptSourceName(TranscriptSource source);
std::optional<TranscriptSource> transcriptSourceFromName(QStringView name);
QStringList transcriptSourceNames();

// One transcription of a recording.
struct Transcription
{
    qint64 id = 0;
    qint64 recordingId = 0;
    qint64 callId = 0;
    TranscriptionState state = TranscriptionState::Queued;
    int attempts = 0;
    qint64 nextAttemptAt = 0;
    QString model;
    QString text;
    QString lastError;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    std::optional<qint64> completedAt;

    // {"state", "attempts", "model", "error", "updatedAt", "completedAt"} (times ISO 8601 UTC; the text
    // is the call's transcript and is not repeated).
    QJsonObject toJson() const;
};

} // namespace sb
