#pragma once

#include "WebhookReceiver.h"

#include <QJsonObject>
#include <QMap>
#include <QStringList>
#include <deque>
#include <optional>

namespace sb::test {

// The AWS account a fake accepts: requests must be signed (Signature Version 4) with this key for
// this region and service; a session token, when set, must be sent and signed.
struct AwsFakeAccount
{
    QString accessKeyId = QStringLiteral("AKIDSWITCHBOARDTEST");
    QString secretAccessKey = QStringLiteral("switchboard/test/SECRET+key0123456789abcd");
    QString region = QStringLiteral("eu-west-1");
    QString sessionToken;
};

// An error the next request gets instead of its success, after its format was checked.
struct AwsScriptedError
{
    int status = 500;
    QString code;
    QString message;
    std::optional<int> retryAfterSeconds;
};

// The checks every AWS fake makes of a request's Signature Version 4: Authorization, X-Amz-Date,
// credential scope, signed headers, the signature recomputed with the known secret and a clock skew
// of at most 15 minutes. Empty when the request is correctly signed; else the AWS error code
// (MissingAuthenticationToken, IncompleteSignature, InvalidClientTokenId, SignatureDoesNotMatch,
// RequestExpired) and why, as "Code: reason".
QStringList awsSignatureProblems(
    const WebhookReceiver::Received &request, const AwsFakeAccount &account, const QString &service);

// Amazon SNS (Query API, Version 2010-03-31): Publish to a phone number at POST /, form encoded.
// Answers PublishResponse XML with a MessageId, or ErrorResponse XML (Type, Code, Message) as SNS does.
class FakeSns
{
public:
    explicit FakeSns(AwsFakeAccount account = {});
    QString baseUrl() const;
    const AwsFakeAccount &account() const { return m_account; }
    QStringList violations() const { return m_violations; }
    // The form fields of every Publish accepted, in order, and the MessageIds answered.
    const QList<QMap<QString, QString>> &published() const { return m_published; }
    const QStringList &messageIds() const { return m_messageIds; }
    const QList<WebhookReceiver::Received> &received() const { return m_receiver.received(); }

    void failNext(AwsScriptedError error) { m_errors.push_back(std::move(error)); }
    // 429 ThrottledException "Rate exceeded", as SNS throttles Publish.
    void throttleNext()
    {
        failNext({429, QStringLiteral("ThrottledException"), QStringLiteral("Rate exceeded"), 1});
    }
    void internalErrorNext()
    {
        failNext({500, QStringLiteral("InternalError"), QStringLiteral("Internal Error"), {}});
    }

private:
    WebhookReceiver::Answer respond(const WebhookReceiver::Received &request);

    AwsFakeAccount m_account;
    WebhookReceiver m_receiver;
    QStringList m_violations;
    QList<QMap<QString, QString>> m_published;
    QStringList m_messageIds;
    std::deque<AwsScriptedError> m_errors;
};

// Amazon SES API v2 SendEmail: POST /v2/email/outbound-emails, JSON. Answers {"MessageId"} or a
// REST-JSON error (X-Amzn-ErrorType header, {"message"} body) as SES does.
class FakeSes
{
public:
    explicit FakeSes(AwsFakeAccount account = {});
    QString baseUrl() const;
    const AwsFakeAccount &account() const { return m_account; }
    QStringList violations() const { return m_violations; }
    const QList<QJsonObject> &sent() const { return m_sent; }
    const QStringList &messageIds() const { return m_messageIds; }
    const QList<WebhookReceiver::Received> &received() const { return m_receiver.received(); }

    void failNext(AwsScriptedError error) { m_errors.push_back(std::move(error)); }
    void throttleNext()
    {
        failNext({429, QStringLiteral("TooManyRequestsException"), QStringLiteral("Too Many Requests"), 2});
    }
    void internalErrorNext()
    {
        failNext({500, QStringLiteral("InternalFailure"), QStringLiteral("Internal Failure"), {}});
    }
    // 400 MessageRejected, as SES answers a sender address that is not verified.
    void rejectNext(const QString &message)
    {
        failNext({400, QStringLiteral("MessageRejected"), message, {}});
    }

private:
    WebhookReceiver::Answer respond(const WebhookReceiver::Received &request);

    AwsFakeAccount m_account;
    WebhookReceiver m_receiver;
    QStringList m_violations;
    QList<QJsonObject> m_sent;
    QStringList m_messageIds;
    std::deque<AwsScriptedError> m_errors;
};

} // namespace sb::test
