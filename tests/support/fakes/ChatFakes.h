#pragma once

#include "MailChatFake.h"

#include <QHash>
#include <QSet>

namespace sb::test {

// OneSignal Create message, push (POST /notifications[?c=push]): `Authorization: Key <api_key>`,
// JSON app_id, include_subscription_ids (UUIDs), contents.en, optional headings.en, data (object),
// target_channel "push", idempotency_key (a UUID; a repeated key replays the first answer).
// 200 {"id": uuid}; 200 {"id": "", "errors": [...]} when no recipient is subscribed; 200 with
// errors.invalid_player_ids when some are not; 400 {"errors": [...]}; 403 for a wrong key.
class FakeOneSignal : public MailChatFake
{
public:
    explicit FakeOneSignal(QString appId = QStringLiteral("5eb5a37e-b458-11e3-ac11-000c2940e62c"),
        QString apiKey = QStringLiteral("os-test-key"));
    QString appId() const { return m_appId; }
    QString apiKey() const { return m_apiKey; }
    // Subscription ids that do not receive pushes (unsubscribed or unknown).
    void unsubscribe(const QString &subscriptionId) { m_unsubscribed.insert(subscriptionId); }
    int notificationsCreated() const { return m_created; }

protected:
    Answer handle(const Request &request, QStringList &problems) override;

private:
    QString m_appId;
    QString m_apiKey;
    QSet<QString> m_unsubscribed;
    QHash<QString, QByteArray> m_replies; // idempotency_key → the first answer's body
    int m_created = 0;
};

// A Slack incoming webhook (POST https://hooks.slack.com/services/T…/B…/<token>): JSON with a
// non-empty "text" (or blocks). 200 "ok"; errors are one word in a text body: 400 invalid_payload,
// 400 no_text, 404 no_service (wrong URL), 410 channel_is_archived (archive()).
class FakeSlack : public MailChatFake
{
public:
    FakeSlack();
    QString webhookUrl() const { return baseUrl() + QString::fromUtf8(m_path); }
    void archive() { m_archived = true; }

protected:
    Answer handle(const Request &request, QStringList &problems) override;

private:
    QByteArray m_path = "/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX";
    bool m_archived = false;
};

// A Teams Workflows webhook ("When a Teams webhook request is received"): POST JSON
// {"type":"message","attachments":[{"contentType":"application/vnd.microsoft.card.adaptive",
// "content":{"type":"AdaptiveCard","version":...,"body":[...]}}]}. 202 with no body; 400
// {"error":{"code":"TriggerInputSchemaMismatch",...}} for another shape; 401
// DirectApiInvalidAuthorizationSignature for a wrong sig.
class FakeTeams : public MailChatFake
{
public:
    FakeTeams();
    QString webhookUrl() const { return baseUrl() + QString::fromUtf8(m_target); }

protected:
    Answer handle(const Request &request, QStringList &problems) override;

private:
    QByteArray m_target
        = "/workflows/0f3c9a1e/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers"
          "%2Fmanual%2Frun&sv=1.0&sig=fakeSignature123";
};

// Discord Execute Webhook (POST /api/webhooks/{id}/{token}?wait=true): JSON content ≤ 2000
// characters (or embeds), allowed_mentions.parse ⊆ {roles, users, everyone}. With wait=true 200 and
// the message object, without it 204. 404 Unknown Webhook (10015), 401 Invalid Webhook Token
// (50027), 400 Cannot send an empty message (50006) / Invalid Form Body (50035), 429 rate limit.
class FakeDiscord : public MailChatFake
{
public:
    FakeDiscord();
    QString webhookUrl() const
    {
        return baseUrl() + QStringLiteral("/api/webhooks/%1/%2").arg(m_webhookId, m_token);
    }
    // 429 as Discord sends it: {"message","retry_after","global"} and a Retry-After header.
    void rateLimitNext(double retryAfterSeconds);
    QStringList messageIds() const { return m_ids; }

protected:
    Answer handle(const Request &request, QStringList &problems) override;

private:
    QString m_webhookId = QStringLiteral("223704706495545344");
    QString m_token = QStringLiteral("3d89bb7572e0fb30d8128367b3b1b44fecd1726de135cbe28a41f8b2f777c372ba2939e"
                                     "72279b94526ff5d1bd4358d65cf11");
    QStringList m_ids;
};

} // namespace sb::test
