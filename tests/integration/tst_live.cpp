// The live streams with real third-party clients: /ws through the `ws` package and SSE through the
// `eventsource` package (tests/npm/), fed by signed CRM webhooks. Subscribe, live events, resume
// without gaps or repeats, resync past the retained window, authentication (and never through the
// URL), the slow-consumer cut-off, limits and connection cleanup.
#include "DatabaseReader.h"
#include "TestSupport.h"
#include "server/LiveHub.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTest>

using namespace sb;
using namespace sb::test;

namespace {

const QString createLeadPath = QStringLiteral("/api/v1/webhooks/incoming/lead/create");

QJsonObject leadEnvelope(int n, const QString &notes = QStringLiteral("live test"))
{
    static int sent = 0;
    const auto timestamp = QDateTime::fromMSecsSinceEpoch(1705314600000 + 1000 * ++sent, Qt::UTC);
    return {{QStringLiteral("event"), QStringLiteral("new_lead")},
        {QStringLiteral("source"), QStringLiteral("crm")},
        {QStringLiteral("timestamp"), timestamp.toString(Qt::ISODate)},
        {QStringLiteral("data"),
            QJsonObject {{QStringLiteral("first_name"), QStringLiteral("Live%1").arg(n)},
                {QStringLiteral("last_name"), QStringLiteral("Tester")},
                {QStringLiteral("email"), QStringLiteral("live%1.%2@example.com").arg(n).arg(sent)},
                {QStringLiteral("phone"), QStringLiteral("+1555%1").arg(1000000 + sent * 7 + n)},
                {QStringLiteral("source"), QStringLiteral("website")}, {QStringLiteral("notes"), notes}}}};
}

qint64 createLead(TestServer &server, int n, const QString &notes = QStringLiteral("live test"))
{
    const auto reply = postCrm(server, createLeadPath, leadEnvelope(n, notes));
    if (reply.status != 200)
        qWarning("lead create answered %d: %s", reply.status, reply.body.constData());
    return reply.json().value(QStringLiteral("data")).toObject().value(QStringLiteral("lead_id")).toInteger();
}

// A node client process whose stdout is JSON lines.
class NodeClient
{
public:
    NodeClient(const QString &node, const QString &dir, const QString &script, const QJsonObject &options)
    {
        m_process.setWorkingDirectory(dir);
        m_process.start(
            node, {script, QString::fromUtf8(QJsonDocument(options).toJson(QJsonDocument::Compact))});
    }
    ~NodeClient()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(3000);
        }
    }
    void write(const QByteArray &line) { m_process.write(line + '\n'); }
    // Every line so far.
    const QList<QJsonObject> &lines()
    {
        m_buffer += m_process.readAllStandardOutput();
        qsizetype end;
        while ((end = m_buffer.indexOf('\n')) >= 0) {
            m_lines.append(QJsonDocument::fromJson(m_buffer.left(end)).object());
            m_buffer.remove(0, end + 1);
        }
        return m_lines;
    }
    // Waits until a line satisfies `match` (true) or `timeoutMs` passes.
    bool waitFor(const std::function<bool(const QJsonObject &)> &match, int timeoutMs = 10000)
    {
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < timeoutMs) {
            for (const auto &line : lines()) {
                if (match(line))
                    return true;
            }
            m_process.waitForReadyRead(50);
            QCoreApplication::processEvents();
        }
        for (const auto &line : lines()) {
            if (match(line))
                return true;
        }
        qWarning("waited in vain; lines: %s; stderr: %s",
            QJsonDocument(QJsonArray::fromVariantList([this] {
                QVariantList list;
                for (const auto &line : m_lines)
                    list.append(line.toVariantMap());
                return list;
            }()))
                .toJson(QJsonDocument::Compact)
                .left(2000)
                .constData(),
            m_process.readAllStandardError().left(2000).constData());
        return false;
    }
    // The events ({"type":"event"}) received so far.
    QList<QJsonObject> events()
    {
        QList<QJsonObject> events;
        for (const auto &line : lines()) {
            const auto message = line.value(QStringLiteral("message")).toObject();
            if (message.value(QStringLiteral("type")) == QLatin1String("event"))
                events.append(message);
        }
        return events;
    }
    bool waitForEvents(int count, int timeoutMs = 15000)
    {
        return waitFor([this, count](const QJsonObject &) { return events().size() >= count; }, timeoutMs);
    }
    bool waitForType(const QString &type, int timeoutMs = 10000)
    {
        return waitFor(
            [&type](const QJsonObject &line) {
                return line.value(QStringLiteral("message")).toObject().value(QStringLiteral("type")) == type;
            },
            timeoutMs);
    }
    bool finished(int timeoutMs) { return m_process.waitForFinished(timeoutMs); }

private:
    QProcess m_process;
    QByteArray m_buffer;
    QList<QJsonObject> m_lines;
};

bool hasKey(const QJsonObject &line, const char *key)
{
    return line.contains(QLatin1String(key));
}

} // namespace

class LiveTest : public QObject
{
    Q_OBJECT
    QTemporaryDir m_project;
    QString m_node;

    QString wsUrl(TestServer &server, const QString &query = {})
    {
        return QStringLiteral("ws://127.0.0.1:%1/ws%2").arg(server.port()).arg(query);
    }
    std::unique_ptr<NodeClient> ws(TestServer &server, QJsonObject options)
    {
        if (!options.contains(QStringLiteral("url")))
            options.insert(QStringLiteral("url"), wsUrl(server));
        return std::make_unique<NodeClient>(
            m_node, m_project.path(), QStringLiteral("live-ws-client.mjs"), options);
    }
    static QJsonObject bearer()
    {
        return {{QStringLiteral("Authorization"),
            QString(QStringLiteral("Bearer ") + QString::fromLatin1(adminKey))}};
    }
    static QJsonObject subscribe(const QStringList &topics)
    {
        return {{QStringLiteral("type"), QStringLiteral("subscribe")},
            {QStringLiteral("topics"), QJsonArray::fromStringList(topics)}};
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_node = QStandardPaths::findExecutable(QStringLiteral("node"));
        const auto npm = QStandardPaths::findExecutable(QStringLiteral("npm"));
        if (m_node.isEmpty() || npm.isEmpty())
            QSKIP("node and npm are needed (scripts/install-deps.sh --test installs them)");
        const QDir source(QStringLiteral(SWITCHBOARD_SOURCE_DIR "/tests/npm"));
        for (const auto &name : source.entryList(QDir::Files))
            QVERIFY(QFile::copy(source.filePath(name), QDir(m_project.path()).filePath(name)));
        QProcess install;
        install.setWorkingDirectory(m_project.path());
        install.setProcessChannelMode(QProcess::MergedChannels);
        install.start(
            npm, {QStringLiteral("install"), QStringLiteral("--no-audit"), QStringLiteral("--no-fund")});
        QVERIFY(install.waitForFinished(180000));
        QVERIFY2(install.exitCode() == 0, install.readAll().constData());
    }

    void subscribedClientReceivesSignedWebhookEvent()
    {
        TestServer server;
        QVERIFY(server.started());
        auto client = ws(server,
            {{QStringLiteral("headers"), bearer()},
                {QStringLiteral("send"), QJsonArray {subscribe({QStringLiteral("leads")})}}});
        QVERIFY(client->waitForType(QStringLiteral("subscribed")));
        QTRY_COMPARE(server.runtime().live()->clientCount(), 1);
        const auto leadId = createLead(server, 1);
        QVERIFY(leadId > 0);
        QVERIFY(client->waitForEvents(1));
        const auto event = client->events().first();
        QCOMPARE(event.value(QStringLiteral("topic")).toString(), QStringLiteral("leads"));
        QCOMPARE(event.value(QStringLiteral("event")).toString(), QStringLiteral("lead.created"));
        const auto seq = event.value(QStringLiteral("seq")).toInteger();
        QVERIFY(seq > 0);
        const auto at
            = QDateTime::fromString(event.value(QStringLiteral("at")).toString(), Qt::ISODateWithMs);
        QVERIFY(at.isValid());
        QVERIFY(qAbs(at.msecsTo(QDateTime::currentDateTimeUtc())) < 60000);
        const auto data = event.value(QStringLiteral("data")).toObject();
        QCOMPARE(data.value(QStringLiteral("lead_id")).toInteger(), leadId);
        // The same entry is stored under the same seq.
        DatabaseReader store(server);
        QCOMPARE(store.value(QStringLiteral("SELECT type FROM event_log WHERE seq = ?"), {seq}).toString(),
            QStringLiteral("lead.created"));
        QCOMPARE(
            store.value(QStringLiteral("SELECT lead_id FROM event_log WHERE seq = ?"), {seq}).toLongLong(),
            leadId);
        // Only subscribed topics: the inbound record of the webhook is not sent to a "leads" client.
        QTest::qWait(300);
        for (const auto &e : client->events())
            QCOMPARE(e.value(QStringLiteral("topic")).toString(), QStringLiteral("leads"));
        // A bad topic is an error message, the connection stays.
        client->write("{\"type\":\"subscribe\",\"topics\":[\"lead:abc\"]}");
        QVERIFY(client->waitForType(QStringLiteral("error")));
        client->write("close");
        QVERIFY(client->finished(5000));
        QTRY_COMPARE(server.runtime().live()->clientCount(), 0);
    }

    void authenticationIsRequiredAndNeverThroughTheUrl()
    {
        TestServer server([](RuntimeOptions &options) {
            options.environment.insert(
                QStringLiteral("SWITCHBOARD_WS_AUTH_TIMEOUT_MS"), QStringLiteral("500"));
        });
        QVERIFY(server.started());
        // No key: the upgrade succeeds, then 4401 when no auth message comes.
        auto none = ws(server, {});
        QVERIFY(none->waitFor([](const QJsonObject &line) { return hasKey(line, "close"); }));
        QCOMPARE(none->lines().last().value(QStringLiteral("close")).toInt(), 4401);
        // A message before auth closes with 4401 too.
        auto early
            = ws(server, {{QStringLiteral("send"), QJsonArray {subscribe({QStringLiteral("leads")})}}});
        QVERIFY(early->waitFor([](const QJsonObject &line) { return hasKey(line, "close"); }));
        QCOMPARE(early->lines().last().value(QStringLiteral("close")).toInt(), 4401);
        // A wrong key in the header: 401 before the upgrade.
        auto wrong = ws(server,
            {{QStringLiteral("headers"),
                QJsonObject {{QStringLiteral("Authorization"), QStringLiteral("Bearer nope")}}}});
        QVERIFY(wrong->waitFor([](const QJsonObject &line) { return hasKey(line, "refused"); }));
        QCOMPARE(wrong->lines().last().value(QStringLiteral("refused")).toInt(), 401);
        // A wrong key as subprotocol: 401.
        auto wrongProtocol = ws(server,
            {{QStringLiteral("protocols"),
                QJsonArray {QStringLiteral("switchboard.v1"), QStringLiteral("key.nope")}}});
        QVERIFY(wrongProtocol->waitFor([](const QJsonObject &line) { return hasKey(line, "refused"); }));
        QCOMPARE(wrongProtocol->lines().last().value(QStringLiteral("refused")).toInt(), 401);
        // The right key in the URL: refused all the same.
        auto inUrl = ws(server,
            {{QStringLiteral("url"),
                wsUrl(server, QStringLiteral("?key=") + QString::fromLatin1(adminKey))}});
        QVERIFY(inUrl->waitFor([](const QJsonObject &line) { return hasKey(line, "refused"); }));
        QCOMPARE(inUrl->lines().last().value(QStringLiteral("refused")).toInt(), 400);
        QVERIFY(
            inUrl->lines().last().value(QStringLiteral("body")).toString().contains(QStringLiteral("URL")));
        // A wrong key in the auth message: 4401.
        auto wrongAuth = ws(server,
            {{QStringLiteral("send"),
                QJsonArray {QJsonObject {{QStringLiteral("type"), QStringLiteral("auth")},
                    {QStringLiteral("key"), QStringLiteral("nope")}}}}});
        QVERIFY(wrongAuth->waitFor([](const QJsonObject &line) { return hasKey(line, "close"); }));
        QCOMPARE(wrongAuth->lines().last().value(QStringLiteral("close")).toInt(), 4401);
        // The browser ways: subprotocol token (the selected subprotocol is answered) and first message.
        auto byProtocol = ws(server,
            {{QStringLiteral("protocols"),
                 QJsonArray {QStringLiteral("switchboard.v1"),
                     QString(QStringLiteral("key.") + QString::fromLatin1(adminKey))}},
                {QStringLiteral("send"), QJsonArray {subscribe({QStringLiteral("leads")})}}});
        QVERIFY(byProtocol->waitForType(QStringLiteral("subscribed")));
        QCOMPARE(byProtocol->lines().first().value(QStringLiteral("protocol")).toString(),
            QStringLiteral("switchboard.v1"));
        auto byMessage = ws(server,
            {{QStringLiteral("send"),
                QJsonArray {QJsonObject {{QStringLiteral("type"), QStringLiteral("auth")},
                                {QStringLiteral("key"), QString::fromLatin1(adminKey)}},
                    subscribe({QStringLiteral("leads")})}}});
        QVERIFY(byMessage->waitForType(QStringLiteral("authenticated")));
        QVERIFY(byMessage->waitForType(QStringLiteral("subscribed")));
        QTest::qWait(700); // past the auth deadline: still open
        QVERIFY(!byMessage->lines().last().contains(QStringLiteral("close")));
        // A plain GET is no upgrade.
        const auto plain = request(
            "GET", server.url(QStringLiteral("/ws")), {}, {{"Authorization", "Bearer " + adminKey}});
        QCOMPARE(plain.status, 400);
        byProtocol->write("close");
        byMessage->write("close");
        QVERIFY(byProtocol->finished(5000));
        QVERIFY(byMessage->finished(5000));
        QTRY_COMPARE(server.runtime().live()->clientCount(), 0);
    }

    void resumeAfterDisconnectHasNoGapAndNoRepeat()
    {
        TestServer server;
        QVERIFY(server.started());
        auto first = ws(server,
            {{QStringLiteral("headers"), bearer()},
                {QStringLiteral("send"), QJsonArray {subscribe({QStringLiteral("leads")})}}});
        QVERIFY(first->waitForType(QStringLiteral("subscribed")));
        QVERIFY(createLead(server, 1) > 0);
        QVERIFY(createLead(server, 2) > 0);
        QVERIFY(first->waitForEvents(2));
        const auto lastSeen = first->events().last().value(QStringLiteral("seq")).toInteger();
        first->write("close");
        QVERIFY(first->finished(5000));
        // Three leads while nobody listens.
        QList<qint64> missed;
        for (int i = 3; i <= 5; ++i)
            missed.append(createLead(server, i));
        // Resume, while more leads keep arriving during the replay.
        auto second = ws(server,
            {{QStringLiteral("headers"), bearer()},
                {QStringLiteral("send"),
                    QJsonArray {QJsonObject {{QStringLiteral("type"), QStringLiteral("resume")},
                        {QStringLiteral("since"), lastSeen},
                        {QStringLiteral("topics"), QJsonArray {QStringLiteral("leads")}}}}}});
        for (int i = 6; i <= 8; ++i)
            QVERIFY(createLead(server, i) > 0);
        QVERIFY(second->waitForEvents(6));
        QTest::qWait(300);
        const auto events = second->events();
        QCOMPARE(events.size(), 6); // 3 missed + 3 during/after the replay, each once
        qint64 previous = lastSeen;
        QList<qint64> leads;
        for (const auto &event : events) {
            const auto seq = event.value(QStringLiteral("seq")).toInteger();
            QVERIFY2(seq > previous, "in seq order, none repeated");
            previous = seq;
            leads.append(
                event.value(QStringLiteral("data")).toObject().value(QStringLiteral("lead_id")).toInteger());
        }
        QCOMPARE(leads.mid(0, 3), missed);
        // Every stored leads entry after lastSeen arrived: no gap.
        DatabaseReader store(server);
        QCOMPARE(
            store
                .value(QStringLiteral("SELECT COUNT(*) FROM event_log WHERE topic = 'leads' AND seq > ?"),
                    {lastSeen})
                .toInt(),
            6);
        second->write("close");
        QVERIFY(second->finished(5000));
    }

    void resumePastTheWindowAnswersResync()
    {
        TestServer server;
        QVERIFY(server.started());
        for (int i = 1; i <= 3; ++i)
            QVERIFY(createLead(server, i) > 0);
        {
            // Pruned: the first entries are gone (as the retention would drop them).
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("prune"));
            db.setDatabaseName(server.dataDir() + QStringLiteral("/switchboard.db"));
            QVERIFY(db.open());
            QSqlQuery remove(db);
            QVERIFY(remove.exec(QStringLiteral("DELETE FROM event_log WHERE seq <= 2")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("prune"));
        auto client = ws(server,
            {{QStringLiteral("headers"), bearer()},
                {QStringLiteral("send"),
                    QJsonArray {QJsonObject {{QStringLiteral("type"), QStringLiteral("resume")},
                        {QStringLiteral("since"), 0},
                        {QStringLiteral("topics"), QJsonArray {QStringLiteral("leads")}}}}}});
        QVERIFY(client->waitForType(QStringLiteral("resync")));
        QCOMPARE(client->events().size(), 0);
        // Live events still follow.
        QVERIFY(createLead(server, 9) > 0);
        QVERIFY(client->waitForEvents(1));
        client->write("close");
        QVERIFY(client->finished(5000));
    }

    void slowConsumerIsCutOffWhileOthersKeepReceiving()
    {
        TestServer server([](RuntimeOptions &options) {
            options.environment.insert(
                QStringLiteral("SWITCHBOARD_LIVE_MAX_UNSENT_BYTES"), QStringLiteral("524288"));
            options.rateLimitPerMinute = 0; // hundreds of webhooks in a few seconds
        });
        QVERIFY(server.started());
        // A webhook configuration subscribed to lead.created: the events carry the full lead, its
        // 60 KB of notes included.
        QCOMPARE(adminSend(server, "POST", QStringLiteral("/api/webhooks/config"),
                     {{QStringLiteral("name"), QStringLiteral("sink")},
                         {QStringLiteral("url"), QStringLiteral("http://127.0.0.1:9/discard")},
                         {QStringLiteral("eventTypes"), QJsonArray {QStringLiteral("lead.created")}}})
                     .status,
            201);
        const QJsonObject options {{QStringLiteral("headers"), bearer()}, {QStringLiteral("quiet"), true},
            {QStringLiteral("send"),
                QJsonArray {subscribe({QStringLiteral("leads"), QStringLiteral("inbound")})}}};
        auto slow = ws(server, options);
        auto fast = ws(server, options);
        QVERIFY(slow->waitForType(QStringLiteral("subscribed")));
        QVERIFY(fast->waitForType(QStringLiteral("subscribed")));
        slow->write("pause");
        QTest::qWait(200);
        const QString notes(60000, QLatin1Char('n'));
        // The server drops the paused client once 512 KB are queued for it (the kernel's socket
        // buffers fill first): the live count falls to the fast client alone.
        int created = 0;
        for (int i = 0; i < 1000 && server.runtime().live()->clientCount() > 1; ++i) {
            QVERIFY(createLead(server, 100 + i, notes) > 0);
            ++created;
        }
        QTRY_COMPARE_WITH_TIMEOUT(server.runtime().live()->clientCount(), 1, 20000);
        QVERIFY(created < 1000);
        // The slow client got only part of them.
        QVERIFY(slow->events().size() < created);
        // The fast client got every lead event.
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                int leads = 0;
                for (const auto &event : fast->events())
                    leads += event.value(QStringLiteral("topic")) == QLatin1String("leads") ? 1 : 0;
                return leads == created;
            }(),
            20000);
        // Counted before the lead: its event may already be read while the request waits.
        const auto before = fast->events().size();
        QVERIFY(createLead(server, 999) > 0);
        QVERIFY(fast->waitForEvents(int(before) + 1));
        fast->write("close");
        QVERIFY(fast->finished(5000));
        QTRY_COMPARE(server.runtime().live()->clientCount(), 0);
    }

    void slowConsumersTogetherAreBoundedByTheTotalBudget()
    {
        // No client alone reaches its own limit (1 GB): the budget for all clients together (768 KB)
        // cuts the paused ones off, the furthest behind first, while the fast one keeps receiving.
        TestServer server([](RuntimeOptions &options) {
            options.environment.insert(
                QStringLiteral("SWITCHBOARD_LIVE_MAX_UNSENT_BYTES"), QStringLiteral("1073741824"));
            options.environment.insert(
                QStringLiteral("SWITCHBOARD_LIVE_MAX_TOTAL_UNSENT_BYTES"), QStringLiteral("786432"));
            options.rateLimitPerMinute = 0;
        });
        QVERIFY(server.started());
        // Subscribed to lead.created, so the events carry the full lead with its 60 KB of notes.
        QCOMPARE(adminSend(server, "POST", QStringLiteral("/api/webhooks/config"),
                     {{QStringLiteral("name"), QStringLiteral("sink")},
                         {QStringLiteral("url"), QStringLiteral("http://127.0.0.1:9/discard")},
                         {QStringLiteral("eventTypes"), QJsonArray {QStringLiteral("lead.created")}}})
                     .status,
            201);
        const QJsonObject options {{QStringLiteral("headers"), bearer()}, {QStringLiteral("quiet"), true},
            {QStringLiteral("send"), QJsonArray {subscribe({QStringLiteral("leads")})}}};
        auto paused = ws(server, options);
        auto alsoPaused = ws(server, options);
        auto fast = ws(server, options);
        for (auto *client : {paused.get(), alsoPaused.get(), fast.get()})
            QVERIFY(client->waitForType(QStringLiteral("subscribed")));
        paused->write("pause");
        alsoPaused->write("pause");
        QTest::qWait(200);
        const QString notes(60000, QLatin1Char('n'));
        int created = 0;
        for (int i = 0; i < 1000 && server.runtime().live()->clientCount() > 1; ++i) {
            QVERIFY(createLead(server, 2000 + i, notes) > 0);
            ++created;
        }
        QTRY_COMPARE_WITH_TIMEOUT(server.runtime().live()->clientCount(), 1, 20000);
        QVERIFY(created < 1000);
        QTRY_VERIFY_WITH_TIMEOUT(fast->events().size() == created, 20000);
        fast->write("close");
        QVERIFY(fast->finished(5000));
    }

    void limitsAnswer503AndCloseOversizedMessages()
    {
        TestServer server([](RuntimeOptions &options) {
            options.environment.insert(QStringLiteral("SWITCHBOARD_WS_MAX_CLIENTS"), QStringLiteral("1"));
        });
        QVERIFY(server.started());
        auto first = ws(server, {{QStringLiteral("headers"), bearer()}});
        QVERIFY(first->waitFor([](const QJsonObject &line) { return hasKey(line, "open"); }));
        auto second = ws(server, {{QStringLiteral("headers"), bearer()}});
        QVERIFY(second->waitFor([](const QJsonObject &line) { return hasKey(line, "refused"); }));
        QCOMPARE(second->lines().last().value(QStringLiteral("refused")).toInt(), 503);
        const auto sse = request("GET", server.url(QStringLiteral("/api/stream/events?topics=leads")), {},
            {{"Authorization", "Bearer " + adminKey}});
        QCOMPARE(sse.status, 503);
        // 64 KB per message.
        first->write(QByteArray("{\"type\":\"subscribe\",\"topics\":[\"") + QByteArray(70000, 'x') + "\"]}");
        QVERIFY(first->waitFor([](const QJsonObject &line) { return hasKey(line, "close"); }));
        QCOMPARE(first->lines().last().value(QStringLiteral("close")).toInt(), 1009);
        QTRY_COMPARE(server.runtime().live()->clientCount(), 0);
    }

    void sseResumesFromLastEventId()
    {
        TestServer server;
        QVERIFY(server.started());
        const auto url
            = QStringLiteral("http://127.0.0.1:%1/api/stream/events?topics=leads").arg(server.port());
        NodeClient first(m_node, m_project.path(), QStringLiteral("live-sse-client.mjs"),
            {{QStringLiteral("url"), url}, {QStringLiteral("key"), QString::fromLatin1(adminKey)},
                {QStringLiteral("count"), 2},
                {QStringLiteral("types"), QJsonArray {QStringLiteral("lead.created")}}});
        QVERIFY(first.waitFor([](const QJsonObject &line) { return hasKey(line, "open"); }));
        const auto a = createLead(server, 1);
        const auto b = createLead(server, 2);
        QVERIFY(first.waitFor([&first](const QJsonObject &) {
            int n = 0;
            for (const auto &line : first.lines())
                n += hasKey(line, "event") ? 1 : 0;
            return n == 2;
        }));
        QList<QJsonObject> got;
        for (const auto &line : first.lines()) {
            if (hasKey(line, "event"))
                got.append(line);
        }
        QCOMPARE(got.at(0)
                     .value(QStringLiteral("data"))
                     .toObject()
                     .value(QStringLiteral("data"))
                     .toObject()
                     .value(QStringLiteral("lead_id"))
                     .toInteger(),
            a);
        const auto firstId = got.at(0).value(QStringLiteral("id")).toString();
        QCOMPARE(got.at(0).value(QStringLiteral("data")).toObject().value(QStringLiteral("seq")).toInteger(),
            firstId.toLongLong());
        QVERIFY(first.finished(5000));
        // Resumed after the first: the second arrives, and then one made while nobody listened.
        const auto c = createLead(server, 3);
        NodeClient second(m_node, m_project.path(), QStringLiteral("live-sse-client.mjs"),
            {{QStringLiteral("url"), url}, {QStringLiteral("key"), QString::fromLatin1(adminKey)},
                {QStringLiteral("lastEventId"), firstId}, {QStringLiteral("count"), 2},
                {QStringLiteral("types"), QJsonArray {QStringLiteral("lead.created")}}});
        QVERIFY(second.finished(10000));
        QList<qint64> leads;
        for (const auto &line : second.lines()) {
            if (hasKey(line, "event"))
                leads.append(line.value(QStringLiteral("data"))
                                 .toObject()
                                 .value(QStringLiteral("data"))
                                 .toObject()
                                 .value(QStringLiteral("lead_id"))
                                 .toInteger());
        }
        QCOMPARE(leads, (QList<qint64> {b, c}));
        // Seed 003's stream of one lead: only that lead's entries.
        NodeClient lead(m_node, m_project.path(), QStringLiteral("live-sse-client.mjs"),
            {{QStringLiteral("url"),
                 QStringLiteral("http://127.0.0.1:%1/api/stream/conversation/%2").arg(server.port()).arg(b)},
                {QStringLiteral("key"), QString::fromLatin1(adminKey)}, {QStringLiteral("lastEventId"), 0},
                {QStringLiteral("count"), 1},
                {QStringLiteral("types"), QJsonArray {QStringLiteral("lead.created")}}});
        QVERIFY(lead.finished(10000));
        QCOMPARE(lead.lines()
                     .last()
                     .value(QStringLiteral("data"))
                     .toObject()
                     .value(QStringLiteral("data"))
                     .toObject()
                     .value(QStringLiteral("lead_id"))
                     .toInteger(),
            b);
        QTRY_COMPARE(server.runtime().live()->clientCount(), 0);
    }

    // Stream access follows the key scopes: a read key (and a write key) opens /ws and both SSE
    // streams; a revoked key is refused in every way a key can be presented.
    void readKeysOpenTheStreamsRevokedKeysDoNot()
    {
        TestServer server([](RuntimeOptions &options) {
            options.environment.insert(
                QStringLiteral("SWITCHBOARD_WS_AUTH_TIMEOUT_MS"), QStringLiteral("2000"));
        });
        QVERIFY(server.started());
        const auto newKey = [&server](const QString &scope) {
            const QJsonObject body {{QStringLiteral("name"), QString(QStringLiteral("live ") + scope)},
                {QStringLiteral("scope"), scope}};
            const auto reply = adminSend(server, "POST", QStringLiteral("/api/keys"), body);
            return reply.json().value(QStringLiteral("key")).toObject();
        };
        const auto readCreated = newKey(QStringLiteral("read"));
        const auto writeCreated = newKey(QStringLiteral("write"));
        const QString readId = readCreated.value(QStringLiteral("id")).toString();
        const QByteArray readKey = readCreated.value(QStringLiteral("key")).toString().toUtf8();
        const QString writeId = writeCreated.value(QStringLiteral("id")).toString();
        const QByteArray writeKey = writeCreated.value(QStringLiteral("key")).toString().toUtf8();
        QVERIFY(readKey.startsWith("sbk_"));
        QVERIFY(writeKey.startsWith("sbk_"));
        // A read key may not change anything, but may follow everything.
        QCOMPARE(
            request("POST", server.url(QStringLiteral("/api/events")), "{}",
                {{"Authorization", QByteArray("Bearer " + readKey)}, {"Content-Type", "application/json"}})
                .status,
            403);
        auto byHeader = ws(server,
            {{QStringLiteral("headers"),
                 QJsonObject {{QStringLiteral("Authorization"),
                     QString(QStringLiteral("Bearer ") + QString::fromLatin1(readKey))}}},
                {QStringLiteral("send"), QJsonArray {subscribe({QStringLiteral("leads")})}}});
        QVERIFY(byHeader->waitForType(QStringLiteral("subscribed")));
        auto byMessage = ws(server,
            {{QStringLiteral("send"),
                QJsonArray {QJsonObject {{QStringLiteral("type"), QStringLiteral("auth")},
                                {QStringLiteral("key"), QString::fromLatin1(readKey)}},
                    subscribe({QStringLiteral("leads")})}}});
        QVERIFY(byMessage->waitForType(QStringLiteral("authenticated")));
        QVERIFY(byMessage->waitForType(QStringLiteral("subscribed")));
        const auto url
            = QStringLiteral("http://127.0.0.1:%1/api/stream/events?topics=leads").arg(server.port());
        NodeClient sse(m_node, m_project.path(), QStringLiteral("live-sse-client.mjs"),
            {{QStringLiteral("url"), url}, {QStringLiteral("key"), QString::fromLatin1(readKey)},
                {QStringLiteral("count"), 1},
                {QStringLiteral("types"), QJsonArray {QStringLiteral("lead.created")}}});
        QVERIFY(sse.waitFor([](const QJsonObject &line) { return hasKey(line, "open"); }));
        QTRY_COMPARE(server.runtime().live()->clientCount(), 3);
        const auto leadId = createLead(server, 7);
        QVERIFY(leadId > 0);
        QVERIFY(byHeader->waitForEvents(1));
        QVERIFY(byMessage->waitForEvents(1));
        QCOMPARE(byHeader->events()
                     .first()
                     .value(QStringLiteral("data"))
                     .toObject()
                     .value(QStringLiteral("lead_id"))
                     .toInteger(),
            leadId);
        QVERIFY(sse.finished(10000));
        QCOMPARE(sse.lines()
                     .last()
                     .value(QStringLiteral("data"))
                     .toObject()
                     .value(QStringLiteral("data"))
                     .toObject()
                     .value(QStringLiteral("lead_id"))
                     .toInteger(),
            leadId);
        const auto leadStream = [&server, leadId](const QByteArray &key) {
            return rawExchange(server.port(),
                "GET /api/stream/conversation/" + QByteArray::number(leadId)
                    + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + key + "\r\n\r\n",
                600);
        };
        const auto readStream = leadStream(readKey);
        QVERIFY2(readStream.startsWith("HTTP/1.1 200"), readStream.constData());
        QVERIFY(readStream.contains("Content-Type: text/event-stream"));
        const auto writeStream = leadStream(writeKey);
        QVERIFY2(writeStream.startsWith("HTTP/1.1 200"), writeStream.constData());
        byHeader->write("close");
        byMessage->write("close");
        QVERIFY(byHeader->finished(5000));
        QVERIFY(byMessage->finished(5000));
        QTRY_COMPARE(server.runtime().live()->clientCount(), 0);

        // Revoked: refused before the upgrade, in the auth message and on the SSE streams.
        QCOMPARE(adminSend(server, "DELETE", QStringLiteral("/api/keys/") + readId).status, 200);
        auto revokedHeader = ws(server,
            {{QStringLiteral("headers"),
                QJsonObject {{QStringLiteral("Authorization"),
                    QString(QStringLiteral("Bearer ") + QString::fromLatin1(readKey))}}}});
        QVERIFY(revokedHeader->waitFor([](const QJsonObject &line) { return hasKey(line, "refused"); }));
        QCOMPARE(revokedHeader->lines().last().value(QStringLiteral("refused")).toInt(), 401);
        auto revokedProtocol = ws(server,
            {{QStringLiteral("protocols"),
                QJsonArray {QStringLiteral("switchboard.v1"),
                    QString(QStringLiteral("key.") + QString::fromLatin1(readKey))}}});
        QVERIFY(revokedProtocol->waitFor([](const QJsonObject &line) { return hasKey(line, "refused"); }));
        QCOMPARE(revokedProtocol->lines().last().value(QStringLiteral("refused")).toInt(), 401);
        auto revokedMessage = ws(server,
            {{QStringLiteral("send"),
                QJsonArray {QJsonObject {{QStringLiteral("type"), QStringLiteral("auth")},
                    {QStringLiteral("key"), QString::fromLatin1(readKey)}}}}});
        QVERIFY(revokedMessage->waitFor([](const QJsonObject &line) { return hasKey(line, "close"); }));
        QCOMPARE(revokedMessage->lines().last().value(QStringLiteral("close")).toInt(), 4401);
        const auto revokedStream = leadStream(readKey);
        QVERIFY2(revokedStream.startsWith("HTTP/1.1 401"), revokedStream.constData());
        QCOMPARE(adminSend(server, "DELETE", QStringLiteral("/api/keys/") + writeId).status, 200);
        const auto revokedWrite = leadStream(writeKey);
        QVERIFY2(revokedWrite.startsWith("HTTP/1.1 401"), revokedWrite.constData());
        QTRY_COMPARE(server.runtime().live()->clientCount(), 0);
    }

    void sseSendsHeartbeatsAndNeedsAKey()
    {
        TestServer server([](RuntimeOptions &options) {
            options.environment.insert(QStringLiteral("SWITCHBOARD_SSE_HEARTBEAT_MS"), QStringLiteral("200"));
        });
        QVERIFY(server.started());
        const auto refused = rawExchange(server.port(),
            "GET /api/stream/conversation/1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 3000);
        QVERIFY2(refused.startsWith("HTTP/1.1 401"), refused.constData());
        const auto badLead = rawExchange(server.port(),
            "GET /api/stream/conversation/abc HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + adminKey
                + "\r\nConnection: close\r\n\r\n",
            3000);
        QVERIFY2(badLead.startsWith("HTTP/1.1 400"), badLead.constData());
        const auto stream = rawExchange(server.port(),
            "GET /api/stream/conversation/1 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + adminKey
                + "\r\n\r\n",
            1200);
        QVERIFY2(stream.startsWith("HTTP/1.1 200"), stream.constData());
        QVERIFY(stream.contains("Content-Type: text/event-stream"));
        QVERIFY2(stream.count(": heartbeat\n\n") >= 3, stream.constData());
        // The client went: its slot is free again.
        QTRY_COMPARE(server.runtime().live()->clientCount(), 0);
    }
};

QTEST_MAIN(LiveTest)
#include "tst_live.moc"
