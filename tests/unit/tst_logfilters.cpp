// Each field of the two log filters selects the rows it names, on a real migrated database; the
// admin API's reads (EventHistory, DeliveryRepository) and the console's (DeliveryQueries,
// InboundQueries, InboundFilter::matches for live rows) get the same rows for the same filter.
#include "deliveries/DeliveryQueries.h"
#include "domain/Clock.h"
#include "inspector/InboundQueries.h"
#include "storage/Database.h"
#include "storage/DeliveryFilter.h"
#include "storage/DeliveryRepository.h"
#include "storage/EventHistory.h"
#include "storage/InboundFilter.h"
#include "storage/SqlWorker.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <limits>

using namespace sb;

namespace {

constexpr qint64 second = 1000;
constexpr qint64 base = 1'700'000'000'000;

QStringList idList(const char *ids)
{
    return QString::fromLatin1(ids).split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

QStringList sorted(QStringList ids)
{
    ids.sort();
    return ids;
}

} // namespace

class LogFiltersTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_db = Database::open(
            QStringLiteral("filters"), {m_dir.filePath(QStringLiteral("filters.db")), false, 1000});
        Database::migrate(m_db, base);
        m_context.emplace(m_db, m_clock);
        try {
            seedRows();
        } catch (const SqlError &error) {
            QFAIL(qPrintable(error.message()));
        }
    }

    void cleanupTestCase()
    {
        m_context.reset();
        m_db = {};
        Database::close(QStringLiteral("filters"));
    }

    void deliveryFilterFields_data()
    {
        QTest::addColumn<DeliveryFilter>("filter");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("nothing") << DeliveryFilter {} << idList("msg_d1 msg_d2 msg_d3 msg_d4");
        QTest::newRow("status failed")
            << DeliveryFilter {.status = DeliveryStatus::Failed} << idList("msg_d1 msg_d4");
        QTest::newRow("status pending")
            << DeliveryFilter {.status = DeliveryStatus::Pending} << idList("msg_d3");
        QTest::newRow("config") << DeliveryFilter {.configId = 2} << idList("msg_d3 msg_d4");
        QTest::newRow("event type") << DeliveryFilter {.eventType = QStringLiteral("lead.created")}
                                    << idList("msg_d1 msg_d3");
        QTest::newRow("source") << DeliveryFilter {.source = QStringLiteral("twilio")}
                                << idList("msg_d2 msg_d3");
        QTest::newRow("from (inclusive)")
            << DeliveryFilter {.fromMs = base + 2000 * second} << idList("msg_d2 msg_d3 msg_d4");
        QTest::newRow("to (exclusive)")
            << DeliveryFilter {.toMs = base + 3000 * second} << idList("msg_d1 msg_d2");
        QTest::newRow("search HTTP status")
            << DeliveryFilter {.search = QStringLiteral("503")} << idList("msg_d1");
        QTest::newRow("search error text")
            << DeliveryFilter {.search = QStringLiteral("TIMEOUT")} << idList("msg_d4");
        QTest::newRow("search delivery id")
            << DeliveryFilter {.search = QStringLiteral("msg_d3")} << idList("msg_d3");
        QTest::newRow("search event id")
            << DeliveryFilter {.search = QStringLiteral("evt_d2")} << idList("msg_d2");
        QTest::newRow("search like-wildcards literally")
            << DeliveryFilter {.search = QStringLiteral("lead_")} << QStringList {};
        QTest::newRow("combined") << DeliveryFilter {.configId = 2,
            .status = DeliveryStatus::Failed,
            .source = QStringLiteral("mailgun")}
                                  << idList("msg_d4");
        QTest::newRow("combined, nothing")
            << DeliveryFilter {.configId = 1, .status = DeliveryStatus::Pending} << QStringList {};
    }

    void deliveryFilterFields()
    {
        QFETCH(DeliveryFilter, filter);
        QFETCH(QStringList, expected);
        // The API's "retry failed" and the console's "retry failed" job.
        QCOMPARE(sorted(DeliveryRepository::ids(*m_context, filter)), expected);
        // The API's list (GET /api/webhooks/events?direction=outbound&...).
        HistoryFilter history {.inbound = false, .deliveryFilter = filter};
        QStringList api;
        for (const auto &entry : EventHistory::page(*m_context, history, 100, 0))
            api.append(entry.id);
        QCOMPARE(sorted(api), expected);
        QCOMPARE(EventHistory::count(*m_context, history), qint64(expected.size()));
        // The Communications logs read the same way.
        QStringList logs;
        for (const auto &delivery : DeliveryRepository::list(*m_context, filter, 100, 0))
            logs.append(delivery.id);
        QCOMPARE(sorted(logs), expected);
        // The console's log page.
        QString error;
        QStringList console;
        for (const auto &delivery :
            DeliveryQueries::page(m_db, filter, std::numeric_limits<qint64>::max(), 0, 100, &error))
            console.append(delivery.id);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(sorted(console), expected);
        QCOMPARE(filter.isEmpty(), expected.size() == 4 && filter == DeliveryFilter {});
    }

    void inboundFilterFields_data()
    {
        QTest::addColumn<InboundFilter>("filter");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("nothing") << InboundFilter {} << idList("evt_I1 evt_I2 evt_I3");
        QTest::newRow("status") << InboundFilter {.status = QStringLiteral("rejected")} << idList("evt_I2");
        QTest::newRow("status that is none")
            << InboundFilter {.status = QStringLiteral("failed")} << QStringList {};
        QTest::newRow("provider") << InboundFilter {.provider = QStringLiteral("crm")}
                                  << idList("evt_I1 evt_I3");
        QTest::newRow("event type") << InboundFilter {.eventType = QStringLiteral("sms.received")}
                                    << idList("evt_I2");
        QTest::newRow("from (inclusive)")
            << InboundFilter {.fromMs = base + 2500 * second} << idList("evt_I2 evt_I3");
        QTest::newRow("to (exclusive)") << InboundFilter {.toMs = base + 2500 * second} << idList("evt_I1");
        QTest::newRow("search HTTP status")
            << InboundFilter {.search = QStringLiteral("401")} << idList("evt_I2");
        QTest::newRow("search path") << InboundFilter {.search = QStringLiteral("CRM/INC")}
                                     << idList("evt_I1 evt_I3");
        QTest::newRow("search record id, any case")
            << InboundFilter {.search = QStringLiteral("evt_i3")} << idList("evt_I3");
        QTest::newRow("search status")
            << InboundFilter {.search = QStringLiteral("duplicate")} << idList("evt_I3");
        QTest::newRow("combined") << InboundFilter {.status = QStringLiteral("processed"),
            .provider = QStringLiteral("crm")}
                                  << idList("evt_I1");
    }

    void inboundFilterFields()
    {
        QFETCH(InboundFilter, filter);
        QFETCH(QStringList, expected);
        // The API's list (GET /api/webhooks/events?direction=inbound&...).
        HistoryFilter history {.outbound = false, .inboundFilter = filter};
        QStringList api;
        for (const auto &entry : EventHistory::page(*m_context, history, 100, 0))
            api.append(entry.id);
        QCOMPARE(sorted(api), expected);
        QCOMPARE(EventHistory::count(*m_context, history), qint64(expected.size()));
        // The console's inspector page.
        QString error;
        QStringList console;
        for (const auto &summary :
            InboundQueries::page(m_db, filter, std::numeric_limits<qint64>::max(), 0, 100, &error))
            console.append(summary.id);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(sorted(console), expected);
        // A request arriving live is judged by matches(): the same answer.
        QStringList live;
        for (const auto &summary : InboundQueries::newerThan(m_db, 0, 100, &error)) {
            if (filter.matches(summary))
                live.append(summary.id);
        }
        QCOMPARE(sorted(live), expected);
    }

    void historyJoinsBothLogsNewestFirst()
    {
        HistoryFilter both;
        both.inboundFilter.provider = both.deliveryFilter.source = QStringLiteral("twilio");
        QStringList ids;
        for (const auto &entry : EventHistory::page(*m_context, both, 100, 0))
            ids.append(entry.id);
        QCOMPARE(ids, idList("msg_d3 evt_I2 msg_d2"));
        const auto page2 = EventHistory::page(*m_context, both, 2, 2);
        QCOMPARE(page2.size(), 1);
        QCOMPARE(page2.first().id, QStringLiteral("msg_d2"));
        QCOMPARE(
            EventHistory::count(*m_context, HistoryFilter {.inbound = false, .outbound = false}), qint64(0));
        const auto found = EventHistory::find(*m_context, QStringLiteral("evt_I2"));
        QVERIFY(found);
        QCOMPARE(found->direction, HistoryEntry::Direction::Inbound);
        QCOMPARE(found->status, QStringLiteral("rejected"));
        QCOMPARE(found->source, QStringLiteral("twilio"));
        const auto delivery = EventHistory::find(*m_context, QStringLiteral("msg_d4"));
        QVERIFY(delivery);
        QCOMPARE(delivery->direction, HistoryEntry::Direction::Outbound);
        QCOMPARE(delivery->configId, qint64(2));
        QVERIFY(!EventHistory::find(*m_context, QStringLiteral("msg_none")));
    }

private:
    void seedRows()
    {
        addDelivery(QStringLiteral("msg_d1"), 1, DeliveryStatus::Failed, QStringLiteral("lead.created"),
            QStringLiteral("crm"), 1000, 503, QStringLiteral("HTTP 503"));
        addDelivery(QStringLiteral("msg_d2"), 1, DeliveryStatus::Delivered, QStringLiteral("lead.updated"),
            QStringLiteral("twilio"), 2000, 200, {});
        addDelivery(QStringLiteral("msg_d3"), 2, DeliveryStatus::Pending, QStringLiteral("lead.created"),
            QStringLiteral("twilio"), 3000, 0, {});
        addDelivery(QStringLiteral("msg_d4"), 2, DeliveryStatus::Failed, QStringLiteral("message.created"),
            QStringLiteral("mailgun"), 4000, 0, QStringLiteral("timeout after 15 s"));
        addInbound(QStringLiteral("evt_I1"), InboundStatus::Processed, QStringLiteral("crm"),
            QStringLiteral("lead.created"), 1500, 200, QStringLiteral("/api/webhooks/crm/incoming"));
        addInbound(QStringLiteral("evt_I2"), InboundStatus::Rejected, QStringLiteral("twilio"),
            QStringLiteral("sms.received"), 2500, 401, QStringLiteral("/api/webhooks/twilio/sms"));
        addInbound(QStringLiteral("evt_I3"), InboundStatus::Duplicate, QStringLiteral("crm"),
            QStringLiteral("lead.created"), 3500, 200, QStringLiteral("/api/webhooks/crm/incoming"));
    }

    void addDelivery(const QString &id, qint64 configId, DeliveryStatus status, const QString &eventType,
        const QString &source, qint64 atSeconds, int httpStatus, const QString &error)
    {
        m_clock.setMs(base + atSeconds * second);
        Delivery d;
        d.id = id;
        d.configId = configId;
        d.eventId = QStringLiteral("evt_") + id.mid(4);
        d.eventType = eventType;
        d.source = source;
        d.payload = "{}";
        DeliveryRepository::insert(*m_context, d);
        if (status == DeliveryStatus::Pending)
            return;
        DeliveryAttempt attempt;
        attempt.deliveryId = id;
        attempt.attempt = 1;
        attempt.startedAt = m_clock.nowMs();
        attempt.url = QStringLiteral("http://127.0.0.1:9/hook");
        attempt.requestBody = d.payload;
        attempt.responseStatus = httpStatus;
        attempt.error = error;
        DeliveryRepository::recordAttempt(*m_context, attempt, status, 0);
    }

    void addInbound(const QString &id, InboundStatus status, const QString &provider,
        const QString &eventType, qint64 atSeconds, int responseStatus, const QString &path)
    {
        QSqlQuery insert(m_db);
        insert.prepare(QStringLiteral(
            "INSERT INTO inbound_requests(id, received_at, method, target, path, raw_head, body_size, peer, "
            "client_ip, "
            "provider, handler, event_type, verification, status, response_status, duration_us) "
            "VALUES(?, ?, 'POST', ?, ?, 'POST / HTTP/1.1', 0, '127.0.0.1:1', '127.0.0.1', ?, 'h', ?, "
            "'verified', ?, ?, 1)"));
        for (const QVariant &value : QVariantList {id, base + atSeconds * second, path, path, provider,
                 eventType, inboundStatusName(status), responseStatus})
            insert.addBindValue(value);
        execOrThrow(insert);
    }

    QTemporaryDir m_dir;
    ManualClock m_clock {base};
    QSqlDatabase m_db;
    std::optional<SqlContext> m_context;
};

QTEST_MAIN(LogFiltersTest)
#include "tst_logfilters.moc"
