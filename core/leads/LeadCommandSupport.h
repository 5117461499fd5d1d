#pragma once

#include "LeadCommands.h"
#include "domain/Lead.h"
#include "storage/RowJson.h"

#include <QJsonObject>
#include <QStringList>
#include <QVariant>
#include <functional>
#include <optional>
#include <vector>

namespace sb::leads {

// How one field of a CRM payload must look. Absent and null mean the same: "not given" (seed 002
// has no way to clear a field, and treating null as absent keeps partial updates simple).
struct Field
{
    enum class Type
    {
        Text, // JSON string
        Money, // JSON number, not negative (expected_value, budget, credit_limit, amount)
        Integer, // JSON number without fraction (assigned_to, industry_id, region_id)
        Bool, // true or false (is_primary)
        DateTime, // ISO 8601 string, stored as given (scheduled_at, status_date)
        Enum, // one string of `allowed`
        Reference, // a sender's id for a record: string or integer (order_id, payment_ref)
    };
    QString key;
    Type type = Type::Text;
    const QStringList *allowed = nullptr; // Enum only
    bool required = false; // given and, for strings, not blank
};
using Fields = std::vector<Field>;

// Keys naming the subject on the generic /incoming router; never stored as attributes.
const QStringList &subjectKeys();

bool isGiven(const QJsonValue &value);
// The first problem of `data` against `fields`, as a 400 in seed 002's words ("content is required",
// "memo_type must be one of: ...").
std::optional<ApiError> validate(const QJsonObject &data, const Fields &fields);
// 400 "<a, b or c> is required" unless one of `keys` is a non-blank string.
std::optional<ApiError> requireAnyOf(const QJsonObject &data, const QStringList &keys);
// A NULL to bind where a text column gets no value.
QVariant nullText();
// The value to bind for `field`: typed, or a typed NULL when it is not given.
QVariant bindValue(const QJsonObject &data, const Field &field);
// The first given key of `keys` (seed 002 senders name an order's amount `amount` or `total`).
QString firstGivenKey(const QJsonObject &data, const QStringList &keys);

ApiError badRequest(const QString &message);
ApiError notFound(const QString &message);
ApiError conflict(const QString &message);
// Seed 002's success envelope: {"status":"success","message":..,"data":..}.
ApiResponse crmOk(const QString &message, const QJsonObject &data);

QString jsonText(const QJsonObject &object);
QJsonObject jsonObject(const QString &text);
// Raises a catalog event (published only if the transaction commits), naming the inbound record.
// Raises a catalog event. `fields` (ids, old/new status, ...) always travel with it; the full record
// from `record` is read back only when an outbound webhook subscribes to `type` — reading rows back
// for events nobody receives was most of the cost of a CRM webhook.
void raise(SqlContext &context, const LeadCall &call, const QString &type, const QJsonObject &fields,
    const std::function<QJsonObject()> &record);

} // namespace sb::leads
