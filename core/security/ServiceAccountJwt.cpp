#include "ServiceAccountJwt.h"

#include <QJsonDocument>
#include <memory>
#include <openssl/evp.h>
#include <openssl/pem.h>

namespace sb {

namespace {

using Key = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using Bio = std::unique_ptr<BIO, decltype(&BIO_free)>;
using DigestContext = std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>;

// Service-account JSON keeps the PEM's line breaks as "\n"; a value pasted with the escapes still
// in it is read the same.
QByteArray normalizedPem(const QByteArray &pem)
{
    QByteArray text = pem.trimmed();
    if (!text.contains('\n') && text.contains("\\n"))
        text.replace("\\n", "\n");
    return text;
}

Key readPrivateKey(const QByteArray &pem)
{
    Key none(nullptr, &EVP_PKEY_free);
    if (pem.isEmpty())
        return none;
    Bio bio(BIO_new_mem_buf(pem.constData(), int(pem.size())), &BIO_free);
    if (!bio)
        return none;
    // An empty passphrase callback: an encrypted key is refused rather than prompted for.
    Key key(PEM_read_bio_PrivateKey(
                bio.get(), nullptr, [](char *, int, int, void *) { return 0; }, nullptr),
        &EVP_PKEY_free);
    return key;
}

} // namespace

QByteArray ServiceAccountJwt::base64Url(QByteArrayView bytes)
{
    return bytes.toByteArray().toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

SignedJwt ServiceAccountJwt::signRs256(const QJsonObject &claims, const QByteArray &privateKeyPem)
{
    SignedJwt result;
    const Key key = readPrivateKey(normalizedPem(privateKeyPem));
    if (!key) {
        result.error = QStringLiteral("private_key is not a readable PEM private key");
        return result;
    }
    if (EVP_PKEY_base_id(key.get()) != EVP_PKEY_RSA) {
        result.error = QStringLiteral("private_key is not an RSA key (RS256 needs one)");
        return result;
    }
    const QJsonObject header {
        {QStringLiteral("alg"), QStringLiteral("RS256")}, {QStringLiteral("typ"), QStringLiteral("JWT")}};
    const QByteArray signingInput = base64Url(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.'
        + base64Url(QJsonDocument(claims).toJson(QJsonDocument::Compact));
    DigestContext context(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    size_t length = 0;
    const auto *input = reinterpret_cast<const unsigned char *>(signingInput.constData());
    if (!context || EVP_DigestSignInit(context.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1
        || EVP_DigestSign(context.get(), nullptr, &length, input, size_t(signingInput.size())) != 1) {
        result.error = QStringLiteral("private_key could not sign (RS256)");
        return result;
    }
    QByteArray signature(qsizetype(length), Qt::Uninitialized);
    if (EVP_DigestSign(context.get(), reinterpret_cast<unsigned char *>(signature.data()), &length, input,
            size_t(signingInput.size()))
        != 1) {
        result.error = QStringLiteral("private_key could not sign (RS256)");
        return result;
    }
    signature.resize(qsizetype(length));
    result.token = signingInput + '.' + base64Url(signature);
    return result;
}

QJsonObject ServiceAccountJwt::assertionClaims(
    const QString &clientEmail, const QString &scope, const QString &tokenUri, qint64 issuedAt)
{
    return QJsonObject {{QStringLiteral("iss"), clientEmail}, {QStringLiteral("scope"), scope},
        {QStringLiteral("aud"), tokenUri}, {QStringLiteral("iat"), issuedAt},
        {QStringLiteral("exp"), issuedAt + lifetimeSeconds}};
}

SignedJwt ServiceAccountJwt::googleAssertion(const QString &clientEmail, const QByteArray &privateKeyPem,
    const QString &tokenUri, qint64 issuedAt, const QString &scope)
{
    if (clientEmail.trimmed().isEmpty())
        return {{}, QStringLiteral("client_email is missing")};
    return signRs256(assertionClaims(clientEmail, scope,
                         tokenUri.isEmpty() ? QString(defaultTokenUri) : tokenUri, issuedAt),
        privateKeyPem);
}

} // namespace sb
