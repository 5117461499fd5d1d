#include "OutboundCalls.h"

#include "ServiceResolver.h"
#include "domain/PhoneNumber.h"
#include "storage/LeadDirectory.h"
#include "storage/LiveCalls.h"
#include "storage/MessagingRepository.h"
#include "storage/OutboxRepository.h"
#include "storage/SqlWorker.h"

#include <QUuid>

namespace sb {

namespace {

// How many messages and calls of the lead's history the agent is given.
constexpr int historyLines = 10;

ApiError doNotContact(const Lead &lead)
{
    return ApiError {ErrorKind::Conflict,
        QStringLiteral("Lead %1 is marked do-not-contact%2; no call was placed")
            .arg(QString::number(lead.id),
                lead.doNotContactReason.isEmpty()
                    ? QString()
                    : QStringLiteral(" (") + lead.doNotContactReason + QLatin1Char(')'))};
}

} // namespace

ApiResult OutboundCalls::queue(SqlContext &context, const CallRequest &call, const QString &phoneRegion,
    const QProcessEnvironment &environment)
{
    // The number to call.
    QString to;
    if (!call.toNumber.isEmpty()) {
        to = call.toNumber.startsWith(QLatin1Char('+')) ? PhoneNumber::toE164(call.toNumber, phoneRegion)
                                                        : QString();
        if (to.isEmpty())
            return ApiError {ErrorKind::BadRequest,
                QStringLiteral("toNumber must be an E.164 phone number such as +14155550100, not '%1'")
                    .arg(call.toNumber)};
    }
    // The lead.
    std::optional<Lead> lead;
    if (call.leadId) {
        lead = LeadDirectory::lead(context, *call.leadId);
        if (!lead)
            return ApiError {ErrorKind::NotFound, QStringLiteral("Lead %1 not found").arg(*call.leadId)};
        if (to.isEmpty())
            to = lead->phoneE164.isEmpty() ? PhoneNumber::toE164(lead->phone, phoneRegion) : lead->phoneE164;
        if (to.isEmpty())
            return ApiError {
                ErrorKind::BadRequest, QStringLiteral("Lead %1 has no phone number to call").arg(lead->id)};
    } else {
        auto match = LeadDirectory::findByPhone(context, to);
        if (!match)
            match = LeadDirectory::forPhone(context, to, QStringLiteral("api"), {});
        lead = LeadDirectory::lead(context, match->id);
        if (!lead)
            return ApiError {
                ErrorKind::Internal, QStringLiteral("the lead for %1 could not be read").arg(to)};
    }
    if (lead->doNotContact)
        return doNotContact(*lead);
    // The service: ElevenLabs from the environment.
    auto resolved = ServiceResolver::resolve(context, Channel::Voice, std::nullopt, environment);
    if (std::holds_alternative<ApiError>(resolved))
        return std::get<ApiError>(resolved);
    const auto &service = std::get<ExternalService>(resolved);

    // What the agent starts with; the caller's variables win over ours.
    QJsonObject variables {{QStringLiteral("lead_id"), QString::number(lead->id)},
        {QStringLiteral("lead_name"), lead->name()}, {QStringLiteral("first_name"), lead->firstName},
        {QStringLiteral("last_name"), lead->lastName}, {QStringLiteral("company_name"), lead->companyName},
        {QStringLiteral("recent_history"),
            MessagingRepository::recentHistory(context, lead->id, historyLines)}};
    for (auto it = call.dynamicVariables.begin(); it != call.dynamicVariables.end(); ++it)
        variables.insert(it.key(), it.value());
    QJsonObject extra {{QStringLiteral("dynamic_variables"), variables}};
    if (!call.agentId.isEmpty())
        extra.insert(QStringLiteral("agent_id"), call.agentId);
    if (!call.agentPhoneNumberId.isEmpty())
        extra.insert(QStringLiteral("agent_phone_number_id"), call.agentPhoneNumberId);

    const QString key
        = OutboundCalls::provisionalPrefix() + QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString provider = serviceProviderName(service.provider);

    // The call row, in the voice thread at once.
    CallUpdate row;
    row.provider = provider;
    row.callRef = key;
    row.leadId = lead->id;
    row.direction = QStringLiteral("outbound-api");
    row.to = to;
    row.status = CallStatus::Queued;
    row.metadata = QJsonObject {{QStringLiteral("agentId"),
        call.agentId.isEmpty() ? service.config.value(QStringLiteral("agent_id")).toString() : call.agentId}};
    auto callJson = MessagingRepository::upsertCall(context, row);

    // The outbox holds messages: the call's request is one, in the same voice thread.
    NewMessage message;
    message.leadId = lead->id;
    message.channel = Channel::Voice;
    message.direction = Direction::Outbound;
    message.provider = provider;
    message.providerMessageId = key;
    message.to = to;
    message.body = QStringLiteral("AI agent call");
    message.status = MessageStatus::Queued;
    const auto created = MessagingRepository::addMessage(context, message);

    OutboxEntry entry;
    entry.messageId = created.value(QStringLiteral("id")).toInteger();
    entry.serviceId = service.id;
    entry.provider = provider;
    entry.channel = Channel::Voice;
    entry.request = QJsonObject {
        {QStringLiteral("to"), to}, {QStringLiteral("body"), message.body}, {QStringLiteral("extra"), extra}};
    entry.idempotencyKey = key;
    OutboxRepository::enqueue(context, entry);

    return ApiResponse::json(202,
        QJsonObject {{QStringLiteral("success"), true}, {QStringLiteral("leadId"), lead->id},
            {QStringLiteral("callId"), callJson.value(QStringLiteral("id"))},
            {QStringLiteral("messageId"), entry.messageId}, {QStringLiteral("outboxId"), entry.id},
            {QStringLiteral("status"), callStatusName(CallStatus::Queued)},
            {QStringLiteral("call"), callJson}});
}

void OutboundCalls::recordOutcome(SqlContext &context, const OutboxEntry &entry, OutboxStatus status,
    const QString &conversationId, const QString &callSid, const QString &error)
{
    if (entry.channel != Channel::Voice)
        return;
    if (status != OutboxStatus::Sent && status != OutboxStatus::Failed && status != OutboxStatus::Unknown)
        return;
    QString reference = entry.idempotencyKey;
    if (status == OutboxStatus::Sent && !conversationId.isEmpty()) {
        // A post-call webhook that arrived first created its own row: keep that one.
        auto &existing
            = context.run(QStringLiteral("SELECT id FROM calls WHERE provider = ? AND call_ref = ?"),
                {entry.provider, conversationId});
        const bool known = existing.next();
        existing.finish();
        if (!known)
            context.write(QStringLiteral("UPDATE calls SET call_ref = ? WHERE provider = ? AND call_ref = ?"),
                {conversationId, entry.provider, entry.idempotencyKey});
        reference = conversationId;
    }
    CallUpdate update;
    update.provider = entry.provider;
    update.callRef = reference;
    update.direction = QStringLiteral("outbound-api");
    update.to = entry.request.value(QStringLiteral("to")).toString();
    update.status = status == OutboxStatus::Sent ? CallStatus::Initiated : CallStatus::Failed;
    QJsonObject metadata {{QStringLiteral("outboxId"), entry.id}};
    if (!conversationId.isEmpty())
        metadata.insert(QStringLiteral("conversationId"), conversationId);
    if (!callSid.isEmpty())
        metadata.insert(QStringLiteral("callSid"), callSid);
    if (!error.isEmpty())
        metadata.insert(QStringLiteral("error"), error);
    update.metadata = metadata;
    const auto call = MessagingRepository::upsertCall(context, update);
    // The Twilio call that carries the conversation: its completed status ends the conversation too.
    LiveCalls::linkCall(context, call.value(QStringLiteral("id")).toInteger(), callSid);
}

} // namespace sb
