// Seed 002 "Other Events": orders and payments of customers made by lead_convert. They come only
// through the generic /incoming router, naming the customer in data.customer_id.
#include "LeadCommandSet.h"
#include "LeadCommandSupport.h"
#include "storage/SqlWorker.h"

namespace sb::leads {

namespace {

using T = Field::Type;

// Orders and payments are the same shape: an amount against a customer, the sender's reference,
// a row of their own and running totals on the customer.
struct MoneyFlow
{
    QString table; // customer_orders | customer_payments
    QString refColumn; // order_ref | payment_ref
    QString idKey; // order_id | payment_id: our row id in the answer
    QStringList amountKeys; // the names senders give the amount, first wins
    QStringList refKeys; // the names senders give their reference, first wins
    QString totalsSql; // bumps the customer's totals; binds amount, now, now, customer id
    QStringList totalKeys; // customer columns echoed in the answer
    QString event;
    QString recordedMessage;
    QString repeatedMessage;
};

Fields flowFields(const MoneyFlow &flow)
{
    Fields fields;
    for (const auto &key : flow.amountKeys)
        fields.push_back({key, T::Money});
    for (const auto &key : flow.refKeys)
        fields.push_back({key, T::Reference});
    return fields;
}

ApiResponse answer(SqlContext &context, const MoneyFlow &flow, const QString &message, qint64 customerId,
    qint64 rowId, const QVariant &ref)
{
    QJsonObject data {{QStringLiteral("customer_id"), customerId}, {flow.idKey, rowId},
        {flow.refColumn, ref.isNull() ? QJsonValue() : QJsonValue(ref.toString())}};
    const auto customer = rowJson(context, QStringLiteral("customers"), customerId);
    for (const auto &key : flow.totalKeys)
        data.insert(key, customer.value(key));
    return crmOk(message, data);
}

// A repeated call with a reference already recorded for the customer (a sender's retry) is
// answered as before and marked duplicate, without counting the amount twice.
ApiResult recordMoney(SqlContext &context, const LeadCall &call, const MoneyFlow &flow)
{
    if (auto error = validate(call.data, flowFields(flow)))
        return *error;
    const auto amountKey = firstGivenKey(call.data, flow.amountKeys);
    if (amountKey.isEmpty())
        return badRequest(QStringLiteral("%1 is required").arg(flow.amountKeys.first()));
    auto &customer = context.run(QStringLiteral("SELECT id FROM customers WHERE id = ?"), {call.id});
    const bool known = customer.next();
    customer.finish();
    if (!known)
        return notFound(QStringLiteral("Customer not found"));

    const auto refKey = firstGivenKey(call.data, flow.refKeys);
    const auto ref = refKey.isEmpty() ? nullText() : bindValue(call.data, {refKey, T::Reference});
    if (!ref.isNull()) {
        auto &existing = context.run(QStringLiteral("SELECT id FROM ") + flow.table
                + QStringLiteral(" WHERE customer_id = ? AND ") + flow.refColumn + QStringLiteral(" = ?"),
            {call.id, ref});
        const qint64 rowId = existing.next() ? existing.value(0).toLongLong() : 0;
        existing.finish();
        if (rowId != 0) {
            context.markDuplicate();
            return answer(context, flow, flow.repeatedMessage, call.id, rowId, ref);
        }
    }

    const double amount = call.data.value(amountKey).toDouble();
    const auto now = context.nowMs();
    QJsonObject attributes = call.data;
    attributes.remove(QStringLiteral("customer_id"));
    auto &insert = context.run(QStringLiteral("INSERT INTO ") + flow.table + QStringLiteral("(customer_id, ")
            + flow.refColumn + QStringLiteral(", amount, attributes, created_at) VALUES(?,?,?,?,?)"),
        {call.id, ref, amount, jsonText(attributes), now});
    const qint64 rowId = insert.lastInsertId().toLongLong();
    context.run(flow.totalsSql, {amount, now, now, call.id});

    raise(context, call, flow.event, {{flow.idKey, rowId}, {QStringLiteral("customer_id"), call.id}},
        [&] { return rowJson(context, flow.table, rowId); });
    return answer(context, flow, flow.recordedMessage, call.id, rowId, ref);
}

} // namespace

ApiResult orderCreated(SqlContext &context, const LeadCall &call)
{
    static const MoneyFlow orders {QStringLiteral("customer_orders"), QStringLiteral("order_ref"),
        QStringLiteral("order_id"), {QStringLiteral("amount"), QStringLiteral("total")},
        {QStringLiteral("order_ref"), QStringLiteral("order_id"), QStringLiteral("order_number")},
        QStringLiteral("UPDATE customers SET total_orders = total_orders + 1, total_order_value = "
                       "total_order_value + ?, "
                       "last_order_at = ?, updated_at = ? WHERE id = ?"),
        {QStringLiteral("total_orders"), QStringLiteral("total_order_value")},
        QStringLiteral("order.created"), QStringLiteral("Order recorded successfully"),
        QStringLiteral("Order already recorded")};
    return recordMoney(context, call, orders);
}

ApiResult paymentReceived(SqlContext &context, const LeadCall &call)
{
    static const MoneyFlow payments {QStringLiteral("customer_payments"), QStringLiteral("payment_ref"),
        QStringLiteral("payment_id"), {QStringLiteral("amount")},
        {QStringLiteral("payment_ref"), QStringLiteral("payment_id"), QStringLiteral("transaction_id"),
            QStringLiteral("reference")},
        QStringLiteral("UPDATE customers SET total_paid = total_paid + ?, last_payment_at = ?, updated_at = "
                       "? WHERE id = ?"),
        {QStringLiteral("total_paid")}, QStringLiteral("payment.received"),
        QStringLiteral("Payment recorded successfully"), QStringLiteral("Payment already recorded")};
    return recordMoney(context, call, payments);
}

} // namespace sb::leads
