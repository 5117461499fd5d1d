#include "DashboardQueries.h"

#include "domain/Delivery.h"
#include "storage/SqlWorker.h"

#include <QSqlQuery>
#include <QVariant>
#include <algorithm>

namespace sb {

namespace {

constexpr qint64 minuteMs = 60 * 1000;
constexpr qint64 dayMs = 24 * 60 * minuteMs;

void readInbound(SqlContext &sql, qint64 since, DashboardSnapshot &snapshot)
{
    auto &query
        = sql.run(QStringLiteral("SELECT provider, COUNT(*), SUM(status = 'rejected') FROM inbound_requests "
                                 "WHERE received_at >= ? GROUP BY provider ORDER BY 2 DESC, 1"),
            {since});
    while (query.next()) {
        DashboardSnapshot::ProviderCount count;
        count.provider = query.value(0).toString();
        count.requests = query.value(1).toInt();
        count.rejected = query.value(2).toInt();
        snapshot.inboundTotal += count.requests;
        snapshot.inboundRejected += count.rejected;
        snapshot.inboundByProvider.push_back(count);
    }
    query.finish();
}

void readDeliveries(SqlContext &sql, qint64 since, DashboardSnapshot &snapshot)
{
    auto &query = sql.run(
        QStringLiteral(
            "SELECT status, COUNT(*) FROM deliveries WHERE created_at >= ? AND is_test = 0 GROUP BY status"),
        {since});
    while (query.next()) {
        const auto status = deliveryStatusFromName(query.value(0).toString());
        const int count = query.value(1).toInt();
        if (status == DeliveryStatus::Delivered)
            snapshot.deliveriesDelivered = count;
        else if (status == DeliveryStatus::Failed)
            snapshot.deliveriesFailed = count;
        else
            snapshot.deliveriesPending += count;
    }
    query.finish();
}

void readFailures(SqlContext &sql, qint64 since, DashboardSnapshot &snapshot)
{
    using Failure = DashboardSnapshot::Failure;
    auto &inbound
        = sql.run(QStringLiteral("SELECT id, received_at, method || ' ' || path, response_status, "
                                 "COALESCE(NULLIF(error, ''), verification_detail, '') FROM inbound_requests "
                                 "WHERE received_at >= ? AND status = 'rejected' "
                                 "ORDER BY received_at DESC LIMIT ?"),
            {since, DashboardQueries::failureLimit});
    while (inbound.next()) {
        snapshot.failures.push_back(
            {Failure::Kind::Inbound, inbound.value(0).toString(), inbound.value(1).toLongLong(),
                inbound.value(2).toString(), inbound.value(3).toInt(), inbound.value(4).toString()});
    }
    inbound.finish();
    auto &deliveries = sql.run(
        QStringLiteral("SELECT d.id, d.updated_at, d.event_type || ' → ' || COALESCE(c.name, c.url, '?'), "
                       "COALESCE(d.last_status, 0), COALESCE(d.last_error, '') FROM deliveries d "
                       "LEFT JOIN webhook_configs c ON c.id = d.config_id "
                       "WHERE d.created_at >= ? AND d.status = ? ORDER BY d.created_at DESC LIMIT ?"),
        {since, deliveryStatusName(DeliveryStatus::Failed), DashboardQueries::failureLimit});
    while (deliveries.next()) {
        snapshot.failures.push_back(
            {Failure::Kind::Delivery, deliveries.value(0).toString(), deliveries.value(1).toLongLong(),
                deliveries.value(2).toString(), deliveries.value(3).toInt(), deliveries.value(4).toString()});
    }
    deliveries.finish();
    std::sort(snapshot.failures.begin(), snapshot.failures.end(),
        [](const Failure &a, const Failure &b) { return a.atMs > b.atMs; });
    if (snapshot.failures.size() > size_t(DashboardQueries::failureLimit))
        snapshot.failures.resize(size_t(DashboardQueries::failureLimit));
}

void readPerMinute(SqlContext &sql, qint64 nowMs, DashboardSnapshot &snapshot)
{
    // Deliveries by the minute they were created (indexed), coloured by where they stand now.
    const qint64 endMinute = nowMs / minuteMs;
    const qint64 firstMinute = endMinute - DashboardQueries::chartMinutes + 1;
    snapshot.chartEndMinute = endMinute;
    snapshot.perMinute.assign(size_t(DashboardQueries::chartMinutes), {});
    auto &query = sql.run(QStringLiteral("SELECT created_at / 60000, status, COUNT(*) FROM deliveries "
                                         "WHERE created_at >= ? AND is_test = 0 GROUP BY 1, 2"),
        {firstMinute * minuteMs});
    while (query.next()) {
        const qint64 index = query.value(0).toLongLong() - firstMinute;
        if (index < 0 || index >= DashboardQueries::chartMinutes)
            continue;
        auto &minute = snapshot.perMinute[size_t(index)];
        const auto status = deliveryStatusFromName(query.value(1).toString());
        const int count = query.value(2).toInt();
        if (status == DeliveryStatus::Delivered)
            minute.delivered += count;
        else if (status == DeliveryStatus::Failed)
            minute.failed += count;
        else
            minute.pending += count;
    }
    query.finish();
}

} // namespace

DashboardSnapshot DashboardQueries::load(SqlContext &sql, qint64 nowMs, qint64 startOfDayMs)
{
    DashboardSnapshot snapshot;
    readInbound(sql, startOfDayMs, snapshot);
    readDeliveries(sql, startOfDayMs, snapshot);
    auto &leads = sql.run(QStringLiteral("SELECT COUNT(*) FROM leads WHERE created_at >= ?"), {startOfDayMs});
    snapshot.newLeads = leads.next() ? leads.value(0).toInt() : 0;
    leads.finish();
    readFailures(sql, nowMs - dayMs, snapshot);
    readPerMinute(sql, nowMs, snapshot);
    return snapshot;
}

} // namespace sb
