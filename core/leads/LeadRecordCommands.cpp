#include "LeadRecordCommands.h"

#include "domain/PhoneNumber.h"
#include "storage/SqlWorker.h"

#include <QSqlRecord>

namespace sb::leads {

namespace {

using T = Field::Type;

const QString active = leadLifecycleName(LeadLifecycle::Active);
const QString discarded = leadLifecycleName(LeadLifecycle::Discarded);
const QString converted = leadLifecycleName(LeadLifecycle::Converted);

// Seed 002 fields of pre-leads and leads that have no column: type-checked, kept in `attributes`.
const Fields &attributeFields()
{
    static const Fields fields {{QStringLiteral("product_interest")}, {QStringLiteral("requirements")},
        {QStringLiteral("city")}, {QStringLiteral("state")}, {QStringLiteral("country")},
        {QStringLiteral("address_line1")}, {QStringLiteral("address_line2")}, {QStringLiteral("zip_code")},
        {QStringLiteral("notes")}, {QStringLiteral("office_timings")}, {QStringLiteral("timezone")},
        {QStringLiteral("designation")}, {QStringLiteral("company_size")},
        {QStringLiteral("industry_id"), T::Integer}, {QStringLiteral("region_id"), T::Integer}};
    return fields;
}

Fields personColumns()
{
    return {{QStringLiteral("first_name")}, {QStringLiteral("last_name")}, {QStringLiteral("email")},
        {QStringLiteral("phone")}, {QStringLiteral("company_name")},
        {QStringLiteral("source"), T::Enum, &leadSources()},
        {QStringLiteral("lead_status"), T::Enum, &leadStatuses()}};
}

QVariant textOrNull(const QString &text)
{
    return text.isNull() ? nullText() : QVariant(text);
}

// The payload minus the column fields and the /incoming subject ids: what goes into `attributes`.
QJsonObject extraFields(const RecordKind &kind, QJsonObject data)
{
    for (const auto &field : kind.columns)
        data.remove(field.key);
    for (const auto &key : subjectKeys())
        data.remove(key);
    return data;
}

QString createDefault(const Field &field, const QString &source)
{
    if (field.key == QLatin1String("lead_status"))
        return leadStatusName(LeadStatus::New);
    if (field.key == QLatin1String("priority"))
        return leadPriorityName(LeadPriority::Medium);
    if (field.key == QLatin1String("source"))
        return source;
    return {};
}

// data.source wins; else the envelope's source when it is one of seed 002's values; else "other".
QString fallbackSource(const LeadCall &call)
{
    return leadSources().contains(call.source) ? call.source : QStringLiteral("other");
}

} // namespace

Fields RecordKind::fields() const
{
    Fields all = columns;
    all.insert(all.end(), attributeFields().begin(), attributeFields().end());
    return all;
}

const RecordKind &preLeadKind()
{
    static const RecordKind kind {QStringLiteral("pre_leads"), QStringLiteral("pre_lead"),
        QStringLiteral("Pre-lead"), personColumns(), QStringLiteral("converted_lead_id"),
        QStringLiteral("lead"),
        // The catalog has no pre_lead.status_changed: a status change is an update.
        QStringLiteral("pre_lead.updated"), false};
    return kind;
}

const RecordKind &leadKind()
{
    static const RecordKind kind {[] {
        RecordKind lead {QStringLiteral("leads"), QStringLiteral("lead"), QStringLiteral("Lead"),
            personColumns(), QStringLiteral("customer_id"), QStringLiteral("customer"),
            QStringLiteral("lead.status_changed"), true};
        lead.columns.push_back({QStringLiteral("priority"), T::Enum, &leadPriorities()});
        lead.columns.push_back({QStringLiteral("expected_value"), T::Money});
        lead.columns.push_back({QStringLiteral("assigned_to"), T::Integer});
        return lead;
    }()};
    return kind;
}

std::optional<StoredRecord> findRecord(SqlContext &context, const RecordKind &kind, qint64 id)
{
    auto &query
        = context.run(QStringLiteral("SELECT * FROM ") + kind.table + QStringLiteral(" WHERE id = ?"), {id});
    if (!query.next()) {
        query.finish();
        return std::nullopt;
    }
    const auto row = query.record();
    query.finish();
    StoredRecord record;
    record.id = id;
    record.leadStatus = row.value(QStringLiteral("lead_status")).toString();
    record.lifecycle = row.value(QStringLiteral("lifecycle")).toString();
    record.convertedTo = row.value(kind.convertedColumn).toLongLong();
    record.attributes = jsonObject(row.value(QStringLiteral("attributes")).toString());
    for (const auto &field : kind.columns) {
        const auto value = row.value(field.key);
        if (!value.isNull())
            record.columns.insert(field.key, QJsonValue::fromVariant(value));
    }
    return record;
}

std::optional<ApiError> requireRecord(SqlContext &context, const RecordKind &kind, qint64 id)
{
    auto &query
        = context.run(QStringLiteral("SELECT 1 FROM ") + kind.table + QStringLiteral(" WHERE id = ?"), {id});
    const bool found = query.next();
    query.finish();
    return found ? std::nullopt : std::optional(notFound(kind.noun + QStringLiteral(" not found")));
}

std::variant<StoredRecord, ApiError> activeRecord(
    SqlContext &context, const RecordKind &kind, qint64 id, const QString &action)
{
    auto record = findRecord(context, kind, id);
    if (!record)
        return notFound(kind.noun + QStringLiteral(" not found"));
    if (record->lifecycle == active)
        return std::move(*record);
    // The lifecycle names are the verbs: "Lead 4 is discarded and cannot be discarded again".
    const QString what = action == record->lifecycle ? action + QStringLiteral(" again") : action;
    if (record->lifecycle == discarded)
        return conflict(
            QStringLiteral("%1 %2 is discarded and cannot be %3").arg(kind.noun).arg(id).arg(what));
    return conflict(QStringLiteral("%1 %2 was converted to %3 %4 and cannot be %5")
                        .arg(kind.noun)
                        .arg(id)
                        .arg(kind.convertsTo)
                        .arg(record->convertedTo)
                        .arg(what));
}

namespace {

// The E.164 lookup key of `data`'s phone, null when there is none or it is not a phone number.
QVariant phoneE164(const QJsonObject &data, const QString &phoneRegion)
{
    const auto phone = data.value(QStringLiteral("phone")).toString().trimmed();
    return textOrNull(phone.isEmpty() ? QString() : PhoneNumber::toE164(phone, phoneRegion));
}

} // namespace

qint64 insertRecord(SqlContext &context, const RecordKind &kind, const QJsonObject &data,
    const QString &source, const QString &remarks, const QString &phoneRegion)
{
    QStringList names;
    QStringList marks;
    QVariantList values;
    QString status;
    for (const auto &field : kind.columns) {
        auto value = bindValue(data, field);
        if (value.isNull()) {
            if (const auto fallback = createDefault(field, source); !fallback.isEmpty())
                value = fallback;
        }
        if (field.key == QLatin1String("lead_status"))
            status = value.toString();
        names.append(field.key);
        marks.append(QStringLiteral("?"));
        values.append(value);
    }
    if (&kind == &leadKind()) {
        names.append(QStringLiteral("phone_e164"));
        marks.append(QStringLiteral("?"));
        values.append(phoneE164(data, phoneRegion));
    }
    const auto now = context.nowMs();
    values << jsonText(extraFields(kind, data)) << now << now;
    const qint64 id = context.write(QStringLiteral("INSERT INTO ") + kind.table + QLatin1Char('(')
            + names.join(QLatin1Char(',')) + QStringLiteral(",attributes,created_at,updated_at) VALUES(")
            + marks.join(QLatin1Char(',')) + QStringLiteral(",?,?,?)"),
        values);
    recordStatusChange(context, kind, id, QString(), status, remarks, source);
    return id;
}

void storeLeadPhone(SqlContext &context, const RecordKind &kind, qint64 id, const QJsonObject &data,
    const QString &phoneRegion)
{
    if (&kind != &leadKind() || data.value(QStringLiteral("phone")).toString().trimmed().isEmpty())
        return;
    context.write(
        QStringLiteral("UPDATE leads SET phone_e164 = ? WHERE id = ?"), {phoneE164(data, phoneRegion), id});
}

void recordStatusChange(SqlContext &context, const RecordKind &kind, qint64 id, const QString &oldStatus,
    const QString &newStatus, const QVariant &remarks, const QString &source, const QVariant &statusDate)
{
    context.write(
        QStringLiteral("INSERT INTO status_history(owner_kind, owner_id, old_status, new_status, remarks, "
                       "status_date, source, changed_at) VALUES(?,?,?,?,?,?,?,?)"),
        {kind.owner, id, textOrNull(oldStatus), newStatus, remarks, statusDate, textOrNull(source),
            context.nowMs()});
}

QJsonObject recordPayload(SqlContext &context, const RecordKind &kind, qint64 id)
{
    auto payload = rowJson(context, kind.table, id);
    payload.insert(kind.idKey(), id);
    return payload;
}

// A create needs something to reach the person by or to call them: a name, company, email or phone.
ApiResult createRecord(SqlContext &context, const LeadCall &call, const RecordKind &kind)
{
    if (auto error = validate(call.data, kind.fields()))
        return *error;
    if (auto error = requireAnyOf(call.data,
            {QStringLiteral("first_name"), QStringLiteral("last_name"), QStringLiteral("company_name"),
                QStringLiteral("email"), QStringLiteral("phone")}))
        return *error;
    const qint64 id = insertRecord(
        context, kind, call.data, fallbackSource(call), QStringLiteral("created"), call.phoneRegion);
    raise(context, call, kind.event(QStringLiteral("created")), {{kind.idKey(), id}},
        [&] { return recordPayload(context, kind, id); });
    return crmOk(kind.noun + QStringLiteral(" created successfully"), {{kind.idKey(), id}});
}

// A partial update: only the fields given change (null counts as not given).
ApiResult updateRecord(SqlContext &context, const LeadCall &call, const RecordKind &kind)
{
    if (auto error = validate(call.data, kind.fields()))
        return *error;
    bool anyField = false;
    for (auto it = call.data.begin(); it != call.data.end() && !anyField; ++it)
        anyField = !subjectKeys().contains(it.key()) && isGiven(it.value());
    if (!anyField)
        return badRequest(QStringLiteral("data has no fields to update"));
    auto found = activeRecord(context, kind, call.id, QStringLiteral("updated"));
    if (const auto *error = std::get_if<ApiError>(&found))
        return *error;
    const auto &record = std::get<StoredRecord>(found);

    QStringList assignments;
    QVariantList values;
    for (const auto &field : kind.columns) {
        assignments.append(QStringLiteral("%1 = COALESCE(?, %1)").arg(field.key));
        values.append(bindValue(call.data, field));
    }
    auto attributes = record.attributes;
    const auto extra = extraFields(kind, call.data);
    for (auto it = extra.begin(); it != extra.end(); ++it) {
        if (isGiven(it.value()))
            attributes.insert(it.key(), it.value());
    }
    values << jsonText(attributes) << context.nowMs() << call.id;
    context.run(QStringLiteral("UPDATE ") + kind.table + QStringLiteral(" SET ")
            + assignments.join(QStringLiteral(", "))
            + QStringLiteral(", attributes = ?, updated_at = ? WHERE id = ?"),
        values);
    storeLeadPhone(context, kind, call.id, call.data, call.phoneRegion);

    QJsonObject fields {{kind.idKey(), call.id}};
    const auto newStatus = call.data.value(QStringLiteral("lead_status")).toString();
    const bool statusChanged = !newStatus.isEmpty() && newStatus != record.leadStatus;
    if (statusChanged) {
        recordStatusChange(
            context, kind, call.id, record.leadStatus, newStatus, QStringLiteral("updated"), call.source);
        fields.insert(QStringLiteral("old_status"), record.leadStatus);
        fields.insert(QStringLiteral("new_status"), newStatus);
    }
    const auto full = [&] { return recordPayload(context, kind, call.id); };
    raise(context, call, kind.event(QStringLiteral("updated")), fields, full);
    if (statusChanged && kind.statusEvent != kind.event(QStringLiteral("updated")))
        raise(context, call, kind.statusEvent, fields, full);
    return crmOk(kind.noun + QStringLiteral(" updated successfully"), {{kind.idKey(), call.id}});
}

// Discarding keeps lead_status as it was; the lifecycle says discarded and status_history gets a
// 'discarded' row with the reason.
ApiResult discardRecord(SqlContext &context, const LeadCall &call, const RecordKind &kind)
{
    Fields fields {{QStringLiteral("reason")}};
    if (kind.hasLossReason)
        fields.push_back({QStringLiteral("loss_reason")});
    if (auto error = validate(call.data, fields))
        return *error;
    auto found = activeRecord(context, kind, call.id, QStringLiteral("discarded"));
    if (const auto *error = std::get_if<ApiError>(&found))
        return *error;
    const auto &record = std::get<StoredRecord>(found);
    const auto reason = bindValue(call.data, fields.front());
    QVariantList values {discarded, reason};
    if (kind.hasLossReason)
        values.append(bindValue(call.data, fields.back()));
    values << context.nowMs() << call.id;
    context.run(QStringLiteral("UPDATE ") + kind.table
            + QStringLiteral(" SET lifecycle = ?, discard_reason = ?")
            + (kind.hasLossReason ? QStringLiteral(", loss_reason = ?") : QString())
            + QStringLiteral(", updated_at = ? WHERE id = ?"),
        values);
    recordStatusChange(context, kind, call.id, record.leadStatus, discarded, reason, call.source);
    raise(context, call, kind.event(QStringLiteral("discarded")), {{kind.idKey(), call.id}},
        [&] { return recordPayload(context, kind, call.id); });
    return crmOk(kind.noun + QStringLiteral(" discarded successfully"), {{kind.idKey(), call.id}});
}

// A status update to the status the record already has is accepted and recorded in status_history
// (a CRM re-sending a status usually carries new remarks worth keeping), but raises no event:
// nothing changed for subscribers.
ApiResult updateRecordStatus(SqlContext &context, const LeadCall &call, const RecordKind &kind)
{
    static const Fields fields {{QStringLiteral("lead_status"), T::Enum, &leadStatuses(), true},
        {QStringLiteral("remarks")}, {QStringLiteral("status_date"), T::DateTime}};
    if (auto error = validate(call.data, fields))
        return *error;
    auto found = activeRecord(context, kind, call.id, QStringLiteral("updated"));
    if (const auto *error = std::get_if<ApiError>(&found))
        return *error;
    const auto &record = std::get<StoredRecord>(found);
    const auto newStatus = call.data.value(QStringLiteral("lead_status")).toString();
    if (newStatus != record.leadStatus) {
        context.run(QStringLiteral("UPDATE ") + kind.table
                + QStringLiteral(" SET lead_status = ?, updated_at = ? WHERE id = ?"),
            {newStatus, context.nowMs(), call.id});
    }
    recordStatusChange(context, kind, call.id, record.leadStatus, newStatus, bindValue(call.data, fields[1]),
        call.source, bindValue(call.data, fields[2]));
    if (newStatus != record.leadStatus) {
        raise(context, call, kind.statusEvent,
            {{kind.idKey(), call.id}, {QStringLiteral("old_status"), record.leadStatus},
                {QStringLiteral("new_status"), newStatus}},
            [&] { return recordPayload(context, kind, call.id); });
    }
    return crmOk(kind.noun + QStringLiteral(" status updated successfully"),
        {{kind.idKey(), call.id}, {QStringLiteral("old_status"), record.leadStatus},
            {QStringLiteral("new_status"), newStatus}});
}

// One primary contact per record: a new primary one demotes the others.
ApiResult addContact(SqlContext &context, const LeadCall &call, const RecordKind &kind)
{
    static const Fields fields {{QStringLiteral("first_name")}, {QStringLiteral("last_name")},
        {QStringLiteral("email")}, {QStringLiteral("phone")}, {QStringLiteral("designation")},
        {QStringLiteral("department")}, {QStringLiteral("is_primary"), T::Bool}};
    if (auto error = validate(call.data, fields))
        return *error;
    if (auto error = requireAnyOf(call.data,
            {QStringLiteral("first_name"), QStringLiteral("last_name"), QStringLiteral("email"),
                QStringLiteral("phone")}))
        return *error;
    if (auto error = requireRecord(context, kind, call.id))
        return *error;
    const bool primary = call.data.value(QStringLiteral("is_primary")).toBool(false);
    if (primary) {
        context.run(
            QStringLiteral("UPDATE contacts SET is_primary = 0 WHERE owner_kind = ? AND owner_id = ?"),
            {kind.owner, call.id});
    }
    QVariantList values {kind.owner, call.id};
    for (int i = 0; i < 6; ++i)
        values.append(bindValue(call.data, fields[i]));
    values << (primary ? 1 : 0) << context.nowMs();
    auto &insert = context.run(
        QStringLiteral("INSERT INTO contacts(owner_kind, owner_id, first_name, last_name, email, "
                       "phone, designation, department, is_primary, created_at) "
                       "VALUES(?,?,?,?,?,?,?,?,?,?)"),
        values);
    const qint64 contactId = insert.lastInsertId().toLongLong();
    raise(context, call, QStringLiteral("contact.created"),
        {{QStringLiteral("contact_id"), contactId}, {kind.idKey(), call.id}},
        [&] { return rowJson(context, QStringLiteral("contacts"), contactId); });
    return crmOk(QStringLiteral("Contact added successfully"),
        {{QStringLiteral("contact_id"), contactId}, {kind.idKey(), call.id}});
}

ApiResult addMemo(SqlContext &context, const LeadCall &call, const RecordKind &kind)
{
    static const Fields fields {{QStringLiteral("title")},
        {QStringLiteral("content"), T::Text, nullptr, true},
        {QStringLiteral("memo_type"), T::Enum, &memoTypes()}};
    if (auto error = validate(call.data, fields))
        return *error;
    if (auto error = requireRecord(context, kind, call.id))
        return *error;
    auto &insert
        = context.run(QStringLiteral("INSERT INTO memos(owner_kind, owner_id, title, content, memo_type, "
                                     "created_at) VALUES(?,?,?,?,?,?)"),
            {kind.owner, call.id, bindValue(call.data, fields[0]), bindValue(call.data, fields[1]),
                call.data.value(QStringLiteral("memo_type")).toString(QStringLiteral("general")),
                context.nowMs()});
    const qint64 memoId = insert.lastInsertId().toLongLong();
    raise(context, call, QStringLiteral("memo.added"),
        {{QStringLiteral("memo_id"), memoId}, {kind.idKey(), call.id}},
        [&] { return rowJson(context, QStringLiteral("memos"), memoId); });
    return crmOk(QStringLiteral("Memo added successfully"),
        {{QStringLiteral("memo_id"), memoId}, {kind.idKey(), call.id}});
}

} // namespace sb::leads
