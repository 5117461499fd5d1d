#pragma once

#include <QByteArray>
#include <QString>
#include <optional>

namespace sb {

// Authenticated encryption of stored secrets: AES-256-GCM (OpenSSL's libcrypto) with a random
// 96-bit nonce per value (NIST SP 800-38D §8.2.2). A sealed value is text, so it fits the TEXT
// columns secrets already live in: "sbsec1:" + base64(nonce ‖ ciphertext ‖ 128-bit tag).
class SecretCipher
{
public:
    static constexpr int keySize = 32;

    // An empty or wrongly sized key makes a cipher that cannot seal (isValid() false).
    explicit SecretCipher(QByteArray key = {});

    bool isValid() const { return m_key.size() == keySize; }
    static QByteArray generateKey();

    QString seal(const QString &plaintext) const;
    // The plaintext, or nullopt when the value was altered, sealed with another key or is not sealed.
    std::optional<QString> open(const QString &sealed) const;
    static bool isSealed(const QString &value);

private:
    QByteArray m_key;
};

} // namespace sb
