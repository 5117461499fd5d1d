#include "LeadDirectory.h"

#include "storage/LeadMapper.h"
#include "storage/SqlWorker.h"

#include <QSqlRecord>
#include <QVariant>

namespace sb {

namespace {

const QString leadColumns = QStringLiteral("id, first_name, last_name, do_not_contact");

std::optional<LeadMatch> firstMatch(QSqlQuery &query)
{
    std::optional<LeadMatch> match;
    if (query.next()) {
        const auto found = LeadMapper::fromRecord(query.record());
        LeadMatch lead;
        lead.id = found.id;
        lead.name = found.name();
        lead.doNotContact = found.doNotContact;
        match = lead;
    }
    query.finish();
    return match;
}

LeadMatch create(SqlContext &context, const QString &firstName, const QString &lastName, const QString &email,
    const QString &phone, const QString &source, const QString &recordId)
{
    const auto now = context.nowMs();
    auto &insert = context.run(
        QStringLiteral(
            "INSERT INTO leads(first_name, last_name, email, phone, phone_e164, source, lead_status, "
            "created_at, updated_at) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        {firstName.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(firstName),
            lastName.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(lastName),
            email.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(email),
            phone.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(phone),
            phone.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(phone), source,
            leadStatusName(LeadStatus::New), now, now});
    LeadMatch lead;
    lead.id = insert.lastInsertId().toLongLong();
    lead.created = true;
    lead.name = QStringList {firstName, lastName}.join(QLatin1Char(' ')).trimmed();
    context.run(
        QStringLiteral("INSERT INTO status_history(owner_kind, owner_id, old_status, new_status, source, "
                       "changed_at) VALUES('lead', ?, NULL, ?, ?, ?)"),
        {lead.id, leadStatusName(LeadStatus::New), source, now});
    auto payload = LeadDirectory::leadJson(context, lead.id);
    context.raise(QStringLiteral("lead.created"), recordId,
        {{QStringLiteral("lead"), payload}, {QStringLiteral("leadId"), lead.id},
            {QStringLiteral("source"), source}});
    return lead;
}

} // namespace

std::optional<LeadMatch> LeadDirectory::findByPhone(SqlContext &context, const QString &e164)
{
    if (e164.isEmpty())
        return std::nullopt;
    auto &query = context.run(QStringLiteral("SELECT ") + leadColumns
            + QStringLiteral(" FROM leads WHERE phone_e164 = ? OR (phone_e164 IS NULL AND phone = ?) "
                             "ORDER BY lifecycle = ? DESC, id LIMIT 1"),
        {e164, e164, leadLifecycleName(LeadLifecycle::Active)});
    return firstMatch(query);
}

std::optional<LeadMatch> LeadDirectory::findByEmail(SqlContext &context, const QString &email)
{
    if (email.isEmpty())
        return std::nullopt;
    auto &query = context.run(QStringLiteral("SELECT ") + leadColumns
            + QStringLiteral(" FROM leads WHERE lower(email) = lower(?) "
                             "ORDER BY lifecycle = ? DESC, id LIMIT 1"),
        {email.trimmed(), leadLifecycleName(LeadLifecycle::Active)});
    return firstMatch(query);
}

LeadMatch LeadDirectory::forPhone(
    SqlContext &context, const QString &e164, const QString &source, const QString &recordId)
{
    if (auto found = findByPhone(context, e164))
        return *found;
    return create(context, {}, {}, {}, e164, source, recordId);
}

LeadMatch LeadDirectory::forEmail(SqlContext &context, const QString &email, const QString &displayName,
    const QString &source, const QString &recordId)
{
    if (auto found = findByEmail(context, email))
        return *found;
    const auto name = displayName.trimmed();
    const auto space = name.lastIndexOf(QLatin1Char(' '));
    const auto first = space < 0 ? name : name.left(space);
    const auto last = space < 0 ? QString() : name.mid(space + 1);
    return create(context, first, last, email.trimmed(), {}, source, recordId);
}

void LeadDirectory::markDoNotContact(
    SqlContext &context, qint64 leadId, const QString &reason, const QString &recordId)
{
    const auto now = context.nowMs();
    auto &update = context.run(
        QStringLiteral("UPDATE leads SET do_not_contact = 1, do_not_contact_reason = ?, "
                       "do_not_contact_at = ?, updated_at = ? WHERE id = ? AND do_not_contact = 0"),
        {reason, now, now, leadId});
    if (update.numRowsAffected() <= 0)
        return;
    context.raise(QStringLiteral("lead.updated"), recordId,
        {{QStringLiteral("lead"), leadJson(context, leadId)}, {QStringLiteral("leadId"), leadId},
            {QStringLiteral("changes"),
                QJsonObject {{QStringLiteral("do_not_contact"), true},
                    {QStringLiteral("do_not_contact_reason"), reason}}}});
}

std::optional<Lead> LeadDirectory::lead(SqlContext &context, qint64 leadId)
{
    auto &query = context.run(
        QStringLiteral("SELECT ") + LeadMapper::columns() + QStringLiteral(" FROM leads WHERE id = ?"),
        {leadId});
    std::optional<Lead> found;
    if (query.next())
        found = LeadMapper::fromRecord(query.record());
    query.finish();
    return found;
}

QJsonObject LeadDirectory::leadJson(SqlContext &context, qint64 leadId)
{
    auto &query = context.run(
        QStringLiteral("SELECT id, first_name, last_name, email, phone, phone_e164, "
                       "company_name, source, lead_status, do_not_contact FROM leads WHERE id = ?"),
        {leadId});
    QJsonObject json;
    if (query.next()) {
        const auto record = query.record();
        for (int i = 0; i < record.count(); ++i) {
            const auto value = record.value(i);
            if (record.fieldName(i) == QLatin1String("do_not_contact"))
                json.insert(record.fieldName(i), value.toInt() != 0);
            else if (record.fieldName(i) == QLatin1String("id"))
                json.insert(record.fieldName(i), value.toLongLong());
            else
                json.insert(
                    record.fieldName(i), value.isNull() ? QJsonValue() : QJsonValue(value.toString()));
        }
    }
    query.finish();
    return json;
}

} // namespace sb
