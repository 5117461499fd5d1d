#include "storage/Database.h"

#include <QTest>

using namespace sb;

class DatabaseUrlTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void emptyAndSqliteUrlsNameAFile()
    {
        DatabaseOptions options;
        QString error;
        QVERIFY(options.setUrl({}, QStringLiteral("/data/switchboard.db"), &error));
        QCOMPARE(options.backend, DatabaseBackend::Sqlite);
        QCOMPARE(options.path, QStringLiteral("/data/switchboard.db"));
        QVERIFY(options.setUrl(QStringLiteral("sqlite:///tmp/a.db"), QStringLiteral("/d"), &error));
        QCOMPARE(options.path, QStringLiteral("/tmp/a.db"));
        QVERIFY(options.setUrl(QStringLiteral("sqlite:rel.db"), QStringLiteral("/d"), &error));
        QCOMPARE(options.path, QStringLiteral("rel.db"));
        QCOMPARE(options.servingRefusal(), QString());
        QVERIFY(!options.setUrl(QStringLiteral("sqlite:"), QStringLiteral("/d"), &error));
        QVERIFY(error.contains(QStringLiteral("names no file")));
    }

    void postgresUrlIsDecoded()
    {
        DatabaseOptions options;
        QString error;
        QVERIFY2(
            options.setUrl(QStringLiteral("postgresql://sales%20ops:p%40ss%3Aw%2Ford@db.example.com:6543/"
                                          "team%2Ddb?sslmode=require&connect_timeout=10"),
                QStringLiteral("/d"), &error),
            qPrintable(error));
        QCOMPARE(options.backend, DatabaseBackend::Postgres);
        const auto &pg = options.postgres;
        QCOMPARE(pg.user, QStringLiteral("sales ops"));
        QCOMPARE(pg.password, QStringLiteral("p@ss:w/ord"));
        QCOMPARE(pg.host, QStringLiteral("db.example.com"));
        QCOMPARE(pg.port, 6543);
        QCOMPARE(pg.database, QStringLiteral("team-db"));
        QCOMPARE(pg.parameters,
            QStringList({QStringLiteral("sslmode=require"), QStringLiteral("connect_timeout=10")}));
        QVERIFY(options.path.isEmpty());
    }

    void postgresSchemeAndDefaults()
    {
        DatabaseOptions options;
        QString error;
        QVERIFY2(
            options.setUrl(QStringLiteral("postgres://alice@127.0.0.1/crm"), QStringLiteral("/d"), &error),
            qPrintable(error));
        QCOMPARE(options.backend, DatabaseBackend::Postgres);
        QCOMPARE(options.postgres.user, QStringLiteral("alice"));
        QVERIFY(options.postgres.password.isEmpty()); // libpq: PGPASSWORD, then ~/.pgpass
        QCOMPARE(options.postgres.port, 5432);
        QCOMPARE(options.postgres.database, QStringLiteral("crm"));
        QVERIFY(options.postgres.parameters.isEmpty());

        QVERIFY(options.setUrl(QStringLiteral("postgresql://[::1]:5433/x"), QStringLiteral("/d"), &error));
        QCOMPARE(options.postgres.host, QStringLiteral("::1"));
        QCOMPARE(options.postgres.port, 5433);
        QVERIFY(options.postgres.user.isEmpty());

        // Back to SQLite: nothing of the PostgreSQL URL stays.
        QVERIFY(options.setUrl({}, QStringLiteral("/d/s.db"), &error));
        QCOMPARE(options.backend, DatabaseBackend::Sqlite);
        QVERIFY(options.postgres.host.isEmpty());
    }

    void passwordIsNeverShown()
    {
        DatabaseOptions options;
        QString error;
        QVERIFY(options.setUrl(QStringLiteral("postgresql://bob:s3cr%23t-Pw@h:5432/db?sslmode=verify-full"),
            QStringLiteral("/d"), &error));
        QCOMPARE(options.postgres.password, QStringLiteral("s3cr#t-Pw"));
        QCOMPARE(
            options.displayName(), QStringLiteral("postgresql://bob:****@h:5432/db?sslmode=verify-full"));
        QVERIFY(!options.displayName().contains(QStringLiteral("s3cr")));
        const auto refusal = options.servingRefusal();
        QVERIFY(refusal.contains(QStringLiteral("PostgreSQL: schema and connection ready")));
        QVERIFY(refusal.contains(QStringLiteral("postgresql://bob:****@h:5432/db")));
        QVERIFY(!refusal.contains(QStringLiteral("s3cr")));

        // Refused URLs are shown masked too.
        QVERIFY(!options.setUrl(
            QStringLiteral("postgresql://bob:s3cr3t@h/db?password=x"), QStringLiteral("/d"), &error));
        QVERIFY2(
            error.contains(QStringLiteral("unknown connection parameter \"password\"")), qPrintable(error));
        QVERIFY2(!error.contains(QStringLiteral("s3cr3t")), qPrintable(error));
        QVERIFY(error.contains(QStringLiteral("bob:****@h")));
        QVERIFY(!options.setUrl(QStringLiteral("mysql://bob:s3cr3t@h/db"), QStringLiteral("/d"), &error));
        QVERIFY2(!error.contains(QStringLiteral("s3cr3t")), qPrintable(error));
        QVERIFY(error.contains(QStringLiteral("postgresql://")));
    }

    void refusesBadUrls_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("problem");
        QTest::newRow("two path parts")
            << QStringLiteral("postgresql://h/a/b") << QStringLiteral("one database");
        QTest::newRow("port zero") << QStringLiteral("postgresql://h:0/a") << QStringLiteral("port");
        QTest::newRow("bad port") << QStringLiteral("postgresql://h:99999/a")
                                  << QStringLiteral("not a valid URL");
        QTest::newRow("bad escape") << QStringLiteral("postgresql://u:%zz@h/a")
                                    << QStringLiteral("not a valid URL");
        QTest::newRow("fragment") << QStringLiteral("postgresql://h/a#x") << QStringLiteral("fragment");
        QTest::newRow("unknown parameter")
            << QStringLiteral("postgresql://h/a?host=evil") << QStringLiteral("unknown connection parameter");
        QTest::newRow("injected parameter")
            << QStringLiteral("postgresql://h/a?sslmode=disable%20host%3Devil")
            << QStringLiteral("without spaces");
        QTest::newRow("empty parameter")
            << QStringLiteral("postgresql://h/a?sslmode=") << QStringLiteral("non-empty");
        QTest::newRow("other engine") << QStringLiteral("mysql://h/a") << QStringLiteral("use sqlite:PATH");
    }

    void refusesBadUrls()
    {
        QFETCH(QString, url);
        QFETCH(QString, problem);
        DatabaseOptions options;
        QString error;
        QVERIFY(!options.setUrl(url, QStringLiteral("/d"), &error));
        QVERIFY2(error.contains(problem), qPrintable(error));
        QVERIFY2(error.startsWith(QStringLiteral("--database ")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(DatabaseUrlTest)
#include "tst_database_url.moc"
