#include "CallRoutes.h"

#include "OutboundCalls.h"
#include "ServiceResolver.h"
#include "domain/PhoneNumber.h"
#include "http/JsonBody.h"
#include "server/RouteTable.h"
#include "storage/LeadDirectory.h"
#include "storage/MessagingRepository.h"
#include "storage/OutboxRepository.h"
#include "storage/SqlWorker.h"

#include <QUuid>

namespace sb {

namespace {

// How many messages and calls of the lead's history the agent is given.
constexpr int historyLines = 10;

struct CallRequest
{
    std::optional<qint64> leadId;
    QString toNumber;
    QString agentId;
    QString agentPhoneNumberId;
    QJsonObject dynamicVariables;
};

std::optional<qint64> positiveId(const QJsonValue &value)
{
    if (value.isDouble() && value.toDouble() >= 1 && value.toDouble() == double(qint64(value.toDouble())))
        return qint64(value.toDouble());
    if (value.isString()) {
        bool ok = false;
        const auto id = value.toString().toLongLong(&ok);
        if (ok && id > 0)
            return id;
    }
    return std::nullopt;
}

QString optionalText(const QJsonObject &body, const QString &name, QStringList &problems)
{
    const auto value = body.value(name);
    if (value.isUndefined() || value.isNull())
        return {};
    if (!value.isString()) {
        problems.append(name + QStringLiteral(" must be a string"));
        return {};
    }
    return value.toString().trimmed();
}

std::variant<CallRequest, ApiError> readRequest(const ApiRequest &request)
{
    auto parsed = JsonBody::object(request.body);
    if (std::holds_alternative<ApiError>(parsed))
        return std::get<ApiError>(parsed);
    const auto &body = std::get<QJsonObject>(parsed);
    QStringList problems;
    CallRequest call;
    const auto lead = body.value(QStringLiteral("leadId"));
    if (!lead.isUndefined() && !lead.isNull()) {
        call.leadId = positiveId(lead);
        if (!call.leadId)
            problems.append(QStringLiteral("leadId must be a positive integer"));
    }
    call.toNumber = optionalText(body, QStringLiteral("toNumber"), problems);
    call.agentId = optionalText(body, QStringLiteral("agentId"), problems);
    call.agentPhoneNumberId = optionalText(body, QStringLiteral("agentPhoneNumberId"), problems);
    const auto variables = body.value(QStringLiteral("dynamicVariables"));
    if (!variables.isUndefined() && !variables.isNull()) {
        if (!variables.isObject()) {
            problems.append(QStringLiteral("dynamicVariables must be an object"));
        } else {
            call.dynamicVariables = variables.toObject();
            for (auto it = call.dynamicVariables.begin(); it != call.dynamicVariables.end(); ++it) {
                // ElevenLabs takes strings, numbers and booleans.
                if (!it.value().isString() && !it.value().isDouble() && !it.value().isBool())
                    problems.append(QStringLiteral("dynamicVariables.%1 must be a string, number or boolean")
                                        .arg(it.key()));
            }
        }
    }
    if (!call.leadId && call.toNumber.isEmpty() && problems.isEmpty())
        problems.append(QStringLiteral("leadId or toNumber is required"));
    if (!problems.isEmpty())
        return ApiError {ErrorKind::BadRequest, problems.join(QStringLiteral("; "))};
    return call;
}

ApiError doNotContact(const Lead &lead)
{
    return ApiError {ErrorKind::Conflict,
        QStringLiteral("Lead %1 is marked do-not-contact%2; no call was placed")
            .arg(QString::number(lead.id),
                lead.doNotContactReason.isEmpty()
                    ? QString()
                    : QStringLiteral(" (") + lead.doNotContactReason + QLatin1Char(')'))};
}

ApiResult queueCall(SqlContext &context, const CallRequest &call, const CallDependencies &dependencies)
{
    // The number to call.
    QString to;
    if (!call.toNumber.isEmpty()) {
        to = call.toNumber.startsWith(QLatin1Char('+'))
            ? PhoneNumber::toE164(call.toNumber, dependencies.phoneRegion)
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
            to = lead->phoneE164.isEmpty() ? PhoneNumber::toE164(lead->phone, dependencies.phoneRegion)
                                           : lead->phoneE164;
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
    auto resolved = ServiceResolver::resolve(context, Channel::Voice, std::nullopt, dependencies.environment);
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

} // namespace

void registerCallRoutes(Router &router, const CallDependencies &dependencies)
{
    const auto deps = std::make_shared<CallDependencies>(dependencies);
    routes::addCommand(router, "POST", QStringLiteral("/api/elevenlabs/outbound-call"),
        ApiFamily::Communications, QStringLiteral("elevenlabs.outbound-call"),
        [deps](SqlContext &context, const ApiRequest &request) -> ApiResult {
            auto read = readRequest(request);
            if (std::holds_alternative<ApiError>(read))
                return std::get<ApiError>(read);
            return queueCall(context, std::get<CallRequest>(read), *deps);
        });
}

} // namespace sb
