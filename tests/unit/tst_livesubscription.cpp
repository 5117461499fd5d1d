// The live streams' topic matcher, the resume merge (replayed entries, then held live ones, each
// once and in seq order) and the event log's topics, ids, bounds and pruning.
#include "domain/Clock.h"
#include "server/LiveSubscription.h"
#include "storage/Database.h"
#include "storage/EventLog.h"
#include "storage/SqlWorker.h"

#include <QTemporaryDir>
#include <QTest>

using namespace sb;

namespace {

StreamEvent entry(qint64 seq, const QString &topic, qint64 lead = 0, qint64 conversation = 0)
{
    StreamEvent event;
    event.seq = seq;
    event.type = topic == QLatin1String("leads") ? QStringLiteral("lead.updated")
                                                 : QStringLiteral("message.created");
    event.topic = topic;
    event.leadId = lead;
    event.conversationId = conversation;
    return event;
}

QList<qint64> seqs(const QList<StreamEvent> &events)
{
    QList<qint64> list;
    for (const auto &event : events)
        list.append(event.seq);
    return list;
}

class FixedClock : public Clock
{
public:
    qint64 now = 1000000;
    qint64 nowMs() const override { return now; }
};

} // namespace

class LiveSubscriptionTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void topicsAreValidatedAndMatched()
    {
        TopicSet topics;
        QString error;
        QVERIFY(!topics.add({QStringLiteral("leads"), QStringLiteral("lead:x")}, &error));
        QVERIFY(error.contains(QStringLiteral("lead:x")));
        QVERIFY(topics.isEmpty()); // nothing added from a refused list
        QVERIFY(!TopicSet::valid(QStringLiteral("lead:0")));
        QVERIFY(!TopicSet::valid(QStringLiteral("lead:-3")));
        QVERIFY(!TopicSet::valid(QStringLiteral("Leads")));
        QVERIFY(!TopicSet::valid(QStringLiteral("conversation:")));
        QVERIFY(topics.add(
            {QStringLiteral("conversations"), QStringLiteral("lead:42"), QStringLiteral("conversation:7")}));
        QCOMPARE(topics.names(),
            (QStringList {QStringLiteral("conversations"), QStringLiteral("lead:42"),
                QStringLiteral("conversation:7")}));
        QVERIFY(topics.matches(entry(1, QStringLiteral("conversations"))));
        QVERIFY(topics.matches(entry(1, QStringLiteral("leads"), 42)));
        QVERIFY(!topics.matches(entry(1, QStringLiteral("leads"), 41)));
        QVERIFY(topics.matches(entry(1, QStringLiteral("deliveries"), 0, 7)));
        QVERIFY(!topics.matches(entry(1, QStringLiteral("deliveries"), 0, 8)));
        QVERIFY(!topics.matches(entry(1, QStringLiteral("inbound"))));
        topics.remove({QStringLiteral("lead:42"), QStringLiteral("conversations")});
        QVERIFY(!topics.matches(entry(1, QStringLiteral("leads"), 42)));
        QVERIFY(!topics.matches(entry(1, QStringLiteral("conversations"))));
        QCOMPARE(topics.names(), QStringList {QStringLiteral("conversation:7")});
    }

    void resumeMergesReplayAndLiveWithoutGapOrRepeat()
    {
        Subscription subscription;
        QVERIFY(subscription.topics().add({QStringLiteral("leads")}));
        const auto leads = QStringLiteral("leads");
        // Live before the resume: sent.
        QVERIFY(subscription.offer(entry(3, leads)));
        subscription.beginReplay(5);
        // Live entries during the replay are held (the non-matching one is not).
        QVERIFY(!subscription.offer(entry(9, leads)));
        QVERIFY(!subscription.offer(entry(10, QStringLiteral("inbound"))));
        QVERIFY(!subscription.offer(entry(11, leads)));
        QCOMPARE(subscription.held(), 2);
        // The stored page overlaps the held ones (9 was committed before the read).
        const auto page = QList<StreamEvent> {entry(4, leads), entry(6, leads),
            entry(7, QStringLiteral("inbound")), entry(8, leads), entry(9, leads)};
        QCOMPARE(seqs(subscription.replayed(page)), (QList<qint64> {6, 8, 9}));
        QCOMPARE(seqs(subscription.endReplay()), (QList<qint64> {11}));
        QVERIFY(!subscription.replaying());
        QVERIFY(!subscription.offer(entry(11, leads))); // never twice
        QVERIFY(subscription.offer(entry(12, leads)));
        QCOMPARE(subscription.lastSent(), 12);
    }

    void eventLogTopicsAndIds()
    {
        QCOMPARE(EventLog::topicOf(u"lead.created"), QStringLiteral("leads"));
        QCOMPARE(EventLog::topicOf(u"memo.added"), QStringLiteral("leads"));
        QCOMPARE(EventLog::topicOf(u"message.created"), QStringLiteral("conversations"));
        QCOMPARE(EventLog::topicOf(u"call.completed"), QStringLiteral("conversations"));
        QCOMPARE(EventLog::topicOf(u"campaign.started"), QStringLiteral("campaigns"));
        QCOMPARE(EventLog::topicOf(u"ticket.created"), QStringLiteral("notifications"));
        QCOMPARE(EventLog::topicOf(u"inbound.recorded"), QStringLiteral("inbound"));
        QCOMPARE(EventLog::topicOf(u"delivery.updated"), QStringLiteral("deliveries"));
        DomainEvent event {QStringLiteral("evt_1"), QStringLiteral("message.created"), 5, QStringLiteral("r"),
            QJsonObject {
                {QStringLiteral("leadId"), 12}, {QStringLiteral("conversationId"), QStringLiteral("34")}},
            QStringLiteral("twilio")};
        const auto logged = EventLog::entryFor(event);
        QCOMPARE(logged.leadId, 12);
        QCOMPARE(logged.conversationId, 34);
        QCOMPARE(logged.topic, QStringLiteral("conversations"));
        QCOMPARE(logged.data.value(QStringLiteral("eventId")).toString(), QStringLiteral("evt_1"));
        event.payload = {{QStringLiteral("conversationId"), QStringLiteral("conv_abc")}};
        QCOMPARE(EventLog::entryFor(event).conversationId, 0); // not a record id of ours
    }

    void eventLogAppendsInTheTransactionAndPrunesAPrefix()
    {
        QTemporaryDir dir;
        DatabaseOptions options {dir.filePath(QStringLiteral("e.db")), false, 1000};
        {
            auto db = Database::open(QStringLiteral("evlog"), options);
            Database::migrate(db, 1);
            FixedClock clock;
            SqlContext context(db, clock);
            context.setEventLogging(true);
            QVERIFY(db.transaction());
            context.raise(
                QStringLiteral("lead.created"), QStringLiteral("r1"), {{QStringLiteral("leadId"), 1}});
            context.raise(
                QStringLiteral("lead.updated"), QStringLiteral("r2"), {{QStringLiteral("leadId"), 1}});
            QVERIFY(db.rollback()); // rolled back: nothing stored, seq not used
            context.takeEvents();
            context.takeStreamed();
            QCOMPARE(EventLog::bounds(context).latest, 0);
            QVERIFY(db.transaction());
            for (int i = 0; i < 5; ++i) {
                clock.now += 1000;
                context.raise(
                    QStringLiteral("lead.updated"), QStringLiteral("r"), {{QStringLiteral("leadId"), i + 1}});
            }
            QVERIFY(db.commit());
            const auto events = context.takeEvents();
            QCOMPARE(events.size(), 5);
            QCOMPARE(events.first().seq, 1);
            QCOMPARE(events.last().seq, 5);
            QCOMPARE(seqs(context.takeStreamed()), (QList<qint64> {1, 2, 3, 4, 5}));
            QCOMPARE(seqs(EventLog::after(context, 2, 2)), (QList<qint64> {3, 4}));
            auto bounds = EventLog::bounds(context);
            QCOMPARE(bounds.oldest, 1);
            QCOMPARE(bounds.latest, 5);
            QVERIFY(bounds.covers(0));
            QVERIFY(!bounds.covers(6));
            // Rows: keep the last 3 (entries at 1001000 … 1005000 ms).
            EventLog::Retention retention;
            retention.maxRows = 3;
            QCOMPARE(EventLog::prune(context, retention, clock.now), 2);
            bounds = EventLog::bounds(context);
            QCOMPARE(bounds.oldest, 3);
            QVERIFY(!bounds.covers(1));
            QVERIFY(bounds.covers(2));
            // Age: older than 1.5 s (seq 3, at 1003000).
            retention.maxAgeMs = 1500;
            QCOMPARE(EventLog::prune(context, retention, clock.now), 1);
            QCOMPARE(EventLog::bounds(context).oldest, 4);
            retention.maxAgeMs = 0;
            clock.now += 10000;
            QCOMPARE(EventLog::prune(context, retention, clock.now), 2);
            bounds = EventLog::bounds(context);
            QCOMPARE(bounds.latest, 5); // seq never goes back, even with the log empty
            QCOMPARE(bounds.oldest, 6);
            QVERIFY(bounds.covers(5));
            QVERIFY(!bounds.covers(4));
            QVERIFY(db.transaction());
            context.raise(QStringLiteral("lead.updated"), QStringLiteral("r"), {});
            QVERIFY(db.commit());
            QCOMPARE(context.takeEvents().first().seq, 6);
        }
        Database::close(QStringLiteral("evlog"));
    }
};

QTEST_MAIN(LiveSubscriptionTest)
#include "tst_livesubscription.moc"
