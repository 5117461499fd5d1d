// LeadQuery::purge: the GDPR erasure of one lead (DELETE /api/leads/{id}?purge=true). It runs in the
// caller's transaction: first every row that concerns the lead is found (by id columns, by the
// events raised about it and by the inbound requests that raised them), then all of them are
// deleted; rows that concern other leads as well are kept and named in the answer.
#include "LeadQuery.h"
#include "domain/Handover.h"
#include "storage/EventLog.h"
#include "storage/SqlWorker.h"

#include <QFile>
#include <QJsonDocument>
#include <QSet>
#include <QUrl>

namespace sb {

namespace {

QList<qint64> ids(SqlContext &context, const QString &sql, const QVariantList &values)
{
    auto &query = context.run(sql, values);
    QList<qint64> found;
    while (query.next())
        found.append(query.value(0).toLongLong());
    query.finish();
    return found;
}

QStringList texts(SqlContext &context, const QString &sql, const QVariantList &values)
{
    auto &query = context.run(sql, values);
    QStringList found;
    while (query.next()) {
        const auto text = query.value(0).toString();
        if (!text.isEmpty())
            found.append(text);
    }
    query.finish();
    return found;
}

qint64 count(SqlContext &context, const QString &sql, const QVariantList &values)
{
    auto &query = context.run(sql, values);
    const qint64 n = query.next() ? query.value(0).toLongLong() : 0;
    query.finish();
    return n;
}

int removeRows(SqlContext &context, const QString &sql, const QVariantList &values)
{
    auto &query = context.run(sql, values);
    const int n = query.numRowsAffected();
    query.finish();
    return std::max(n, 0);
}

// The ids an erasure covers, and whether an event payload concerns them.
struct Scope
{
    qint64 lead = 0;
    QSet<qint64> conversations;
    QSet<qint64> preLeads;
    QSet<qint64> customers;

    bool concerns(const QString &type, const QJsonObject &payload) const
    {
        if (EventLog::idFrom(payload, {"leadId", "lead_id"}) == lead)
            return true;
        if (type.startsWith(QLatin1String("lead."))
            && EventLog::idFrom(payload.value(QStringLiteral("lead")).toObject(), {"id"}) == lead)
            return true;
        const auto conversation = EventLog::idFrom(payload, {"conversationId", "conversation_id"});
        if (conversation > 0 && conversations.contains(conversation))
            return true;
        const auto preLead = EventLog::idFrom(payload, {"preLeadId", "pre_lead_id"});
        if (preLead > 0 && preLeads.contains(preLead))
            return true;
        const auto customer = EventLog::idFrom(payload, {"customerId", "customer_id"});
        return customer > 0 && customers.contains(customer);
    }
};

QJsonObject objectFrom(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

// The keys of the rows to delete live in a temporary table of this connection, so that each DELETE is
// one statement whatever the number of rows (kinds: request, delivery, event, api_event, log).
void clearKeys(SqlContext &context)
{
    context.exec("CREATE TEMP TABLE IF NOT EXISTS purge_keys(kind TEXT NOT NULL, key TEXT NOT NULL, "
                 "PRIMARY KEY(kind, key))");
    context.exec("DELETE FROM temp.purge_keys");
}

void addKeys(SqlContext &context, const QString &kind, const QStringList &keys)
{
    for (const auto &key : keys)
        context.write(
            QStringLiteral("INSERT OR IGNORE INTO temp.purge_keys(kind, key) VALUES(?,?)"), {kind, key});
}

QString keysOf(const char *kind)
{
    return QStringLiteral("(SELECT key FROM temp.purge_keys WHERE kind = '%1')").arg(QLatin1String(kind));
}

// "(?,?,?)" with the ids as values; "(NULL)" when there are none.
QString idList(const QSet<qint64> &set, QVariantList &values)
{
    if (set.isEmpty())
        return QStringLiteral("(NULL)");
    QStringList marks;
    for (const auto id : set) {
        marks << QStringLiteral("?");
        values << id;
    }
    return QLatin1Char('(') + marks.join(QLatin1Char(',')) + QLatin1Char(')');
}

} // namespace

LeadPurge LeadQuery::purge(SqlContext &context, qint64 id)
{
    LeadPurge purge;
    auto add = [&purge](const QString &key, int n) {
        for (auto &entry : purge.removed) {
            if (entry.first == key) {
                entry.second += n;
                return;
            }
        }
        purge.removed.append({key, n});
    };

    Scope scope;
    scope.lead = id;
    QString email;
    QStringList phones;
    {
        auto &query = context.run(
            QStringLiteral(
                "SELECT pre_lead_id, customer_id, email, phone, phone_e164 FROM leads WHERE id = ?"),
            {id});
        if (!query.next()) {
            query.finish();
            return purge;
        }
        const auto preLead = query.value(0).toLongLong();
        const auto customer = query.value(1).toLongLong();
        email = query.value(2).toString().trimmed();
        for (int column : {3, 4}) {
            const auto phone = query.value(column).toString().trimmed();
            if (phone.size() >= 6 && !phones.contains(phone))
                phones << phone;
        }
        query.finish();
        if (preLead > 0)
            scope.preLeads.insert(preLead);
        if (customer > 0)
            scope.customers.insert(customer);
    }
    for (const auto conversation :
        ids(context, QStringLiteral("SELECT id FROM conversations WHERE lead_id = ?"), {id}))
        scope.conversations.insert(conversation);

    // The pre-lead it came from and the customer made from it are the same person's records; one
    // that another lead refers to as well is kept (the customer only loses its link to this lead).
    for (const auto preLead :
        ids(context, QStringLiteral("SELECT id FROM pre_leads WHERE converted_lead_id = ?"), {id}))
        scope.preLeads.insert(preLead);
    for (const auto preLead : QSet<qint64>(scope.preLeads)) {
        if (count(context, QStringLiteral("SELECT COUNT(*) FROM leads WHERE pre_lead_id = ? AND id <> ?"),
                {preLead, id})
            > 0) {
            scope.preLeads.remove(preLead);
            purge.sharedPreLeads.append(preLead);
        }
    }
    for (const auto customer :
        ids(context, QStringLiteral("SELECT id FROM customers WHERE lead_id = ?"), {id}))
        scope.customers.insert(customer);
    for (const auto customer : QSet<qint64>(scope.customers)) {
        if (count(context,
                QStringLiteral("SELECT (SELECT COUNT(*) FROM leads WHERE customer_id = ? AND id <> ?) + "
                               "(SELECT COUNT(*) FROM customers WHERE id = ? AND lead_id IS NOT NULL AND "
                               "lead_id <> ?)"),
                {customer, id, customer, id})
            > 0) {
            scope.customers.remove(customer);
            purge.sharedCustomers.append(customer);
        }
    }

    // The events raised about the lead (the durable log, then the deliveries' payloads, which
    // outlive the log's retention) and the inbound requests that raised them.
    QSet<QString> events;
    QSet<QString> requests;
    QSet<QString> deliveries;
    QStringList logEntries;
    auto noteSource = [&requests](const QJsonObject &payload) {
        const auto source = payload.value(QStringLiteral("sourceRecordId")).toString();
        if (!source.isEmpty())
            requests.insert(source);
    };
    {
        QVariantList values {id};
        const auto conversations = idList(scope.conversations, values);
        auto &query = context.run(
            QStringLiteral("SELECT data FROM event_log WHERE lead_id = ? OR conversation_id IN ")
                + conversations,
            values);
        while (query.next()) {
            const auto data = objectFrom(query.value(0).toString().toUtf8());
            events.insert(data.value(QStringLiteral("eventId")).toString());
            noteSource(data);
        }
        query.finish();
    }
    if (!scope.preLeads.isEmpty() || !scope.customers.isEmpty()) {
        // Pre-lead and customer events name no lead: the log's leads topic is read for them.
        auto &query = context.run(
            QStringLiteral("SELECT seq, type, data FROM event_log WHERE lead_id IS NULL AND topic = ?"),
            {EventLog::topicOf(u"lead.")});
        while (query.next()) {
            const auto data = objectFrom(query.value(2).toString().toUtf8());
            if (!scope.concerns(query.value(1).toString(), data))
                continue;
            logEntries << query.value(0).toString();
            events.insert(data.value(QStringLiteral("eventId")).toString());
            noteSource(data);
        }
        query.finish();
    }
    {
        auto &query = context.run(
            QStringLiteral("SELECT id, event_id, event_type, inbound_request_id, payload FROM deliveries "
                           "WHERE relay_target_id IS NULL"),
            {});
        while (query.next()) {
            const auto eventId = query.value(1).toString();
            if (!events.contains(eventId)
                && !scope.concerns(query.value(2).toString(), objectFrom(query.value(4).toByteArray())))
                continue;
            deliveries.insert(query.value(0).toString());
            events.insert(eventId);
            const auto request = query.value(3).toString();
            if (!request.isEmpty())
                requests.insert(request);
        }
        query.finish();
    }
    QStringList apiEvents;
    {
        auto &query = context.run(QStringLiteral("SELECT id, event_type, payload FROM api_events"), {});
        while (query.next()) {
            const auto eventId = query.value(0).toString();
            if (events.contains(eventId)
                || scope.concerns(query.value(1).toString(), objectFrom(query.value(2).toString().toUtf8())))
                apiEvents << eventId;
        }
        query.finish();
    }
    for (const auto &request : texts(context,
             QStringLiteral(
                 "SELECT inbound_request_id FROM messages WHERE lead_id = ? AND inbound_request_id IS "
                 "NOT NULL"),
             {id}))
        requests.insert(request);

    // Replays of those requests carry the same body.
    QStringList pending(requests.begin(), requests.end());
    while (!pending.isEmpty()) {
        const auto request = pending.takeLast();
        for (const auto &replay : texts(
                 context, QStringLiteral("SELECT id FROM inbound_requests WHERE replay_of = ?"), {request})) {
            if (!requests.contains(replay)) {
                requests.insert(replay);
                pending << replay;
            }
        }
    }
    // A request that also concerns another lead (a message or event of it) or a campaign run is
    // kept and named: its raw body is not this lead's alone.
    QStringList erasedRequests;
    for (const auto &request : std::as_const(requests)) {
        if (count(context, QStringLiteral("SELECT COUNT(*) FROM inbound_requests WHERE id = ?"), {request})
            == 0)
            continue;
        const bool shared
            = count(context,
                  QStringLiteral(
                      "SELECT (SELECT COUNT(*) FROM messages WHERE inbound_request_id = ? AND lead_id <> ?) "
                      "+ (SELECT COUNT(*) FROM campaign_runs WHERE inbound_request_id = ?) "
                      "+ (SELECT COUNT(*) FROM event_log WHERE lead_id IS NOT NULL AND lead_id <> ? "
                      "AND json_extract(data, '$.sourceRecordId') = ?)"),
                  {request, id, request, id, request})
            > 0;
        if (shared)
            purge.sharedInboundRequests.append(request);
        else
            erasedRequests.append(request);
    }
    // Everything the erased requests raised or relayed goes with them.
    for (const auto &request : std::as_const(erasedRequests)) {
        for (const auto &delivery : texts(context,
                 QStringLiteral("SELECT id FROM deliveries WHERE inbound_request_id = ?"), {request}))
            deliveries.insert(delivery);
    }

    // Requests whose raw bytes name the lead's email or phone but that nothing links to it (refused,
    // ignored, or about someone else who mentions it) are not guessed at: they are named.
    {
        QList<QByteArray> needles;
        if (email.contains(QLatin1Char('@'))) {
            needles << email.toUtf8() << QUrl::toPercentEncoding(email);
        }
        for (const auto &phone : std::as_const(phones))
            needles << phone.toUtf8() << QUrl::toPercentEncoding(phone);
        QStringList conditions;
        QVariantList values;
        for (const auto &needle : std::as_const(needles)) {
            conditions << QStringLiteral("instr(body, ?) > 0 OR instr(raw_head, ?) > 0");
            values << needle << needle;
        }
        if (!conditions.isEmpty()) {
            const QSet<QString> linked(requests.begin(), requests.end());
            for (const auto &request : texts(context,
                     QStringLiteral("SELECT id FROM inbound_requests WHERE ")
                         + conditions.join(QStringLiteral(" OR ")) + QStringLiteral(" ORDER BY seq"),
                     values)) {
                if (!linked.contains(request))
                    purge.unlinkedInboundRequests.append(request);
            }
        }
    }

    clearKeys(context);
    addKeys(context, QStringLiteral("request"), erasedRequests);
    addKeys(context, QStringLiteral("delivery"), QStringList(deliveries.begin(), deliveries.end()));
    events.remove(QString());
    addKeys(context, QStringLiteral("event"), QStringList(events.begin(), events.end()));
    addKeys(context, QStringLiteral("api_event"), apiEvents);
    addKeys(context, QStringLiteral("log"), logEntries);

    // Outbound: deliveries with their attempts, and the live-stream entries.
    add(QStringLiteral("delivery_attempts"),
        removeRows(context,
            QStringLiteral("DELETE FROM delivery_attempts WHERE delivery_id IN ") + keysOf("delivery"), {}));
    {
        QVariantList values {id};
        const auto conversations = idList(scope.conversations, values);
        values << QStringLiteral("inbound.recorded") << QStringLiteral("delivery.updated");
        add(QStringLiteral("event_log"),
            removeRows(context,
                QStringLiteral("DELETE FROM event_log WHERE lead_id = ? OR conversation_id IN ")
                    + conversations + QStringLiteral(" OR CAST(seq AS TEXT) IN ") + keysOf("log")
                    + QStringLiteral(" OR json_extract(data, '$.eventId') IN ") + keysOf("event")
                    + QStringLiteral(" OR json_extract(data, '$.sourceRecordId') IN ") + keysOf("request")
                    + QStringLiteral(" OR (type = ? AND json_extract(data, '$.id') IN ") + keysOf("request")
                    + QStringLiteral(") OR (type = ? AND json_extract(data, '$.deliveryId') IN ")
                    + keysOf("delivery") + QLatin1Char(')'),
                values));
    }
    add(QStringLiteral("deliveries"),
        removeRows(context, QStringLiteral("DELETE FROM deliveries WHERE id IN ") + keysOf("delivery"), {}));
    add(QStringLiteral("api_events"),
        removeRows(context, QStringLiteral("DELETE FROM api_events WHERE id IN ") + keysOf("api_event"), {}));

    // Messaging.
    const QString messages = QStringLiteral("SELECT id FROM messages WHERE lead_id = ?");
    const QString outbox
        = QStringLiteral("SELECT id FROM outbox WHERE message_id IN (") + messages + QLatin1Char(')');
    add(QStringLiteral("outbox_attempts"),
        removeRows(context,
            QStringLiteral("DELETE FROM outbox_attempts WHERE outbox_id IN (") + outbox + QLatin1Char(')'),
            {id}));
    add(QStringLiteral("outbox"),
        removeRows(
            context, QStringLiteral("DELETE FROM outbox WHERE id IN (") + outbox + QLatin1Char(')'), {id}));
    // Status callbacks stored before their message was matched carry only the provider's id.
    add(QStringLiteral("message_events"),
        removeRows(context,
            QStringLiteral("DELETE FROM message_events WHERE message_id IN (") + messages
                + QStringLiteral(
                    ") OR (message_id IS NULL AND provider_message_id IN (SELECT provider_message_id "
                    "FROM messages WHERE lead_id = ? AND provider_message_id IS NOT NULL))"),
            {id, id}));
    // Handovers and AI analyses (schema 18): the lead's, its conversations', its messages' and calls'.
    add(QStringLiteral("handovers"),
        removeRows(context,
            QStringLiteral("DELETE FROM handovers WHERE lead_id = ? OR conversation_id IN "
                           "(SELECT id FROM conversations WHERE lead_id = ?)"),
            {id, id}));
    add(QStringLiteral("ai_analyses"),
        removeRows(context,
            QStringLiteral(
                "DELETE FROM ai_analyses WHERE lead_id = ? OR conversation_id IN "
                "(SELECT id FROM conversations WHERE lead_id = ?) OR (subject_kind = ? AND subject_id IN (")
                + messages
                + QStringLiteral(
                    ")) OR (subject_kind = ? AND subject_id IN (SELECT id FROM calls WHERE lead_id = ? "
                    "OR conversation_id IN (SELECT id FROM conversations WHERE lead_id = ?)))"),
            {id, id, analysisSubjectName(AnalysisSubject::Message), id,
                analysisSubjectName(AnalysisSubject::Call), id, id}));
    {
        // The turns and events of the lead's calls (schema 21), before their messages.
        const int turns = removeRows(context,
            QStringLiteral(
                "DELETE FROM call_turns WHERE message_id IN (SELECT id FROM messages WHERE lead_id = ?) "
                "OR call_id IN (SELECT id FROM calls WHERE lead_id = ? OR conversation_id IN "
                "(SELECT id FROM conversations WHERE lead_id = ?))"),
            {id, id, id});
        if (turns > 0)
            add(QStringLiteral("call_turns"), turns);
    }
    add(QStringLiteral("messages"),
        removeRows(context, QStringLiteral("DELETE FROM messages WHERE lead_id = ?"), {id}));
    {
        // Kept recordings of the lead's calls: the files go with their rows.
        const QString ofCalls
            = QStringLiteral("call_id IN (SELECT id FROM calls WHERE lead_id = ? OR conversation_id IN "
                             "(SELECT id FROM conversations WHERE lead_id = ?))");
        auto &files = context.run(
            QStringLiteral("SELECT file_path FROM recordings WHERE file_path IS NOT NULL AND ") + ofCalls,
            {id, id});
        QStringList paths;
        while (files.next())
            paths.append(files.value(0).toString());
        files.finish();
        for (const auto &path : paths) {
            QFile::remove(path);
            QFile::remove(path + QStringLiteral(".part"));
        }
        // Their transcriptions (schema 22) hold what was said.
        const int transcriptions
            = removeRows(context, QStringLiteral("DELETE FROM transcriptions WHERE ") + ofCalls, {id, id});
        if (transcriptions > 0)
            add(QStringLiteral("transcriptions"), transcriptions);
        const int recordings
            = removeRows(context, QStringLiteral("DELETE FROM recordings WHERE ") + ofCalls, {id, id});
        if (recordings > 0)
            add(QStringLiteral("recordings"), recordings);
    }
    add(QStringLiteral("calls"),
        removeRows(context,
            QStringLiteral("DELETE FROM calls WHERE lead_id = ? OR conversation_id IN "
                           "(SELECT id FROM conversations WHERE lead_id = ?)"),
            {id, id}));
    add(QStringLiteral("conversations"),
        removeRows(context, QStringLiteral("DELETE FROM conversations WHERE lead_id = ?"), {id}));
    add(QStringLiteral("inbound_requests"),
        removeRows(
            context, QStringLiteral("DELETE FROM inbound_requests WHERE id IN ") + keysOf("request"), {}));

    // CRM records: the lead's, its pre-lead's and its customer's.
    auto removeOwned = [&](const QString &owner, qint64 ownerId) {
        add(QStringLiteral("contacts"),
            removeRows(context, QStringLiteral("DELETE FROM contacts WHERE owner_kind = ? AND owner_id = ?"),
                {owner, ownerId}));
        add(QStringLiteral("memos"),
            removeRows(context, QStringLiteral("DELETE FROM memos WHERE owner_kind = ? AND owner_id = ?"),
                {owner, ownerId}));
        add(QStringLiteral("status_history"),
            removeRows(context,
                QStringLiteral("DELETE FROM status_history WHERE owner_kind = ? AND owner_id = ?"),
                {owner, ownerId}));
    };
    removeOwned(QStringLiteral("lead"), id);
    add(QStringLiteral("activities"),
        removeRows(context, QStringLiteral("DELETE FROM activities WHERE lead_id = ?"), {id}));
    add(QStringLiteral("qualified_profiles"),
        removeRows(context, QStringLiteral("DELETE FROM qualified_profiles WHERE lead_id = ?"), {id}));
    add(QStringLiteral("customer_orders"), 0);
    add(QStringLiteral("customer_payments"), 0);
    add(QStringLiteral("customers"), 0);
    for (const auto customer : std::as_const(scope.customers)) {
        removeOwned(QStringLiteral("customer"), customer);
        add(QStringLiteral("customer_orders"),
            removeRows(
                context, QStringLiteral("DELETE FROM customer_orders WHERE customer_id = ?"), {customer}));
        add(QStringLiteral("customer_payments"),
            removeRows(
                context, QStringLiteral("DELETE FROM customer_payments WHERE customer_id = ?"), {customer}));
        add(QStringLiteral("customers"),
            removeRows(context, QStringLiteral("DELETE FROM customers WHERE id = ?"), {customer}));
    }
    removeRows(context, QStringLiteral("UPDATE customers SET lead_id = NULL WHERE lead_id = ?"), {id});
    // Its place in campaigns (the campaign's counts lose it; the campaign itself stays).
    add(QStringLiteral("campaign_recipients"),
        removeRows(context, QStringLiteral("DELETE FROM campaign_recipients WHERE lead_id = ?"), {id}));
    // Its follow-up tasks (their titles name the lead).
    add(QStringLiteral("tasks"),
        removeRows(context, QStringLiteral("DELETE FROM tasks WHERE lead_id = ?"), {id}));
    add(QStringLiteral("leads"), removeRows(context, QStringLiteral("DELETE FROM leads WHERE id = ?"), {id}));
    add(QStringLiteral("pre_leads"), 0);
    for (const auto preLead : std::as_const(scope.preLeads)) {
        removeOwned(QStringLiteral("pre_lead"), preLead);
        add(QStringLiteral("pre_leads"),
            removeRows(context, QStringLiteral("DELETE FROM pre_leads WHERE id = ?"), {preLead}));
    }
    context.exec("DELETE FROM temp.purge_keys");
    std::sort(purge.sharedInboundRequests.begin(), purge.sharedInboundRequests.end());
    std::sort(purge.sharedCustomers.begin(), purge.sharedCustomers.end());
    std::sort(purge.sharedPreLeads.begin(), purge.sharedPreLeads.end());
    return purge;
}

} // namespace sb
