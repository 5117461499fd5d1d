#include "FollowUpTask.h"

#include "EnumNames.h"
#include "IsoTime.h"

namespace sb {

namespace {

constexpr EnumNameTable<TaskState, 3> taskStates {
    {{TaskState::Open, "open"}, {TaskState::Done, "done"}, {TaskState::Snoozed, "snoozed"}}};

constexpr EnumNameTable<TaskSource, 4> taskSources {{{TaskSource::Manual, "manual"}, {TaskSource::Api, "api"},
    {TaskSource::Ai, "ai"}, {TaskSource::Rule, "rule"}}};

template <typename Enum, std::size_t N> QStringList namesOf(const EnumNameTable<Enum, N> &table)
{
    QStringList names;
    for (const auto &entry : table)
        names.append(QString::fromLatin1(entry.second));
    return names;
}

QJsonValue timeOrNull(qint64 ms)
{
    return ms > 0 ? QJsonValue(isoTime(ms)) : QJsonValue();
}

QJsonValue textOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue() : QJsonValue(text);
}

} // namespace

QString taskStateName(TaskState state)
{
    return enumName(taskStates, state);
}

std::optional<TaskState> taskStateFromName(QStringView name)
{
    return enumFromName(taskStates, name);
}

QStringList taskStateNames()
{
    return namesOf(taskStates);
}

QString taskSourceName(TaskSource source)
{
    return enumName(taskSources, source);
}

std::optional<TaskSource> taskSourceFromName(QStringView name)
{
    return enumFromName(taskSources, name);
}

QStringList taskSourceNames()
{
    return namesOf(taskSources);
}

QJsonObject FollowUpTask::toJson() const
{
    return {{QStringLiteral("id"), id},
        {QStringLiteral("leadId"), leadId > 0 ? QJsonValue(leadId) : QJsonValue()},
        {QStringLiteral("leadName"), textOrNull(leadName)},
        {QStringLiteral("conversationId"), conversationId > 0 ? QJsonValue(conversationId) : QJsonValue()},
        {QStringLiteral("title"), title}, {QStringLiteral("notes"), textOrNull(notes)},
        {QStringLiteral("dueAt"), isoTime(dueAt)}, {QStringLiteral("owner"), textOrNull(owner)},
        {QStringLiteral("state"), taskStateName(state)}, {QStringLiteral("source"), taskSourceName(source)},
        {QStringLiteral("remindedAt"), timeOrNull(remindedAt)},
        {QStringLiteral("createdAt"), isoTime(createdAt)}, {QStringLiteral("updatedAt"), isoTime(updatedAt)},
        {QStringLiteral("completedAt"), timeOrNull(completedAt)}};
}

} // namespace sb
