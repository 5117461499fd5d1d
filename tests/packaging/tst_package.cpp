// Builds the .deb from this build tree with cpack, then checks what a user would get from it: the
// control fields, the file list, the validators Debian and the desktops use, and the extracted
// binary itself (run from the extracted tree against the system's Qt, as after installation).
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString appId = QStringLiteral("org.switchboard.Switchboard");

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    bool ok() const { return exitCode == 0; }
};

Run run(const QString &program, const QStringList &arguments, const QString &workingDirectory = {},
    int timeoutMs = 240000)
{
    QProcess process;
    if (!workingDirectory.isEmpty())
        process.setWorkingDirectory(workingDirectory);
    process.start(program, arguments);
    Run result;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        result.err = "timed out or failed to start: " + process.errorString().toUtf8();
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

QString describe(const Run &run)
{
    return QStringLiteral("exit %1\nstdout:\n%2\nstderr:\n%3")
        .arg(run.exitCode)
        .arg(QString::fromUtf8(run.out), QString::fromUtf8(run.err));
}

} // namespace

class PackageTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("dpkg-deb")).isEmpty())
            QSKIP("dpkg-deb is not installed: the .deb is built and checked on Debian-based systems only");
        if (QStandardPaths::findExecutable(QStringLiteral("dpkg-shlibdeps")).isEmpty())
            QSKIP("dpkg-shlibdeps is not installed (dpkg-dev): cpack needs it to compute Depends");
        QVERIFY2(QFile::exists(QStringLiteral(SWITCHBOARD_BUILD_DIR "/CPackConfig.cmake")),
            "CPackConfig.cmake missing: packaging/CMakeLists.txt was not configured");
        QVERIFY(m_work.isValid());
        // Into a directory of our own, so a `cpack` run by hand in the build tree cannot collide.
        const auto packaged = run(QStringLiteral(SWITCHBOARD_CPACK),
            {QStringLiteral("-G"), QStringLiteral("DEB"), QStringLiteral("--config"),
                QStringLiteral(SWITCHBOARD_BUILD_DIR "/CPackConfig.cmake"), QStringLiteral("-B"),
                m_work.path()},
            m_work.path());
        QVERIFY2(packaged.ok(), qPrintable(describe(packaged)));
        const auto debs = QDir(m_work.path()).entryList({QStringLiteral("*.deb")}, QDir::Files);
        QCOMPARE(debs.size(), 1);
        m_deb = m_work.filePath(debs.first());
        m_root = m_work.filePath(QStringLiteral("root"));
        const auto extracted = run(QStringLiteral("dpkg"), {QStringLiteral("-x"), m_deb, m_root});
        QVERIFY2(extracted.ok(), qPrintable(describe(extracted)));
    }

    void fileNameFollowsDebianConvention()
    {
        const auto arch = run(QStringLiteral("dpkg"), {QStringLiteral("--print-architecture")});
        QVERIFY2(arch.ok(), qPrintable(describe(arch)));
        QCOMPARE(QFileInfo(m_deb).fileName(),
            QStringLiteral("switchboard_%1_%2.deb")
                .arg(QStringLiteral(SWITCHBOARD_VERSION), QString::fromUtf8(arch.out.trimmed())));
    }

    void controlFields()
    {
        QCOMPARE(field("Package"), QByteArray("switchboard"));
        QCOMPARE(field("Version"), QByteArray(SWITCHBOARD_VERSION));
        QCOMPARE(field("Section"), QByteArray("net"));
        QVERIFY(!field("Maintainer").isEmpty());
        QVERIFY(!field("Homepage").isEmpty());
        QVERIFY(!field("Description").isEmpty());
        const auto depends = field("Depends");
        // From dpkg-shlibdeps: the binary's real libraries, with versions.
        QVERIFY2(depends.contains("libqt6core6"), depends.constData());
        QVERIFY2(depends.contains("libqt6network6"), depends.constData());
        QVERIFY2(depends.contains("libc6"), depends.constData());
        // Declared by hand: the SQLite driver is a plugin no library links to.
        QVERIFY2(depends.contains("libqt6sql6-sqlite"), depends.constData());
    }

    void fileList()
    {
        const auto listing = run(QStringLiteral("dpkg-deb"), {QStringLiteral("-c"), m_deb});
        QVERIFY2(listing.ok(), qPrintable(describe(listing)));
        QStringList paths;
        for (const auto &line : listing.out.split('\n')) {
            if (line.isEmpty())
                continue;
            const auto columns = QString::fromUtf8(line).split(QLatin1Char(' '), Qt::SkipEmptyParts);
            paths.append(columns.last());
            QVERIFY2(columns.at(1) == QLatin1String("root/root"), line.constData());
        }
        QStringList expected {
            QStringLiteral("./usr/bin/switchboard"),
            QStringLiteral("./usr/share/applications/%1.desktop").arg(appId),
            QStringLiteral("./usr/share/metainfo/%1.metainfo.xml").arg(appId),
            QStringLiteral("./usr/share/icons/hicolor/scalable/apps/%1.svg").arg(appId),
            QStringLiteral("./usr/share/man/man1/switchboard.1.gz"),
            QStringLiteral("./usr/share/doc/switchboard/copyright"),
            QStringLiteral("./usr/share/doc/switchboard/changelog.gz"),
            QStringLiteral("./usr/lib/systemd/system/switchboard.service"),
        };
        for (const int size : {16, 22, 24, 32, 48, 64, 128, 256})
            expected.append(
                QStringLiteral("./usr/share/icons/hicolor/%1x%1/apps/%2.png").arg(size).arg(appId));
        for (const auto &path : expected)
            QVERIFY2(paths.contains(path), qPrintable(path + QStringLiteral(" is not in the package")));
        // Nothing from the build tree or a developer's prefix leaks in.
        for (const auto &path : paths) {
            QVERIFY2(
                path.startsWith(QLatin1String("./usr/")) || path == QLatin1String("./"), qPrintable(path));
            QVERIFY2(!path.startsWith(QLatin1String("./usr/include")) && !path.endsWith(QLatin1String(".a")),
                qPrintable(path));
        }
        QVERIFY(QFileInfo(m_root + QStringLiteral("/usr/bin/switchboard")).isExecutable());
    }

    void extractedBinaryPrintsVersion()
    {
        const auto version
            = run(m_root + QStringLiteral("/usr/bin/switchboard"), {QStringLiteral("--version")});
        QVERIFY2(version.ok(), qPrintable(describe(version)));
        QCOMPARE(version.out, QByteArray("switchboard " SWITCHBOARD_VERSION "\n"));
    }

    // The SQLite driver is loaded as a plugin at run time: only starting the server proves that the
    // declared dependencies are enough.
    void extractedBinaryServesHeadless()
    {
        QTemporaryDir data;
        QProcess server;
        server.start(m_root + QStringLiteral("/usr/bin/switchboard"),
            {QStringLiteral("--headless"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                QStringLiteral("--data-dir"), data.path()});
        QVERIFY2(server.waitForStarted(), qPrintable(server.errorString()));
        QByteArray out;
        QTRY_VERIFY_WITH_TIMEOUT(
            (out += server.readAllStandardOutput()).contains('\n') || server.state() == QProcess::NotRunning,
            30000);
        QVERIFY2(QRegularExpression(QStringLiteral("^listening on http://127\\.0\\.0\\.1:[1-9][0-9]*\n$"))
                     .match(QString::fromUtf8(out))
                     .hasMatch(),
            qPrintable(QString::fromUtf8(out + server.readAllStandardError())));
        server.terminate(); // SIGTERM: drain and exit 0
        QVERIFY(server.waitForFinished(30000));
        QCOMPARE(server.exitStatus(), QProcess::NormalExit);
        QCOMPARE(server.exitCode(), 0);
    }

    // Every option of --help and every environment variable it names is in the man page.
    void manPageCoversHelp()
    {
        const auto help = run(m_root + QStringLiteral("/usr/bin/switchboard"), {QStringLiteral("--help")});
        QVERIFY2(help.ok(), qPrintable(describe(help)));
        const auto text = QString::fromUtf8(help.out);
        QVERIFY(manPageHasOptions(text, QStringLiteral("^\\s+(?:-\\w, )?--([a-z][a-z0-9-]*)"), 10));
        auto variables = QRegularExpression(QStringLiteral("\\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\\b"))
                             .globalMatch(text.mid(text.indexOf(QLatin1String("Environment"))));
        while (variables.hasNext()) {
            const auto variable = variables.next().captured();
            QVERIFY2(manPage().contains(variable),
                qPrintable(variable + QStringLiteral(" is missing from packaging/linux/switchboard.1")));
        }
    }

    // The same for `switchboard signature verify`: its options and signature schemes.
    void manPageCoversSignatureDebugger()
    {
        const auto usage = run(m_root + QStringLiteral("/usr/bin/switchboard"),
            {QStringLiteral("signature"), QStringLiteral("--help")});
        if (!usage.ok())
            QSKIP("this build has no `switchboard signature` command");
        const auto text = QString::fromUtf8(usage.out);
        QVERIFY2(manPage().contains(QLatin1String("signature verify")),
            "no SIGNATURE DEBUGGER section in switchboard.1");
        QVERIFY(manPageHasOptions(text, QStringLiteral("(?<![a-z-])--([a-z][a-z0-9-]*)"), 5));
        const auto providers
            = QRegularExpression(QStringLiteral("^providers: (.*)$"), QRegularExpression::MultilineOption)
                  .match(text);
        QVERIFY2(providers.hasMatch(), usage.out.constData());
        for (const auto &provider : providers.captured(1).split(QStringLiteral(", "))) {
            QString roff = provider;
            roff.replace(QLatin1Char('-'), QStringLiteral("\\-"));
            QVERIFY2(manPage().contains(roff),
                qPrintable(provider + QStringLiteral(" is missing from packaging/linux/switchboard.1")));
        }
    }

    void lintianFindsNoErrors()
    {
        const auto lintian = QStandardPaths::findExecutable(QStringLiteral("lintian"));
        if (lintian.isEmpty())
            QSKIP("lintian is not installed");
        const auto checked
            = run(lintian, {QStringLiteral("--tag-display-limit"), QStringLiteral("0"), m_deb});
        // lintian exits 1 for errors (and for nothing else at its default fail-on level)
        QVERIFY2(!checked.out.contains("\nE: ") && !checked.out.startsWith("E: ") && checked.exitCode == 0,
            qPrintable(describe(checked)));
        if (!checked.out.isEmpty())
            qInfo().noquote() << "lintian:" << QString::fromUtf8(checked.out).trimmed();
    }

    void desktopEntryIsValid()
    {
        const auto validator = QStandardPaths::findExecutable(QStringLiteral("desktop-file-validate"));
        if (validator.isEmpty())
            QSKIP("desktop-file-validate is not installed (desktop-file-utils)");
        const auto checked
            = run(validator, {m_root + QStringLiteral("/usr/share/applications/%1.desktop").arg(appId)});
        QVERIFY2(checked.ok() && !checked.out.contains("error:"), qPrintable(describe(checked)));
    }

    void appStreamMetadataIsValid()
    {
        const auto validator = QStandardPaths::findExecutable(QStringLiteral("appstreamcli"));
        if (validator.isEmpty())
            QSKIP("appstreamcli is not installed (appstream)");
        const auto checked = run(validator,
            {QStringLiteral("validate"), QStringLiteral("--no-net"),
                m_root + QStringLiteral("/usr/share/metainfo/%1.metainfo.xml").arg(appId)});
        QVERIFY2(checked.ok(), qPrintable(describe(checked)));
    }

private:
    // packaging/linux/switchboard.1 as installed (gzip'd)
    QString manPage()
    {
        if (m_manPage.isEmpty()) {
            const auto man = run(QStringLiteral("gzip"),
                {QStringLiteral("-dc"), m_root + QStringLiteral("/usr/share/man/man1/switchboard.1.gz")});
            m_manPage = QString::fromUtf8(man.out);
        }
        return m_manPage;
    }

    // Each option that `pattern` captures in `help` is in the man page; at least `expected` of them.
    bool manPageHasOptions(const QString &help, const QString &pattern, int expected)
    {
        QStringList names;
        auto options = QRegularExpression(pattern, QRegularExpression::MultilineOption).globalMatch(help);
        while (options.hasNext()) {
            const auto option = options.next().captured(1);
            names.append(option);
            // roff spells each hyphen \- so that it is not turned into a typographic dash
            QString roff = QStringLiteral("\\-\\-") + option;
            roff.replace(QRegularExpression(QStringLiteral("(?<=[a-z0-9])-")), QStringLiteral("\\-"));
            if (!manPage().contains(roff)) {
                qWarning().noquote() << QString(QStringLiteral("--") + option)
                                     << "is missing from packaging/linux/switchboard.1";
                return false;
            }
        }
        if (names.size() < expected) {
            qWarning().noquote() << "only these options were found in the help text:" << names;
            return false;
        }
        return true;
    }

    QByteArray field(const char *name)
    {
        const auto shown
            = run(QStringLiteral("dpkg-deb"), {QStringLiteral("-f"), m_deb, QString::fromLatin1(name)});
        return shown.ok() ? shown.out.trimmed() : QByteArray();
    }

    QTemporaryDir m_work;
    QString m_deb;
    QString m_root;
    QString m_manPage;
};

QTEST_GUILESS_MAIN(PackageTest)
#include "tst_package.moc"
