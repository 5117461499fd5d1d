#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>
#include <optional>

namespace sb {

// Where a campaign stands: draft → scheduled → running ⇄ paused → completed | cancelled.
enum class CampaignState
{
    Draft,
    Scheduled,
    Running,
    Paused,
    Completed,
    Cancelled
};
// "draft", "scheduled", "running", "paused", "completed", "cancelled"
QString campaignStateName(CampaignState state);
std::optional<CampaignState> campaignStateFromName(QStringView name);
QStringList campaignStateNames();

// What a user or scheduler asks of a campaign.
enum class CampaignAction
{
    Execute,
    Schedule,
    Pause,
    Resume,
    Cancel,
    Complete
};
QString campaignActionName(CampaignAction action);
// The state `action` leads to from `from`, or nothing when the transition is not allowed.
std::optional<CampaignState> campaignTransition(CampaignState from, CampaignAction action);
// Its settings may change (PUT) and it may be deleted: before it ran or after it ended.
bool campaignEditable(CampaignState state);
bool campaignDeletable(CampaignState state);

// One recipient: queued → sent → delivered → opened → clicked → replied, or bounced / failed /
// unsubscribed (final).
enum class RecipientState
{
    Queued,
    Sent,
    Delivered,
    Opened,
    Clicked,
    Replied,
    Bounced,
    Failed,
    Unsubscribed
};
QString recipientStateName(RecipientState state);
std::optional<RecipientState> recipientStateFromName(QStringView name);
QList<RecipientState> allRecipientStates();
QStringList recipientStateNames();
// States only move forward; the final ones (bounced, failed, unsubscribed) rank above replied.
int recipientStateRank(RecipientState state);
// The column that records when a recipient reached `state` (ended_at for the final ones).
QString recipientTimeColumn(RecipientState state);

// Campaign templates: {first_name}, {last_name}, {company_name}, {owner}, {email}, {phone}, each with
// an optional fallback after a bar ({first_name|there}) used when the lead has no value.
namespace CampaignTemplate {

QStringList placeholders(); // the known names
// The unknown placeholder names `text` uses, in order of first use.
QStringList unknownPlaceholders(const QString &text);
// `text` with each placeholder replaced by its value, else its fallback, else nothing.
QString render(const QString &text, const QHash<QString, QString> &values);

} // namespace CampaignTemplate

} // namespace sb
