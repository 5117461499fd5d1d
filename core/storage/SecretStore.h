#pragma once

#include "security/Redaction.h"
#include "security/SecretCipher.h"

#include <QHash>
#include <QProcessEnvironment>
#include <QReadWriteLock>
#include <QSet>
#include <QString>

class QSqlDatabase;

namespace sb {

class SqlContext;

// The one owner of secrets: provider secrets by their conventional names (CRM_WEBHOOK_SECRET,
// TWILIO_AUTH_TOKEN, ...) and the sealing of every secret written to the database (provider
// secrets in `settings`, the whsec_ signing secrets in `webhook_secrets`). Stored secrets are
// encrypted (SecretCipher); the key lives in the OS keychain when one answers (Keychain on macOS,
// Credential Manager on Windows, Secret Service on Linux) and otherwise in a 0600 key file beside
// the database. Environment values override stored settings for the run. Read on the server,
// writer and dispatcher threads, changed from the UI, hence the lock.
class SecretStore
{
public:
    // Where the key comes from: the keychain if it answers, else the key file (Auto); or one of them.
    enum class KeySource
    {
        Auto,
        Keychain,
        File
    };
    static bool parseKeySource(const QString &text, KeySource *source);

    static QStringList knownNames();

    // Opens the key for the database at `databasePath` (created on first use) and checks it against
    // the database's stored check value. False + message when the key cannot be had or is not the
    // one the stored secrets were sealed with.
    bool openKey(QSqlDatabase &db, const QString &databasePath, KeySource source, QString *error);
    // "OS keychain (Secret Service)" or "encrypted in the database, key file <path>".
    QString storageDescription() const;
    QString keyFilePath() const;
    bool usesKeychain() const;

    // Loads the provider secrets saved in `settings`. Values still in plain text (written before
    // secrets were encrypted) are sealed in place; returns how many were (with the signing secrets).
    int loadSettings(QSqlDatabase &db, QString *error);
    static QString settingKey(const QString &name) { return QStringLiteral("secret/") + name; }
    // Saves provider secret `name` sealed (an empty value removes it), inside the context's
    // transaction; true when a value was stored, false when it was removed. The running value is
    // not changed: call set() once the write has committed.
    bool save(SqlContext &context, const QString &name, const QString &value) const;

    // Signing secrets of outbound webhook configurations (`webhook_secrets`), sealed at rest.
    // The ones still valid for `configId`, newest first; a secret that cannot be decrypted is
    // skipped with a warning.
    QStringList signingSecrets(SqlContext &context, qint64 configId) const;
    void addSigningSecret(
        SqlContext &context, qint64 configId, const QString &secret, qint64 createdAtMs) const;
    // The secrets valid now stay valid until `expiresAtMs` (rotation overlap), then stop.
    static void expireSigningSecrets(SqlContext &context, qint64 configId, qint64 expiresAtMs);
    static void removeSigningSecrets(SqlContext &context, qint64 configId);

    // What a secret is stored as, and back. reveal() answers a plain-text value as it is (so a
    // database written before encryption still works until it is sealed at start).
    QString seal(const QString &plaintext) const;
    std::optional<QString> reveal(const QString &stored) const;

    void loadEnvironment(const QProcessEnvironment &environment);
    void set(const QString &name, const QString &value);
    QString value(const QString &name) const;
    bool has(const QString &name) const { return !value(name).isEmpty(); }

    // Header values never stored or shown in full: the standard credential headers and the
    // configured shared-secret header (ELEVENLABS_INITIATION_HEADER).
    HeaderRedaction headerRedaction() const;

    // --accept-unverified PROVIDER (warned in logs and UI).
    void setAcceptUnverified(const QSet<QString> &providers);
    bool acceptsUnverified(const QString &provider) const;

private:
    int sealPlaintext(QSqlDatabase &db, QString *error);

    mutable QReadWriteLock m_lock;
    QHash<QString, QString> m_stored;
    QHash<QString, QString> m_environment;
    QSet<QString> m_acceptUnverified;
    SecretCipher m_cipher;
    QString m_keyFile;
    QString m_keychainName; // empty when the key is in the file
};

} // namespace sb
