// SMS and call adapters against fake providers over real loopback HTTP: each adapter's request is
// sent to a fake that checks every documented detail, and the fake's answer is read back.
#include "ProviderCall.h"
#include "channels/ElevenLabsCallAdapter.h"
#include "channels/TwilioSmsAdapter.h"
#include "channels/VonageSmsAdapter.h"
#include "fakes/SmsFakes.h"

#include <QJsonArray>
#include <QTest>

using namespace sb;
using namespace sb::channels;
using namespace sb::test;

namespace {

const QString kAccountSid = QStringLiteral("AC0123456789abcdef0123456789abcdef");
const QString kAuthToken = QStringLiteral("twilio-auth-token-0123456789abcdef");
const QString kServiceSid = QStringLiteral("MG0123456789abcdef0123456789abcdef");
const QString kVonageKey = QStringLiteral("a1b2c3d4");
const QString kVonageSecret = QStringLiteral("vonage-secret-xyz");
const QString kElevenKey = QStringLiteral("sk_elevenlabs_test_key_0123");
const QString kEuro = QString::fromUtf8("\xE2\x82\xAC");
const QString kEmoji = QString::fromUtf8("\xF0\x9F\x98\x80");

OutgoingMessage smsTo(const QString &to, const QString &body)
{
    OutgoingMessage message;
    message.messageId = QStringLiteral("msg_01HZX3K4P7");
    message.to = to;
    message.body = body;
    message.statusCallback = QStringLiteral("https://hooks.example.com/sms/status");
    message.idempotencyKey = QStringLiteral("idem-01HZX3K4P7");
    return message;
}

ProviderAnswer send(const ProviderAdapter &adapter, const OutgoingMessage &message, const QJsonObject &config)
{
    const ProviderRequest request
        = adapter.request(message, config, SendContext {QDateTime::currentDateTimeUtc(), {}});
    const ProviderReply reply = callProvider(request);
    return adapter.interpret(reply.status, reply.headers, reply.body);
}

QJsonObject twilioConfig(const FakeTwilio &fake)
{
    return QJsonObject {{QStringLiteral("account_sid"), kAccountSid},
        {QStringLiteral("auth_token"), kAuthToken},
        {QStringLiteral("from_number"), QStringLiteral("+14155550100")},
        {QStringLiteral("base_url"), fake.baseUrl()}};
}

QJsonObject vonageConfig(const FakeVonage &fake)
{
    return QJsonObject {{QStringLiteral("api_key"), kVonageKey},
        {QStringLiteral("api_secret"), kVonageSecret},
        {QStringLiteral("from_number"), QStringLiteral("+14155550100")},
        {QStringLiteral("base_url"), fake.baseUrl()}};
}

QJsonObject elevenConfig(const FakeElevenLabs &fake)
{
    return QJsonObject {{QStringLiteral("api_key"), kElevenKey},
        {QStringLiteral("agent_id"), QStringLiteral("agent_default")},
        {QStringLiteral("agent_phone_number_id"), QStringLiteral("phnum_default")},
        {QStringLiteral("base_url"), fake.baseUrl()}};
}

} // namespace

class SmsProvidersTest : public QObject
{
    Q_OBJECT

private slots:
    // ------------------------------------------------------------------------------------ Twilio
    void twilioAccepted()
    {
        FakeTwilio fake(kAccountSid, kAuthToken);
        const QString body
            = QStringLiteral("Your code is 1234 ") + kEuro + kEmoji + QStringLiteral(" & more=yes");
        const ProviderAnswer answer
            = send(twilioSmsAdapter(), smsTo(QStringLiteral("+14155550123"), body), twilioConfig(fake));
        QCOMPARE(fake.violations(), QStringList());
        QCOMPARE(answer.outcome, SendOutcome::Accepted);
        QCOMPARE(fake.accepted().size(), 1);
        QCOMPARE(answer.providerId, fake.accepted().first().sid);
        QVERIFY(answer.providerId.startsWith(QLatin1String("SM")));
        QCOMPARE(answer.providerId.size(), 34);
        QCOMPARE(answer.providerStatus, QStringLiteral("queued"));
        const FormFields form = fake.lastForm();
        QCOMPARE(form.value(u"To"), QStringLiteral("+14155550123"));
        QCOMPARE(form.value(u"From"), QStringLiteral("+14155550100"));
        QCOMPARE(form.value(u"Body"), body);
        QCOMPARE(form.value(u"StatusCallback"), QStringLiteral("https://hooks.example.com/sms/status"));
        QVERIFY(!form.contains(u"MessagingServiceSid"));
    }

    void twilioRequestShape()
    {
        QJsonObject config {{QStringLiteral("account_sid"), kAccountSid},
            {QStringLiteral("auth_token"), kAuthToken},
            {QStringLiteral("from_number"), QStringLiteral("+14155550100")}};
        OutgoingMessage message = smsTo(QStringLiteral("+14155550123"), QStringLiteral("hi"));
        message.statusCallback.clear();
        const ProviderRequest request = twilioSmsAdapter().request(message, config, {});
        QCOMPARE(request.method, QByteArray("POST"));
        QCOMPARE(request.url.toString(),
            QStringLiteral("https://api.twilio.com/2010-04-01/Accounts/%1/Messages.json").arg(kAccountSid));
        QCOMPARE(request.body, QByteArray("To=%2B14155550123&From=%2B14155550100&Body=hi"));
        // The base URL override keeps no trailing slash.
        config.insert(QStringLiteral("base_url"), QStringLiteral("http://127.0.0.1:9/twilio/"));
        QCOMPARE(twilioSmsAdapter().request(message, config, {}).url.toString(),
            QStringLiteral("http://127.0.0.1:9/twilio/2010-04-01/Accounts/%1/Messages.json")
                .arg(kAccountSid));
    }

    void twilioMessagingService()
    {
        FakeTwilio fake(kAccountSid, kAuthToken);
        QJsonObject config = twilioConfig(fake);
        config.remove(QStringLiteral("from_number"));
        config.insert(QStringLiteral("messaging_service_sid"), kServiceSid);
        const ProviderAnswer answer
            = send(twilioSmsAdapter(), smsTo(QStringLiteral("+14155550123"), QStringLiteral("Hi")), config);
        QCOMPARE(fake.violations(), QStringList());
        QCOMPARE(answer.outcome, SendOutcome::Accepted);
        QCOMPARE(answer.providerStatus, QStringLiteral("accepted"));
        QCOMPARE(fake.lastForm().value(u"MessagingServiceSid"), kServiceSid);
        QVERIFY(!fake.lastForm().contains(u"From"));
    }

    void twilioMessageFromOverridesConfig()
    {
        FakeTwilio fake(kAccountSid, kAuthToken);
        OutgoingMessage message = smsTo(QStringLiteral("+14155550123"), QStringLiteral("Hi"));
        message.from = QStringLiteral("+14155550199");
        QCOMPARE(send(twilioSmsAdapter(), message, twilioConfig(fake)).outcome, SendOutcome::Accepted);
        QCOMPARE(fake.accepted().first().from, QStringLiteral("+14155550199"));
    }

    void twilioInvalidTo()
    {
        FakeTwilio fake(kAccountSid, kAuthToken);
        const ProviderAnswer answer = send(twilioSmsAdapter(),
            smsTo(QStringLiteral("5551234567"), QStringLiteral("Hi")), twilioConfig(fake));
        QCOMPARE(answer.outcome, SendOutcome::Rejected);
        QCOMPARE(answer.errorCode, QStringLiteral("21211"));
        QCOMPARE(
            answer.errorMessage, QStringLiteral("The 'To' number 5551234567 is not a valid phone number."));
        QCOMPARE(fake.violations().size(), 1);
        QVERIFY(fake.violations().first().startsWith(QLatin1String("21211")));
        QVERIFY(fake.accepted().isEmpty());
    }

    void twilioWrongToken()
    {
        FakeTwilio fake(kAccountSid, QStringLiteral("the-real-token"));
        const ProviderAnswer answer = send(twilioSmsAdapter(),
            smsTo(QStringLiteral("+14155550123"), QStringLiteral("Hi")), twilioConfig(fake));
        QCOMPARE(answer.outcome, SendOutcome::Rejected);
        QCOMPARE(answer.errorCode, QStringLiteral("20003"));
        QVERIFY(!answer.errorMessage.contains(kAuthToken));
        QVERIFY(!fake.violations().isEmpty());
    }

    void twilioMissingBody()
    {
        FakeTwilio fake(kAccountSid, kAuthToken);
        const ProviderAnswer answer
            = send(twilioSmsAdapter(), smsTo(QStringLiteral("+14155550123"), QString()), twilioConfig(fake));
        QCOMPARE(answer.outcome, SendOutcome::Rejected);
        QCOMPARE(answer.errorCode, QStringLiteral("21602"));
        QVERIFY(!fake.violations().isEmpty());
    }

    void twilioTooManyRequests()
    {
        FakeTwilio fake(kAccountSid, kAuthToken);
        fake.answerNextTooManyRequests(7);
        const OutgoingMessage message = smsTo(QStringLiteral("+14155550123"), QStringLiteral("Hi"));
        const ProviderAnswer answer = send(twilioSmsAdapter(), message, twilioConfig(fake));
        QCOMPARE(fake.violations(), QStringList());
        QCOMPARE(answer.outcome, SendOutcome::Retry);
        QCOMPARE(answer.retryAfterSeconds, std::optional<int>(7));
        QCOMPARE(answer.errorCode, QStringLiteral("20429"));
        QVERIFY(fake.accepted().isEmpty());
        // The retry goes through.
        QCOMPARE(send(twilioSmsAdapter(), message, twilioConfig(fake)).outcome, SendOutcome::Accepted);
        QCOMPARE(fake.accepted().size(), 1);
    }

    void twilioServerError()
    {
        FakeTwilio fake(kAccountSid, kAuthToken);
        fake.answerNextServerError();
        const ProviderAnswer answer = send(twilioSmsAdapter(),
            smsTo(QStringLiteral("+14155550123"), QStringLiteral("Hi")), twilioConfig(fake));
        QCOMPARE(fake.violations(), QStringList());
        QCOMPARE(answer.outcome, SendOutcome::Retry);
        QCOMPARE(answer.errorCode, QStringLiteral("20500"));
        QCOMPARE(answer.retryAfterSeconds, std::nullopt);
    }

    void twilioNoAnswer()
    {
        const ProviderAnswer answer = twilioSmsAdapter().interpret(0, {}, {});
        QCOMPARE(answer.outcome, SendOutcome::Retry);
        QCOMPARE(answer.errorMessage, QStringLiteral("no answer from Twilio"));
    }

    // ------------------------------------------------------------------------------------ Vonage
    void vonageAccepted()
    {
        FakeVonage fake(kVonageKey, kVonageSecret);
        const OutgoingMessage message
            = smsTo(QStringLiteral("+447700900000"), QStringLiteral("Your code is 1234 [ok]"));
        const ProviderAnswer answer = send(vonageSmsAdapter(), message, vonageConfig(fake));
        QCOMPARE(fake.violations(), QStringList());
        QCOMPARE(answer.outcome, SendOutcome::Accepted);
        QCOMPARE(fake.accepted().size(), 1);
        QCOMPARE(answer.providerId, fake.accepted().first().messageId);
        QCOMPARE(answer.providerId.size(), 16);
        const FormFields form = fake.lastForm();
        QCOMPARE(form.value(u"to"), QStringLiteral("447700900000"));
        QCOMPARE(form.value(u"from"), QStringLiteral("14155550100"));
        QCOMPARE(form.value(u"text"), QStringLiteral("Your code is 1234 [ok]"));
        QVERIFY(!form.contains(u"type"));
        QCOMPARE(form.value(u"client-ref"), QStringLiteral("msg_01HZX3K4P7"));
        QCOMPARE(form.value(u"status-report-req"), QStringLiteral("1"));
        QCOMPARE(form.value(u"callback"), QStringLiteral("https://hooks.example.com/sms/status"));
        QCOMPARE(form.value(u"api_key"), kVonageKey);
    }

    void vonageUnicodeAndLong()
    {
        FakeVonage fake(kVonageKey, kVonageSecret);
        QString text;
        for (int i = 0; i < 40; ++i)
            text += kEmoji; // 80 UTF-16 units: two UCS-2 parts
        const ProviderAnswer answer
            = send(vonageSmsAdapter(), smsTo(QStringLiteral("+447700900000"), text), vonageConfig(fake));
        QCOMPARE(fake.violations(), QStringList());
        QCOMPARE(answer.outcome, SendOutcome::Accepted);
        QCOMPARE(fake.lastForm().value(u"type"), QStringLiteral("unicode"));
        QCOMPARE(fake.lastForm().value(u"text"), text);
        QCOMPARE(fake.accepted().first().parts, 2);
        QCOMPARE(answer.providerId, fake.accepted().first().messageId);
    }

    void vonageAlphanumericSender()
    {
        FakeVonage fake(kVonageKey, kVonageSecret);
        QJsonObject config = vonageConfig(fake);
        config.insert(QStringLiteral("from_number"), QStringLiteral("Switchboard"));
        QCOMPARE(
            send(vonageSmsAdapter(), smsTo(QStringLiteral("+447700900000"), QStringLiteral("Hi")), config)
                .outcome,
            SendOutcome::Accepted);
        QCOMPARE(fake.violations(), QStringList());
        QCOMPARE(fake.accepted().first().from, QStringLiteral("Switchboard"));
    }

    void vonageThrottled()
    {
        FakeVonage fake(kVonageKey, kVonageSecret);
        fake.answerNextStatus(
            QStringLiteral("1"), QStringLiteral("Throughput Rate Exceeded - please wait [ 1000 ] and retry"));
        const ProviderAnswer answer = send(vonageSmsAdapter(),
            smsTo(QStringLiteral("+447700900000"), QStringLiteral("Hi")), vonageConfig(fake));
        QCOMPARE(fake.violations(), QStringList());
        QCOMPARE(answer.outcome, SendOutcome::Retry);
        QCOMPARE(answer.errorCode, QStringLiteral("1"));
        QCOMPARE(
            answer.errorMessage, QStringLiteral("Throughput Rate Exceeded - please wait [ 1000 ] and retry"));
    }

    void vonageBadCredentials()
    {
        FakeVonage fake(kVonageKey, QStringLiteral("another-secret"));
        const ProviderAnswer answer = send(vonageSmsAdapter(),
            smsTo(QStringLiteral("+447700900000"), QStringLiteral("Hi")), vonageConfig(fake));
        QCOMPARE(answer.outcome, SendOutcome::Rejected);
        QCOMPARE(answer.errorCode, QStringLiteral("4"));
        QCOMPARE(answer.errorMessage, QStringLiteral("Bad Credentials"));
        QVERIFY(!answer.errorMessage.contains(kVonageSecret));
        QCOMPARE(fake.violations().size(), 1);
    }

    void vonageMissingTo()
    {
        FakeVonage fake(kVonageKey, kVonageSecret);
        const ProviderAnswer answer = send(vonageSmsAdapter(),
            smsTo(QStringLiteral("not a number"), QStringLiteral("Hi")), vonageConfig(fake));
        QCOMPARE(answer.outcome, SendOutcome::Rejected);
        QCOMPARE(answer.errorCode, QStringLiteral("2"));
        QCOMPARE(answer.errorMessage, QStringLiteral("Missing to param"));
        QVERIFY(!fake.violations().isEmpty());
    }

    void vonageOtherStatuses_data()
    {
        QTest::addColumn<QString>("status");
        QTest::addColumn<int>("outcome");
        QTest::newRow("6 invalid message") << QStringLiteral("6") << int(SendOutcome::Rejected);
        QTest::newRow("9 quota") << QStringLiteral("9") << int(SendOutcome::Rejected);
        QTest::newRow("1 throttled") << QStringLiteral("1") << int(SendOutcome::Retry);
    }
    void vonageOtherStatuses()
    {
        QFETCH(QString, status);
        QFETCH(int, outcome);
        FakeVonage fake(kVonageKey, kVonageSecret);
        fake.answerNextStatus(status, QStringLiteral("reason ") + status);
        const ProviderAnswer answer = send(vonageSmsAdapter(),
            smsTo(QStringLiteral("+447700900000"), QStringLiteral("Hi")), vonageConfig(fake));
        QCOMPARE(int(answer.outcome), outcome);
        QCOMPARE(answer.errorCode, status);
        QCOMPARE(answer.errorMessage, QStringLiteral("reason ") + status);
    }

    void vonageServerError()
    {
        FakeVonage fake(kVonageKey, kVonageSecret);
        fake.answerNextServerError();
        const ProviderAnswer answer = send(vonageSmsAdapter(),
            smsTo(QStringLiteral("+447700900000"), QStringLiteral("Hi")), vonageConfig(fake));
        QCOMPARE(answer.outcome, SendOutcome::Retry);
        QCOMPARE(answer.errorMessage, QStringLiteral("Vonage answered HTTP 500"));
    }

    // ------------------------------------------------------------------------------------ ElevenLabs
    void elevenLabsAccepted()
    {
        FakeElevenLabs fake(kElevenKey);
        OutgoingMessage message;
        message.messageId = QStringLiteral("msg_call_1");
        message.to = QStringLiteral("+14155550123");
        message.extra = QJsonObject {{QStringLiteral("dynamic_variables"),
            QJsonObject {{QStringLiteral("customer_name"), QStringLiteral("Ada")},
                {QStringLiteral("lead_score"), 42}}}};
        const ProviderAnswer answer = send(elevenLabsCallAdapter(), message, elevenConfig(fake));
        QCOMPARE(fake.violations(), QStringList());
        QCOMPARE(answer.outcome, SendOutcome::Accepted);
        QCOMPARE(fake.accepted().size(), 1);
        const FakeElevenLabs::Call &call = fake.accepted().first();
        QCOMPARE(answer.providerId, call.conversationId);
        QCOMPARE(answer.providerStatus, call.callSid);
        QVERIFY(answer.providerStatus.startsWith(QLatin1String("CA")));
        QCOMPARE(call.agentId, QStringLiteral("agent_default"));
        QCOMPARE(call.agentPhoneNumberId, QStringLiteral("phnum_default"));
        QCOMPARE(call.toNumber, QStringLiteral("+14155550123"));
        QCOMPARE(
            call.dynamicVariables.value(QLatin1String("customer_name")).toString(), QStringLiteral("Ada"));
        QCOMPARE(call.dynamicVariables.value(QLatin1String("lead_score")).toInt(), 42);
    }

    void elevenLabsOverridesAndNoVariables()
    {
        FakeElevenLabs fake(kElevenKey);
        OutgoingMessage message;
        message.to = QStringLiteral("+14155550123");
        message.extra = QJsonObject {{QStringLiteral("agent_id"), QStringLiteral("agent_sales")},
            {QStringLiteral("agent_phone_number_id"), QStringLiteral("phnum_sales")}};
        QCOMPARE(send(elevenLabsCallAdapter(), message, elevenConfig(fake)).outcome, SendOutcome::Accepted);
        QCOMPARE(fake.violations(), QStringList());
        QCOMPARE(fake.accepted().first().agentId, QStringLiteral("agent_sales"));
        QCOMPARE(fake.accepted().first().agentPhoneNumberId, QStringLiteral("phnum_sales"));
        QVERIFY(!fake.lastJson().contains(QLatin1String("conversation_initiation_client_data")));
    }

    void elevenLabsWrongKey()
    {
        FakeElevenLabs fake(QStringLiteral("sk_other"));
        OutgoingMessage message;
        message.to = QStringLiteral("+14155550123");
        const ProviderAnswer answer = send(elevenLabsCallAdapter(), message, elevenConfig(fake));
        QCOMPARE(answer.outcome, SendOutcome::Rejected);
        QCOMPARE(answer.errorCode, QStringLiteral("invalid_api_key"));
        QCOMPARE(answer.errorMessage, QStringLiteral("Invalid API key"));
        QVERIFY(!answer.errorMessage.contains(kElevenKey));
        QCOMPARE(fake.violations().size(), 1);
    }

    void elevenLabsInvalidNumber()
    {
        FakeElevenLabs fake(kElevenKey);
        OutgoingMessage message;
        message.to = QStringLiteral("12345");
        const ProviderAnswer answer = send(elevenLabsCallAdapter(), message, elevenConfig(fake));
        QCOMPARE(answer.outcome, SendOutcome::Rejected);
        QCOMPARE(answer.errorCode, QStringLiteral("value_error"));
        QVERIFY2(answer.errorMessage.startsWith(QLatin1String("body.to_number: ")),
            qPrintable(answer.errorMessage));
        QVERIFY(!fake.violations().isEmpty());
    }

    void elevenLabsCallFailed()
    {
        FakeElevenLabs fake(kElevenKey);
        fake.answerNextCallFailed(QStringLiteral("Twilio could not place the call"));
        OutgoingMessage message;
        message.to = QStringLiteral("+14155550123");
        const ProviderAnswer answer = send(elevenLabsCallAdapter(), message, elevenConfig(fake));
        QCOMPARE(fake.violations(), QStringList());
        QCOMPARE(answer.outcome, SendOutcome::Rejected);
        QCOMPARE(answer.errorMessage, QStringLiteral("Twilio could not place the call"));
    }

    void elevenLabsRetry()
    {
        FakeElevenLabs fake(kElevenKey);
        fake.answerNextTooManyRequests(3);
        fake.answerNextServerError();
        OutgoingMessage message;
        message.to = QStringLiteral("+14155550123");
        const ProviderAnswer first = send(elevenLabsCallAdapter(), message, elevenConfig(fake));
        QCOMPARE(first.outcome, SendOutcome::Retry);
        QCOMPARE(first.retryAfterSeconds, std::optional<int>(3));
        QCOMPARE(first.errorCode, QStringLiteral("too_many_concurrent_requests"));
        const ProviderAnswer second = send(elevenLabsCallAdapter(), message, elevenConfig(fake));
        QCOMPARE(second.outcome, SendOutcome::Retry);
        QCOMPARE(second.errorMessage, QStringLiteral("Internal server error"));
        QCOMPARE(send(elevenLabsCallAdapter(), message, elevenConfig(fake)).outcome, SendOutcome::Accepted);
        QCOMPARE(fake.violations(), QStringList());
    }
};

QTEST_GUILESS_MAIN(SmsProvidersTest)
#include "tst_sms_providers.moc"
