#include "IntelligenceQueries.h"

#include "SqlWorker.h"
#include "domain/Lead.h"
#include "domain/Messaging.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QStringList>
#include <QVariant>
#include <algorithm>
#include <numeric>

namespace sb {

namespace {

constexpr qint64 dayMs = 24LL * 3600 * 1000;
// Sends are counted per quarter hour in SQL, then placed in the local hour of the zone: a quarter
// hour falls in one local hour in every zone (offsets are whole quarter hours).
constexpr qint64 quarterMs = 15LL * 60 * 1000;

// handovers.state of a handover nobody has taken yet (migration 018: open -> accepted -> closed).
QString openHandoverState()
{
    return QStringLiteral("open");
}

// First and last name, else the company, the email or the phone: columns first .. first + 4.
QString displayName(const QSqlQuery &query, int first)
{
    const QString name = QStringList {query.value(first).toString(), query.value(first + 1).toString()}.join(
        QLatin1Char(' '));
    const QString trimmed = name.trimmed();
    if (!trimmed.isEmpty())
        return trimmed;
    for (int column = first + 2; column <= first + 4; ++column) {
        const QString other = query.value(column).toString().trimmed();
        if (!other.isEmpty())
            return other;
    }
    return {};
}

void readPipeline(SqlContext &sql, IntelligenceSnapshot &snapshot)
{
    QHash<QString, IntelligenceSnapshot::StatusCount> byStatus;
    auto &query
        = sql.run(QStringLiteral("SELECT lead_status, COUNT(*), TOTAL(expected_value) FROM leads "
                                 "WHERE archived_at IS NULL GROUP BY lead_status ORDER BY lead_status"),
            {});
    QStringList others;
    while (query.next()) {
        const QString status = query.value(0).toString();
        byStatus.insert(status, {status, query.value(1).toLongLong(), query.value(2).toDouble()});
        if (!leadStatusFromName(status))
            others.append(status);
    }
    query.finish();
    QStringList order;
    for (const auto status : allLeadStatuses())
        order.append(leadStatusName(status));
    order += others;
    for (const auto &status : order) {
        const auto count = byStatus.value(status, {status, 0, 0});
        snapshot.pipeline.push_back(count);
        snapshot.pipelineCount += count.count;
        snapshot.pipelineValue += count.value;
    }
}

// Outbound SMS and email (status sent or later) and outbound calls in the window, by channel and
// quarter hour, with the number answered by an inbound message from the same lead within 72 h.
void readSends(SqlContext &sql, const QTimeZone &zone, IntelligenceSnapshot &snapshot)
{
    const QString inbound = directionName(Direction::Inbound);
    const QString replied = QStringLiteral(
        "EXISTS (SELECT 1 FROM conversations rc JOIN messages r ON r.conversation_id = rc.id "
        "WHERE rc.lead_id = %1.lead_id AND r.direction = ? AND r.created_at > %1.created_at "
        "AND r.created_at <= %1.created_at + ?)");
    // Every message of the window in one pass: for each, the time of the lead's next inbound message
    // (a window function over the messages sorted by lead), instead of a lookup per send.
    const QString sql1
        = QStringLiteral("WITH w AS (SELECT m.channel, m.direction, m.status, m.created_at, "
                         "MIN(CASE WHEN m.direction = ? THEN m.created_at END) OVER (PARTITION BY m.lead_id "
                         "ORDER BY m.created_at, "
                         "m.id ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS next_inbound "
                         "FROM conversations c CROSS JOIN messages m ON m.conversation_id = c.id "
                         "WHERE c.last_message_at >= ? AND m.created_at >= ? AND m.created_at < ?) "
                         "SELECT channel, created_at / ?, COUNT(*), SUM(next_inbound IS NOT NULL AND "
                         "next_inbound <= created_at + ?) "
                         "FROM w WHERE direction = ? AND status IN (?, ?, ?) GROUP BY 1, 2");
    // Calls keep the provider's direction ("outbound-api", "outbound-dial"): grouped by it and judged here.
    const QString sql2
        = QStringLiteral("SELECT k.direction, k.created_at / ?, COUNT(*), TOTAL(%1) "
                         "FROM conversations c CROSS JOIN calls k ON k.conversation_id = c.id "
                         "WHERE c.last_message_at >= ? AND k.created_at >= ? AND k.created_at < ? "
                         "AND k.lead_id IS NOT NULL GROUP BY 1, 2")
              .arg(replied.arg(QStringLiteral("k")));

    QHash<QString, IntelligenceSnapshot::Rate> byChannel;
    snapshot.sendHours.assign(24, {});
    QHash<qint64, int> hourOfQuarter;
    const auto add = [&](const QString &channel, qint64 quarter, qint64 sent, qint64 answered) {
        auto &rate = byChannel[channel];
        rate.sent += sent;
        rate.replied += answered;
        auto hour = hourOfQuarter.constFind(quarter);
        if (hour == hourOfQuarter.constEnd())
            hour = hourOfQuarter.insert(
                quarter, QDateTime::fromMSecsSinceEpoch(quarter * quarterMs, zone).time().hour());
        auto &bucket = snapshot.sendHours[size_t(*hour)];
        bucket.sent += sent;
        bucket.replied += answered;
    };

    const qint64 until = snapshot.generatedAtMs;
    auto &messages = sql.run(sql1,
        {inbound, snapshot.sinceMs, snapshot.sinceMs, until, quarterMs, IntelligenceQueries::replyWindowMs,
            directionName(Direction::Outbound), messageStatusName(MessageStatus::Sent),
            messageStatusName(MessageStatus::Delivered), messageStatusName(MessageStatus::Read)});
    while (messages.next())
        add(messages.value(0).toString(), messages.value(1).toLongLong(), messages.value(2).toLongLong(),
            messages.value(3).toLongLong());
    messages.finish();
    auto &calls = sql.run(sql2,
        {quarterMs, inbound, IntelligenceQueries::replyWindowMs, snapshot.sinceMs, snapshot.sinceMs, until});
    while (calls.next()) {
        if (directionOfCall(calls.value(0).toString()) != Direction::Outbound)
            continue;
        add(channelName(Channel::Voice), calls.value(1).toLongLong(), calls.value(2).toLongLong(),
            qint64(calls.value(3).toDouble()));
    }
    calls.finish();

    for (const auto channel : {Channel::Sms, Channel::Email, Channel::Voice}) {
        const QString name = channelName(channel);
        if (channel != Channel::Voice || byChannel.contains(name))
            snapshot.responseRates.push_back({name, byChannel.value(name)});
    }
    std::vector<int> hours;
    for (int hour = 0; hour < 24; ++hour) {
        if (snapshot.sendHours[size_t(hour)].sent > 0)
            hours.push_back(hour);
    }
    std::stable_sort(hours.begin(), hours.end(), [&snapshot](int a, int b) {
        const auto &x = snapshot.sendHours[size_t(a)];
        const auto &y = snapshot.sendHours[size_t(b)];
        if (x.rate() != y.rate())
            return x.rate() > y.rate();
        if (x.replied != y.replied)
            return x.replied > y.replied;
        return x.sent > y.sent;
    });
    if (hours.size() > size_t(IntelligenceQueries::bestHourCount))
        hours.resize(size_t(IntelligenceQueries::bestHourCount));
    snapshot.bestHours = hours;
}

void readLeaderboard(SqlContext &sql, IntelligenceSnapshot &snapshot)
{
    // Campaigns started (else created) in the window; reply rate = replied / sent.
    auto &query = sql.run(
        QStringLiteral(
            "SELECT c.id, c.name, c.channel, c.state, COUNT(*) AS recipients, COUNT(r.sent_at) AS sent, "
            "COUNT(r.delivered_at), COUNT(r.replied_at) AS replied "
            "FROM campaigns c JOIN campaign_recipients r ON r.campaign_id = c.id "
            "WHERE COALESCE(c.started_at, c.created_at) >= ? GROUP BY c.id "
            "ORDER BY CASE WHEN sent > 0 THEN 1.0 * replied / sent ELSE 0 END DESC, replied DESC, "
            "c.id DESC LIMIT ?"),
        {snapshot.sinceMs, IntelligenceQueries::listLimit});
    while (query.next()) {
        snapshot.leaderboard.push_back({query.value(0).toLongLong(), query.value(1).toString(),
            query.value(2).toString(), query.value(3).toString(), query.value(4).toLongLong(),
            query.value(5).toLongLong(), query.value(6).toLongLong(), query.value(7).toLongLong()});
    }
    query.finish();
}

QString topReason(const QString &reasonsJson)
{
    // lead_scores.reasons: [{"rule", "points", "reason"}]; the first of the highest wins.
    QString best;
    int bestPoints = 0;
    for (const auto &item : QJsonDocument::fromJson(reasonsJson.toUtf8()).array()) {
        const auto reason = item.toObject();
        const int points = reason.value(QStringLiteral("points")).toInt();
        if (best.isNull() || points > bestPoints) {
            best = reason.value(QStringLiteral("reason")).toString();
            bestPoints = points;
        }
    }
    return best;
}

void readHottest(SqlContext &sql, IntelligenceSnapshot &snapshot)
{
    auto &query
        = sql.run(QStringLiteral(
                      "SELECT l.id, l.first_name, l.last_name, l.company_name, l.email, l.phone, "
                      "l.lead_status, s.score, s.reasons FROM lead_scores s JOIN leads l ON l.id = s.lead_id "
                      "WHERE l.archived_at IS NULL ORDER BY s.score DESC, s.lead_id DESC LIMIT ?"),
            {IntelligenceQueries::listLimit});
    while (query.next()) {
        snapshot.hottest.push_back({query.value(0).toLongLong(), displayName(query, 1),
            query.value(6).toString(), query.value(7).toInt(), topReason(query.value(8).toString())});
    }
    query.finish();
}

void readHandovers(SqlContext &sql, IntelligenceSnapshot &snapshot)
{
    auto &count
        = sql.run(QStringLiteral("SELECT COUNT(*) FROM handovers WHERE state = ?"), {openHandoverState()});
    snapshot.handoversWaiting = count.next() ? count.value(0).toLongLong() : 0;
    count.finish();
    auto &oldest = sql.run(
        QStringLiteral("SELECT h.id, h.conversation_id, h.lead_id, h.reason, h.created_at, l.first_name, "
                       "l.last_name, l.company_name, l.email, l.phone FROM handovers h LEFT JOIN leads l ON "
                       "l.id = h.lead_id "
                       "WHERE h.state = ? ORDER BY h.created_at, h.id LIMIT ?"),
        {openHandoverState(), IntelligenceQueries::listLimit});
    while (oldest.next()) {
        snapshot.oldestHandovers.push_back(
            {oldest.value(0).toLongLong(), oldest.value(1).toLongLong(), oldest.value(2).toLongLong(),
                displayName(oldest, 5), oldest.value(3).toString(), oldest.value(4).toLongLong()});
    }
    oldest.finish();
}

} // namespace

IntelligenceSnapshot IntelligenceQueries::load(SqlContext &sql, qint64 nowMs, int days, const QTimeZone &zone)
{
    IntelligenceSnapshot snapshot;
    snapshot.generatedAtMs = nowMs;
    snapshot.days = days;
    snapshot.sinceMs = nowMs - qint64(days) * dayMs;
    snapshot.timeZone = QString::fromUtf8(zone.id());
    readPipeline(sql, snapshot);
    readSends(sql, zone, snapshot);
    readLeaderboard(sql, snapshot);
    readHottest(sql, snapshot);
    readHandovers(sql, snapshot);
    snapshot.calls = CallAnalytics::load(sql, nowMs, days, zone);
    return snapshot;
}

} // namespace sb
