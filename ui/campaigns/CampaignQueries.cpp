#include "CampaignQueries.h"

#include "channels/CampaignRunner.h"
#include "domain/Campaign.h"
#include "storage/LeadDirectory.h"
#include "storage/SqlWorker.h"

namespace sb {

namespace CampaignQueries {

QList<QJsonObject> campaigns(SqlContext &context, const QString &state)
{
    QHash<qint64, QString> names;
    for (const auto &service : services(context))
        names.insert(service.id, service.name);
    QList<qint64> ids;
    auto &query = state.isEmpty()
        ? context.run(
            QStringLiteral("SELECT id FROM campaigns ORDER BY created_at DESC, id DESC LIMIT 1000"), {})
        : context.run(QStringLiteral("SELECT id FROM campaigns WHERE state = ? ORDER BY created_at DESC, id "
                                     "DESC LIMIT 1000"),
            {state});
    while (query.next())
        ids.append(query.value(0).toLongLong());
    query.finish();
    QList<QJsonObject> rows;
    for (const auto id : std::as_const(ids)) {
        auto json = CampaignRepository::json(context, id);
        if (json.isEmpty())
            continue;
        const auto current = campaignStateFromName(json.value(QStringLiteral("state")).toString());
        if (current == CampaignState::Draft || current == CampaignState::Scheduled) {
            const auto count = CampaignRepository::audienceCount(context,
                json.value(QStringLiteral("audience")).toObject(),
                json.value(QStringLiteral("channel")).toString());
            json.insert(QStringLiteral("audienceCount"), count.eligible);
            json.insert(QStringLiteral("audienceDoNotContact"), count.doNotContact);
        }
        const auto service = json.value(QStringLiteral("serviceId"));
        json.insert(
            QStringLiteral("serviceName"), service.isNull() ? QString() : names.value(service.toInteger()));
        rows.append(json);
    }
    return rows;
}

QList<CampaignService> services(SqlContext &context)
{
    QList<CampaignService> list;
    auto &query = context.run(QStringLiteral("SELECT id, name, service_type, provider FROM external_services "
                                             "WHERE is_active <> 0 ORDER BY name, id"),
        {});
    while (query.next())
        list.append(CampaignService {query.value(0).toLongLong(), query.value(1).toString(),
            query.value(2).toString(), query.value(3).toString()});
    query.finish();
    return list;
}

QStringList sources(SqlContext &context)
{
    QStringList list;
    auto &query = context.run(QStringLiteral("SELECT DISTINCT source FROM leads WHERE source IS NOT NULL AND "
                                             "source <> '' AND archived_at IS NULL ORDER BY source"),
        {});
    while (query.next())
        list.append(query.value(0).toString());
    query.finish();
    return list;
}

AudienceSample audience(SqlContext &context, const QJsonObject &audience, const QString &channel, int limit)
{
    AudienceSample sample;
    sample.count = CampaignRepository::audienceCount(context, audience, channel);
    QVariantList values;
    const auto where = CampaignRepository::audienceWhere(audience, channel, {}, values);
    values.append(limit);
    auto &query = context.run(
        QStringLiteral(
            "SELECT l.id, COALESCE(l.first_name, ''), COALESCE(l.last_name, ''), "
            "COALESCE(l.company_name, ''), COALESCE(NULLIF(l.email, ''), NULLIF(l.phone_e164, ''), "
            "l.phone, '') FROM leads l WHERE ")
            + where + QStringLiteral(" AND l.do_not_contact = 0 ORDER BY l.id LIMIT ?"),
        values);
    while (query.next()) {
        const QString full = query.value(1).toString() + QLatin1Char(' ') + query.value(2).toString();
        QString name = full.trimmed();
        if (name.isEmpty())
            name = query.value(4).toString();
        const QString company = query.value(3).toString();
        if (!company.isEmpty())
            name += QStringLiteral(" (") + company + QLatin1Char(')');
        sample.leads.append({query.value(0).toLongLong(), name});
    }
    query.finish();
    return sample;
}

QHash<QString, QString> templateValues(SqlContext &context, qint64 leadId)
{
    const auto lead = LeadDirectory::lead(context, leadId);
    return lead ? campaignTemplateValues(*lead) : QHash<QString, QString>();
}

} // namespace CampaignQueries

} // namespace sb
