#pragma once

#include "WebhookReceiver.h"
#include "http/FormParser.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <deque>

namespace sb::test {

// Fake SMS / call providers on loopback. Each checks every documented detail of a request (method,
// path, authentication, content type, each field and its format); a failed check is appended to
// violations() and answered as the provider answers that bad request. Knobs script the next answers
// to well-formed requests (the checks still run first).

// Twilio Programmable Messaging: POST /2010-04-01/Accounts/{AccountSid}/Messages.json.
class FakeTwilio
{
public:
    struct Message
    {
        QString sid; // SM + 32 hex
        QString to;
        QString from;
        QString messagingServiceSid;
        QString body;
        QString statusCallback;
    };

    FakeTwilio(QString accountSid, QString authToken);
    QString baseUrl() const;
    QStringList violations() const { return m_violations; }
    const QList<Message> &accepted() const { return m_accepted; }
    // The form fields of the last request received (checked or not).
    FormFields lastForm() const;
    int requestCount() const { return int(m_receiver.received().size()); }

    // The next well-formed request is answered 429 (code 20429) with Retry-After: `seconds`.
    void answerNextTooManyRequests(int retryAfterSeconds);
    // The next well-formed request is answered 500 (code 20500).
    void answerNextServerError();

private:
    WebhookReceiver::Answer respond(const WebhookReceiver::Received &request);

    WebhookReceiver m_receiver;
    QString m_accountSid;
    QString m_authToken;
    QStringList m_violations;
    QList<Message> m_accepted;
    std::deque<WebhookReceiver::Answer> m_next;
};

// Vonage SMS API: POST /sms/json, form fields; HTTP 200 with messages[].status "0" or an error status.
class FakeVonage
{
public:
    struct Message
    {
        QString messageId; // 16 hex digits, one per part; the first part's
        QString from;
        QString to;
        QString text;
        QString type;
        QString clientRef;
        QString callback;
        bool statusReportRequested = false;
        int parts = 1;
    };

    FakeVonage(QString apiKey, QString apiSecret);
    QString baseUrl() const;
    QStringList violations() const { return m_violations; }
    const QList<Message> &accepted() const { return m_accepted; }
    FormFields lastForm() const;

    // The next well-formed request is answered 200 with messages[0].status `status` and `errorText`
    // (e.g. "1", "Throughput Rate Exceeded - please wait [ 1000 ] and retry").
    void answerNextStatus(const QString &status, const QString &errorText);
    // The next well-formed request is answered 500.
    void answerNextServerError();

private:
    WebhookReceiver::Answer respond(const WebhookReceiver::Received &request);

    WebhookReceiver m_receiver;
    QString m_apiKey;
    QString m_apiSecret;
    QStringList m_violations;
    QList<Message> m_accepted;
    std::deque<WebhookReceiver::Answer> m_next;
};

// ElevenLabs Agents outbound call via Twilio: POST /v1/convai/twilio/outbound-call, xi-api-key, JSON.
class FakeElevenLabs
{
public:
    struct Call
    {
        QString agentId;
        QString agentPhoneNumberId;
        QString toNumber;
        QJsonObject dynamicVariables;
        QString conversationId;
        QString callSid; // CA + 32 hex
    };

    explicit FakeElevenLabs(QString apiKey);
    QString baseUrl() const;
    QStringList violations() const { return m_violations; }
    const QList<Call> &accepted() const { return m_accepted; }
    QJsonObject lastJson() const;

    // The next well-formed request is answered 200 {"success": false, "message": `message`}.
    void answerNextCallFailed(const QString &message);
    // The next well-formed request is answered 429 with Retry-After: `seconds`.
    void answerNextTooManyRequests(int retryAfterSeconds);
    void answerNextServerError();

private:
    WebhookReceiver::Answer respond(const WebhookReceiver::Received &request);

    WebhookReceiver m_receiver;
    QString m_apiKey;
    QStringList m_violations;
    QList<Call> m_accepted;
    std::deque<WebhookReceiver::Answer> m_next;
};

} // namespace sb::test
