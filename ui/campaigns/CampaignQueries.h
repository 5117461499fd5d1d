#pragma once

#include "storage/CampaignRepository.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace sb {

class SqlContext;

// A registered external service a campaign may send through.
struct CampaignService
{
    qint64 id = 0;
    QString name;
    QString type; // sms, email
    QString provider; // twilio, mailgun, …
};

// Who an audience selects as the editor shows it: the count (CampaignRepository::audienceCount, the
// runner's SQL) and the first leads that would receive it, for the preview's lead picker.
struct AudienceSample
{
    CampaignAudienceCount count;
    QList<std::pair<qint64, QString>> leads; // id, display name
};

// The campaigns view's reads (reader thread, through runOnWorker).
namespace CampaignQueries {

// Campaigns as the API shows them (CampaignRepository::json), newest first, in `state` when given;
// drafts and scheduled ones also carry "audienceCount" / "audienceDoNotContact" like GET
// /api/campaigns/{id}, and every row "serviceName" (empty: the channel's default service).
QList<QJsonObject> campaigns(SqlContext &context, const QString &state);
QList<CampaignService> services(SqlContext &context);
// The lead sources in use, for the audience's source filter.
QStringList sources(SqlContext &context);
AudienceSample audience(SqlContext &context, const QJsonObject &audience, const QString &channel, int limit);
// The values a template's placeholders take for the lead (the runner's own: campaignTemplateValues).
QHash<QString, QString> templateValues(SqlContext &context, qint64 leadId);

} // namespace CampaignQueries

} // namespace sb
