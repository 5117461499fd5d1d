#pragma once

#include <QList>
#include <QString>
#include <vector>

namespace sb {

class SqlContext;

// What the dashboard shows, read in one job on the reader thread.
struct DashboardSnapshot
{
    struct ProviderCount
    {
        QString provider;
        int requests = 0;
        int rejected = 0;
    };
    struct Failure
    {
        enum class Kind
        {
            Inbound,
            Delivery
        };
        Kind kind = Kind::Inbound;
        QString id; // evt_… of the inbound record, or the delivery id
        qint64 atMs = 0;
        QString what; // path, or "event → config"
        int httpStatus = 0;
        QString reason;
    };
    // One minute of the chart: deliveries created in it, by their current status.
    struct Minute
    {
        int delivered = 0;
        int failed = 0;
        int pending = 0;
        int total() const { return delivered + failed + pending; }
    };

    std::vector<ProviderCount> inboundByProvider; // today, most requests first
    int inboundTotal = 0;
    int inboundRejected = 0;
    int deliveriesDelivered = 0; // created today
    int deliveriesFailed = 0;
    int deliveriesPending = 0;
    int newLeads = 0;
    std::vector<Failure> failures; // last 24 hours, newest first
    std::vector<Minute> perMinute; // the last `chartMinutes` minutes, oldest first
    qint64 chartEndMinute = 0; // minutes since the epoch of perMinute.back()
};

class DashboardQueries
{
public:
    static constexpr int chartMinutes = 60;
    static constexpr int failureLimit = 10;

    // Every query is bounded by an index range: received_at and deliveries.created_at for today,
    // the last 24 hours or the last hour. Throws SqlError.
    static DashboardSnapshot load(SqlContext &sql, qint64 nowMs, qint64 startOfDayMs);
};

} // namespace sb
