#pragma once

#include "LeadScoring.h"
#include "storage/SqlWorker.h"

#include <QObject>
#include <QStringList>
#include <functional>
#include <optional>

namespace sb {

// A call's outcome as the provider judged it (calls.outcome).
enum class CallOutcome
{
    Positive,
    Negative
};
// "positive", "negative"
QString callOutcomeName(CallOutcome outcome);
std::optional<CallOutcome> callOutcomeFromName(QStringView name);
// ElevenLabs analysis.call_successful ("success" | "failure" | "unknown") as an outcome.
std::optional<CallOutcome> callOutcomeFromEvaluation(QStringView callSuccessful);

// What moves a lead's status automatically (lead_status_rules.trigger).
enum class StatusTrigger
{
    InboundReply, // an inbound SMS or email from the lead
    PositiveCall // a completed call with a positive outcome
};
// "inbound_reply", "positive_call"
QString statusTriggerName(StatusTrigger trigger);
std::optional<StatusTrigger> statusTriggerFromName(QStringView name);

// One row of lead_status_rules: when `trigger` happens to a lead in one of `fromStatuses`, its
// status becomes `toStatus` through the lead status command (status_history, lead.status_changed).
struct StatusRule
{
    QString id;
    StatusTrigger trigger = StatusTrigger::InboundReply;
    QStringList fromStatuses;
    QString toStatus;
    bool enabled = true;
    qint64 updatedAt = 0;

    QJsonObject toJson() const;
};

// A lead's stored score (lead_scores).
struct StoredScore
{
    qint64 leadId = 0;
    int score = 0;
    QList<scoring::Reason> reasons;
    qint64 computedAt = 0;
};

// The database side of lead scoring: what a lead did, its score stored, the status rules.
class LeadScores
{
public:
    // What the lead did, read from its messages, their events and its calls; nullopt when there is
    // no such lead.
    static std::optional<scoring::Activity> activity(SqlContext &context, qint64 leadId);
    // Computes and stores the lead's score (a lead that no longer exists loses its row).
    static std::optional<scoring::Score> recompute(SqlContext &context, qint64 leadId);
    static std::optional<StoredScore> stored(SqlContext &context, qint64 leadId);
    // {"score", "scoreReasons": [{"points", "reason"}], "scoreComputedAt"} for a lead's detail.
    static void addTo(SqlContext &context, qint64 leadId, QJsonObject &lead);

    static QList<StatusRule> rules(SqlContext &context);
    static void saveRule(SqlContext &context, const StatusRule &rule);
    // Applies the enabled rules of `trigger` to the lead (the first that matches its status), with
    // the reason "automatic: <what happened>" in status_history. Returns whether the status changed.
    static bool applyRules(
        SqlContext &context, qint64 leadId, StatusTrigger trigger, const QString &recordId);

    // Scores every lead that has no score yet (all of them in an upgraded database; leads written
    // without events, e.g. demo data): batches of `batch` leads, one writer job each, so other
    // writes go in between. `submit` hands a job to the writer.
    static void backfill(std::function<void(SqlJob)> submit, QObject *replyContext, int batch = 200);
};

// The writer's event router with scoring on top: every event raised in a transaction that names a
// lead (message in or out, a message status, a call, a status change, a Mailgun open or click)
// recomputes that lead's score in the same transaction; inbound replies and positive calls first
// run the status rules. Everything else is handed to `inner` (the outbound fan-out).
class ScoringRouter final : public EventRouter
{
public:
    explicit ScoringRouter(EventRouter *inner)
        : m_inner(inner)
    { }
    int route(SqlContext &context, const DomainEvent &event) override;
    void invalidate() override
    {
        if (m_inner)
            m_inner->invalidate();
    }
    bool wants(SqlContext &context, const QString &eventType) override
    {
        return m_inner && m_inner->wants(context, eventType);
    }
    int relay(SqlContext &context, const ApiRequest &request, const QString &routeName) override
    {
        return m_inner ? m_inner->relay(context, request, routeName) : 0;
    }

    // The lead an event is about (payload leadId or lead_id), 0 for none.
    static qint64 leadOf(const DomainEvent &event);

private:
    EventRouter *m_inner;
    bool m_busy = false; // writer thread only: events raised while scoring are only routed
};

} // namespace sb
