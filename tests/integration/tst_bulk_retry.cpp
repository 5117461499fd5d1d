// POST /api/webhooks/events/retry over real HTTP: a body that is not a JSON object is refused 400
// and retries nothing (read as "no filters" it would re-queue every failed delivery); an empty or
// valid body retries the failed deliveries it matches.
#include "ProviderTestSupport.h"

#include <QJsonArray>
#include <QTcpServer>

using namespace sb;
using namespace sb::test;

namespace {

const QString retryPath = QStringLiteral("/api/webhooks/events/retry");

HttpReply retry(TestServer &server, const QByteArray &body)
{
    return request("POST", server.url(retryPath), body,
        {{"Authorization", "Bearer " + adminKey}, {"Content-Type", "application/json"}});
}

// Every delivery as "id status attempts next_attempt_at updated_at", in order.
QStringList deliveryStates(Store &store)
{
    QStringList states;
    for (int i = 0; i < store.count(QStringLiteral("deliveries")); ++i) {
        const auto row
            = store.row(QStringLiteral("SELECT id, status, attempts, next_attempt_at, updated_at FROM "
                                       "deliveries ORDER BY seq LIMIT 1 OFFSET ?"),
                {i});
        QStringList fields;
        for (const auto *name : {"id", "status", "attempts", "next_attempt_at", "updated_at"})
            fields.append(row.value(QString::fromLatin1(name)).toString());
        states.append(fields.join(QLatin1Char(' ')));
    }
    return states;
}

} // namespace

class BulkRetryTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void malformedBodyRetriesNothing()
    {
        quint16 closedPort = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            closedPort = probe.serverPort();
        }
        TestServer server;
        QVERIFY2(server.started(), qPrintable(server.error()));
        const QJsonObject config {{QStringLiteral("name"), QStringLiteral("closed")},
            {QStringLiteral("url"), QStringLiteral("http://127.0.0.1:%1/hook").arg(closedPort)},
            {QStringLiteral("eventTypes"), QJsonArray {QStringLiteral("lead.created")}},
            {QStringLiteral("retryConfig"), QJsonObject {{QStringLiteral("maxAttempts"), 1}}}};
        QCOMPARE(adminSend(server, "POST", QStringLiteral("/api/webhooks/config"), config).status, 201);
        for (const auto &name : {QStringLiteral("Ann"), QStringLiteral("Bo")}) {
            const QJsonObject lead {{QStringLiteral("event"), QStringLiteral("new_lead")},
                {QStringLiteral("data"), QJsonObject {{QStringLiteral("first_name"), name}}}};
            QCOMPARE(
                postCrm(server, QStringLiteral("/api/v1/webhooks/incoming/lead/create"), lead).status, 200);
        }
        Store store(server);
        QTRY_COMPARE_WITH_TIMEOUT(
            store.count(QStringLiteral("deliveries"), QStringLiteral("status = 'failed'")), 2, 15000);
        const auto before = deliveryStates(store);
        QCOMPARE(before.size(), 2);

        const QList<QPair<QByteArray, QString>> refused {
            {"{\"status\": ", QStringLiteral("malformed JSON at offset 11: unterminated object")},
            {"status=failed", QStringLiteral("malformed JSON at offset 1: illegal value")},
            {"[\"failed\"]", QStringLiteral("the request body must be a JSON object")},
            {"\"failed\"", QStringLiteral("the request body must be a JSON object")},
        };
        for (const auto &[body, detail] : refused) {
            const auto reply = retry(server, body);
            QCOMPARE(reply.status, 400);
            QCOMPARE(reply.json(),
                (QJsonObject {{QStringLiteral("success"), false}, {QStringLiteral("message"), detail}}));
        }
        QCOMPARE(deliveryStates(store), before); // not one delivery changed

        // The same route with a body it can read does retry: the refusals above were the body's.
        const auto accepted = retry(server, "{\"eventType\": \"lead.created\"}");
        QCOMPARE(accepted.status, 200);
        QCOMPARE(accepted.json().value(QStringLiteral("count")).toInt(), 2);
        QVERIFY(deliveryStates(store) != before);
    }
};

QTEST_MAIN(BulkRetryTest)
#include "tst_bulk_retry.moc"
