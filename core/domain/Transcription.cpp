#include "Transcription.h"

#include "EnumNames.h"

#include <QDateTime>

namespace sb {

namespace {

constexpr EnumNameTable<TranscriptionState, 5> transcriptionStates {{{TranscriptionState::Queued, "queued"},
    {TranscriptionState::Running, "running"}, {TranscriptionState::Done, "done"},
    {TranscriptionState::Failed, "failed"}, {TranscriptionState::Refused, "refused"}}};

constexpr EnumNameTable<TranscriptSource, 2> transcriptSources {
    {{TranscriptSource::Provider, "provider"}, {TranscriptSource::Transcription, "transcription"}}};

QJsonValue isoOrNull(std::optional<qint64> ms)
{
    if (!ms)
        return QJsonValue();
    return QDateTime::fromMSecsSinceEpoch(*ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

QJsonValue textOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue() : QJsonValue(text);
}

} // namespace

QString transcriptionStateName(TranscriptionState state)
{
    return enumName(transcriptionStates, state);
}

std::optional<TranscriptionState> transcriptionStateFromName(QStringView name)
{
    return enumFromName(transcriptionStates, name);
}

QStringList transcriptionStateNames()
{
    QStringList names;
    for (const auto &[state, name] : transcriptionStates)
        names.append(QString::fromLatin1(name));
    return names;
}

QString transcriptSourceName(TranscriptSource source)
{
    return enumName(transcriptSources, source);
}

std::optional<TranscriptSource> transcriptSourceFromName(QStringView name)
{
    return enumFromName(transcriptSources, name);
}

QStringList transcriptSourceNames()
{
    QStringList names;
    for (const auto &[source, name] : transcriptSources)
        names.append(QString::fromLatin1(name));
    return names;
}

QJsonObject Transcription::toJson() const
{
    return QJsonObject {{QStringLiteral("state"), transcriptionStateName(state)},
        {QStringLiteral("attempts"), attempts}, {QStringLiteral("model"), textOrNull(model)},
        {QStringLiteral("error"), textOrNull(lastError)}, {QStringLiteral("updatedAt"), isoOrNull(updatedAt)},
        {QStringLiteral("completedAt"), isoOrNull(completedAt)}};
}

} // namespace sb
