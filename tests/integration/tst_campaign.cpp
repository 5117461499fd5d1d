// POST /api/webhooks/campaign/execute: Bearer CAMPAIGN_WEBHOOK_TOKEN, fail-closed, status report,
// execution ids deduplicated.
#include "ProviderTestSupport.h"

using namespace sb;
using namespace sb::test;

namespace {

const QString path = QStringLiteral("/api/webhooks/campaign/execute");

HttpReply execute(TestServer &server, const QByteArray &body, const QByteArray &authorization)
{
    QList<QPair<QByteArray, QByteArray>> headers {
        qMakePair(QByteArray("Content-Type"), QByteArray("application/json"))};
    if (!authorization.isEmpty())
        headers.append(qMakePair(QByteArray("Authorization"), authorization));
    return request("POST", server.url(path), body, headers);
}

} // namespace

class TestCampaign : public QObject
{
    Q_OBJECT
private slots:
    void executesOnceWithTheToken()
    {
        TestServer server([](RuntimeOptions &options) {
            options.environment.insert(
                QStringLiteral("CAMPAIGN_WEBHOOK_TOKEN"), QStringLiteral("camp-token"));
        });
        QVERIFY(server.started());
        BusEvents events(server.runtime().bus());
        const QByteArray body = R"({"campaignId":"spring-sale","executionId":"run-1"})";
        auto reply = execute(server, body, "Bearer camp-token");
        QCOMPARE(reply.status, 200);
        const auto execution = reply.json().value(QStringLiteral("execution")).toObject();
        QCOMPARE(execution.value(QStringLiteral("status")).toString(), QStringLiteral("started"));
        QCOMPARE(execution.value(QStringLiteral("campaignId")).toString(), QStringLiteral("spring-sale"));
        QTRY_COMPARE(events.count(QStringLiteral("campaign.started")), 1);
        reply = execute(server, body, "bearer camp-token");
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json()
                     .value(QStringLiteral("execution"))
                     .toObject()
                     .value(QStringLiteral("duplicate"))
                     .toBool(),
            true);
        Store store(server);
        QCOMPARE(store.count(QStringLiteral("campaign_runs")), 1);
        QCOMPARE(execute(server, body, "Bearer wrong").status, 401);
        QCOMPARE(execute(server, body, {}).status, 401);
        QCOMPARE(execute(server, R"({"executionId":"x"})", "Bearer camp-token").status, 400);
    }

    void missingTokenIsRefused()
    {
        TestServer server;
        QVERIFY(server.started());
        const auto reply = execute(server, R"({"campaignId":"c"})", "Bearer anything");
        QCOMPARE(reply.status, 401);
        QVERIFY(reply.json()
                    .value(QStringLiteral("error"))
                    .toString()
                    .contains(QStringLiteral("CAMPAIGN_WEBHOOK_TOKEN")));
        QCOMPARE(request("GET", server.url(path)).status, 200);
    }
};

QTEST_GUILESS_MAIN(TestCampaign)
#include "tst_campaign.moc"
