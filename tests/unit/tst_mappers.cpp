// The table mappers read columns by name: the same row selected with its columns in another order
// gives the same value object, and a stored status the program does not know is refused.
#include "domain/Clock.h"
#include "domain/Delivery.h"
#include "domain/InboundRecord.h"
#include "storage/Database.h"
#include "storage/DeliveryMapper.h"
#include "storage/DeliveryRepository.h"
#include "storage/InboundMapper.h"
#include "storage/SqlWorker.h"

#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>

using namespace sb;

namespace {

// The same columns, last first.
QString reversed(const QString &columns)
{
    auto names = columns.split(QStringLiteral(", "));
    std::reverse(names.begin(), names.end());
    return names.join(QStringLiteral(", "));
}

QSqlRecord selectOne(QSqlDatabase &db, const QString &sql, const QVariantList &values = {})
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.prepare(sql))
        qFatal("prepare failed: %s", qPrintable(sql));
    for (const auto &value : values)
        query.addBindValue(value);
    execOrThrow(query);
    if (!query.next())
        qFatal("no row: %s", qPrintable(sql));
    return query.record();
}

} // namespace

class MappersTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_db = Database::open(
            QStringLiteral("mappers"), {m_dir.filePath(QStringLiteral("mappers.db")), false, 1000});
        Database::migrate(m_db, m_clock.nowMs());
        m_context.emplace(m_db, m_clock);
    }

    void cleanup()
    {
        m_context.reset();
        m_db = {};
        Database::close(QStringLiteral("mappers"));
        QFile::remove(m_dir.filePath(QStringLiteral("mappers.db")));
    }

    void deliveryStatusesRoundTrip()
    {
        QCOMPARE(allDeliveryStatuses().size(), 3);
        for (const auto status : allDeliveryStatuses()) {
            const auto name = deliveryStatusName(status);
            QVERIFY(!name.isEmpty());
            QCOMPARE(deliveryStatusFromName(name), std::optional(status));
        }
        QCOMPARE(deliveryStatusName(DeliveryStatus::Pending), QStringLiteral("pending"));
        QCOMPARE(deliveryStatusName(DeliveryStatus::Delivered), QStringLiteral("delivered"));
        QCOMPARE(deliveryStatusName(DeliveryStatus::Failed), QStringLiteral("failed"));
        QVERIFY(!deliveryStatusFromName(u"sent"));
        QVERIFY(!deliveryStatusFromName(u"Delivered")); // names are exact
        QVERIFY(!deliveryStatusFromName(u""));
    }

    void inboundStatusesRoundTrip()
    {
        QCOMPARE(allInboundStatuses().size(), 3);
        for (const auto status : allInboundStatuses())
            QCOMPARE(inboundStatusFromName(inboundStatusName(status)), std::optional(status));
        QCOMPARE(inboundStatusName(InboundStatus::Processed), QStringLiteral("processed"));
        QCOMPARE(inboundStatusName(InboundStatus::Duplicate), QStringLiteral("duplicate"));
        QCOMPARE(inboundStatusName(InboundStatus::Rejected), QStringLiteral("rejected"));
        QVERIFY(!inboundStatusFromName(u"failed"));
        QVERIFY(!inboundStatusFromName(u" processed"));
    }

    void deliveryReadByColumnName()
    {
        Delivery stored;
        stored.id = QStringLiteral("msg_mapper_1");
        stored.configId = 7;
        stored.eventId = QStringLiteral("evt_mapper_1");
        stored.eventType = QStringLiteral("lead.created");
        stored.source = QStringLiteral("crm");
        stored.inboundRequestId = QStringLiteral("evt_inbound_1");
        stored.payload = R"({"event":"lead.created"})";
        stored.isTest = true;
        DeliveryRepository::insert(*m_context, stored);
        DeliveryAttempt attempt;
        attempt.deliveryId = stored.id;
        attempt.attempt = 1;
        attempt.startedAt = m_clock.nowMs();
        attempt.url = QStringLiteral("http://127.0.0.1:9/hook");
        attempt.requestHeaders = {{"Content-Type", "application/json"}};
        attempt.requestBody = stored.payload;
        attempt.responseStatus = 503;
        attempt.responseHeaders = {{"Retry-After", "1"}};
        attempt.responseBody = "busy";
        attempt.latencyMs = 12;
        attempt.error = QStringLiteral("HTTP 503");
        DeliveryRepository::recordAttempt(*m_context, attempt, DeliveryStatus::Failed, 0);

        const auto inOrder = DeliveryMapper::fromRecord(selectOne(m_db,
            QStringLiteral("SELECT ") + DeliveryMapper::columns() + QStringLiteral(" FROM deliveries")));
        const auto otherOrder = DeliveryMapper::fromRecord(selectOne(m_db,
            QStringLiteral("SELECT ") + reversed(DeliveryMapper::columns())
                + QStringLiteral(" FROM deliveries")));
        const auto everything
            = DeliveryMapper::fromRecord(selectOne(m_db, QStringLiteral("SELECT * FROM deliveries")));
        QCOMPARE(otherOrder, inOrder);
        QCOMPARE(everything, inOrder);
        QVERIFY(inOrder.seq > 0);
        QCOMPARE(inOrder.id, stored.id);
        QCOMPARE(inOrder.configId, qint64(7));
        QCOMPARE(inOrder.eventId, stored.eventId);
        QCOMPARE(inOrder.source, QStringLiteral("crm"));
        QCOMPARE(inOrder.inboundRequestId, stored.inboundRequestId);
        QCOMPARE(inOrder.payload, stored.payload);
        QCOMPARE(inOrder.status, DeliveryStatus::Failed);
        QCOMPARE(inOrder.attempts, 1);
        QCOMPARE(inOrder.lastStatus, 503);
        QCOMPARE(inOrder.lastError, QStringLiteral("HTTP 503"));
        QVERIFY(inOrder.isTest);
        QCOMPARE(inOrder.createdAt, m_clock.nowMs());

        // The console's rows leave the payload out: every other field is the same.
        auto summary = DeliveryMapper::fromRecord(selectOne(m_db,
            QStringLiteral("SELECT ") + reversed(DeliveryMapper::summaryColumns())
                + QStringLiteral(" FROM deliveries")));
        QVERIFY(summary.payload.isEmpty());
        summary.payload = inOrder.payload;
        QCOMPARE(summary, inOrder);

        const auto attempts = [&](const QString &columns) {
            return DeliveryAttemptMapper::fromRecord(selectOne(
                m_db, QStringLiteral("SELECT ") + columns + QStringLiteral(" FROM delivery_attempts")));
        };
        const auto read = attempts(DeliveryAttemptMapper::columns());
        QCOMPARE(attempts(reversed(DeliveryAttemptMapper::columns())), read);
        QCOMPARE(DeliveryRepository::attempts(*m_context, stored.id), QList<DeliveryAttempt> {read});
        QCOMPARE(read.deliveryId, stored.id);
        QCOMPARE(read.responseStatus, 503);
        QCOMPARE(read.responseBody, QByteArray("busy"));
        QCOMPARE(read.requestHeaders.value(0).first, QByteArray("Content-Type"));
        QCOMPARE(read.responseHeaders.value(0).second, QByteArray("1"));
        QCOMPARE(read.error, QStringLiteral("HTTP 503"));
    }

    void unknownDeliveryStatusIsRefused()
    {
        execOrThrow(m_db,
            QStringLiteral("INSERT INTO deliveries(id, event_id, event_type, payload, status, created_at, "
                           "updated_at) VALUES('msg_odd', 'evt_odd', 'x', '{}', 'sent', 1, 1)"));
        QString message;
        try {
            DeliveryMapper::fromRecord(selectOne(m_db, QStringLiteral("SELECT * FROM deliveries")));
        } catch (const SqlError &error) {
            message = error.message();
        }
        QVERIFY2(message.contains(QStringLiteral("msg_odd")) && message.contains(QStringLiteral("'sent'")),
            qPrintable(message));
        QVERIFY_THROWS_EXCEPTION(SqlError, DeliveryRepository::find(*m_context, QStringLiteral("msg_odd")));
    }

    void inboundReadByColumnName()
    {
        execOrThrow(m_db,
            QStringLiteral(
                "INSERT INTO inbound_requests(id, received_at, method, target, path, raw_head, body, "
                "body_size, peer, "
                "client_ip, provider, handler, event_type, source, verification, verification_detail, "
                "string_to_sign, "
                "status, response_status, response_body, error, duration_us, replay_of, replayed_at) VALUES("
                "'evt_IN1', 1700000000123, 'POST', '/api/webhooks/crm/incoming?x=1', "
                "'/api/webhooks/crm/incoming', "
                "X'504F5354202F20485454502F312E310D0A486F73743A20610D0A', '{\"a\":1}', 7, '127.0.0.1:5000', "
                "'10.0.0.9', "
                "'crm', 'crm.incoming', 'lead.created', 'crm', 'invalid', 'bad signature', 'ts.body', "
                "'rejected', 401, "
                "'{\"error\":\"x\"}', 'signature mismatch', 1500, 'evt_IN0', 1700000000999)"));
        const auto inOrder = InboundMapper::fromRecord(selectOne(m_db,
            QStringLiteral("SELECT ") + InboundMapper::columns() + QStringLiteral(" FROM inbound_requests")));
        const auto otherOrder = InboundMapper::fromRecord(selectOne(m_db,
            QStringLiteral("SELECT ") + reversed(InboundMapper::columns())
                + QStringLiteral(" FROM inbound_requests")));
        QCOMPARE(otherOrder, inOrder);
        QCOMPARE(InboundMapper::fromRecord(selectOne(m_db, QStringLiteral("SELECT * FROM inbound_requests"))),
            inOrder);
        QCOMPARE(inOrder.summary.id, QStringLiteral("evt_IN1"));
        QCOMPARE(inOrder.summary.receivedAtMs, qint64(1700000000123));
        QCOMPARE(inOrder.summary.path, QStringLiteral("/api/webhooks/crm/incoming"));
        QCOMPARE(inOrder.summary.provider, QStringLiteral("crm"));
        QCOMPARE(inOrder.summary.eventType, QStringLiteral("lead.created"));
        QCOMPARE(inOrder.status(), std::optional(InboundStatus::Rejected));
        QCOMPARE(inOrder.summary.responseStatus, 401);
        QCOMPARE(inOrder.summary.bodySize, qint64(7));
        QCOMPARE(inOrder.summary.clientIp, QStringLiteral("10.0.0.9"));
        QCOMPARE(inOrder.target, QStringLiteral("/api/webhooks/crm/incoming?x=1"));
        QCOMPARE(inOrder.requestLine(), QStringLiteral("POST / HTTP/1.1"));
        QCOMPARE(inOrder.header("host"), QByteArray("a"));
        QCOMPARE(inOrder.verificationDetail, QStringLiteral("bad signature"));
        QCOMPARE(inOrder.stringToSign, QByteArray("ts.body"));
        QCOMPARE(inOrder.error, QStringLiteral("signature mismatch"));
        QCOMPARE(inOrder.durationUs, qint64(1500));
        QCOMPARE(inOrder.replayOf, QStringLiteral("evt_IN0"));
        QCOMPARE(inOrder.replayedAtMs, qint64(1700000000999));

        const auto summary = InboundMapper::summaryFromRecord(selectOne(m_db,
            QStringLiteral("SELECT ") + reversed(InboundMapper::summaryColumns())
                + QStringLiteral(" FROM inbound_requests")));
        QCOMPARE(summary, inOrder.summary);

        execOrThrow(m_db, QStringLiteral("UPDATE inbound_requests SET status = 'ignored'"));
        QVERIFY_THROWS_EXCEPTION(SqlError,
            InboundMapper::summaryFromRecord(
                selectOne(m_db, QStringLiteral("SELECT * FROM inbound_requests"))));
    }

private:
    QTemporaryDir m_dir;
    ManualClock m_clock;
    QSqlDatabase m_db;
    std::optional<SqlContext> m_context;
};

QTEST_GUILESS_MAIN(MappersTest)
#include "tst_mappers.moc"
