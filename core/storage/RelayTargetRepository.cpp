#include "RelayTargetRepository.h"

#include "storage/Database.h"
#include "storage/DeliveryMapper.h"
#include "storage/SqlWorker.h"

#include <QJsonDocument>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QVariant>

namespace sb {

namespace {

const QString columns = QStringLiteral(
    "id, route, url, append_path, enabled, description, retry_config, created_at, updated_at");

RelayTarget fromRow(const QSqlQuery &row)
{
    RelayTarget target;
    target.id = row.value(0).toLongLong();
    target.route = row.value(1).toString();
    target.url = row.value(2).toString();
    target.appendPath = row.value(3).toInt() != 0;
    target.enabled = row.value(4).toInt() != 0;
    target.description = row.value(5).toString();
    if (!row.value(6).isNull()) {
        RetryPolicy policy;
        QString ignored;
        if (RetryPolicy::fromJson(
                QJsonDocument::fromJson(row.value(6).toString().toUtf8()).object(), &policy, &ignored))
            target.retry = policy;
    }
    target.createdAt = row.value(7).toLongLong();
    target.updatedAt = row.value(8).toLongLong();
    return target;
}

QVariant retryText(const RelayTarget &target)
{
    if (!target.retry)
        return QVariant(QMetaType(QMetaType::QString));
    return QString::fromUtf8(QJsonDocument(target.retry->toJson()).toJson(QJsonDocument::Compact));
}

QVariant textOrNull(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(text);
}

QList<RelayTarget> select(SqlContext &context, const QString &where, const QVariantList &values)
{
    auto &query = context.run(
        QStringLiteral("SELECT ") + columns + QStringLiteral(" FROM relay_targets ") + where, values);
    QList<RelayTarget> targets;
    while (query.next())
        targets.append(fromRow(query));
    query.finish();
    return targets;
}

} // namespace

QList<RelayTarget> RelayTargetRepository::list(SqlContext &context)
{
    return select(context, QStringLiteral("ORDER BY route, id"), {});
}

std::optional<RelayTarget> RelayTargetRepository::find(SqlContext &context, qint64 id)
{
    const auto found = select(context, QStringLiteral("WHERE id = ?"), {id});
    return found.isEmpty() ? std::nullopt : std::optional<RelayTarget>(found.first());
}

std::optional<RelayTarget> RelayTargetRepository::findByRouteAndUrl(
    SqlContext &context, const QString &route, const QString &url)
{
    const auto found = select(context, QStringLiteral("WHERE route = ? AND url = ?"), {route, url});
    return found.isEmpty() ? std::nullopt : std::optional<RelayTarget>(found.first());
}

void RelayTargetRepository::insert(SqlContext &context, RelayTarget &target)
{
    target.createdAt = target.updatedAt = context.nowMs();
    target.id = context.write(
        QStringLiteral("INSERT INTO relay_targets(route, url, append_path, enabled, description, "
                       "retry_config, created_at, updated_at) VALUES(?,?,?,?,?,?,?,?)"),
        {target.route, target.url, target.appendPath ? 1 : 0, target.enabled ? 1 : 0,
            textOrNull(target.description), retryText(target), target.createdAt, target.updatedAt});
}

bool RelayTargetRepository::update(SqlContext &context, RelayTarget &target)
{
    target.updatedAt = context.nowMs();
    auto &query = context.run(
        QStringLiteral("UPDATE relay_targets SET route = ?, url = ?, append_path = ?, enabled = ?, "
                       "description = ?, retry_config = ?, updated_at = ? WHERE id = ?"),
        {target.route, target.url, target.appendPath ? 1 : 0, target.enabled ? 1 : 0,
            textOrNull(target.description), retryText(target), target.updatedAt, target.id});
    return query.numRowsAffected() > 0;
}

bool RelayTargetRepository::remove(SqlContext &context, qint64 id)
{
    auto &query = context.run(QStringLiteral("DELETE FROM relay_targets WHERE id = ?"), {id});
    return query.numRowsAffected() > 0;
}

std::optional<RelayTargetRepository::LastRelay> RelayTargetRepository::lastRelay(
    SqlContext &context, qint64 targetId)
{
    auto &query
        = context.run(QStringLiteral("SELECT status, last_status, last_error, updated_at FROM deliveries "
                                     "WHERE relay_target_id = ? ORDER BY seq DESC LIMIT 1"),
            {targetId});
    if (!query.next())
        return std::nullopt;
    LastRelay last;
    last.status = deliveryStatusFromName(query.value(0).toString()).value_or(DeliveryStatus::Pending);
    last.lastStatus = query.value(1).toInt();
    last.lastError = query.value(2).toString();
    last.updatedAt = query.value(3).toLongLong();
    query.finish();
    return last;
}

QList<Delivery> RelayTargetRepository::relays(SqlContext &context, qint64 targetId, int limit)
{
    auto &query = context.run(QStringLiteral("SELECT ") + DeliveryMapper::summaryColumns()
            + QStringLiteral(" FROM deliveries WHERE relay_target_id = ? ORDER BY seq DESC LIMIT ?"),
        {targetId, limit});
    QList<Delivery> list;
    while (query.next())
        list.append(DeliveryMapper::fromRecord(query.record()));
    query.finish();
    return list;
}

} // namespace sb
