// `switchboard signature verify` run as a separate process, as a user runs it.
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryFile>
#include <QTest>

class SignatureCliTest : public QObject
{
    Q_OBJECT

    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
    };

    Run run(const QStringList &arguments)
    {
        const auto binary
            = QProcessEnvironment::systemEnvironment().value(QStringLiteral("SWITCHBOARD_BINARY"));
        QProcess process;
        process.start(binary, QStringList {QStringLiteral("signature")} + arguments);
        if (!process.waitForFinished(30000))
            return {};
        return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
    }

    // The twilio-python vector (tests/unit/test_request_validator.py).
    QStringList twilio(const QString &signature,
        const QString &url = QStringLiteral("https://mycompany.com/myapp.php?foo=1&bar=2"))
    {
        return {QStringLiteral("verify"), QStringLiteral("--provider"), QStringLiteral("twilio"),
            QStringLiteral("--secret"), QStringLiteral("12345"), QStringLiteral("--url"), url,
            QStringLiteral("--header"), QStringLiteral("X-Twilio-Signature: ") + signature,
            QStringLiteral("--form"), QStringLiteral("CallSid=CA1234567890ABCDE"), QStringLiteral("--form"),
            QStringLiteral("Caller=+14158675309"), QStringLiteral("--form"), QStringLiteral("Digits=1234"),
            QStringLiteral("--form"), QStringLiteral("From=+14158675309"), QStringLiteral("--form"),
            QStringLiteral("To=+18005551212")};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(
            !QProcessEnvironment::systemEnvironment().value(QStringLiteral("SWITCHBOARD_BINARY")).isEmpty(),
            "SWITCHBOARD_BINARY is not set");
    }

    void validTwilio()
    {
        const auto r = run(twilio(QStringLiteral("RSOYDt4T1cUTdK1PDd93/VVr8B8=")));
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.startsWith(QStringLiteral("valid\n")), qPrintable(r.out));
        QVERIFY(r.out.contains(
            QStringLiteral("https://mycompany.com/myapp.php?foo=1&bar=2CallSidCA1234567890ABCDE")));
    }

    void invalidTwilioNamesTheUrlForms()
    {
        // Signed for the public URL, checked against the local one: the tunnel mistake.
        const auto r = run(twilio(QStringLiteral("RSOYDt4T1cUTdK1PDd93/VVr8B8="),
            QStringLiteral("http://127.0.0.1:8080/myapp.php?foo=1&bar=2")));
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.startsWith(QStringLiteral("invalid\n")), qPrintable(r.out));
        QVERIFY(r.out.contains(QStringLiteral("string-to-sign")));
        QVERIFY(r.out.contains(QStringLiteral("reason: signature matches none of the URL forms tried")));
        QVERIFY(r.out.contains(QStringLiteral("http://127.0.0.1/myapp.php")));
    }

    void elevenLabsStaleAndFresh()
    {
        QTemporaryFile body;
        QVERIFY(body.open());
        body.write(R"({"event_type": "speech.completed", "id": "123456"})");
        body.close();
        const QStringList base {QStringLiteral("verify"), QStringLiteral("--provider=elevenlabs"),
            QStringLiteral("--secret=test_secret"), QStringLiteral("--body-file"), body.fileName(),
            QStringLiteral("--header"),
            QStringLiteral(
                "ElevenLabs-Signature: "
                "t=1600000000,v0=f8a0d1dc33ee963cb54d2f31514555995e93313c9d2042c030adbb82b87fae13")};
        auto r = run(base + QStringList {QStringLiteral("--now"), QStringLiteral("1600000060")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains(QStringLiteral("1600000000.{\"event_type\"")));
        r = run(base + QStringList {QStringLiteral("--now"), QStringLiteral("1600003600")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.contains(QStringLiteral("reason: stale timestamp")), qPrintable(r.out));
    }

    void standardWebhooksAndGithub()
    {
        auto r = run({QStringLiteral("verify"), QStringLiteral("--provider"), QStringLiteral("standard"),
            QStringLiteral("--secret"), QStringLiteral("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
            QStringLiteral("--header"), QStringLiteral("webhook-id: msg_p5jXN8AQM9LWM0D4loKWxJek"),
            QStringLiteral("--header"), QStringLiteral("webhook-timestamp: 1614265330"),
            QStringLiteral("--header"),
            QStringLiteral("webhook-signature: v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="),
            QStringLiteral("--body"), QStringLiteral(R"({"test": 2432232314})"), QStringLiteral("--now"),
            QStringLiteral("1614265400")});
        QCOMPARE(r.exitCode, 0);
        r = run({QStringLiteral("verify"), QStringLiteral("--provider"), QStringLiteral("github"),
            QStringLiteral("--secret"), QStringLiteral("It's a Secret to Everybody"),
            QStringLiteral("--body"), QStringLiteral("Hello, World!"), QStringLiteral("--header"),
            QStringLiteral("X-Hub-Signature-256: "
                           "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")});
        QCOMPARE(r.exitCode, 0);
        r = run({QStringLiteral("verify"), QStringLiteral("--provider"), QStringLiteral("github"),
            QStringLiteral("--secret"), QStringLiteral("It's a Secret to Everybody"),
            QStringLiteral("--body"), QStringLiteral("Hello, World?"), QStringLiteral("--header"),
            QStringLiteral("X-Hub-Signature-256: "
                           "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.out.startsWith(QStringLiteral("invalid\n")));
    }

    void mailgunForm()
    {
        const auto r = run({QStringLiteral("verify"), QStringLiteral("--provider"), QStringLiteral("mailgun"),
            QStringLiteral("--secret"), QStringLiteral("key-3ax6xnjp29jd6fds4gc373sgvjxteol0"),
            QStringLiteral("--form"), QStringLiteral("timestamp=1403645220"), QStringLiteral("--form"),
            QStringLiteral("token=5egbgr1vjgqxtrnp65xfznchgdccwh5d6i09vijqi3whgowmn6"),
            QStringLiteral("--form"),
            QStringLiteral("signature=9cfc5c41582e51246e73c88d34db3af0a3a2692a76fbab81492842f000256d33"),
            QStringLiteral("--now"), QStringLiteral("1403645230")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains(QStringLiteral(
            "string-to-sign (60 bytes): 14036452205egbgr1vjgqxtrnp65xfznchgdccwh5d6i09vijqi3whgowmn6")));
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("no subcommand") << QStringList {} << QStringLiteral("missing subcommand");
        QTest::newRow("unknown subcommand")
            << QStringList {QStringLiteral("sign")} << QStringLiteral("unknown subcommand");
        QTest::newRow("unknown provider") << QStringList {QStringLiteral("verify"),
            QStringLiteral("--provider"), QStringLiteral("stripe"), QStringLiteral("--secret"),
            QStringLiteral("s")} << QStringLiteral("unknown provider");
        QTest::newRow("missing secret")
            << QStringList {QStringLiteral("verify"), QStringLiteral("--provider"), QStringLiteral("github")}
            << QStringLiteral("missing --secret");
        QTest::newRow("bad header") << QStringList {QStringLiteral("verify"), QStringLiteral("--provider"),
            QStringLiteral("github"), QStringLiteral("--secret"), QStringLiteral("s"),
            QStringLiteral("--header"), QStringLiteral("no colon here")}
                                    << QStringLiteral("not 'Name: value'");
        QTest::newRow("bad form") << QStringList {QStringLiteral("verify"), QStringLiteral("--provider"),
            QStringLiteral("mailgun"), QStringLiteral("--secret"), QStringLiteral("s"),
            QStringLiteral("--form"), QStringLiteral("novalue")}
                                  << QStringLiteral("not name=value");
        QTest::newRow("two bodies") << QStringList {QStringLiteral("verify"), QStringLiteral("--provider"),
            QStringLiteral("github"), QStringLiteral("--secret"), QStringLiteral("s"),
            QStringLiteral("--body"), QStringLiteral("a"), QStringLiteral("--body-file"),
            QStringLiteral("/nonexistent")}
                                    << QStringLiteral("give the body once");
        QTest::newRow("unreadable body file") << QStringList {QStringLiteral("verify"),
            QStringLiteral("--body-file"), QStringLiteral("/nonexistent/file")}
                                              << QStringLiteral("cannot read --body-file");
        QTest::newRow("bad now") << QStringList {QStringLiteral("verify"), QStringLiteral("--now"),
            QStringLiteral("yesterday")}
                                 << QStringLiteral("not Unix seconds");
        QTest::newRow("twilio without url") << QStringList {QStringLiteral("verify"),
            QStringLiteral("--provider"), QStringLiteral("twilio"), QStringLiteral("--secret"),
            QStringLiteral("s")} << QStringLiteral("--url is required");
        QTest::newRow("unknown option") << QStringList {QStringLiteral("verify"), QStringLiteral("--verbose"),
            QStringLiteral("x")} << QStringLiteral("unknown option");
        QTest::newRow("missing value") << QStringList {QStringLiteral("verify"), QStringLiteral("--provider")}
                                       << QStringLiteral("needs a value");
    }

    void usageErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const auto r = run(arguments);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY(r.err.contains(QStringLiteral("usage: switchboard signature verify")));
        QVERIFY(r.out.isEmpty());
    }
};

QTEST_GUILESS_MAIN(SignatureCliTest)
#include "tst_signature_cli.moc"
