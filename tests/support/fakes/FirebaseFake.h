#pragma once

#include "WebhookReceiver.h"

#include <QJsonObject>
#include <QSet>
#include <QStringList>
#include <deque>

namespace sb::test {

// An RSA key pair made with OpenSSL for a test service account: the private half (PEM PKCS#8) goes in
// the Firebase config, the public half (PEM SubjectPublicKeyInfo) to the fake's token endpoint.
struct TestRsaKey
{
    QByteArray privatePem;
    QByteArray publicPem;
    static TestRsaKey generate(int bits = 2048);
};

// True when `jwt` (header.claims.signature) carries a valid RS256 signature by `publicPem`'s key.
bool verifyRs256Jwt(const QByteArray &jwt, const QByteArray &publicPem);

// Google's OAuth 2.0 token endpoint (POST /token, grant type jwt-bearer, assertion verified with the
// service account's public key and its claims checked) and FCM HTTP v1 send
// (POST /v1/projects/{project}/messages:send, Bearer token it issued, message JSON checked), answering
// as Google does: {"access_token", "expires_in", "token_type"} / {"error", "error_description"}, and
// {"name"} / {"error": {"code", "message", "status", "details": [FcmError]}}.
class FirebaseFake
{
public:
    FirebaseFake(QByteArray publicKeyPem, QString clientEmail, QString projectId);
    QString baseUrl() const;
    QString tokenUri() const { return baseUrl() + QStringLiteral("/token"); }
    QStringList violations() const { return m_violations; }
    const QStringList &issuedTokens() const { return m_tokens; }
    // Every message accepted (the "message" object) and the names answered.
    const QList<QJsonObject> &messages() const { return m_messages; }
    const QStringList &names() const { return m_names; }
    const QList<WebhookReceiver::Received> &received() const { return m_receiver.received(); }
    int expiresIn() const { return m_expiresIn; }

    // A device token FCM no longer knows: sends to it answer 404 NOT_FOUND / UNREGISTERED.
    void unregister(const QString &deviceToken) { m_unregistered.insert(deviceToken); }
    // The next send answers 503 UNAVAILABLE (with Retry-After).
    void unavailableNext() { m_unavailable.push_back(true); }

private:
    WebhookReceiver::Answer respond(const WebhookReceiver::Received &request);
    WebhookReceiver::Answer token(const WebhookReceiver::Received &request);
    WebhookReceiver::Answer send(const WebhookReceiver::Received &request, const QString &project);

    QByteArray m_publicKey;
    QString m_clientEmail;
    QString m_projectId;
    int m_expiresIn = 3599;
    WebhookReceiver m_receiver;
    QStringList m_violations;
    QStringList m_tokens;
    QList<QJsonObject> m_messages;
    QStringList m_names;
    QSet<QString> m_unregistered;
    std::deque<bool> m_unavailable;
};

} // namespace sb::test
