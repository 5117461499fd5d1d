#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace sb {

// A JSON Web Token signed RS256 (RFC 7515/7519) with an RSA private key in PEM (PKCS#8
// "BEGIN PRIVATE KEY", as Google service-account files carry it), and the assertion Google's OAuth
// token endpoint takes from a service account (grant type jwt-bearer).
struct SignedJwt
{
    QByteArray token; // header.claims.signature, base64url without padding; empty on error
    QString error; // why no token was made; never contains the key
    bool ok() const { return !token.isEmpty(); }
};

struct ServiceAccountJwt
{
    static constexpr QLatin1StringView firebaseMessagingScope {
        "https://www.googleapis.com/auth/firebase.messaging"};
    static constexpr QLatin1StringView defaultTokenUri {"https://oauth2.googleapis.com/token"};
    static constexpr qint64 lifetimeSeconds = 3600;

    static QByteArray base64Url(QByteArrayView bytes);
    // Signs {"alg":"RS256","typ":"JWT"}.claims with `privateKeyPem`.
    static SignedJwt signRs256(const QJsonObject &claims, const QByteArray &privateKeyPem);
    // iss = clientEmail, scope, aud = tokenUri, iat = issuedAt, exp = issuedAt + 3600.
    static QJsonObject assertionClaims(
        const QString &clientEmail, const QString &scope, const QString &tokenUri, qint64 issuedAt);
    static SignedJwt googleAssertion(const QString &clientEmail, const QByteArray &privateKeyPem,
        const QString &tokenUri, qint64 issuedAt, const QString &scope = firebaseMessagingScope);
};

} // namespace sb
