#pragma once

#include <QList>
#include <QString>

namespace sb {

class SqlContext;
class SqlWorker;

// One seeded lead, for seeders that attach more records to it (conversations, …).
struct DemoLead
{
    qint64 id = 0;
    QString name;
    QString phone;
    QString email;
    QString company;
};

// `--demo`: realistic sample data written once into an empty database through the writer —
// CRM leads with their history, webhook configurations, deliveries (delivered and failed, with
// attempts) and inbound requests. Nothing seeded is ever sent: the demo deliveries are finished
// (next_attempt_at NULL) and point at example.com.
class DemoData
{
public:
    // Blocks until the data is committed (or the database was not empty). False + message on error.
    static bool seed(SqlWorker &writer, QString *error);
    // The job itself (writer thread); false when the database already holds data.
    static bool fill(SqlContext &context);
};

// SMS, email and call threads with the demo leads, written through MessagingRepository inside the
// same transaction after the leads exist and before any webhook configuration does.
void seedDemoConversations(SqlContext &context, const QList<DemoLead> &leads);

} // namespace sb
