#pragma once

#include "domain/Lead.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QVariant>
#include <optional>
#include <vector>

namespace sb {

class SqlContext;

// One row of the leads table.
struct LeadRow
{
    qint64 id = 0;
    QString firstName;
    QString lastName;
    QString company;
    QString phone;
    QString email;
    LeadStatus status = LeadStatus::New;
    LeadLifecycle lifecycle = LeadLifecycle::Active;
    LeadPriority priority = LeadPriority::Medium;
    QString source;
    QVariant expectedValue; // double or null
    QVariant score; // 0..100 (lead_scores), or null before the lead is scored
    qint64 updatedAtMs = 0;
    QVariant sortKey; // the value of the current sort expression, for the keyset

    QString name() const;
};

// What the table asks for: a search over name, company, phone and email, and one sort column.
struct LeadQuery
{
    enum Column
    {
        Name,
        Company,
        Phone,
        Email,
        Status,
        Score,
        Priority,
        Source,
        ExpectedValue,
        Updated,
        ColumnCount
    };
    QString search;
    Column sortColumn = Updated;
    bool descending = true;

    bool operator==(const LeadQuery &) const = default;
};

struct LeadDetail
{
    struct Entry
    {
        qint64 atMs = 0;
        QStringList fields; // per tab, see LeadDetailPane
    };
    LeadRow lead;
    QString discardReason;
    QString lossReason;
    qint64 createdAtMs = 0;
    QJsonObject attributes;
    bool doNotContact = false;
    QString doNotContactReason;
    std::vector<Entry> contacts; // name, email, phone, designation, department, primary
    std::vector<Entry> memos; // type, title, content
    std::vector<Entry> activities; // type, title, description, scheduled, completed, outcome
    std::vector<Entry> history; // old, new, remarks, status date, source
    std::optional<QJsonObject> qualifiedProfile;
    QStringList scoreReasons; // "+20 replied (an inbound SMS or email)", in the weights' order
};

// The queries of the leads view, run on the reader thread (a search scans the table). Throw SqlError.
class LeadQueries
{
public:
    // Up to `limit` rows after (`afterKey`, `afterId`) in the query's order; the first page when
    // `afterKey` is not valid.
    static std::vector<LeadRow> page(
        SqlContext &sql, const LeadQuery &query, const QVariant &afterKey, qint64 afterId, int limit);
    // Those of `ids` that match the query's search, with the sort key filled in.
    static std::vector<LeadRow> byIds(SqlContext &sql, const LeadQuery &query, const QList<qint64> &ids);
    static std::optional<LeadDetail> detail(SqlContext &sql, qint64 id);
};

} // namespace sb
