#include "CrmCommands.h"

#include "domain/RecordId.h"
#include "events/DomainEvent.h"
#include "storage/SqlWorker.h"

#include <QJsonDocument>
#include <QVariant>

namespace sb {

namespace {

QVariant optionalText(const QJsonObject &data, const QString &key)
{
    const auto value = data.value(key);
    return value.isString() ? QVariant(value.toString()) : QVariant(QMetaType(QMetaType::QString));
}

ApiError badRequest(const QString &message)
{
    return ApiError{400, message, {}};
}

ApiResponse crmOk(const QString &message, const QJsonObject &data)
{
    return ApiResponse::json(200, QJsonObject{{QStringLiteral("status"), QStringLiteral("success")},
                                              {QStringLiteral("message"), message},
                                              {QStringLiteral("data"), data}});
}

std::optional<ApiError> checkEnum(const QJsonObject &data, const QString &key, const QStringList &allowed)
{
    const auto value = data.value(key);
    if (value.isUndefined() || value.isNull())
        return std::nullopt;
    if (!value.isString() || !allowed.contains(value.toString()))
        return badRequest(QStringLiteral("%1 must be one of: %2").arg(key, allowed.join(QStringLiteral(", "))));
    return std::nullopt;
}

void raise(SqlContext &context, const CrmCall &call, const QString &type, QJsonObject payload)
{
    payload.insert(QStringLiteral("sourceRecordId"), call.recordId);
    context.publish(DomainEvent{newRecordId(u"evt_", context.nowMs()), type, context.nowMs(), call.recordId, payload});
}

ApiResult newLead(SqlContext &context, const CrmCall &call)
{
    const auto &data = call.data;
    for (const auto &[key, allowed] : {std::pair{QStringLiteral("priority"), &leadPriorities()},
                                       std::pair{QStringLiteral("source"), &leadSources()},
                                       std::pair{QStringLiteral("lead_status"), &leadStatuses()}}) {
        if (auto error = checkEnum(data, key, *allowed))
            return *error;
    }
    const auto expected = data.value(QStringLiteral("expected_value"));
    if (!expected.isUndefined() && !expected.isNull() && !expected.isDouble())
        return badRequest(QStringLiteral("expected_value must be a number"));
    const auto status = data.value(QStringLiteral("lead_status")).toString(QStringLiteral("new"));
    const auto now = context.nowMs();
    auto &insert = context.run(
        QStringLiteral("INSERT INTO leads(first_name, last_name, email, phone, company_name, source, priority, "
                       "lead_status, expected_value, assigned_to, attributes, created_at, updated_at) "
                       "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)"),
        {optionalText(data, QStringLiteral("first_name")), optionalText(data, QStringLiteral("last_name")),
         optionalText(data, QStringLiteral("email")), optionalText(data, QStringLiteral("phone")),
         optionalText(data, QStringLiteral("company_name")),
         data.value(QStringLiteral("source")).toString(call.source.isEmpty() ? QStringLiteral("other") : call.source),
         data.value(QStringLiteral("priority")).toString(QStringLiteral("medium")), status,
         expected.isDouble() ? QVariant(expected.toDouble()) : QVariant(QMetaType(QMetaType::Double)),
         data.value(QStringLiteral("assigned_to")).isDouble() ? QVariant(data.value(QStringLiteral("assigned_to")).toInteger())
                                                              : QVariant(QMetaType(QMetaType::LongLong)),
         QString::fromUtf8(QJsonDocument(data).toJson(QJsonDocument::Compact)), now, now});
    const qint64 leadId = insert.lastInsertId().toLongLong();
    context.run(QStringLiteral("INSERT INTO status_history(owner_kind, owner_id, old_status, new_status, remarks, "
                               "source, changed_at) VALUES('lead', ?, NULL, ?, 'created', ?, ?)"),
                {leadId, status, call.source, now});
    auto payload = data;
    payload.insert(QStringLiteral("lead_id"), leadId);
    raise(context, call, QStringLiteral("lead.created"), payload);
    return crmOk(QStringLiteral("Lead created successfully"), {{QStringLiteral("lead_id"), leadId}});
}

} // namespace

const QStringList &leadStatuses()
{
    static const QStringList values{QStringLiteral("new"),         QStringLiteral("contacted"),
                                    QStringLiteral("qualified"),   QStringLiteral("proposal_sent"),
                                    QStringLiteral("negotiation"), QStringLiteral("won"),
                                    QStringLiteral("lost")};
    return values;
}

const QStringList &leadPriorities()
{
    static const QStringList values{QStringLiteral("low"), QStringLiteral("medium"), QStringLiteral("high"),
                                    QStringLiteral("critical")};
    return values;
}

const QStringList &leadSources()
{
    static const QStringList values{QStringLiteral("website"),   QStringLiteral("referral"), QStringLiteral("social_media"),
                                    QStringLiteral("cold_call"), QStringLiteral("walk_in"),  QStringLiteral("whatsapp"),
                                    QStringLiteral("email"),     QStringLiteral("erp"),      QStringLiteral("direct"),
                                    QStringLiteral("other")};
    return values;
}

const QStringList &memoTypes()
{
    static const QStringList values{QStringLiteral("general"), QStringLiteral("follow_up"), QStringLiteral("meeting"),
                                    QStringLiteral("call"), QStringLiteral("email")};
    return values;
}

const QStringList &activityTypes()
{
    static const QStringList values{QStringLiteral("call"), QStringLiteral("email"), QStringLiteral("meeting"),
                                    QStringLiteral("task"), QStringLiteral("note")};
    return values;
}

const std::vector<CrmEventSpec> &crmEvents()
{
    using S = CrmEventSpec::Subject;
    static const std::vector<CrmEventSpec> events{
        {QStringLiteral("new_lead"), QStringLiteral("lead/create"), S::None, newLead},
    };
    return events;
}

} // namespace sb
