// Seed 004's external-service registry end to end on a real server: CRUD, filters, paging, masked
// secrets in every answer, secrets sealed in the database file, masked round trips, refusals.
#include "DatabaseReader.h"
#include "TestSupport.h"

#include <QFile>
#include <QJsonArray>
#include <QTest>

using namespace sb;
using namespace sb::test;

namespace {

const QString base = QStringLiteral("/api/communications/external-services/");
const QString twilioToken = QStringLiteral("twilio-auth-token-9f3a");
const QString sendgridKey = QStringLiteral("SG.sendgrid-api-key-77c1");
const QString slackUrl = QStringLiteral("https://hooks.slack.com/services/T000/B000/slacksecret42");

QString bullets()
{
    return QString(4, QChar(0x2022));
}

QJsonObject twilioBody(const QString &name = QStringLiteral("Company SMS Service"))
{
    return {{QStringLiteral("name"), name}, {QStringLiteral("service_type"), QStringLiteral("sms")},
        {QStringLiteral("provider"), QStringLiteral("twilio")},
        {QStringLiteral("config"),
            QJsonObject {
                {QStringLiteral("account_sid"), QStringLiteral("AC0123456789abcdef0123456789abcdef")},
                {QStringLiteral("auth_token"), twilioToken},
                {QStringLiteral("from_number"), QStringLiteral("+14155550100")}}},
        {QStringLiteral("is_active"), true},
        {QStringLiteral("description"), QStringLiteral("SMS service for customer notifications")}};
}

QJsonObject sendgridBody(bool active)
{
    return {{QStringLiteral("name"), QStringLiteral("Mail")},
        {QStringLiteral("service_type"), QStringLiteral("email")},
        {QStringLiteral("provider"), QStringLiteral("sendgrid")},
        {QStringLiteral("config"),
            QJsonObject {{QStringLiteral("api_key"), sendgridKey},
                {QStringLiteral("from_email"), QStringLiteral("noreply@example.com")},
                {QStringLiteral("from_name"), QStringLiteral("Example")}}},
        {QStringLiteral("is_active"), active}};
}

QJsonObject slackBody()
{
    return {{QStringLiteral("name"), QStringLiteral("Ops chat")},
        {QStringLiteral("service_type"), QStringLiteral("chat")},
        {QStringLiteral("provider"), QStringLiteral("slack")},
        {QStringLiteral("config"), QJsonObject {{QStringLiteral("webhook_url"), slackUrl}}}};
}

QJsonArray listOf(TestServer &server, const QString &query = {})
{
    const auto reply = adminGet(server, base + query);
    if (reply.status != 200)
        qWarning("list %s answered %d: %s", qPrintable(query), reply.status, reply.body.constData());
    return QJsonDocument::fromJson(reply.body).array();
}

QStringList namesOf(const QJsonArray &items)
{
    QStringList names;
    for (const auto &item : items)
        names.append(item.toObject().value(QStringLiteral("name")).toString());
    return names;
}

QString detailOf(const HttpReply &reply)
{
    return reply.json().value(QStringLiteral("detail")).toString();
}

// Everything SQLite has on disk for this database.
QByteArray databaseBytes(const QString &dataDir)
{
    QByteArray all;
    for (const auto &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")}) {
        QFile file(dataDir + QStringLiteral("/switchboard.db") + suffix);
        if (file.open(QIODevice::ReadOnly))
            all += file.readAll();
    }
    return all;
}

// The stored config of service `id` as the server's SecretStore reveals it.
QJsonObject storedConfig(TestServer &server, qint64 id, QJsonObject *raw = nullptr)
{
    DatabaseReader reader(server);
    const auto text
        = reader.value(QStringLiteral("SELECT config FROM external_services WHERE id = ?"), {id}).toString();
    auto config = QJsonDocument::fromJson(text.toUtf8()).object();
    if (raw)
        *raw = config;
    for (const auto &key :
        {QStringLiteral("auth_token"), QStringLiteral("api_key"), QStringLiteral("webhook_url")}) {
        if (config.contains(key))
            config.insert(
                key, server.runtime().secrets().reveal(config.value(key).toString()).value_or(QString()));
    }
    return config;
}

} // namespace

class ExternalServicesTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void crud()
    {
        TestServer server;
        QVERIFY(server.started());
        auto created = adminSend(server, "POST", base, twilioBody());
        QCOMPARE(created.status, 201);
        const auto service = created.json();
        const auto id = service.value(QStringLiteral("id")).toInteger();
        QVERIFY(id > 0);
        QCOMPARE(service.value(QStringLiteral("name")).toString(), QStringLiteral("Company SMS Service"));
        QCOMPARE(service.value(QStringLiteral("service_type")).toString(), QStringLiteral("sms"));
        QCOMPARE(service.value(QStringLiteral("provider")).toString(), QStringLiteral("twilio"));
        QCOMPARE(service.value(QStringLiteral("is_active")).toBool(false), true);
        QCOMPARE(service.value(QStringLiteral("description")).toString(),
            QStringLiteral("SMS service for customer notifications"));
        QVERIFY(
            QDateTime::fromString(service.value(QStringLiteral("created_at")).toString(), Qt::ISODateWithMs)
                .isValid());
        QVERIFY(
            QDateTime::fromString(service.value(QStringLiteral("updated_at")).toString(), Qt::ISODateWithMs)
                .isValid());
        const auto config = service.value(QStringLiteral("config")).toObject();
        QCOMPARE(config.value(QStringLiteral("auth_token")).toString(), bullets() + QStringLiteral("9f3a"));
        QCOMPARE(config.value(QStringLiteral("account_sid")).toString(),
            QStringLiteral("AC0123456789abcdef0123456789abcdef"));
        QCOMPARE(config.value(QStringLiteral("from_number")).toString(), QStringLiteral("+14155550100"));
        QVERIFY(!created.body.contains(twilioToken.toUtf8()));

        // Without the trailing slash, too.
        auto listed = adminGet(server, QStringLiteral("/api/communications/external-services"));
        QCOMPARE(listed.status, 200);
        const auto items = QJsonDocument::fromJson(listed.body).array();
        QCOMPARE(items.size(), 1);
        QCOMPARE(items.first().toObject(), service);

        auto single = adminGet(server, base + QString::number(id));
        QCOMPARE(single.status, 200);
        QCOMPARE(single.json(), service);
        QVERIFY(!single.body.contains(twilioToken.toUtf8()));

        // PUT is partial.
        auto updated = adminSend(server, "PUT", base + QString::number(id),
            {{QStringLiteral("name"), QStringLiteral("Updated Service Name")},
                {QStringLiteral("is_active"), false}});
        QCOMPARE(updated.status, 200);
        const auto after = updated.json();
        QCOMPARE(after.value(QStringLiteral("name")).toString(), QStringLiteral("Updated Service Name"));
        QCOMPARE(after.value(QStringLiteral("is_active")).toBool(true), false);
        QCOMPARE(after.value(QStringLiteral("description")), service.value(QStringLiteral("description")));
        QCOMPARE(after.value(QStringLiteral("config")).toObject(), config);
        QCOMPARE(after.value(QStringLiteral("created_at")), service.value(QStringLiteral("created_at")));
        QCOMPARE(storedConfig(server, id).value(QStringLiteral("auth_token")).toString(), twilioToken);

        // A new secret and number.
        updated = adminSend(server, "PUT", base + QString::number(id),
            {{QStringLiteral("config"),
                QJsonObject {{QStringLiteral("auth_token"), QStringLiteral("new-auth-token-5555")},
                    {QStringLiteral("from_number"), QStringLiteral("+14155550199")}}}});
        QCOMPARE(updated.status, 200);
        QCOMPARE(updated.json()
                     .value(QStringLiteral("config"))
                     .toObject()
                     .value(QStringLiteral("auth_token"))
                     .toString(),
            bullets() + QStringLiteral("5555"));
        const auto stored = storedConfig(server, id);
        QCOMPARE(
            stored.value(QStringLiteral("auth_token")).toString(), QStringLiteral("new-auth-token-5555"));
        QCOMPARE(stored.value(QStringLiteral("from_number")).toString(), QStringLiteral("+14155550199"));
        QCOMPARE(stored.value(QStringLiteral("account_sid")).toString(),
            QStringLiteral("AC0123456789abcdef0123456789abcdef"));

        auto removed = adminSend(server, "DELETE", base + QString::number(id));
        QCOMPARE(removed.status, 200);
        QCOMPARE(
            removed.json(), (QJsonObject {{QStringLiteral("id"), id}, {QStringLiteral("deleted"), true}}));
        auto gone = adminGet(server, base + QString::number(id));
        QCOMPARE(gone.status, 404);
        QCOMPARE(detailOf(gone), QStringLiteral("External service not found"));
        QCOMPARE(adminSend(server, "DELETE", base + QString::number(id)).status, 404);
        QCOMPARE(adminSend(server, "PUT", base + QString::number(id),
                     {{QStringLiteral("name"), QStringLiteral("x")}})
                     .status,
            404);
        QCOMPARE(adminGet(server, base + QStringLiteral("abc")).status, 404);
        QCOMPARE(listOf(server).size(), 0);
    }

    void filtersAndPaging()
    {
        TestServer server;
        QVERIFY(server.started());
        QCOMPARE(adminSend(server, "POST", base, twilioBody(QStringLiteral("sms-1"))).status, 201);
        QCOMPARE(adminSend(server, "POST", base, sendgridBody(false)).status, 201);
        QCOMPARE(adminSend(server, "POST", base, slackBody()).status, 201);
        auto inactiveSms = twilioBody(QStringLiteral("sms-2"));
        inactiveSms.insert(QStringLiteral("is_active"), false);
        QCOMPARE(adminSend(server, "POST", base, inactiveSms).status, 201);

        QCOMPARE(namesOf(listOf(server)),
            (QStringList {QStringLiteral("sms-1"), QStringLiteral("Mail"), QStringLiteral("Ops chat"),
                QStringLiteral("sms-2")}));
        QCOMPARE(namesOf(listOf(server, QStringLiteral("?service_type=sms"))),
            (QStringList {QStringLiteral("sms-1"), QStringLiteral("sms-2")}));
        QCOMPARE(namesOf(listOf(server, QStringLiteral("?service_type=email"))),
            QStringList {QStringLiteral("Mail")});
        QCOMPARE(namesOf(listOf(server, QStringLiteral("?service_type=push"))), QStringList());
        QCOMPARE(namesOf(listOf(server, QStringLiteral("?provider=slack"))),
            QStringList {QStringLiteral("Ops chat")});
        QCOMPARE(namesOf(listOf(server, QStringLiteral("?provider=twilio&active_only=true"))),
            QStringList {QStringLiteral("sms-1")});
        QCOMPARE(namesOf(listOf(server, QStringLiteral("?active_only=true"))),
            (QStringList {QStringLiteral("sms-1"), QStringLiteral("Ops chat")}));
        QCOMPARE(namesOf(listOf(server, QStringLiteral("?active_only=false"))).size(), 4);
        QCOMPARE(namesOf(listOf(server, QStringLiteral("?skip=1&limit=2"))),
            (QStringList {QStringLiteral("Mail"), QStringLiteral("Ops chat")}));
        QCOMPARE(namesOf(listOf(server, QStringLiteral("?skip=3"))), QStringList {QStringLiteral("sms-2")});
        QCOMPARE(namesOf(listOf(server, QStringLiteral("?skip=10"))), QStringList());
        QCOMPARE(namesOf(listOf(server, QStringLiteral("?limit=1&service_type=sms&skip=1"))),
            QStringList {QStringLiteral("sms-2")});

        // Masked secrets in every answer.
        const auto all = adminGet(server, base);
        for (const auto &secret : {twilioToken, sendgridKey, slackUrl})
            QVERIFY2(!all.body.contains(secret.toUtf8()), qPrintable(secret));
        for (const auto &item : QJsonDocument::fromJson(all.body).array()) {
            const auto config = item.toObject().value(QStringLiteral("config")).toObject();
            for (const auto &key :
                {QStringLiteral("auth_token"), QStringLiteral("api_key"), QStringLiteral("webhook_url")}) {
                if (config.contains(key))
                    QVERIFY(config.value(key).toString().startsWith(bullets()));
            }
        }

        // Bad parameters: every problem named.
        auto bad = adminGet(server,
            base + QStringLiteral("?skip=-1&limit=0&service_type=fax&provider=pigeon&active_only=maybe"));
        QCOMPARE(bad.status, 400);
        const auto detail = detailOf(bad);
        for (const auto *word : {"skip", "limit", "service_type", "provider", "active_only"})
            QVERIFY2(detail.contains(QLatin1String(word)), qPrintable(detail));
        QCOMPARE(adminGet(server, base + QStringLiteral("?limit=1001")).status, 400);
        QCOMPARE(adminGet(server, base + QStringLiteral("?limit=abc")).status, 400);
        QCOMPARE(adminGet(server, base + QStringLiteral("?provider=elevenlabs")).status, 400);
    }

    void secretsAreSealedAtRest()
    {
        TestServer server;
        QVERIFY(server.started());
        const auto id
            = adminSend(server, "POST", base, twilioBody()).json().value(QStringLiteral("id")).toInteger();
        const auto slackId
            = adminSend(server, "POST", base, slackBody()).json().value(QStringLiteral("id")).toInteger();
        QVERIFY(id > 0 && slackId > 0);
        QJsonObject raw;
        const auto clear = storedConfig(server, id, &raw);
        QVERIFY(raw.value(QStringLiteral("auth_token")).toString() != twilioToken);
        QVERIFY(!raw.value(QStringLiteral("auth_token")).toString().contains(QStringLiteral("9f3a")));
        QCOMPARE(raw.value(QStringLiteral("account_sid")).toString(),
            QStringLiteral("AC0123456789abcdef0123456789abcdef"));
        QCOMPARE(clear.value(QStringLiteral("auth_token")).toString(), twilioToken);
        QCOMPARE(storedConfig(server, slackId).value(QStringLiteral("webhook_url")).toString(), slackUrl);
        const auto bytes = databaseBytes(server.dataDir());
        QVERIFY(bytes.contains("AC0123456789abcdef0123456789abcdef"));
        QVERIFY(!bytes.contains(twilioToken.toUtf8()));
        QVERIFY(!bytes.contains("slacksecret42"));
    }

    void maskedRoundTripKeepsTheSecret()
    {
        TestServer server;
        QVERIFY(server.started());
        const auto id
            = adminSend(server, "POST", base, twilioBody()).json().value(QStringLiteral("id")).toInteger();
        // The answer sent back as it is, with a new name.
        auto answer = adminGet(server, base + QString::number(id)).json();
        answer.insert(QStringLiteral("name"), QStringLiteral("Renamed"));
        auto put = adminSend(server, "PUT", base + QString::number(id), answer);
        QCOMPARE(put.status, 200);
        QCOMPARE(put.json().value(QStringLiteral("name")).toString(), QStringLiteral("Renamed"));
        QCOMPARE(storedConfig(server, id).value(QStringLiteral("auth_token")).toString(), twilioToken);

        // A mask that is not the stored secret's is refused, and nothing changes.
        const auto before = adminGet(server, base + QString::number(id)).body;
        auto wrongMask = adminSend(server, "PUT", base + QString::number(id),
            {{QStringLiteral("name"), QStringLiteral("Other")},
                {QStringLiteral("config"),
                    QJsonObject {
                        {QStringLiteral("auth_token"), QString(bullets() + QStringLiteral("0000"))}}}});
        QCOMPARE(wrongMask.status, 400);
        QVERIFY2(detailOf(wrongMask).contains(QStringLiteral("config.auth_token")),
            qPrintable(detailOf(wrongMask)));
        QCOMPARE(adminGet(server, base + QString::number(id)).body, before);
        QCOMPARE(storedConfig(server, id).value(QStringLiteral("auth_token")).toString(), twilioToken);

        // A new service cannot be registered with a masked secret.
        auto masked = twilioBody();
        auto config = masked.value(QStringLiteral("config")).toObject();
        config.insert(QStringLiteral("auth_token"), QString(bullets() + QStringLiteral("9f3a")));
        masked.insert(QStringLiteral("config"), config);
        auto refused = adminSend(server, "POST", base, masked);
        QCOMPARE(refused.status, 400);
        QCOMPARE(detailOf(refused), QStringLiteral("config.auth_token is masked; send the full secret"));
    }

    void invalidInputIsRefusedAndChangesNothing()
    {
        TestServer server;
        QVERIFY(server.started());
        const auto id
            = adminSend(server, "POST", base, twilioBody()).json().value(QStringLiteral("id")).toInteger();
        const auto before = adminGet(server, base + QString::number(id)).body;

        // Every problem of a create is named.
        auto reply = adminSend(server, "POST", base,
            {{QStringLiteral("name"), QStringLiteral("SMS")},
                {QStringLiteral("service_type"), QStringLiteral("sms")},
                {QStringLiteral("provider"), QStringLiteral("twilio")},
                {QStringLiteral("config"),
                    QJsonObject {{QStringLiteral("account_sid"), QStringLiteral("your_account_sid")},
                        {QStringLiteral("from_number"), QStringLiteral("12345")},
                        {QStringLiteral("colour"), QStringLiteral("red")}}}});
        QCOMPARE(reply.status, 400);
        QCOMPARE(detailOf(reply),
            QStringLiteral("config.account_sid must be AC followed by 32 hexadecimal digits; "
                           "config.auth_token is required; "
                           "config.from_number must be E.164, e.g. +14155550100; config.colour is not a "
                           "twilio setting"));

        reply = adminSend(server, "POST", base,
            {{QStringLiteral("service_type"), QStringLiteral("fax")},
                {QStringLiteral("provider"), QStringLiteral("pigeon")}});
        QCOMPARE(reply.status, 400);
        auto detail = detailOf(reply);
        for (const auto *word : {"name is required", "service_type must be one of sms, email, push, chat",
                 "provider must be one of twilio, nexmo, aws_sns, sendgrid, mailgun, aws_ses, firebase, "
                 "onesignal, "
                 "slack, teams, discord",
                 "config is required"})
            QVERIFY2(detail.contains(QLatin1String(word)), qPrintable(detail));

        reply = adminSend(server, "POST", base,
            {{QStringLiteral("name"), QStringLiteral("Mismatch")},
                {QStringLiteral("service_type"), QStringLiteral("email")},
                {QStringLiteral("provider"), QStringLiteral("twilio")},
                {QStringLiteral("config"), twilioBody().value(QStringLiteral("config"))},
                {QStringLiteral("is_active"), QStringLiteral("yes")}, {QStringLiteral("extra"), 1}});
        QCOMPARE(reply.status, 400);
        QCOMPARE(detailOf(reply),
            QStringLiteral("provider twilio is not a email provider; is_active must be true or false; "
                           "extra is not a field of an external service"));

        reply = adminSend(server, "POST", base,
            {{QStringLiteral("name"), QStringLiteral("Agent")},
                {QStringLiteral("service_type"), QStringLiteral("sms")},
                {QStringLiteral("provider"), QStringLiteral("elevenlabs")},
                {QStringLiteral("config"), QJsonObject {}}});
        QCOMPARE(reply.status, 400);
        QVERIFY(detailOf(reply).startsWith(QStringLiteral("provider must be one of")));

        auto raw = request("POST", server.url(base), "{not json",
            {{"Authorization", "Bearer " + adminKey}, {"Content-Type", "application/json"}});
        QCOMPARE(raw.status, 400);
        QVERIFY(raw.json().contains(QStringLiteral("detail")));

        // Bad updates change nothing.
        reply = adminSend(server, "PUT", base + QString::number(id),
            {{QStringLiteral("name"), QStringLiteral("Changed")},
                {QStringLiteral("config"),
                    QJsonObject {{QStringLiteral("from_number"), QStringLiteral("555-0100")}}}});
        QCOMPARE(reply.status, 400);
        QCOMPARE(detailOf(reply), QStringLiteral("config.from_number must be E.164, e.g. +14155550100"));
        reply = adminSend(server, "PUT", base + QString::number(id),
            {{QStringLiteral("service_type"), QStringLiteral("chat")}, {QStringLiteral("description"), 5}});
        QCOMPARE(reply.status, 400);
        QCOMPARE(detailOf(reply),
            QStringLiteral("provider twilio is not a chat provider; description must be a string or null"));
        reply = adminSend(server, "PUT", base + QString::number(id),
            {{QStringLiteral("provider"), QStringLiteral("sendgrid")}});
        QCOMPARE(reply.status, 400);
        QCOMPARE(detailOf(reply), QStringLiteral("config is required when the provider changes"));
        reply = adminSend(
            server, "PUT", base + QString::number(id), {{QStringLiteral("name"), QStringLiteral("")}});
        QCOMPARE(reply.status, 400);
        QCOMPARE(adminGet(server, base + QString::number(id)).body, before);
        QCOMPARE(storedConfig(server, id).value(QStringLiteral("auth_token")).toString(), twilioToken);

        // The provider changes with a full config; the type follows it.
        auto moved = adminSend(server, "PUT", base + QString::number(id),
            {{QStringLiteral("provider"), QStringLiteral("sendgrid")},
                {QStringLiteral("config"), sendgridBody(true).value(QStringLiteral("config"))}});
        QCOMPARE(moved.status, 200);
        QCOMPARE(moved.json().value(QStringLiteral("service_type")).toString(), QStringLiteral("email"));
        QCOMPARE(moved.json().value(QStringLiteral("config")).toObject().keys(),
            (QStringList {
                QStringLiteral("api_key"), QStringLiteral("from_email"), QStringLiteral("from_name")}));
        // An optional key is removed with null.
        auto cleared = adminSend(server, "PUT", base + QString::number(id),
            {{QStringLiteral("config"), QJsonObject {{QStringLiteral("from_name"), QJsonValue::Null}}}});
        QCOMPARE(cleared.status, 200);
        QVERIFY(
            !cleared.json().value(QStringLiteral("config")).toObject().contains(QStringLiteral("from_name")));
        QCOMPARE(storedConfig(server, id).value(QStringLiteral("api_key")).toString(), sendgridKey);
    }

    void adminKeyIsRequired()
    {
        TestServer server;
        QVERIFY(server.started());
        const auto id
            = adminSend(server, "POST", base, twilioBody()).json().value(QStringLiteral("id")).toInteger();
        const auto body = QJsonDocument(twilioBody()).toJson();
        for (const auto &headers :
            {QList<QPair<QByteArray, QByteArray>> {{"Content-Type", "application/json"}},
                QList<QPair<QByteArray, QByteArray>> {
                    {"Authorization", "Bearer wrong-key"}, {"Content-Type", "application/json"}}}) {
            QCOMPARE(request("GET", server.url(base), {}, headers).status, 401);
            QCOMPARE(request("GET", server.url(base + QString::number(id)), {}, headers).status, 401);
            QCOMPARE(request("POST", server.url(base), body, headers).status, 401);
            QCOMPARE(request("PUT", server.url(base + QString::number(id)), body, headers).status, 401);
            QCOMPARE(request("DELETE", server.url(base + QString::number(id)), {}, headers).status, 401);
        }
        QCOMPARE(listOf(server).size(), 1);
        DatabaseReader reader(server);
        QCOMPARE(reader.count(QStringLiteral("external_services")), 1);
    }
};

QTEST_GUILESS_MAIN(ExternalServicesTest)
#include "tst_external_services.moc"
