#pragma once

#include "SendCommands.h"
#include "domain/Handover.h"
#include "http/HttpTypes.h"
#include "storage/SqlWorker.h"

#include <QJsonObject>
#include <QList>
#include <optional>
#include <variant>

namespace sb {

// Who takes a handover and how that person hears of it, stored in `settings` under handover/…:
// the default rep (when the lead has no assigned_to), and an optional SMS or email to the rep queued
// in the outbox with the handover (off by default).
struct HandoverSettings
{
    enum class Notify
    {
        Off,
        Sms,
        Email
    };
    QString defaultRep;
    Notify notify = Notify::Off;
    QString repPhone; // E.164, for Notify::Sms
    QString repEmail; // for Notify::Email
    std::optional<qint64> serviceId; // the external service; none: the default for the channel

    static QString notifyName(Notify notify);
    static std::optional<Notify> notifyFromName(QStringView name);
    static HandoverSettings load(SqlContext &context);
    // Writes the members of `patch` (defaultRep, notify, repPhone, repEmail, serviceId; null removes)
    // after checking them all: the error names the first wrong one and nothing is written then.
    static std::optional<QString> save(SqlContext &context, const QJsonObject &patch);
    QJsonObject toJson() const;
};

// One rule's verdict on a conversation.
struct RuleVerdict
{
    QString rule;
    HandoverRuleKind kind = HandoverRuleKind::Keywords;
    bool matched = false;
    QString reason; // why it matched, or why not

    QJsonObject toJson() const;
};

// The database side of handovers (tables handovers and handover_rules, schema 18).
namespace Handovers {

QList<HandoverRule> rules(SqlContext &context);
void saveRule(SqlContext &context, const HandoverRule &rule);

std::optional<Handover> find(SqlContext &context, qint64 id);
// The conversation's open (or accepted) handover, if any.
std::optional<Handover> active(SqlContext &context, qint64 conversationId);

// Evaluates the enabled rules other than ai_intent on the conversation: keywords on `messageBody`
// (the latest inbound message when not given), the others on the conversation's state. Every enabled
// rule gives a verdict, in id order.
QList<RuleVerdict> evaluate(
    SqlContext &context, qint64 conversationId, const std::optional<QString> &messageBody = std::nullopt);
// The latest inbound message of the conversation: id and body.
std::optional<std::pair<qint64, QString>> latestInbound(SqlContext &context, qint64 conversationId);

// Opens a handover for the first matched verdict unless the conversation has one open or accepted
// already (then nothing is added and nullopt is returned). In the same transaction: the assigned
// rep, `conversation.handover` raised (recordId: what caused it), and the rep's notification queued
// in the outbox when the settings ask for one (idempotency key handover:<id>).
std::optional<Handover> open(SqlContext &context, qint64 conversationId, const RuleVerdict &verdict,
    std::optional<qint64> messageId, const QString &recordId, const SendSettings &settings);

// PUT /api/handovers/{id}: to `state` (409 naming the current state on an illegal move) and/or a new
// assignee; 404 for an unknown id.
std::variant<Handover, ApiError> update(SqlContext &context, qint64 id, std::optional<HandoverState> state,
    std::optional<QString> assignedTo, const QString &recordId);

} // namespace Handovers

// The writer's event router with handovers on top: after `inner` (scoring, then the fan-out) has
// routed an inbound `message.created`, the rules are evaluated on that message in the same
// transaction and a handover opened for the first that matched.
class HandoverRouter final : public EventRouter
{
public:
    explicit HandoverRouter(EventRouter *inner)
        : m_inner(inner)
    { }
    void setSendSettings(SendSettings settings) { m_settings = std::move(settings); }
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

private:
    EventRouter *m_inner;
    SendSettings m_settings;
    bool m_busy = false; // writer thread only
};

} // namespace sb
