#include "security/SecretCipher.h"

#include <QTest>

using namespace sb;

class SecretCipherTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTrip()
    {
        const SecretCipher cipher(SecretCipher::generateKey());
        QVERIFY(cipher.isValid());
        for (const auto &secret : {QStringLiteral("whsec_c2VjcmV0LXNpZ25pbmcta2V5"), QStringLiteral("t"),
                 QStringLiteral("пароль ünïcødé ✓"), QString()}) {
            const auto sealed = cipher.seal(secret);
            QVERIFY(SecretCipher::isSealed(sealed));
            QVERIFY(secret.size() < 4 || !sealed.contains(secret));
            QCOMPARE(cipher.open(sealed), std::optional<QString>(secret));
        }
    }

    void freshNoncePerValue()
    {
        const SecretCipher cipher(SecretCipher::generateKey());
        QVERIFY(cipher.seal(QStringLiteral("same")) != cipher.seal(QStringLiteral("same")));
    }

    void tamperingIsDetected()
    {
        const SecretCipher cipher(SecretCipher::generateKey());
        const auto sealed = cipher.seal(QStringLiteral("TWILIO_AUTH_TOKEN value 0123456789"));
        const auto prefixSize = sealed.indexOf(QLatin1Char(':')) + 1;
        const auto bytes = QByteArray::fromBase64(sealed.mid(prefixSize).toLatin1());
        // Every byte (nonce, ciphertext, tag): one flipped bit is refused.
        for (qsizetype i = 0; i < bytes.size(); ++i) {
            auto changed = bytes;
            changed[i] = char(changed[i] ^ 0x01);
            const QString forged = sealed.left(prefixSize) + QString::fromLatin1(changed.toBase64());
            QVERIFY2(!cipher.open(forged).has_value(), qPrintable(QStringLiteral("byte %1").arg(i)));
        }
        // Truncated, not base64, not sealed at all, another key.
        QVERIFY(!cipher.open(sealed.left(sealed.size() - 4)).has_value());
        QVERIFY(!cipher.open(sealed.left(prefixSize) + QStringLiteral("!!!")).has_value());
        QVERIFY(!cipher.open(sealed.left(prefixSize) + QStringLiteral("AAAA")).has_value());
        QVERIFY(!cipher.open(QStringLiteral("plain text")).has_value());
        QVERIFY(!SecretCipher(SecretCipher::generateKey()).open(sealed).has_value());
    }

    void invalidKeyCannotSeal()
    {
        const SecretCipher cipher(QByteArray(16, 'k'));
        QVERIFY(!cipher.isValid());
        QVERIFY(cipher.seal(QStringLiteral("x")).isEmpty());
        QVERIFY(SecretCipher::generateKey() != SecretCipher::generateKey());
        QCOMPARE(SecretCipher::generateKey().size(), SecretCipher::keySize);
    }
};

QTEST_APPLESS_MAIN(SecretCipherTest)
#include "tst_secretcipher.moc"
