#include "domain/Clock.h"
#include "storage/Database.h"
#include "storage/SecretStore.h"
#include "storage/SqlWorker.h"
#include "storage/WebhookConfigRepository.h"

#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QVariant>

using namespace sb;

namespace {

QString stored(QSqlDatabase &db, const QString &key)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT value FROM settings WHERE key = ?"));
    query.addBindValue(key);
    return query.exec() && query.next() ? query.value(0).toString() : QString();
}

} // namespace

class SecretStoreTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void keyFileAndPlaintextMigration()
    {
        QTemporaryDir dir;
        const auto path = dir.filePath(QStringLiteral("s.db"));
        {
            auto db = Database::open(QStringLiteral("secretstore"), DatabaseOptions {path, false, 1000});
            Database::migrate(db, 1);
            // Written by an earlier version: plain text.
            execOrThrow(db,
                QStringLiteral("INSERT INTO settings(key, value) VALUES('secret/TWILIO_AUTH_TOKEN', "
                               "'plain-twilio-token-42')"));
            SecretStore store;
            QString error;
            QVERIFY2(store.openKey(db, path, SecretStore::KeySource::File, &error), qPrintable(error));
            QVERIFY(!store.usesKeychain());
            QCOMPARE(store.keyFilePath(), path + QStringLiteral(".key"));
            QVERIFY(store.storageDescription().startsWith(
                QStringLiteral("encrypted in the database, key file ")));
            QFile key(store.keyFilePath());
            QCOMPARE(key.size(), qint64(SecretCipher::keySize));
#ifdef Q_OS_UNIX
            QCOMPARE(key.permissions()
                    & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteOther),
                0);
#endif
            QCOMPARE(store.loadSettings(db, &error), 1);
            QCOMPARE(
                store.value(QStringLiteral("TWILIO_AUTH_TOKEN")), QStringLiteral("plain-twilio-token-42"));
            const auto sealed = stored(db, QStringLiteral("secret/TWILIO_AUTH_TOKEN"));
            QVERIFY(SecretCipher::isSealed(sealed));
            QVERIFY(!sealed.contains(QStringLiteral("plain-twilio-token-42")));
            // Nothing left to seal the second time.
            QCOMPARE(store.loadSettings(db, &error), 0);
        }
        Database::close(QStringLiteral("secretstore"));

        // Next start: the same key file opens what was sealed.
        {
            auto db = Database::open(QStringLiteral("secretstore"), DatabaseOptions {path, false, 1000});
            SecretStore store;
            QString error;
            QVERIFY2(store.openKey(db, path, SecretStore::KeySource::Auto, &error), qPrintable(error));
            QCOMPARE(store.loadSettings(db, &error), 0);
            QCOMPARE(
                store.value(QStringLiteral("TWILIO_AUTH_TOKEN")), QStringLiteral("plain-twilio-token-42"));
        }
        Database::close(QStringLiteral("secretstore"));

        // A replaced key file is refused with a clear message instead of losing the secrets.
        QFile::remove(path + QStringLiteral(".key"));
        QFile replaced(path + QStringLiteral(".key"));
        QVERIFY(replaced.open(QIODevice::WriteOnly));
        replaced.write(SecretCipher::generateKey());
        replaced.close();
        {
            auto db = Database::open(QStringLiteral("secretstore"), DatabaseOptions {path, false, 1000});
            SecretStore store;
            QString error;
            QVERIFY(!store.openKey(db, path, SecretStore::KeySource::File, &error));
            QVERIFY2(error.contains(QStringLiteral("does not open")), qPrintable(error));
        }
        Database::close(QStringLiteral("secretstore"));

        // A missing key file, with secrets sealed by it, is refused too.
        QFile::remove(path + QStringLiteral(".key"));
        {
            auto db = Database::open(QStringLiteral("secretstore"), DatabaseOptions {path, false, 1000});
            SecretStore store;
            QString error;
            QVERIFY(!store.openKey(db, path, SecretStore::KeySource::File, &error));
            QVERIFY2(error.contains(QStringLiteral("missing")), qPrintable(error));
        }
        Database::close(QStringLiteral("secretstore"));
    }

    void sealAndReveal()
    {
        QTemporaryDir dir;
        const auto path = dir.filePath(QStringLiteral("r.db"));
        auto db = Database::open(QStringLiteral("reveal"), DatabaseOptions {path, false, 1000});
        Database::migrate(db, 1);
        SecretStore store;
        QString error;
        QVERIFY2(store.openKey(db, path, SecretStore::KeySource::File, &error), qPrintable(error));
        const auto sealed = store.seal(QStringLiteral("whsec_abc"));
        QVERIFY(SecretCipher::isSealed(sealed));
        QCOMPARE(store.reveal(sealed), std::optional<QString>(QStringLiteral("whsec_abc")));
        // A value stored before encryption reads as it is until it is sealed at start.
        QCOMPARE(store.reveal(QStringLiteral("whsec_plain")),
            std::optional<QString>(QStringLiteral("whsec_plain")));
        QVERIFY(
            !store.reveal(sealed.left(10) + QLatin1Char(sealed.at(10) == u'A' ? 'B' : 'A') + sealed.mid(11))
                 .has_value());
        db = QSqlDatabase();
        Database::close(QStringLiteral("reveal"));
    }

    void savesProviderAndSigningSecretsSealed()
    {
        QTemporaryDir dir;
        const auto path = dir.filePath(QStringLiteral("w.db"));
        ManualClock clock;
        {
            auto db = Database::open(QStringLiteral("writes"), DatabaseOptions {path, false, 1000});
            Database::migrate(db, clock.nowMs());
            SecretStore store;
            QString error;
            QVERIFY2(store.openKey(db, path, SecretStore::KeySource::File, &error), qPrintable(error));
            SqlContext context(db, clock, &store);

            // Provider secrets: stored sealed, removed by an empty value, the running value untouched.
            QVERIFY(store.save(context, QStringLiteral("TWILIO_AUTH_TOKEN"), QStringLiteral("tw-token-77")));
            QVERIFY(!store.has(QStringLiteral("TWILIO_AUTH_TOKEN")));
            const auto sealed = stored(db, QStringLiteral("secret/TWILIO_AUTH_TOKEN"));
            QVERIFY(SecretCipher::isSealed(sealed));
            QVERIFY(!sealed.contains(QStringLiteral("tw-token-77")));
            QVERIFY(store.save(context, QStringLiteral("CRM_WEBHOOK_SECRET"), QStringLiteral("crm-1")));
            QVERIFY(!store.save(context, QStringLiteral("CRM_WEBHOOK_SECRET"), QString()));
            QCOMPARE(stored(db, QStringLiteral("secret/CRM_WEBHOOK_SECRET")), QString());

            // Signing secrets: sealed at rest, newest first, expired ones left out.
            WebhookConfig config;
            config.name = QStringLiteral("hook");
            config.url = QStringLiteral("http://127.0.0.1:9/hook");
            WebhookConfigRepository::insert(context, config, QStringLiteral("whsec_first"));
            QVERIFY(config.id > 0);
            QSqlQuery raw(db);
            QVERIFY(raw.exec(QStringLiteral("SELECT secret FROM webhook_secrets")) && raw.next());
            QVERIFY(SecretCipher::isSealed(raw.value(0).toString()));
            raw.finish();
            WebhookConfigRepository::rotateSecret(context, config.id, QStringLiteral("whsec_second"), 1000);
            QCOMPARE(store.signingSecrets(context, config.id),
                QStringList({QStringLiteral("whsec_second"), QStringLiteral("whsec_first")}));
            clock.advanceMs(1001);
            QCOMPARE(store.signingSecrets(context, config.id), QStringList {QStringLiteral("whsec_second")});
            SecretStore::removeSigningSecrets(context, config.id);
            QCOMPARE(store.signingSecrets(context, config.id), QStringList());
        }
        Database::close(QStringLiteral("writes"));

        // The next start reads back what was saved.
        {
            auto db = Database::open(QStringLiteral("writes"), DatabaseOptions {path, false, 1000});
            SecretStore store;
            QString error;
            QVERIFY2(store.openKey(db, path, SecretStore::KeySource::File, &error), qPrintable(error));
            QCOMPARE(store.loadSettings(db, &error), 0);
            QCOMPARE(store.value(QStringLiteral("TWILIO_AUTH_TOKEN")), QStringLiteral("tw-token-77"));
            QVERIFY(!store.has(QStringLiteral("CRM_WEBHOOK_SECRET")));
        }
        Database::close(QStringLiteral("writes"));
    }

    void keySourceNames()
    {
        SecretStore::KeySource source = SecretStore::KeySource::File;
        QVERIFY(SecretStore::parseKeySource(QString(), &source) && source == SecretStore::KeySource::Auto);
        QVERIFY(SecretStore::parseKeySource(QStringLiteral("keychain"), &source)
            && source == SecretStore::KeySource::Keychain);
        QVERIFY(SecretStore::parseKeySource(QStringLiteral("file"), &source)
            && source == SecretStore::KeySource::File);
        QVERIFY(!SecretStore::parseKeySource(QStringLiteral("vault"), &source));
    }
};

QTEST_GUILESS_MAIN(SecretStoreTest)
#include "tst_secretstore.moc"
