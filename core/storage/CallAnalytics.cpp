#include "CallAnalytics.h"

#include "SqlWorker.h"
#include "domain/Handover.h"

#include <QDateTime>
#include <QJsonArray>
#include <QSqlQuery>
#include <QVariant>
#include <cmath>
#include <map>

namespace sb {

namespace CallAnalytics {

namespace {

constexpr qint64 dayMs = 24LL * 3600 * 1000;

const std::array<Sentiment, 3> &sentimentOrder()
{
    static const std::array<Sentiment, 3> order {
        Sentiment::Positive, Sentiment::Neutral, Sentiment::Negative};
    return order;
}

} // namespace

bool isAnswered(CallStatus status, qint64 durationSeconds)
{
    switch (status) {
    case CallStatus::Answered:
    case CallStatus::InProgress:
        return true;
    case CallStatus::Completed:
        return durationSeconds > 0;
    default:
        return false;
    }
}

const std::array<CallStatus, 5> &outcomeStatuses()
{
    static const std::array<CallStatus, 5> statuses {CallStatus::Completed, CallStatus::NoAnswer,
        CallStatus::Busy, CallStatus::Failed, CallStatus::Canceled};
    return statuses;
}

double Figures::averageSeconds() const
{
    if (answeredWithDuration == 0)
        return 0;
    return std::round(double(answeredSeconds) * 10.0 / double(answeredWithDuration)) / 10.0;
}

QJsonObject Figures::toJson() const
{
    QJsonObject byOutcome;
    for (size_t i = 0; i < outcomeStatuses().size(); ++i)
        byOutcome.insert(callStatusName(outcomeStatuses()[i]), outcomes[i]);
    QJsonObject bySentiment;
    for (size_t i = 0; i < sentimentOrder().size(); ++i)
        bySentiment.insert(sentimentName(sentimentOrder()[i]), sentiment[i]);
    return {{QStringLiteral("calls"), calls}, {QStringLiteral("answered"), answered},
        {QStringLiteral("avgDurationSeconds"), averageSeconds()}, {QStringLiteral("outcomes"), byOutcome},
        {QStringLiteral("sentiment"), bySentiment}};
}

QJsonObject Report::toJson() const
{
    QJsonArray days;
    for (const auto &[day, figures] : byDay) {
        auto row = figures.toJson();
        row.insert(QStringLiteral("day"), day.toString(Qt::ISODate));
        days.append(row);
    }
    return {{QStringLiteral("byDay"), days}, {QStringLiteral("totals"), totals.toJson()}};
}

Report load(SqlContext &sql, qint64 nowMs, int days, const QTimeZone &zone, qint64 leadId)
{
    Report report;
    report.untilMs = nowMs;
    report.sinceMs = nowMs - qint64(days) * dayMs;
    report.days = days;
    report.timeZone = QString::fromUtf8(zone.id());
    report.leadId = leadId;

    QString text = QStringLiteral(
        "SELECT COALESCE(k.started_at, k.created_at) AS at, k.status, k.duration_seconds, a.sentiment "
        "FROM calls k LEFT JOIN ai_analyses a ON a.subject_kind = ? AND a.subject_id = k.id AND a.status = ? "
        "WHERE COALESCE(k.started_at, k.created_at) >= ? AND COALESCE(k.started_at, k.created_at) < ?");
    QVariantList values {analysisSubjectName(AnalysisSubject::Call), analysisStatusName(AnalysisStatus::Ok),
        report.sinceMs, report.untilMs};
    if (leadId > 0) {
        text += QStringLiteral(" AND k.lead_id = ?");
        values << leadId;
    }
    std::map<QDate, Figures> byDay;
    const auto add = [](Figures &figures, CallStatus status, const QVariant &duration,
                         const std::optional<Sentiment> &sentiment) {
        ++figures.calls;
        const qint64 seconds = duration.isNull() ? 0 : duration.toLongLong();
        if (isAnswered(status, seconds)) {
            ++figures.answered;
            if (!duration.isNull() && seconds > 0) {
                ++figures.answeredWithDuration;
                figures.answeredSeconds += seconds;
            }
        }
        for (size_t i = 0; i < outcomeStatuses().size(); ++i) {
            if (outcomeStatuses()[i] == status)
                ++figures.outcomes[i];
        }
        if (sentiment) {
            for (size_t i = 0; i < sentimentOrder().size(); ++i) {
                if (sentimentOrder()[i] == *sentiment)
                    ++figures.sentiment[i];
            }
        }
    };
    auto &query = sql.run(text, values);
    while (query.next()) {
        const auto status = callStatusFromName(query.value(1).toString()).value_or(CallStatus::Queued);
        const auto sentiment
            = query.value(3).isNull() ? std::nullopt : sentimentFromName(query.value(3).toString());
        const QDate day = QDateTime::fromMSecsSinceEpoch(query.value(0).toLongLong(), zone).date();
        add(byDay[day], status, query.value(2), sentiment);
        add(report.totals, status, query.value(2), sentiment);
    }
    query.finish();
    for (auto &[day, figures] : byDay)
        report.byDay.emplace_back(day, figures);
    return report;
}

} // namespace CallAnalytics

} // namespace sb
