#pragma once

#include "ListQuery.h"

#include <QJsonObject>
#include <QList>
#include <optional>

namespace sb {

class SqlContext;

// The filters of GET /api/leads, already checked.
struct LeadListFilter
{
    std::optional<QString> status; // lead_status
    std::optional<QString> priority;
    std::optional<QString> source;
    QString search; // name, company, email or phone contains it
    std::optional<qint64> updatedSince; // updated_at >= (ms)
    bool includeArchived = false;
};

// What a purge removed, table by table, and what it kept because it is not this lead's alone.
struct LeadPurge
{
    QList<QPair<QString, int>> removed;
    // Inbound requests linked to the lead that also concern another lead or a campaign run: kept.
    QStringList sharedInboundRequests;
    // Inbound requests whose raw bytes name the lead's email or phone but that no stored row links
    // to it (refused, ignored, or another person's request mentioning it): kept, for review.
    QStringList unlinkedInboundRequests;
    // The lead's customer or pre-lead when another lead refers to it too: kept.
    QList<qint64> sharedCustomers;
    QList<qint64> sharedPreLeads;
};

// The reads and the archive/purge of the leads REST API. Lead objects are the stored rows as
// rowJson shows them (seed 002's field names, ISO times, attributes merged), plus `archived`.
class LeadQuery
{
public:
    // The sorts GET /api/leads accepts: updated_at, created_at, priority (low < ... < critical),
    // lead_status (pipeline order), id.
    static const std::vector<SortOrder> &sorts();
    static IdPage page(SqlContext &context, const LeadListFilter &filter, const SortOrder &order, int limit,
        const std::optional<PageKey> &after);
    static bool exists(SqlContext &context, qint64 id);
    static bool isArchived(SqlContext &context, qint64 id);
    // The lead object, empty when there is no such lead.
    static QJsonObject lead(SqlContext &context, qint64 id);
    // The lead with its contacts, memos, activities, status history and conversation summaries.
    static QJsonObject detail(SqlContext &context, qint64 id);
    // Sets archived_at (and updated_at); false when it was archived already.
    static bool archive(SqlContext &context, qint64 id);
    // The GDPR erasure (LeadErasure.cpp): deletes the lead and every row linked to it by id or by the
    // events raised about it — contacts, memos, activities, status history, qualified profile,
    // conversations, messages and their events, calls, outbox entries and attempts, its pre-lead and
    // customer (with orders, payments) unless another lead refers to them, the event-log entries, the
    // deliveries of its events with their attempts, API events about it, and the inbound requests
    // that raised its rows or events with their relays — in the caller's transaction.
    static LeadPurge purge(SqlContext &context, qint64 id);
};

} // namespace sb
