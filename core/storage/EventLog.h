#pragma once

#include "domain/DomainEvent.h"

#include <QList>
#include <QString>

namespace sb {

class SqlContext;

// The durable event log (schema 13) behind /ws and the SSE streams. Appended in the transaction
// that raises each entry (SqlContext::publish, recordInbound, delivery attempts), read by resumes.
class EventLog
{
public:
    struct Retention
    {
        qint64 maxAgeMs = 7LL * 24 * 3600 * 1000;
        qint64 maxRows = 1000000;
    };
    // The seq range a resume can be served from.
    struct Bounds
    {
        qint64 oldest = 1; // the oldest retained seq (latest + 1 when the log is empty)
        qint64 latest = 0; // the last seq ever given (0: none yet)
        // Whether every entry after `since` is still stored.
        bool covers(qint64 since) const { return since >= oldest - 1 && since <= latest; }
    };

    // The stream topic (family) of an entry type: leads, conversations, campaigns, notifications,
    // inbound, deliveries.
    static QString topicOf(QStringView type);
    // A domain event as a log entry: its topic and the lead and conversation it concerns.
    static StreamEvent entryFor(const DomainEvent &event);
    // An integer id from a payload field (a number or a decimal string); 0 when absent or not one.
    static qint64 idFrom(const QJsonObject &payload, std::initializer_list<const char *> keys);

    // Appends `entry` (its seq is set).
    static void append(SqlContext &context, StreamEvent &entry);
    // Entries with seq > `since`, oldest first, at most `limit`.
    static QList<StreamEvent> after(SqlContext &context, qint64 since, int limit);
    static Bounds bounds(SqlContext &context);
    // Deletes entries older than the retention's age and beyond its row count; returns how many.
    static int prune(SqlContext &context, const Retention &retention, qint64 nowMs);
};

} // namespace sb
