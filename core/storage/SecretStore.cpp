#include "SecretStore.h"

#include "StorageLog.h"
#include "security/KeychainKey.h"
#include "storage/SqlWorker.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace sb {

namespace {

const QString checkSetting = QStringLiteral("secret-store/check");
const QString sourceSetting = QStringLiteral("secret-store/key");
const QString checkText = QStringLiteral("switchboard secret store");

QString setting(QSqlDatabase &db, const QString &key)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT value FROM settings WHERE key = ?"));
    query.addBindValue(key);
    return query.exec() && query.next() ? query.value(0).toString() : QString();
}

bool putSetting(QSqlDatabase &db, const QString &key, const QString &value, QString *error)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("INSERT INTO settings(key, value) VALUES(?, ?) "
                                 "ON CONFLICT(key) DO UPDATE SET value = excluded.value"));
    query.addBindValue(key);
    query.addBindValue(value);
    if (!query.exec()) {
        *error = query.lastError().text();
        return false;
    }
    return true;
}

bool readKeyFile(const QString &path, QByteArray *key, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read the key file %1: %2").arg(path, file.errorString());
        return false;
    }
    *key = file.readAll();
    if (key->size() != SecretCipher::keySize) {
        *error = QStringLiteral("the key file %1 is damaged (%2 bytes, expected %3)")
                     .arg(path)
                     .arg(key->size())
                     .arg(SecretCipher::keySize);
        return false;
    }
    // Owner only, whatever it was left with.
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return true;
}

bool writeKeyFile(const QString &path, const QByteArray &key, QString *error)
{
    QFile file(path);
    // Created 0600: the key is never readable by others, not even for a moment.
    if (!file.open(
            QIODevice::WriteOnly | QIODevice::NewOnly, QFileDevice::ReadOwner | QFileDevice::WriteOwner)
        || file.write(key) != key.size() || !file.flush()) {
        *error = QStringLiteral("cannot create the key file %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace

bool SecretStore::parseKeySource(const QString &text, KeySource *source)
{
    if (text.isEmpty() || text == QLatin1String("auto"))
        *source = KeySource::Auto;
    else if (text == QLatin1String("keychain"))
        *source = KeySource::Keychain;
    else if (text == QLatin1String("file"))
        *source = KeySource::File;
    else
        return false;
    return true;
}

QStringList SecretStore::knownNames()
{
    return {QStringLiteral("CRM_WEBHOOK_SECRET"), QStringLiteral("TWILIO_AUTH_TOKEN"),
        QStringLiteral("SIGNALWIRE_SIGNING_KEY"), QStringLiteral("MAILGUN_WEBHOOK_SIGNING_KEY"),
        QStringLiteral("ELEVENLABS_WEBHOOK_SECRET"), QStringLiteral("ELEVENLABS_POST_CALL_WEBHOOK_SECRET"),
        QStringLiteral("ELEVENLABS_CONVERSATION_EVENTS_WEBHOOK_SECRET"),
        QStringLiteral("CAMPAIGN_WEBHOOK_TOKEN"),
        // Provider settings read like secrets (environment over stored settings):
        QStringLiteral("ELEVENLABS_INITIATION_HEADER"), QStringLiteral("ELEVENLABS_INITIATION_SECRET"),
        QStringLiteral("SIGNALWIRE_ALLOWED_IPS"), QStringLiteral("TWILIO_SMS_AUTO_REPLY"),
        QStringLiteral("ELEVENLABS_ALLOWED_IPS")};
}

bool SecretStore::openKey(QSqlDatabase &db, const QString &databasePath, KeySource source, QString *error)
{
    const QFileInfo database(databasePath);
    const QString keyFile = database.absoluteFilePath() + QStringLiteral(".key");
    const QString entry = QStringLiteral("database key ") + database.absoluteFilePath();
    const auto recorded = setting(db, sourceSetting);
    const auto backend = KeychainKey::backendName();
    QByteArray key;
    bool inKeychain = false;

    if (source != KeySource::Keychain && QFile::exists(keyFile)) {
        if (!readKeyFile(keyFile, &key, error))
            return false;
    } else if (source != KeySource::File || recorded == QLatin1String("keychain")) {
        QString why;
        auto result = KeychainKey::Result::Unavailable;
        if (KeychainKey::mayBeAvailable(&why))
            result = KeychainKey::read(entry, &key, &why);
        if (result == KeychainKey::Result::Found && key.size() != SecretCipher::keySize) {
            *error = QStringLiteral("the key in the OS keychain (%1) for %2 is damaged")
                         .arg(backend, databasePath);
            return false;
        }
        if (result == KeychainKey::Result::Missing && recorded == QLatin1String("keychain")) {
            *error = QStringLiteral(
                "the secrets in %1 were encrypted with a key kept in the OS keychain (%2), and "
                "the keychain no longer has it")
                         .arg(databasePath, backend);
            return false;
        }
        if (result == KeychainKey::Result::Missing && source != KeySource::File) {
            key = SecretCipher::generateKey();
            if (!KeychainKey::write(entry, key, &why)) {
                key.clear();
                result = KeychainKey::Result::Unavailable;
            } else {
                result = KeychainKey::Result::Found;
            }
        }
        if (result == KeychainKey::Result::Unavailable) {
            if (recorded == QLatin1String("keychain")) {
                *error = QStringLiteral(
                    "the secrets in %1 are encrypted with a key kept in the OS keychain (%2), which "
                    "cannot be reached: %3")
                             .arg(databasePath, backend, why);
                return false;
            }
            if (source == KeySource::Keychain) {
                *error = QStringLiteral("--secret-store keychain: the OS keychain (%1) cannot be reached: %2")
                             .arg(backend, why);
                return false;
            }
        }
        // Moving from the keychain to a key file (--secret-store file): same key, new home.
        if (result == KeychainKey::Result::Found && source == KeySource::File) {
            if (!writeKeyFile(keyFile, key, error))
                return false;
        } else {
            inKeychain = result == KeychainKey::Result::Found;
        }
    }
    if (key.isEmpty()) {
        if (setting(db, checkSetting).size() > 0) {
            *error = QStringLiteral(
                "the secrets in %1 were encrypted with the key file %2, which is missing; restore "
                "it (the stored secrets cannot be read without it)")
                         .arg(databasePath, keyFile);
            return false;
        }
        key = SecretCipher::generateKey();
        if (!writeKeyFile(keyFile, key, error))
            return false;
    }

    const SecretCipher cipher(key);
    const auto check = setting(db, checkSetting);
    if (!check.isEmpty() && cipher.open(check) != checkText) {
        *error
            = QStringLiteral("the key in %1 does not open the secrets stored in %2 (was the key replaced?)")
                  .arg(inKeychain ? QStringLiteral("the OS keychain") : keyFile, databasePath);
        return false;
    }
    if ((check.isEmpty() && !putSetting(db, checkSetting, cipher.seal(checkText), error))
        || !putSetting(
            db, sourceSetting, inKeychain ? QStringLiteral("keychain") : QStringLiteral("file"), error))
        return false;

    QWriteLocker locker(&m_lock);
    m_cipher = cipher;
    m_keyFile = inKeychain ? QString() : keyFile;
    m_keychainName = inKeychain ? backend : QString();
    return true;
}

QString SecretStore::storageDescription() const
{
    QReadLocker locker(&m_lock);
    if (!m_keychainName.isEmpty())
        return QStringLiteral("OS keychain (%1)").arg(m_keychainName);
    if (!m_keyFile.isEmpty())
        return QStringLiteral("encrypted in the database, key file %1")
            .arg(QDir::toNativeSeparators(m_keyFile));
    return QStringLiteral("in memory only (no database)");
}

QString SecretStore::keyFilePath() const
{
    QReadLocker locker(&m_lock);
    return m_keyFile;
}

bool SecretStore::usesKeychain() const
{
    QReadLocker locker(&m_lock);
    return !m_keychainName.isEmpty();
}

int SecretStore::loadSettings(QSqlDatabase &db, QString *error)
{
    QSqlQuery stored(db);
    if (!stored.exec(QStringLiteral("SELECT key, value FROM settings WHERE key LIKE 'secret/%'"))) {
        *error = stored.lastError().text();
        return -1;
    }
    QHash<QString, QString> loaded;
    while (stored.next()) {
        const auto name = stored.value(0).toString().mid(7);
        const auto value = reveal(stored.value(1).toString());
        if (!value) {
            qCWarning(lcStorage, "the stored secret %s cannot be decrypted; it is ignored", qPrintable(name));
            continue;
        }
        loaded.insert(name, *value);
    }
    stored.finish();
    for (auto it = loaded.cbegin(); it != loaded.cend(); ++it)
        set(it.key(), it.value());
    return sealPlaintext(db, error);
}

int SecretStore::sealPlaintext(QSqlDatabase &db, QString *error)
{
    struct Row
    {
        QString table, keyColumn, column;
        QVariant key;
        QString value;
    };
    QList<Row> plain;
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SELECT key, value FROM settings WHERE key LIKE 'secret/%'"))) {
        *error = query.lastError().text();
        return -1;
    }
    while (query.next()) {
        if (!SecretCipher::isSealed(query.value(1).toString()))
            plain.append({QStringLiteral("settings"), QStringLiteral("key"), QStringLiteral("value"),
                query.value(0), query.value(1).toString()});
    }
    if (db.tables().contains(QStringLiteral("webhook_secrets"))) {
        if (!query.exec(QStringLiteral("SELECT id, secret FROM webhook_secrets"))) {
            *error = query.lastError().text();
            return -1;
        }
        while (query.next()) {
            if (!SecretCipher::isSealed(query.value(1).toString()))
                plain.append({QStringLiteral("webhook_secrets"), QStringLiteral("id"),
                    QStringLiteral("secret"), query.value(0), query.value(1).toString()});
        }
    }
    query.finish();
    if (plain.isEmpty())
        return 0;
    if (!db.transaction()) {
        *error = db.lastError().text();
        return -1;
    }
    for (const auto &row : plain) {
        QSqlQuery update(db);
        update.prepare(QStringLiteral("UPDATE ") + row.table + QStringLiteral(" SET ") + row.column
            + QStringLiteral(" = ? WHERE ") + row.keyColumn + QStringLiteral(" = ?"));
        update.addBindValue(seal(row.value));
        update.addBindValue(row.key);
        if (!update.exec()) {
            *error = update.lastError().text();
            db.rollback();
            return -1;
        }
    }
    if (!db.commit()) {
        *error = db.lastError().text();
        return -1;
    }
    qCInfo(lcStorage, "sealed %d secret(s) stored in plain text", int(plain.size()));
    return int(plain.size());
}

bool SecretStore::save(SqlContext &context, const QString &name, const QString &value) const
{
    const QString key = settingKey(name);
    if (value.isEmpty()) {
        context.run(QStringLiteral("DELETE FROM settings WHERE key = ?"), {key});
        qCInfo(lcStorage, "provider secret %s removed", qPrintable(name));
        return false;
    }
    context.run(QStringLiteral("INSERT INTO settings(key, value) VALUES(?, ?) "
                               "ON CONFLICT(key) DO UPDATE SET value = excluded.value"),
        {key, seal(value)});
    qCInfo(lcStorage, "provider secret %s saved, sealed", qPrintable(name));
    return true;
}

QStringList SecretStore::signingSecrets(SqlContext &context, qint64 configId) const
{
    QStringList secrets;
    auto &query = context.run(QStringLiteral("SELECT secret FROM webhook_secrets WHERE config_id = ? AND "
                                             "(expires_at IS NULL OR expires_at > ?) ORDER BY id DESC"),
        {configId, context.nowMs()});
    while (query.next()) {
        if (const auto secret = reveal(query.value(0).toString()))
            secrets.append(*secret);
        else
            qCWarning(
                lcStorage, "webhook %lld: a signing secret cannot be decrypted; it is skipped", configId);
    }
    query.finish();
    return secrets;
}

void SecretStore::addSigningSecret(
    SqlContext &context, qint64 configId, const QString &secret, qint64 createdAtMs) const
{
    context.run(QStringLiteral("INSERT INTO webhook_secrets(config_id, secret, created_at) VALUES(?,?,?)"),
        {configId, seal(secret), createdAtMs});
    qCInfo(lcStorage, "webhook %lld: signing secret stored, sealed", configId);
}

void SecretStore::expireSigningSecrets(SqlContext &context, qint64 configId, qint64 expiresAtMs)
{
    context.run(QStringLiteral("UPDATE webhook_secrets SET expires_at = ? WHERE config_id = ? AND "
                               "(expires_at IS NULL OR expires_at > ?)"),
        {expiresAtMs, configId, expiresAtMs});
}

void SecretStore::removeSigningSecrets(SqlContext &context, qint64 configId)
{
    context.run(QStringLiteral("DELETE FROM webhook_secrets WHERE config_id = ?"), {configId});
}

QString SecretStore::seal(const QString &plaintext) const
{
    QReadLocker locker(&m_lock);
    if (!m_cipher.isValid())
        return plaintext; // no database opened (unit tests of the routes): nothing is stored
    return m_cipher.seal(plaintext);
}

std::optional<QString> SecretStore::reveal(const QString &stored) const
{
    if (!SecretCipher::isSealed(stored))
        return stored;
    QReadLocker locker(&m_lock);
    return m_cipher.open(stored);
}

void SecretStore::loadEnvironment(const QProcessEnvironment &environment)
{
    QWriteLocker locker(&m_lock);
    for (const auto &name : knownNames()) {
        const auto value = environment.value(name);
        if (!value.isEmpty())
            m_environment.insert(name, value);
    }
}

void SecretStore::set(const QString &name, const QString &value)
{
    QWriteLocker locker(&m_lock);
    if (value.isEmpty())
        m_stored.remove(name);
    else
        m_stored.insert(name, value);
}

QString SecretStore::value(const QString &name) const
{
    QReadLocker locker(&m_lock);
    const auto fromEnvironment = m_environment.value(name);
    return fromEnvironment.isEmpty() ? m_stored.value(name) : fromEnvironment;
}

HeaderRedaction SecretStore::headerRedaction() const
{
    const auto configured = value(QStringLiteral("ELEVENLABS_INITIATION_HEADER"));
    return HeaderRedaction(
        configured.isEmpty() ? QList<QByteArray> {} : QList<QByteArray> {configured.toLatin1()});
}

void SecretStore::setAcceptUnverified(const QSet<QString> &providers)
{
    QWriteLocker locker(&m_lock);
    m_acceptUnverified = providers;
}

bool SecretStore::acceptsUnverified(const QString &provider) const
{
    QReadLocker locker(&m_lock);
    return m_acceptUnverified.contains(provider);
}

} // namespace sb
