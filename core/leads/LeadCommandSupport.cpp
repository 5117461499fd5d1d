#include "LeadCommandSupport.h"

#include "domain/DomainEvent.h"
#include "domain/RecordId.h"
#include "storage/SqlWorker.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QSqlRecord>
#include <cmath>

namespace sb::leads {

namespace {

bool isWholeNumber(const QJsonValue &value)
{
    if (!value.isDouble())
        return false;
    const double number = value.toDouble();
    // 2^53: beyond it a double no longer holds every integer exactly.
    return std::isfinite(number) && number == std::trunc(number) && std::abs(number) <= 9007199254740992.0;
}

std::optional<QString> typeProblem(const Field &field, const QJsonValue &value)
{
    using T = Field::Type;
    switch (field.type) {
    case T::Text:
        if (!value.isString())
            return QStringLiteral("%1 must be a string").arg(field.key);
        break;
    case T::Money:
        if (!value.isDouble() || !std::isfinite(value.toDouble()))
            return QStringLiteral("%1 must be a number").arg(field.key);
        if (value.toDouble() < 0)
            return QStringLiteral("%1 must not be negative").arg(field.key);
        break;
    case T::Integer:
        if (!isWholeNumber(value))
            return QStringLiteral("%1 must be an integer").arg(field.key);
        break;
    case T::Bool:
        if (!value.isBool())
            return QStringLiteral("%1 must be true or false").arg(field.key);
        break;
    case T::DateTime:
        if (!value.isString() || !QDateTime::fromString(value.toString(), Qt::ISODate).isValid())
            return QStringLiteral("%1 must be an ISO 8601 date-time such as 2024-01-25T09:00:00Z")
                .arg(field.key);
        break;
    case T::Enum:
        if (!value.isString() || !field.allowed->contains(value.toString()))
            return QStringLiteral("%1 must be one of: %2")
                .arg(field.key, field.allowed->join(QStringLiteral(", ")));
        break;
    case T::Reference:
        if (!(value.isString() && !value.toString().trimmed().isEmpty()) && !isWholeNumber(value))
            return QStringLiteral("%1 must be a string or an integer").arg(field.key);
        break;
    }
    return std::nullopt;
}

} // namespace

const QStringList &subjectKeys()
{
    static const QStringList keys {
        QStringLiteral("pre_lead_id"), QStringLiteral("lead_id"), QStringLiteral("customer_id")};
    return keys;
}

bool isGiven(const QJsonValue &value)
{
    return !value.isUndefined() && !value.isNull();
}

std::optional<ApiError> validate(const QJsonObject &data, const Fields &fields)
{
    for (const auto &field : fields) {
        const auto value = data.value(field.key);
        if (!isGiven(value)) {
            if (field.required)
                return badRequest(QStringLiteral("%1 is required").arg(field.key));
            continue;
        }
        if (auto problem = typeProblem(field, value))
            return badRequest(*problem);
        if (field.required && value.isString() && value.toString().trimmed().isEmpty())
            return badRequest(QStringLiteral("%1 is required").arg(field.key));
    }
    return std::nullopt;
}

std::optional<ApiError> requireAnyOf(const QJsonObject &data, const QStringList &keys)
{
    for (const auto &key : keys) {
        const auto value = data.value(key);
        if (value.isString() && !value.toString().trimmed().isEmpty())
            return std::nullopt;
    }
    const QString list
        = keys.mid(0, keys.size() - 1).join(QStringLiteral(", ")) + QStringLiteral(" or ") + keys.last();
    return badRequest(QStringLiteral("%1 is required").arg(list));
}

QVariant nullText()
{
    return QVariant(QMetaType(QMetaType::QString));
}

QVariant bindValue(const QJsonObject &data, const Field &field)
{
    using T = Field::Type;
    const auto value = data.value(field.key);
    switch (field.type) {
    case T::Money:
        return isGiven(value) ? QVariant(value.toDouble()) : QVariant(QMetaType(QMetaType::Double));
    case T::Integer:
        return isGiven(value) ? QVariant(value.toInteger()) : QVariant(QMetaType(QMetaType::LongLong));
    case T::Bool:
        return isGiven(value) ? QVariant(value.toBool() ? 1 : 0) : QVariant(QMetaType(QMetaType::Int));
    case T::Reference:
        if (isWholeNumber(value))
            return QString::number(value.toInteger());
        return value.isString() ? QVariant(value.toString()) : nullText();
    case T::Text:
    case T::DateTime:
    case T::Enum:
        break;
    }
    return value.isString() ? QVariant(value.toString()) : nullText();
}

QString firstGivenKey(const QJsonObject &data, const QStringList &keys)
{
    for (const auto &key : keys) {
        if (isGiven(data.value(key)))
            return key;
    }
    return {};
}

ApiError badRequest(const QString &message)
{
    return ApiError {ErrorKind::BadRequest, message, {}};
}

ApiError notFound(const QString &message)
{
    return ApiError {ErrorKind::NotFound, message, {}};
}

ApiError conflict(const QString &message)
{
    return ApiError {ErrorKind::Conflict, message, {}};
}

ApiResponse crmOk(const QString &message, const QJsonObject &data)
{
    return ApiResponse::json(200,
        QJsonObject {{QStringLiteral("status"), QStringLiteral("success")},
            {QStringLiteral("message"), message}, {QStringLiteral("data"), data}});
}

QString jsonText(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QJsonObject jsonObject(const QString &text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

void raise(SqlContext &context, const LeadCall &call, const QString &type, const QJsonObject &fields,
    const std::function<QJsonObject()> &record)
{
    QJsonObject payload = context.wantsPayload(type) ? record() : QJsonObject();
    for (auto it = fields.begin(); it != fields.end(); ++it)
        payload.insert(it.key(), it.value());
    payload.insert(QStringLiteral("sourceRecordId"), call.recordId);
    payload.insert(QStringLiteral("crmEvent"), call.event);
    context.publish(
        DomainEvent {newRecordId(u"evt_", context.nowMs()), type, context.nowMs(), call.recordId, payload});
}

} // namespace sb::leads
