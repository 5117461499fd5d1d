#pragma once

#include "domain/Messaging.h"

#include <QDate>
#include <QJsonObject>
#include <QString>
#include <QTimeZone>
#include <array>
#include <vector>

namespace sb {

class SqlContext;

// Call analytics (issue 15 item 6): calls per local day, answered, the average duration of the
// answered ones, outcomes by final status and the sentiment of their AI analyses. One read on the
// reader thread, shared by GET /api/intelligence/dashboard (section "calls"), GET
// /api/leads/{id}/calls/analytics and the console's Dashboard.
namespace CallAnalytics {

// The one definition of an answered call: the provider said it was answered or it is in progress
// (someone picked up), or it completed with a duration of more than 0 seconds. A completed call of
// 0 seconds, and no-answer, busy, failed and canceled ones, were not answered.
bool isAnswered(CallStatus status, qint64 durationSeconds);

// The final statuses counted as outcomes, in this order: completed, no-answer, busy, failed, canceled.
// Calls still queued, ringing or in progress count in `calls` but in no outcome.
const std::array<CallStatus, 5> &outcomeStatuses();

struct Figures
{
    qint64 calls = 0;
    qint64 answered = 0;
    qint64 answeredWithDuration = 0; // answered calls with a known duration (the average's divisor)
    qint64 answeredSeconds = 0; // their total duration
    std::array<qint64, 5> outcomes {}; // by outcomeStatuses()
    std::array<qint64, 3> sentiment {}; // positive, neutral, negative (the call's AI analysis, status ok)

    // Seconds, one decimal; 0 when no answered call has a duration.
    double averageSeconds() const;
    // {"calls", "answered", "avgDurationSeconds", "outcomes": {status: n}, "sentiment": {name: n}}
    QJsonObject toJson() const;
};

struct Report
{
    qint64 sinceMs = 0;
    qint64 untilMs = 0;
    int days = 0;
    QString timeZone; // IANA id of the day boundaries
    qint64 leadId = 0; // 0: every lead
    std::vector<std::pair<QDate, Figures>> byDay; // local days with calls, oldest first
    Figures totals;

    // {"byDay": [{"day": "YYYY-MM-DD", ...Figures}], "totals": Figures}
    QJsonObject toJson() const;
};

// Calls that started (else were created) in [nowMs - days, nowMs), by local day in `zone`; only
// those of `leadId` when it is not 0. The latest analysis of each call gives its sentiment (one row
// per call: ai_analyses is unique by subject). Scans calls in the window (no index holds started_at).
// Throws SqlError.
Report load(SqlContext &sql, qint64 nowMs, int days, const QTimeZone &zone, qint64 leadId = 0);

} // namespace CallAnalytics

} // namespace sb
