#include "security/ServiceAccountJwt.h"

#include <QJsonDocument>
#include <QTest>
#include <memory>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

using namespace sb;

namespace {

using Key = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using Bio = std::unique_ptr<BIO, decltype(&BIO_free)>;

QByteArray bioText(BIO *bio)
{
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return QByteArray(data, size);
}

struct KeyPair
{
    QByteArray privatePem; // PKCS#8
    QByteArray publicPem; // SubjectPublicKeyInfo
};

KeyPair generateRsaKey()
{
    Key key(EVP_RSA_gen(2048), &EVP_PKEY_free);
    Bio privateBio(BIO_new(BIO_s_mem()), &BIO_free);
    Bio publicBio(BIO_new(BIO_s_mem()), &BIO_free);
    if (!key
        || PEM_write_bio_PrivateKey(privateBio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1
        || PEM_write_bio_PUBKEY(publicBio.get(), key.get()) != 1)
        return {};
    return {bioText(privateBio.get()), bioText(publicBio.get())};
}

bool verifyRs256(const QByteArray &token, const QByteArray &publicPem)
{
    const auto parts = token.split('.');
    if (parts.size() != 3)
        return false;
    const QByteArray input = parts[0] + '.' + parts[1];
    const QByteArray signature
        = QByteArray::fromBase64(parts[2], QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    Bio bio(BIO_new_mem_buf(publicPem.constData(), int(publicPem.size())), &BIO_free);
    Key key(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr), &EVP_PKEY_free);
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    if (!key || !context
        || EVP_DigestVerifyInit(context.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1)
        return false;
    return EVP_DigestVerify(context.get(), reinterpret_cast<const unsigned char *>(signature.constData()),
               size_t(signature.size()), reinterpret_cast<const unsigned char *>(input.constData()),
               size_t(input.size()))
        == 1;
}

QJsonObject decodePart(const QByteArray &part)
{
    const QByteArray json
        = QByteArray::fromBase64(part, QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    return QJsonDocument::fromJson(json).object();
}

} // namespace

class TestServiceAccountJwt : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        m_key = generateRsaKey();
        QVERIFY(m_key.privatePem.startsWith("-----BEGIN PRIVATE KEY-----"));
        QVERIFY(m_key.publicPem.startsWith("-----BEGIN PUBLIC KEY-----"));
    }

    void assertionVerifiesAndCarriesTheClaims()
    {
        const auto jwt = ServiceAccountJwt::googleAssertion(
            QStringLiteral("sender@demo-project.iam.gserviceaccount.com"), m_key.privatePem,
            QStringLiteral("https://oauth2.googleapis.com/token"), 1700000000);
        QVERIFY2(jwt.ok(), qPrintable(jwt.error));
        QVERIFY(jwt.error.isEmpty());
        QVERIFY(verifyRs256(jwt.token, m_key.publicPem));
        // base64url without padding: no '=', '+' or '/'.
        QVERIFY(!jwt.token.contains('=') && !jwt.token.contains('+') && !jwt.token.contains('/'));

        const auto parts = jwt.token.split('.');
        QCOMPARE(parts.size(), 3);
        const QJsonObject header = decodePart(parts[0]);
        QCOMPARE(header.value(QLatin1String("alg")).toString(), QStringLiteral("RS256"));
        QCOMPARE(header.value(QLatin1String("typ")).toString(), QStringLiteral("JWT"));
        QCOMPARE(header.size(), 2);
        const QJsonObject claims = decodePart(parts[1]);
        QCOMPARE(claims.value(QLatin1String("iss")).toString(),
            QStringLiteral("sender@demo-project.iam.gserviceaccount.com"));
        QCOMPARE(claims.value(QLatin1String("scope")).toString(),
            QStringLiteral("https://www.googleapis.com/auth/firebase.messaging"));
        QCOMPARE(claims.value(QLatin1String("aud")).toString(),
            QStringLiteral("https://oauth2.googleapis.com/token"));
        QCOMPARE(claims.value(QLatin1String("iat")).toInteger(), 1700000000);
        QCOMPARE(claims.value(QLatin1String("exp")).toInteger(), 1700003600);
        // 2048-bit RSA: a 256-byte signature.
        QCOMPARE(QByteArray::fromBase64(parts[2], QByteArray::Base64UrlEncoding).size(), 256);
    }

    void defaultTokenUriIsTheAudience()
    {
        const auto jwt = ServiceAccountJwt::googleAssertion(
            QStringLiteral("a@b.iam.gserviceaccount.com"), m_key.privatePem, {}, 10);
        QVERIFY(jwt.ok());
        QCOMPARE(decodePart(jwt.token.split('.')[1]).value(QLatin1String("aud")).toString(),
            QStringLiteral("https://oauth2.googleapis.com/token"));
    }

    void escapedNewlinesAreAccepted()
    {
        QByteArray escaped = m_key.privatePem;
        escaped.replace("\n", "\\n");
        const auto jwt = ServiceAccountJwt::googleAssertion(
            QStringLiteral("a@b.iam.gserviceaccount.com"), escaped, {}, 10);
        QVERIFY2(jwt.ok(), qPrintable(jwt.error));
        QVERIFY(verifyRs256(jwt.token, m_key.publicPem));
    }

    void tamperedTokenFailsToVerify()
    {
        const auto jwt = ServiceAccountJwt::googleAssertion(
            QStringLiteral("a@b.iam.gserviceaccount.com"), m_key.privatePem, {}, 100);
        QVERIFY(jwt.ok());
        auto parts = jwt.token.split('.');
        QJsonObject claims = decodePart(parts[1]);
        claims.insert(QStringLiteral("exp"), 100 + 86400);
        parts[1] = ServiceAccountJwt::base64Url(QJsonDocument(claims).toJson(QJsonDocument::Compact));
        QVERIFY(!verifyRs256(parts.join('.'), m_key.publicPem));
        // A flipped signature bit fails too.
        QByteArray signature = QByteArray::fromBase64(jwt.token.split('.')[2], QByteArray::Base64UrlEncoding);
        signature[10] = char(signature[10] ^ 0x01);
        auto original = jwt.token.split('.');
        original[2] = ServiceAccountJwt::base64Url(signature);
        QVERIFY(!verifyRs256(original.join('.'), m_key.publicPem));
        // Another key's public half does not verify it.
        QVERIFY(!verifyRs256(jwt.token, generateRsaKey().publicPem));
    }

    void badKeyGivesAnErrorWithoutTheKey()
    {
        const QByteArray garbage
            = "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5IGF0IGFsbA==\n-----END PRIVATE KEY-----\n";
        const auto jwt = ServiceAccountJwt::googleAssertion(
            QStringLiteral("a@b.iam.gserviceaccount.com"), garbage, {}, 10);
        QVERIFY(!jwt.ok());
        QVERIFY(jwt.token.isEmpty());
        QCOMPARE(jwt.error, QStringLiteral("private_key is not a readable PEM private key"));
        QVERIFY(!jwt.error.contains(QLatin1String("bm90")));

        const auto empty = ServiceAccountJwt::signRs256({}, {});
        QCOMPARE(empty.error, QStringLiteral("private_key is not a readable PEM private key"));

        // An EC key is a key, but not one RS256 can use.
        Key ec(EVP_EC_gen("P-256"), &EVP_PKEY_free);
        Bio bio(BIO_new(BIO_s_mem()), &BIO_free);
        QVERIFY(PEM_write_bio_PrivateKey(bio.get(), ec.get(), nullptr, nullptr, 0, nullptr, nullptr) == 1);
        const auto wrongType = ServiceAccountJwt::signRs256({}, bioText(bio.get()));
        QCOMPARE(wrongType.error, QStringLiteral("private_key is not an RSA key (RS256 needs one)"));

        const auto noEmail = ServiceAccountJwt::googleAssertion({}, m_key.privatePem, {}, 10);
        QCOMPARE(noEmail.error, QStringLiteral("client_email is missing"));
    }

private:
    KeyPair m_key;
};

QTEST_GUILESS_MAIN(TestServiceAccountJwt)
#include "tst_serviceaccountjwt.moc"
