#include "LeadScores.h"

#include "LeadRecordCommands.h"
#include "domain/Handover.h"
#include "domain/IsoTime.h"
#include "domain/Messaging.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>

namespace sb {

namespace {

// The provider whose calls carry their own outcome (analysis.call_successful).
const QString elevenLabs = QStringLiteral("elevenlabs");
// status_history.source of an automatic change.
const QString automaticSource = QStringLiteral("automatic");

// Mailgun's engagement events (https://documentation.mailgun.com/docs/mailgun/user-manual/webhooks/webhooks),
// stored as message_events.event.
enum class Engagement
{
    Opened,
    Clicked
};

std::optional<Engagement> engagementFromName(QStringView name)
{
    if (name == u"opened")
        return Engagement::Opened;
    if (name == u"clicked")
        return Engagement::Clicked;
    return std::nullopt;
}

QString triggerReason(StatusTrigger trigger)
{
    switch (trigger) {
    case StatusTrigger::InboundReply:
        return QStringLiteral("automatic: inbound reply");
    case StatusTrigger::PositiveCall:
        return QStringLiteral("automatic: call with a positive outcome");
    }
    return QString();
}

QStringList stringList(const QString &jsonText)
{
    QStringList list;
    for (const auto &value : QJsonDocument::fromJson(jsonText.toUtf8()).array())
        list.append(value.toString());
    return list;
}

bool isMissedCall(CallStatus status)
{
    return status == CallStatus::Busy || status == CallStatus::NoAnswer || status == CallStatus::Failed;
}

} // namespace

QString callOutcomeName(CallOutcome outcome)
{
    return outcome == CallOutcome::Positive ? QStringLiteral("positive") : QStringLiteral("negative");
}

std::optional<CallOutcome> callOutcomeFromName(QStringView name)
{
    if (name == u"positive")
        return CallOutcome::Positive;
    if (name == u"negative")
        return CallOutcome::Negative;
    return std::nullopt;
}

std::optional<CallOutcome> callOutcomeFromEvaluation(QStringView callSuccessful)
{
    if (callSuccessful == u"success")
        return CallOutcome::Positive;
    if (callSuccessful == u"failure")
        return CallOutcome::Negative;
    return std::nullopt;
}

QString statusTriggerName(StatusTrigger trigger)
{
    return trigger == StatusTrigger::InboundReply ? QStringLiteral("inbound_reply")
                                                  : QStringLiteral("positive_call");
}

std::optional<StatusTrigger> statusTriggerFromName(QStringView name)
{
    if (name == u"inbound_reply")
        return StatusTrigger::InboundReply;
    if (name == u"positive_call")
        return StatusTrigger::PositiveCall;
    return std::nullopt;
}

QJsonObject StatusRule::toJson() const
{
    return QJsonObject {{QStringLiteral("id"), id}, {QStringLiteral("trigger"), statusTriggerName(trigger)},
        {QStringLiteral("fromStatuses"), QJsonArray::fromStringList(fromStatuses)},
        {QStringLiteral("toStatus"), toStatus}, {QStringLiteral("enabled"), enabled},
        {QStringLiteral("reason"), triggerReason(trigger)},
        {QStringLiteral("updatedAt"), updatedAt > 0 ? QJsonValue(isoTime(updatedAt)) : QJsonValue()}};
}

std::optional<scoring::Activity> LeadScores::activity(SqlContext &context, qint64 leadId)
{
    scoring::Activity a;
    a.nowMs = context.nowMs();
    auto &lead = context.run(
        QStringLiteral("SELECT lead_status, expected_value, do_not_contact FROM leads WHERE id = ?"),
        {leadId});
    if (!lead.next()) {
        lead.finish();
        return std::nullopt;
    }
    a.status = lead.value(0).toString();
    if (!lead.value(1).isNull())
        a.expectedValue = lead.value(1).toDouble();
    a.doNotContact = lead.value(2).toInt() != 0;
    lead.finish();

    auto noteInbound = [&a](qint64 at) {
        if (!a.lastInboundAt || at > *a.lastInboundAt)
            a.lastInboundAt = at;
    };
    // The turns of an AI-agent call are messages of the voice thread, but the call is what scores.
    auto &messages = context.run(
        QStringLiteral(
            "SELECT direction, status, created_at FROM messages WHERE lead_id = ? AND id NOT IN "
            "(SELECT message_id FROM call_turns WHERE message_id IS NOT NULL) ORDER BY created_at, id"),
        {leadId});
    std::optional<qint64> lastOutboundAt;
    while (messages.next()) {
        const auto direction = directionFromName(messages.value(0).toString());
        const auto at = messages.value(2).toLongLong();
        if (direction == Direction::Inbound) {
            ++a.replies;
            if (lastOutboundAt && at - *lastOutboundAt <= scoring::fastReplyMs)
                a.repliedFast = true;
            a.unansweredOutbound = 0;
            noteInbound(at);
        } else if (direction == Direction::Outbound) {
            ++a.unansweredOutbound;
            lastOutboundAt = at;
            const auto status = messageStatusFromName(messages.value(1).toString());
            if (status && isFailedMessageStatus(*status))
                ++a.bounces;
        }
    }
    messages.finish();

    auto &events
        = context.run(QStringLiteral("SELECT e.event, COUNT(*), MAX(e.occurred_at) FROM message_events e "
                                     "JOIN messages m ON m.id = e.message_id WHERE m.lead_id = ? "
                                     "GROUP BY e.event"),
            {leadId});
    while (events.next()) {
        const auto engagement = engagementFromName(events.value(0).toString());
        if (!engagement)
            continue;
        (*engagement == Engagement::Opened ? a.opens : a.clicks) += events.value(1).toInt();
        noteInbound(events.value(2).toLongLong());
    }
    events.finish();

    auto &calls = context.run(QStringLiteral("SELECT provider, status, duration_seconds, outcome, "
                                             "COALESCE(ended_at, updated_at) FROM calls WHERE lead_id = ?"),
        {leadId});
    while (calls.next()) {
        const auto status = callStatusFromName(calls.value(1).toString());
        if (!status)
            continue;
        if (isMissedCall(*status)) {
            ++a.missedCalls;
            continue;
        }
        if (*status != CallStatus::Completed)
            continue;
        ++a.completedCalls;
        noteInbound(calls.value(4).toLongLong());
        auto outcome = callOutcomeFromName(calls.value(3).toString());
        if (!outcome && calls.value(0).toString() != elevenLabs
            && calls.value(2).toInt() >= scoring::positiveCallSeconds)
            outcome = CallOutcome::Positive;
        if (outcome == CallOutcome::Positive)
            ++a.positiveCalls;
        else if (outcome == CallOutcome::Negative)
            ++a.negativeCalls;
    }
    calls.finish();

    // The latest AI analysis of the lead's calls and long emails (neutral adds nothing).
    auto &analysis
        = context.run(QStringLiteral("SELECT sentiment FROM ai_analyses WHERE lead_id = ? AND status = ? "
                                     "ORDER BY created_at DESC, id DESC LIMIT 1"),
            {leadId, analysisStatusName(AnalysisStatus::Ok)});
    if (analysis.next()) {
        const auto sentiment = sentimentFromName(analysis.value(0).toString());
        if (sentiment == Sentiment::Positive)
            a.latestSentimentPositive = true;
        else if (sentiment == Sentiment::Negative)
            a.latestSentimentPositive = false;
    }
    analysis.finish();
    return a;
}

std::optional<scoring::Score> LeadScores::recompute(SqlContext &context, qint64 leadId)
{
    const auto found = activity(context, leadId);
    if (!found) {
        context.write(QStringLiteral("DELETE FROM lead_scores WHERE lead_id = ?"), {leadId});
        return std::nullopt;
    }
    auto score = scoring::compute(*found);
    context.write(
        QStringLiteral("INSERT INTO lead_scores(lead_id, score, reasons, computed_at) VALUES(?, ?, ?, ?) "
                       "ON CONFLICT(lead_id) DO UPDATE SET score = excluded.score, "
                       "reasons = excluded.reasons, computed_at = excluded.computed_at"),
        {leadId, score.value,
            QString::fromUtf8(
                QJsonDocument(scoring::reasonsJson(score.reasons)).toJson(QJsonDocument::Compact)),
            context.nowMs()});
    return score;
}

std::optional<StoredScore> LeadScores::stored(SqlContext &context, qint64 leadId)
{
    auto &query = context.run(
        QStringLiteral("SELECT score, reasons, computed_at FROM lead_scores WHERE lead_id = ?"), {leadId});
    std::optional<StoredScore> found;
    if (query.next()) {
        found = StoredScore {leadId, query.value(0).toInt(),
            scoring::reasonsFromJson(QJsonDocument::fromJson(query.value(1).toString().toUtf8()).array()),
            query.value(2).toLongLong()};
    }
    query.finish();
    return found;
}

void LeadScores::addTo(SqlContext &context, qint64 leadId, QJsonObject &lead)
{
    const auto score = stored(context, leadId);
    QJsonArray reasons;
    if (score) {
        for (const auto &reason : score->reasons)
            reasons.append(QJsonObject {
                {QStringLiteral("points"), reason.points}, {QStringLiteral("reason"), reason.text}});
    }
    lead.insert(QStringLiteral("score"), score ? QJsonValue(score->score) : QJsonValue());
    lead.insert(QStringLiteral("scoreReasons"), reasons);
    lead.insert(
        QStringLiteral("scoreComputedAt"), score ? QJsonValue(isoTime(score->computedAt)) : QJsonValue());
}

QList<StatusRule> LeadScores::rules(SqlContext &context)
{
    QList<StatusRule> rules;
    auto &query
        = context.run(QStringLiteral("SELECT id, trigger, from_statuses, to_status, enabled, updated_at "
                                     "FROM lead_status_rules ORDER BY id"),
            {});
    while (query.next()) {
        const auto trigger = statusTriggerFromName(query.value(1).toString());
        if (!trigger)
            continue;
        rules.append(StatusRule {query.value(0).toString(), *trigger, stringList(query.value(2).toString()),
            query.value(3).toString(), query.value(4).toInt() != 0, query.value(5).toLongLong()});
    }
    query.finish();
    return rules;
}

void LeadScores::saveRule(SqlContext &context, const StatusRule &rule)
{
    context.write(
        QStringLiteral("UPDATE lead_status_rules SET from_statuses = ?, to_status = ?, enabled = ?, "
                       "updated_at = ? WHERE id = ?"),
        {QString::fromUtf8(
             QJsonDocument(QJsonArray::fromStringList(rule.fromStatuses)).toJson(QJsonDocument::Compact)),
            rule.toStatus, rule.enabled ? 1 : 0, context.nowMs(), rule.id});
}

bool LeadScores::applyRules(
    SqlContext &context, qint64 leadId, StatusTrigger trigger, const QString &recordId)
{
    const auto record = leads::findRecord(context, leads::leadKind(), leadId);
    if (!record || record->lifecycle != leadLifecycleName(LeadLifecycle::Active))
        return false;
    for (const auto &rule : rules(context)) {
        if (!rule.enabled || rule.trigger != trigger || !rule.fromStatuses.contains(record->leadStatus)
            || rule.toStatus == record->leadStatus)
            continue;
        LeadCall call;
        call.event = QStringLiteral("lead_status_update");
        call.source = automaticSource;
        call.data = QJsonObject {{QStringLiteral("lead_status"), rule.toStatus},
            {QStringLiteral("remarks"), triggerReason(trigger)}};
        call.id = leadId;
        call.recordId = recordId;
        return !isError(leads::updateRecordStatus(context, call, leads::leadKind()));
    }
    return false;
}

void LeadScores::backfill(std::function<void(SqlJob)> submit, QObject *replyContext, int batch)
{
    struct Step
    {
        static void run(
            std::function<void(SqlJob)> submit, QPointer<QObject> replyContext, int batch, qint64 after)
        {
            SqlJob job;
            job.replyContext = replyContext;
            job.run = [batch, after](SqlContext &context) -> ApiResult {
                auto &ids
                    = context.run(QStringLiteral("SELECT id FROM leads WHERE id > ? AND NOT EXISTS "
                                                 "(SELECT 1 FROM lead_scores s WHERE s.lead_id = leads.id) "
                                                 "ORDER BY id LIMIT ?"),
                        {after, batch});
                QList<qint64> found;
                while (ids.next())
                    found.append(ids.value(0).toLongLong());
                ids.finish();
                for (const auto id : found)
                    recompute(context, id);
                const qint64 next = found.size() < batch ? -1 : found.last();
                return ApiResponse::json(200, QJsonObject {{QStringLiteral("next"), next}});
            };
            job.done = [submit, replyContext, batch](const ApiResult &result) {
                const auto *response = std::get_if<ApiResponse>(&result);
                if (!response)
                    return;
                const auto next = QJsonDocument::fromJson(response->body)
                                      .object()
                                      .value(QStringLiteral("next"))
                                      .toInteger();
                if (next > 0)
                    run(submit, replyContext, batch, next);
            };
            submit(std::move(job));
        }
    };
    Step::run(std::move(submit), replyContext, batch, 0);
}

qint64 ScoringRouter::leadOf(const DomainEvent &event)
{
    auto id = event.payload.value(QStringLiteral("leadId")).toInteger();
    if (id <= 0 && event.type.startsWith(QLatin1String("lead.")))
        id = event.payload.value(QStringLiteral("lead_id")).toInteger();
    return id > 0 ? id : 0;
}

int ScoringRouter::route(SqlContext &context, const DomainEvent &event)
{
    const int created = m_inner ? m_inner->route(context, event) : 0;
    const auto leadId = leadOf(event);
    if (leadId == 0 || m_busy)
        return created;
    struct Busy
    {
        explicit Busy(bool &flag)
            : m_flag(flag)
        {
            flag = true;
        }
        ~Busy() { m_flag = false; }
        bool &m_flag;
    } busy(m_busy);

    const auto &payload = event.payload;
    if (event.type == QLatin1String("message.created")) {
        const auto direction = directionFromName(payload.value(QStringLiteral("message"))
                                                     .toObject()
                                                     .value(QStringLiteral("direction"))
                                                     .toString());
        // A caller's turn in an AI-agent call is not a reply: the call's own events score it.
        const bool callTurn
            = payload.value(QStringLiteral("metadata")).toObject().contains(QStringLiteral("callTurn"));
        if (direction == Direction::Inbound && !callTurn)
            LeadScores::applyRules(context, leadId, StatusTrigger::InboundReply, event.source);
    } else if (event.type == QLatin1String("conversation.completed")) {
        // ElevenLabs post-call analysis: the call's outcome as the agent's evaluation says.
        const auto outcome = callOutcomeFromEvaluation(payload.value(QStringLiteral("analysis"))
                                                           .toObject()
                                                           .value(QStringLiteral("call_successful"))
                                                           .toString());
        const auto callId
            = payload.value(QStringLiteral("call")).toObject().value(QStringLiteral("id")).toInteger();
        if (outcome && callId > 0) {
            context.write(QStringLiteral("UPDATE calls SET outcome = ? WHERE id = ?"),
                {callOutcomeName(*outcome), callId});
            if (*outcome == CallOutcome::Positive)
                LeadScores::applyRules(context, leadId, StatusTrigger::PositiveCall, event.source);
        }
    } else if (event.type == QLatin1String("call.completed")) {
        const auto call = payload.value(QStringLiteral("call")).toObject();
        if (call.value(QStringLiteral("provider")).toString() != elevenLabs
            && call.value(QStringLiteral("duration_seconds")).toInt() >= scoring::positiveCallSeconds)
            LeadScores::applyRules(context, leadId, StatusTrigger::PositiveCall, event.source);
    }
    LeadScores::recompute(context, leadId);
    return created;
}

} // namespace sb
