#pragma once

#include "http/HttpTypes.h"

#include <QJsonObject>
#include <optional>
#include <vector>

namespace sb {

class SqlContext;

// One CRM webhook call (seed 002), after its envelope was checked.
struct LeadCall
{
    QString event;
    QString source;
    QJsonObject data;
    qint64 id = 0; // the pre-lead, lead or customer the call is about (0 for create calls)
    QString recordId; // the inbound record, named in raised events
    QString phoneRegion = QStringLiteral("US"); // for numbers given without a country code
};

// Applies one CRM event inside the writer's transaction. Validation comes first: a command that
// returns an ApiError has written nothing (the pipeline's savepoint is a second guard).
using LeadCommand = ApiResult (*)(SqlContext &, const LeadCall &);

struct LeadEventSpec
{
    enum class Subject
    {
        None,
        PreLead,
        Lead,
        Customer
    };
    QString event; // e.g. "lead_status_update"
    QString
        path; // under /api/v1/webhooks/incoming, e.g. "lead/{id}/status/update"; empty = only via /incoming
    Subject subject; // what {id} (or data.<subject>_id on /incoming) names
    LeadCommand command;
};

// Every event of seed 002's tables, with the endpoint that carries it.
const std::vector<LeadEventSpec> &leadEvents();

// Seed 002 enums.
const QStringList &leadStatuses();
const QStringList &leadPriorities();
const QStringList &leadSources();
const QStringList &memoTypes();
const QStringList &activityTypes();

} // namespace sb
