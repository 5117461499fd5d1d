#pragma once

#include "ProviderAdapter.h"

namespace sb::channels {

// Firebase Cloud Messaging HTTP v1 (firebase.google.com/docs/reference/fcm/rest/v1/projects.messages/send):
// POST {https://fcm.googleapis.com}/v1/projects/{project_id}/messages:send with
// "Authorization: Bearer <OAuth 2.0 access token>" and JSON {"message": {"token", "notification":
// {"title", "body"}, "data": {string: string}}}. 200 answers the Message, whose "name"
// ("projects/{project}/messages/{id}") is the provider id. Errors answer {"error": {"code",
// "message", "status", "details": [{"@type": "...FcmError", "errorCode"}]}}
// (firebase.google.com/docs/reference/fcm/rest/v1/ErrorCode): the FcmError errorCode is read first,
// else the status. UNREGISTERED (404), INVALID_ARGUMENT (400), SENDER_ID_MISMATCH (403),
// THIRD_PARTY_AUTH_ERROR (401) are refusals; QUOTA_EXCEEDED (429), UNAVAILABLE (503), INTERNAL (500)
// are retried, and so is UNAUTHENTICATED (an access token that expired: the caller fetches a new one).
//
// The access token comes from Google's OAuth 2.0 server-to-server flow
// (developers.google.com/identity/protocols/oauth2/service-account): tokenRequest() is POST token_uri
// (default https://oauth2.googleapis.com/token), form grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer
// and assertion=<RS256 JWT: iss client_email, scope firebase.messaging, aud token_uri, iat, exp = iat + 1 h>;
// readToken() reads {"access_token", "expires_in", "token_type": "Bearer"}. The caller caches the token
// until expiresAt.
//
// Config: project_id, private_key (PEM PKCS#8), client_email, optional token_uri, optional base_url
// (replaces https://fcm.googleapis.com). The message's `to` is the device registration token,
// `subject` the notification title, `body` its text, `extra.data` (or `extra` itself) the data
// payload (values sent as strings).
class FirebaseAdapter final : public ProviderAdapter
{
public:
    ServiceProvider provider() const override { return ServiceProvider::Firebase; }
    QUrl defaultBaseUrl(const QJsonObject &config) const override;
    ProviderRequest request(
        const OutgoingMessage &message, const QJsonObject &config, const SendContext &context) const override;
    ProviderAnswer interpret(
        int httpStatus, const HeaderList &headers, const QByteArray &body) const override;
    std::optional<ProviderRequest> tokenRequest(
        const QJsonObject &config, const SendContext &context) const override;
    std::optional<AccessToken> readToken(
        int httpStatus, const QByteArray &body, const QDateTime &now) const override;

    // Why no assertion can be signed with this config (bad private_key, no client_email), or empty.
    static QString assertionError(const QJsonObject &config);
};

const ProviderAdapter &firebaseAdapter();

} // namespace sb::channels
