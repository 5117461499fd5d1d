#pragma once

#include <QJsonObject>
#include <QObject>
#include <QString>
#include <functional>

namespace sb {

class SqlWorker;

// An edit made in the console, saved through the same CRM commands as the webhooks (lead_update,
// then lead_status_update), so validation, status history rows and events are identical.
struct LeadChange
{
    qint64 leadId = 0;
    QJsonObject fields; // changed fields, payload-shaped (seed 002 names); lead_status excluded
    QString newStatus; // empty = unchanged
    QString remarks; // for the status history row

    bool isEmpty() const { return fields.isEmpty() && newStatus.isEmpty(); }

    // The `source` the commands record (status_history.source, events).
    static QString consoleSource() { return QStringLiteral("console"); }

    // Runs on the writer; `done(error)` in `context`'s thread, error empty on success (the
    // command's own message otherwise, e.g. "email must be a valid email address").
    void save(SqlWorker &writer, QObject *context, std::function<void(const QString &error)> done) const;
};

} // namespace sb
