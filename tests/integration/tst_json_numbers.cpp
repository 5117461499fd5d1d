// JSON numbers that are not whole numbers in range (huge, fractional, past 64 bits) where a whole
// number is needed: each is refused with a 400 naming the field, and nothing is stored.
#include "TestSupport.h"

#include <QJsonArray>
#include <QTest>

using namespace sb;
using namespace sb::test;

namespace {

QList<QPair<const char *, QByteArray>> badNumbers()
{
    return {{"1e300", "1e300"}, {"-1e300", "-1e300"}, {"2^63", "9223372036854775808"}, {"1.5", "1.5"}};
}

} // namespace

class JsonNumbersTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void webhookConfigNumbers()
    {
        TestServer server;
        QVERIFY(server.started());
        const QList<QPair<QByteArray, QByteArray>> auth {
            {"Authorization", "Bearer " + adminKey}, {"Content-Type", "application/json"}};
        for (const auto &[label, number] : badNumbers()) {
            for (const char *field : {"timeoutMs", "disableAfterFailures"}) {
                const QByteArray body
                    = "{\"name\":\"n\",\"url\":\"http://127.0.0.1:9/h\",\"eventTypes\":[\"lead.created\"],\""
                    + QByteArray(field) + "\":" + number + "}";
                const auto reply
                    = request("POST", server.url(QStringLiteral("/api/webhooks/config")), body, auth);
                QVERIFY2(reply.status == 400, label);
                const auto message = reply.json().value(QStringLiteral("message")).toString();
                QVERIFY2(message.startsWith(QLatin1String(field) + QStringLiteral(" must be a whole number")),
                    qPrintable(message));
            }
        }
        QCOMPARE(adminGet(server, QStringLiteral("/api/webhooks/config"))
                     .json()
                     .value(QStringLiteral("webhooks"))
                     .toArray()
                     .size(),
            0);
        // Whole numbers written as decimals are fine.
        const auto reply = request("POST", server.url(QStringLiteral("/api/webhooks/config")),
            "{\"name\":\"n\",\"url\":\"http://127.0.0.1:9/"
            "h\",\"eventTypes\":[\"lead.created\"],\"timeoutMs\":1.5e3}",
            auth);
        QCOMPARE(reply.status, 201);
        QCOMPARE(reply.json()
                     .value(QStringLiteral("webhook"))
                     .toObject()
                     .value(QStringLiteral("timeoutMs"))
                     .toInt(),
            1500);
    }

    void crmIds()
    {
        TestServer server;
        QVERIFY(server.started());
        for (const auto &[label, number] : badNumbers()) {
            // The envelope is signed as sent, so the number reaches the server as written.
            const QByteArray body = "{\"event\":\"lead_update\",\"source\":\"crm\",\"data\":{\"lead_id\":"
                + number + ",\"city\":\"x\"}}";
            const auto reply = request("POST", server.url(QStringLiteral("/api/v1/webhooks/incoming")), body,
                {{"Content-Type", "application/json"}, {"X-Webhook-Signature", crmSignature(body)}});
            QVERIFY2(reply.status == 400, label);
            const auto detail = reply.json().value(QStringLiteral("detail")).toString();
            QVERIFY2(
                detail.contains(QStringLiteral("lead_id must be a positive integer")), qPrintable(detail));
        }
    }

    void campaignNumbers()
    {
        TestServer server([](RuntimeOptions &options) {
            options.environment.insert(
                QStringLiteral("CAMPAIGN_WEBHOOK_TOKEN"), QStringLiteral("camp-token"));
        });
        QVERIFY(server.started());
        const QList<QPair<QByteArray, QByteArray>> headers {
            {"Content-Type", "application/json"}, {"Authorization", "Bearer camp-token"}};
        const auto url = server.url(QStringLiteral("/api/webhooks/campaign/execute"));
        for (const auto &[label, number] : badNumbers()) {
            auto reply
                = request("POST", url, "{\"campaignId\":\"spring\",\"leadIds\":[1," + number + "]}", headers);
            QVERIFY2(reply.status == 400, label);
            QVERIFY2(reply.json()
                         .value(QStringLiteral("error"))
                         .toString()
                         .contains(QStringLiteral("leadIds[1] must be a lead id")),
                reply.body.constData());
            reply = request("POST", url, "{\"campaignId\":" + number + "}", headers);
            QVERIFY2(reply.status == 400, label);
            QVERIFY2(reply.json()
                         .value(QStringLiteral("error"))
                         .toString()
                         .contains(QStringLiteral("campaignId must be a string or a whole number")),
                reply.body.constData());
            reply
                = request("POST", url, "{\"campaignId\":\"spring\",\"executionId\":" + number + "}", headers);
            QVERIFY2(reply.status == 400, label);
            QVERIFY2(reply.json()
                         .value(QStringLiteral("error"))
                         .toString()
                         .contains(QStringLiteral("executionId")),
                reply.body.constData());
        }
        // A whole-number campaign id still works.
        const auto ok = request("POST", url, "{\"campaignId\":42,\"executionId\":7}", headers);
        QCOMPARE(ok.status, 200);
        QCOMPARE(ok.json()
                     .value(QStringLiteral("execution"))
                     .toObject()
                     .value(QStringLiteral("campaignId"))
                     .toString(),
            QStringLiteral("42"));
    }
};

QTEST_GUILESS_MAIN(JsonNumbersTest)
#include "tst_json_numbers.moc"
