#include "SecretCipher.h"

#include <QRandomGenerator>
#include <memory>
#include <openssl/evp.h>
#include <openssl/rand.h>

namespace sb {

namespace {

constexpr QLatin1StringView prefix("sbsec1:");
constexpr int nonceSize = 12;
constexpr int tagSize = 16;

using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

QByteArray randomBytes(int size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    if (RAND_bytes(reinterpret_cast<unsigned char *>(bytes.data()), size) != 1) {
        // OpenSSL's generator failed to seed: the system generator is the same source underneath.
        QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), size / 4);
    }
    return bytes;
}

auto *bytesOf(QByteArray &bytes)
{
    return reinterpret_cast<unsigned char *>(bytes.data());
}

const auto *bytesOf(const QByteArray &bytes)
{
    return reinterpret_cast<const unsigned char *>(bytes.constData());
}

} // namespace

SecretCipher::SecretCipher(QByteArray key)
    : m_key(std::move(key))
{ }

QByteArray SecretCipher::generateKey()
{
    return randomBytes(keySize);
}

bool SecretCipher::isSealed(const QString &value)
{
    return value.startsWith(prefix);
}

QString SecretCipher::seal(const QString &plaintext) const
{
    if (!isValid())
        return {};
    const auto clear = plaintext.toUtf8();
    const auto nonce = randomBytes(nonceSize);
    CipherContext context(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
    QByteArray out(nonceSize + clear.size() + tagSize, Qt::Uninitialized);
    std::copy(nonce.begin(), nonce.end(), out.begin());
    int written = 0;
    int tail = 0;
    if (!context
        || EVP_EncryptInit_ex(context.get(), EVP_aes_256_gcm(), nullptr, bytesOf(m_key), bytesOf(nonce)) != 1
        || EVP_EncryptUpdate(
               context.get(), bytesOf(out) + nonceSize, &written, bytesOf(clear), int(clear.size()))
            != 1
        || EVP_EncryptFinal_ex(context.get(), bytesOf(out) + nonceSize + written, &tail) != 1
        || EVP_CIPHER_CTX_ctrl(
               context.get(), EVP_CTRL_GCM_GET_TAG, tagSize, bytesOf(out) + nonceSize + written + tail)
            != 1) {
        return {};
    }
    out.resize(nonceSize + written + tail + tagSize);
    return prefix + QString::fromLatin1(out.toBase64());
}

std::optional<QString> SecretCipher::open(const QString &sealed) const
{
    if (!isValid() || !isSealed(sealed))
        return std::nullopt;
    const auto decoded = QByteArray::fromBase64Encoding(
        QStringView(sealed).mid(prefix.size()).toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.size() < nonceSize + tagSize)
        return std::nullopt;
    const auto &data = decoded.decoded;
    const auto nonce = data.left(nonceSize);
    const auto cipherText = data.mid(nonceSize, data.size() - nonceSize - tagSize);
    auto tag = data.right(tagSize);
    QByteArray clear(cipherText.size() + tagSize, Qt::Uninitialized);
    CipherContext context(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
    int written = 0;
    int tail = 0;
    if (!context
        || EVP_DecryptInit_ex(context.get(), EVP_aes_256_gcm(), nullptr, bytesOf(m_key), bytesOf(nonce)) != 1
        || EVP_DecryptUpdate(
               context.get(), bytesOf(clear), &written, bytesOf(cipherText), int(cipherText.size()))
            != 1
        || EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_SET_TAG, tagSize, bytesOf(tag)) != 1
        // The tag is checked here: any change to nonce, ciphertext or tag fails.
        || EVP_DecryptFinal_ex(context.get(), bytesOf(clear) + written, &tail) != 1) {
        return std::nullopt;
    }
    clear.resize(written + tail);
    return QString::fromUtf8(clear);
}

} // namespace sb
