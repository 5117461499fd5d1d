#pragma once

#include "Messaging.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace sb {

// Where a handover stands (handovers.state): open -> accepted -> closed, or open -> closed.
enum class HandoverState
{
    Open,
    Accepted,
    Closed
};
// "open", "accepted", "closed"
QString handoverStateName(HandoverState state);
std::optional<HandoverState> handoverStateFromName(QStringView name);
QStringList handoverStateNames();
// Whether a handover in `from` may move to `to`.
bool canMoveHandover(HandoverState from, HandoverState to);

// What raises a handover (handover_rules.kind).
enum class HandoverRuleKind
{
    Keywords, // {"keywords": [..]}: a whole word or phrase in the inbound message, any case
    NegativeSentiment, // {}: the conversation's latest AI analysis is negative
    HighScore, // {"minScore": 0..100}: the lead's score is at least minScore
    UnansweredInbound, // {"count": 1..100}: that many inbound messages with no outbound after them
    AiIntent // {}: the AI says the customer wants a person (only when AI is configured)
};
// "keywords", "negative_sentiment", "high_score", "unanswered_inbound", "ai_intent"
QString handoverRuleKindName(HandoverRuleKind kind);
std::optional<HandoverRuleKind> handoverRuleKindFromName(QStringView name);

// An AI analysis's sentiment (ai_analyses.sentiment).
enum class Sentiment
{
    Positive,
    Neutral,
    Negative
};
// "positive", "neutral", "negative"
QString sentimentName(Sentiment sentiment);
std::optional<Sentiment> sentimentFromName(QStringView name);
QStringList sentimentNames();

// Whether an AI analysis could be made (ai_analyses.status).
enum class AnalysisStatus
{
    Ok,
    Error // ai_analyses.error says why (after one retry)
};
// "ok", "error"
QString analysisStatusName(AnalysisStatus status);
std::optional<AnalysisStatus> analysisStatusFromName(QStringView name);

// What an AI analysis is of (ai_analyses.subject_kind).
enum class AnalysisSubject
{
    Call,
    Message
};
// "call", "message"
QString analysisSubjectName(AnalysisSubject subject);

// One row of handover_rules.
struct HandoverRule
{
    QString id;
    HandoverRuleKind kind = HandoverRuleKind::Keywords;
    QJsonObject params;
    bool enabled = true;
    qint64 updatedAt = 0;

    QJsonObject toJson() const;
    // The problem with `params` for a rule of `kind`, naming the member ("params.minScore must be an
    // integer from 0 to 100"); nullopt when they are right.
    static std::optional<QString> paramsProblem(HandoverRuleKind kind, const QJsonObject &params);
};

// One handover (a row of handovers).
struct Handover
{
    qint64 id = 0;
    qint64 conversationId = 0;
    std::optional<qint64> leadId;
    QString rule;
    QString reason;
    QString assignedTo;
    HandoverState state = HandoverState::Open;
    std::optional<qint64> messageId;
    QString notifiedVia;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    std::optional<qint64> acceptedAt;
    std::optional<qint64> closedAt;

    QJsonObject toJson() const;
};

// The rules' pure parts.
namespace handover {

constexpr int defaultMinScore = 80;
constexpr int defaultUnansweredCount = 3;

// The first of `keywords` (in their order) that occurs in `text` as whole words (not inside a
// longer word; runs of spaces in a phrase match any whitespace), ignoring case.
std::optional<QString> matchKeyword(const QString &text, const QStringList &keywords);
// How many inbound messages come after the last outbound one (directions oldest first).
int unansweredInbound(const QList<Direction> &directions);

// The reasons stored with a handover.
QString keywordReason(const QString &ruleId, const QString &keyword);
QString scoreReason(int score, int minScore);
QString unansweredReason(int count);
QString sentimentReason();

} // namespace handover

} // namespace sb
