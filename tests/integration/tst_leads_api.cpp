// The leads REST API over real HTTP: POST validated like the CRM webhooks with 409 for duplicates,
// every filter and sort of GET /api/leads, keyset pages that neither repeat nor skip rows while
// leads are inserted between pages, the detail view, PUT with status history and events, DELETE
// archiving vs purging (a GDPR erasure leaves no message rows), and an outbound webhook fired by POST.
#include "ProviderTestSupport.h"
#include "WebhookReceiver.h"
#include "storage/MessagingRepository.h"
#include "storage/SqlWorker.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QUrlQuery>
#include <algorithm>
#include <cmath>

using namespace sb;
using namespace sb::test;

namespace {

HttpReply post(TestServer &server, const QJsonObject &body)
{
    return adminSend(server, "POST", QStringLiteral("/api/leads"), body);
}

qint64 createLead(TestServer &server, const QJsonObject &body)
{
    const auto reply = post(server, body);
    if (reply.status != 201)
        qWarning("create failed: %d %s", reply.status, reply.body.constData());
    return reply.json().value(QStringLiteral("id")).toInteger();
}

QJsonObject person(const QString &first, const QJsonObject &extra = {})
{
    QJsonObject body {
        {QStringLiteral("first_name"), first}, {QStringLiteral("last_name"), QStringLiteral("Tester")}};
    for (auto it = extra.begin(); it != extra.end(); ++it)
        body.insert(it.key(), it.value());
    return body;
}

QList<qint64> idsOf(const HttpReply &reply)
{
    QList<qint64> ids;
    for (const auto &item : reply.json().value(QStringLiteral("data")).toArray())
        ids.append(item.toObject().value(QStringLiteral("id")).toInteger());
    return ids;
}

QString detailOf(const HttpReply &reply)
{
    return reply.json().value(QStringLiteral("detail")).toString();
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

void addInboundSms(TestServer &server, qint64 leadId, const QString &text)
{
    write(server, [leadId, text](SqlContext &sql) {
        NewMessage message;
        message.leadId = leadId;
        message.channel = Channel::Sms;
        message.direction = Direction::Inbound;
        message.provider = QStringLiteral("twilio");
        message.from = QStringLiteral("+14155550199");
        message.to = QStringLiteral("+14155550100");
        message.body = text;
        MessagingRepository::addMessage(sql, message);
    });
}

// A JSON Schema check of the keywords the OpenAPI document uses ($ref to components, type, enum, const,
// properties, required, additionalProperties, items, oneOf, anyOf, minimum, maximum), each problem
// as "path: what". Objects with `properties` are closed: a member the document does not name is a
// problem too, so a field added to an answer without documentation fails.
void checkSchema(const QJsonObject &document, QJsonObject schema, const QJsonValue &value,
    const QString &path, QStringList &problems)
{
    const auto ref = schema.value(QStringLiteral("$ref")).toString();
    if (!ref.isEmpty())
        schema = document.value(QStringLiteral("components"))
                     .toObject()
                     .value(QStringLiteral("schemas"))
                     .toObject()
                     .value(ref.section(QLatin1Char('/'), -1))
                     .toObject();
    const auto matches = [&](const QJsonValue &alternative) {
        QStringList found;
        checkSchema(document, alternative.toObject(), value, path, found);
        return found.isEmpty();
    };
    if (schema.contains(QStringLiteral("oneOf"))) {
        const auto alternatives = schema.value(QStringLiteral("oneOf")).toArray();
        const auto count = std::count_if(alternatives.begin(), alternatives.end(), matches);
        if (count != 1)
            problems << QStringLiteral("%1: matches %2 of oneOf").arg(path).arg(count);
    }
    if (schema.contains(QStringLiteral("anyOf"))) {
        const auto alternatives = schema.value(QStringLiteral("anyOf")).toArray();
        if (std::none_of(alternatives.begin(), alternatives.end(), matches))
            problems << path + QStringLiteral(": matches none of anyOf");
    }
    if (schema.contains(QStringLiteral("const")) && schema.value(QStringLiteral("const")) != value)
        problems << path + QStringLiteral(": not the constant");
    if (schema.contains(QStringLiteral("enum"))
        && !schema.value(QStringLiteral("enum")).toArray().contains(value))
        problems << path + QStringLiteral(": %1 not in enum").arg(value.toVariant().toString());
    if (schema.contains(QStringLiteral("type"))) {
        const auto type = schema.value(QStringLiteral("type"));
        const auto types = type.isArray() ? type.toArray() : QJsonArray {type};
        const auto is = [&value](const QString &name) {
            if (name == QLatin1String("string"))
                return value.isString();
            if (name == QLatin1String("integer"))
                return value.isDouble() && value.toDouble() == std::floor(value.toDouble());
            if (name == QLatin1String("number"))
                return value.isDouble();
            if (name == QLatin1String("boolean"))
                return value.isBool();
            if (name == QLatin1String("null"))
                return value.isNull();
            if (name == QLatin1String("object"))
                return value.isObject();
            if (name == QLatin1String("array"))
                return value.isArray();
            return false;
        };
        if (std::none_of(types.begin(), types.end(), [&is](const QJsonValue &t) { return is(t.toString()); }))
            problems << path
                    + QStringLiteral(": %1 is not %2")
                          .arg(QString::fromUtf8(
                                   QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact)),
                              QString::fromUtf8(QJsonDocument(types).toJson(QJsonDocument::Compact)));
    }
    if (value.isDouble()) {
        if (schema.contains(QStringLiteral("minimum"))
            && value.toDouble() < schema.value(QStringLiteral("minimum")).toDouble())
            problems << path + QStringLiteral(": below minimum");
        if (schema.contains(QStringLiteral("maximum"))
            && value.toDouble() > schema.value(QStringLiteral("maximum")).toDouble())
            problems << path + QStringLiteral(": above maximum");
    }
    if (value.isObject()) {
        const auto object = value.toObject();
        for (const auto &name : schema.value(QStringLiteral("required")).toArray()) {
            if (!object.contains(name.toString()))
                problems << path + QStringLiteral(": %1 is missing").arg(name.toString());
        }
        const auto properties = schema.value(QStringLiteral("properties")).toObject();
        const auto additional = schema.value(QStringLiteral("additionalProperties"));
        for (auto it = object.begin(); it != object.end(); ++it) {
            const QString at = path + QLatin1Char('.') + it.key();
            if (properties.contains(it.key()))
                checkSchema(document, properties.value(it.key()).toObject(), it.value(), at, problems);
            else if (additional.isObject())
                checkSchema(document, additional.toObject(), it.value(), at, problems);
            else if (!properties.isEmpty() || additional == QJsonValue(false))
                problems << at + QStringLiteral(": not documented");
        }
    }
    if (value.isArray() && schema.contains(QStringLiteral("items"))) {
        const auto items = value.toArray();
        for (qsizetype i = 0; i < items.size(); ++i)
            checkSchema(document, schema.value(QStringLiteral("items")).toObject(), items[i],
                path + QStringLiteral("[%1]").arg(i), problems);
    }
}

// The problems of `reply` against what /openapi.json says `method pattern` answers with its status.
QStringList undocumentedIn(
    const QJsonObject &document, const QByteArray &method, const QString &pattern, const HttpReply &reply)
{
    const auto operation = document.value(QStringLiteral("paths"))
                               .toObject()
                               .value(pattern)
                               .toObject()
                               .value(QString::fromLatin1(method).toLower())
                               .toObject();
    if (operation.isEmpty())
        return {QStringLiteral("%1 %2 is not in the document").arg(QString::fromLatin1(method), pattern)};
    const auto answer = operation.value(QStringLiteral("responses"))
                            .toObject()
                            .value(QString::number(reply.status))
                            .toObject();
    if (answer.isEmpty())
        return {QStringLiteral("%1 %2 does not document status %3")
                    .arg(QString::fromLatin1(method), pattern)
                    .arg(reply.status)};
    const auto schema = answer.value(QStringLiteral("content"))
                            .toObject()
                            .value(QStringLiteral("application/json"))
                            .toObject()
                            .value(QStringLiteral("schema"))
                            .toObject();
    QStringList problems;
    if (schema.isEmpty())
        problems << QStringLiteral("no schema");
    checkSchema(
        document, schema, QJsonDocument::fromJson(reply.body).object(), QStringLiteral("body"), problems);
    for (auto &problem : problems)
        problem.prepend(
            QStringLiteral("%1 %2 %3: ").arg(QString::fromLatin1(method), pattern).arg(reply.status));
    return problems;
}

} // namespace

class LeadsApiTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void createRaisesLeadCreatedAndFiresTheWebhook()
    {
        WebhookReceiver receiver;
        TestServer server;
        QVERIFY2(server.started(), qPrintable(server.error()));
        BusEvents events(server.runtime().bus());
        const auto config = adminSend(server, "POST", QStringLiteral("/api/webhooks/config"),
            QJsonObject {{QStringLiteral("name"), QStringLiteral("crm mirror")},
                {QStringLiteral("url"), receiver.url()},
                {QStringLiteral("eventTypes"), QJsonArray {QStringLiteral("lead.created")}}});
        QCOMPARE(config.status, 201);

        const auto reply = post(server,
            person(QStringLiteral("Ada"),
                {{QStringLiteral("email"), QStringLiteral("ada@example.com")},
                    {QStringLiteral("phone"), QStringLiteral("+14155550101")},
                    {QStringLiteral("priority"), QStringLiteral("high")},
                    {QStringLiteral("source"), QStringLiteral("website")},
                    {QStringLiteral("city"), QStringLiteral("Oslo")}}));
        QCOMPARE(reply.status, 201);
        const auto lead = reply.json();
        const auto id = lead.value(QStringLiteral("id")).toInteger();
        QVERIFY(id > 0);
        QCOMPARE(reply.header("Location"), QStringLiteral("/api/leads/%1").arg(id).toUtf8());
        QCOMPARE(lead.value(QStringLiteral("first_name")).toString(), QStringLiteral("Ada"));
        QCOMPARE(lead.value(QStringLiteral("lead_status")).toString(), QStringLiteral("new"));
        QCOMPARE(lead.value(QStringLiteral("priority")).toString(), QStringLiteral("high"));
        QCOMPARE(lead.value(QStringLiteral("city")).toString(), QStringLiteral("Oslo"));
        QCOMPARE(lead.value(QStringLiteral("phone_e164")).toString(), QStringLiteral("+14155550101"));
        QCOMPARE(lead.value(QStringLiteral("archived")).toBool(true), false);
        const auto history = lead.value(QStringLiteral("status_history")).toArray();
        QCOMPARE(history.size(), 1);
        QCOMPARE(history[0].toObject().value(QStringLiteral("new_status")).toString(), QStringLiteral("new"));
        QVERIFY(history[0].toObject().value(QStringLiteral("old_status")).isNull());
        QTRY_COMPARE(events.count(QStringLiteral("lead.created")), 1);

        QTRY_COMPARE_WITH_TIMEOUT(receiver.received().size(), 1, 10000);
        const auto &hit = receiver.received().first();
        QCOMPARE(hit.header("X-Webhook-Event"), QByteArray("lead.created"));
        const auto payload = QJsonDocument::fromJson(hit.body).object();
        QCOMPARE(payload.value(QStringLiteral("lead_id")).toInteger(), id);
        QCOMPARE(payload.value(QStringLiteral("first_name")).toString(), QStringLiteral("Ada"));
        QCOMPARE(payload.value(QStringLiteral("email")).toString(), QStringLiteral("ada@example.com"));
    }

    void createRefusesBadInputAndDuplicates()
    {
        TestServer server;
        QVERIFY2(server.started(), qPrintable(server.error()));
        const auto first = createLead(server,
            person(QStringLiteral("Grace"),
                {{QStringLiteral("email"), QStringLiteral("grace@example.com")},
                    {QStringLiteral("phone"), QStringLiteral("+14155550102")}}));
        QVERIFY(first > 0);

        auto bad = request("POST", server.url(QStringLiteral("/api/leads")), "{\"first_name\": ",
            {{"Authorization", "Bearer " + adminKey}, {"Content-Type", "application/json"}});
        QCOMPARE(bad.status, 400);
        QVERIFY(!detailOf(bad).isEmpty());
        bad = post(server, QJsonObject {{QStringLiteral("city"), QStringLiteral("Oslo")}});
        QCOMPARE(bad.status, 400);
        QVERIFY2(detailOf(bad).contains(QStringLiteral("is required")), bad.body.constData());
        bad = post(server,
            person(QStringLiteral("X"), {{QStringLiteral("lead_status"), QStringLiteral("sleeping")}}));
        QCOMPARE(bad.status, 400);
        QVERIFY(detailOf(bad).contains(QStringLiteral("lead_status must be one of")));
        bad = post(server,
            person(QStringLiteral("X"), {{QStringLiteral("expected_value"), QStringLiteral("lots")}}));
        QCOMPARE(bad.status, 400);
        QVERIFY(detailOf(bad).contains(QStringLiteral("expected_value")));
        bad = post(server, person(QStringLiteral("X"), {{QStringLiteral("id"), 99}}));
        QCOMPARE(bad.status, 400);
        QCOMPARE(detailOf(bad), QStringLiteral("id cannot be set"));

        auto duplicate = post(server,
            person(
                QStringLiteral("Other"), {{QStringLiteral("email"), QStringLiteral("GRACE@example.com")}}));
        QCOMPARE(duplicate.status, 409);
        QVERIFY2(
            detailOf(duplicate).contains(QStringLiteral("Lead %1").arg(first)), duplicate.body.constData());
        QCOMPARE(duplicate.header("Location"), QStringLiteral("/api/leads/%1").arg(first).toUtf8());
        // The same number written nationally is the same phone.
        duplicate = post(server,
            person(QStringLiteral("Other"), {{QStringLiteral("phone"), QStringLiteral("(415) 555-0102")}}));
        QCOMPARE(duplicate.status, 409);
        QVERIFY(detailOf(duplicate).contains(QStringLiteral("Lead %1").arg(first)));

        Store store(server);
        QCOMPARE(store.count(QStringLiteral("leads")), 1);
        QCOMPARE(store.count(QStringLiteral("status_history")), 1);
        QCOMPARE(request("POST", server.url(QStringLiteral("/api/leads")), "{}",
                     {{"Content-Type", "application/json"}})
                     .status,
            401);
    }

    void listFiltersAndSorts()
    {
        TestServer server;
        QVERIFY2(server.started(), qPrintable(server.error()));
        const auto a = createLead(server,
            person(QStringLiteral("Alice"),
                {{QStringLiteral("priority"), QStringLiteral("critical")},
                    {QStringLiteral("source"), QStringLiteral("referral")},
                    {QStringLiteral("company_name"), QStringLiteral("Zeta Motors")}}));
        const auto b = createLead(server,
            person(QStringLiteral("Bob"),
                {{QStringLiteral("priority"), QStringLiteral("low")},
                    {QStringLiteral("source"), QStringLiteral("website")},
                    {QStringLiteral("lead_status"), QStringLiteral("qualified")},
                    {QStringLiteral("email"), QStringLiteral("bob@dealer.test")}}));
        const auto c = createLead(server,
            person(QStringLiteral("Carol"),
                {{QStringLiteral("priority"), QStringLiteral("medium")},
                    {QStringLiteral("source"), QStringLiteral("website")},
                    {QStringLiteral("phone"), QStringLiteral("+14155550177")}}));
        QVERIFY(a > 0 && b > 0 && c > 0);

        auto list = adminGet(server, QStringLiteral("/api/leads"));
        QCOMPARE(list.status, 200);
        QCOMPARE(idsOf(list), (QList<qint64> {c, b, a})); // -updated_at by default
        QCOMPARE(list.json().value(QStringLiteral("has_more")).toBool(true), false);
        QVERIFY(list.json().value(QStringLiteral("next_cursor")).isNull());
        QCOMPARE(list.json()
                     .value(QStringLiteral("data"))
                     .toArray()[2]
                     .toObject()
                     .value(QStringLiteral("company_name"))
                     .toString(),
            QStringLiteral("Zeta Motors"));

        QCOMPARE(idsOf(adminGet(server, QStringLiteral("/api/leads?status=qualified"))), (QList<qint64> {b}));
        QCOMPARE(
            idsOf(adminGet(server, QStringLiteral("/api/leads?status=new&sort=id"))), (QList<qint64> {a, c}));
        QCOMPARE(
            idsOf(adminGet(server, QStringLiteral("/api/leads?priority=critical"))), (QList<qint64> {a}));
        QCOMPARE(idsOf(adminGet(server, QStringLiteral("/api/leads?source=website&sort=id"))),
            (QList<qint64> {b, c}));
        QCOMPARE(idsOf(adminGet(server, QStringLiteral("/api/leads?q=zeta"))), (QList<qint64> {a}));
        QCOMPARE(
            idsOf(adminGet(server, QStringLiteral("/api/leads?search=dealer.test"))), (QList<qint64> {b}));
        QCOMPARE(idsOf(adminGet(server, QStringLiteral("/api/leads?q=5550177"))), (QList<qint64> {c}));
        QCOMPARE(idsOf(adminGet(server, QStringLiteral("/api/leads?q=carol%20tester"))), (QList<qint64> {c}));
        QCOMPARE(idsOf(adminGet(server, QStringLiteral("/api/leads?q=%25"))).size(), 0); // % is literal

        // updated_since: only the lead changed after the mark.
        QTest::qWait(20);
        const auto mark = QDateTime::currentDateTimeUtc();
        QTest::qWait(20);
        QCOMPARE(adminSend(server, "PUT", QStringLiteral("/api/leads/%1").arg(a),
                     QJsonObject {{QStringLiteral("company_name"), QStringLiteral("Zeta Motors AS")}})
                     .status,
            200);
        QCOMPARE(idsOf(adminGet(server,
                     QStringLiteral("/api/leads?updated_since=")
                         + QString::fromLatin1(QUrl::toPercentEncoding(mark.toString(Qt::ISODateWithMs))))),
            (QList<qint64> {a}));
        QCOMPARE(idsOf(adminGet(
                     server, QStringLiteral("/api/leads?updated_since=%1").arg(mark.toMSecsSinceEpoch()))),
            (QList<qint64> {a}));

        QCOMPARE(
            idsOf(adminGet(server, QStringLiteral("/api/leads?sort=priority"))), (QList<qint64> {b, c, a}));
        QCOMPARE(
            idsOf(adminGet(server, QStringLiteral("/api/leads?sort=-priority"))), (QList<qint64> {a, c, b}));
        QCOMPARE(
            idsOf(adminGet(server, QStringLiteral("/api/leads?sort=created_at"))), (QList<qint64> {a, b, c}));
        QCOMPARE(idsOf(adminGet(server, QStringLiteral("/api/leads?sort=-created_at"))),
            (QList<qint64> {c, b, a}));
        QCOMPARE(idsOf(adminGet(server, QStringLiteral("/api/leads?sort=-updated_at"))),
            (QList<qint64> {a, c, b}));

        const QStringList bad {QStringLiteral("status=sleeping"), QStringLiteral("priority=urgent"),
            QStringLiteral("limit=0"), QStringLiteral("limit=201"), QStringLiteral("limit=ten"),
            QStringLiteral("cursor=not-a-cursor"), QStringLiteral("cursor=eyJ4IjoxfQ"),
            QStringLiteral("sort=name"), QStringLiteral("updated_since=yesterday"),
            QStringLiteral("include_archived=maybe"), QStringLiteral("source=")};
        for (const auto &query : bad) {
            const auto reply = adminGet(server, QStringLiteral("/api/leads?") + query);
            QVERIFY2(reply.status == 400, qPrintable(query));
            QVERIFY2(!detailOf(reply).isEmpty(), qPrintable(query));
        }
        QVERIFY(detailOf(adminGet(server, QStringLiteral("/api/leads?limit=500")))
                    .contains(QStringLiteral("200")));
        QCOMPARE(adminGet(server, QStringLiteral("/api/leads?limit=200")).status, 200);
        // A cursor only continues the sort it was made for.
        const auto page = adminGet(server, QStringLiteral("/api/leads?limit=1&sort=created_at"));
        const auto cursor = page.json().value(QStringLiteral("next_cursor")).toString();
        QVERIFY(!cursor.isEmpty());
        QCOMPARE(adminGet(server, QStringLiteral("/api/leads?limit=1&sort=priority&cursor=") + cursor).status,
            400);
        QCOMPARE(
            idsOf(adminGet(server, QStringLiteral("/api/leads?limit=1&sort=created_at&cursor=") + cursor)),
            (QList<qint64> {b}));
    }

    void pagesNeitherRepeatNorSkipWhileLeadsAreInserted_data()
    {
        QTest::addColumn<QString>("sort");
        QTest::newRow("-updated_at") << QStringLiteral("-updated_at");
        QTest::newRow("created_at") << QStringLiteral("created_at");
        QTest::newRow("priority") << QStringLiteral("priority");
    }
    void pagesNeitherRepeatNorSkipWhileLeadsAreInserted()
    {
        QFETCH(QString, sort);
        TestServer server;
        QVERIFY2(server.started(), qPrintable(server.error()));
        const QStringList priorities {
            QStringLiteral("low"), QStringLiteral("medium"), QStringLiteral("high")};
        QSet<qint64> before;
        for (int i = 0; i < 23; ++i)
            before.insert(createLead(server,
                person(QStringLiteral("P%1").arg(i), {{QStringLiteral("priority"), priorities[i % 3]}})));
        QCOMPARE(before.size(), 23);

        QList<qint64> seen;
        QSet<qint64> inserted;
        QString cursor;
        int pages = 0;
        do {
            QString path = QStringLiteral("/api/leads?limit=5&sort=") + sort;
            if (!cursor.isEmpty())
                path += QStringLiteral("&cursor=") + cursor;
            const auto page = adminGet(server, path);
            QCOMPARE(page.status, 200);
            seen += idsOf(page);
            cursor = page.json().value(QStringLiteral("next_cursor")).toString();
            QCOMPARE(page.json().value(QStringLiteral("has_more")).toBool(), !cursor.isEmpty());
            // Two new leads between every two pages.
            for (int i = 0; i < 2; ++i)
                inserted.insert(createLead(server,
                    person(QStringLiteral("N%1").arg(pages * 2 + i),
                        {{QStringLiteral("priority"), priorities[i]}})));
            ++pages;
        } while (!cursor.isEmpty() && pages < 40);

        const QSet<qint64> unique(seen.begin(), seen.end());
        QCOMPARE(unique.size(), seen.size()); // nothing twice
        QVERIFY(unique.contains(before)); // nothing that existed was skipped
        QVERIFY((unique - before).size() <= inserted.size());
    }

    void detailHasContactsMemosActivitiesHistoryAndConversations()
    {
        TestServer server;
        QVERIFY2(server.started(), qPrintable(server.error()));
        const auto id = createLead(server,
            person(QStringLiteral("Dora"), {{QStringLiteral("phone"), QStringLiteral("+14155550144")}}));
        QVERIFY(id > 0);
        const auto crm = [&](const QString &what, const QString &event, const QJsonObject &data) {
            return postCrm(server, QStringLiteral("/api/v1/webhooks/incoming/lead/%1/%2").arg(id).arg(what),
                {{QStringLiteral("event"), event}, {QStringLiteral("source"), QStringLiteral("erp")},
                    {QStringLiteral("data"), data}})
                .status;
        };
        QCOMPARE(crm(QStringLiteral("contact/add"), QStringLiteral("lead_contact_add"),
                     {{QStringLiteral("first_name"), QStringLiteral("Eve")},
                         {QStringLiteral("is_primary"), true}}),
            200);
        QCOMPARE(crm(QStringLiteral("memo/add"), QStringLiteral("lead_memo_add"),
                     {{QStringLiteral("content"), QStringLiteral("Call back Friday")}}),
            200);
        QCOMPARE(crm(QStringLiteral("activity/add"), QStringLiteral("lead_activity_add"),
                     {{QStringLiteral("activity_type"), QStringLiteral("call")},
                         {QStringLiteral("title"), QStringLiteral("Intro call")}}),
            200);
        addInboundSms(server, id, QStringLiteral("Is the car still available?"));

        const auto reply = adminGet(server, QStringLiteral("/api/leads/%1").arg(id));
        QCOMPARE(reply.status, 200);
        const auto lead = reply.json();
        QCOMPARE(lead.value(QStringLiteral("first_name")).toString(), QStringLiteral("Dora"));
        QCOMPARE(lead.value(QStringLiteral("contacts")).toArray().size(), 1);
        QCOMPARE(lead.value(QStringLiteral("contacts"))
                     .toArray()[0]
                     .toObject()
                     .value(QStringLiteral("first_name"))
                     .toString(),
            QStringLiteral("Eve"));
        QCOMPARE(lead.value(QStringLiteral("memos"))
                     .toArray()[0]
                     .toObject()
                     .value(QStringLiteral("content"))
                     .toString(),
            QStringLiteral("Call back Friday"));
        QCOMPARE(lead.value(QStringLiteral("activities"))
                     .toArray()[0]
                     .toObject()
                     .value(QStringLiteral("title"))
                     .toString(),
            QStringLiteral("Intro call"));
        // Created, then new -> contacted by the inbound reply (status rule reply_contacted).
        QCOMPARE(lead.value(QStringLiteral("status_history")).toArray().size(), 2);
        const auto conversations = lead.value(QStringLiteral("conversations")).toArray();
        QCOMPARE(conversations.size(), 1);
        QCOMPARE(
            conversations[0].toObject().value(QStringLiteral("channel")).toString(), QStringLiteral("sms"));
        QCOMPARE(conversations[0].toObject().value(QStringLiteral("last_message_preview")).toString(),
            QStringLiteral("Is the car still available?"));
        QCOMPARE(conversations[0].toObject().value(QStringLiteral("unread_count")).toInt(), 1);

        const auto missing = adminGet(server, QStringLiteral("/api/leads/%1").arg(id + 100));
        QCOMPARE(missing.status, 404);
        QCOMPARE(detailOf(missing), QStringLiteral("Lead %1 not found").arg(id + 100));
        QCOMPARE(adminGet(server, QStringLiteral("/api/leads/abc")).status, 404);
    }

    void updateWritesHistoryAndRaisesEvents()
    {
        TestServer server;
        QVERIFY2(server.started(), qPrintable(server.error()));
        BusEvents events(server.runtime().bus());
        const auto id = createLead(server,
            person(QStringLiteral("Finn"), {{QStringLiteral("email"), QStringLiteral("finn@example.com")}}));
        const auto other = createLead(server,
            person(QStringLiteral("Gus"), {{QStringLiteral("email"), QStringLiteral("gus@example.com")}}));
        QVERIFY(id > 0 && other > 0);
        const auto path = QStringLiteral("/api/leads/%1").arg(id);

        auto reply = adminSend(server, "PUT", path,
            {{QStringLiteral("company_name"), QStringLiteral("Finn AS")},
                {QStringLiteral("expected_value"), 12500}});
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json().value(QStringLiteral("company_name")).toString(), QStringLiteral("Finn AS"));
        QCOMPARE(
            reply.json().value(QStringLiteral("first_name")).toString(), QStringLiteral("Finn")); // untouched
        QCOMPARE(reply.json().value(QStringLiteral("expected_value")).toDouble(), 12500.0);
        QTRY_COMPARE(events.count(QStringLiteral("lead.updated")), 1);
        QCOMPARE(events.count(QStringLiteral("lead.status_changed")), 0);

        reply = adminSend(server, "PUT", path,
            {{QStringLiteral("lead_status"), QStringLiteral("contacted")},
                {QStringLiteral("remarks"), QStringLiteral("left a voicemail")}});
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json().value(QStringLiteral("lead_status")).toString(), QStringLiteral("contacted"));
        const auto history = reply.json().value(QStringLiteral("status_history")).toArray();
        QCOMPARE(history.size(), 2);
        QCOMPARE(history[1].toObject().value(QStringLiteral("old_status")).toString(), QStringLiteral("new"));
        QCOMPARE(history[1].toObject().value(QStringLiteral("new_status")).toString(),
            QStringLiteral("contacted"));
        QCOMPARE(history[1].toObject().value(QStringLiteral("remarks")).toString(),
            QStringLiteral("left a voicemail"));
        QTRY_COMPARE(events.count(QStringLiteral("lead.status_changed")), 1);
        const auto changed = events.payloads[events.types.lastIndexOf(QStringLiteral("lead.status_changed"))];
        QCOMPARE(changed.value(QStringLiteral("new_status")).toString(), QStringLiteral("contacted"));
        QCOMPARE(changed.value(QStringLiteral("lead_id")).toInteger(), id);

        // The same status again changes nothing and writes no history.
        QCOMPARE(
            adminSend(server, "PUT", path, {{QStringLiteral("lead_status"), QStringLiteral("contacted")}})
                .status,
            200);
        Store store(server);
        QCOMPARE(store.count(QStringLiteral("status_history"), QStringLiteral("owner_id = ?"), {id}), 2);

        // Refusals leave the lead as it was.
        const auto before = adminGet(server, path).json();
        QCOMPARE(adminSend(server, "PUT", path, {}).status, 400);
        reply = adminSend(server, "PUT", path,
            {{QStringLiteral("company_name"), QStringLiteral("Changed")},
                {QStringLiteral("lead_status"), QStringLiteral("sleeping")}});
        QCOMPARE(reply.status, 400);
        QVERIFY(detailOf(reply).contains(QStringLiteral("lead_status")));
        reply
            = adminSend(server, "PUT", path, {{QStringLiteral("email"), QStringLiteral("gus@example.com")}});
        QCOMPARE(reply.status, 409);
        QVERIFY(detailOf(reply).contains(QStringLiteral("Lead %1").arg(other)));
        QCOMPARE(adminSend(server, "PUT", path, {{QStringLiteral("remarks"), QStringLiteral("only remarks")}})
                     .status,
            400);
        QCOMPARE(adminSend(server, "PUT", path, {{QStringLiteral("created_at"), 5}}).status, 400);
        reply = request("PUT", server.url(path), "[1,2]",
            {{"Authorization", "Bearer " + adminKey}, {"Content-Type", "application/json"}});
        QCOMPARE(reply.status, 400);
        QCOMPARE(adminGet(server, path).json(), before);
        // Its own email again is no duplicate.
        QCOMPARE(
            adminSend(server, "PUT", path, {{QStringLiteral("email"), QStringLiteral("finn@example.com")}})
                .status,
            200);

        QCOMPARE(adminSend(server, "PUT", QStringLiteral("/api/leads/%1").arg(id + 100),
                     {{QStringLiteral("company_name"), QStringLiteral("X")}})
                     .status,
            404);
    }

    void archiveKeepsDataPurgeErasesIt()
    {
        TestServer server;
        QVERIFY2(server.started(), qPrintable(server.error()));
        BusEvents events(server.runtime().bus());
        const auto kept = createLead(server,
            person(QStringLiteral("Hana"), {{QStringLiteral("phone"), QStringLiteral("+14155550155")}}));
        const auto erased = createLead(server,
            person(QStringLiteral("Ivan"), {{QStringLiteral("phone"), QStringLiteral("+14155550166")}}));
        QVERIFY(kept > 0 && erased > 0);
        addInboundSms(server, kept, QStringLiteral("hello from Hana"));
        addInboundSms(server, erased, QStringLiteral("hello from Ivan"));
        addInboundSms(server, erased, QStringLiteral("please forget me"));
        QCOMPARE(postCrm(server, QStringLiteral("/api/v1/webhooks/incoming/lead/%1/memo/add").arg(erased),
                     {{QStringLiteral("event"), QStringLiteral("lead_memo_add")},
                         {QStringLiteral("source"), QStringLiteral("erp")},
                         {QStringLiteral("data"),
                             QJsonObject {{QStringLiteral("content"), QStringLiteral("GDPR request")}}}})
                     .status,
            200);
        // An outbox entry (with an attempt) for one of Ivan's messages.
        write(server, [erased](SqlContext &sql) {
            auto &query
                = sql.run(QStringLiteral("SELECT id FROM messages WHERE lead_id = ? LIMIT 1"), {erased});
            query.next();
            const auto messageId = query.value(0).toLongLong();
            query.finish();
            const auto outbox
                = sql.write(QStringLiteral("INSERT INTO outbox(message_id, provider, channel, request, "
                                           "idempotency_key, status, created_at, updated_at) "
                                           "VALUES(?, 'twilio', 'sms', '{}', 'k1', 'sent', 1, 1)"),
                    {messageId});
            sql.write(
                QStringLiteral(
                    "INSERT INTO outbox_attempts(outbox_id, attempt, started_at, url) VALUES(?, 1, 1, 'x')"),
                {outbox});
        });

        // Archive: gone from lists, still readable, data kept.
        auto reply = adminSend(server, "DELETE", QStringLiteral("/api/leads/%1").arg(kept));
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json().value(QStringLiteral("archived")).toBool(), true);
        QCOMPARE(reply.json().value(QStringLiteral("purged")).toBool(), false);
        QCOMPARE(
            reply.json().value(QStringLiteral("lead")).toObject().value(QStringLiteral("archived")).toBool(),
            true);
        QTRY_COMPARE(events.count(QStringLiteral("lead.deleted")), 1);
        QCOMPARE(events.payloads[events.types.indexOf(QStringLiteral("lead.deleted"))]
                     .value(QStringLiteral("mode"))
                     .toString(),
            QStringLiteral("archive"));
        QCOMPARE(idsOf(adminGet(server, QStringLiteral("/api/leads"))), (QList<qint64> {erased}));
        QCOMPARE(idsOf(adminGet(server, QStringLiteral("/api/leads?include_archived=true&sort=id"))),
            (QList<qint64> {kept, erased}));
        QCOMPARE(adminGet(server, QStringLiteral("/api/leads/%1").arg(kept))
                     .json()
                     .value(QStringLiteral("archived"))
                     .toBool(),
            true);
        QCOMPARE(adminSend(server, "PUT", QStringLiteral("/api/leads/%1").arg(kept),
                     {{QStringLiteral("city"), QStringLiteral("X")}})
                     .status,
            409);
        Store store(server);
        QCOMPARE(store.count(QStringLiteral("messages"), QStringLiteral("lead_id = ?"), {kept}), 1);
        // Archiving again is no new event.
        QCOMPARE(adminSend(server, "DELETE", QStringLiteral("/api/leads/%1").arg(kept)).status, 200);

        // Purge: everything about Ivan is gone, and the answer says what.
        QCOMPARE(
            adminSend(server, "DELETE", QStringLiteral("/api/leads/%1?purge=maybe").arg(erased)).status, 400);
        reply = adminSend(server, "DELETE", QStringLiteral("/api/leads/%1?purge=true").arg(erased));
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json().value(QStringLiteral("purged")).toBool(), true);
        const auto removed = reply.json().value(QStringLiteral("removed")).toObject();
        QCOMPARE(removed.value(QStringLiteral("messages")).toInt(), 2);
        QCOMPARE(removed.value(QStringLiteral("conversations")).toInt(), 1);
        QCOMPARE(removed.value(QStringLiteral("outbox")).toInt(), 1);
        QCOMPARE(removed.value(QStringLiteral("outbox_attempts")).toInt(), 1);
        QCOMPARE(removed.value(QStringLiteral("memos")).toInt(), 1);
        QCOMPARE(removed.value(QStringLiteral("status_history")).toInt(), 2); // created, contacted by a reply
        QCOMPARE(removed.value(QStringLiteral("leads")).toInt(), 1);
        QTRY_COMPARE(events.count(QStringLiteral("lead.deleted")), 2);
        QCOMPARE(events.payloads[events.types.lastIndexOf(QStringLiteral("lead.deleted"))]
                     .value(QStringLiteral("mode"))
                     .toString(),
            QStringLiteral("purge"));
        QCOMPARE(store.count(QStringLiteral("messages"), QStringLiteral("lead_id = ?"), {erased}), 0);
        QCOMPARE(store.count(QStringLiteral("messages"),
                     QStringLiteral("body LIKE '%Ivan%' OR body LIKE '%forget%'")),
            0);
        QCOMPARE(store.count(QStringLiteral("conversations"), QStringLiteral("lead_id = ?"), {erased}), 0);
        QCOMPARE(store.count(QStringLiteral("outbox")), 0);
        QCOMPARE(store.count(QStringLiteral("outbox_attempts")), 0);
        QCOMPARE(store.count(QStringLiteral("memos"), QStringLiteral("owner_id = ?"), {erased}), 0);
        QCOMPARE(store.count(QStringLiteral("status_history"),
                     QStringLiteral("owner_kind = 'lead' AND owner_id = ?"), {erased}),
            0);
        QCOMPARE(store.count(QStringLiteral("leads"), QStringLiteral("id = ?"), {erased}), 0);
        QCOMPARE(store.count(QStringLiteral("messages"), QStringLiteral("lead_id = ?"), {kept}),
            1); // others untouched
        QCOMPARE(adminGet(server, QStringLiteral("/api/leads/%1").arg(erased)).status, 404);
        QCOMPARE(adminSend(server, "DELETE", QStringLiteral("/api/leads/%1").arg(erased)).status, 404);
        // The archived lead can be purged too.
        QCOMPARE(
            adminSend(server, "DELETE", QStringLiteral("/api/leads/%1?purge=true").arg(kept)).status, 200);
        QCOMPARE(store.count(QStringLiteral("messages")), 0);
    }
    // Every answer of the leads and conversations routes follows the schema /openapi.json documents
    // for its status, and every member it carries is documented.
    void answersFollowTheOpenApiDocument()
    {
        TestServer server;
        QVERIFY2(server.started(), qPrintable(server.error()));
        const auto openApi = adminGet(server, QStringLiteral("/openapi.json"));
        QCOMPARE(openApi.status, 200);
        const auto document = openApi.json();
        QStringList problems;
        const auto expect
            = [&](const QByteArray &method, const QString &pattern, const HttpReply &reply, int status) {
                  if (reply.status != status)
                      problems << QStringLiteral("%1 %2: status %3, expected %4: %5")
                                      .arg(QString::fromLatin1(method), pattern)
                                      .arg(reply.status)
                                      .arg(status)
                                      .arg(QString::fromUtf8(reply.body));
                  problems << undocumentedIn(document, method, pattern, reply);
                  return reply.json();
              };
        const QString lead = QStringLiteral("/api/leads/{id}");
        const QString thread = QStringLiteral("/api/conversations/{id}");

        const QJsonObject body {{QStringLiteral("first_name"), QStringLiteral("Gina")},
            {QStringLiteral("last_name"), QStringLiteral("Schema")},
            {QStringLiteral("email"), QStringLiteral("gina@example.com")},
            {QStringLiteral("phone"), QStringLiteral("+14155550166")},
            {QStringLiteral("company_name"), QStringLiteral("Acme")},
            {QStringLiteral("source"), QStringLiteral("website")},
            {QStringLiteral("priority"), QStringLiteral("high")}, {QStringLiteral("expected_value"), 1250.5},
            {QStringLiteral("city"), QStringLiteral("Oakland")}, {QStringLiteral("industry_id"), 7}};
        // The body we send is one the document accepts.
        QStringList bodyProblems;
        checkSchema(document,
            document.value(QStringLiteral("paths"))
                .toObject()
                .value(QStringLiteral("/api/leads"))
                .toObject()
                .value(QStringLiteral("post"))
                .toObject()
                .value(QStringLiteral("requestBody"))
                .toObject()
                .value(QStringLiteral("content"))
                .toObject()
                .value(QStringLiteral("application/json"))
                .toObject()
                .value(QStringLiteral("schema"))
                .toObject(),
            body, QStringLiteral("request"), bodyProblems);
        QVERIFY2(bodyProblems.isEmpty(), qPrintable(bodyProblems.join(QLatin1Char('\n'))));

        const auto created = expect("POST", QStringLiteral("/api/leads"), post(server, body), 201);
        const auto id = created.value(QStringLiteral("id")).toInteger();
        QVERIFY(id > 0);
        QCOMPARE(created.value(QStringLiteral("city")).toString(), QStringLiteral("Oakland"));
        QCOMPARE(postCrm(server, QStringLiteral("/api/v1/webhooks/incoming/lead/%1/contact/add").arg(id),
                     {{QStringLiteral("event"), QStringLiteral("lead_contact_add")},
                         {QStringLiteral("data"),
                             QJsonObject {{QStringLiteral("first_name"), QStringLiteral("Hal")},
                                 {QStringLiteral("is_primary"), true}}}})
                     .status,
            200);
        QCOMPARE(postCrm(server, QStringLiteral("/api/v1/webhooks/incoming/lead/%1/memo/add").arg(id),
                     {{QStringLiteral("event"), QStringLiteral("lead_memo_add")},
                         {QStringLiteral("data"),
                             QJsonObject {{QStringLiteral("content"), QStringLiteral("Note")}}}})
                     .status,
            200);
        QCOMPARE(postCrm(server, QStringLiteral("/api/v1/webhooks/incoming/lead/%1/activity/add").arg(id),
                     {{QStringLiteral("event"), QStringLiteral("lead_activity_add")},
                         {QStringLiteral("data"),
                             QJsonObject {{QStringLiteral("activity_type"), QStringLiteral("call")},
                                 {QStringLiteral("title"), QStringLiteral("Intro")}}}})
                     .status,
            200);
        addInboundSms(server, id, QStringLiteral("Hello there"));

        const auto detail
            = expect("GET", lead, adminGet(server, QStringLiteral("/api/leads/%1").arg(id)), 200);
        QCOMPARE(detail.value(QStringLiteral("contacts")).toArray().size(), 1);
        QCOMPARE(detail.value(QStringLiteral("memos")).toArray().size(), 1);
        QCOMPARE(detail.value(QStringLiteral("activities")).toArray().size(), 1);
        QCOMPARE(detail.value(QStringLiteral("conversations")).toArray().size(), 1);
        const auto conversationId = detail.value(QStringLiteral("conversations"))
                                        .toArray()[0]
                                        .toObject()
                                        .value(QStringLiteral("id"))
                                        .toInteger();
        expect(
            "GET", QStringLiteral("/api/leads"), adminGet(server, QStringLiteral("/api/leads?limit=1")), 200);
        expect("PUT", lead,
            adminSend(server, "PUT", QStringLiteral("/api/leads/%1").arg(id),
                {{QStringLiteral("lead_status"), QStringLiteral("contacted")},
                    {QStringLiteral("remarks"), QStringLiteral("Called")}}),
            200);
        expect("GET", QStringLiteral("/api/leads"),
            adminGet(server, QStringLiteral("/api/leads?sort=lead_status&limit=x")), 400);
        expect("GET", lead, adminGet(server, QStringLiteral("/api/leads/%1").arg(id + 100)), 404);
        expect("POST", QStringLiteral("/api/leads"), post(server, body), 409);

        const auto threads = expect("GET", QStringLiteral("/api/conversations"),
            adminGet(server, QStringLiteral("/api/conversations?lead_id=%1").arg(id)), 200);
        QCOMPARE(threads.value(QStringLiteral("data")).toArray().size(), 1);
        expect("GET", thread, adminGet(server, QStringLiteral("/api/conversations/%1").arg(conversationId)),
            200);
        const auto messages = expect("GET", thread + QStringLiteral("/messages"),
            adminGet(server, QStringLiteral("/api/conversations/%1/messages").arg(conversationId)), 200);
        QCOMPARE(messages.value(QStringLiteral("data")).toArray().size(), 1);
        expect("GET", thread + QStringLiteral("/messages"),
            adminGet(server,
                QStringLiteral("/api/conversations/%1/messages?before=x&after=y").arg(conversationId)),
            400);
        const auto read = expect("POST", thread + QStringLiteral("/read"),
            adminSend(server, "POST", QStringLiteral("/api/conversations/%1/read").arg(conversationId)), 200);
        QCOMPARE(read.value(QStringLiteral("unread_count")).toInt(), 0);
        expect("GET", thread,
            adminGet(server, QStringLiteral("/api/conversations/%1").arg(conversationId + 100)), 404);

        const auto archived = expect(
            "DELETE", lead, adminSend(server, "DELETE", QStringLiteral("/api/leads/%1").arg(id)), 200);
        QCOMPARE(archived.value(QStringLiteral("archived")).toBool(), true);
        expect("PUT", lead,
            adminSend(server, "PUT", QStringLiteral("/api/leads/%1").arg(id),
                {{QStringLiteral("city"), QStringLiteral("X")}}),
            409);
        const auto purged = expect("DELETE", lead,
            adminSend(server, "DELETE", QStringLiteral("/api/leads/%1?purge=true").arg(id)), 200);
        QCOMPARE(purged.value(QStringLiteral("purged")).toBool(), true);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));

        // The check itself can fail: a member the document does not name is found.
        QJsonObject extra = detail;
        extra.insert(QStringLiteral("secret_field"), 1);
        QStringList found;
        checkSchema(document,
            document.value(QStringLiteral("paths"))
                .toObject()
                .value(lead)
                .toObject()
                .value(QStringLiteral("get"))
                .toObject()
                .value(QStringLiteral("responses"))
                .toObject()
                .value(QStringLiteral("200"))
                .toObject()
                .value(QStringLiteral("content"))
                .toObject()
                .value(QStringLiteral("application/json"))
                .toObject()
                .value(QStringLiteral("schema"))
                .toObject(),
            extra, QStringLiteral("body"), found);
        QCOMPARE(found, QStringList {QStringLiteral("body.secret_field: not documented")});
    }
};

QTEST_GUILESS_MAIN(LeadsApiTest)
#include "tst_leads_api.moc"
