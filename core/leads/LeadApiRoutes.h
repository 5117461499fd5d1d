#pragma once

#include "http/HttpTypes.h"

#include <functional>
#include <vector>

namespace sb {

class SqlContext;

struct LeadApiDependencies
{
    QString phoneRegion = QStringLiteral("US"); // for phone numbers given without a country code
};

// The leads REST API of seed 000 (admin key; envelope of the /api/communications family: the
// resource or a list, errors {"detail": ".."}):
//   GET    /api/leads        filters status, priority, source, q|search, updated_since,
//                            include_archived; sort; keyset pages (limit <= 200, cursor -> next_cursor)
//   GET    /api/leads/{id}   the lead with contacts, memos, activities, status_history, conversations
//   POST   /api/leads        seed 002's lead fields, validated and stored by the CRM lead commands;
//                            a duplicate email or phone is a 409 naming the existing lead
//   PUT    /api/leads/{id}   partial update; a lead_status change writes status_history
//   DELETE /api/leads/{id}   archives (archived_at); ?purge=true erases the lead and all its rows
// Every change raises the events the CRM webhooks and the console raise (lead.created,
// lead.updated, lead.status_changed) and lead.deleted, so outbound webhooks fire.
//
// The leads layer sits below the server (it names no Router), so it hands its routes over as a
// table; Runtime registers each read as routes::addQuery (reader thread) and each change as
// routes::addCommand (writer thread), all with the admin key.
struct LeadApiRoute
{
    QByteArray method;
    QString path;
    QString handlerName;
    bool read = false; // scope: read (GET); otherwise a change (scope: write)
    std::function<ApiResult(SqlContext &, const ApiRequest &)> handler;
};
std::vector<LeadApiRoute> leadApiRoutes(const LeadApiDependencies &dependencies);

// DELETE /api/leads/{id} on the writer, for the route and the console's Delete action: archives the
// lead, or with `purge` erases it (LeadQuery::purge) and answers what went and what was kept; raises
// lead.deleted (sourceRecordId `recordId`). 404 when there is no such lead.
ApiResult deleteLead(SqlContext &context, qint64 id, bool purge, const QString &recordId);

} // namespace sb
