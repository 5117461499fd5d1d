// Seed 002's CRM webhooks end to end: signed requests to the real server, answers checked against
// the seed, effects checked in the stored database (read through a separate read-only connection).
#include "DatabaseReader.h"
#include "TestSupport.h"
#include "domain/EventBus.h"

#include <QDateTime>
#include <QJsonArray>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>

using namespace sb;
using namespace sb::test;

namespace {

const QString incoming = QStringLiteral("/api/v1/webhooks/incoming");

QJsonObject json(const char *text)
{
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

// Seed 002's envelope with a timestamp of its own, as a CRM stamps each event: two calls never make
// the same body, so a repeated command reaches its handler (identical bodies are duplicates).
QJsonObject envelope(
    const QString &event, const QJsonObject &data, const QString &source = QStringLiteral("crm"))
{
    static qint64 sent = 0;
    const auto timestamp = QDateTime::fromMSecsSinceEpoch(1705314600000 + 1000 * ++sent, Qt::UTC);
    return {{QStringLiteral("event"), event}, {QStringLiteral("source"), source},
        {QStringLiteral("data"), data}, {QStringLiteral("timestamp"), timestamp.toString(Qt::ISODate)}};
}

QString detailOf(const HttpReply &reply)
{
    return reply.json().value(QStringLiteral("detail")).toString();
}

QJsonObject dataOf(const HttpReply &reply)
{
    return reply.json().value(QStringLiteral("data")).toObject();
}

// Seed 002's example payloads.
QJsonObject seedInquiry()
{
    return json(
        R"({"first_name":"John","last_name":"Doe","email":"john.doe@example.com","phone":"+1234567890",
        "company_name":"ABC Corp","source":"website","product_interest":"CRM Software",
        "requirements":"Need enterprise CRM solution","city":"New York","state":"NY","country":"USA",
        "address_line1":"123 Main St","address_line2":"Suite 100","zip_code":"10001","notes":"Interested in demo",
        "lead_status":"new","industry_id":1,"region_id":1,"office_timings":"9:00 AM - 5:00 PM","timezone":"EST"})");
}

QJsonObject seedLead()
{
    return json(
        R"({"first_name":"Robert","last_name":"Johnson","email":"robert@example.com","phone":"+1234567893",
        "company_name":"XYZ Industries","source":"referral","priority":"high","product_interest":"Enterprise Suite",
        "requirements":"Full ERP integration needed","expected_value":100000.00,"city":"Chicago","state":"IL",
        "country":"USA","address_line1":"456 Business Ave","zip_code":"60601","assigned_to":3,
        "notes":"Referred by existing customer"})");
}

QJsonObject seedProfile()
{
    return json(R"({"profile_type":"qualified","company":"XYZ Industries","industry":"Manufacturing",
        "best_time_call":"10:00 AM - 12:00 PM","timezone":"CST","mode":"hybrid","contact_name":"Robert Johnson",
        "designation":"CEO","phone":"+1234567893","email":"robert@xyzindustries.com","need_type":"New Implementation",
        "current_solution":"Legacy ERP System","pain_point":"Manual processes, lack of integration","budget":150000.00,
        "decision_timeline":"Q2 2024","decision_maker":"Board of Directors","competitor_info":"Evaluating SAP and Oracle",
        "notes":"Strong buying signals, ready to proceed"})");
}

// The stored database, read through its own read-only connection (the server keeps writing).
class Store : public DatabaseReader
{
public:
    using DatabaseReader::DatabaseReader;

    QJsonObject attributes(const QString &table, qint64 id) const
    {
        return QJsonDocument::fromJson(
            value(QStringLiteral("SELECT attributes FROM ") + table + QStringLiteral(" WHERE id = ?"), {id})
                .toByteArray())
            .object();
    }
    // "old>new" per status_history row of one record, oldest first.
    QStringList history(const QString &owner, qint64 id) const
    {
        QSqlQuery query(db());
        query.prepare(QStringLiteral("SELECT COALESCE(old_status, ''), new_status FROM status_history "
                                     "WHERE owner_kind = ? AND owner_id = ? ORDER BY id"));
        query.addBindValue(owner);
        query.addBindValue(id);
        query.exec();
        QStringList steps;
        while (query.next())
            steps.append(query.value(0).toString() + QLatin1Char('>') + query.value(1).toString());
        return steps;
    }
    // Every CRM table's row count and content digest: equal before and after = nothing changed.
    QString snapshot() const
    {
        QString text;
        for (const auto &table : {"pre_leads", "leads", "contacts", "memos", "activities", "status_history",
                 "qualified_profiles", "customers", "customer_orders", "customer_payments"}) {
            QSqlQuery query(db());
            query.exec(
                QStringLiteral("SELECT * FROM ") + QLatin1String(table) + QStringLiteral(" ORDER BY id"));
            text += QLatin1String(table) + QLatin1Char(':');
            while (query.next()) {
                for (int i = 0; i < query.record().count(); ++i)
                    text += query.value(i).toString() + QLatin1Char('|');
                text += QLatin1Char('\n');
            }
        }
        return text;
    }
};

} // namespace

#define EXPECT_ERROR(call, code, text)                                                                       \
    do {                                                                                                     \
        const auto reply_ = (call);                                                                          \
        QCOMPARE(reply_.status, code);                                                                       \
        QVERIFY2(detailOf(reply_).contains(text),                                                            \
            qPrintable(QString::number(reply_.status) + QLatin1Char(' ') + QString::fromUtf8(reply_.body))); \
    } while (false)

#define EXPECT_OK(call, text)                                                                                \
    do {                                                                                                     \
        const auto reply_ = (call);                                                                          \
        QVERIFY2(reply_.status == 200, reply_.body.constData());                                             \
        QCOMPARE(reply_.json().value(QStringLiteral("status")).toString(), QStringLiteral("success"));       \
        QCOMPARE(reply_.json().value(QStringLiteral("message")).toString(), QStringLiteral(text));           \
    } while (false)

class CrmTest : public QObject
{
    Q_OBJECT

    HttpReply post(TestServer &server, const QString &path, const QString &event, const QJsonObject &data)
    {
        return postCrm(server, incoming + QLatin1Char('/') + path, envelope(event, data));
    }
    HttpReply generic(TestServer &server, const QString &event, const QJsonObject &data)
    {
        return postCrm(server, incoming, envelope(event, data));
    }
    qint64 createPreLead(TestServer &server, QJsonObject data = seedInquiry())
    {
        const auto reply
            = post(server, QStringLiteral("pre-lead/create"), QStringLiteral("new_inquiry"), data);
        return reply.status == 200 ? dataOf(reply).value(QStringLiteral("pre_lead_id")).toInteger() : 0;
    }
    qint64 createLead(TestServer &server, QJsonObject data = seedLead())
    {
        const auto reply = post(server, QStringLiteral("lead/create"), QStringLiteral("new_lead"), data);
        return reply.status == 200 ? dataOf(reply).value(QStringLiteral("lead_id")).toInteger() : 0;
    }
    qint64 createCustomer(TestServer &server, const QString &code)
    {
        const auto lead = createLead(server);
        const auto reply = post(server, QStringLiteral("lead/%1/convert").arg(lead),
            QStringLiteral("lead_convert"), {{QStringLiteral("customer_code"), code}});
        return reply.status == 200 ? dataOf(reply).value(QStringLiteral("customer_id")).toInteger() : 0;
    }

private Q_SLOTS:
    void everyEndpointIsRegistered();
    void preLeadCreate();
    void preLeadCreateValidation();
    void preLeadUpdate();
    void preLeadDiscard();
    void preLeadContactAdd();
    void preLeadMemoAdd();
    void preLeadStatusUpdate();
    void preLeadConvert();
    void leadCreate();
    void leadCreateValidation();
    void leadUpdate();
    void leadDiscard();
    void leadContactAdd();
    void leadActivityAdd();
    void leadQualifiedProfileUpdate();
    void leadMemoAdd();
    void leadStatusUpdate();
    void leadConvert();
    void orderCreated();
    void paymentReceived();
    void genericRouterDispatchesEveryEvent();
    void genericRouterNeedsSubjectId();
    void envelopeErrors();
    void eventsAreRaisedOnCommit();
    void missingSecretIs401();
    void acceptUnverifiedAccepts();
    void badSignatureIs401AndAppliesNothing();
    void rejectedRequestsLeaveDataIntact();
    void identicalBodyIsAppliedOnceWithinADay();
    void timestampedSignatureIsJudgedAtArrival();
};

void CrmTest::everyEndpointIsRegistered()
{
    TestServer server;
    QVERIFY2(server.started(), qPrintable(server.error()));
    const QStringList paths {QStringLiteral("pre-lead/create"), QStringLiteral("pre-lead/1/update"),
        QStringLiteral("pre-lead/1/discard"), QStringLiteral("pre-lead/1/contact/add"),
        QStringLiteral("pre-lead/1/memo/add"), QStringLiteral("pre-lead/1/status/update"),
        QStringLiteral("pre-lead/1/convert"), QStringLiteral("lead/create"), QStringLiteral("lead/1/update"),
        QStringLiteral("lead/1/discard"), QStringLiteral("lead/1/contact/add"),
        QStringLiteral("lead/1/activity/add"), QStringLiteral("lead/1/qualified-profile/update"),
        QStringLiteral("lead/1/memo/add"), QStringLiteral("lead/1/status/update"),
        QStringLiteral("lead/1/convert")};
    for (const auto &path : paths) {
        const auto reply = request("GET", server.url(incoming + QLatin1Char('/') + path));
        QVERIFY2(reply.status == 200, qPrintable(path));
        QVERIFY(reply.json().value(QStringLiteral("handler")).toString().startsWith(QStringLiteral("crm.")));
    }
    // A path id that is not a positive integer is refused before anything is looked up.
    EXPECT_ERROR(post(server, QStringLiteral("lead/abc/update"), QStringLiteral("lead_update"),
                     {{QStringLiteral("city"), QStringLiteral("x")}}),
        400, QStringLiteral("lead_id in the path must be a positive integer"));
    EXPECT_ERROR(post(server, QStringLiteral("pre-lead/0/discard"), QStringLiteral("pre_lead_discard"), {}),
        400, QStringLiteral("pre_lead_id in the path must be a positive integer"));
}

void CrmTest::preLeadCreate()
{
    TestServer server;
    QVERIFY(server.started());
    const auto reply
        = post(server, QStringLiteral("pre-lead/create"), QStringLiteral("new_inquiry"), seedInquiry());
    EXPECT_OK(reply, "Pre-lead created successfully");
    const auto id = dataOf(reply).value(QStringLiteral("pre_lead_id")).toInteger();
    QVERIFY(id > 0);
    QCOMPARE(dataOf(reply).keys(), QStringList {QStringLiteral("pre_lead_id")});

    Store store(server);
    const auto row = store.row(QStringLiteral("SELECT * FROM pre_leads WHERE id = ?"), {id});
    QCOMPARE(row.value(QStringLiteral("first_name")).toString(), QStringLiteral("John"));
    QCOMPARE(row.value(QStringLiteral("email")).toString(), QStringLiteral("john.doe@example.com"));
    QCOMPARE(row.value(QStringLiteral("company_name")).toString(), QStringLiteral("ABC Corp"));
    QCOMPARE(row.value(QStringLiteral("source")).toString(), QStringLiteral("website"));
    QCOMPARE(row.value(QStringLiteral("lead_status")).toString(), QStringLiteral("new"));
    QCOMPARE(row.value(QStringLiteral("lifecycle")).toString(), QStringLiteral("active"));
    const auto attributes = store.attributes(QStringLiteral("pre_leads"), id);
    QCOMPARE(attributes.value(QStringLiteral("city")).toString(), QStringLiteral("New York"));
    QCOMPARE(attributes.value(QStringLiteral("state")).toString(), QStringLiteral("NY"));
    QCOMPARE(attributes.value(QStringLiteral("industry_id")).toInt(), 1);
    QCOMPARE(
        attributes.value(QStringLiteral("office_timings")).toString(), QStringLiteral("9:00 AM - 5:00 PM"));
    QVERIFY(!attributes.contains(QStringLiteral("first_name"))); // columns are not duplicated
    QCOMPARE(store.history(QStringLiteral("pre_lead"), id), QStringList {QStringLiteral(">new")});

    // Only an email is enough; the status defaults to new and the source to the envelope's.
    const auto minimal = postCrm(server, incoming + QStringLiteral("/pre-lead/create"),
        envelope(QStringLiteral("new_inquiry"), {{QStringLiteral("email"), QStringLiteral("a@b.c")}},
            QStringLiteral("whatsapp")));
    EXPECT_OK(minimal, "Pre-lead created successfully");
    const auto second = dataOf(minimal).value(QStringLiteral("pre_lead_id")).toInteger();
    QVERIFY(second > id);
    QCOMPARE(store.value(QStringLiteral("SELECT source FROM pre_leads WHERE id = ?"), {second}).toString(),
        QStringLiteral("whatsapp"));
}

void CrmTest::preLeadCreateValidation()
{
    TestServer server;
    QVERIFY(server.started());
    const auto create = [&](const QJsonObject &data) {
        return post(server, QStringLiteral("pre-lead/create"), QStringLiteral("new_inquiry"), data);
    };
    EXPECT_ERROR(create({{QStringLiteral("city"), QStringLiteral("Paris")}}), 400,
        QStringLiteral("first_name, last_name, company_name, email or phone is required"));
    EXPECT_ERROR(
        create({{QStringLiteral("first_name"), QStringLiteral("  ")}}), 400, QStringLiteral("is required"));
    auto data = seedInquiry();
    data.insert(QStringLiteral("lead_status"), QStringLiteral("hot"));
    EXPECT_ERROR(create(data), 400,
        QStringLiteral(
            "lead_status must be one of: new, contacted, qualified, proposal_sent, negotiation, won, lost"));
    data = seedInquiry();
    data.insert(QStringLiteral("source"), QStringLiteral("pigeon"));
    EXPECT_ERROR(create(data), 400, QStringLiteral("source must be one of: website, referral, social_media"));
    data = seedInquiry();
    data.insert(QStringLiteral("first_name"), 5);
    EXPECT_ERROR(create(data), 400, QStringLiteral("first_name must be a string"));
    data = seedInquiry();
    data.insert(QStringLiteral("industry_id"), QStringLiteral("one"));
    EXPECT_ERROR(create(data), 400, QStringLiteral("industry_id must be an integer"));
    data = seedInquiry();
    data.insert(QStringLiteral("region_id"), 1.5);
    EXPECT_ERROR(create(data), 400, QStringLiteral("region_id must be an integer"));
    Store store(server);
    QCOMPARE(store.count(QStringLiteral("pre_leads")), 0);
    QCOMPARE(store.count(QStringLiteral("status_history")), 0);
}

void CrmTest::preLeadUpdate()
{
    TestServer server;
    QVERIFY(server.started());
    const auto id = createPreLead(server);
    QVERIFY(id > 0);
    const auto path = QStringLiteral("pre-lead/%1/update").arg(id);
    const auto update
        = json(R"({"first_name":"John","last_name":"Doe Updated","email":"john.updated@example.com",
        "phone":"+1234567891","company_name":"ABC Corp Updated","product_interest":"Enterprise CRM",
        "requirements":"Updated requirements","city":"Los Angeles","state":"CA","lead_status":"contacted",
        "notes":"Follow up scheduled"})");
    const auto reply = post(server, path, QStringLiteral("pre_lead_update"), update);
    EXPECT_OK(reply, "Pre-lead updated successfully");
    QCOMPARE(dataOf(reply).value(QStringLiteral("pre_lead_id")).toInteger(), id);

    Store store(server);
    const auto row = store.row(QStringLiteral("SELECT * FROM pre_leads WHERE id = ?"), {id});
    QCOMPARE(row.value(QStringLiteral("last_name")).toString(), QStringLiteral("Doe Updated"));
    QCOMPARE(row.value(QStringLiteral("email")).toString(), QStringLiteral("john.updated@example.com"));
    QCOMPARE(row.value(QStringLiteral("lead_status")).toString(), QStringLiteral("contacted"));
    QCOMPARE(row.value(QStringLiteral("source")).toString(), QStringLiteral("website")); // not given: kept
    const auto attributes = store.attributes(QStringLiteral("pre_leads"), id);
    QCOMPARE(attributes.value(QStringLiteral("city")).toString(), QStringLiteral("Los Angeles"));
    QCOMPARE(attributes.value(QStringLiteral("country")).toString(),
        QStringLiteral("USA")); // merged, not replaced
    QCOMPARE(store.history(QStringLiteral("pre_lead"), id),
        (QStringList {QStringLiteral(">new"), QStringLiteral("new>contacted")}));

    // An update that leaves the status alone adds no history.
    EXPECT_OK(post(server, path, QStringLiteral("pre_lead_update"),
                  {{QStringLiteral("city"), QStringLiteral("Austin")}}),
        "Pre-lead updated successfully");
    QCOMPARE(store.history(QStringLiteral("pre_lead"), id).size(), 2);

    EXPECT_ERROR(
        post(server, QStringLiteral("pre-lead/9999/update"), QStringLiteral("pre_lead_update"), update), 404,
        QStringLiteral("Pre-lead not found"));
    EXPECT_ERROR(post(server, path, QStringLiteral("pre_lead_update"), {}), 400,
        QStringLiteral("data has no fields to update"));
    EXPECT_ERROR(post(server, path, QStringLiteral("pre_lead_update"),
                     {{QStringLiteral("lead_status"), QStringLiteral("done")}}),
        400, QStringLiteral("lead_status must be one of"));
    EXPECT_ERROR(
        post(server, path, QStringLiteral("pre_lead_update"), {{QStringLiteral("email"), QJsonArray {}}}),
        400, QStringLiteral("email must be a string"));
}

void CrmTest::preLeadDiscard()
{
    TestServer server;
    QVERIFY(server.started());
    const auto id = createPreLead(server);
    const auto path = QStringLiteral("pre-lead/%1/").arg(id);
    const auto reply = post(server, path + QStringLiteral("discard"), QStringLiteral("pre_lead_discard"),
        {{QStringLiteral("reason"), QStringLiteral("Not interested - budget constraints")}});
    EXPECT_OK(reply, "Pre-lead discarded successfully");
    QCOMPARE(dataOf(reply).value(QStringLiteral("pre_lead_id")).toInteger(), id);
    Store store(server);
    const auto row = store.row(QStringLiteral("SELECT * FROM pre_leads WHERE id = ?"), {id});
    QCOMPARE(row.value(QStringLiteral("lifecycle")).toString(), QStringLiteral("discarded"));
    QCOMPARE(row.value(QStringLiteral("discard_reason")).toString(),
        QStringLiteral("Not interested - budget constraints"));
    QCOMPARE(row.value(QStringLiteral("lead_status")).toString(), QStringLiteral("new"));
    QCOMPARE(store.history(QStringLiteral("pre_lead"), id),
        (QStringList {QStringLiteral(">new"), QStringLiteral("new>discarded")}));
    QCOMPARE(store.value(QStringLiteral("SELECT remarks FROM status_history ORDER BY id DESC")).toString(),
        QStringLiteral("Not interested - budget constraints"));

    // A discarded pre-lead is history: no second discard, update, status change or conversion.
    EXPECT_ERROR(post(server, path + QStringLiteral("discard"), QStringLiteral("pre_lead_discard"), {}), 409,
        QStringLiteral("is discarded and cannot be discarded again"));
    EXPECT_ERROR(post(server, path + QStringLiteral("update"), QStringLiteral("pre_lead_update"),
                     {{QStringLiteral("city"), QStringLiteral("Rome")}}),
        409, QStringLiteral("is discarded and cannot be updated"));
    EXPECT_ERROR(
        post(server, path + QStringLiteral("status/update"), QStringLiteral("pre_lead_status_update"),
            {{QStringLiteral("lead_status"), QStringLiteral("qualified")}}),
        409, QStringLiteral("is discarded"));
    EXPECT_ERROR(post(server, path + QStringLiteral("convert"), QStringLiteral("pre_lead_convert"), {}), 409,
        QStringLiteral("Pre-lead %1 is discarded and cannot be converted").arg(id));
    QCOMPARE(store.count(QStringLiteral("leads")), 0);
    // Notes about it are still welcome.
    EXPECT_OK(post(server, path + QStringLiteral("memo/add"), QStringLiteral("pre_lead_memo_add"),
                  {{QStringLiteral("content"), QStringLiteral("why we let it go")}}),
        "Memo added successfully");

    EXPECT_ERROR(
        post(server, QStringLiteral("pre-lead/9999/discard"), QStringLiteral("pre_lead_discard"), {}), 404,
        QStringLiteral("Pre-lead not found"));
    EXPECT_ERROR(post(server, path + QStringLiteral("discard"), QStringLiteral("pre_lead_discard"),
                     {{QStringLiteral("reason"), 42}}),
        400, QStringLiteral("reason must be a string"));
}

void CrmTest::preLeadContactAdd()
{
    TestServer server;
    QVERIFY(server.started());
    const auto id = createPreLead(server);
    const auto path = QStringLiteral("pre-lead/%1/contact/add").arg(id);
    const auto contact = json(R"({"first_name":"Jane","last_name":"Smith","email":"jane.smith@abccorp.com",
        "phone":"+1234567892","designation":"Procurement Manager","department":"Purchasing","is_primary":true})");
    const auto reply = post(server, path, QStringLiteral("pre_lead_contact_add"), contact);
    EXPECT_OK(reply, "Contact added successfully");
    const auto contactId = dataOf(reply).value(QStringLiteral("contact_id")).toInteger();
    QVERIFY(contactId > 0);
    QCOMPARE(dataOf(reply).value(QStringLiteral("pre_lead_id")).toInteger(), id);
    Store store(server);
    auto row = store.row(QStringLiteral("SELECT * FROM contacts WHERE id = ?"), {contactId});
    QCOMPARE(row.value(QStringLiteral("owner_kind")).toString(), QStringLiteral("pre_lead"));
    QCOMPARE(row.value(QStringLiteral("owner_id")).toLongLong(), id);
    QCOMPARE(row.value(QStringLiteral("designation")).toString(), QStringLiteral("Procurement Manager"));
    QCOMPARE(row.value(QStringLiteral("department")).toString(), QStringLiteral("Purchasing"));
    QCOMPARE(row.value(QStringLiteral("is_primary")).toInt(), 1);

    // A second primary contact demotes the first.
    const auto next = post(server, path, QStringLiteral("pre_lead_contact_add"),
        {{QStringLiteral("first_name"), QStringLiteral("Max")}, {QStringLiteral("is_primary"), true}});
    EXPECT_OK(next, "Contact added successfully");
    QCOMPARE(
        store.value(QStringLiteral("SELECT is_primary FROM contacts WHERE id = ?"), {contactId}).toInt(), 0);
    QCOMPARE(store.value(QStringLiteral("SELECT COUNT(*) FROM contacts WHERE is_primary = 1")).toInt(), 1);

    EXPECT_ERROR(post(server, path, QStringLiteral("pre_lead_contact_add"),
                     {{QStringLiteral("department"), QStringLiteral("IT")}}),
        400, QStringLiteral("first_name, last_name, email or phone is required"));
    auto wrong = contact;
    wrong.insert(QStringLiteral("is_primary"), QStringLiteral("yes"));
    EXPECT_ERROR(post(server, path, QStringLiteral("pre_lead_contact_add"), wrong), 400,
        QStringLiteral("is_primary must be true or false"));
    EXPECT_ERROR(post(server, QStringLiteral("pre-lead/9999/contact/add"),
                     QStringLiteral("pre_lead_contact_add"), contact),
        404, QStringLiteral("Pre-lead not found"));
    QCOMPARE(store.count(QStringLiteral("contacts")), 2);
}

void CrmTest::preLeadMemoAdd()
{
    TestServer server;
    QVERIFY(server.started());
    const auto id = createPreLead(server);
    const auto path = QStringLiteral("pre-lead/%1/memo/add").arg(id);
    const auto memo = json(R"({"title":"Initial Call Summary",
        "content":"Discussed requirements. Client needs enterprise solution with 500+ users.","memo_type":"call"})");
    const auto reply = post(server, path, QStringLiteral("pre_lead_memo_add"), memo);
    EXPECT_OK(reply, "Memo added successfully");
    const auto memoId = dataOf(reply).value(QStringLiteral("memo_id")).toInteger();
    QCOMPARE(dataOf(reply).value(QStringLiteral("pre_lead_id")).toInteger(), id);
    Store store(server);
    const auto row = store.row(QStringLiteral("SELECT * FROM memos WHERE id = ?"), {memoId});
    QCOMPARE(row.value(QStringLiteral("owner_kind")).toString(), QStringLiteral("pre_lead"));
    QCOMPARE(row.value(QStringLiteral("title")).toString(), QStringLiteral("Initial Call Summary"));
    QCOMPARE(row.value(QStringLiteral("memo_type")).toString(), QStringLiteral("call"));
    QVERIFY(
        row.value(QStringLiteral("content")).toString().startsWith(QStringLiteral("Discussed requirements")));

    const auto plain = post(server, path, QStringLiteral("pre_lead_memo_add"),
        {{QStringLiteral("content"), QStringLiteral("x")}});
    EXPECT_OK(plain, "Memo added successfully");
    QCOMPARE(store
                 .value(QStringLiteral("SELECT memo_type FROM memos WHERE id = ?"),
                     {dataOf(plain).value(QStringLiteral("memo_id")).toInteger()})
                 .toString(),
        QStringLiteral("general"));

    EXPECT_ERROR(post(server, path, QStringLiteral("pre_lead_memo_add"),
                     {{QStringLiteral("title"), QStringLiteral("t")}}),
        400, QStringLiteral("content is required"));
    EXPECT_ERROR(post(server, path, QStringLiteral("pre_lead_memo_add"),
                     {{QStringLiteral("content"), QStringLiteral(" ")}}),
        400, QStringLiteral("content is required"));
    auto wrong = memo;
    wrong.insert(QStringLiteral("memo_type"), QStringLiteral("sms"));
    EXPECT_ERROR(post(server, path, QStringLiteral("pre_lead_memo_add"), wrong), 400,
        QStringLiteral("memo_type must be one of: general, follow_up, meeting, call, email"));
    EXPECT_ERROR(
        post(server, QStringLiteral("pre-lead/9999/memo/add"), QStringLiteral("pre_lead_memo_add"), memo),
        404, QStringLiteral("Pre-lead not found"));
    QCOMPARE(store.count(QStringLiteral("memos")), 2);
}

void CrmTest::preLeadStatusUpdate()
{
    TestServer server;
    QVERIFY(server.started());
    const auto id = createPreLead(server);
    const auto path = QStringLiteral("pre-lead/%1/status/update").arg(id);
    const auto reply = post(server, path, QStringLiteral("pre_lead_status_update"),
        json(R"({"lead_status":"qualified","remarks":"Qualified after initial assessment"})"));
    EXPECT_OK(reply, "Pre-lead status updated successfully");
    QCOMPARE(dataOf(reply),
        (QJsonObject {{QStringLiteral("pre_lead_id"), id},
            {QStringLiteral("old_status"), QStringLiteral("new")},
            {QStringLiteral("new_status"), QStringLiteral("qualified")}}));
    Store store(server);
    QCOMPARE(store.value(QStringLiteral("SELECT lead_status FROM pre_leads WHERE id = ?"), {id}).toString(),
        QStringLiteral("qualified"));
    QCOMPARE(store.history(QStringLiteral("pre_lead"), id),
        (QStringList {QStringLiteral(">new"), QStringLiteral("new>qualified")}));
    QCOMPARE(store.value(QStringLiteral("SELECT remarks FROM status_history ORDER BY id DESC")).toString(),
        QStringLiteral("Qualified after initial assessment"));

    // The same status again is accepted and recorded (its remarks are new information).
    const auto same = post(server, path, QStringLiteral("pre_lead_status_update"),
        {{QStringLiteral("lead_status"), QStringLiteral("qualified")}});
    EXPECT_OK(same, "Pre-lead status updated successfully");
    QCOMPARE(dataOf(same).value(QStringLiteral("old_status")).toString(), QStringLiteral("qualified"));
    QCOMPARE(store.history(QStringLiteral("pre_lead"), id).last(), QStringLiteral("qualified>qualified"));

    EXPECT_ERROR(post(server, path, QStringLiteral("pre_lead_status_update"),
                     {{QStringLiteral("remarks"), QStringLiteral("r")}}),
        400, QStringLiteral("lead_status is required"));
    EXPECT_ERROR(post(server, path, QStringLiteral("pre_lead_status_update"),
                     {{QStringLiteral("lead_status"), QStringLiteral("warm")}}),
        400, QStringLiteral("lead_status must be one of: new, contacted"));
    EXPECT_ERROR(
        post(server, QStringLiteral("pre-lead/9999/status/update"), QStringLiteral("pre_lead_status_update"),
            {{QStringLiteral("lead_status"), QStringLiteral("won")}}),
        404, QStringLiteral("Pre-lead not found"));
    QCOMPARE(store.history(QStringLiteral("pre_lead"), id).size(), 3);
}

void CrmTest::preLeadConvert()
{
    TestServer server;
    QVERIFY(server.started());
    auto inquiry = seedInquiry();
    inquiry.insert(QStringLiteral("lead_status"), QStringLiteral("qualified"));
    const auto id = createPreLead(server, inquiry);
    const auto path = QStringLiteral("pre-lead/%1/convert").arg(id);
    const auto convert = json(R"({"priority":"high","assigned_to":5,"expected_value":50000.00,
        "notes":"High value prospect - prioritize follow-up"})");
    EXPECT_ERROR(post(server, path, QStringLiteral("pre_lead_convert"),
                     {{QStringLiteral("priority"), QStringLiteral("urgent")}}),
        400, QStringLiteral("priority must be one of: low, medium, high, critical"));
    EXPECT_ERROR(post(server, path, QStringLiteral("pre_lead_convert"),
                     {{QStringLiteral("expected_value"), QStringLiteral("50k")}}),
        400, QStringLiteral("expected_value must be a number"));
    const auto reply = post(server, path, QStringLiteral("pre_lead_convert"), convert);
    EXPECT_OK(reply, "Pre-lead converted to lead successfully");
    const auto leadId = dataOf(reply).value(QStringLiteral("lead_id")).toInteger();
    QVERIFY(leadId > 0);
    QCOMPARE(dataOf(reply).value(QStringLiteral("pre_lead_id")).toInteger(), id);

    Store store(server);
    const auto lead = store.row(QStringLiteral("SELECT * FROM leads WHERE id = ?"), {leadId});
    QCOMPARE(lead.value(QStringLiteral("pre_lead_id")).toLongLong(), id);
    QCOMPARE(lead.value(QStringLiteral("first_name")).toString(), QStringLiteral("John"));
    QCOMPARE(lead.value(QStringLiteral("email")).toString(), QStringLiteral("john.doe@example.com"));
    QCOMPARE(lead.value(QStringLiteral("company_name")).toString(), QStringLiteral("ABC Corp"));
    QCOMPARE(lead.value(QStringLiteral("source")).toString(), QStringLiteral("website"));
    QCOMPARE(lead.value(QStringLiteral("lead_status")).toString(), QStringLiteral("qualified"));
    QCOMPARE(lead.value(QStringLiteral("priority")).toString(), QStringLiteral("high"));
    QCOMPARE(lead.value(QStringLiteral("assigned_to")).toLongLong(), 5);
    QCOMPARE(lead.value(QStringLiteral("expected_value")).toDouble(), 50000.0);
    const auto attributes = store.attributes(QStringLiteral("leads"), leadId);
    QCOMPARE(attributes.value(QStringLiteral("product_interest")).toString(), QStringLiteral("CRM Software"));
    QCOMPARE(attributes.value(QStringLiteral("zip_code")).toString(), QStringLiteral("10001"));
    QCOMPARE(attributes.value(QStringLiteral("notes")).toString(),
        QStringLiteral("High value prospect - prioritize follow-up"));
    const auto preLead = store.row(QStringLiteral("SELECT * FROM pre_leads WHERE id = ?"), {id});
    QCOMPARE(preLead.value(QStringLiteral("lifecycle")).toString(), QStringLiteral("converted"));
    QCOMPARE(preLead.value(QStringLiteral("converted_lead_id")).toLongLong(), leadId);
    QCOMPARE(store.history(QStringLiteral("pre_lead"), id),
        (QStringList {QStringLiteral(">qualified"), QStringLiteral("qualified>converted")}));
    QCOMPARE(store.history(QStringLiteral("lead"), leadId), QStringList {QStringLiteral(">qualified")});

    EXPECT_ERROR(post(server, path, QStringLiteral("pre_lead_convert"), convert), 409,
        QStringLiteral("Pre-lead %1 was converted to lead %2 and cannot be converted again")
            .arg(id)
            .arg(leadId));
    EXPECT_ERROR(post(server, QStringLiteral("pre-lead/%1/update").arg(id), QStringLiteral("pre_lead_update"),
                     {{QStringLiteral("city"), QStringLiteral("Oslo")}}),
        409, QStringLiteral("was converted to lead"));
    EXPECT_ERROR(
        post(server, QStringLiteral("pre-lead/%1/discard").arg(id), QStringLiteral("pre_lead_discard"), {}),
        409, QStringLiteral("cannot be discarded"));
    EXPECT_ERROR(
        post(server, QStringLiteral("pre-lead/9999/convert"), QStringLiteral("pre_lead_convert"), convert),
        404, QStringLiteral("Pre-lead not found"));
    QCOMPARE(store.count(QStringLiteral("leads")), 1);
}

void CrmTest::leadCreate()
{
    TestServer server;
    QVERIFY(server.started());
    const auto reply = post(server, QStringLiteral("lead/create"), QStringLiteral("new_lead"), seedLead());
    EXPECT_OK(reply, "Lead created successfully");
    const auto id = dataOf(reply).value(QStringLiteral("lead_id")).toInteger();
    QVERIFY(id > 0);
    Store store(server);
    const auto row = store.row(QStringLiteral("SELECT * FROM leads WHERE id = ?"), {id});
    QCOMPARE(row.value(QStringLiteral("first_name")).toString(), QStringLiteral("Robert"));
    QCOMPARE(row.value(QStringLiteral("source")).toString(), QStringLiteral("referral"));
    QCOMPARE(row.value(QStringLiteral("priority")).toString(), QStringLiteral("high"));
    QCOMPARE(row.value(QStringLiteral("lead_status")).toString(), QStringLiteral("new"));
    QCOMPARE(row.value(QStringLiteral("expected_value")).toDouble(), 100000.0);
    QCOMPARE(row.value(QStringLiteral("assigned_to")).toLongLong(), 3);
    QCOMPARE(row.value(QStringLiteral("lifecycle")).toString(), QStringLiteral("active"));
    QVERIFY(row.value(QStringLiteral("pre_lead_id")).isNull());
    QCOMPARE(store.attributes(QStringLiteral("leads"), id).value(QStringLiteral("requirements")).toString(),
        QStringLiteral("Full ERP integration needed"));
    QCOMPARE(store.history(QStringLiteral("lead"), id), QStringList {QStringLiteral(">new")});

    // The seed's cURL example: defaults for priority and status; an envelope source that is not one of
    // the seed's values ("test") becomes "other".
    const auto curl = postCrm(server, incoming + QStringLiteral("/lead/create"),
        envelope(QStringLiteral("new_lead"),
            json(R"({"first_name":"Test","email":"test@example.com","company_name":"Test Company"})"),
            QStringLiteral("test")));
    EXPECT_OK(curl, "Lead created successfully");
    const auto second = store.row(QStringLiteral("SELECT * FROM leads WHERE id = ?"),
        {dataOf(curl).value(QStringLiteral("lead_id")).toInteger()});
    QCOMPARE(second.value(QStringLiteral("priority")).toString(), QStringLiteral("medium"));
    QCOMPARE(second.value(QStringLiteral("source")).toString(), QStringLiteral("other"));
    QCOMPARE(second.value(QStringLiteral("lead_status")).toString(), QStringLiteral("new"));
}

void CrmTest::leadCreateValidation()
{
    TestServer server;
    QVERIFY(server.started());
    const auto create = [&](const QString &key, const QJsonValue &value) {
        auto data = seedLead();
        data.insert(key, value);
        return post(server, QStringLiteral("lead/create"), QStringLiteral("new_lead"), data);
    };
    EXPECT_ERROR(create(QStringLiteral("expected_value"), QStringLiteral("lots")), 400,
        QStringLiteral("expected_value must be a number"));
    EXPECT_ERROR(create(QStringLiteral("expected_value"), -1), 400,
        QStringLiteral("expected_value must not be negative"));
    EXPECT_ERROR(create(QStringLiteral("priority"), QStringLiteral("urgent")), 400,
        QStringLiteral("priority must be one of: low, medium, high, critical"));
    EXPECT_ERROR(create(QStringLiteral("source"), QStringLiteral("fax")), 400,
        QStringLiteral(
            "source must be one of: website, referral, social_media, cold_call, walk_in, whatsapp, "
            "email, erp, direct, other"));
    EXPECT_ERROR(
        create(QStringLiteral("assigned_to"), 2.5), 400, QStringLiteral("assigned_to must be an integer"));
    EXPECT_ERROR(
        create(QStringLiteral("lead_status"), true), 400, QStringLiteral("lead_status must be one of"));
    EXPECT_ERROR(post(server, QStringLiteral("lead/create"), QStringLiteral("new_lead"),
                     {{QStringLiteral("notes"), QStringLiteral("n")}}),
        400, QStringLiteral("first_name, last_name, company_name, email or phone is required"));
    Store store(server);
    QCOMPARE(store.count(QStringLiteral("leads")), 0);
    QCOMPARE(store.count(QStringLiteral("status_history")), 0);
}

void CrmTest::leadUpdate()
{
    TestServer server;
    QVERIFY(server.started());
    const auto id = createLead(server);
    const auto path = QStringLiteral("lead/%1/update").arg(id);
    const auto update
        = json(R"({"first_name":"Robert","last_name":"Johnson Jr.","company_name":"XYZ Industries Inc.",
        "designation":"CEO","company_size":"500-1000","product_interest":"Enterprise Suite + Support",
        "expected_value":150000.00,"lead_status":"proposal_sent","priority":"critical","notes":"Updated contact information"})");
    const auto reply = post(server, path, QStringLiteral("lead_update"), update);
    EXPECT_OK(reply, "Lead updated successfully");
    QCOMPARE(dataOf(reply), (QJsonObject {{QStringLiteral("lead_id"), id}}));
    Store store(server);
    const auto row = store.row(QStringLiteral("SELECT * FROM leads WHERE id = ?"), {id});
    QCOMPARE(row.value(QStringLiteral("last_name")).toString(), QStringLiteral("Johnson Jr."));
    QCOMPARE(row.value(QStringLiteral("company_name")).toString(), QStringLiteral("XYZ Industries Inc."));
    QCOMPARE(row.value(QStringLiteral("expected_value")).toDouble(), 150000.0);
    QCOMPARE(row.value(QStringLiteral("priority")).toString(), QStringLiteral("critical"));
    QCOMPARE(row.value(QStringLiteral("lead_status")).toString(), QStringLiteral("proposal_sent"));
    QCOMPARE(row.value(QStringLiteral("email")).toString(), QStringLiteral("robert@example.com")); // kept
    QCOMPARE(row.value(QStringLiteral("assigned_to")).toLongLong(), 3); // kept
    const auto attributes = store.attributes(QStringLiteral("leads"), id);
    QCOMPARE(attributes.value(QStringLiteral("designation")).toString(), QStringLiteral("CEO"));
    QCOMPARE(attributes.value(QStringLiteral("company_size")).toString(), QStringLiteral("500-1000"));
    QCOMPARE(attributes.value(QStringLiteral("city")).toString(), QStringLiteral("Chicago"));
    QCOMPARE(store.history(QStringLiteral("lead"), id),
        (QStringList {QStringLiteral(">new"), QStringLiteral("new>proposal_sent")}));

    EXPECT_ERROR(post(server, QStringLiteral("lead/9999/update"), QStringLiteral("lead_update"), update), 404,
        QStringLiteral("Lead not found"));
    EXPECT_ERROR(post(server, path, QStringLiteral("lead_update"),
                     {{QStringLiteral("priority"), QStringLiteral("p0")}}),
        400, QStringLiteral("priority must be one of"));
    EXPECT_ERROR(post(server, path, QStringLiteral("lead_update"), {{QStringLiteral("lead_id"), id}}), 400,
        QStringLiteral("data has no fields to update"));
    EXPECT_OK(post(server, QStringLiteral("lead/%1/discard").arg(id), QStringLiteral("lead_discard"), {}),
        "Lead discarded successfully");
    EXPECT_ERROR(post(server, path, QStringLiteral("lead_update"), update), 409,
        QStringLiteral("Lead %1 is discarded and cannot be updated").arg(id));
}

void CrmTest::leadDiscard()
{
    TestServer server;
    QVERIFY(server.started());
    const auto id = createLead(server);
    const auto path = QStringLiteral("lead/%1/discard").arg(id);
    EXPECT_ERROR(
        post(server, path, QStringLiteral("lead_discard"), {{QStringLiteral("loss_reason"), QJsonObject {}}}),
        400, QStringLiteral("loss_reason must be a string"));
    const auto reply = post(server, path, QStringLiteral("lead_discard"),
        json(
            R"({"reason":"Lost to competitor","loss_reason":"Price too high - went with cheaper alternative"})"));
    EXPECT_OK(reply, "Lead discarded successfully");
    QCOMPARE(dataOf(reply), (QJsonObject {{QStringLiteral("lead_id"), id}}));
    Store store(server);
    const auto row = store.row(QStringLiteral("SELECT * FROM leads WHERE id = ?"), {id});
    QCOMPARE(row.value(QStringLiteral("lifecycle")).toString(), QStringLiteral("discarded"));
    QCOMPARE(row.value(QStringLiteral("discard_reason")).toString(), QStringLiteral("Lost to competitor"));
    QCOMPARE(row.value(QStringLiteral("loss_reason")).toString(),
        QStringLiteral("Price too high - went with cheaper alternative"));
    QCOMPARE(store.history(QStringLiteral("lead"), id),
        (QStringList {QStringLiteral(">new"), QStringLiteral("new>discarded")}));

    EXPECT_ERROR(post(server, path, QStringLiteral("lead_discard"), {}), 409,
        QStringLiteral("Lead %1 is discarded and cannot be discarded again").arg(id));
    EXPECT_ERROR(post(server, QStringLiteral("lead/%1/convert").arg(id), QStringLiteral("lead_convert"),
                     {{QStringLiteral("customer_code"), QStringLiteral("C-1")}}),
        409, QStringLiteral("Lead %1 is discarded and cannot be converted").arg(id));
    EXPECT_ERROR(
        post(server, QStringLiteral("lead/%1/status/update").arg(id), QStringLiteral("lead_status_update"),
            {{QStringLiteral("lead_status"), QStringLiteral("won")}}),
        409, QStringLiteral("is discarded"));
    QCOMPARE(store.count(QStringLiteral("customers")), 0);
    EXPECT_ERROR(post(server, QStringLiteral("lead/9999/discard"), QStringLiteral("lead_discard"), {}), 404,
        QStringLiteral("Lead not found"));
}

void CrmTest::leadContactAdd()
{
    TestServer server;
    QVERIFY(server.started());
    const auto id = createLead(server);
    const auto path = QStringLiteral("lead/%1/contact/add").arg(id);
    const auto contact
        = json(R"({"first_name":"Sarah","last_name":"Williams","email":"sarah@xyzindustries.com",
        "phone":"+1234567894","designation":"CTO","department":"Technology","is_primary":false})");
    const auto reply = post(server, path, QStringLiteral("lead_contact_add"), contact);
    EXPECT_OK(reply, "Contact added successfully");
    const auto contactId = dataOf(reply).value(QStringLiteral("contact_id")).toInteger();
    QCOMPARE(dataOf(reply).value(QStringLiteral("lead_id")).toInteger(), id);
    Store store(server);
    const auto row = store.row(QStringLiteral("SELECT * FROM contacts WHERE id = ?"), {contactId});
    QCOMPARE(row.value(QStringLiteral("owner_kind")).toString(), QStringLiteral("lead"));
    QCOMPARE(row.value(QStringLiteral("owner_id")).toLongLong(), id);
    QCOMPARE(row.value(QStringLiteral("email")).toString(), QStringLiteral("sarah@xyzindustries.com"));
    QCOMPARE(row.value(QStringLiteral("designation")).toString(), QStringLiteral("CTO"));
    QCOMPARE(row.value(QStringLiteral("is_primary")).toInt(), 0);
    EXPECT_ERROR(post(server, path, QStringLiteral("lead_contact_add"),
                     {{QStringLiteral("designation"), QStringLiteral("CFO")}}),
        400, QStringLiteral("first_name, last_name, email or phone is required"));
    EXPECT_ERROR(post(server, path, QStringLiteral("lead_contact_add"), {{QStringLiteral("phone"), 12345}}),
        400, QStringLiteral("phone must be a string"));
    EXPECT_ERROR(
        post(server, QStringLiteral("lead/9999/contact/add"), QStringLiteral("lead_contact_add"), contact),
        404, QStringLiteral("Lead not found"));
    QCOMPARE(store.count(QStringLiteral("contacts")), 1);
}

void CrmTest::leadActivityAdd()
{
    TestServer server;
    QVERIFY(server.started());
    const auto id = createLead(server);
    const auto path = QStringLiteral("lead/%1/activity/add").arg(id);
    const auto activity = json(R"({"activity_type":"meeting","title":"Product Demo",
        "description":"Conducted full product demonstration for technical team","scheduled_at":"2024-01-20T14:00:00Z",
        "completed_at":"2024-01-20T15:30:00Z","outcome":"Positive feedback, moving to proposal stage"})");
    const auto reply = post(server, path, QStringLiteral("lead_activity_add"), activity);
    EXPECT_OK(reply, "Activity added successfully");
    const auto activityId = dataOf(reply).value(QStringLiteral("activity_id")).toInteger();
    QVERIFY(activityId > 0);
    QCOMPARE(dataOf(reply).value(QStringLiteral("lead_id")).toInteger(), id);
    Store store(server);
    const auto row = store.row(QStringLiteral("SELECT * FROM activities WHERE id = ?"), {activityId});
    QCOMPARE(row.value(QStringLiteral("lead_id")).toLongLong(), id);
    QCOMPARE(row.value(QStringLiteral("activity_type")).toString(), QStringLiteral("meeting"));
    QCOMPARE(row.value(QStringLiteral("title")).toString(), QStringLiteral("Product Demo"));
    QCOMPARE(row.value(QStringLiteral("scheduled_at")).toString(), QStringLiteral("2024-01-20T14:00:00Z"));
    QCOMPARE(row.value(QStringLiteral("completed_at")).toString(), QStringLiteral("2024-01-20T15:30:00Z"));
    QCOMPARE(row.value(QStringLiteral("outcome")).toString(),
        QStringLiteral("Positive feedback, moving to proposal stage"));

    EXPECT_ERROR(post(server, path, QStringLiteral("lead_activity_add"),
                     {{QStringLiteral("title"), QStringLiteral("t")}}),
        400, QStringLiteral("activity_type is required"));
    EXPECT_ERROR(post(server, path, QStringLiteral("lead_activity_add"),
                     {{QStringLiteral("activity_type"), QStringLiteral("lunch")}}),
        400, QStringLiteral("activity_type must be one of: call, email, meeting, task, note"));
    auto late = activity;
    late.insert(QStringLiteral("scheduled_at"), QStringLiteral("next tuesday"));
    EXPECT_ERROR(post(server, path, QStringLiteral("lead_activity_add"), late), 400,
        QStringLiteral("scheduled_at must be an ISO 8601 date-time"));
    EXPECT_ERROR(
        post(server, QStringLiteral("lead/9999/activity/add"), QStringLiteral("lead_activity_add"), activity),
        404, QStringLiteral("Lead not found"));
    QCOMPARE(store.count(QStringLiteral("activities")), 1);
}

void CrmTest::leadQualifiedProfileUpdate()
{
    TestServer server;
    QVERIFY(server.started());
    const auto id = createLead(server);
    const auto path = QStringLiteral("lead/%1/qualified-profile/update").arg(id);
    const auto reply = post(server, path, QStringLiteral("lead_qualified_profile_update"), seedProfile());
    EXPECT_OK(reply, "Qualified profile updated successfully");
    const auto profileId = dataOf(reply).value(QStringLiteral("profile_id")).toInteger();
    QVERIFY(profileId > 0);
    QCOMPARE(dataOf(reply).value(QStringLiteral("lead_id")).toInteger(), id);
    Store store(server);
    auto profile = store.attributes(QStringLiteral("qualified_profiles"), profileId);
    QCOMPARE(profile.value(QStringLiteral("industry")).toString(), QStringLiteral("Manufacturing"));
    QCOMPARE(profile.value(QStringLiteral("budget")).toDouble(), 150000.0);
    QCOMPARE(store.value(QStringLiteral("SELECT lead_id FROM qualified_profiles WHERE id = ?"), {profileId})
                 .toLongLong(),
        id);

    // A second call updates the same profile and keeps what it does not mention.
    const auto again = post(server, path, QStringLiteral("lead_qualified_profile_update"),
        json(R"({"budget":175000,"decision_timeline":"Q3 2024"})"));
    EXPECT_OK(again, "Qualified profile updated successfully");
    QCOMPARE(dataOf(again).value(QStringLiteral("profile_id")).toInteger(), profileId);
    QCOMPARE(store.count(QStringLiteral("qualified_profiles")), 1);
    profile = store.attributes(QStringLiteral("qualified_profiles"), profileId);
    QCOMPARE(profile.value(QStringLiteral("budget")).toDouble(), 175000.0);
    QCOMPARE(profile.value(QStringLiteral("decision_timeline")).toString(), QStringLiteral("Q3 2024"));
    QCOMPARE(profile.value(QStringLiteral("industry")).toString(), QStringLiteral("Manufacturing"));

    EXPECT_ERROR(post(server, path, QStringLiteral("lead_qualified_profile_update"),
                     {{QStringLiteral("budget"), QStringLiteral("big")}}),
        400, QStringLiteral("budget must be a number"));
    EXPECT_ERROR(post(server, path, QStringLiteral("lead_qualified_profile_update"), {}), 400,
        QStringLiteral("data has no profile fields"));
    EXPECT_ERROR(post(server, QStringLiteral("lead/9999/qualified-profile/update"),
                     QStringLiteral("lead_qualified_profile_update"), seedProfile()),
        404, QStringLiteral("Lead not found"));
    QCOMPARE(store.count(QStringLiteral("qualified_profiles")), 1);
}

void CrmTest::leadMemoAdd()
{
    TestServer server;
    QVERIFY(server.started());
    const auto id = createLead(server);
    const auto path = QStringLiteral("lead/%1/memo/add").arg(id);
    const auto reply
        = post(server, path, QStringLiteral("lead_memo_add"), json(R"({"title":"Negotiation Update",
                                "content":"Client requested 10% discount. Approved by sales manager.","memo_type":"general"})"));
    EXPECT_OK(reply, "Memo added successfully");
    const auto memoId = dataOf(reply).value(QStringLiteral("memo_id")).toInteger();
    QCOMPARE(dataOf(reply).value(QStringLiteral("lead_id")).toInteger(), id);
    Store store(server);
    const auto row = store.row(QStringLiteral("SELECT * FROM memos WHERE id = ?"), {memoId});
    QCOMPARE(row.value(QStringLiteral("owner_kind")).toString(), QStringLiteral("lead"));
    QCOMPARE(row.value(QStringLiteral("owner_id")).toLongLong(), id);
    QCOMPARE(row.value(QStringLiteral("title")).toString(), QStringLiteral("Negotiation Update"));
    EXPECT_ERROR(post(server, path, QStringLiteral("lead_memo_add"),
                     {{QStringLiteral("memo_type"), QStringLiteral("call")}}),
        400, QStringLiteral("content is required"));
    EXPECT_ERROR(post(server, path, QStringLiteral("lead_memo_add"),
                     {{QStringLiteral("content"), QStringLiteral("c")},
                         {QStringLiteral("memo_type"), QStringLiteral("fax")}}),
        400, QStringLiteral("memo_type must be one of: general, follow_up, meeting, call, email"));
    EXPECT_ERROR(post(server, QStringLiteral("lead/9999/memo/add"), QStringLiteral("lead_memo_add"),
                     {{QStringLiteral("content"), QStringLiteral("c")}}),
        404, QStringLiteral("Lead not found"));
    QCOMPARE(store.count(QStringLiteral("memos")), 1);
}

void CrmTest::leadStatusUpdate()
{
    TestServer server;
    QVERIFY(server.started());
    const auto id = createLead(server);
    const auto path = QStringLiteral("lead/%1/status/update").arg(id);
    EXPECT_OK(post(server, path, QStringLiteral("lead_status_update"),
                  {{QStringLiteral("lead_status"), QStringLiteral("proposal_sent")}}),
        "Lead status updated successfully");
    const auto reply = post(server, path, QStringLiteral("lead_status_update"),
        json(R"({"lead_status":"negotiation","remarks":"Final pricing discussion",
                                "status_date":"2024-01-25T09:00:00Z"})"));
    EXPECT_OK(reply, "Lead status updated successfully");
    QCOMPARE(dataOf(reply),
        (QJsonObject {{QStringLiteral("lead_id"), id},
            {QStringLiteral("old_status"), QStringLiteral("proposal_sent")},
            {QStringLiteral("new_status"), QStringLiteral("negotiation")}}));
    Store store(server);
    QCOMPARE(store.value(QStringLiteral("SELECT lead_status FROM leads WHERE id = ?"), {id}).toString(),
        QStringLiteral("negotiation"));
    const auto last = store.row(QStringLiteral("SELECT * FROM status_history ORDER BY id DESC"));
    QCOMPARE(last.value(QStringLiteral("remarks")).toString(), QStringLiteral("Final pricing discussion"));
    QCOMPARE(last.value(QStringLiteral("status_date")).toString(), QStringLiteral("2024-01-25T09:00:00Z"));
    QCOMPARE(last.value(QStringLiteral("source")).toString(), QStringLiteral("crm"));
    QCOMPARE(store.history(QStringLiteral("lead"), id),
        (QStringList {QStringLiteral(">new"), QStringLiteral("new>proposal_sent"),
            QStringLiteral("proposal_sent>negotiation")}));

    const auto same = post(server, path, QStringLiteral("lead_status_update"),
        {{QStringLiteral("lead_status"), QStringLiteral("negotiation")}});
    EXPECT_OK(same, "Lead status updated successfully");
    QCOMPARE(dataOf(same).value(QStringLiteral("new_status")).toString(), QStringLiteral("negotiation"));
    QCOMPARE(store.history(QStringLiteral("lead"), id).size(), 4);

    EXPECT_ERROR(post(server, path, QStringLiteral("lead_status_update"),
                     {{QStringLiteral("remarks"), QStringLiteral("r")}}),
        400, QStringLiteral("lead_status is required"));
    EXPECT_ERROR(post(server, path, QStringLiteral("lead_status_update"),
                     {{QStringLiteral("lead_status"), QStringLiteral("closed")}}),
        400,
        QStringLiteral(
            "lead_status must be one of: new, contacted, qualified, proposal_sent, negotiation, won, lost"));
    EXPECT_ERROR(post(server, path, QStringLiteral("lead_status_update"),
                     {{QStringLiteral("lead_status"), QStringLiteral("won")},
                         {QStringLiteral("status_date"), QStringLiteral("soon")}}),
        400, QStringLiteral("status_date must be an ISO 8601 date-time"));
    EXPECT_ERROR(post(server, QStringLiteral("lead/9999/status/update"), QStringLiteral("lead_status_update"),
                     {{QStringLiteral("lead_status"), QStringLiteral("won")}}),
        404, QStringLiteral("Lead not found"));
    QCOMPARE(store.history(QStringLiteral("lead"), id).size(), 4);
}

void CrmTest::leadConvert()
{
    TestServer server;
    QVERIFY(server.started());
    const auto id = createLead(server);
    const auto path = QStringLiteral("lead/%1/convert").arg(id);
    const auto convert
        = json(R"({"customer_code":"CUST-XYZ-001","credit_limit":100000.00,"payment_terms":"Net 30",
        "notes":"VIP customer - premium support"})");
    EXPECT_ERROR(post(server, path, QStringLiteral("lead_convert"), {{QStringLiteral("credit_limit"), 5}}),
        400, QStringLiteral("customer_code is required"));
    EXPECT_ERROR(post(server, path, QStringLiteral("lead_convert"),
                     {{QStringLiteral("customer_code"), QStringLiteral("C")},
                         {QStringLiteral("credit_limit"), QStringLiteral("high")}}),
        400, QStringLiteral("credit_limit must be a number"));
    const auto reply = post(server, path, QStringLiteral("lead_convert"), convert);
    EXPECT_OK(reply, "Lead converted to customer successfully");
    const auto customerId = dataOf(reply).value(QStringLiteral("customer_id")).toInteger();
    QVERIFY(customerId > 0);
    QCOMPARE(dataOf(reply),
        (QJsonObject {{QStringLiteral("lead_id"), id}, {QStringLiteral("customer_id"), customerId},
            {QStringLiteral("customer_code"), QStringLiteral("CUST-XYZ-001")}}));
    Store store(server);
    const auto customer = store.row(QStringLiteral("SELECT * FROM customers WHERE id = ?"), {customerId});
    QCOMPARE(customer.value(QStringLiteral("lead_id")).toLongLong(), id);
    QCOMPARE(customer.value(QStringLiteral("customer_code")).toString(), QStringLiteral("CUST-XYZ-001"));
    QCOMPARE(customer.value(QStringLiteral("credit_limit")).toDouble(), 100000.0);
    QCOMPARE(customer.value(QStringLiteral("payment_terms")).toString(), QStringLiteral("Net 30"));
    QCOMPARE(
        customer.value(QStringLiteral("notes")).toString(), QStringLiteral("VIP customer - premium support"));
    const auto lead = store.row(QStringLiteral("SELECT * FROM leads WHERE id = ?"), {id});
    QCOMPARE(lead.value(QStringLiteral("lifecycle")).toString(), QStringLiteral("converted"));
    QCOMPARE(lead.value(QStringLiteral("customer_id")).toLongLong(), customerId);
    QCOMPARE(store.history(QStringLiteral("lead"), id),
        (QStringList {QStringLiteral(">new"), QStringLiteral("new>converted")}));

    EXPECT_ERROR(post(server, path, QStringLiteral("lead_convert"), convert), 409,
        QStringLiteral("Lead %1 was converted to customer %2 and cannot be converted again")
            .arg(id)
            .arg(customerId));
    EXPECT_ERROR(post(server, QStringLiteral("lead/%1/update").arg(id), QStringLiteral("lead_update"),
                     {{QStringLiteral("notes"), QStringLiteral("n")}}),
        409, QStringLiteral("cannot be updated"));
    EXPECT_ERROR(post(server, QStringLiteral("lead/%1/discard").arg(id), QStringLiteral("lead_discard"), {}),
        409, QStringLiteral("cannot be discarded"));
    const auto other = createLead(server);
    EXPECT_ERROR(
        post(server, QStringLiteral("lead/%1/convert").arg(other), QStringLiteral("lead_convert"), convert),
        409, QStringLiteral("customer_code 'CUST-XYZ-001' is already used by customer %1").arg(customerId));
    QCOMPARE(store.value(QStringLiteral("SELECT lifecycle FROM leads WHERE id = ?"), {other}).toString(),
        QStringLiteral("active"));
    EXPECT_ERROR(post(server, QStringLiteral("lead/9999/convert"), QStringLiteral("lead_convert"), convert),
        404, QStringLiteral("Lead not found"));
    QCOMPARE(store.count(QStringLiteral("customers")), 1);
}

void CrmTest::orderCreated()
{
    TestServer server;
    QVERIFY(server.started());
    const auto customer = createCustomer(server, QStringLiteral("C-ORD"));
    QVERIFY(customer > 0);
    const auto reply = generic(server, QStringLiteral("order_created"),
        {{QStringLiteral("customer_id"), customer}, {QStringLiteral("amount"), 1500.5},
            {QStringLiteral("order_id"), QStringLiteral("ORD-1")}});
    EXPECT_OK(reply, "Order recorded successfully");
    const auto data = dataOf(reply);
    QCOMPARE(data.value(QStringLiteral("customer_id")).toInteger(), customer);
    const auto orderId = data.value(QStringLiteral("order_id")).toInteger();
    QVERIFY(orderId > 0);
    QCOMPARE(data.value(QStringLiteral("order_ref")).toString(), QStringLiteral("ORD-1"));
    QCOMPARE(data.value(QStringLiteral("total_orders")).toInt(), 1);
    QCOMPARE(data.value(QStringLiteral("total_order_value")).toDouble(), 1500.5);

    // `total` is the other name senders use for the amount; numeric references are kept as text.
    EXPECT_OK(generic(server, QStringLiteral("order_created"),
                  {{QStringLiteral("customer_id"), QString::number(customer)},
                      {QStringLiteral("total"), 499.5}, {QStringLiteral("order_ref"), 77}}),
        "Order recorded successfully");
    Store store(server);
    const auto row = store.row(QStringLiteral("SELECT * FROM customers WHERE id = ?"), {customer});
    QCOMPARE(row.value(QStringLiteral("total_orders")).toInt(), 2);
    QCOMPARE(row.value(QStringLiteral("total_order_value")).toDouble(), 2000.0);
    QVERIFY(row.value(QStringLiteral("last_order_at")).toLongLong() > 0);
    QCOMPARE(
        store.value(QStringLiteral("SELECT amount FROM customer_orders WHERE id = ?"), {orderId}).toDouble(),
        1500.5);
    QCOMPARE(store.value(QStringLiteral("SELECT order_ref FROM customer_orders WHERE order_ref = '77'"))
                 .toString(),
        QStringLiteral("77"));

    // The sender's retry of ORD-1 is answered but not counted twice, and logged as a duplicate.
    const auto repeat = generic(server, QStringLiteral("order_created"),
        {{QStringLiteral("customer_id"), customer}, {QStringLiteral("amount"), 1500.5},
            {QStringLiteral("order_id"), QStringLiteral("ORD-1")}});
    EXPECT_OK(repeat, "Order already recorded");
    QCOMPARE(dataOf(repeat).value(QStringLiteral("order_id")).toInteger(), orderId);
    QCOMPARE(
        store.value(QStringLiteral("SELECT total_orders FROM customers WHERE id = ?"), {customer}).toInt(),
        2);
    QCOMPARE(store.count(QStringLiteral("customer_orders")), 2);
    const auto logs = adminGet(server, QStringLiteral("/api/v1/webhooks/logs?page_size=1"));
    QCOMPARE(dataOf(logs)
                 .value(QStringLiteral("items"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QStringLiteral("status"))
                 .toString(),
        QStringLiteral("duplicate"));

    EXPECT_ERROR(
        generic(server, QStringLiteral("order_created"), {{QStringLiteral("customer_id"), customer}}), 400,
        QStringLiteral("amount is required"));
    EXPECT_ERROR(
        generic(server, QStringLiteral("order_created"),
            {{QStringLiteral("customer_id"), customer}, {QStringLiteral("amount"), QStringLiteral("ten")}}),
        400, QStringLiteral("amount must be a number"));
    EXPECT_ERROR(generic(server, QStringLiteral("order_created"),
                     {{QStringLiteral("customer_id"), customer}, {QStringLiteral("amount"), 1},
                         {QStringLiteral("order_id"), true}}),
        400, QStringLiteral("order_id must be a string or an integer"));
    EXPECT_ERROR(generic(server, QStringLiteral("order_created"),
                     {{QStringLiteral("customer_id"), 9999}, {QStringLiteral("amount"), 1}}),
        404, QStringLiteral("Customer not found"));
    QCOMPARE(store.count(QStringLiteral("customer_orders")), 2);
}

void CrmTest::paymentReceived()
{
    TestServer server;
    QVERIFY(server.started());
    const auto customer = createCustomer(server, QStringLiteral("C-PAY"));
    QVERIFY(customer > 0);
    const auto reply = generic(server, QStringLiteral("payment_received"),
        {{QStringLiteral("customer_id"), customer}, {QStringLiteral("amount"), 700},
            {QStringLiteral("payment_ref"), QStringLiteral("PAY-9")}});
    EXPECT_OK(reply, "Payment recorded successfully");
    const auto paymentId = dataOf(reply).value(QStringLiteral("payment_id")).toInteger();
    QVERIFY(paymentId > 0);
    QCOMPARE(dataOf(reply).value(QStringLiteral("customer_id")).toInteger(), customer);
    QCOMPARE(dataOf(reply).value(QStringLiteral("payment_ref")).toString(), QStringLiteral("PAY-9"));
    QCOMPARE(dataOf(reply).value(QStringLiteral("total_paid")).toDouble(), 700.0);
    EXPECT_OK(generic(server, QStringLiteral("payment_received"),
                  {{QStringLiteral("customer_id"), customer}, {QStringLiteral("amount"), 300}}),
        "Payment recorded successfully");
    Store store(server);
    const auto row = store.row(QStringLiteral("SELECT * FROM customers WHERE id = ?"), {customer});
    QCOMPARE(row.value(QStringLiteral("total_paid")).toDouble(), 1000.0);
    QVERIFY(row.value(QStringLiteral("last_payment_at")).toLongLong() > 0);
    QCOMPARE(row.value(QStringLiteral("total_orders")).toInt(), 0);
    QCOMPARE(
        store.value(QStringLiteral("SELECT payment_ref FROM customer_payments WHERE id = ?"), {paymentId})
            .toString(),
        QStringLiteral("PAY-9"));

    EXPECT_OK(generic(server, QStringLiteral("payment_received"),
                  {{QStringLiteral("customer_id"), customer}, {QStringLiteral("amount"), 700},
                      {QStringLiteral("payment_ref"), QStringLiteral("PAY-9")}}),
        "Payment already recorded");
    QCOMPARE(
        store.value(QStringLiteral("SELECT total_paid FROM customers WHERE id = ?"), {customer}).toDouble(),
        1000.0);
    EXPECT_ERROR(
        generic(server, QStringLiteral("payment_received"), {{QStringLiteral("customer_id"), customer}}), 400,
        QStringLiteral("amount is required"));
    EXPECT_ERROR(generic(server, QStringLiteral("payment_received"),
                     {{QStringLiteral("customer_id"), customer}, {QStringLiteral("amount"), -5}}),
        400, QStringLiteral("amount must not be negative"));
    EXPECT_ERROR(generic(server, QStringLiteral("payment_received"),
                     {{QStringLiteral("customer_id"), 9999}, {QStringLiteral("amount"), 5}}),
        404, QStringLiteral("Customer not found"));
    QCOMPARE(store.count(QStringLiteral("customer_payments")), 2);
}

// Every one of the 18 events through POST /incoming, the subject named in data.
void CrmTest::genericRouterDispatchesEveryEvent()
{
    TestServer server;
    QVERIFY(server.started());
    Store store(server);
    QStringList seen;
    const auto send = [&](const QString &event, const QJsonObject &data) {
        seen.append(event);
        return generic(server, event, data);
    };

    auto reply = send(QStringLiteral("new_inquiry"), seedInquiry());
    EXPECT_OK(reply, "Pre-lead created successfully");
    const auto preLead = dataOf(reply).value(QStringLiteral("pre_lead_id")).toInteger();
    const QJsonObject p {{QStringLiteral("pre_lead_id"), preLead}};
    const auto with = [](QJsonObject base, const QJsonObject &more) {
        for (auto it = more.begin(); it != more.end(); ++it)
            base.insert(it.key(), it.value());
        return base;
    };
    EXPECT_OK(send(QStringLiteral("pre_lead_update"),
                  with(p, {{QStringLiteral("city"), QStringLiteral("Boston")}})),
        "Pre-lead updated successfully");
    QCOMPARE(store.attributes(QStringLiteral("pre_leads"), preLead).value(QStringLiteral("city")).toString(),
        QStringLiteral("Boston"));
    QVERIFY(!store.attributes(QStringLiteral("pre_leads"), preLead).contains(QStringLiteral("pre_lead_id")));
    EXPECT_OK(send(QStringLiteral("pre_lead_contact_add"),
                  with(p, {{QStringLiteral("first_name"), QStringLiteral("Jane")}})),
        "Contact added successfully");
    EXPECT_OK(send(QStringLiteral("pre_lead_memo_add"),
                  with(p, {{QStringLiteral("content"), QStringLiteral("memo")}})),
        "Memo added successfully");
    reply = send(QStringLiteral("pre_lead_status_update"),
        with(p, {{QStringLiteral("lead_status"), QStringLiteral("qualified")}}));
    EXPECT_OK(reply, "Pre-lead status updated successfully");
    QCOMPARE(dataOf(reply).value(QStringLiteral("new_status")).toString(), QStringLiteral("qualified"));
    reply = send(
        QStringLiteral("pre_lead_convert"), with(p, {{QStringLiteral("priority"), QStringLiteral("low")}}));
    EXPECT_OK(reply, "Pre-lead converted to lead successfully");
    const auto converted = dataOf(reply).value(QStringLiteral("lead_id")).toInteger();
    QVERIFY(converted > 0);
    const auto second = dataOf(
        send(QStringLiteral("new_inquiry"), {{QStringLiteral("phone"), QStringLiteral("+15550100")}}))
                            .value(QStringLiteral("pre_lead_id"))
                            .toInteger();
    EXPECT_OK(send(QStringLiteral("pre_lead_discard"), {{QStringLiteral("pre_lead_id"), second}}),
        "Pre-lead discarded successfully");

    reply = send(QStringLiteral("new_lead"), seedLead());
    EXPECT_OK(reply, "Lead created successfully");
    const QJsonObject l {{QStringLiteral("lead_id"), dataOf(reply).value(QStringLiteral("lead_id"))}};
    const auto lead = l.value(QStringLiteral("lead_id")).toInteger();
    EXPECT_OK(
        send(QStringLiteral("lead_update"), with(l, {{QStringLiteral("priority"), QStringLiteral("low")}})),
        "Lead updated successfully");
    QCOMPARE(store.value(QStringLiteral("SELECT priority FROM leads WHERE id = ?"), {lead}).toString(),
        QStringLiteral("low"));
    EXPECT_OK(send(QStringLiteral("lead_contact_add"),
                  with(l, {{QStringLiteral("email"), QStringLiteral("c@x.io")}})),
        "Contact added successfully");
    EXPECT_OK(send(QStringLiteral("lead_activity_add"),
                  with(l, {{QStringLiteral("activity_type"), QStringLiteral("call")}})),
        "Activity added successfully");
    EXPECT_OK(send(QStringLiteral("lead_qualified_profile_update"),
                  with(l, {{QStringLiteral("industry"), QStringLiteral("Retail")}})),
        "Qualified profile updated successfully");
    EXPECT_OK(
        send(QStringLiteral("lead_memo_add"), with(l, {{QStringLiteral("content"), QStringLiteral("m")}})),
        "Memo added successfully");
    EXPECT_OK(send(QStringLiteral("lead_status_update"),
                  with(l, {{QStringLiteral("lead_status"), QStringLiteral("won")}})),
        "Lead status updated successfully");
    reply = send(QStringLiteral("lead_convert"),
        with(l, {{QStringLiteral("customer_code"), QStringLiteral("GEN-1")}}));
    EXPECT_OK(reply, "Lead converted to customer successfully");
    const auto customer = dataOf(reply).value(QStringLiteral("customer_id")).toInteger();
    EXPECT_OK(send(QStringLiteral("lead_discard"), {{QStringLiteral("lead_id"), converted}}),
        "Lead discarded successfully");
    EXPECT_OK(send(QStringLiteral("order_created"),
                  {{QStringLiteral("customer_id"), customer}, {QStringLiteral("amount"), 10}}),
        "Order recorded successfully");
    EXPECT_OK(send(QStringLiteral("payment_received"),
                  {{QStringLiteral("customer_id"), customer}, {QStringLiteral("amount"), 10}}),
        "Payment recorded successfully");

    seen.removeDuplicates();
    QCOMPARE(seen.size(), 18);
    QCOMPARE(store.count(QStringLiteral("pre_leads")), 2);
    QCOMPARE(store.count(QStringLiteral("leads")), 2);
    QCOMPARE(store.count(QStringLiteral("contacts")), 2);
    QCOMPARE(store.count(QStringLiteral("memos")), 2);
    QCOMPARE(store.count(QStringLiteral("activities")), 1);
    QCOMPARE(store.count(QStringLiteral("qualified_profiles")), 1);
    QCOMPARE(store.count(QStringLiteral("customer_orders")), 1);
    QCOMPARE(store.count(QStringLiteral("customer_payments")), 1);
    QCOMPARE(store.value(QStringLiteral("SELECT lifecycle FROM leads WHERE id = ?"), {converted}).toString(),
        QStringLiteral("discarded"));
    // The log names the event each call carried.
    const auto logs = adminGet(server, QStringLiteral("/api/v1/webhooks/logs?page_size=1"));
    const auto last = dataOf(logs).value(QStringLiteral("items")).toArray().first().toObject();
    QCOMPARE(last.value(QStringLiteral("event")).toString(), QStringLiteral("payment_received"));
    QCOMPARE(last.value(QStringLiteral("handler")).toString(), QStringLiteral("crm.incoming"));
}

void CrmTest::genericRouterNeedsSubjectId()
{
    TestServer server;
    QVERIFY(server.started());
    const QList<QPair<QString, QString>> events {
        {QStringLiteral("pre_lead_update"), QStringLiteral("pre_lead_id")},
        {QStringLiteral("pre_lead_discard"), QStringLiteral("pre_lead_id")},
        {QStringLiteral("pre_lead_contact_add"), QStringLiteral("pre_lead_id")},
        {QStringLiteral("pre_lead_memo_add"), QStringLiteral("pre_lead_id")},
        {QStringLiteral("pre_lead_status_update"), QStringLiteral("pre_lead_id")},
        {QStringLiteral("pre_lead_convert"), QStringLiteral("pre_lead_id")},
        {QStringLiteral("lead_update"), QStringLiteral("lead_id")},
        {QStringLiteral("lead_discard"), QStringLiteral("lead_id")},
        {QStringLiteral("lead_contact_add"), QStringLiteral("lead_id")},
        {QStringLiteral("lead_activity_add"), QStringLiteral("lead_id")},
        {QStringLiteral("lead_qualified_profile_update"), QStringLiteral("lead_id")},
        {QStringLiteral("lead_memo_add"), QStringLiteral("lead_id")},
        {QStringLiteral("lead_status_update"), QStringLiteral("lead_id")},
        {QStringLiteral("lead_convert"), QStringLiteral("lead_id")},
        {QStringLiteral("order_created"), QStringLiteral("customer_id")},
        {QStringLiteral("payment_received"), QStringLiteral("customer_id")}};
    for (const auto &[event, field] : events) {
        EXPECT_ERROR(generic(server, event, {{QStringLiteral("content"), QStringLiteral("x")}}), 400,
            QStringLiteral("%1 is required in data for event %2").arg(field, event));
        EXPECT_ERROR(generic(server, event, {{field, QStringLiteral("seven")}}), 400,
            QStringLiteral("%1 must be a positive integer").arg(field));
    }
    // Unknown ids are 404 through the router as well.
    EXPECT_ERROR(generic(server, QStringLiteral("lead_memo_add"),
                     {{QStringLiteral("lead_id"), 404}, {QStringLiteral("content"), QStringLiteral("c")}}),
        404, QStringLiteral("Lead not found"));
    EXPECT_ERROR(
        generic(server, QStringLiteral("pre_lead_memo_add"),
            {{QStringLiteral("pre_lead_id"), 404}, {QStringLiteral("content"), QStringLiteral("c")}}),
        404, QStringLiteral("Pre-lead not found"));
    EXPECT_ERROR(
        generic(server, QStringLiteral("lead_won"), {}), 400, QStringLiteral("unknown event 'lead_won'"));
    EXPECT_ERROR(postCrm(server, incoming, QJsonObject {{QStringLiteral("data"), QJsonObject {}}}), 400,
        QStringLiteral("event is required"));
    Store store(server);
    QCOMPARE(store.count(QStringLiteral("status_history")), 0);
}

void CrmTest::envelopeErrors()
{
    TestServer server;
    QVERIFY(server.started());
    const auto signedPost = [&](const QString &path, const QByteArray &body) {
        return request(
            "POST", server.url(incoming + path), body, {{"X-Webhook-Signature", crmSignature(body)}});
    };
    EXPECT_ERROR(
        signedPost(QStringLiteral("/lead/create"), "{\"event\":"), 400, QStringLiteral("malformed JSON"));
    EXPECT_ERROR(
        signedPost(QStringLiteral("/lead/create"), "[1,2]"), 400, QStringLiteral("must be a JSON object"));
    EXPECT_ERROR(signedPost(QStringLiteral("/lead/create"), R"({"event":"new_lead"})"), 400,
        QStringLiteral("data is required"));
    EXPECT_ERROR(signedPost(QStringLiteral("/lead/create"), R"({"event":"new_lead","data":[]})"), 400,
        QStringLiteral("data must be an object"));
    EXPECT_ERROR(
        signedPost(QStringLiteral("/lead/create"), R"({"event":"new_inquiry","data":{"email":"a@b.c"}})"),
        400, QStringLiteral("does not belong to this endpoint"));
    // The endpoint names the event; an envelope without one is accepted.
    EXPECT_OK(signedPost(QStringLiteral("/lead/create"), R"({"data":{"email":"a@b.c"}})"),
        "Lead created successfully");
    Store store(server);
    QCOMPARE(store.count(QStringLiteral("leads")), 1);
    QCOMPARE(store.count(QStringLiteral("pre_leads")), 0);
}

void CrmTest::eventsAreRaisedOnCommit()
{
    TestServer server;
    QVERIFY(server.started());
    QStringList types;
    QList<QJsonObject> payloads;
    connect(&server.runtime().bus(), &EventBus::eventsPublished, this, [&](const QList<DomainEvent> &events) {
        for (const auto &event : events) {
            types.append(event.type);
            payloads.append(event.payload);
        }
    });
    // Without a subscriber an event carries the ids of what changed...
    const auto bare = createLead(server);
    QTRY_COMPARE(types, QStringList {QStringLiteral("lead.created")});
    QCOMPARE(payloads.first().value(QStringLiteral("lead_id")).toInteger(), bare);
    QVERIFY(!payloads.first().contains(QStringLiteral("first_name")));
    types.clear();
    payloads.clear();
    // ...and the full record once an outbound webhook subscribes to its type.
    QCOMPARE(adminSend(server, "POST", QStringLiteral("/api/webhooks/config"),
                 {{QStringLiteral("name"), QStringLiteral("sink")},
                     {QStringLiteral("url"), QStringLiteral("http://127.0.0.1:9/discard")},
                     {QStringLiteral("eventTypes"), QJsonArray {QStringLiteral("lead.created")}}})
                 .status,
        201);
    const auto id = createLead(server);
    QVERIFY(id > 0);
    QTRY_COMPARE(types, QStringList {QStringLiteral("lead.created")});
    QCOMPARE(payloads.first().value(QStringLiteral("lead_id")).toInteger(), id);
    QCOMPARE(payloads.first().value(QStringLiteral("first_name")).toString(), QStringLiteral("Robert"));
    QCOMPARE(payloads.first().value(QStringLiteral("city")).toString(), QStringLiteral("Chicago"));
    QVERIFY(payloads.first()
                .value(QStringLiteral("sourceRecordId"))
                .toString()
                .startsWith(QStringLiteral("evt_")));
    types.clear();
    EXPECT_OK(post(server, QStringLiteral("lead/%1/update").arg(id), QStringLiteral("lead_update"),
                  {{QStringLiteral("lead_status"), QStringLiteral("contacted")}}),
        "Lead updated successfully");
    QTRY_COMPARE(
        types, (QStringList {QStringLiteral("lead.updated"), QStringLiteral("lead.status_changed")}));
    types.clear();
    const auto customer = post(server, QStringLiteral("lead/%1/convert").arg(id),
        QStringLiteral("lead_convert"), {{QStringLiteral("customer_code"), QStringLiteral("EV-1")}});
    EXPECT_OK(customer, "Lead converted to customer successfully");
    QTRY_COMPARE(types, (QStringList {QStringLiteral("customer.created"), QStringLiteral("lead.converted")}));
    types.clear();
    // A refused call raises nothing; the next accepted one shows the refused one did not slip in.
    EXPECT_ERROR(post(server, QStringLiteral("lead/%1/convert").arg(id), QStringLiteral("lead_convert"),
                     {{QStringLiteral("customer_code"), QStringLiteral("EV-2")}}),
        409, QStringLiteral("cannot be converted again"));
    EXPECT_OK(post(server, QStringLiteral("lead/%1/memo/add").arg(id), QStringLiteral("lead_memo_add"),
                  {{QStringLiteral("content"), QStringLiteral("c")}}),
        "Memo added successfully");
    QTRY_COMPARE(types, QStringList {QStringLiteral("memo.added")});
}

void CrmTest::missingSecretIs401()
{
    TestServer server([](RuntimeOptions &options) { options.environment = QProcessEnvironment(); });
    QVERIFY(server.started());
    const auto reply = post(server, QStringLiteral("lead/create"), QStringLiteral("new_lead"), seedLead());
    EXPECT_ERROR(reply, 401, QStringLiteral("CRM_WEBHOOK_SECRET"));
    EXPECT_ERROR(generic(server, QStringLiteral("new_inquiry"), seedInquiry()), 401,
        QStringLiteral("CRM_WEBHOOK_SECRET"));
    Store store(server);
    QCOMPARE(store.count(QStringLiteral("leads")), 0);
    QCOMPARE(store.count(QStringLiteral("pre_leads")), 0);
    // Recorded, so that it can be replayed once the secret is set.
    const auto logs = adminGet(server, QStringLiteral("/api/v1/webhooks/logs"));
    QCOMPARE(dataOf(logs).value(QStringLiteral("total")).toInt(), 2);
    const auto item = dataOf(logs).value(QStringLiteral("items")).toArray().last().toObject();
    QCOMPARE(item.value(QStringLiteral("status")).toString(), QStringLiteral("rejected"));
    QCOMPARE(item.value(QStringLiteral("status_code")).toInt(), 401);
    QCOMPARE(item.value(QStringLiteral("verification")).toString(), QStringLiteral("missing_secret"));
    QCOMPARE(item.value(QStringLiteral("payload")).toObject().value(QStringLiteral("event")).toString(),
        QStringLiteral("new_lead"));
}

void CrmTest::acceptUnverifiedAccepts()
{
    TestServer server([](RuntimeOptions &options) {
        options.environment = QProcessEnvironment();
        options.acceptUnverified = {QStringLiteral("crm")};
    });
    QVERIFY(server.started());
    const auto body
        = QJsonDocument(envelope(QStringLiteral("new_lead"), seedLead())).toJson(QJsonDocument::Compact);
    const auto reply
        = request("POST", server.url(incoming + QStringLiteral("/lead/create")), body); // no signature at all
    EXPECT_OK(reply, "Lead created successfully");
    Store store(server);
    QCOMPARE(store.count(QStringLiteral("leads")), 1);
    const auto logs = adminGet(server, QStringLiteral("/api/v1/webhooks/logs"));
    const auto item = dataOf(logs).value(QStringLiteral("items")).toArray().first().toObject();
    QCOMPARE(item.value(QStringLiteral("verification")).toString(), QStringLiteral("unverified"));
    QCOMPARE(item.value(QStringLiteral("status")).toString(), QStringLiteral("processed"));
}

void CrmTest::badSignatureIs401AndAppliesNothing()
{
    TestServer server;
    QVERIFY(server.started());
    const auto body
        = QJsonDocument(envelope(QStringLiteral("new_lead"), seedLead())).toJson(QJsonDocument::Compact);
    const auto url = server.url(incoming + QStringLiteral("/lead/create"));
    EXPECT_ERROR(request("POST", url, body, {{"X-Webhook-Signature", crmSignature(body, "another-secret")}}),
        401, QStringLiteral("Invalid signature"));
    EXPECT_ERROR(request("POST", url, body), 401, QStringLiteral("Invalid signature"));
    // Signed over other bytes: one changed character in the body.
    auto tampered = body;
    tampered.replace("Robert", "Rupert");
    EXPECT_ERROR(request("POST", url, tampered, {{"X-Webhook-Signature", crmSignature(body)}}), 401,
        QStringLiteral("Invalid signature"));
    EXPECT_ERROR(
        request("POST", server.url(incoming), tampered, {{"X-Webhook-Signature", crmSignature(body)}}), 401,
        QStringLiteral("Invalid signature"));
    Store store(server);
    QCOMPARE(store.count(QStringLiteral("leads")), 0);
    QCOMPARE(store.count(QStringLiteral("status_history")), 0);
    QCOMPARE(store.value(QStringLiteral("SELECT COUNT(*) FROM inbound_requests WHERE response_status = 401"))
                 .toInt(),
        4);
    // The right signature over the same bytes is accepted.
    EXPECT_OK(request("POST", url, body, {{"X-Webhook-Signature", crmSignature(body)}}),
        "Lead created successfully");
    QCOMPARE(store.count(QStringLiteral("leads")), 1);
}

void CrmTest::rejectedRequestsLeaveDataIntact()
{
    TestServer server;
    QVERIFY(server.started());
    const auto preLead = createPreLead(server);
    const auto lead = createLead(server);
    const auto customer = createCustomer(server, QStringLiteral("KEEP-1"));
    QVERIFY(preLead > 0 && lead > 0 && customer > 0);
    Store store(server);
    const auto before = store.snapshot();

    const auto unsigned_ = [&](const QString &path, const QJsonObject &envelope) {
        const auto body = QJsonDocument(envelope).toJson(QJsonDocument::Compact);
        return request("POST", server.url(incoming + path), body, {{"X-Webhook-Signature", "00"}});
    };
    EXPECT_ERROR(unsigned_(QStringLiteral("/lead/%1/update").arg(lead),
                     envelope(QStringLiteral("lead_update"),
                         {{QStringLiteral("first_name"), QStringLiteral("Mallory")}})),
        401, QStringLiteral("Invalid signature"));
    EXPECT_ERROR(
        unsigned_(QString(),
            envelope(QStringLiteral("pre_lead_discard"), {{QStringLiteral("pre_lead_id"), preLead}})),
        401, QStringLiteral("Invalid signature"));
    EXPECT_ERROR(unsigned_(QString(),
                     envelope(QStringLiteral("order_created"),
                         {{QStringLiteral("customer_id"), customer}, {QStringLiteral("amount"), 100}})),
        401, QStringLiteral("Invalid signature"));
    // Signed but invalid: refused before anything is written, even when the valid part comes first.
    EXPECT_ERROR(post(server, QStringLiteral("lead/%1/update").arg(lead), QStringLiteral("lead_update"),
                     {{QStringLiteral("first_name"), QStringLiteral("Eve")},
                         {QStringLiteral("priority"), QStringLiteral("max")}}),
        400, QStringLiteral("priority must be one of"));
    EXPECT_ERROR(post(server, QStringLiteral("pre-lead/%1/status/update").arg(preLead),
                     QStringLiteral("pre_lead_status_update"),
                     {{QStringLiteral("lead_status"), QStringLiteral("lost")},
                         {QStringLiteral("status_date"), QStringLiteral("yesterday")}}),
        400, QStringLiteral("status_date must be"));
    EXPECT_ERROR(post(server, QStringLiteral("lead/%1/convert").arg(lead), QStringLiteral("lead_convert"),
                     {{QStringLiteral("customer_code"), QStringLiteral("KEEP-1")}}),
        409, QStringLiteral("already used"));
    EXPECT_ERROR(
        generic(server, QStringLiteral("payment_received"),
            {{QStringLiteral("customer_id"), customer}, {QStringLiteral("amount"), QStringLiteral("100")}}),
        400, QStringLiteral("amount must be a number"));
    QCOMPARE(store.snapshot(), before);
}

void CrmTest::identicalBodyIsAppliedOnceWithinADay()
{
    TestServer server([](RuntimeOptions &options) {
        options.environment.insert(QStringLiteral("CRM_WEBHOOK_SECRET"), QString::fromLatin1(crmSecret));
    });
    QVERIFY(server.started());
    // One signed new_lead captured and sent three times: seed 002's signature has no timestamp.
    const auto body = QJsonDocument(
        QJsonObject {{QStringLiteral("event"), QStringLiteral("new_lead")},
            {QStringLiteral("source"), QStringLiteral("crm")}, {QStringLiteral("data"), seedLead()}})
                          .toJson(QJsonDocument::Compact);
    const QString path = incoming + QStringLiteral("/lead/create");
    const auto send = [&](const QString &to) {
        return request("POST", server.url(to), body, {{"X-Webhook-Signature", crmSignature(body)}});
    };
    const auto first = send(path);
    QCOMPARE(first.status, 200);
    const auto second = send(path);
    const auto third = send(path);
    QCOMPARE(second.status, 200);
    QCOMPARE(third.status, 200);
    QCOMPARE(second.body, first.body);
    QCOMPARE(third.body, first.body);
    Store store(server);
    QCOMPARE(store.count(QStringLiteral("leads")), 1);
    QCOMPARE(store.count(QStringLiteral("inbound_requests"),
                 QStringLiteral("path = ? AND status = 'processed'"), {path}),
        1);
    QCOMPARE(store.count(QStringLiteral("inbound_requests"),
                 QStringLiteral("path = ? AND status = 'duplicate'"), {path}),
        2);

    // The same body on another route is another request (here: the generic router).
    QCOMPARE(send(incoming).status, 200);
    QCOMPARE(store.count(QStringLiteral("leads")), 2);

    // A day later the same body is new again: age the stored records past the window.
    {
        auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("crm_ager"));
        db.setDatabaseName(server.dataDir() + QStringLiteral("/switchboard.db"));
        QVERIFY(db.open());
        QSqlQuery age(db);
        QVERIFY(age.exec(QStringLiteral("PRAGMA busy_timeout = 5000")));
        QVERIFY(age.prepare(
            QStringLiteral("UPDATE inbound_requests SET received_at = received_at - ? WHERE path = ?")));
        age.addBindValue(qint64(24 * 60 * 60 * 1000 + 60 * 1000));
        age.addBindValue(path);
        QVERIFY2(age.exec(), qPrintable(age.lastError().text()));
        age.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("crm_ager"));
    const auto later = send(path);
    QCOMPARE(later.status, 200);
    QVERIFY(later.body != first.body); // a new lead id
    QCOMPARE(store.count(QStringLiteral("leads")), 3);
}

void CrmTest::timestampedSignatureIsJudgedAtArrival()
{
    TestServer server([](RuntimeOptions &options) {
        options.environment.insert(QStringLiteral("CRM_WEBHOOK_SECRET"), QString::fromLatin1(crmSecret));
    });
    QVERIFY(server.started());
    Store store(server);
    const QString path = incoming + QStringLiteral("/lead/create");
    const auto send = [&](const QJsonObject &data, qint64 timestamp, qint64 signedTimestamp) {
        const auto body
            = QJsonDocument(envelope(QStringLiteral("new_lead"), data)).toJson(QJsonDocument::Compact);
        const auto stamp = QByteArray::number(timestamp);
        return request("POST", server.url(path), body,
            {{"X-Webhook-Timestamp", stamp},
                {"X-Webhook-Signature", crmSignature(QByteArray::number(signedTimestamp) + '.' + body)}});
    };
    const auto now = QDateTime::currentSecsSinceEpoch();
    auto data = seedLead();
    // Within the five minutes, either side of the arrival.
    QCOMPARE(send(data, now, now).status, 200);
    data.insert(QStringLiteral("email"), QStringLiteral("second@example.com"));
    QCOMPARE(send(data, now - 240, now - 240).status, 200);
    data.insert(QStringLiteral("email"), QStringLiteral("third@example.com"));
    QCOMPARE(send(data, now + 240, now + 240).status, 200);
    QCOMPARE(store.count(QStringLiteral("leads")), 3);
    QCOMPARE(
        store.lastInbound(path).value(QStringLiteral("verification")).toString(), QStringLiteral("verified"));

    // Stale, from the future, or a timestamp the signature does not cover: 401, nothing applied.
    data.insert(QStringLiteral("email"), QStringLiteral("late@example.com"));
    auto reply = send(data, now - 3600, now - 3600);
    QCOMPARE(reply.status, 401);
    QVERIFY2(detailOf(reply).startsWith(
                 QStringLiteral("Invalid signature: stale timestamp: %1 is ").arg(now - 3600)),
        qPrintable(detailOf(reply)));
    QVERIFY(detailOf(reply).contains(QStringLiteral("(tolerance 300 s)")));
    reply = send(data, now + 3600, now + 3600);
    QCOMPARE(reply.status, 401);
    QVERIFY2(detailOf(reply).startsWith(
                 QStringLiteral("Invalid signature: timestamp in the future: %1 is ").arg(now + 3600)),
        qPrintable(detailOf(reply)));
    reply = send(data, now, now - 3600);
    QCOMPARE(reply.status, 401);
    QVERIFY(detailOf(reply).contains(QStringLiteral("timestamp + \".\" + body")));
    QCOMPARE(store.count(QStringLiteral("leads")), 3);
    QCOMPARE(store.lastInbound(path).value(QStringLiteral("status")).toString(), QStringLiteral("rejected"));
}

QTEST_GUILESS_MAIN(CrmTest)
#include "tst_crm.moc"
