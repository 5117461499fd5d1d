// Per-service pacing: `messages_per_second` is accepted by the registry on every provider (a number
// greater than 0) and the outbox holds a registered Twilio service to it. Eleven sends queued at once
// through a service paced at 5/s reach the fake Twilio about 200 ms apart (generous bounds).
#include "ProviderTestSupport.h"
#include "domain/ServiceConfigSchema.h"
#include "fakes/SmsFakes.h"

#include <QElapsedTimer>

using namespace sb;
using namespace sb::test;

namespace {

const QString accountSid = QStringLiteral("AC0123456789abcdef0123456789abcdef");
const QString authToken = QStringLiteral("twilio-pacing-token-0077");
const QString registry = QStringLiteral("/api/communications/external-services/");

QJsonObject twilioService(const QString &baseUrl, const QJsonValue &rate)
{
    QJsonObject config {{QStringLiteral("account_sid"), accountSid},
        {QStringLiteral("auth_token"), authToken},
        {QStringLiteral("from_number"), QStringLiteral("+14155550100")},
        {QStringLiteral("base_url"), baseUrl}};
    if (!rate.isUndefined())
        config.insert(QStringLiteral("messages_per_second"), rate);
    return {{QStringLiteral("name"), QStringLiteral("Paced SMS")},
        {QStringLiteral("service_type"), QStringLiteral("sms")},
        {QStringLiteral("provider"), QStringLiteral("twilio")}, {QStringLiteral("config"), config},
        {QStringLiteral("is_active"), true}};
}

} // namespace

class OutboxPacingTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyProviderAcceptsMessagesPerSecond()
    {
        const QList<ServiceProvider> providers {ServiceProvider::Twilio, ServiceProvider::Nexmo,
            ServiceProvider::AwsSns, ServiceProvider::SendGrid, ServiceProvider::Mailgun,
            ServiceProvider::AwsSes, ServiceProvider::Firebase, ServiceProvider::OneSignal,
            ServiceProvider::Slack, ServiceProvider::Teams, ServiceProvider::Discord,
            ServiceProvider::ElevenLabs};
        for (const auto provider : providers) {
            bool found = false;
            for (const auto &key : serviceConfigKeys(provider)) {
                if (key.name == QLatin1String("messages_per_second")) {
                    found = true;
                    QVERIFY(!key.required);
                    QVERIFY(!key.secret);
                }
            }
            QVERIFY2(found, qPrintable(serviceProviderName(provider)));
        }
        const QJsonObject slack {
            {QStringLiteral("webhook_url"), QStringLiteral("https://hooks.slack.com/services/T/B/x")}};
        auto config = slack;
        config.insert(QStringLiteral("messages_per_second"), 2.5);
        QCOMPARE(validateServiceConfig(ServiceProvider::Slack, config), QStringList());
        config.insert(QStringLiteral("messages_per_second"), QStringLiteral("5"));
        QCOMPARE(validateServiceConfig(ServiceProvider::Slack, config), QStringList());
        const QStringList bad {
            QStringLiteral("config.messages_per_second must be a number greater than 0, e.g. 5")};
        config.insert(QStringLiteral("messages_per_second"), 0);
        QCOMPARE(validateServiceConfig(ServiceProvider::Slack, config), bad);
        config.insert(QStringLiteral("messages_per_second"), -3);
        QCOMPARE(validateServiceConfig(ServiceProvider::Slack, config), bad);
        config.insert(QStringLiteral("messages_per_second"), QStringLiteral("fast"));
        QCOMPARE(validateServiceConfig(ServiceProvider::Slack, config), bad);
        config.insert(QStringLiteral("messages_per_second"), true);
        QCOMPARE(validateServiceConfig(ServiceProvider::Slack, config),
            QStringList {QStringLiteral("config.messages_per_second must be a string")});
    }

    void registeredServiceIsPacedAtItsRate()
    {
        FakeTwilio fake(accountSid, authToken);
        TestServer server;
        QVERIFY2(server.started(), qPrintable(server.error()));

        // The registry refuses a rate that is not > 0 and keeps a good one.
        const auto refused = adminSend(server, "POST", registry, twilioService(fake.baseUrl(), 0));
        QCOMPARE(refused.status, 400);
        QVERIFY2(refused.body.contains("messages_per_second"), refused.body.constData());
        const auto created = adminSend(server, "POST", registry, twilioService(fake.baseUrl(), 5));
        QCOMPARE(created.status, 201);
        const auto serviceId = created.json().value(QStringLiteral("id")).toInteger();
        QVERIFY(serviceId > 0);
        QCOMPARE(created.json()
                     .value(QStringLiteral("config"))
                     .toObject()
                     .value(QStringLiteral("messages_per_second"))
                     .toDouble(),
            5.0);

        constexpr int sends = 11;
        for (int i = 0; i < sends; ++i) {
            const auto queued = adminSend(server, "POST", QStringLiteral("/api/twilio/send-sms"),
                QJsonObject {{QStringLiteral("to"), QStringLiteral("+141555501%1").arg(10 + i)},
                    {QStringLiteral("body"), QStringLiteral("paced %1").arg(i)},
                    {QStringLiteral("serviceId"), serviceId}});
            QCOMPARE(queued.status, 202);
        }

        // Arrival times at the fake, sampled every 5 ms.
        QList<qint64> arrivals;
        QElapsedTimer clock;
        clock.start();
        while (arrivals.size() < sends && clock.elapsed() < 15000) {
            while (arrivals.size() < fake.accepted().size())
                arrivals.append(clock.elapsed());
            QTest::qWait(5);
        }
        QCOMPARE(arrivals.size(), sends);
        QVERIFY2(fake.violations().isEmpty(), qPrintable(fake.violations().join(u'\n')));
        // 10 intervals of 200 ms: 2 s, held within generous bounds.
        const qint64 span = arrivals.last() - arrivals.first();
        QVERIFY2(span >= 1700 && span <= 3500, qPrintable(QStringLiteral("span %1 ms").arg(span)));
        for (int i = 1; i < arrivals.size(); ++i) {
            const qint64 gap = arrivals.at(i) - arrivals.at(i - 1);
            QVERIFY2(gap >= 120, qPrintable(QStringLiteral("gap %1 ms before send %2").arg(gap).arg(i)));
        }
        QTest::qWait(300);
        QCOMPARE(fake.requestCount(), sends);
    }
};

QTEST_GUILESS_MAIN(OutboxPacingTest)
#include "tst_outbox_pacing.moc"
