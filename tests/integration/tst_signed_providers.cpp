// The AWS SNS, AWS SES and Firebase adapters' requests sent over real HTTP (loopback) to fakes that
// check every documented detail, the SigV4 signature and the service-account JWT included.
#include "ProviderCall.h"
#include "channels/AwsSesAdapter.h"
#include "channels/AwsSnsAdapter.h"
#include "channels/FirebaseAdapter.h"
#include "fakes/AwsFakes.h"
#include "fakes/FirebaseFake.h"

#include <QJsonArray>
#include <QTest>

using namespace sb;
using namespace sb::channels;
using namespace sb::test;

namespace {

QJsonObject awsConfig(const AwsFakeAccount &account, const QString &baseUrl)
{
    QJsonObject config {{QStringLiteral("access_key_id"), account.accessKeyId},
        {QStringLiteral("secret_access_key"), account.secretAccessKey},
        {QStringLiteral("region"), account.region}, {QStringLiteral("base_url"), baseUrl}};
    if (!account.sessionToken.isEmpty())
        config.insert(QStringLiteral("session_token"), account.sessionToken);
    return config;
}

SendContext now()
{
    return SendContext {QDateTime::currentDateTimeUtc(), {}};
}

ProviderAnswer send(const ProviderAdapter &adapter, const OutgoingMessage &message, const QJsonObject &config,
    const SendContext &context = now())
{
    const ProviderReply reply = callProvider(adapter.request(message, config, context));
    return adapter.interpret(reply.status, reply.headers, reply.body);
}

OutgoingMessage sms(const QString &to, const QString &text)
{
    OutgoingMessage message;
    message.messageId = QStringLiteral("msg-1");
    message.to = to;
    message.body = text;
    return message;
}

} // namespace

class TestSignedProviders : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        m_key = TestRsaKey::generate();
        QVERIFY(!m_key.privatePem.isEmpty());
    }

    // ---- SNS ----

    void snsPublishAccepted()
    {
        FakeSns sns;
        const QJsonObject config = awsConfig(sns.account(), sns.baseUrl());
        const auto answer = send(awsSnsAdapter(),
            sms(QStringLiteral("+14155550123"), QStringLiteral("Hé, your code is 4321 & more")), config);
        QVERIFY2(sns.violations().isEmpty(), qPrintable(sns.violations().join(QLatin1Char('\n'))));
        QCOMPARE(answer.outcome, SendOutcome::Accepted);
        QCOMPARE(sns.messageIds().size(), 1);
        QCOMPARE(answer.providerId, sns.messageIds().constFirst());
        const auto fields = sns.published().constFirst();
        QCOMPARE(fields.value(QStringLiteral("PhoneNumber")), QStringLiteral("+14155550123"));
        QCOMPARE(fields.value(QStringLiteral("Message")), QStringLiteral("Hé, your code is 4321 & more"));
        QVERIFY(!fields.contains(QStringLiteral("MessageAttributes.entry.1.Name")));
        // Signed for the host actually called (127.0.0.1:port), region and service sns.
        const auto &request = sns.received().constFirst();
        QCOMPARE(
            request.header("Host"), QStringLiteral("127.0.0.1:%1").arg(QUrl(sns.baseUrl()).port()).toUtf8());
        QVERIFY(request.header("Authorization").contains("/eu-west-1/sns/aws4_request"));
    }

    void snsSenderIdAndSessionToken()
    {
        AwsFakeAccount account;
        account.sessionToken = QStringLiteral("FQoGZXIvYXdzEXAMPLE//session+token==");
        FakeSns sns(account);
        QJsonObject config = awsConfig(account, sns.baseUrl());
        config.insert(QStringLiteral("sender_id"), QStringLiteral("Switchbd"));
        const auto answer
            = send(awsSnsAdapter(), sms(QStringLiteral("+447700900123"), QStringLiteral("hello")), config);
        QVERIFY2(sns.violations().isEmpty(), qPrintable(sns.violations().join(QLatin1Char('\n'))));
        QCOMPARE(answer.outcome, SendOutcome::Accepted);
        const auto fields = sns.published().constFirst();
        QCOMPARE(fields.value(QStringLiteral("MessageAttributes.entry.1.Name")),
            QStringLiteral("AWS.SNS.SMS.SenderID"));
        QCOMPARE(fields.value(QStringLiteral("MessageAttributes.entry.1.Value.DataType")),
            QStringLiteral("String"));
        QCOMPARE(fields.value(QStringLiteral("MessageAttributes.entry.1.Value.StringValue")),
            QStringLiteral("Switchbd"));
        QCOMPARE(sns.received().constFirst().header("X-Amz-Security-Token"), account.sessionToken.toUtf8());
    }

    void snsInvalidParameterRejected()
    {
        FakeSns sns;
        const auto answer = send(awsSnsAdapter(), sms(QStringLiteral("0155 555"), QStringLiteral("hi")),
            awsConfig(sns.account(), sns.baseUrl()));
        QCOMPARE(sns.violations().size(), 1);
        QVERIFY(sns.violations().constFirst().startsWith(
            QLatin1String("InvalidParameter: Invalid parameter: PhoneNumber")));
        QCOMPARE(answer.outcome, SendOutcome::Rejected);
        QCOMPARE(answer.errorCode, QStringLiteral("InvalidParameter"));
        QVERIFY(answer.errorMessage.startsWith(QLatin1String("Invalid parameter: PhoneNumber")));
        QVERIFY(sns.published().isEmpty());
    }

    void snsWrongSecretIsASignatureMismatch()
    {
        FakeSns sns;
        QJsonObject config = awsConfig(sns.account(), sns.baseUrl());
        config.insert(QStringLiteral("secret_access_key"), QStringLiteral("not-the-secret"));
        const auto answer
            = send(awsSnsAdapter(), sms(QStringLiteral("+14155550123"), QStringLiteral("hi")), config);
        QVERIFY(!sns.violations().isEmpty());
        QCOMPARE(answer.outcome, SendOutcome::Rejected);
        QCOMPARE(answer.errorCode, QStringLiteral("SignatureDoesNotMatch"));
        QVERIFY(!answer.errorMessage.contains(QLatin1String("not-the-secret")));
    }

    void snsThrottlingAndServerErrorsRetry()
    {
        FakeSns sns;
        const QJsonObject config = awsConfig(sns.account(), sns.baseUrl());
        sns.throttleNext();
        sns.internalErrorNext();
        const auto throttled
            = send(awsSnsAdapter(), sms(QStringLiteral("+14155550123"), QStringLiteral("a")), config);
        QCOMPARE(throttled.outcome, SendOutcome::Retry);
        QCOMPARE(throttled.errorCode, QStringLiteral("ThrottledException"));
        QCOMPARE(throttled.errorMessage, QStringLiteral("Rate exceeded"));
        QCOMPARE(throttled.retryAfterSeconds, std::optional<int>(1));
        const auto internal
            = send(awsSnsAdapter(), sms(QStringLiteral("+14155550123"), QStringLiteral("a")), config);
        QCOMPARE(internal.outcome, SendOutcome::Retry);
        QCOMPARE(internal.errorCode, QStringLiteral("InternalError"));
        QVERIFY(sns.violations().isEmpty());
        // A 400 Throttling answer (the Query API's other throttling form) is retried too.
        const auto answer = awsSnsAdapter().interpret(400, {},
            "<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate "
            "exceeded</Message></Error></ErrorResponse>");
        QCOMPARE(answer.outcome, SendOutcome::Retry);
    }

    void snsDefaultEndpoint()
    {
        const QJsonObject config {{QStringLiteral("access_key_id"), QStringLiteral("AKID")},
            {QStringLiteral("secret_access_key"), QStringLiteral("secret")},
            {QStringLiteral("region"), QStringLiteral("ap-southeast-2")}};
        const auto request = awsSnsAdapter().request(
            sms(QStringLiteral("+61400000000"), QStringLiteral("x")), config, now());
        QCOMPARE(request.url, QUrl(QStringLiteral("https://sns.ap-southeast-2.amazonaws.com/")));
        QCOMPARE(request.method, QByteArray("POST"));
        QVERIFY(request.body.startsWith(
            "Action=Publish&Version=2010-03-31&PhoneNumber=%2B61400000000&Message=x"));
    }

    // ---- SES ----

    void sesSendAccepted()
    {
        FakeSes ses;
        QJsonObject config = awsConfig(ses.account(), ses.baseUrl());
        config.insert(QStringLiteral("from_email"), QStringLiteral("noreply@example.com"));
        config.insert(QStringLiteral("from_name"), QStringLiteral("Switchboard Ops"));
        OutgoingMessage message;
        message.to = QStringLiteral("ada@example.org");
        message.subject = QStringLiteral("Lead qualified");
        message.body = QStringLiteral("Plain text");
        message.html = QStringLiteral("<p>HTML</p>");
        const auto answer = send(awsSesAdapter(), message, config);
        QVERIFY2(ses.violations().isEmpty(), qPrintable(ses.violations().join(QLatin1Char('\n'))));
        QCOMPARE(answer.outcome, SendOutcome::Accepted);
        QCOMPARE(answer.providerId, ses.messageIds().constFirst());
        const QJsonObject sent = ses.sent().constFirst();
        QCOMPARE(sent.value(QLatin1String("FromEmailAddress")).toString(),
            QStringLiteral("\"Switchboard Ops\" <noreply@example.com>"));
        QCOMPARE(
            sent.value(QLatin1String("Destination")).toObject().value(QLatin1String("ToAddresses")).toArray(),
            QJsonArray {QStringLiteral("ada@example.org")});
        const QJsonObject simple
            = sent.value(QLatin1String("Content")).toObject().value(QLatin1String("Simple")).toObject();
        QCOMPARE(simple.value(QLatin1String("Subject")).toObject().value(QLatin1String("Data")).toString(),
            QStringLiteral("Lead qualified"));
        QCOMPARE(simple.value(QLatin1String("Body"))
                     .toObject()
                     .value(QLatin1String("Html"))
                     .toObject()
                     .value(QLatin1String("Data"))
                     .toString(),
            QStringLiteral("<p>HTML</p>"));
        QCOMPARE(simple.value(QLatin1String("Body"))
                     .toObject()
                     .value(QLatin1String("Text"))
                     .toObject()
                     .value(QLatin1String("Charset"))
                     .toString(),
            QStringLiteral("UTF-8"));
        QVERIFY(ses.received().constFirst().header("Authorization").contains("/eu-west-1/ses/aws4_request"));
    }

    void sesBadRequestRejected()
    {
        FakeSes ses;
        QJsonObject config = awsConfig(ses.account(), ses.baseUrl());
        config.insert(QStringLiteral("from_email"), QStringLiteral("noreply@example.com"));
        OutgoingMessage message;
        message.to = QStringLiteral("not-an-address");
        message.subject = QStringLiteral("s");
        message.body = QStringLiteral("b");
        const auto answer = send(awsSesAdapter(), message, config);
        QCOMPARE(ses.violations().size(), 1);
        QCOMPARE(answer.outcome, SendOutcome::Rejected);
        QCOMPARE(answer.errorCode, QStringLiteral("BadRequestException"));
        QVERIFY(answer.errorMessage.contains(QLatin1String("not-an-address")));
    }

    void sesScriptedErrors()
    {
        FakeSes ses;
        QJsonObject config = awsConfig(ses.account(), ses.baseUrl());
        config.insert(QStringLiteral("from_email"), QStringLiteral("noreply@example.com"));
        OutgoingMessage message;
        message.to = QStringLiteral("ada@example.org");
        message.subject = QStringLiteral("s");
        message.body = QStringLiteral("b");
        ses.rejectNext(QStringLiteral(
            "Email address is not verified. The following identities failed the check: noreply@example.com"));
        ses.throttleNext();
        ses.internalErrorNext();
        const auto rejected = send(awsSesAdapter(), message, config);
        QCOMPARE(rejected.outcome, SendOutcome::Rejected);
        QCOMPARE(rejected.errorCode, QStringLiteral("MessageRejected"));
        QVERIFY(rejected.errorMessage.startsWith(QLatin1String("Email address is not verified")));
        const auto throttled = send(awsSesAdapter(), message, config);
        QCOMPARE(throttled.outcome, SendOutcome::Retry);
        QCOMPARE(throttled.errorCode, QStringLiteral("TooManyRequestsException"));
        QCOMPARE(throttled.retryAfterSeconds, std::optional<int>(2));
        const auto internal = send(awsSesAdapter(), message, config);
        QCOMPARE(internal.outcome, SendOutcome::Retry);
        QCOMPARE(internal.errorCode, QStringLiteral("InternalFailure"));
        QVERIFY(ses.violations().isEmpty());
        QVERIFY(ses.sent().isEmpty());
    }

    void sesDefaultEndpoint()
    {
        const QJsonObject config {{QStringLiteral("region"), QStringLiteral("eu-central-1")},
            {QStringLiteral("from_email"), QStringLiteral("a@b.c")}};
        const auto request
            = awsSesAdapter().request(sms(QStringLiteral("x@y.z"), QStringLiteral("b")), config, now());
        QCOMPARE(request.url,
            QUrl(QStringLiteral("https://email.eu-central-1.amazonaws.com/v2/email/outbound-emails")));
    }

    // ---- Firebase ----

    void firebaseTokenThenSend()
    {
        FirebaseFake fcm(m_key.publicPem, clientEmail(), QStringLiteral("demo-project"));
        const QJsonObject config = firebaseConfig(fcm);
        const SendContext context = now();
        const auto tokenRequest = firebaseAdapter().tokenRequest(config, context);
        QVERIFY(tokenRequest.has_value());
        QCOMPARE(tokenRequest->url, QUrl(fcm.tokenUri()));
        const ProviderReply tokenReply = callProvider(*tokenRequest);
        QVERIFY2(fcm.violations().isEmpty(), qPrintable(fcm.violations().join(QLatin1Char('\n'))));
        const auto token = firebaseAdapter().readToken(tokenReply.status, tokenReply.body, context.now);
        QVERIFY(token.has_value());
        QCOMPARE(token->token, fcm.issuedTokens().constFirst());
        QCOMPARE(token->expiresAt, context.now.addSecs(fcm.expiresIn()));

        OutgoingMessage message;
        message.to = QStringLiteral("device-token-abc");
        message.subject = QStringLiteral("New lead");
        message.body = QStringLiteral("Ada Lovelace asked for a demo");
        message.extra = QJsonObject {{QStringLiteral("data"),
            QJsonObject {{QStringLiteral("lead_id"), 42}, {QStringLiteral("kind"), QStringLiteral("lead")}}}};
        const auto answer = send(firebaseAdapter(), message, config, SendContext {context.now, token->token});
        QVERIFY2(fcm.violations().isEmpty(), qPrintable(fcm.violations().join(QLatin1Char('\n'))));
        QCOMPARE(answer.outcome, SendOutcome::Accepted);
        QCOMPARE(answer.providerId, fcm.names().constFirst());
        QVERIFY(answer.providerId.startsWith(QLatin1String("projects/demo-project/messages/")));
        const QJsonObject sent = fcm.messages().constFirst();
        QCOMPARE(sent.value(QLatin1String("token")).toString(), QStringLiteral("device-token-abc"));
        QCOMPARE(
            sent.value(QLatin1String("notification")).toObject().value(QLatin1String("title")).toString(),
            QStringLiteral("New lead"));
        QCOMPARE(sent.value(QLatin1String("data")).toObject().value(QLatin1String("lead_id")).toString(),
            QStringLiteral("42"));
    }

    void firebaseTokenWithAnotherKeyRefused()
    {
        FirebaseFake fcm(TestRsaKey::generate().publicPem, clientEmail(), QStringLiteral("demo-project"));
        const auto tokenRequest = firebaseAdapter().tokenRequest(firebaseConfig(fcm), now());
        const ProviderReply reply = callProvider(*tokenRequest);
        QCOMPARE(reply.status, 400);
        QVERIFY(reply.body.contains("invalid_grant"));
        QVERIFY(!fcm.violations().isEmpty());
        QVERIFY(!firebaseAdapter()
                     .readToken(reply.status, reply.body, QDateTime::currentDateTimeUtc())
                     .has_value());
    }

    void firebaseBadKeyIsNamed()
    {
        QJsonObject config {{QStringLiteral("project_id"), QStringLiteral("p")},
            {QStringLiteral("client_email"), clientEmail()},
            {QStringLiteral("private_key"),
                QStringLiteral("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")}};
        QCOMPARE(FirebaseAdapter::assertionError(config),
            QStringLiteral("private_key is not a readable PEM private key"));
        config.insert(QStringLiteral("private_key"), QString::fromUtf8(m_key.privatePem));
        QCOMPARE(FirebaseAdapter::assertionError(config), QString());
    }

    void firebaseErrors()
    {
        FirebaseFake fcm(m_key.publicPem, clientEmail(), QStringLiteral("demo-project"));
        const QJsonObject config = firebaseConfig(fcm);
        const ProviderReply tokenReply = callProvider(*firebaseAdapter().tokenRequest(config, now()));
        const auto token = firebaseAdapter().readToken(
            tokenReply.status, tokenReply.body, QDateTime::currentDateTimeUtc());
        QVERIFY(token.has_value());
        const SendContext context {QDateTime::currentDateTimeUtc(), token->token};
        OutgoingMessage message;
        message.to = QStringLiteral("stale-device");
        message.subject = QStringLiteral("t");
        message.body = QStringLiteral("b");

        fcm.unregister(QStringLiteral("stale-device"));
        const auto unregistered = send(firebaseAdapter(), message, config, context);
        QCOMPARE(unregistered.outcome, SendOutcome::Rejected);
        QCOMPARE(unregistered.errorCode, QStringLiteral("UNREGISTERED"));
        QCOMPARE(unregistered.errorMessage, QStringLiteral("Requested entity was not found."));

        message.to = QStringLiteral("device-2");
        fcm.unavailableNext();
        const auto unavailable = send(firebaseAdapter(), message, config, context);
        QCOMPARE(unavailable.outcome, SendOutcome::Retry);
        QCOMPARE(unavailable.errorCode, QStringLiteral("UNAVAILABLE"));
        QCOMPARE(unavailable.retryAfterSeconds, std::optional<int>(5));
        QVERIFY(fcm.violations().isEmpty());

        // A token the server never issued: UNAUTHENTICATED (the caller fetches a new one and retries).
        const auto stale = send(
            firebaseAdapter(), message, config, SendContext {context.now, QStringLiteral("ya29.expired")});
        QCOMPARE(stale.outcome, SendOutcome::Retry);
        QCOMPARE(stale.errorCode, QStringLiteral("UNAUTHENTICATED"));

        // A malformed message: INVALID_ARGUMENT, refused, and the fake saw the violation.
        message.to.clear();
        const auto invalid = send(firebaseAdapter(), message, config, context);
        QCOMPARE(invalid.outcome, SendOutcome::Rejected);
        QCOMPARE(invalid.errorCode, QStringLiteral("INVALID_ARGUMENT"));
        QVERIFY(!fcm.violations().isEmpty());
    }

    void firebaseDefaults()
    {
        const QJsonObject config {{QStringLiteral("project_id"), QStringLiteral("my-proj")},
            {QStringLiteral("client_email"), clientEmail()},
            {QStringLiteral("private_key"), QString::fromUtf8(m_key.privatePem)}};
        const auto request = firebaseAdapter().request(
            sms(QStringLiteral("t"), QStringLiteral("b")), config, SendContext {{}, QStringLiteral("tok")});
        QCOMPARE(request.url,
            QUrl(QStringLiteral("https://fcm.googleapis.com/v1/projects/my-proj/messages:send")));
        QVERIFY(request.headers.contains(QPair<QByteArray, QByteArray>("Authorization", "Bearer tok")));
        const auto tokenRequest = firebaseAdapter().tokenRequest(config, now());
        QCOMPARE(tokenRequest->url, QUrl(QStringLiteral("https://oauth2.googleapis.com/token")));
        QVERIFY(tokenRequest->body.startsWith(
            "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=ey"));
        const auto token = firebaseAdapter().readToken(200,
            R"({"access_token":"ya29.x","expires_in":3599,"token_type":"Bearer"})",
            QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC));
        QCOMPARE(token->expiresAt, QDateTime(QDate(2026, 1, 1), QTime(0, 59, 59), Qt::UTC));
    }

private:
    static QString clientEmail() { return QStringLiteral("fcm-sender@demo-project.iam.gserviceaccount.com"); }
    QJsonObject firebaseConfig(const FirebaseFake &fcm) const
    {
        return QJsonObject {{QStringLiteral("project_id"), QStringLiteral("demo-project")},
            {QStringLiteral("client_email"), clientEmail()},
            {QStringLiteral("private_key"), QString::fromUtf8(m_key.privatePem)},
            {QStringLiteral("token_uri"), fcm.tokenUri()}, {QStringLiteral("base_url"), fcm.baseUrl()}};
    }

    TestRsaKey m_key;
};

QTEST_GUILESS_MAIN(TestSignedProviders)
#include "tst_signed_providers.moc"
