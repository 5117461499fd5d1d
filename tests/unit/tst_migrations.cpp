#include "storage/Database.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QVariant>

using namespace sb;

class MigrationsTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void appliesOnceAndIsIdempotent()
    {
        QTemporaryDir dir;
        DatabaseOptions options {dir.filePath(QStringLiteral("m.db")), false, 1000};
        {
            auto db = Database::open(QStringLiteral("m1"), options);
            QCOMPARE(Database::schemaVersion(db), 0);
            Database::migrate(db, 1);
            QCOMPARE(Database::schemaVersion(db), Database::knownSchemaVersion());
            QVERIFY(db.tables().contains(QStringLiteral("inbound_requests")));
            QVERIFY(db.tables().contains(QStringLiteral("leads")));
            Database::migrate(db, 2); // nothing left to do
            QSqlQuery count(db);
            QVERIFY(count.exec(QStringLiteral("SELECT COUNT(*) FROM schema_version")));
            QVERIFY(count.next());
            QCOMPARE(count.value(0).toInt(), Database::knownSchemaVersion());
            QSqlQuery mode(db);
            QVERIFY(mode.exec(QStringLiteral("PRAGMA journal_mode")));
            QVERIFY(mode.next());
            QCOMPARE(mode.value(0).toString(), QStringLiteral("wal"));
        }
        Database::close(QStringLiteral("m1"));
    }

    void refusesNewerSchemaWithoutTouchingIt()
    {
        QTemporaryDir dir;
        DatabaseOptions options {dir.filePath(QStringLiteral("n.db")), false, 1000};
        {
            auto db = Database::open(QStringLiteral("m2"), options);
            Database::migrate(db, 1);
            QSqlQuery future(db);
            QVERIFY(
                future.exec(QStringLiteral("INSERT INTO schema_version(version, applied_at) VALUES(%1, 0)")
                                .arg(Database::knownSchemaVersion() + 5)));
            bool refused = false;
            try {
                Database::migrate(db, 3);
            } catch (const SqlError &e) {
                refused = e.message().contains(QStringLiteral("newer"));
            }
            QVERIFY(refused);
            QCOMPARE(Database::schemaVersion(db), Database::knownSchemaVersion() + 5);
            QVERIFY(db.tables().contains(QStringLiteral("leads"))); // nothing dropped
        }
        Database::close(QStringLiteral("m2"));
    }
};

QTEST_GUILESS_MAIN(MigrationsTest)
#include "tst_migrations.moc"
