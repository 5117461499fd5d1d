#pragma once

#include "CallAnalytics.h"

#include <QString>
#include <QTimeZone>
#include <vector>

namespace sb {

class SqlContext;

// The intelligence dashboard (issue 14): the lead pipeline, response rates by channel, best send
// hours, the campaign leaderboard, the hottest leads and the handovers waiting. One read on the reader
// thread, shared by GET /api/intelligence/dashboard and the console's Dashboard.
struct IntelligenceSnapshot
{
    struct StatusCount
    {
        QString status; // lead_status
        qint64 count = 0;
        double value = 0; // sum of expected_value
    };
    // Outbound sends in the window and how many had an inbound answer from the lead within 72 h.
    struct Rate
    {
        qint64 sent = 0;
        qint64 replied = 0;
        double rate() const { return sent > 0 ? double(replied) / double(sent) : 0.0; }
    };
    struct ChannelRate
    {
        QString channel; // sms, email, voice
        Rate figures;
    };
    struct Campaign
    {
        qint64 id = 0;
        QString name;
        QString channel;
        QString state;
        qint64 recipients = 0;
        qint64 sent = 0;
        qint64 delivered = 0;
        qint64 replied = 0;
        double replyRate() const { return sent > 0 ? double(replied) / double(sent) : 0.0; }
    };
    struct HotLead
    {
        qint64 id = 0;
        QString name; // first and last name, else the company
        QString status;
        int score = 0;
        QString topReason; // the reason that added the most points
    };
    struct Handover
    {
        qint64 id = 0;
        qint64 conversationId = 0;
        qint64 leadId = 0; // 0: none
        QString leadName;
        QString reason;
        qint64 createdAtMs = 0;
    };

    qint64 generatedAtMs = 0;
    qint64 sinceMs = 0;
    int days = 0;
    QString timeZone; // IANA id the send hours are in

    std::vector<StatusCount> pipeline; // every lead status in pipeline order, then any other stored one
    qint64 pipelineCount = 0;
    double pipelineValue = 0;
    std::vector<ChannelRate> responseRates; // sms, email, then voice when calls were placed
    std::vector<Rate> sendHours; // 24, by local hour of the send
    std::vector<int>
        bestHours; // up to 3 hours with sends: best rate first, then more replies, then more sends
    std::vector<Campaign> leaderboard;
    std::vector<HotLead> hottest;
    qint64 handoversWaiting = 0;
    std::vector<Handover> oldestHandovers;
    CallAnalytics::Report calls; // every lead's calls in the window, by local day in the zone
};

class IntelligenceQueries
{
public:
    static constexpr int defaultDays = 30;
    static constexpr int maxDays = 365;
    static constexpr qint64 replyWindowMs = 72LL * 3600 * 1000;
    static constexpr int listLimit = 10;
    static constexpr int bestHourCount = 3;

    // Reads everything for the `days` before `nowMs`; send hours in `zone`. Throws SqlError.
    // Messages are reached through conversations_last_message_at and messages_conversation (messages
    // has no index on created_at) and answered in one window-function pass; calls through
    // calls_conversation; scores through lead_scores_score; handovers through handovers_state. The
    // pipeline scans leads (no index holds lead_status).
    static IntelligenceSnapshot load(SqlContext &sql, qint64 nowMs, int days, const QTimeZone &zone);
};

} // namespace sb
