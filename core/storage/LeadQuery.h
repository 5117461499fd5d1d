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

// What a purge removed, table by table.
struct LeadPurge
{
    QList<QPair<QString, int>> removed;
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
    // Deletes the lead and every row about it: contacts, memos, activities, status history, its
    // qualified profile, conversations, messages and their events, calls, outbox entries and their
    // attempts. A customer made from it keeps its row without the link.
    static LeadPurge purge(SqlContext &context, qint64 id);
};

} // namespace sb
