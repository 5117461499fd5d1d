#pragma once

#include "LeadCommandSupport.h"

#include <variant>

namespace sb::leads {

// What sets a pre-lead apart from a lead in the operations both have (create, update, discard,
// status, contacts, memos): seed 002 gives them the same fields, answers and rules.
struct RecordKind
{
    QString table; // pre_leads | leads
    QString owner; // pre_lead | lead: owner_kind in contacts/memos/status_history, event prefix
    QString noun; // Pre-lead | Lead, as in "Lead not found"
    Fields columns; // payload fields with a column of their own, in statement order
    QString convertedColumn; // converted_lead_id | customer_id
    QString convertsTo; // lead | customer, named when a converted record is refused
    QString statusEvent; // raised when lead_status changes
    bool hasLossReason = false;

    QString idKey() const { return owner + QStringLiteral("_id"); }
    QString event(const QString &what) const { return owner + QLatin1Char('.') + what; }
    // Columns plus the known fields kept in `attributes`: everything a create or update checks.
    Fields fields() const;
};

const RecordKind &preLeadKind();
const RecordKind &leadKind();

// What the shared operations need of one stored pre-lead or lead.
struct StoredRecord
{
    qint64 id = 0;
    QString leadStatus;
    QString lifecycle; // active | discarded | converted
    qint64 convertedTo = 0;
    QJsonObject columns; // the kind's column fields that are set, payload-shaped
    QJsonObject attributes; // everything else the payloads carried
};

std::optional<StoredRecord> findRecord(SqlContext &context, const RecordKind &kind, qint64 id);
// 404 unless the record exists: all that adding a contact, memo, activity or profile needs.
std::optional<ApiError> requireRecord(SqlContext &context, const RecordKind &kind, qint64 id);
// The record, if it exists (else 404) and is still active (else 409 saying why it cannot be
// `action`, e.g. "updated"). A discarded or converted record is history: only contacts, memos,
// activities and its qualified profile may still be added to it.
std::variant<StoredRecord, ApiError> activeRecord(
    SqlContext &context, const RecordKind &kind, qint64 id, const QString &action);

// Inserts a pre-lead or lead from validated, payload-shaped `data` with its first status_history
// row; returns its id. A lead's phone is also stored in E.164 (phone_e164, see storeLeadPhone).
qint64 insertRecord(SqlContext &context, const RecordKind &kind, const QJsonObject &data,
    const QString &source, const QString &remarks, const QString &phoneRegion);
// An updated lead's phone, normalised to E.164 into phone_e164 so that SMS and calls from that
// number find the lead (a number libphonenumber cannot read clears it). Pre-leads have no calls.
void storeLeadPhone(SqlContext &context, const RecordKind &kind, qint64 id, const QJsonObject &data,
    const QString &phoneRegion);
void recordStatusChange(SqlContext &context, const RecordKind &kind, qint64 id, const QString &oldStatus,
    const QString &newStatus, const QVariant &remarks, const QString &source,
    const QVariant &statusDate = nullText());
// The record as an event payload, with its id under the kind's id key.
QJsonObject recordPayload(SqlContext &context, const RecordKind &kind, qint64 id);

// The operations both kinds share; onRecord<operation, kind> makes one of them a LeadCommand.
ApiResult createRecord(SqlContext &context, const LeadCall &call, const RecordKind &kind);
ApiResult updateRecord(SqlContext &context, const LeadCall &call, const RecordKind &kind);
ApiResult discardRecord(SqlContext &context, const LeadCall &call, const RecordKind &kind);
ApiResult updateRecordStatus(SqlContext &context, const LeadCall &call, const RecordKind &kind);
ApiResult addContact(SqlContext &context, const LeadCall &call, const RecordKind &kind);
ApiResult addMemo(SqlContext &context, const LeadCall &call, const RecordKind &kind);

template <ApiResult (*operation)(SqlContext &, const LeadCall &, const RecordKind &),
    const RecordKind &(*kind)()>
ApiResult onRecord(SqlContext &context, const LeadCall &call)
{
    return operation(context, call, kind());
}

} // namespace sb::leads
