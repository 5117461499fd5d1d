// Each email, push and chat adapter's request sent over real HTTP to a fake of its provider: the
// fake checks every documented detail, and the adapter reads the provider's answers (success with
// its id, documented errors → Rejected with the provider's words, 429/5xx → Retry).

#include "ProviderCall.h"
#include "channels/DiscordWebhookAdapter.h"
#include "channels/MailgunAdapter.h"
#include "channels/OneSignalAdapter.h"
#include "channels/SendGridAdapter.h"
#include "channels/SlackWebhookAdapter.h"
#include "channels/TeamsWebhookAdapter.h"
#include "fakes/ChatFakes.h"
#include "fakes/EmailFakes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>
#include <QUuid>
#include <QtTest>

using namespace sb;
using namespace sb::channels;
using namespace sb::test;

namespace {

SendContext context()
{
    return SendContext {QDateTime::currentDateTimeUtc(), {}};
}

ProviderAnswer deliver(const ProviderAdapter &adapter, const ProviderRequest &request)
{
    const auto reply = callProvider(request);
    if (!reply.error.isEmpty())
        qWarning() << "transport error" << reply.error;
    return adapter.interpret(reply.status, reply.headers, reply.body);
}

ProviderAnswer send(const ProviderAdapter &adapter, const OutgoingMessage &message, const QJsonObject &config)
{
    return deliver(adapter, adapter.request(message, config, context()));
}

QJsonObject jsonOf(const QByteArray &body)
{
    return QJsonDocument::fromJson(body).object();
}

MailChatFake::Answer answer(
    int status, const QByteArray &body, QList<QPair<QByteArray, QByteArray>> headers = {})
{
    MailChatFake::Answer result;
    result.status = status;
    result.body = body;
    result.headers = std::move(headers);
    return result;
}

const QString subscriptionA = QStringLiteral("1dd608f2-c6a1-11e3-851d-000c2940e62c");
const QString subscriptionB = QStringLiteral("2ee719f3-d7b2-22f4-962e-111d3a51f73d");

} // namespace

class TestEmailChatProviders : public QObject
{
    Q_OBJECT

private slots:
    // ---------------------------------------------------------------- SendGrid
    void sendGridAccepted()
    {
        FakeSendGrid fake;
        const QJsonObject config {{QStringLiteral("api_key"), fake.apiKey()},
            {QStringLiteral("from_email"), QStringLiteral("noreply@example.com")},
            {QStringLiteral("from_name"), QStringLiteral("Example ISP")},
            {QStringLiteral("base_url"), fake.baseUrl()}};
        OutgoingMessage message;
        message.messageId = QStringLiteral("msg-101");
        message.to = QStringLiteral("Ada Lovelace <ada@example.com>");
        message.subject = QStringLiteral("Welcome");
        message.body = QStringLiteral("Hello Ada");
        message.html = QStringLiteral("<p>Hello Ada</p>");

        const auto result = send(sendGridAdapter(), message, config);
        QCOMPARE(fake.violations(), QStringList());
        QCOMPARE(result.outcome, SendOutcome::Accepted);
        QCOMPARE(fake.messageIds().size(), 1);
        QCOMPARE(result.providerId, fake.messageIds().first());

        QCOMPARE(fake.accepted().size(), 1);
        const auto body = jsonOf(fake.accepted().first().body);
        const auto personalization
            = body.value(QLatin1String("personalizations")).toArray().first().toObject();
        const auto to = personalization.value(QLatin1String("to")).toArray().first().toObject();
        QCOMPARE(to.value(QLatin1String("email")).toString(), QStringLiteral("ada@example.com"));
        QCOMPARE(to.value(QLatin1String("name")).toString(), QStringLiteral("Ada Lovelace"));
        QCOMPARE(personalization.value(QLatin1String("custom_args"))
                     .toObject()
                     .value(QLatin1String("switchboard_message_id"))
                     .toString(),
            QStringLiteral("msg-101"));
        const auto from = body.value(QLatin1String("from")).toObject();
        QCOMPARE(from.value(QLatin1String("email")).toString(), QStringLiteral("noreply@example.com"));
        QCOMPARE(from.value(QLatin1String("name")).toString(), QStringLiteral("Example ISP"));
        QCOMPARE(body.value(QLatin1String("subject")).toString(), QStringLiteral("Welcome"));
        const auto content = body.value(QLatin1String("content")).toArray();
        QCOMPARE(content.size(), 2);
        QCOMPARE(
            content.at(0).toObject().value(QLatin1String("type")).toString(), QStringLiteral("text/plain"));
        QCOMPARE(
            content.at(0).toObject().value(QLatin1String("value")).toString(), QStringLiteral("Hello Ada"));
        QCOMPARE(
            content.at(1).toObject().value(QLatin1String("type")).toString(), QStringLiteral("text/html"));
        QCOMPARE(
            fake.accepted().first().header("Authorization"), QByteArray("Bearer " + fake.apiKey().toUtf8()));

        // HTML only, sender overridden per message.
        message.body.clear();
        message.from = QStringLiteral("Support <support@example.com>");
        QCOMPARE(send(sendGridAdapter(), message, config).outcome, SendOutcome::Accepted);
        QCOMPARE(fake.violations(), QStringList());
        const auto second = jsonOf(fake.accepted().last().body);
        QCOMPARE(second.value(QLatin1String("content")).toArray().size(), 1);
        QCOMPARE(second.value(QLatin1String("from")).toObject().value(QLatin1String("name")).toString(),
            QStringLiteral("Support"));
    }

    void sendGridErrors()
    {
        FakeSendGrid fake;
        QJsonObject config {{QStringLiteral("api_key"), QStringLiteral("SG.wrong-key")},
            {QStringLiteral("from_email"), QStringLiteral("noreply@example.com")},
            {QStringLiteral("base_url"), QString(fake.baseUrl() + QLatin1Char('/'))}};
        OutgoingMessage message;
        message.to = QStringLiteral("ada@example.com");
        message.subject = QStringLiteral("Hi");
        message.body = QStringLiteral("Hello");

        auto result = send(sendGridAdapter(), message, config);
        QCOMPARE(result.outcome, SendOutcome::Rejected);
        QVERIFY2(result.errorMessage.contains(QLatin1String("authorization grant is invalid")),
            qPrintable(result.errorMessage));
        QVERIFY(!result.errorMessage.contains(QLatin1String("SG.wrong-key")));
        QCOMPARE(fake.violations().size(), 1);

        fake.clearViolations();
        config.insert(QStringLiteral("api_key"), fake.apiKey());
        message.to = QStringLiteral("not-an-address");
        result = send(sendGridAdapter(), message, config);
        QCOMPARE(result.outcome, SendOutcome::Rejected);
        QVERIFY2(result.errorMessage.contains(QLatin1String("personalizations.0.to.0.email")),
            qPrintable(result.errorMessage));
        QVERIFY(!fake.violations().isEmpty());

        fake.clearViolations();
        message.to = QStringLiteral("ada@example.com");
        fake.rateLimitNext(7);
        result = send(sendGridAdapter(), message, config);
        QCOMPARE(result.outcome, SendOutcome::Retry);
        QCOMPARE(result.retryAfterSeconds.value_or(-1), 7);
        QVERIFY(result.errorMessage.contains(QLatin1String("too many requests")));

        fake.answerNext(answer(500, "{\"errors\":[{\"message\":\"internal error\",\"field\":null}]}"));
        result = send(sendGridAdapter(), message, config);
        QCOMPARE(result.outcome, SendOutcome::Retry);
        QCOMPARE(result.errorMessage, QStringLiteral("internal error"));
        QCOMPARE(fake.violations(), QStringList());
        QVERIFY(fake.accepted().isEmpty());
    }

    // ---------------------------------------------------------------- Mailgun
    void mailgunAccepted()
    {
        FakeMailgun fake;
        const QJsonObject config {{QStringLiteral("api_key"), fake.apiKey()},
            {QStringLiteral("domain"), fake.domain()},
            {QStringLiteral("from_email"), QStringLiteral("noreply@mg.example.com")},
            {QStringLiteral("from_name"), QStringLiteral("Example, Inc.")},
            {QStringLiteral("base_url"), QString(fake.baseUrl() + QLatin1Char('/'))}};
        OutgoingMessage message;
        message.messageId = QStringLiteral("msg-202");
        message.to = QStringLiteral("Ada <ada@example.com>");
        message.subject = QStringLiteral("Invoice");
        message.body = QStringLiteral("Your invoice — 42 €");
        message.html = QStringLiteral("<b>Your invoice</b>");
        message.extra.insert(QStringLiteral("headers"),
            QJsonObject {{QStringLiteral("X-Campaign"), QStringLiteral("spring\r\nBcc: evil@example.com")},
                {QStringLiteral("Bad Name"), QStringLiteral("dropped")}});

        const auto result = send(mailgunAdapter(), message, config);
        QCOMPARE(fake.violations(), QStringList());
        QCOMPARE(result.outcome, SendOutcome::Accepted);
        QCOMPARE(result.providerId, fake.messageIds().first());
        QVERIFY(result.providerId.startsWith(QLatin1Char('<')));

        const auto &request = fake.accepted().first();
        QCOMPARE(request.target, QByteArray("/v3/mg.example.com/messages"));
        QCOMPARE(FakeMailgun::field(request, QStringLiteral("from")),
            QStringLiteral("\"Example, Inc.\" <noreply@mg.example.com>"));
        QCOMPARE(FakeMailgun::field(request, QStringLiteral("to")), message.to);
        QCOMPARE(FakeMailgun::field(request, QStringLiteral("subject")), message.subject);
        QCOMPARE(FakeMailgun::field(request, QStringLiteral("text")), message.body);
        QCOMPARE(FakeMailgun::field(request, QStringLiteral("html")), message.html);
        QCOMPARE(FakeMailgun::field(request, QStringLiteral("v:switchboard_message_id")),
            QStringLiteral("msg-202"));
        QCOMPARE(FakeMailgun::field(request, QStringLiteral("h:X-Campaign")),
            QStringLiteral("spring  Bcc: evil@example.com"));
        for (const auto &[name, value] : FakeMailgun::fields(request))
            QVERIFY2(!name.contains(QLatin1String("Bad Name")), qPrintable(name));

        // The request is a pure function of its inputs: the same message gives the same bytes.
        const auto again = mailgunAdapter().request(message, config, context());
        QCOMPARE(again.body, request.body);
    }

    void mailgunErrors()
    {
        FakeMailgun fake;
        QJsonObject config {{QStringLiteral("api_key"), QStringLiteral("key-wrong")},
            {QStringLiteral("domain"), fake.domain()},
            {QStringLiteral("from_email"), QStringLiteral("noreply@mg.example.com")},
            {QStringLiteral("base_url"), fake.baseUrl()}};
        OutgoingMessage message;
        message.to = QStringLiteral("ada@example.com");
        message.subject = QStringLiteral("Hi");
        message.body = QStringLiteral("Hello");

        auto result = send(mailgunAdapter(), message, config);
        QCOMPARE(result.outcome, SendOutcome::Rejected);
        QCOMPARE(result.errorMessage, QStringLiteral("Forbidden"));
        QCOMPARE(fake.violations().size(), 1);

        fake.clearViolations();
        config.insert(QStringLiteral("api_key"), fake.apiKey());
        config.insert(QStringLiteral("domain"), QStringLiteral("other.example.com"));
        result = send(mailgunAdapter(), message, config);
        QCOMPARE(result.outcome, SendOutcome::Rejected);
        QCOMPARE(result.errorMessage, QStringLiteral("Domain not found"));
        QVERIFY(!fake.violations().isEmpty());

        fake.clearViolations();
        config.insert(QStringLiteral("domain"), fake.domain());
        message.to = QStringLiteral("ada@@example.com");
        result = send(mailgunAdapter(), message, config);
        QCOMPARE(result.outcome, SendOutcome::Rejected);
        QCOMPARE(result.errorMessage,
            QStringLiteral("'to' parameter is not a valid address. please check documentation"));
        QVERIFY(!fake.violations().isEmpty());

        fake.clearViolations();
        message.to = QStringLiteral("ada@example.com");
        message.body.clear();
        result = send(mailgunAdapter(), message, config);
        QCOMPARE(result.outcome, SendOutcome::Rejected);
        QVERIFY(result.errorMessage.startsWith(QLatin1String("Need at least one of 'text'")));
        QVERIFY(!fake.violations().isEmpty());

        fake.clearViolations();
        message.body = QStringLiteral("Hello");
        fake.answerNext(answer(429, "{\"message\":\"Too many requests\"}", {{"Retry-After", "12"}}));
        result = send(mailgunAdapter(), message, config);
        QCOMPARE(result.outcome, SendOutcome::Retry);
        QCOMPARE(result.retryAfterSeconds.value_or(-1), 12);
        QCOMPARE(result.errorMessage, QStringLiteral("Too many requests"));

        fake.answerNext(answer(503, "<html>Service Unavailable</html>"));
        result = send(mailgunAdapter(), message, config);
        QCOMPARE(result.outcome, SendOutcome::Retry);
        QCOMPARE(result.errorMessage, QStringLiteral("<html>Service Unavailable</html>"));
        QCOMPARE(fake.violations(), QStringList());
        QVERIFY(fake.accepted().isEmpty());

        // The default base is the US region; base_url points at the EU one.
        QCOMPARE(mailgunAdapter()
                     .request(message, {{QStringLiteral("domain"), QStringLiteral("d.example")}}, context())
                     .url.toString(),
            QStringLiteral("https://api.mailgun.net/v3/d.example/messages"));
        QCOMPARE(mailgunAdapter()
                     .request(message,
                         {{QStringLiteral("domain"), QStringLiteral("d.example")},
                             {QStringLiteral("base_url"), QStringLiteral("https://api.eu.mailgun.net")}},
                         context())
                     .url.toString(),
            QStringLiteral("https://api.eu.mailgun.net/v3/d.example/messages"));
    }

    // ---------------------------------------------------------------- OneSignal
    void oneSignalAccepted()
    {
        FakeOneSignal fake;
        const QJsonObject config {{QStringLiteral("app_id"), fake.appId()},
            {QStringLiteral("api_key"), fake.apiKey()}, {QStringLiteral("base_url"), fake.baseUrl()}};
        OutgoingMessage message;
        message.to = subscriptionA + QStringLiteral(", ") + subscriptionB;
        message.subject = QStringLiteral("Order shipped");
        message.body = QStringLiteral("Your order 42 is on its way");
        message.idempotencyKey = QStringLiteral("outbox-77");
        message.extra.insert(
            QStringLiteral("data"), QJsonObject {{QStringLiteral("order"), QStringLiteral("42")}});

        const auto result = send(oneSignalAdapter(), message, config);
        QCOMPARE(fake.violations(), QStringList());
        QCOMPARE(result.outcome, SendOutcome::Accepted);
        QVERIFY(!QUuid(result.providerId).isNull());
        QCOMPARE(result.errorMessage, QString());

        const auto &request = fake.accepted().first();
        QCOMPARE(request.target, QByteArray("/notifications?c=push"));
        QCOMPARE(request.header("Authorization"), QByteArray("Key " + fake.apiKey().toUtf8()));
        const auto body = jsonOf(request.body);
        QCOMPARE(body.value(QLatin1String("app_id")).toString(), fake.appId());
        QCOMPARE(body.value(QLatin1String("target_channel")).toString(), QStringLiteral("push"));
        QVERIFY(body.value(QLatin1String("include_subscription_ids")).toArray()
            == QJsonArray({subscriptionA, subscriptionB}));
        QCOMPARE(body.value(QLatin1String("contents")).toObject().value(QLatin1String("en")).toString(),
            message.body);
        QCOMPARE(body.value(QLatin1String("headings")).toObject().value(QLatin1String("en")).toString(),
            message.subject);
        QCOMPARE(body.value(QLatin1String("data")).toObject().value(QLatin1String("order")).toString(),
            QStringLiteral("42"));
        const auto key = body.value(QLatin1String("idempotency_key")).toString();
        QCOMPARE(key, oneSignalIdempotencyKey(QStringLiteral("outbox-77")));
        QCOMPARE(QUuid(key).version(), QUuid::Sha1);

        // A retry of the same message carries the same key: OneSignal replays, nothing is sent twice.
        const auto retried = send(oneSignalAdapter(), message, config);
        QCOMPARE(retried.outcome, SendOutcome::Accepted);
        QCOMPARE(retried.providerId, result.providerId);
        QCOMPARE(fake.notificationsCreated(), 1);

        // A key that already is a UUID is sent as is.
        const auto uuid = QStringLiteral("c2f4e8a0-8d2b-4b7e-9f7a-2d1e5c3b4a69");
        QCOMPARE(oneSignalIdempotencyKey(uuid), uuid);
        QCOMPARE(oneSignalIdempotencyKey(QString()), QString());

        // Some recipients unsubscribed: sent to the others, the invalid ids reported.
        fake.unsubscribe(subscriptionB);
        message.idempotencyKey = QStringLiteral("outbox-78");
        const auto partial = send(oneSignalAdapter(), message, config);
        QCOMPARE(partial.outcome, SendOutcome::Accepted);
        QVERIFY2(partial.errorMessage.contains(subscriptionB), qPrintable(partial.errorMessage));
        QCOMPARE(fake.violations(), QStringList());
    }

    void oneSignalErrors()
    {
        FakeOneSignal fake;
        QJsonObject config {{QStringLiteral("app_id"), fake.appId()},
            {QStringLiteral("api_key"), QStringLiteral("wrong")},
            {QStringLiteral("base_url"), fake.baseUrl()}};
        OutgoingMessage message;
        message.to = subscriptionA;
        message.body = QStringLiteral("Hello");

        auto result = send(oneSignalAdapter(), message, config);
        QCOMPARE(result.outcome, SendOutcome::Rejected);
        QVERIFY2(
            result.errorMessage.startsWith(QLatin1String("Access denied")), qPrintable(result.errorMessage));
        QCOMPARE(fake.violations().size(), 1);

        // Every recipient unsubscribed: 200 without a notification id is a refusal.
        fake.clearViolations();
        config.insert(QStringLiteral("api_key"), fake.apiKey());
        fake.unsubscribe(subscriptionA);
        result = send(oneSignalAdapter(), message, config);
        QCOMPARE(result.outcome, SendOutcome::Rejected);
        QCOMPARE(result.errorMessage, QStringLiteral("All included players are not subscribed"));
        QCOMPARE(result.providerId, QString());
        QCOMPARE(fake.violations(), QStringList());

        message.to = QStringLiteral("not-a-subscription-id");
        result = send(oneSignalAdapter(), message, config);
        QCOMPARE(result.outcome, SendOutcome::Rejected);
        QVERIFY(result.errorMessage.contains(QLatin1String("include_subscription_ids")));
        QVERIFY(!fake.violations().isEmpty());

        fake.clearViolations();
        message.to = subscriptionB;
        fake.answerNext(answer(429, "{\"errors\":[\"API rate limit exceeded\"]}", {{"Retry-After", "3"}}));
        result = send(oneSignalAdapter(), message, config);
        QCOMPARE(result.outcome, SendOutcome::Retry);
        QCOMPARE(result.retryAfterSeconds.value_or(-1), 3);
        QCOMPARE(result.errorMessage, QStringLiteral("API rate limit exceeded"));

        fake.answerNext(answer(503, "{\"errors\":[\"Service Unavailable\"]}"));
        QCOMPARE(send(oneSignalAdapter(), message, config).outcome, SendOutcome::Retry);
        QCOMPARE(fake.violations(), QStringList());
    }

    // ---------------------------------------------------------------- Slack
    void slackWebhook()
    {
        FakeSlack fake;
        QJsonObject config {{QStringLiteral("webhook_url"), fake.webhookUrl()}};
        OutgoingMessage message;
        message.subject = QStringLiteral("Deploy");
        message.body = QStringLiteral("a < b & c > d");

        auto result = send(slackWebhookAdapter(), message, config);
        QCOMPARE(fake.violations(), QStringList());
        QCOMPARE(result.outcome, SendOutcome::Accepted);
        QCOMPARE(jsonOf(fake.accepted().first().body).value(QLatin1String("text")).toString(),
            QStringLiteral("*Deploy*\na &lt; b &amp; c &gt; d"));

        message.subject.clear();
        message.body.clear();
        result = send(slackWebhookAdapter(), message, config);
        QCOMPARE(result.outcome, SendOutcome::Rejected);
        QCOMPARE(result.errorCode, QStringLiteral("no_text"));
        QVERIFY(!fake.violations().isEmpty());

        fake.clearViolations();
        message.body = QStringLiteral("hello");
        result = send(slackWebhookAdapter(), message,
            {{QStringLiteral("webhook_url"),
                QString(fake.baseUrl() + QStringLiteral("/services/T0/B0/revoked"))}});
        QCOMPARE(result.outcome, SendOutcome::Rejected);
        QCOMPARE(result.errorCode, QStringLiteral("no_service"));
        QVERIFY(!fake.violations().isEmpty());

        fake.clearViolations();
        fake.answerNext(answer(429, "rate_limited", {{"Retry-After", "30"}}));
        result = send(slackWebhookAdapter(), message, config);
        QCOMPARE(result.outcome, SendOutcome::Retry);
        QCOMPARE(result.retryAfterSeconds.value_or(-1), 30);

        fake.answerNext(answer(500, "rollup_error"));
        result = send(slackWebhookAdapter(), message, config);
        QCOMPARE(result.outcome, SendOutcome::Retry);
        QCOMPARE(result.errorCode, QStringLiteral("rollup_error"));

        fake.archive();
        result = send(slackWebhookAdapter(), message, config);
        QCOMPARE(result.outcome, SendOutcome::Rejected);
        QCOMPARE(result.errorMessage, QStringLiteral("channel_is_archived"));
        QCOMPARE(fake.violations(), QStringList());
        QCOMPARE(fake.accepted().size(), 1);
    }

    // ---------------------------------------------------------------- Teams
    void teamsWorkflowWebhook()
    {
        FakeTeams fake;
        const QJsonObject config {{QStringLiteral("webhook_url"), fake.webhookUrl()}};
        OutgoingMessage message;
        message.subject = QStringLiteral("Backup finished");
        message.body = QStringLiteral("3 files, 0 errors");

        auto result = send(teamsWebhookAdapter(), message, config);
        QCOMPARE(fake.violations(), QStringList());
        QCOMPARE(result.outcome, SendOutcome::Accepted);
        const auto activity = jsonOf(fake.accepted().first().body);
        QCOMPARE(activity.value(QLatin1String("type")).toString(), QStringLiteral("message"));
        const auto attachment = activity.value(QLatin1String("attachments")).toArray().first().toObject();
        QCOMPARE(attachment.value(QLatin1String("contentType")).toString(),
            QStringLiteral("application/vnd.microsoft.card.adaptive"));
        const auto blocks
            = attachment.value(QLatin1String("content")).toObject().value(QLatin1String("body")).toArray();
        QCOMPARE(blocks.size(), 2);
        QCOMPARE(blocks.at(0).toObject().value(QLatin1String("text")).toString(), message.subject);
        QCOMPARE(blocks.at(0).toObject().value(QLatin1String("weight")).toString(), QStringLiteral("Bolder"));
        QCOMPARE(blocks.at(1).toObject().value(QLatin1String("text")).toString(), message.body);

        // A legacy MessageCard does not match the Workflows trigger's schema.
        auto legacy = teamsWebhookAdapter().request(message, config, context());
        legacy.body = R"({"@type":"MessageCard","@context":"http://schema.org/extensions","text":"hi"})";
        result = deliver(teamsWebhookAdapter(), legacy);
        QCOMPARE(result.outcome, SendOutcome::Rejected);
        QCOMPARE(result.errorCode, QStringLiteral("TriggerInputSchemaMismatch"));
        QVERIFY(!fake.violations().isEmpty());

        fake.clearViolations();
        auto wrongSig = fake.webhookUrl();
        wrongSig.replace(QLatin1String("sig=fakeSignature123"), QLatin1String("sig=tampered"));
        result = send(teamsWebhookAdapter(), message, {{QStringLiteral("webhook_url"), wrongSig}});
        QCOMPARE(result.outcome, SendOutcome::Rejected);
        QCOMPARE(result.errorCode, QStringLiteral("DirectApiInvalidAuthorizationSignature"));
        QVERIFY(!fake.violations().isEmpty());

        fake.clearViolations();
        fake.answerNext(answer(429,
            R"({"error":{"code":"WorkflowTriggeredTooFrequently","message":"Rate limit is exceeded."}})",
            {{"Retry-After", "5"}}));
        result = send(teamsWebhookAdapter(), message, config);
        QCOMPARE(result.outcome, SendOutcome::Retry);
        QCOMPARE(result.retryAfterSeconds.value_or(-1), 5);
        QCOMPARE(result.errorMessage, QStringLiteral("Rate limit is exceeded."));
        QCOMPARE(fake.violations(), QStringList());
    }

    // ---------------------------------------------------------------- Discord
    void discordWebhook()
    {
        FakeDiscord fake;
        const QJsonObject config {{QStringLiteral("webhook_url"), fake.webhookUrl()}};
        OutgoingMessage message;
        message.body = QStringLiteral("Build green @everyone");

        auto result = send(discordWebhookAdapter(), message, config);
        QCOMPARE(fake.violations(), QStringList());
        QCOMPARE(result.outcome, SendOutcome::Accepted);
        QCOMPARE(result.providerId, fake.messageIds().first());
        const auto &request = fake.accepted().first();
        QCOMPARE(QUrlQuery(QUrl(QString::fromUtf8(request.target))).queryItemValue(QStringLiteral("wait")),
            QStringLiteral("true"));
        const auto body = jsonOf(request.body);
        QCOMPARE(body.value(QLatin1String("content")).toString(), message.body);
        QVERIFY(
            body.value(QLatin1String("allowed_mentions")).toObject().value(QLatin1String("parse")).isArray());
        QVERIFY(body.value(QLatin1String("allowed_mentions"))
                    .toObject()
                    .value(QLatin1String("parse"))
                    .toArray()
                    .isEmpty());

        // A thread id in the URL is kept; text over 2000 characters is cut to 2000.
        message.body = QString(2500, QLatin1Char('x'));
        result = send(discordWebhookAdapter(), message,
            {{QStringLiteral("webhook_url"), QString(fake.webhookUrl() + QStringLiteral("?thread_id=42"))}});
        QCOMPARE(fake.violations(), QStringList());
        QCOMPARE(result.outcome, SendOutcome::Accepted);
        const auto clipped = jsonOf(fake.accepted().last().body).value(QLatin1String("content")).toString();
        QCOMPARE(clipped.size(), discordContentLimit);
        QVERIFY(clipped.endsWith(QStringLiteral("…")));
        QCOMPARE(QUrlQuery(QUrl(QString::fromUtf8(fake.accepted().last().target)))
                     .queryItemValue(QStringLiteral("thread_id")),
            QStringLiteral("42"));

        // Sent without the adapter's cut: Discord's nested form error.
        auto tooLong = discordWebhookAdapter().request(message, config, context());
        tooLong.body = QJsonDocument(QJsonObject {{QStringLiteral("content"), message.body}}).toJson();
        result = deliver(discordWebhookAdapter(), tooLong);
        QCOMPARE(result.outcome, SendOutcome::Rejected);
        QCOMPARE(result.errorCode, QStringLiteral("50035"));
        QCOMPARE(result.errorMessage,
            QStringLiteral("Invalid Form Body (content: Must be 2000 or fewer in length.)"));
        QVERIFY(!fake.violations().isEmpty());

        fake.clearViolations();
        auto unknown = fake.webhookUrl();
        unknown.replace(QLatin1String("223704706495545344"), QLatin1String("999"));
        result = send(discordWebhookAdapter(), message, {{QStringLiteral("webhook_url"), unknown}});
        QCOMPARE(result.outcome, SendOutcome::Rejected);
        QCOMPARE(result.errorCode, QStringLiteral("10015"));
        QCOMPARE(result.errorMessage, QStringLiteral("Unknown Webhook"));
        QVERIFY(!fake.violations().isEmpty());

        fake.clearViolations();
        fake.rateLimitNext(1.5);
        result = send(discordWebhookAdapter(), message, config);
        QCOMPARE(result.outcome, SendOutcome::Retry);
        QCOMPARE(result.retryAfterSeconds.value_or(-1), 2);
        QCOMPARE(result.errorMessage, QStringLiteral("You are being rate limited."));

        fake.answerNext(answer(502, "<html>Bad Gateway</html>"));
        QCOMPARE(send(discordWebhookAdapter(), message, config).outcome, SendOutcome::Retry);
        QCOMPARE(fake.violations(), QStringList());
    }
};

QTEST_GUILESS_MAIN(TestEmailChatProviders)
#include "tst_email_chat_providers.moc"
