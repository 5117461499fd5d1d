#include "domain/Clock.h"
#include "storage/Database.h"
#include "storage/InboundRepository.h"
#include "storage/SqlWorker.h"

#include <QRegularExpression>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QVariant>
#include <atomic>

using namespace sb;

// The check that lets the group-commit writer run statements through SQLite's own API on the handle
// of Qt's connection only when both are the same SQLite library, and Qt's path otherwise.
class SqliteGuardTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void comparesLibraries_data()
    {
        QTest::addColumn<QString>("linkedVersion");
        QTest::addColumn<QString>("linkedSource");
        QTest::addColumn<QString>("driverVersion");
        QTest::addColumn<QString>("driverSource");
        QTest::addColumn<bool>("same");
        const auto source = QStringLiteral(
            "2022-12-28 14:03:47 df5c253c0b3dd24916e4ec7cf77d3db5294cc9fd45ae7b9c5e82ad8197f3alt1");
        QTest::newRow("same library")
            << QStringLiteral("3.40.1") << source << QStringLiteral("3.40.1") << source << true;
        QTest::newRow("another version")
            << QStringLiteral("3.40.1") << source << QStringLiteral("3.45.0") << source << false;
        QTest::newRow("same version, another build")
            << QStringLiteral("3.40.1") << source << QStringLiteral("3.40.1")
            << QStringLiteral("2022-12-28 14:03:47 0000000000000000") << false;
        QTest::newRow("driver's source unknown")
            << QStringLiteral("3.40.1") << source << QStringLiteral("3.40.1") << QString() << false;
        QTest::newRow("nothing known") << QString() << QString() << QString() << QString() << false;
    }

    void comparesLibraries()
    {
        QFETCH(QString, linkedVersion);
        QFETCH(QString, linkedSource);
        QFETCH(QString, driverVersion);
        QFETCH(QString, driverSource);
        QFETCH(bool, same);
        const auto mismatch
            = sqliteLibraryMismatch({linkedVersion, linkedSource}, {driverVersion, driverSource});
        QCOMPARE(mismatch.isEmpty(), same);
        if (!same && !linkedSource.isEmpty() && !driverSource.isEmpty()) {
            // The log line names both libraries.
            QVERIFY2(
                mismatch.contains(linkedVersion) && mismatch.contains(driverVersion), qPrintable(mismatch));
            QVERIFY2(mismatch.contains(driverSource), qPrintable(mismatch));
        }
    }

    // On this machine Qt's SQLite driver runs the library the program links: the raw path is taken.
    void thisBuildRunsOneSqlite()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const auto name = QStringLiteral("guard-same");
        {
            auto db = Database::open(name, DatabaseOptions {dir.filePath(QStringLiteral("same.db"))});
            const auto linked = Database::linkedSqlite();
            const auto driver = Database::driverSqlite(db);
            QVERIFY(!linked.version.isEmpty());
            QCOMPARE(driver.version, linked.version);
            QCOMPARE(driver.sourceId, linked.sourceId);
            QCOMPARE(sqliteLibraryMismatch(linked, driver), QString());
            QVERIFY(Database::rawSqlite(db) != nullptr);
            ManualClock clock(1);
            SqlContext context(db, clock);
            QVERIFY(context.raw("SELECT 1") != nullptr);
        }
        Database::close(name);
    }

    // A connection not opened through Database::open is checked on first use, the same way.
    void checksAConnectionOpenedElsewhere()
    {
        QTemporaryDir dir;
        const auto name = QStringLiteral("guard-plain");
        {
            auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(dir.filePath(QStringLiteral("plain.db")));
            QVERIFY(db.open());
            QVERIFY(Database::rawSqlite(db) != nullptr);
            db.close();
            QVERIFY(Database::rawSqlite(db) == nullptr); // a closed connection has no handle to use
        }
        QSqlDatabase::removeDatabase(name);
    }

    // The group-commit writer stores the same rows whichever path the check chose; with another
    // SQLite library in the driver (as with the Qt plugins of Windows and macOS) it goes through
    // QtSql and says so once in the log.
    void groupCommitStoresRows_data()
    {
        QTest::addColumn<bool>("pretendOtherLibrary");
        QTest::newRow("linked library: SQLite's API") << false;
        QTest::newRow("another library: QtSql") << true;
    }

    void groupCommitStoresRows()
    {
        QFETCH(bool, pretendOtherLibrary);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const auto path = dir.filePath(QStringLiteral("switchboard.db"));
        ManualClock clock(1'700'000'000'000);
        {
            const auto name = QStringLiteral("guard-migrate");
            {
                auto db = Database::open(name, DatabaseOptions {path});
                Database::migrate(db, clock.nowMs());
            }
            Database::close(name);
        }

        DatabaseOptions options {path};
        if (pretendOtherLibrary) {
            options.linkedSqlite
                = SqliteLibrary {QStringLiteral("3.0.0"), QStringLiteral("2004-06-18 00:00:00 another")};
            QTest::ignoreMessage(QtWarningMsg,
                QRegularExpression(
                    QStringLiteral("^storage: statements go through QtSql instead of SQLite's API: this "
                                   "program links SQLite 3\\.0\\.0 \\(2004-06-18 00:00:00 another\\), "
                                   "Qt's SQLite driver runs 3\\.")));
        }
        SqlWorker writer(QStringLiteral("guard-writer"), options, SqlWorker::Mode::Writer, clock, nullptr);
        QString error;
        QVERIFY2(writer.start(&error), qPrintable(error));

        // Requests as the pipeline stores them, one savepoint each; bodies hold every byte value.
        constexpr int count = 40;
        QByteArray everyByte;
        for (int b = 0; b < 256; ++b)
            everyByte.append(char(b));
        std::atomic<int> rawJobs = 0;
        std::atomic<int> qtJobs = 0;
        QList<ApiResult> results;
        auto submit = [&](const ApiRequest &request) {
            SqlJob job;
            job.run = [request, &rawJobs, &qtJobs](SqlContext &context) -> ApiResult {
                (context.raw("SELECT 1") ? rawJobs : qtJobs)++;
                context.exec("SAVEPOINT ingest");
                InboundOutcome outcome;
                outcome.status = QStringLiteral("processed");
                if (!request.body.isEmpty()) { // the last request is unrouted: no provider nor handler
                    outcome.provider = QStringLiteral("twilio");
                    outcome.handler = QStringLiteral("sms");
                    outcome.eventType = QStringLiteral("message.received");
                }
                ApiResponse response;
                response.status = 202;
                response.body = "{\"ok\":true}";
                InboundRepository::insert(context, request, outcome, response);
                context.exec("RELEASE ingest");
                return response;
            };
            job.replyContext = this;
            job.done = [&results](const ApiResult &result) { results.append(result); };
            writer.submit(std::move(job));
        };
        for (int i = 0; i < count; ++i) {
            ApiRequest request;
            request.method = "POST";
            request.rawTarget = "/webhooks/twilio/sms?n=" + QByteArray::number(i);
            request.path = QStringLiteral("/webhooks/twilio/sms/é");
            request.rawHead = "POST " + request.rawTarget + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
            request.body = everyByte + QByteArray::number(i);
            request.peer = QHostAddress::LocalHost;
            request.clientIp = QStringLiteral("127.0.0.1");
            request.recordId = QStringLiteral("evt_guard%1").arg(i, 3, 10, QLatin1Char('0'));
            request.receivedAtMs = clock.nowMs() + i;
            submit(request);
        }
        // A repeated record id fails its own job only: the batch is rolled back and its jobs run again
        // one by one.
        ApiRequest repeated;
        repeated.method = "POST";
        repeated.rawTarget = "/again";
        repeated.path = QStringLiteral("/again");
        repeated.rawHead = "POST /again HTTP/1.1\r\n\r\n";
        repeated.body = "again";
        repeated.peer = QHostAddress::LocalHost;
        repeated.recordId = QStringLiteral("evt_guard000");
        repeated.receivedAtMs = clock.nowMs();
        submit(repeated);
        ApiRequest unrouted;
        unrouted.method = "GET";
        unrouted.rawTarget = "/nowhere";
        unrouted.path = QStringLiteral("/nowhere");
        unrouted.peer = QHostAddress::LocalHost;
        unrouted.recordId = QStringLiteral("evt_guard999");
        unrouted.receivedAtMs = clock.nowMs();
        submit(unrouted);

        QTRY_COMPARE_WITH_TIMEOUT(results.size(), count + 2, 20000);
        writer.stop();
        if (pretendOtherLibrary) {
            QCOMPARE(rawJobs.load(), 0);
            QVERIFY(qtJobs.load() >= count + 2);
        } else {
            QCOMPARE(qtJobs.load(), 0);
            QVERIFY(rawJobs.load() >= count + 2);
        }
        int failed = 0;
        for (const auto &result : std::as_const(results))
            failed += isError(result) ? 1 : 0;
        QCOMPARE(failed, 1);

        const auto reader = QStringLiteral("guard-read");
        {
            auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), reader);
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(QStringLiteral(
                "SELECT id, method, target, path, body, body_size, client_ip, provider, handler, event_type, "
                "response_status, response_body, received_at FROM inbound_requests ORDER BY id")));
            int rows = 0;
            while (query.next()) {
                const auto id = query.value(0).toString();
                if (id == QStringLiteral("evt_guard999")) {
                    QCOMPARE(query.value(1).toString(), QStringLiteral("GET"));
                    QVERIFY(query.value(4).isNull());
                    QCOMPARE(query.value(5).toLongLong(), 0);
                    for (int column : {6, 7, 8}) { // NOT NULL columns hold the empty text
                        QVERIFY(!query.value(column).isNull());
                        QCOMPARE(query.value(column).toString(), QString());
                    }
                    QVERIFY(query.value(9).isNull());
                } else {
                    const int i = id.mid(9).toInt();
                    QCOMPARE(id, QStringLiteral("evt_guard%1").arg(i, 3, 10, QLatin1Char('0')));
                    QCOMPARE(query.value(1).toString(), QStringLiteral("POST"));
                    QCOMPARE(query.value(2).toString(), QStringLiteral("/webhooks/twilio/sms?n=%1").arg(i));
                    QCOMPARE(query.value(3).toString(), QStringLiteral("/webhooks/twilio/sms/é"));
                    QCOMPARE(query.value(4).toByteArray(), everyByte + QByteArray::number(i));
                    QCOMPARE(
                        query.value(5).toLongLong(), qint64(everyByte.size() + QByteArray::number(i).size()));
                    QCOMPARE(query.value(6).toString(), QStringLiteral("127.0.0.1"));
                    QCOMPARE(query.value(7).toString(), QStringLiteral("twilio"));
                    QCOMPARE(query.value(8).toString(), QStringLiteral("sms"));
                    QCOMPARE(query.value(9).toString(), QStringLiteral("message.received"));
                    QCOMPARE(query.value(12).toLongLong(), clock.nowMs() + i);
                }
                QCOMPARE(query.value(10).toInt(), 202);
                QCOMPARE(query.value(11).toByteArray(), QByteArray("{\"ok\":true}"));
                ++rows;
            }
            QCOMPARE(rows, count + 1);
        }
        QSqlDatabase::removeDatabase(reader);
    }
};

QTEST_GUILESS_MAIN(SqliteGuardTest)
#include "tst_sqliteguard.moc"
