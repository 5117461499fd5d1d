// The headless binary: its stdout contract, the first-run key on stderr, SIGTERM drain, exit codes.
#include "TestSupport.h"

#include <QProcess>
#include <QTest>

using namespace sb::test;

class HeadlessTest : public QObject
{
    Q_OBJECT
private:
    QString binary() const { return qEnvironmentVariable("SWITCHBOARD_BINARY"); }

private Q_SLOTS:
    void initTestCase()
    {
        if (binary().isEmpty())
            QSKIP("SWITCHBOARD_BINARY is not set (run through ctest)");
    }

    void versionAndUsageErrors()
    {
        QProcess process;
        process.start(binary(), {QStringLiteral("--version")});
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitCode(), 0);
        QVERIFY(process.readAllStandardOutput().startsWith("switchboard 0."));

        process.start(binary(), {QStringLiteral("--listen"), QStringLiteral("nonsense")});
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitCode(), 2);
        QVERIFY(process.readAllStandardError().contains("--listen"));

        process.start(binary(), {QStringLiteral("--accept-unverified"), QStringLiteral("nobody")});
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitCode(), 2);
    }

    void listensDrainsOnSigtermAndExitsZero()
    {
        QTemporaryDir dir;
        QProcess server;
        auto environment = QProcessEnvironment::systemEnvironment();
        environment.remove(QStringLiteral("SWITCHBOARD_API_KEY"));
        environment.remove(QStringLiteral("DISPLAY"));
        environment.remove(QStringLiteral("QT_QPA_PLATFORM"));
        server.setProcessEnvironment(environment);
        server.start(binary(),
            {QStringLiteral("--headless"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                QStringLiteral("--data-dir"), dir.path()});
        QVERIFY(server.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(server.canReadLine(), 20000);
        const auto line = server.readLine().trimmed();
        QVERIFY2(line.startsWith("listening on http://127.0.0.1:"), line.constData());
        const auto port = line.mid(line.lastIndexOf(':') + 1).toInt();
        QVERIFY(port > 0);

        const QUrl url(QStringLiteral("http://127.0.0.1:%1/api/webhooks/test").arg(port));
        QCOMPARE(request("POST", url, "{}").status, 200);

        // A second instance on the same data directory refuses with a clear message.
        QProcess second;
        second.start(binary(),
            {QStringLiteral("--headless"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                QStringLiteral("--data-dir"), dir.path()});
        QVERIFY(second.waitForFinished(20000));
        QCOMPARE(second.exitCode(), 1);
        QVERIFY(second.readAllStandardError().contains("already using the data directory"));

#ifdef Q_OS_UNIX
        server.terminate(); // SIGTERM
#else
        // A console program gets Ctrl+C/Ctrl+Break, not a signal another process can send it.
        server.kill();
        QSKIP("the SIGTERM drain is checked on Unix only");
#endif
        QVERIFY(server.waitForFinished(20000));
        QCOMPARE(server.exitStatus(), QProcess::NormalExit);
        QCOMPARE(server.exitCode(), 0);
        // stdout carries only the listening line; the first-run key went to stderr.
        QCOMPARE(server.readAllStandardOutput().trimmed(), QByteArray());
        const auto errors = server.readAllStandardError();
        QVERIFY2(errors.contains("admin API key"), errors.constData());
        QVERIFY(errors.contains("sbk_"));
        // Where stored secrets are kept is said at start.
        QVERIFY2(errors.contains("secrets: encrypted in the database, key file "), errors.constData());
    }
};

QTEST_GUILESS_MAIN(HeadlessTest)
#include "tst_headless.moc"
