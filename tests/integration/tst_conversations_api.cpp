// The conversations read API over real HTTP: list filters (channel, lead, unread, updated_since),
// keyset pages that neither repeat nor skip while threads are added, one thread with its lead, a
// thread's messages paged both ways (before/after, direction=older|newer) while messages arrive, and
// POST .../read with its conversation.read event. The send routes on the same paths still answer.
#include "ProviderTestSupport.h"
#include "storage/LeadDirectory.h"
#include "storage/MessagingRepository.h"
#include "storage/SqlWorker.h"

#include <QJsonArray>
#include <QSet>

using namespace sb;
using namespace sb::test;

namespace {

QList<qint64> idsOf(const HttpReply &reply)
{
    QList<qint64> ids;
    for (const auto &item : reply.json().value(QStringLiteral("data")).toArray())
        ids.append(item.toObject().value(QStringLiteral("id")).toInteger());
    return ids;
}

QStringList bodiesOf(const HttpReply &reply)
{
    QStringList bodies;
    for (const auto &item : reply.json().value(QStringLiteral("data")).toArray())
        bodies.append(item.toObject().value(QStringLiteral("body")).toString());
    return bodies;
}

QString detailOf(const HttpReply &reply)
{
    return reply.json().value(QStringLiteral("detail")).toString();
}

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

qint64 leadFor(TestServer &server, const QString &phone)
{
    qint64 id = 0;
    write(server, [&id, phone](SqlContext &sql) {
        id = LeadDirectory::forPhone(sql, phone, QStringLiteral("test"), {}).id;
    });
    return id;
}

// Adds a message to the lead's thread of `channel`; returns the conversation id.
qint64 addMessage(TestServer &server, qint64 leadId, const QString &text, Channel channel = Channel::Sms,
    Direction direction = Direction::Inbound)
{
    qint64 conversation = 0;
    write(server, [&conversation, leadId, text, channel, direction](SqlContext &sql) {
        NewMessage message;
        message.leadId = leadId;
        message.channel = channel;
        message.direction = direction;
        message.provider = channel == Channel::Email ? QStringLiteral("mailgun") : QStringLiteral("twilio");
        message.from = QStringLiteral("+14155550199");
        message.to = QStringLiteral("+14155550100");
        message.body = text;
        message.status = direction == Direction::Inbound ? MessageStatus::Received : MessageStatus::Sent;
        const auto json = MessagingRepository::addMessage(sql, message);
        conversation = json.value(QStringLiteral("conversation_id")).toInteger();
    });
    return conversation;
}

} // namespace

class ConversationsApiTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void listFilters()
    {
        TestServer server;
        QVERIFY2(server.started(), qPrintable(server.error()));
        const auto ada = leadFor(server, QStringLiteral("+14155550111"));
        const auto bob = leadFor(server, QStringLiteral("+14155550112"));
        const auto adaSms = addMessage(server, ada, QStringLiteral("hi"));
        addMessage(server, ada, QStringLiteral("anyone?"));
        const auto adaEmail
            = addMessage(server, ada, QStringLiteral("quote attached"), Channel::Email, Direction::Outbound);
        const auto bobSms = addMessage(server, bob, QStringLiteral("hello"));
        QVERIFY(adaSms > 0 && adaEmail > 0 && bobSms > 0 && adaSms != adaEmail);

        auto list = adminGet(server, QStringLiteral("/api/conversations"));
        QCOMPARE(list.status, 200);
        QCOMPARE(idsOf(list), (QList<qint64> {bobSms, adaEmail, adaSms}));
        const auto first = list.json().value(QStringLiteral("data")).toArray()[0].toObject();
        QCOMPARE(first.value(QStringLiteral("lead_id")).toInteger(), bob);
        QCOMPARE(first.value(QStringLiteral("lead")).toObject().value(QStringLiteral("phone")).toString(),
            QStringLiteral("+14155550112"));
        QCOMPARE(list.json().value(QStringLiteral("has_more")).toBool(true), false);

        QCOMPARE(idsOf(adminGet(server, QStringLiteral("/api/conversations?channel=email"))),
            (QList<qint64> {adaEmail}));
        QCOMPARE(idsOf(adminGet(server, QStringLiteral("/api/conversations?channel=sms&sort=id"))),
            (QList<qint64> {adaSms, bobSms}));
        QCOMPARE(idsOf(adminGet(server, QStringLiteral("/api/conversations?lead_id=%1&sort=id").arg(ada))),
            (QList<qint64> {adaSms, adaEmail}));
        QCOMPARE(idsOf(adminGet(server, QStringLiteral("/api/conversations?unread=true&sort=id"))),
            (QList<qint64> {adaSms, bobSms}));
        QCOMPARE(idsOf(adminGet(server, QStringLiteral("/api/conversations?unread=false"))),
            (QList<qint64> {adaEmail}));
        QCOMPARE(idsOf(adminGet(server, QStringLiteral("/api/conversations?sort=created_at"))),
            (QList<qint64> {adaSms, adaEmail, bobSms}));

        QTest::qWait(20);
        const auto mark = QDateTime::currentMSecsSinceEpoch();
        QTest::qWait(20);
        addMessage(server, ada, QStringLiteral("still there?"));
        QCOMPARE(idsOf(adminGet(server, QStringLiteral("/api/conversations?updated_since=%1").arg(mark))),
            (QList<qint64> {adaSms}));
        QCOMPARE(idsOf(adminGet(server, QStringLiteral("/api/conversations?sort=-last_message_at"))).first(),
            adaSms);

        const QStringList bad {QStringLiteral("channel=fax"), QStringLiteral("lead_id=abc"),
            QStringLiteral("lead_id=-3"), QStringLiteral("unread=maybe"),
            QStringLiteral("updated_since=soon"), QStringLiteral("limit=0"), QStringLiteral("limit=201"),
            QStringLiteral("cursor=%%%"), QStringLiteral("sort=lead")};
        for (const auto &query : bad) {
            const auto reply = adminGet(server, QStringLiteral("/api/conversations?") + query);
            QVERIFY2(reply.status == 400,
                qPrintable(query + QStringLiteral(": ") + QString::number(reply.status)));
            QVERIFY2(!detailOf(reply).isEmpty(), qPrintable(query));
        }
        QCOMPARE(request("GET", server.url(QStringLiteral("/api/conversations"))).status, 401);
        // The send route on the same path is still there.
        const auto send = adminSend(server, "POST", QStringLiteral("/api/conversations"),
            {{QStringLiteral("channel"), QStringLiteral("sms")}});
        QCOMPARE(send.status, 400);
        QVERIFY(detailOf(send).contains(QStringLiteral("content is required")));

        // Threads of an archived lead leave the list unless asked for.
        QCOMPARE(adminSend(server, "DELETE", QStringLiteral("/api/leads/%1").arg(bob)).status, 200);
        QCOMPARE(idsOf(adminGet(server, QStringLiteral("/api/conversations?sort=id"))),
            (QList<qint64> {adaSms, adaEmail}));
        QCOMPARE(idsOf(adminGet(server, QStringLiteral("/api/conversations?sort=id&include_archived=true"))),
            (QList<qint64> {adaSms, adaEmail, bobSms}));
    }

    void pagesNeitherRepeatNorSkipWhileThreadsAreAdded()
    {
        TestServer server;
        QVERIFY2(server.started(), qPrintable(server.error()));
        QSet<qint64> before;
        for (int i = 0; i < 12; ++i)
            before.insert(addMessage(
                server, leadFor(server, QStringLiteral("+1415555%1").arg(1000 + i)), QStringLiteral("m")));
        QCOMPARE(before.size(), 12);
        QList<qint64> seen;
        QString cursor;
        int pages = 0;
        do {
            QString path = QStringLiteral("/api/conversations?limit=5");
            if (!cursor.isEmpty())
                path += QStringLiteral("&cursor=") + cursor;
            const auto page = adminGet(server, path);
            QCOMPARE(page.status, 200);
            seen += idsOf(page);
            cursor = page.json().value(QStringLiteral("next_cursor")).toString();
            addMessage(server, leadFor(server, QStringLiteral("+1415555%1").arg(2000 + pages)),
                QStringLiteral("new"));
            ++pages;
        } while (!cursor.isEmpty() && pages < 20);
        const QSet<qint64> unique(seen.begin(), seen.end());
        QCOMPARE(unique.size(), seen.size());
        QCOMPARE(unique, before);
        QCOMPARE(pages, 3);
    }

    void oneConversation()
    {
        TestServer server;
        QVERIFY2(server.started(), qPrintable(server.error()));
        const auto lead = leadFor(server, QStringLiteral("+14155550121"));
        const auto id = addMessage(server, lead, QStringLiteral("Is it red?"));
        const auto reply = adminGet(server, QStringLiteral("/api/conversations/%1").arg(id));
        QCOMPARE(reply.status, 200);
        const auto json = reply.json();
        QCOMPARE(json.value(QStringLiteral("id")).toInteger(), id);
        QCOMPARE(json.value(QStringLiteral("channel")).toString(), QStringLiteral("sms"));
        QCOMPARE(json.value(QStringLiteral("message_count")).toInt(), 1);
        QCOMPARE(json.value(QStringLiteral("unread_count")).toInt(), 1);
        QCOMPARE(json.value(QStringLiteral("last_message_preview")).toString(), QStringLiteral("Is it red?"));
        QVERIFY(json.value(QStringLiteral("last_message_at")).toString().endsWith(u'Z'));
        QCOMPARE(json.value(QStringLiteral("lead")).toObject().value(QStringLiteral("id")).toInteger(), lead);
        const auto missing = adminGet(server, QStringLiteral("/api/conversations/%1").arg(id + 50));
        QCOMPARE(missing.status, 404);
        QCOMPARE(detailOf(missing), QStringLiteral("Conversation %1 not found").arg(id + 50));
        QCOMPARE(adminGet(server, QStringLiteral("/api/conversations/x/messages")).status, 404);
        QCOMPARE(adminGet(server, QStringLiteral("/api/conversations/%1/messages").arg(id + 50)).status, 404);
    }

    void messagesPageBothWaysWhileMessagesArrive()
    {
        TestServer server;
        QVERIFY2(server.started(), qPrintable(server.error()));
        const auto lead = leadFor(server, QStringLiteral("+14155550131"));
        qint64 id = 0;
        for (int i = 1; i <= 12; ++i)
            id = addMessage(server, lead, QStringLiteral("m%1").arg(i));
        const auto base = QStringLiteral("/api/conversations/%1/messages").arg(id);

        // Older (the default): newest first, continuing back in time; new messages never show up
        // in the pages after the first.
        auto page = adminGet(server, base + QStringLiteral("?limit=5"));
        QCOMPARE(page.status, 200);
        QCOMPARE(page.json().value(QStringLiteral("direction")).toString(), QStringLiteral("older"));
        QCOMPARE(bodiesOf(page),
            (QStringList {QStringLiteral("m12"), QStringLiteral("m11"), QStringLiteral("m10"),
                QStringLiteral("m9"), QStringLiteral("m8")}));
        const auto newestCursor = page.json().value(QStringLiteral("after_cursor")).toString();
        QStringList older = bodiesOf(page);
        QString cursor = page.json().value(QStringLiteral("next_cursor")).toString();
        addMessage(server, lead, QStringLiteral("n1"));
        while (!cursor.isEmpty()) {
            page = adminGet(server, base + QStringLiteral("?limit=5&before=") + cursor);
            QCOMPARE(page.status, 200);
            older += bodiesOf(page);
            cursor = page.json().value(QStringLiteral("next_cursor")).toString();
            addMessage(server, lead, QStringLiteral("n%1").arg(older.size()));
        }
        QStringList expected;
        for (int i = 12; i >= 1; --i)
            expected << QStringLiteral("m%1").arg(i);
        QCOMPARE(older, expected);

        // Newer from the first page's newest message: exactly what arrived since, oldest first.
        page = adminGet(server, base + QStringLiteral("?limit=50&after=") + newestCursor);
        QCOMPARE(page.status, 200);
        QCOMPARE(bodiesOf(page),
            (QStringList {QStringLiteral("n1"), QStringLiteral("n10"), QStringLiteral("n12")}));
        QCOMPARE(page.json().value(QStringLiteral("has_more")).toBool(true), false);

        // direction=newer from the start: oldest first, pages continue forward with no repeat.
        QStringList newer;
        cursor.clear();
        int pages = 0;
        do {
            page = adminGet(server,
                base + QStringLiteral("?limit=7&direction=newer")
                    + (cursor.isEmpty() ? QString() : QStringLiteral("&cursor=") + cursor));
            QCOMPARE(page.status, 200);
            newer += bodiesOf(page);
            cursor = page.json().value(QStringLiteral("next_cursor")).toString();
            if (pages == 0)
                addMessage(server, lead, QStringLiteral("late"));
            ++pages;
        } while (!cursor.isEmpty() && pages < 10);
        QCOMPARE(newer.size(), 16);
        QCOMPARE(newer.first(), QStringLiteral("m1"));
        QCOMPARE(newer.last(), QStringLiteral("late"));
        QCOMPARE(QSet<QString>(newer.begin(), newer.end()).size(), newer.size());
        // A page's before_cursor goes back from its oldest message.
        page = adminGet(server, base + QStringLiteral("?limit=2&direction=newer&after=") + newestCursor);
        QCOMPARE(bodiesOf(page), (QStringList {QStringLiteral("n1"), QStringLiteral("n10")}));
        page = adminGet(server,
            base + QStringLiteral("?limit=2&before=")
                + page.json().value(QStringLiteral("before_cursor")).toString());
        QCOMPARE(bodiesOf(page), (QStringList {QStringLiteral("m12"), QStringLiteral("m11")}));

        // Refusals.
        QCOMPARE(adminGet(server, base + QStringLiteral("?direction=sideways")).status, 400);
        QCOMPARE(
            adminGet(server, base + QStringLiteral("?direction=newer&before=") + newestCursor).status, 400);
        QCOMPARE(
            adminGet(server, base + QStringLiteral("?before=%1&after=%1").arg(newestCursor)).status, 400);
        QCOMPARE(adminGet(server, base + QStringLiteral("?before=garbage")).status, 400);
        QCOMPARE(adminGet(server, base + QStringLiteral("?limit=1000")).status, 400);
        // A cursor of another list is refused.
        const auto foreign = adminGet(server, QStringLiteral("/api/conversations?cursor=") + newestCursor);
        QCOMPARE(foreign.status, 400);
        QVERIFY(detailOf(foreign).contains(QStringLiteral("sort=messages")));
    }

    void readClearsUnreadAndRaisesTheEvent()
    {
        TestServer server;
        QVERIFY2(server.started(), qPrintable(server.error()));
        BusEvents events(server.runtime().bus());
        const auto lead = leadFor(server, QStringLiteral("+14155550141"));
        addMessage(server, lead, QStringLiteral("one"));
        const auto id = addMessage(server, lead, QStringLiteral("two"));
        const auto other
            = addMessage(server, leadFor(server, QStringLiteral("+14155550142")), QStringLiteral("three"));
        QCOMPARE(idsOf(adminGet(server, QStringLiteral("/api/conversations?unread=true&sort=id"))),
            (QList<qint64> {id, other}));

        auto reply = adminSend(server, "POST", QStringLiteral("/api/conversations/%1/read").arg(id));
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json().value(QStringLiteral("unread_count")).toInt(-1), 0);
        QCOMPARE(reply.json().value(QStringLiteral("message_count")).toInt(), 2);
        QTRY_COMPARE(events.count(QStringLiteral("conversation.read")), 1);
        const auto payload = events.payloads[events.types.indexOf(QStringLiteral("conversation.read"))];
        QCOMPARE(payload.value(QStringLiteral("conversationId")).toInteger(), id);
        QCOMPARE(payload.value(QStringLiteral("leadId")).toInteger(), lead);
        QCOMPARE(payload.value(QStringLiteral("unreadBefore")).toInt(), 2);
        QCOMPARE(idsOf(adminGet(server, QStringLiteral("/api/conversations?unread=true"))),
            (QList<qint64> {other}));
        QCOMPARE(adminGet(server, QStringLiteral("/api/conversations/%1").arg(id))
                     .json()
                     .value(QStringLiteral("unread_count"))
                     .toInt(-1),
            0);
        Store store(server);
        QCOMPARE(
            store.value(QStringLiteral("SELECT unread_count FROM conversations WHERE id = ?"), {id}).toInt(),
            0);
        QCOMPARE(store.value(QStringLiteral("SELECT unread_count FROM conversations WHERE id = ?"), {other})
                     .toInt(),
            1);

        // Already read: the same answer, no second event.
        QCOMPARE(adminSend(server, "POST", QStringLiteral("/api/conversations/%1/read").arg(id)).status, 200);
        QTest::qWait(200);
        QCOMPARE(events.count(QStringLiteral("conversation.read")), 1);
        // A new inbound message makes it unread again.
        addMessage(server, lead, QStringLiteral("four"));
        QCOMPARE(idsOf(adminGet(server, QStringLiteral("/api/conversations?unread=true&sort=id"))),
            (QList<qint64> {id, other}));

        QCOMPARE(
            adminSend(server, "POST", QStringLiteral("/api/conversations/%1/read").arg(other + 10)).status,
            404);
        QCOMPARE(
            request("POST", server.url(QStringLiteral("/api/conversations/%1/read").arg(id))).status, 401);
    }
};

QTEST_GUILESS_MAIN(ConversationsApiTest)
#include "tst_conversations_api.moc"
