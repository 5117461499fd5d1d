#include "Recording.h"

#include "EnumNames.h"

#include <QDateTime>

namespace sb {

namespace {

constexpr EnumNameTable<RecordingState, 6> recordingStates {
    {{RecordingState::Queued, "queued"}, {RecordingState::Downloading, "downloading"},
        {RecordingState::Stored, "stored"}, {RecordingState::Failed, "failed"},
        {RecordingState::Refused, "refused"}, {RecordingState::Pruned, "pruned"}}};

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

QString recordingStateName(RecordingState state)
{
    return enumName(recordingStates, state);
}

std::optional<RecordingState> recordingStateFromName(QStringView name)
{
    return enumFromName(recordingStates, name);
}

QStringList recordingStateNames()
{
    QStringList names;
    for (const auto &[state, name] : recordingStates)
        names.append(QString::fromLatin1(name));
    return names;
}

QJsonObject Recording::toJson() const
{
    return QJsonObject {{QStringLiteral("id"), id}, {QStringLiteral("callId"), callId},
        {QStringLiteral("provider"), provider}, {QStringLiteral("sourceUrl"), textOrNull(sourceUrl)},
        {QStringLiteral("state"), recordingStateName(state)},
        {QStringLiteral("contentType"), textOrNull(contentType)},
        {QStringLiteral("bytesExpected"), bytesExpected ? QJsonValue(*bytesExpected) : QJsonValue()},
        {QStringLiteral("bytesStored"), bytesStored},
        {QStringLiteral("durationSeconds"), durationSeconds ? QJsonValue(*durationSeconds) : QJsonValue()},
        {QStringLiteral("attempts"), attempts},
        {QStringLiteral("nextAttemptAt"),
            state == RecordingState::Queued ? isoOrNull(nextAttemptAt) : QJsonValue()},
        {QStringLiteral("lastError"), textOrNull(lastError)},
        {QStringLiteral("createdAt"), isoOrNull(createdAt)},
        {QStringLiteral("updatedAt"), isoOrNull(updatedAt)},
        {QStringLiteral("storedAt"), isoOrNull(storedAt)},
        {QStringLiteral("audioUrl"),
            state == RecordingState::Stored ? QJsonValue(QStringLiteral("/api/recordings/%1/audio").arg(id))
                                            : QJsonValue()}};
}

QString recordingContentType(const QString &extension)
{
    if (extension.compare(QLatin1String("wav"), Qt::CaseInsensitive) == 0)
        return QStringLiteral("audio/wav");
    return QStringLiteral("audio/mpeg");
}

} // namespace sb
