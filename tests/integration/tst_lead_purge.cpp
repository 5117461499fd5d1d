// The GDPR erasure over real HTTP: a lead created by a signed CRM webhook, written to by a signed
// Twilio SMS from its phone, mirrored to an outbound webhook and relayed to a backend, is purged with
// DELETE /api/leads/{id}?purge=true. Afterwards no column of any table holds its phone or email (only
// the requests the answer names as unlinked), no lead_id column names it (but the lead.deleted event),
// another lead's rows are all still there, and the counts in the answer are the rows that went.
#include "DatabaseReader.h"
#include "ProviderTestSupport.h"
#include "WebhookReceiver.h"
#include "security/TwilioSignature.h"
#include "storage/SqlWorker.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSqlQuery>

using namespace sb;
using namespace sb::test;

namespace {

const QByteArray token = "purge-twilio-token";
const QString smsPath = QStringLiteral("/api/webhooks/twilio/sms");
const QString incoming = QStringLiteral("/api/v1/webhooks/incoming");

void withToken(RuntimeOptions &options)
{
    options.environment.insert(QStringLiteral("TWILIO_AUTH_TOKEN"), QString::fromLatin1(token));
}

QJsonObject envelope(const QString &event, const QJsonObject &data)
{
    static qint64 sent = 0;
    const auto timestamp = QDateTime::fromMSecsSinceEpoch(1705314600000 + 1000 * ++sent, Qt::UTC);
    return {{QStringLiteral("event"), event}, {QStringLiteral("source"), QStringLiteral("crm")},
        {QStringLiteral("data"), data}, {QStringLiteral("timestamp"), timestamp.toString(Qt::ISODate)}};
}

qint64 crmLead(TestServer &server, const QString &first, const QString &email, const QString &phone)
{
    const auto reply = postCrm(server, incoming + QStringLiteral("/lead/create"),
        envelope(QStringLiteral("new_lead"),
            {{QStringLiteral("first_name"), first}, {QStringLiteral("last_name"), QStringLiteral("Tester")},
                {QStringLiteral("email"), email}, {QStringLiteral("phone"), phone},
                {QStringLiteral("source"), QStringLiteral("website")}}));
    if (reply.status != 200)
        qWarning("CRM create failed: %d %s", reply.status, reply.body.constData());
    return reply.json().value(QStringLiteral("data")).toObject().value(QStringLiteral("lead_id")).toInteger();
}

HttpReply sms(TestServer &server, const QString &sid, const QString &from, const QString &text)
{
    const QList<QPair<QString, QString>> fields {{QStringLiteral("MessageSid"), sid},
        {QStringLiteral("AccountSid"), QStringLiteral("AC123")}, {QStringLiteral("From"), from},
        {QStringLiteral("To"), QStringLiteral("+15005550006")}, {QStringLiteral("Body"), text},
        {QStringLiteral("NumMedia"), QStringLiteral("0")},
        {QStringLiteral("SmsStatus"), QStringLiteral("received")}};
    const auto url = server.url(smsPath);
    return request("POST", url, formBody(fields),
        {{"Content-Type", "application/x-www-form-urlencoded"},
            {"X-Twilio-Signature", TwilioSignature::sign(token, url.toEncoded(), formFields(fields))}});
}

// Runs `change` on the server's writer and waits for its commit.
void write(TestServer &server, std::function<void(SqlContext &)> change)
{
    QObject context;
    bool done = false;
    SqlJob job;
    job.run = [change](SqlContext &sql) -> ApiResult {
        change(sql);
        return ApiResponse {};
    };
    job.replyContext = &context;
    job.done = [&done](const ApiResult &) { done = true; };
    server.runtime().writer().submit(std::move(job));
    QTRY_VERIFY(done);
}

// Every table with its columns.
QList<QPair<QString, QStringList>> tables(const DatabaseReader &db)
{
    QList<QPair<QString, QStringList>> found;
    QSqlQuery names(db.db());
    names.exec(QStringLiteral(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"));
    while (names.next()) {
        const auto table = names.value(0).toString();
        QSqlQuery columns(db.db());
        columns.exec(QStringLiteral("PRAGMA table_info(%1)").arg(table));
        QStringList list;
        while (columns.next())
            list << columns.value(1).toString();
        found.append({table, list});
    }
    return found;
}

// "table.column: rowid" for each row whose column holds one of `needles` (as bytes, any type).
QStringList rowsHolding(
    const DatabaseReader &db, const QList<QByteArray> &needles, QStringList *ids = nullptr)
{
    QStringList hits;
    for (const auto &[table, columns] : tables(db)) {
        for (const auto &column : columns) {
            for (const auto &needle : needles) {
                QSqlQuery query(db.db());
                query.prepare(QStringLiteral("SELECT rowid, %2 FROM %1 WHERE instr(CAST(%2 AS BLOB), ?) > 0")
                                  .arg(table, column));
                query.addBindValue(needle);
                if (!query.exec())
                    qWarning("scan failed: %s", qPrintable(table + QLatin1Char('.') + column));
                while (query.next()) {
                    hits << QStringLiteral("%1.%2: %3").arg(table, column, query.value(0).toString());
                    if (ids && table == QLatin1String("inbound_requests") && column == QLatin1String("body"))
                        ids->append(
                            db.value(QStringLiteral("SELECT id FROM inbound_requests WHERE rowid = ?"),
                                  {query.value(0)})
                                .toString());
                }
            }
        }
    }
    return hits;
}

// The rows of every table that concern lead `id` by id (lead_id / owner_id / leadId in JSON).
qint64 rowsNaming(const DatabaseReader &db, qint64 id, const QString &except = {})
{
    qint64 total = 0;
    for (const auto &[table, columns] : tables(db)) {
        QStringList where;
        if (columns.contains(QStringLiteral("lead_id")))
            where << QStringLiteral("lead_id = %1").arg(id);
        if (columns.contains(QStringLiteral("owner_id")))
            where << QStringLiteral("(owner_kind = 'lead' AND owner_id = %1)").arg(id);
        if (table == QLatin1String("leads"))
            where << QStringLiteral("id = %1").arg(id);
        if (where.isEmpty())
            continue;
        QString sql = QStringLiteral("SELECT COUNT(*) FROM %1 WHERE (%2)")
                          .arg(table, where.join(QStringLiteral(" OR ")));
        if (table == QLatin1String("event_log") && !except.isEmpty())
            sql += QStringLiteral(" AND type <> '%1'").arg(except);
        total += db.value(sql).toLongLong();
    }
    return total;
}

// A key for each row of `table` that a later row cannot take over (rowids are reused after the
// last row is deleted).
QSet<QString> keysOf(const DatabaseReader &db, const QString &table)
{
    QString key = QStringLiteral("rowid");
    if (table == QLatin1String("deliveries") || table == QLatin1String("inbound_requests"))
        key = QStringLiteral("id");
    else if (table == QLatin1String("event_log"))
        key = QStringLiteral("seq");
    else if (table == QLatin1String("delivery_attempts"))
        key = QStringLiteral("delivery_id || '/' || attempt");
    QSqlQuery query(db.db());
    query.exec(QStringLiteral("SELECT %1 FROM %2").arg(key, table));
    QSet<QString> keys;
    while (query.next())
        keys.insert(query.value(0).toString());
    return keys;
}

} // namespace

class TestLeadPurge : public QObject
{
    Q_OBJECT
private slots:
    void purgeLeavesNoTraceOfTheLead()
    {
        WebhookReceiver mirror;
        WebhookReceiver backend;
        TestServer server(withToken);
        QVERIFY2(server.started(), qPrintable(server.error()));

        const auto config = adminSend(server, "POST", QStringLiteral("/api/webhooks/config"),
            QJsonObject {{QStringLiteral("name"), QStringLiteral("crm mirror")},
                {QStringLiteral("url"), mirror.url()},
                {QStringLiteral("eventTypes"),
                    QJsonArray {QStringLiteral("lead.created"), QStringLiteral("message.created"),
                        QStringLiteral("memo.added"), QStringLiteral("lead.deleted")}}});
        QCOMPARE(config.status, 201);
        const auto relay = adminSend(server, "POST", QStringLiteral("/api/relays"),
            QJsonObject {{QStringLiteral("route"), QStringLiteral("twilio.sms")},
                {QStringLiteral("url"), backend.url(QStringLiteral("/backend"))}});
        QCOMPARE(relay.status, 201);

        const QString erasedPhone = QStringLiteral("+14155550177");
        const QString erasedEmail = QStringLiteral("erase.me@example.com");
        const QString keptPhone = QStringLiteral("+14155550188");
        const QString keptEmail = QStringLiteral("keep.me@example.com");
        const auto erased = crmLead(server, QStringLiteral("Erin"), erasedEmail, erasedPhone);
        const auto kept = crmLead(server, QStringLiteral("Kurt"), keptEmail, keptPhone);
        QVERIFY(erased > 0 && kept > 0);
        QCOMPARE(sms(server, QStringLiteral("SM00000000000000000000000000000001"), erasedPhone,
                     QStringLiteral("please forget me"))
                     .status,
            200);
        QCOMPARE(sms(server, QStringLiteral("SM00000000000000000000000000000002"), keptPhone,
                     QStringLiteral("keep my data"))
                     .status,
            200);
        QCOMPARE(postCrm(server, incoming + QStringLiteral("/lead/%1/memo/add").arg(erased),
                     envelope(QStringLiteral("lead_memo_add"),
                         {{QStringLiteral("content"), QStringLiteral("GDPR request received")}}))
                     .status,
            200);
        // A request naming the email that is refused (bad signature): stored, but nothing links it.
        const QJsonObject forged = envelope(QStringLiteral("new_lead"),
            {{QStringLiteral("first_name"), QStringLiteral("Erin")}, {QStringLiteral("email"), erasedEmail}});
        QCOMPARE(request("POST", server.url(incoming + QStringLiteral("/lead/create")),
                     QJsonDocument(forged).toJson(QJsonDocument::Compact),
                     {{"Content-Type", "application/json"}, {"X-Webhook-Signature", "00"}})
                     .status,
            401);

        // 2 lead.created + 2 message.created + 1 memo.added mirrored; both SMS relayed.
        QTRY_COMPARE_WITH_TIMEOUT(mirror.received().size(), 5, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(backend.received().size(), 2, 10000);

        // A follow-up task naming the lead's phone (as the unanswered-call rule's titles do).
        QCOMPARE(adminSend(server, "POST", QStringLiteral("/api/tasks"),
                     {{QStringLiteral("title"), QStringLiteral("Call %1 back").arg(erasedPhone)},
                         {QStringLiteral("dueAt"), QStringLiteral("2030-01-01T09:00:00Z")},
                         {QStringLiteral("leadId"), erased}})
                     .status,
            201);
        DatabaseReader db(server);
        const QString status = QStringLiteral("status IN ('delivered')");
        QTRY_COMPARE_WITH_TIMEOUT(
            db.count(QStringLiteral("deliveries"), QStringLiteral("NOT ") + status), 0, 10000);
        const QList<QByteArray> erasedNeedles {erasedPhone.toUtf8(), erasedEmail.toUtf8(),
            QUrl::toPercentEncoding(erasedPhone), QUrl::toPercentEncoding(erasedEmail)};
        const QList<QByteArray> keptNeedles {
            keptPhone.toUtf8(), keptEmail.toUtf8(), QUrl::toPercentEncoding(keptPhone)};

        // Before: the lead's data is in requests, deliveries, attempts, relays and the event log.
        const auto before = rowsHolding(db, erasedNeedles);
        for (const auto *where :
            {"inbound_requests.body", "deliveries.payload", "delivery_attempts.request_body",
                "event_log.data", "messages.from_address", "leads.email", "tasks.title"}) {
            QVERIFY2(before.filter(QLatin1String(where)).size() > 0, where);
        }
        QVERIFY(db.count(QStringLiteral("deliveries"), QStringLiteral("source = 'relay'")) == 2);
        const auto keptBefore = rowsHolding(db, keptNeedles);
        const auto keptNamingBefore = rowsNaming(db, kept);
        QVERIFY(keptNamingBefore > 3);
        const QStringList counted {QStringLiteral("inbound_requests"), QStringLiteral("deliveries"),
            QStringLiteral("delivery_attempts"), QStringLiteral("event_log"), QStringLiteral("messages"),
            QStringLiteral("conversations"), QStringLiteral("memos"), QStringLiteral("status_history"),
            QStringLiteral("leads")};
        QHash<QString, QSet<QString>> rowsBefore;
        for (const auto &table : counted)
            rowsBefore.insert(table, keysOf(db, table));

        // Bad ids and unknown leads.
        QCOMPARE(adminSend(server, "DELETE", QStringLiteral("/api/leads/abc?purge=true")).status, 400);
        QCOMPARE(adminSend(server, "DELETE", QStringLiteral("/api/leads/0?purge=true")).status, 400);
        QCOMPARE(
            adminSend(server, "DELETE", QStringLiteral("/api/leads/%1?purge=true").arg(kept + 100)).status,
            404);

        const auto reply
            = adminSend(server, "DELETE", QStringLiteral("/api/leads/%1?purge=true").arg(erased));
        QCOMPARE(reply.status, 200);
        const auto answer = reply.json();
        QCOMPARE(answer.value(QStringLiteral("purged")).toBool(), true);
        const auto removed = answer.value(QStringLiteral("removed")).toObject();
        const auto retained = answer.value(QStringLiteral("retained")).toObject();

        // The counts are the rows that went (rows written by the DELETE itself are left out).
        const QHash<QString, QString> keyOf {
            {QStringLiteral("inbound_requests"), QStringLiteral("inbound_requests")},
            {QStringLiteral("deliveries"), QStringLiteral("deliveries")},
            {QStringLiteral("delivery_attempts"), QStringLiteral("delivery_attempts")},
            {QStringLiteral("event_log"), QStringLiteral("event_log")},
            {QStringLiteral("messages"), QStringLiteral("messages")},
            {QStringLiteral("conversations"), QStringLiteral("conversations")},
            {QStringLiteral("memos"), QStringLiteral("memos")},
            {QStringLiteral("status_history"), QStringLiteral("status_history")},
            {QStringLiteral("leads"), QStringLiteral("leads")}};
        for (const auto &table : counted) {
            const auto went = QSet<QString>(rowsBefore.value(table)).subtract(keysOf(db, table)).size();
            QVERIFY2(removed.contains(keyOf.value(table)), qPrintable(table));
            QVERIFY2(removed.value(keyOf.value(table)).toInteger() == went,
                qPrintable(QStringLiteral("%1: %2 removed, %3 went")
                               .arg(table)
                               .arg(removed.value(keyOf.value(table)).toInteger())
                               .arg(went)));
        }
        // Create, SMS and memo requests; their deliveries and the SMS relay; a message, a conversation.
        QCOMPARE(removed.value(QStringLiteral("inbound_requests")).toInt(), 3);
        QCOMPARE(removed.value(QStringLiteral("deliveries")).toInt(), 4);
        QCOMPARE(removed.value(QStringLiteral("delivery_attempts")).toInt(), 4);
        QCOMPARE(removed.value(QStringLiteral("messages")).toInt(), 1);
        QCOMPARE(removed.value(QStringLiteral("conversations")).toInt(), 1);
        QCOMPARE(removed.value(QStringLiteral("memos")).toInt(), 1);
        QCOMPARE(removed.value(QStringLiteral("leads")).toInt(), 1);
        QCOMPARE(removed.value(QStringLiteral("tasks")).toInt(), 1);
        QVERIFY(removed.value(QStringLiteral("event_log")).toInt() >= 5);
        QCOMPARE(retained.value(QStringLiteral("shared_inbound_requests")).toArray().size(), 0);

        // No column of any table holds the phone or the email, but the refused request, which the
        // answer names instead of guessing.
        QStringList forgedIds;
        const auto after = rowsHolding(db, erasedNeedles, &forgedIds);
        QVERIFY2(forgedIds.size() == 1, qPrintable(after.join(QStringLiteral("; "))));
        const auto forgedRow
            = db.value(QStringLiteral("SELECT rowid FROM inbound_requests WHERE id = ?"), {forgedIds.first()})
                  .toString();
        // Its body, and the signed bytes stored with it.
        QCOMPARE(after,
            (QStringList {QStringLiteral("inbound_requests.body: ") + forgedRow,
                QStringLiteral("inbound_requests.string_to_sign: ") + forgedRow}));
        QCOMPARE(retained.value(QStringLiteral("unlinked_inbound_requests")).toArray(),
            QJsonArray {forgedIds.first()});
        // No row names the lead but the lead.deleted event.
        QCOMPARE(rowsNaming(db, erased, QStringLiteral("lead.deleted")), 0);
        QCOMPARE(db.count(QStringLiteral("event_log"), QStringLiteral("lead_id = ?"), {erased}), 1);

        // The other lead is untouched.
        QCOMPARE(rowsHolding(db, keptNeedles), keptBefore);
        QCOMPARE(rowsNaming(db, kept), keptNamingBefore);
        QCOMPARE(db.count(QStringLiteral("deliveries"), QStringLiteral("source = 'relay'")), 1);

        // lead.deleted goes out with the id and purged only.
        QTRY_COMPARE_WITH_TIMEOUT(mirror.received().size(), 6, 10000);
        const auto deleted = QJsonDocument::fromJson(mirror.received().last().body).object();
        QCOMPARE(deleted.value(QStringLiteral("event")).toString(), QStringLiteral("lead.deleted"));
        QCOMPARE(deleted.value(QStringLiteral("id")).toInteger(), erased);
        QCOMPARE(deleted.value(QStringLiteral("purged")).toBool(), true);
        QStringList keys = deleted.keys();
        keys.sort();
        QCOMPARE(keys,
            (QStringList {QStringLiteral("event"), QStringLiteral("id"), QStringLiteral("lead_id"),
                QStringLiteral("mode"), QStringLiteral("purged"), QStringLiteral("sourceRecordId"),
                QStringLiteral("timestamp")}));
        for (const auto &needle : erasedNeedles)
            QVERIFY(!mirror.received().last().body.contains(needle));

        QCOMPARE(adminGet(server, QStringLiteral("/api/leads/%1").arg(erased)).status, 404);
        QCOMPARE(
            adminSend(server, "DELETE", QStringLiteral("/api/leads/%1?purge=true").arg(erased)).status, 404);
    }

    // A request that also concerns something else (here a campaign run) is kept, with its relay, and
    // named in the answer; the lead's own rows still go.
    void sharedRequestIsKeptAndNamed()
    {
        WebhookReceiver backend;
        TestServer server(withToken);
        QVERIFY2(server.started(), qPrintable(server.error()));
        QCOMPARE(adminSend(server, "POST", QStringLiteral("/api/relays"),
                     QJsonObject {{QStringLiteral("route"), QStringLiteral("twilio.sms")},
                         {QStringLiteral("url"), backend.url(QStringLiteral("/backend"))}})
                     .status,
            201);
        const auto lead = crmLead(
            server, QStringLiteral("Sam"), QStringLiteral("sam@example.com"), QStringLiteral("+14155550166"));
        QVERIFY(lead > 0);
        QCOMPARE(sms(server, QStringLiteral("SM00000000000000000000000000000003"),
                     QStringLiteral("+14155550166"), QStringLiteral("hi"))
                     .status,
            200);
        QTRY_COMPARE_WITH_TIMEOUT(backend.received().size(), 1, 10000);
        DatabaseReader db(server);
        const auto smsRequest
            = db.value(QStringLiteral("SELECT inbound_request_id FROM messages WHERE lead_id = ?"), {lead})
                  .toString();
        QVERIFY(smsRequest.startsWith(QLatin1String("evt_")));
        write(server, [smsRequest](SqlContext &sql) {
            sql.write(
                QStringLiteral("INSERT INTO campaign_runs(campaign_id, status, request, inbound_request_id, "
                               "created_at) VALUES('c1', 'started', '{}', ?, 1)"),
                {smsRequest});
        });

        const auto reply = adminSend(server, "DELETE", QStringLiteral("/api/leads/%1?purge=true").arg(lead));
        QCOMPARE(reply.status, 200);
        const auto retained = reply.json().value(QStringLiteral("retained")).toObject();
        QCOMPARE(
            retained.value(QStringLiteral("shared_inbound_requests")).toArray(), QJsonArray {smsRequest});
        const auto removed = reply.json().value(QStringLiteral("removed")).toObject();
        QCOMPARE(removed.value(QStringLiteral("inbound_requests")).toInt(), 1); // the CRM create
        QCOMPARE(removed.value(QStringLiteral("messages")).toInt(), 1);
        QCOMPARE(db.count(QStringLiteral("inbound_requests"), QStringLiteral("id = ?"), {smsRequest}), 1);
        QCOMPARE(
            db.count(QStringLiteral("deliveries"), QStringLiteral("inbound_request_id = ?"), {smsRequest}),
            1);
        QCOMPARE(db.count(QStringLiteral("leads")), 0);
        QCOMPARE(db.count(QStringLiteral("messages")), 0);
    }

    // The pre-lead a lead came from and the customer made from it go with it.
    void preLeadAndCustomerGoToo()
    {
        TestServer server(withToken);
        QVERIFY2(server.started(), qPrintable(server.error()));
        const auto preLead = postCrm(server, incoming + QStringLiteral("/pre-lead/create"),
            envelope(QStringLiteral("new_inquiry"),
                {{QStringLiteral("first_name"), QStringLiteral("Paula")},
                    {QStringLiteral("email"), QStringLiteral("paula@example.com")},
                    {QStringLiteral("phone"), QStringLiteral("+14155550199")}}));
        QCOMPARE(preLead.status, 200);
        const auto preLeadId = preLead.json()
                                   .value(QStringLiteral("data"))
                                   .toObject()
                                   .value(QStringLiteral("pre_lead_id"))
                                   .toInteger();
        const auto converted
            = postCrm(server, incoming + QStringLiteral("/pre-lead/%1/convert").arg(preLeadId),
                envelope(QStringLiteral("pre_lead_convert"), {}));
        QVERIFY2(converted.status == 200, converted.body.constData());
        const auto lead = converted.json()
                              .value(QStringLiteral("data"))
                              .toObject()
                              .value(QStringLiteral("lead_id"))
                              .toInteger();
        QVERIFY(lead > 0);
        const auto customer = postCrm(server, incoming + QStringLiteral("/lead/%1/convert").arg(lead),
            envelope(
                QStringLiteral("lead_convert"), {{QStringLiteral("customer_code"), QStringLiteral("C-1")}}));
        QVERIFY2(customer.status == 200, customer.body.constData());

        const auto reply = adminSend(server, "DELETE", QStringLiteral("/api/leads/%1?purge=true").arg(lead));
        QCOMPARE(reply.status, 200);
        const auto removed = reply.json().value(QStringLiteral("removed")).toObject();
        QCOMPARE(removed.value(QStringLiteral("pre_leads")).toInt(), 1);
        QCOMPARE(removed.value(QStringLiteral("customers")).toInt(), 1);
        QCOMPARE(removed.value(QStringLiteral("inbound_requests")).toInt(), 3);
        DatabaseReader db(server);
        QCOMPARE(db.count(QStringLiteral("pre_leads")), 0);
        QCOMPARE(db.count(QStringLiteral("customers")), 0);
        QCOMPARE(
            rowsHolding(db, {QByteArray("paula@example.com"), QByteArray("+14155550199")}), QStringList {});
    }
};

QTEST_MAIN(TestLeadPurge)
#include "tst_lead_purge.moc"
