#pragma once

#include <QJsonArray>
#include <QList>
#include <QString>
#include <array>
#include <optional>

namespace sb::scoring {

// One rule of the lead score: a stable id (stored with each reason), the points it adds (negative:
// takes away) and what it means. README "Lead scoring" shows the same table.
struct Weight
{
    const char *rule;
    int points;
    const char *description;
};

// The score's weights, all of them: nothing else adds or takes points. The score is their sum for
// the rules that hold, clamped to 0..100.
inline constexpr std::array weights {
    Weight {"replied", 20, "replied (an inbound SMS or email)"},
    Weight {"replied_fast", 10, "replied within 1 h of our message"},
    Weight {"replied_again", 5, "each further reply (at most 2 counted)"},
    Weight {"email_opened", 5, "opened an email"},
    Weight {"email_clicked", 10, "clicked a link in an email"},
    Weight {"call_completed", 10, "a call was completed"},
    Weight {"call_positive", 15, "a call ended with a positive outcome"},
    Weight {"call_negative", -10, "a call ended with a negative outcome"},
    Weight {"call_missed", -5, "a call was not answered (busy, no answer, failed)"},
    Weight {"sentiment_positive", 10, "the latest AI analysis of a call or email is positive"},
    Weight {"sentiment_negative", -10, "the latest AI analysis of a call or email is negative"},
    Weight {"unanswered", -15, "no answer to 3 messages"},
    Weight {"bounced", -10, "a message to the lead failed or bounced"},
    Weight {"recent_day", 15, "last inbound activity within 24 h"},
    Weight {"recent_week", 10, "last inbound activity within 7 days"},
    Weight {"recent_month", 5, "last inbound activity within 30 days"},
    Weight {"stale", -10, "no inbound activity for over 90 days"},
    Weight {"status_contacted", 5, "status contacted"},
    Weight {"status_qualified", 10, "status qualified"},
    Weight {"status_proposal_sent", 15, "status proposal_sent"},
    Weight {"status_negotiation", 20, "status negotiation"},
    Weight {"status_won", 25, "status won"},
    Weight {"status_lost", -30, "status lost"},
    Weight {"value_high", 10, "expected value 10,000 or more"},
    Weight {"value_medium", 5, "expected value 1,000 or more"},
    Weight {"do_not_contact", -50, "do not contact"},
};

// Thresholds the rules above name.
inline constexpr qint64 fastReplyMs = 60LL * 60 * 1000;
inline constexpr int unansweredMessages = 3;
inline constexpr int countedFurtherReplies = 2;
inline constexpr qint64 dayMs = 24LL * 60 * 60 * 1000;
inline constexpr double highValue = 10000;
inline constexpr double mediumValue = 1000;
// A completed Twilio/SignalWire call this long is a conversation that took place: positive.
inline constexpr int positiveCallSeconds = 60;

// The weight of `rule`; asserts it exists.
const Weight &weight(const char *rule);

// What the score of one lead is computed from (LeadScores gathers it from the database).
struct Activity
{
    QString status; // lead_status
    bool doNotContact = false;
    std::optional<double> expectedValue;
    int replies = 0; // inbound messages
    bool repliedFast = false; // an inbound message within fastReplyMs after an outbound one
    int unansweredOutbound = 0; // outbound messages after the last inbound one (all, if none)
    int opens = 0;
    int clicks = 0;
    int bounces = 0; // outbound messages failed or undelivered, or bounced
    int completedCalls = 0;
    int positiveCalls = 0;
    int negativeCalls = 0;
    int missedCalls = 0;
    std::optional<bool> latestSentimentPositive; // the latest AI analysis: true positive, false negative
    std::optional<qint64> lastInboundAt; // ms: inbound message, open, click or completed call
    qint64 nowMs = 0;
};

struct Reason
{
    QString rule;
    int points = 0;
    QString text; // e.g. "replied within 1 h of our message"
};

struct Score
{
    int value = 0; // 0..100
    QList<Reason> reasons; // in the order of `weights`
};

Score compute(const Activity &activity);

// "+20 replied (an inbound SMS or email)", "−15 no answer to 3 messages".
QString reasonLine(const Reason &reason);
// [{"rule", "points", "reason"}] as stored; and back.
QJsonArray reasonsJson(const QList<Reason> &reasons);
QList<Reason> reasonsFromJson(const QJsonArray &array);

} // namespace sb::scoring
