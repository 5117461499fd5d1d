// A storage failure answers 500 in the route family's envelope with "internal error, id err_…" and
// nothing of the SQL or the database's message; the log line with that id has the full error.
#include "TestSupport.h"

#include <QJsonArray>
#include <QMutex>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace sb;
using namespace sb::test;

namespace {

QMutex logMutex;
QStringList logLines;
QtMessageHandler previousHandler = nullptr;

void capture(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        QMutexLocker lock(&logMutex);
        logLines.append(message);
    }
    if (previousHandler)
        previousHandler(type, context, message);
}

QStringList capturedLines()
{
    QMutexLocker lock(&logMutex);
    return logLines;
}

// Changes the server's database behind its back through a second connection.
bool alter(const TestServer &server, const QString &sql)
{
    bool ok = false;
    {
        auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("saboteur"));
        db.setDatabaseName(server.dataDir() + QStringLiteral("/switchboard.db"));
        if (db.open()) {
            QSqlQuery query(db);
            ok = query.exec(sql);
            if (!ok)
                qWarning("alter: %s", qPrintable(query.lastError().text()));
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("saboteur"));
    return ok;
}

const QRegularExpression errorId(QStringLiteral("internal error, id (err_[0-9A-Z]{26})$"));

// The answer carries an id, no SQL and no database message; the log has both under that id.
void checkHidden(const HttpReply &reply, const QString &messageKey, const QString &table)
{
    QCOMPARE(reply.status, 500);
    const auto message = reply.json().value(messageKey).toString();
    const auto match = errorId.match(message);
    QVERIFY2(match.hasMatch(), reply.body.constData());
    for (const char *leak :
        {"SELECT", "INSERT", "UPDATE", "FROM", "no such table", "sqlite", "SQL", "storage error"})
        QVERIFY2(!reply.body.contains(leak), reply.body.constData());
    QVERIFY2(!reply.body.contains(table.toUtf8()), reply.body.constData());
    const auto id = match.captured(1);
    const auto lines = capturedLines().filter(id);
    QCOMPARE(lines.size(), 1);
    QVERIFY2(lines.first().contains(QStringLiteral("no such table: ") + table), qPrintable(lines.first()));
}

} // namespace

class StorageErrorsTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { previousHandler = qInstallMessageHandler(capture); }
    void cleanupTestCase() { qInstallMessageHandler(previousHandler); }

    void droppedTableAnswersAnErrorId()
    {
        TestServer server;
        QVERIFY(server.started());
        const QJsonObject config {{QStringLiteral("name"), QStringLiteral("n")},
            {QStringLiteral("url"), QStringLiteral("http://127.0.0.1:9/h")},
            {QStringLiteral("eventTypes"), QJsonArray {QStringLiteral("lead.created")}}};
        QCOMPARE(adminSend(server, "POST", QStringLiteral("/api/webhooks/config"), config).status, 201);
        QCOMPARE(adminGet(server, QStringLiteral("/api/webhooks/config")).status, 200);

        QVERIFY(alter(server, QStringLiteral("DROP TABLE webhook_secrets")));
        QVERIFY(alter(server, QStringLiteral("DROP TABLE webhook_configs")));

        // A read (reader thread) in both families' envelopes.
        checkHidden(adminGet(server, QStringLiteral("/api/webhooks/config")), QStringLiteral("message"),
            QStringLiteral("webhook_configs"));
        checkHidden(adminGet(server, QStringLiteral("/api/communications/webhooks")),
            QStringLiteral("detail"), QStringLiteral("webhook_configs"));
        // A write (writer thread, batch rolled back and the job run alone).
        checkHidden(adminSend(server, "POST", QStringLiteral("/api/webhooks/config"), config),
            QStringLiteral("message"), QStringLiteral("webhook_configs"));
        checkHidden(adminSend(server, "POST", QStringLiteral("/api/communications/webhooks"),
                        {{QStringLiteral("name"), QStringLiteral("n")},
                            {QStringLiteral("url"), QStringLiteral("http://127.0.0.1:9/h")},
                            {QStringLiteral("events"), QJsonArray {QStringLiteral("lead.created")}}}),
            QStringLiteral("detail"), QStringLiteral("webhook_configs"));
        // Each failure has its own id.
        const auto first = adminGet(server, QStringLiteral("/api/webhooks/config"))
                               .json()
                               .value(QStringLiteral("message"))
                               .toString();
        const auto second = adminGet(server, QStringLiteral("/api/webhooks/config"))
                                .json()
                                .value(QStringLiteral("message"))
                                .toString();
        QVERIFY(errorId.match(first).hasMatch() && errorId.match(second).hasMatch());
        QVERIFY(first != second);
        // The rest of the server still works.
        QCOMPARE(request("GET", server.url(QStringLiteral("/healthz"))).status, 200);
    }
};

QTEST_GUILESS_MAIN(StorageErrorsTest)
#include "tst_storage_errors.moc"
