#include "CallRoutes.h"

#include "OutboundCalls.h"
#include "http/JsonBody.h"
#include "server/RouteTable.h"

namespace sb {

namespace {

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
            return OutboundCalls::queue(
                context, std::get<CallRequest>(read), deps->phoneRegion, deps->environment);
        });
}

} // namespace sb
