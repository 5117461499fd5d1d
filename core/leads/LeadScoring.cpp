#include "LeadScoring.h"

#include "domain/Lead.h"

#include <QJsonObject>
#include <algorithm>
#include <cstring>

namespace sb::scoring {

const Weight &weight(const char *rule)
{
    const auto found = std::find_if(
        weights.begin(), weights.end(), [rule](const Weight &w) { return std::strcmp(w.rule, rule) == 0; });
    Q_ASSERT(found != weights.end());
    return *found;
}

namespace {

const char *statusRule(LeadStatus status)
{
    switch (status) {
    case LeadStatus::New:
        return nullptr;
    case LeadStatus::Contacted:
        return "status_contacted";
    case LeadStatus::Qualified:
        return "status_qualified";
    case LeadStatus::ProposalSent:
        return "status_proposal_sent";
    case LeadStatus::Negotiation:
        return "status_negotiation";
    case LeadStatus::Won:
        return "status_won";
    case LeadStatus::Lost:
        return "status_lost";
    }
    return nullptr;
}

} // namespace

Score compute(const Activity &a)
{
    Score score;
    auto add = [&score](const char *rule, int times = 1, const QString &text = {}) {
        const auto &w = weight(rule);
        score.reasons.append(Reason {QString::fromLatin1(w.rule), w.points * times,
            text.isEmpty() ? QString::fromUtf8(w.description) : text});
    };
    if (a.replies > 0)
        add("replied");
    if (a.repliedFast)
        add("replied_fast");
    if (a.replies > 1) {
        const int further = std::min(a.replies - 1, countedFurtherReplies);
        add("replied_again", further,
            QStringLiteral("%1 further %2")
                .arg(further)
                .arg(further == 1 ? QStringLiteral("reply") : QStringLiteral("replies")));
    }
    if (a.opens > 0)
        add("email_opened");
    if (a.clicks > 0)
        add("email_clicked");
    if (a.completedCalls > 0)
        add("call_completed");
    if (a.positiveCalls > 0)
        add("call_positive");
    if (a.negativeCalls > 0)
        add("call_negative");
    if (a.missedCalls > 0)
        add("call_missed");
    if (a.latestSentimentPositive)
        add(*a.latestSentimentPositive ? "sentiment_positive" : "sentiment_negative");
    if (a.unansweredOutbound >= unansweredMessages)
        add("unanswered", 1, QStringLiteral("no answer to %1 messages").arg(a.unansweredOutbound));
    if (a.bounces > 0)
        add("bounced");
    if (a.lastInboundAt) {
        const auto age = std::max<qint64>(0, a.nowMs - *a.lastInboundAt);
        if (age <= dayMs)
            add("recent_day");
        else if (age <= 7 * dayMs)
            add("recent_week");
        else if (age <= 30 * dayMs)
            add("recent_month");
        else if (age > 90 * dayMs)
            add("stale");
    }
    if (const auto status = leadStatusFromName(a.status)) {
        if (const char *rule = statusRule(*status))
            add(rule);
    }
    if (a.expectedValue && *a.expectedValue >= highValue)
        add("value_high");
    else if (a.expectedValue && *a.expectedValue >= mediumValue)
        add("value_medium");
    if (a.doNotContact)
        add("do_not_contact");
    int sum = 0;
    for (const auto &reason : score.reasons)
        sum += reason.points;
    score.value = std::clamp(sum, 0, 100);
    return score;
}

QString reasonLine(const Reason &reason)
{
    const QString sign = reason.points < 0 ? QStringLiteral("\u2212") : QStringLiteral("+");
    return sign + QString::number(std::abs(reason.points)) + QLatin1Char(' ') + reason.text;
}

QJsonArray reasonsJson(const QList<Reason> &reasons)
{
    QJsonArray array;
    for (const auto &reason : reasons)
        array.append(QJsonObject {{QStringLiteral("rule"), reason.rule},
            {QStringLiteral("points"), reason.points}, {QStringLiteral("reason"), reason.text}});
    return array;
}

QList<Reason> reasonsFromJson(const QJsonArray &array)
{
    QList<Reason> reasons;
    for (const auto &item : array) {
        const auto o = item.toObject();
        reasons.append(Reason {o.value(QStringLiteral("rule")).toString(),
            o.value(QStringLiteral("points")).toInt(), o.value(QStringLiteral("reason")).toString()});
    }
    return reasons;
}

} // namespace sb::scoring
