#include "Campaign.h"

#include "EnumNames.h"

#include <QRegularExpression>

namespace sb {

namespace {

constexpr EnumNameTable<CampaignState, 6> campaignStates {
    {{CampaignState::Draft, "draft"}, {CampaignState::Scheduled, "scheduled"},
        {CampaignState::Running, "running"}, {CampaignState::Paused, "paused"},
        {CampaignState::Completed, "completed"}, {CampaignState::Cancelled, "cancelled"}}};

constexpr EnumNameTable<CampaignAction, 6> campaignActions {
    {{CampaignAction::Execute, "execute"}, {CampaignAction::Schedule, "schedule"},
        {CampaignAction::Pause, "pause"}, {CampaignAction::Resume, "resume"},
        {CampaignAction::Cancel, "cancel"}, {CampaignAction::Complete, "complete"}}};

constexpr EnumNameTable<RecipientState, 9> recipientStates {{{RecipientState::Queued, "queued"},
    {RecipientState::Sent, "sent"}, {RecipientState::Delivered, "delivered"},
    {RecipientState::Opened, "opened"}, {RecipientState::Clicked, "clicked"},
    {RecipientState::Replied, "replied"}, {RecipientState::Bounced, "bounced"},
    {RecipientState::Failed, "failed"}, {RecipientState::Unsubscribed, "unsubscribed"}}};

const QRegularExpression &placeholderPattern()
{
    static const QRegularExpression pattern(QStringLiteral("\\{([A-Za-z_][A-Za-z0-9_]*)(?:\\|([^{}]*))?\\}"));
    return pattern;
}

} // namespace

QString campaignStateName(CampaignState state)
{
    return enumName(campaignStates, state);
}

std::optional<CampaignState> campaignStateFromName(QStringView name)
{
    return enumFromName(campaignStates, name);
}

QStringList campaignStateNames()
{
    QStringList names;
    for (const auto &entry : campaignStates)
        names.append(QString::fromLatin1(entry.second));
    return names;
}

QString campaignActionName(CampaignAction action)
{
    return enumName(campaignActions, action);
}

std::optional<CampaignState> campaignTransition(CampaignState from, CampaignAction action)
{
    using S = CampaignState;
    switch (action) {
    case CampaignAction::Execute:
        if (from == S::Draft || from == S::Scheduled)
            return S::Running;
        break;
    case CampaignAction::Schedule:
        if (from == S::Draft || from == S::Scheduled)
            return S::Scheduled;
        break;
    case CampaignAction::Pause:
        if (from == S::Running)
            return S::Paused;
        break;
    case CampaignAction::Resume:
        if (from == S::Paused)
            return S::Running;
        break;
    case CampaignAction::Cancel:
        if (from == S::Draft || from == S::Scheduled || from == S::Running || from == S::Paused)
            return S::Cancelled;
        break;
    case CampaignAction::Complete:
        if (from == S::Running)
            return S::Completed;
        break;
    }
    return std::nullopt;
}

bool campaignEditable(CampaignState state)
{
    return state == CampaignState::Draft || state == CampaignState::Scheduled;
}

bool campaignDeletable(CampaignState state)
{
    return state != CampaignState::Running && state != CampaignState::Paused;
}

QString recipientStateName(RecipientState state)
{
    return enumName(recipientStates, state);
}

std::optional<RecipientState> recipientStateFromName(QStringView name)
{
    return enumFromName(recipientStates, name);
}

QList<RecipientState> allRecipientStates()
{
    QList<RecipientState> all;
    for (const auto &entry : recipientStates)
        all.append(entry.first);
    return all;
}

QStringList recipientStateNames()
{
    QStringList names;
    for (const auto &entry : recipientStates)
        names.append(QString::fromLatin1(entry.second));
    return names;
}

int recipientStateRank(RecipientState state)
{
    switch (state) {
    case RecipientState::Queued:
        return 0;
    case RecipientState::Sent:
        return 1;
    case RecipientState::Delivered:
        return 2;
    case RecipientState::Opened:
        return 3;
    case RecipientState::Clicked:
        return 4;
    case RecipientState::Replied:
        return 5;
    case RecipientState::Bounced:
    case RecipientState::Failed:
    case RecipientState::Unsubscribed:
        return 6;
    }
    return 0;
}

QString recipientTimeColumn(RecipientState state)
{
    switch (state) {
    case RecipientState::Queued:
        return QStringLiteral("queued_at");
    case RecipientState::Sent:
        return QStringLiteral("sent_at");
    case RecipientState::Delivered:
        return QStringLiteral("delivered_at");
    case RecipientState::Opened:
        return QStringLiteral("opened_at");
    case RecipientState::Clicked:
        return QStringLiteral("clicked_at");
    case RecipientState::Replied:
        return QStringLiteral("replied_at");
    case RecipientState::Bounced:
    case RecipientState::Failed:
    case RecipientState::Unsubscribed:
        return QStringLiteral("ended_at");
    }
    return QStringLiteral("queued_at");
}

namespace CampaignTemplate {

QStringList placeholders()
{
    return {QStringLiteral("first_name"), QStringLiteral("last_name"), QStringLiteral("company_name"),
        QStringLiteral("owner"), QStringLiteral("email"), QStringLiteral("phone")};
}

QStringList unknownPlaceholders(const QString &text)
{
    const auto known = placeholders();
    QStringList unknown;
    auto it = placeholderPattern().globalMatch(text);
    while (it.hasNext()) {
        const auto name = it.next().captured(1);
        if (!known.contains(name) && !unknown.contains(name))
            unknown.append(name);
    }
    return unknown;
}

QString render(const QString &text, const QHash<QString, QString> &values)
{
    QString out;
    qsizetype last = 0;
    auto it = placeholderPattern().globalMatch(text);
    while (it.hasNext()) {
        const auto match = it.next();
        out += QStringView(text).mid(last, match.capturedStart() - last);
        const auto value = values.value(match.captured(1)).trimmed();
        out += value.isEmpty() ? match.captured(2) : value;
        last = match.capturedEnd();
    }
    out += QStringView(text).mid(last);
    return out;
}

} // namespace CampaignTemplate

} // namespace sb
