// Secrets at rest and in answers: the data directory and its files are the owner's only; provider
// and signing secrets are stored encrypted; credential headers are kept and shown as hints only.
#include "DatabaseReader.h"
#include "TestSupport.h"
#include "WebhookReceiver.h"
#include "security/HexHmacSignature.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace sb;
using namespace sb::test;

namespace {

constexpr auto groupOrOther = QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup
    | QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;

bool ownerOnly(const QString &path)
{
    return QFileInfo::exists(path) && (QFile::permissions(path) & groupOrOther) == 0;
}

// Everything SQLite has on disk for this database: the file, its WAL and shared memory.
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

QByteArray withHeaders(const QByteArray &method, const QString &path, const QByteArray &body, quint16 port,
    const QList<QByteArray> &headers)
{
    QByteArray bytes = method + ' ' + path.toUtf8()
        + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port) + "\r\nConnection: close\r\n";
    for (const auto &header : headers)
        bytes += header + "\r\n";
    if (!body.isEmpty())
        bytes += "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size())
            + "\r\n";
    return bytes + "\r\n" + body;
}

void setPermissions(const QString &path, QFileDevice::Permissions permissions)
{
    QVERIFY(QFile::setPermissions(path, permissions));
}

} // namespace

class SecretsAtRestTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void dataDirectoryIsPrivate()
    {
        QTemporaryDir parent;
        const auto dataDir = parent.filePath(QStringLiteral("nested/data"));
        {
            TestServer server({}, nullptr, {}, dataDir);
            QVERIFY2(server.started(), qPrintable(server.error()));
            // Some writes, so that the WAL and shared-memory files exist.
            QCOMPARE(postCrm(server, QStringLiteral("/api/v1/webhooks/incoming/lead/create"),
                         QJsonObject {{QStringLiteral("event"), QStringLiteral("new_lead")},
                             {QStringLiteral("data"),
                                 QJsonObject {{QStringLiteral("first_name"), QStringLiteral("Ada")}}}})
                         .status,
                200);
            const QString db = dataDir + QStringLiteral("/switchboard.db");
            QVERIFY(QFileInfo::exists(db + QStringLiteral("-wal")));
            QVERIFY(QFileInfo::exists(db + QStringLiteral("-shm")));
            for (const QString &path : QStringList {dataDir, db, db + QStringLiteral("-wal"),
                     db + QStringLiteral("-shm"), db + QStringLiteral(".key")})
                QVERIFY2(ownerOnly(path), qPrintable(path));
            QCOMPARE(QFile::permissions(dataDir)
                    & (QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner),
                QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
            QVERIFY(server.runtime().secrets().storageDescription().contains(db + QStringLiteral(".key")));
        }
        // Files left readable by an earlier version are fixed at the next start.
        const QString db = dataDir + QStringLiteral("/switchboard.db");
        const auto readable = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup
            | QFileDevice::ReadOther;
        setPermissions(
            dataDir, readable | QFileDevice::ExeOwner | QFileDevice::ExeGroup | QFileDevice::ExeOther);
        setPermissions(db, readable);
        setPermissions(db + QStringLiteral(".key"), readable);
        QVERIFY(!ownerOnly(db));
        TestServer again({}, nullptr, {}, dataDir);
        QVERIFY2(again.started(), qPrintable(again.error()));
        for (const QString &path : QStringList {dataDir, db, db + QStringLiteral(".key")})
            QVERIFY2(ownerOnly(path), qPrintable(path));
    }

    void secretsAreNotStoredInPlainText()
    {
        QTemporaryDir dir;
        const QByteArray providerSecret = "plain-provider-secret-7f3a9c";
        const QByteArray oldSigningSecret = "whsec_b2xkLXBsYWluLXNpZ25pbmctc2VjcmV0";
        {
            TestServer first({}, nullptr, {}, dir.path());
            QVERIFY(first.started());
        }
        // What an earlier version left: a provider secret and a signing secret in plain text.
        {
            auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("legacy"));
            db.setDatabaseName(dir.filePath(QStringLiteral("switchboard.db")));
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(
                QStringLiteral("INSERT INTO settings(key, value) VALUES('secret/TWILIO_AUTH_TOKEN', '%1')")
                    .arg(QString::fromLatin1(providerSecret))));
            QVERIFY(query.exec(
                QStringLiteral("INSERT INTO webhook_configs(name, url, event_types, status, retry_config, "
                               "created_at, updated_at) VALUES('legacy', 'http://127.0.0.1:9/x', "
                               "'[\"lead.created\"]', 'inactive', '{}', 1, 1)")));
            QVERIFY(query.exec(QStringLiteral(
                "INSERT INTO webhook_secrets(config_id, secret, created_at) VALUES(%1, '%2', 1)")
                                   .arg(query.lastInsertId().toLongLong())
                                   .arg(QString::fromLatin1(oldSigningSecret))));
            query.finish();
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("legacy"));
        QVERIFY(databaseBytes(dir.path()).contains(providerSecret));

        WebhookReceiver receiver;
        TestServer server({}, nullptr, {}, dir.path());
        QVERIFY2(server.started(), qPrintable(server.error()));
        // Loaded and usable, but sealed on disk.
        QCOMPARE(server.runtime().secrets().value(QStringLiteral("TWILIO_AUTH_TOKEN")),
            QString::fromLatin1(providerSecret));
        const auto legacy = adminGet(server, QStringLiteral("/api/webhooks/config"));
        QVERIFY(legacy.body.contains("whsec_…"));

        // A new configuration with a known secret: stored sealed, still signs deliveries.
        const QByteArray signingSecret = "whsec_a25vd24tc2lnbmluZy1zZWNyZXQtMTIz";
        const auto created = adminSend(server, "POST", QStringLiteral("/api/webhooks/config"),
            QJsonObject {{QStringLiteral("name"), QStringLiteral("mirror")},
                {QStringLiteral("url"), receiver.url()},
                {QStringLiteral("eventTypes"), QJsonArray {QStringLiteral("lead.created")}},
                {QStringLiteral("secret"), QString::fromLatin1(signingSecret)}});
        QCOMPARE(created.status, 201);
        QCOMPARE(postCrm(server, QStringLiteral("/api/v1/webhooks/incoming/lead/create"),
                     QJsonObject {{QStringLiteral("event"), QStringLiteral("new_lead")},
                         {QStringLiteral("data"),
                             QJsonObject {{QStringLiteral("first_name"), QStringLiteral("Ada")}}}})
                     .status,
            200);
        QTRY_COMPARE_WITH_TIMEOUT(receiver.received().size(), 1, 10000);
        const auto &hit = receiver.received().first();
        QCOMPARE(hit.header("X-Webhook-Signature"), HexHmacSignature::sign(signingSecret, hit.body));

        const auto bytes = databaseBytes(dir.path());
        QVERIFY(!bytes.isEmpty());
        QVERIFY(!bytes.contains(providerSecret));
        QVERIFY(!bytes.contains(oldSigningSecret));
        QVERIFY(!bytes.contains(signingSecret));
        QVERIFY(!bytes.contains(signingSecret.mid(6)));
    }

    void customCredentialHeadersAreMasked()
    {
        WebhookReceiver receiver;
        TestServer server;
        QVERIFY(server.started());
        const QJsonObject headers {
            {QStringLiteral("Authorization"), QStringLiteral("Bearer receiver-token-abcd1234")},
            {QStringLiteral("X-Api-Token"), QStringLiteral("tok-9876543210xyz")},
            {QStringLiteral("X-Tenant"), QStringLiteral("acme")}};
        const auto created = adminSend(server, "POST", QStringLiteral("/api/webhooks/config"),
            QJsonObject {{QStringLiteral("name"), QStringLiteral("mirror")},
                {QStringLiteral("url"), receiver.url()},
                {QStringLiteral("eventTypes"), QJsonArray {QStringLiteral("lead.created")}},
                {QStringLiteral("headers"), headers}});
        QCOMPARE(created.status, 201);
        const auto id = created.json()
                            .value(QStringLiteral("webhook"))
                            .toObject()
                            .value(QStringLiteral("id"))
                            .toInteger();
        const auto path = QStringLiteral("/api/webhooks/config/%1").arg(id);
        for (const auto &answer :
            {adminGet(server, path), adminGet(server, QStringLiteral("/api/webhooks/config")),
                adminGet(server, QStringLiteral("/api/communications/webhooks/"))}) {
            QCOMPARE(answer.status, 200);
            QVERIFY2(!answer.body.contains("receiver-token-abcd1234"), answer.body.constData());
            QVERIFY(!answer.body.contains("tok-9876543210xyz"));
            QVERIFY(answer.body.contains("Bearer \u2022\u2022\u2022\u2022"));
            QVERIFY(answer.body.contains("\"X-Tenant\":\"acme\""));
        }
        // The masked object sent back unchanged keeps the real values.
        auto shown = adminGet(server, path).json().value(QStringLiteral("webhook")).toObject();
        QVERIFY(!shown.isEmpty());
        const auto update = adminSend(server, "PUT", path,
            QJsonObject {{QStringLiteral("headers"), shown.value(QStringLiteral("headers"))},
                {QStringLiteral("description"), QStringLiteral("edited")}});
        QCOMPARE(update.status, 200);
        // A masked value with no stored value behind it is refused.
        const auto forged = adminSend(server, "PUT", path,
            QJsonObject {{QStringLiteral("headers"),
                QJsonObject {
                    {QStringLiteral("X-Other-Token"), QStringLiteral("\u2022\u2022\u2022\u20221234")}}}});
        QCOMPARE(forged.status, 400);
        QVERIFY(forged.body.contains("masked"));

        QCOMPARE(postCrm(server, QStringLiteral("/api/v1/webhooks/incoming/lead/create"),
                     QJsonObject {{QStringLiteral("event"), QStringLiteral("new_lead")},
                         {QStringLiteral("data"),
                             QJsonObject {{QStringLiteral("first_name"), QStringLiteral("Ada")}}}})
                     .status,
            200);
        QTRY_COMPARE_WITH_TIMEOUT(receiver.received().size(), 1, 10000);
        QCOMPARE(receiver.received().first().header("Authorization"),
            QByteArray("Bearer receiver-token-abcd1234"));
        QCOMPARE(receiver.received().first().header("X-Api-Token"), QByteArray("tok-9876543210xyz"));
        // The stored attempt keeps the hints only.
        DatabaseReader reader(server);
        QTRY_VERIFY_WITH_TIMEOUT(
            !reader.row(QStringLiteral("SELECT request_headers FROM delivery_attempts")).isEmpty(), 10000);
        const auto attempt = reader.row(QStringLiteral("SELECT request_headers FROM delivery_attempts"))
                                 .value(QStringLiteral("request_headers"))
                                 .toString();
        QVERIFY2(!attempt.contains(QStringLiteral("receiver-token-abcd1234")), qPrintable(attempt));
        QVERIFY(!attempt.contains(QStringLiteral("tok-9876543210xyz")));
        QVERIFY(attempt.contains(QStringLiteral("Bearer ••••1234")));
        QVERIFY(attempt.contains(QStringLiteral("webhook-signature")));
    }

    void credentialHeadersAreNeverKeptOrShown()
    {
        QTemporaryDir dir;
        TestServer server(
            [](RuntimeOptions &options) {
                options.environment.insert(
                    QStringLiteral("TWILIO_AUTH_TOKEN"), QStringLiteral("twilio-token-for-tests"));
                options.environment.insert(
                    QStringLiteral("ELEVENLABS_INITIATION_HEADER"), QStringLiteral("X-Init-Key"));
                options.environment.insert(QStringLiteral("ELEVENLABS_INITIATION_SECRET"),
                    QStringLiteral("init-secret-abcdef123456"));
            },
            nullptr, {}, dir.path());
        QVERIFY(server.started());
        const QByteArray bearer = "campaign-bearer-token-5e6f7a8b";
        const QByteArray initiation = "wrong-initiation-secret-4242";
        const QByteArray configured = "configured-header-secret-3131";
        const QByteArray twilioSignature = "AAAAtwiliosignaturevalueZZZZ=";
        const QList<QByteArray> credentials {"Authorization: Bearer " + bearer, "X-API-Key: " + adminKey,
            "X-Initiation-Secret: " + initiation, "X-Init-Key: " + configured};
        // Accepted: a signed CRM webhook carrying credential headers besides its signature.
        const QByteArray crmBody = R"({"event":"new_lead","data":{"first_name":"Grace"}})";
        auto accepted = credentials;
        accepted.append("X-Webhook-Signature: " + crmSignature(crmBody));
        QVERIFY(rawExchange(server.port(),
            withHeaders("POST", QStringLiteral("/api/v1/webhooks/incoming/lead/create"), crmBody,
                server.port(), accepted))
                    .startsWith("HTTP/1.1 200"));
        // Refused: a Twilio callback with a wrong signature, an initiation with a wrong secret.
        auto twilio = credentials;
        twilio.append("X-Twilio-Signature: " + twilioSignature);
        const QByteArray form = "CallSid=CA1&From=%2B14155550100";
        auto twilioRequest = withHeaders(
            "POST", QStringLiteral("/api/webhooks/twilio/voice/status"), {}, server.port(), twilio);
        twilioRequest.chop(2);
        twilioRequest += "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: "
            + QByteArray::number(form.size()) + "\r\n\r\n" + form;
        const auto twilioAnswer = rawExchange(server.port(), twilioRequest);
        QVERIFY2(twilioAnswer.startsWith("HTTP/1.1 4"), twilioAnswer.constData());
        const auto initiationAnswer = rawExchange(server.port(),
            withHeaders("POST", QStringLiteral("/api/webhooks/elevenlabs/conversation-initiation"),
                R"({"caller_id":"+14155550155"})", server.port(), credentials));
        QVERIFY2(initiationAnswer.startsWith("HTTP/1.1 4"), initiationAnswer.constData());

        const auto logs = adminGet(server, QStringLiteral("/api/v1/webhooks/logs?page_size=50"));
        const auto events = adminGet(server, QStringLiteral("/api/webhooks/events?limit=50"));
        QCOMPARE(logs.status, 200);
        QCOMPARE(events.status, 200);
        QVERIFY(logs.body.contains("conversation-initiation"));
        QVERIFY(events.json().value(QStringLiteral("total")).toInt() >= 3);
        DatabaseReader reader(server);
        QTRY_COMPARE_WITH_TIMEOUT(reader.row(QStringLiteral("SELECT COUNT(*) AS n FROM inbound_requests"))
                                      .value(QStringLiteral("n"))
                                      .toInt(),
            3, 5000);
        const auto bytes = databaseBytes(dir.path());
        for (const auto &secret : {bearer, QByteArray(adminKey), initiation, configured}) {
            QVERIFY2(!logs.body.contains(secret), secret.constData());
            QVERIFY2(!events.body.contains(secret), secret.constData());
            QVERIFY2(!bytes.contains(secret), secret.constData());
        }
        // Hints are there; the Twilio signature stays as sent (needed for replay).
        QVERIFY(logs.body.contains("Bearer \u2022\u2022\u2022\u20227a8b"));
        QVERIFY(logs.body.contains("\u2022\u2022\u2022\u20223131"));
        QVERIFY(logs.body.contains(twilioSignature));
        QVERIFY(bytes.contains(twilioSignature));
    }

    void storedCredentialsAreRedactedOnUpgrade()
    {
        QTemporaryDir dir;
        {
            TestServer first({}, nullptr, {}, dir.path());
            QVERIFY(first.started());
        }
        // A request stored by an earlier version, credentials in full, and the migration's marker.
        {
            auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("old"));
            db.setDatabaseName(dir.filePath(QStringLiteral("switchboard.db")));
            QVERIFY(db.open());
            QSqlQuery query(db);
            query.prepare(QStringLiteral(
                "INSERT INTO inbound_requests(id, received_at, method, target, path, raw_head, body, "
                "body_size, peer, "
                "client_ip, provider, handler, verification, status, response_status, duration_us) "
                "VALUES('evt_old', 1, 'POST', '/x', '/x', ?, '', 0, '127.0.0.1', '127.0.0.1', 'crm', 'x', "
                "'invalid', "
                "'rejected', 401, 1)"));
            query.addBindValue(
                QByteArray("POST /x HTTP/1.1\r\nAuthorization: Bearer old-stored-token-1a2b3c\r\n"
                           "X-Twilio-Signature: keep-this-signature=\r\n"));
            QVERIFY(query.exec());
            QVERIFY(query.exec(QStringLiteral(
                "INSERT INTO settings(key, value) VALUES('pending/redact-credential-headers', '1')")));
            query.finish();
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("old"));
        QVERIFY(databaseBytes(dir.path()).contains("old-stored-token-1a2b3c"));
        TestServer server({}, nullptr, {}, dir.path());
        QVERIFY(server.started());
        const auto bytes = databaseBytes(dir.path());
        QVERIFY(!bytes.contains("old-stored-token-1a2b3c"));
        QVERIFY(bytes.contains("keep-this-signature="));
        DatabaseReader reader(server);
        QVERIFY(reader
                    .row(QStringLiteral(
                        "SELECT 1 AS x FROM settings WHERE key = 'pending/redact-credential-headers'"))
                    .isEmpty());
    }
};

QTEST_GUILESS_MAIN(SecretsAtRestTest)
#include "tst_secretsatrest.moc"
