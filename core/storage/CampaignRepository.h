#pragma once

#include "domain/Campaign.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QVariantList>
#include <optional>

namespace sb {

class SqlContext;

// Who a campaign's audience selects: leads the filter matches that have an address on the channel
// (not archived, lifecycle active); do-not-contact ones are counted apart and never sent to.
struct CampaignAudienceCount
{
    qint64 eligible = 0;
    qint64 doNotContact = 0;
};

// The campaigns and campaign_recipients tables (migration 015). Runs on a SqlContext (one job = one
// commit); the send loop itself is channels/CampaignRunner.
namespace CampaignRepository {

// The SQL condition (over `leads l`) of an audience JSON as the campaign API stores it
// ({"status":[..],"source":[..],"priority":[..],"createdAfter","createdBefore","hasPhone","hasEmail"}),
// restricted to `leadIds` when given. Do-not-contact is not part of it.
QString audienceWhere(
    const QJsonObject &audience, const QString &channel, const QList<qint64> &leadIds, QVariantList &values);
CampaignAudienceCount audienceCount(SqlContext &context, const QJsonObject &audience, const QString &channel,
    const QList<qint64> &leadIds = {});

bool exists(SqlContext &context, qint64 id);
std::optional<CampaignState> state(SqlContext &context, qint64 id);
// {"total", "queued", ..., "unsubscribed", "skippedDoNotContact"}: every key, zero when none.
QJsonObject progress(SqlContext &context, qint64 id);
// The campaign as the API shows it (empty when there is none).
QJsonObject json(SqlContext &context, qint64 id);

// Sets the state (and started_at / completed_at when it starts or ends).
void setState(SqlContext &context, qint64 id, CampaignState state);
// Draft or scheduled → running: one recipient row per audience lead (restricted to `leadIds` when
// given), skipped do-not-contact leads counted, campaign.started raised. Returns the recipients.
qint64 start(SqlContext &context, qint64 id, const QList<qint64> &leadIds, const QString &recordId);
// Running with no recipient left queued → completed, campaign.completed raised. True when it did.
bool completeIfDone(SqlContext &context, qint64 id, const QString &recordId = {});

// Recipients whose outbox entry has been accepted (→ sent) or given up (→ failed) since.
int syncFromOutbox(SqlContext &context, qint64 id);
// A recipient moves forward to `state` (never back); `error` kept for the final states.
bool advance(SqlContext &context, qint64 recipientId, RecipientState state, const QString &error = {});
// A message.updated payload (status callbacks, Mailgun events): the recipient of that message moves.
bool applyMessageUpdate(SqlContext &context, const QJsonObject &payload);
// An inbound message from `leadId` at `at`: its recipients sent before then → replied.
int applyReply(SqlContext &context, qint64 leadId, qint64 at);

// What GET /api/campaigns/{id}/analytics answers (empty when there is no such campaign):
// {"campaignId", "timeZone", "counts": progress(), "funnel": {"total", "sent", "delivered", "opened",
// "clicked", "replied"} (recipients that reached at least that step), "rates": {state: 0..1},
// "timeline": [{"at", "sent",
// "delivered", "replied"}] per hour, "byHour": [{"hour" 0..23, "sent", "replied", "responseRate"}] by
// the hour of day of the send}. Hours are those of the campaign's time zone (campaigns.time_zone, IANA;
// UTC when none): "at" carries that zone's offset.
QJsonObject analytics(SqlContext &context, qint64 id);

} // namespace CampaignRepository

} // namespace sb
