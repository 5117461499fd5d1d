#include "LeadMapper.h"

#include "storage/MessagingMapper.h"
#include "storage/RecordColumns.h"

#include <QJsonDocument>
#include <QStringList>

namespace sb {

QString LeadMapper::columns(const QString &alias)
{
    static const QStringList names {QStringLiteral("id"), QStringLiteral("pre_lead_id"),
        QStringLiteral("first_name"), QStringLiteral("last_name"), QStringLiteral("email"),
        QStringLiteral("phone"), QStringLiteral("phone_e164"), QStringLiteral("company_name"),
        QStringLiteral("source"), QStringLiteral("priority"), QStringLiteral("lead_status"),
        QStringLiteral("expected_value"), QStringLiteral("assigned_to"), QStringLiteral("lifecycle"),
        QStringLiteral("discard_reason"), QStringLiteral("loss_reason"), QStringLiteral("customer_id"),
        QStringLiteral("do_not_contact"), QStringLiteral("do_not_contact_reason"),
        QStringLiteral("attributes"), QStringLiteral("created_at"), QStringLiteral("updated_at")};
    return aliasedColumns(names, alias);
}

Lead LeadMapper::fromRecord(const QSqlRecord &record)
{
    const RecordColumns row(record, "leads");
    Lead lead;
    lead.id = row.number("id");
    lead.preLeadId = row.optionalNumber("pre_lead_id");
    lead.firstName = row.text("first_name");
    lead.lastName = row.text("last_name");
    lead.email = row.text("email");
    lead.phone = row.text("phone");
    lead.phoneE164 = row.text("phone_e164");
    lead.companyName = row.text("company_name");
    lead.source = row.text("source");
    row.readEnum("priority", leadPriorityFromName, lead.priority);
    row.readEnum("lead_status", leadStatusFromName, lead.status);
    const auto expected = row.value("expected_value");
    if (expected.isValid() && !expected.isNull())
        lead.expectedValue = expected.toDouble();
    lead.assignedTo = row.optionalNumber("assigned_to");
    row.readEnum("lifecycle", leadLifecycleFromName, lead.lifecycle);
    lead.discardReason = row.text("discard_reason");
    lead.lossReason = row.text("loss_reason");
    lead.customerId = row.optionalNumber("customer_id");
    lead.doNotContact = row.number("do_not_contact") != 0;
    lead.doNotContactReason = row.text("do_not_contact_reason");
    if (row.has("attributes"))
        lead.attributes = QJsonDocument::fromJson(row.text("attributes").toUtf8()).object();
    lead.createdAt = row.number("created_at");
    lead.updatedAt = row.number("updated_at");
    return lead;
}

} // namespace sb
