#include "CampaignRepository.h"

#include "SqlWorker.h"
#include "domain/IsoTime.h"
#include "domain/Lead.h"
#include "domain/Messaging.h"
#include "domain/Outbox.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QTimeZone>

namespace sb {

namespace {

QJsonValue isoOrNull(const QVariant &ms)
{
    return ms.isNull() ? QJsonValue() : QJsonValue(isoTime(ms.toLongLong()));
}

std::optional<qint64> isoMs(const QJsonValue &value)
{
    if (!value.isString() || value.toString().isEmpty())
        return std::nullopt;
    const auto time = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    if (!time.isValid())
        return std::nullopt;
    return time.toMSecsSinceEpoch();
}

void addIn(const QJsonArray &list, const QString &column, QStringList &where, QVariantList &values)
{
    if (list.isEmpty())
        return;
    QStringList marks;
    for (const auto &item : list) {
        marks.append(QStringLiteral("?"));
        values.append(item.toString());
    }
    where.append(column + QStringLiteral(" IN (") + marks.join(QLatin1Char(',')) + QLatin1Char(')'));
}

const QString phoneOf = QStringLiteral("COALESCE(NULLIF(l.phone_e164, ''), l.phone, '')");
const QString emailOf = QStringLiteral("COALESCE(l.email, '')");

} // namespace

namespace CampaignRepository {

QString audienceWhere(
    const QJsonObject &audience, const QString &channel, const QList<qint64> &leadIds, QVariantList &values)
{
    QStringList where {QStringLiteral("l.archived_at IS NULL"), QStringLiteral("l.lifecycle = ?")};
    values.append(leadLifecycleName(LeadLifecycle::Active));
    where.append((channel == channelName(Channel::Email) ? emailOf : phoneOf) + QStringLiteral(" <> ''"));
    addIn(audience.value(QStringLiteral("status")).toArray(), QStringLiteral("l.lead_status"), where, values);
    addIn(audience.value(QStringLiteral("source")).toArray(), QStringLiteral("l.source"), where, values);
    addIn(audience.value(QStringLiteral("priority")).toArray(), QStringLiteral("l.priority"), where, values);
    if (const auto after = isoMs(audience.value(QStringLiteral("createdAfter")))) {
        where.append(QStringLiteral("l.created_at >= ?"));
        values.append(*after);
    }
    if (const auto before = isoMs(audience.value(QStringLiteral("createdBefore")))) {
        where.append(QStringLiteral("l.created_at < ?"));
        values.append(*before);
    }
    const auto hasPhone = audience.value(QStringLiteral("hasPhone"));
    if (hasPhone.isBool())
        where.append(phoneOf + (hasPhone.toBool() ? QStringLiteral(" <> ''") : QStringLiteral(" = ''")));
    const auto hasEmail = audience.value(QStringLiteral("hasEmail"));
    if (hasEmail.isBool())
        where.append(emailOf + (hasEmail.toBool() ? QStringLiteral(" <> ''") : QStringLiteral(" = ''")));
    if (!leadIds.isEmpty()) {
        QStringList marks;
        for (const auto id : leadIds) {
            marks.append(QStringLiteral("?"));
            values.append(id);
        }
        where.append(QStringLiteral("l.id IN (") + marks.join(QLatin1Char(',')) + QLatin1Char(')'));
    }
    return where.join(QStringLiteral(" AND "));
}

CampaignAudienceCount audienceCount(
    SqlContext &context, const QJsonObject &audience, const QString &channel, const QList<qint64> &leadIds)
{
    QVariantList values;
    const auto where = audienceWhere(audience, channel, leadIds, values);
    auto &query = context.run(
        QStringLiteral(
            "SELECT COALESCE(SUM(l.do_not_contact = 0), 0), COALESCE(SUM(l.do_not_contact <> 0), 0) "
            "FROM leads l WHERE ")
            + where,
        values);
    CampaignAudienceCount count;
    if (query.next()) {
        count.eligible = query.value(0).toLongLong();
        count.doNotContact = query.value(1).toLongLong();
    }
    query.finish();
    return count;
}

bool exists(SqlContext &context, qint64 id)
{
    return state(context, id).has_value();
}

std::optional<CampaignState> state(SqlContext &context, qint64 id)
{
    auto &query = context.run(QStringLiteral("SELECT state FROM campaigns WHERE id = ?"), {id});
    std::optional<CampaignState> state;
    if (query.next())
        state = campaignStateFromName(query.value(0).toString());
    query.finish();
    return state;
}

QJsonObject progress(SqlContext &context, qint64 id)
{
    QJsonObject progress {{QStringLiteral("total"), 0}};
    for (const auto &name : recipientStateNames())
        progress.insert(name, 0);
    qint64 total = 0;
    auto &query = context.run(
        QStringLiteral(
            "SELECT state, COUNT(*) FROM campaign_recipients WHERE campaign_id = ? GROUP BY state"),
        {id});
    while (query.next()) {
        const auto count = query.value(1).toLongLong();
        progress.insert(query.value(0).toString(), count);
        total += count;
    }
    query.finish();
    progress.insert(QStringLiteral("total"), total);
    auto &skipped
        = context.run(QStringLiteral("SELECT skipped_do_not_contact FROM campaigns WHERE id = ?"), {id});
    progress.insert(
        QStringLiteral("skippedDoNotContact"), skipped.next() ? skipped.value(0).toLongLong() : 0);
    skipped.finish();
    return progress;
}

QJsonObject json(SqlContext &context, qint64 id)
{
    auto &query = context.run(
        QStringLiteral("SELECT id, name, channel, service_id, subject, body, audience, throttle_per_minute, "
                       "scheduled_at, time_zone, state, created_at, updated_at, started_at, completed_at "
                       "FROM campaigns WHERE id = ?"),
        {id});
    if (!query.next()) {
        query.finish();
        return {};
    }
    QJsonObject json {{QStringLiteral("id"), query.value(0).toLongLong()},
        {QStringLiteral("name"), query.value(1).toString()},
        {QStringLiteral("channel"), query.value(2).toString()},
        {QStringLiteral("serviceId"),
            query.value(3).isNull() ? QJsonValue() : QJsonValue(query.value(3).toLongLong())},
        {QStringLiteral("subject"),
            query.value(4).isNull() ? QJsonValue() : QJsonValue(query.value(4).toString())},
        {QStringLiteral("body"), query.value(5).toString()},
        {QStringLiteral("audience"), QJsonDocument::fromJson(query.value(6).toString().toUtf8()).object()},
        {QStringLiteral("throttlePerMinute"), query.value(7).toLongLong()},
        {QStringLiteral("scheduledAt"), isoOrNull(query.value(8))},
        {QStringLiteral("timeZone"),
            query.value(9).isNull() ? QJsonValue() : QJsonValue(query.value(9).toString())},
        {QStringLiteral("state"), query.value(10).toString()},
        {QStringLiteral("createdAt"), isoOrNull(query.value(11))},
        {QStringLiteral("updatedAt"), isoOrNull(query.value(12))},
        {QStringLiteral("startedAt"), isoOrNull(query.value(13))},
        {QStringLiteral("completedAt"), isoOrNull(query.value(14))}};
    query.finish();
    json.insert(QStringLiteral("progress"), progress(context, id));
    return json;
}

void setState(SqlContext &context, qint64 id, CampaignState state)
{
    const auto now = context.nowMs();
    QString extra;
    if (state == CampaignState::Running)
        extra = QStringLiteral(", started_at = COALESCE(started_at, ?)");
    else if (state == CampaignState::Completed || state == CampaignState::Cancelled)
        extra = QStringLiteral(", completed_at = ?");
    QVariantList values {campaignStateName(state), now};
    if (!extra.isEmpty())
        values.append(now);
    values.append(id);
    context.run(QStringLiteral("UPDATE campaigns SET state = ?, updated_at = ?") + extra
            + QStringLiteral(" WHERE id = ?"),
        values);
}

qint64 start(SqlContext &context, qint64 id, const QList<qint64> &leadIds, const QString &recordId)
{
    auto &campaign
        = context.run(QStringLiteral("SELECT channel, audience FROM campaigns WHERE id = ?"), {id});
    if (!campaign.next()) {
        campaign.finish();
        return 0;
    }
    const auto channel = campaign.value(0).toString();
    const auto audience = QJsonDocument::fromJson(campaign.value(1).toString().toUtf8()).object();
    campaign.finish();
    const auto now = context.nowMs();
    const auto count = audienceCount(context, audience, channel, leadIds);
    QVariantList values {id, recipientStateName(RecipientState::Queued), now, now};
    const auto where = audienceWhere(audience, channel, leadIds, values);
    context.run(
        QStringLiteral("INSERT OR IGNORE INTO campaign_recipients(campaign_id, lead_id, state, queued_at, "
                       "updated_at) SELECT ?, l.id, ?, ?, ? FROM leads l WHERE ")
            + where + QStringLiteral(" AND l.do_not_contact = 0 ORDER BY l.id"),
        values);
    context.run(
        QStringLiteral("UPDATE campaigns SET skipped_do_not_contact = ?, next_send_at = 0 WHERE id = ?"),
        {count.doNotContact, id});
    setState(context, id, CampaignState::Running);
    const auto progress = CampaignRepository::progress(context, id);
    context.raise(QStringLiteral("campaign.started"), recordId,
        {{QStringLiteral("campaignId"), id}, {QStringLiteral("campaign"), json(context, id)},
            {QStringLiteral("progress"), progress}});
    return progress.value(QStringLiteral("total")).toInteger();
}

bool completeIfDone(SqlContext &context, qint64 id, const QString &recordId)
{
    if (state(context, id) != CampaignState::Running)
        return false;
    auto &left = context.run(
        QStringLiteral("SELECT COUNT(*) FROM campaign_recipients WHERE campaign_id = ? AND state = ?"),
        {id, recipientStateName(RecipientState::Queued)});
    const auto queued = left.next() ? left.value(0).toLongLong() : 0;
    left.finish();
    if (queued > 0)
        return false;
    setState(context, id, CampaignState::Completed);
    context.raise(QStringLiteral("campaign.completed"), recordId,
        {{QStringLiteral("campaignId"), id}, {QStringLiteral("campaign"), json(context, id)},
            {QStringLiteral("progress"), progress(context, id)}});
    return true;
}

int syncFromOutbox(SqlContext &context, qint64 id)
{
    const auto now = context.nowMs();
    const auto queued = recipientStateName(RecipientState::Queued);
    auto &sent = context.run(
        QStringLiteral(
            "UPDATE campaign_recipients SET state = ?, sent_at = ?, updated_at = ? WHERE campaign_id = ? "
            "AND state = ? AND outbox_id IN (SELECT id FROM outbox WHERE status = ?)"),
        {recipientStateName(RecipientState::Sent), now, now, id, queued,
            outboxStatusName(OutboxStatus::Sent)});
    int changed = sent.numRowsAffected();
    sent.finish();
    auto &failed = context.run(
        QStringLiteral("UPDATE campaign_recipients SET state = ?, ended_at = ?, updated_at = ?, error = "
                       "(SELECT COALESCE(o.last_error, o.status) FROM outbox o WHERE o.id = outbox_id) "
                       "WHERE campaign_id = ? AND state = ? AND outbox_id IN "
                       "(SELECT id FROM outbox WHERE status IN (?, ?))"),
        {recipientStateName(RecipientState::Failed), now, now, id, queued,
            outboxStatusName(OutboxStatus::Failed), outboxStatusName(OutboxStatus::Unknown)});
    changed += failed.numRowsAffected();
    failed.finish();
    return changed;
}

bool advance(SqlContext &context, qint64 recipientId, RecipientState target, const QString &error)
{
    auto &query
        = context.run(QStringLiteral("SELECT state FROM campaign_recipients WHERE id = ?"), {recipientId});
    const auto current = query.next() ? recipientStateFromName(query.value(0).toString()) : std::nullopt;
    query.finish();
    if (!current || recipientStateRank(target) <= recipientStateRank(*current))
        return false;
    const auto now = context.nowMs();
    context.run(QStringLiteral("UPDATE campaign_recipients SET state = ?, ") + recipientTimeColumn(target)
            + QStringLiteral(
                " = ?, updated_at = ?, error = COALESCE(?, error), sent_at = COALESCE(sent_at, ?) "
                "WHERE id = ?"),
        {recipientStateName(target), now, now, error.isEmpty() ? QVariant() : QVariant(error),
            target == RecipientState::Failed || target == RecipientState::Bounced ? QVariant()
                                                                                  : QVariant(now),
            recipientId});
    return true;
}

bool applyMessageUpdate(SqlContext &context, const QJsonObject &payload)
{
    const auto messageId = payload.value(QStringLiteral("messageId")).toInteger();
    if (messageId <= 0)
        return false;
    auto &query
        = context.run(QStringLiteral("SELECT id FROM campaign_recipients WHERE message_id = ?"), {messageId});
    const qint64 recipient = query.next() ? query.value(0).toLongLong() : 0;
    query.finish();
    if (recipient == 0)
        return false;
    const auto event = payload.value(QStringLiteral("event")).toString();
    const auto status = messageStatusFromName(payload.value(QStringLiteral("status")).toString());
    const auto message = payload.value(QStringLiteral("message")).toObject();
    const bool email = message.value(QStringLiteral("channel")).toString() == channelName(Channel::Email);
    std::optional<RecipientState> target;
    if (event == QLatin1String("unsubscribed") || event == QLatin1String("complained"))
        target = RecipientState::Unsubscribed;
    else if (event == QLatin1String("clicked"))
        target = RecipientState::Clicked;
    else if (event == QLatin1String("opened") || status == MessageStatus::Read)
        target = RecipientState::Opened;
    else if (status && isFailedMessageStatus(*status))
        target = email ? RecipientState::Bounced : RecipientState::Failed;
    else if (status == MessageStatus::Delivered)
        target = RecipientState::Delivered;
    else if (status == MessageStatus::Sent)
        target = RecipientState::Sent;
    if (!target)
        return false;
    return advance(context, recipient, *target, message.value(QStringLiteral("error_message")).toString());
}

int applyReply(SqlContext &context, qint64 leadId, qint64 at)
{
    const auto now = context.nowMs();
    auto &query = context.run(
        QStringLiteral(
            "UPDATE campaign_recipients SET state = ?, replied_at = ?, updated_at = ? WHERE lead_id = ? "
            "AND state IN (?, ?, ?, ?) AND sent_at IS NOT NULL AND sent_at <= ?"),
        {recipientStateName(RecipientState::Replied), now, now, leadId,
            recipientStateName(RecipientState::Sent), recipientStateName(RecipientState::Delivered),
            recipientStateName(RecipientState::Opened), recipientStateName(RecipientState::Clicked), at});
    const int changed = query.numRowsAffected();
    query.finish();
    return changed;
}

namespace {

double rate(qint64 part, qint64 whole)
{
    return whole > 0 ? double(part) / double(whole) : 0.0;
}

// Local clock arithmetic in a time zone, with the offset looked up once per UTC hour.
class ZoneHours
{
public:
    explicit ZoneHours(QTimeZone zone)
        : m_zone(std::move(zone))
    { }
    // The local time's ms since the epoch as if the zone were UTC.
    qint64 local(qint64 ms)
    {
        const qint64 utcHour = ms >= 0 ? ms / hourMs : (ms - hourMs + 1) / hourMs;
        auto it = m_offsets.find(utcHour);
        if (it == m_offsets.end())
            it = m_offsets.insert(utcHour,
                qint64(m_zone.offsetFromUtc(QDateTime::fromMSecsSinceEpoch(utcHour * hourMs, Qt::UTC)))
                    * 1000);
        return ms + it.value();
    }
    // The start (UTC ms) of the local hour `ms` falls in.
    qint64 hourStart(qint64 ms)
    {
        const qint64 into = ((local(ms) % hourMs) + hourMs) % hourMs;
        return ms - into;
    }
    int hourOfDay(qint64 ms)
    {
        const qint64 day = 24 * hourMs;
        return int((((local(ms) % day) + day) % day) / hourMs);
    }

    static constexpr qint64 hourMs = 3600000;

private:
    QTimeZone m_zone;
    QHash<qint64, qint64> m_offsets;
};

} // namespace

QJsonObject analytics(SqlContext &context, qint64 id)
{
    auto &campaign = context.run(QStringLiteral("SELECT time_zone FROM campaigns WHERE id = ?"), {id});
    if (!campaign.next()) {
        campaign.finish();
        return {};
    }
    QString zoneName = campaign.value(0).toString();
    campaign.finish();
    QTimeZone zone = zoneName.isEmpty() ? QTimeZone::utc() : QTimeZone(zoneName.toUtf8());
    if (!zone.isValid()) {
        zone = QTimeZone::utc();
        zoneName.clear();
    }
    const bool inUtc = zoneName.isEmpty();
    if (inUtc)
        zoneName = QStringLiteral("UTC");

    const auto counts = progress(context, id);
    const auto n
        = [&counts](RecipientState state) { return counts.value(recipientStateName(state)).toInteger(); };
    // Reached at least a state: the recipients in it or beyond it on the way to replied.
    const qint64 replied = n(RecipientState::Replied);
    const qint64 clicked = n(RecipientState::Clicked) + replied;
    const qint64 opened = n(RecipientState::Opened) + clicked;
    const qint64 delivered = n(RecipientState::Delivered) + opened;
    const qint64 sent
        = n(RecipientState::Sent) + delivered + n(RecipientState::Bounced) + n(RecipientState::Unsubscribed);
    const qint64 total = counts.value(QStringLiteral("total")).toInteger();
    const QJsonObject rates {{QStringLiteral("sent"), rate(sent, total)},
        {QStringLiteral("delivered"), rate(delivered, sent)},
        {QStringLiteral("opened"), rate(opened, delivered)},
        {QStringLiteral("clicked"), rate(clicked, delivered)},
        {QStringLiteral("replied"), rate(replied, sent)},
        {QStringLiteral("bounced"), rate(n(RecipientState::Bounced), sent)},
        {QStringLiteral("failed"), rate(n(RecipientState::Failed), total)},
        {QStringLiteral("unsubscribed"), rate(n(RecipientState::Unsubscribed), sent)}};

    // Per local hour: how many were sent, delivered and replied in it; by local hour of day of the
    // send: how many went then and how many of those replied.
    ZoneHours hours(zone);
    struct Point
    {
        qint64 sent = 0;
        qint64 delivered = 0;
        qint64 replied = 0;
    };
    QMap<qint64, Point> buckets;
    Point byHourOfDay[24];
    auto &rows = context.run(
        QStringLiteral(
            "SELECT sent_at, delivered_at, replied_at FROM campaign_recipients WHERE campaign_id = ? "
            "AND (sent_at IS NOT NULL OR delivered_at IS NOT NULL OR replied_at IS NOT NULL)"),
        {id});
    while (rows.next()) {
        const auto sentAt = rows.value(0);
        const auto deliveredAt = rows.value(1);
        const auto repliedAt = rows.value(2);
        if (!sentAt.isNull()) {
            ++buckets[hours.hourStart(sentAt.toLongLong())].sent;
            auto &hour = byHourOfDay[hours.hourOfDay(sentAt.toLongLong())];
            ++hour.sent;
            if (!repliedAt.isNull())
                ++hour.replied;
        }
        if (!deliveredAt.isNull())
            ++buckets[hours.hourStart(deliveredAt.toLongLong())].delivered;
        if (!repliedAt.isNull())
            ++buckets[hours.hourStart(repliedAt.toLongLong())].replied;
    }
    rows.finish();
    QJsonArray timeline;
    for (auto it = buckets.cbegin(); it != buckets.cend(); ++it)
        timeline.append(QJsonObject {
            {QStringLiteral("at"),
                inUtc ? isoTime(it.key())
                      : QDateTime::fromMSecsSinceEpoch(it.key(), zone).toString(Qt::ISODateWithMs)},
            {QStringLiteral("sent"), it.value().sent}, {QStringLiteral("delivered"), it.value().delivered},
            {QStringLiteral("replied"), it.value().replied}});
    QJsonArray byHour;
    for (int hour = 0; hour < 24; ++hour) {
        const auto &point = byHourOfDay[hour];
        if (point.sent == 0)
            continue;
        byHour.append(QJsonObject {{QStringLiteral("hour"), hour}, {QStringLiteral("sent"), point.sent},
            {QStringLiteral("replied"), point.replied},
            {QStringLiteral("responseRate"), rate(point.replied, point.sent)}});
    }
    const QJsonObject funnel {{QStringLiteral("total"), total}, {QStringLiteral("sent"), sent},
        {QStringLiteral("delivered"), delivered}, {QStringLiteral("opened"), opened},
        {QStringLiteral("clicked"), clicked}, {QStringLiteral("replied"), replied}};
    return QJsonObject {{QStringLiteral("campaignId"), id}, {QStringLiteral("timeZone"), zoneName},
        {QStringLiteral("counts"), counts}, {QStringLiteral("funnel"), funnel},
        {QStringLiteral("rates"), rates}, {QStringLiteral("timeline"), timeline},
        {QStringLiteral("byHour"), byHour}};
}

} // namespace CampaignRepository

} // namespace sb
