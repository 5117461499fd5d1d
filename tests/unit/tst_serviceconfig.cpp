// The external-service config schema: every provider's keys, required keys, formats, unknown keys
// and the masking of secrets.
#include "domain/ServiceConfigSchema.h"

#include <QTest>

using namespace sb;

namespace {

const QString pem = QStringLiteral("-----BEGIN PRIVATE KEY-----\n"
                                   "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgHxy38R46WqQyh3pj\n"
                                   "WAF+nKJSeO/qM5fh8LRRhql+F36hRANCAAStzykSG2bIGVTy649EuTjDYkGsvjQ5\n"
                                   "7CMMMFaG/3p14QRM7SKfvphBMO6oID1aMLR9waVZPljTA6SMCBwgFBVu\n"
                                   "-----END PRIVATE KEY-----\n");

QJsonObject validConfig(ServiceProvider provider)
{
    switch (provider) {
    case ServiceProvider::Twilio:
        return {{QStringLiteral("account_sid"), QStringLiteral("AC0123456789abcdef0123456789abcdef")},
            {QStringLiteral("auth_token"), QStringLiteral("twilio-auth-token-1234")},
            {QStringLiteral("from_number"), QStringLiteral("+14155550100")}};
    case ServiceProvider::Nexmo:
        return {{QStringLiteral("api_key"), QStringLiteral("a1b2c3d4")},
            {QStringLiteral("api_secret"), QStringLiteral("nexmo-secret-5678")},
            {QStringLiteral("from_number"), QStringLiteral("+447700900123")}};
    case ServiceProvider::AwsSns:
        return {{QStringLiteral("access_key_id"), QStringLiteral("AKIAIOSFODNN7EXAMPLE")},
            {QStringLiteral("secret_access_key"), QStringLiteral("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")},
            {QStringLiteral("region"), QStringLiteral("us-east-1")}};
    case ServiceProvider::SendGrid:
        return {{QStringLiteral("api_key"), QStringLiteral("SG.key-abcdefgh")},
            {QStringLiteral("from_email"), QStringLiteral("noreply@example.com")},
            {QStringLiteral("from_name"), QStringLiteral("Example")}};
    case ServiceProvider::Mailgun:
        return {{QStringLiteral("api_key"), QStringLiteral("key-0123456789")},
            {QStringLiteral("domain"), QStringLiteral("mail.example.com")},
            {QStringLiteral("from_email"), QStringLiteral("noreply@example.com")}};
    case ServiceProvider::AwsSes:
        return {{QStringLiteral("access_key_id"), QStringLiteral("AKIAIOSFODNN7EXAMPLE")},
            {QStringLiteral("secret_access_key"), QStringLiteral("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")},
            {QStringLiteral("region"), QStringLiteral("eu-west-2")},
            {QStringLiteral("from_email"), QStringLiteral("noreply@example.com")}};
    case ServiceProvider::Firebase:
        return {{QStringLiteral("project_id"), QStringLiteral("my-project")},
            {QStringLiteral("private_key"), pem},
            {QStringLiteral("client_email"),
                QStringLiteral("firebase-adminsdk@my-project.iam.gserviceaccount.com")}};
    case ServiceProvider::OneSignal:
        return {{QStringLiteral("app_id"), QStringLiteral("5eb5a37e-b458-11e3-ac11-000c2940e62c")},
            {QStringLiteral("api_key"), QStringLiteral("os_v2_app_secret")}};
    case ServiceProvider::Slack:
        return {
            {QStringLiteral("webhook_url"), QStringLiteral("https://hooks.slack.com/services/T0/B0/XXXX")}};
    case ServiceProvider::Teams:
        return {{QStringLiteral("webhook_url"), QStringLiteral("https://example.webhook.office.com/x/y")}};
    case ServiceProvider::Discord:
        return {{QStringLiteral("webhook_url"), QStringLiteral("https://discord.com/api/webhooks/1/abc")}};
    case ServiceProvider::ElevenLabs:
        return {{QStringLiteral("api_key"), QStringLiteral("xi-key-123456")},
            {QStringLiteral("agent_id"), QStringLiteral("agent_1")},
            {QStringLiteral("agent_phone_number_id"), QStringLiteral("phnum_1")}};
    }
    return {};
}

const QList<ServiceProvider> allProviders {ServiceProvider::Twilio, ServiceProvider::Nexmo,
    ServiceProvider::AwsSns, ServiceProvider::SendGrid, ServiceProvider::Mailgun, ServiceProvider::AwsSes,
    ServiceProvider::Firebase, ServiceProvider::OneSignal, ServiceProvider::Slack, ServiceProvider::Teams,
    ServiceProvider::Discord, ServiceProvider::ElevenLabs};

QStringList names(std::initializer_list<const char *> list)
{
    QStringList result;
    for (const auto *name : list)
        result.append(QString::fromLatin1(name));
    return result;
}

QString bullets()
{
    return QString(4, QChar(0x2022));
}

} // namespace

class ServiceConfigTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void validConfigsPass_data()
    {
        QTest::addColumn<int>("provider");
        for (auto provider : allProviders)
            QTest::newRow(qPrintable(serviceProviderName(provider))) << static_cast<int>(provider);
    }
    void validConfigsPass()
    {
        QFETCH(int, provider);
        const auto p = static_cast<ServiceProvider>(provider);
        QCOMPARE(validateServiceConfig(p, validConfig(p)), QStringList());
        // base_url is accepted by every provider.
        auto withBase = validConfig(p);
        withBase.insert(QStringLiteral("base_url"), QStringLiteral("http://127.0.0.1:8080"));
        QCOMPARE(validateServiceConfig(p, withBase), QStringList());
        withBase.insert(QStringLiteral("base_url"), QStringLiteral("ftp://127.0.0.1"));
        QCOMPARE(validateServiceConfig(p, withBase),
            QStringList {QStringLiteral("config.base_url must be an http or https URL")});
    }

    void eachMissingKeyIsNamed_data()
    {
        QTest::addColumn<int>("provider");
        QTest::addColumn<QString>("key");
        for (auto provider : allProviders) {
            for (const auto &key : serviceConfigKeys(provider)) {
                if (key.required)
                    QTest::newRow(qPrintable(serviceProviderName(provider) + QLatin1Char('.') + key.name))
                        << static_cast<int>(provider) << key.name;
            }
        }
    }
    void eachMissingKeyIsNamed()
    {
        QFETCH(int, provider);
        QFETCH(QString, key);
        const auto p = static_cast<ServiceProvider>(provider);
        auto config = validConfig(p);
        QVERIFY(config.contains(key));
        config.remove(key);
        QCOMPARE(
            validateServiceConfig(p, config), QStringList {QStringLiteral("config.%1 is required").arg(key)});
        config.insert(key, QJsonValue::Null);
        QCOMPARE(
            validateServiceConfig(p, config), QStringList {QStringLiteral("config.%1 is required").arg(key)});
        config.insert(key, 12);
        QCOMPARE(validateServiceConfig(p, config),
            QStringList {QStringLiteral("config.%1 must be a string").arg(key)});
    }

    void requiredKeysPerProvider()
    {
        auto requiredOf = [](ServiceProvider p) {
            QStringList names;
            for (const auto &key : serviceConfigKeys(p))
                if (key.required)
                    names.append(key.name + (key.secret ? QStringLiteral("*") : QString()));
            return names;
        };
        QCOMPARE(requiredOf(ServiceProvider::Twilio), names({"account_sid", "auth_token*"}));
        QCOMPARE(requiredOf(ServiceProvider::Nexmo), names({"api_key", "api_secret*", "from_number"}));
        QCOMPARE(
            requiredOf(ServiceProvider::AwsSns), names({"access_key_id", "secret_access_key*", "region"}));
        QCOMPARE(requiredOf(ServiceProvider::SendGrid), names({"api_key*", "from_email"}));
        QCOMPARE(requiredOf(ServiceProvider::Mailgun), names({"api_key*", "domain", "from_email"}));
        QCOMPARE(requiredOf(ServiceProvider::AwsSes),
            names({"access_key_id", "secret_access_key*", "region", "from_email"}));
        QCOMPARE(
            requiredOf(ServiceProvider::Firebase), names({"project_id", "private_key*", "client_email"}));
        QCOMPARE(requiredOf(ServiceProvider::OneSignal), names({"app_id", "api_key*"}));
        QCOMPARE(requiredOf(ServiceProvider::Slack), names({"webhook_url*"}));
        QCOMPARE(requiredOf(ServiceProvider::Teams), names({"webhook_url*"}));
        QCOMPARE(requiredOf(ServiceProvider::Discord), names({"webhook_url*"}));
        QVERIFY(isSecretConfigKey(ServiceProvider::AwsSns, QStringLiteral("session_token")));
        QVERIFY(isSecretConfigKey(ServiceProvider::AwsSes, QStringLiteral("session_token")));
        QVERIFY(!isSecretConfigKey(ServiceProvider::Twilio, QStringLiteral("account_sid")));
        QVERIFY(!isSecretConfigKey(ServiceProvider::Twilio, QStringLiteral("base_url")));
    }

    void twilioSenderIsNumberOrMessagingService()
    {
        auto config = validConfig(ServiceProvider::Twilio);
        config.remove(QStringLiteral("from_number"));
        QCOMPARE(validateServiceConfig(ServiceProvider::Twilio, config),
            QStringList {QStringLiteral("config.from_number is required (or config.messaging_service_sid)")});
        config.insert(
            QStringLiteral("messaging_service_sid"), QStringLiteral("MG0123456789abcdef0123456789abcdef"));
        QCOMPARE(validateServiceConfig(ServiceProvider::Twilio, config), QStringList());
        config.insert(QStringLiteral("messaging_service_sid"), QStringLiteral("MG0123"));
        QCOMPARE(validateServiceConfig(ServiceProvider::Twilio, config),
            QStringList {
                QStringLiteral("config.messaging_service_sid must be MG followed by 32 hexadecimal digits")});
    }

    void badFormats_data()
    {
        QTest::addColumn<int>("provider");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("problem");
        const auto row
            = [](const char *name, ServiceProvider p, const char *key, const QString &value,
                  const char *problem) {
                  QTest::newRow(name)
                      << static_cast<int>(p) << QString::fromLatin1(key) << value
                      << QStringLiteral("config.%1 %2").arg(QLatin1String(key), QLatin1String(problem));
              };
        const char *e164 = "must be E.164, e.g. +14155550100";
        const char *email = "must be an email address, e.g. noreply@example.com";
        const char *region = "must be an AWS region, e.g. us-east-1";
        const char *url = "must be an http or https URL";
        row("twilio sid short", ServiceProvider::Twilio, "account_sid", QStringLiteral("AC123"),
            "must be AC followed by 32 hexadecimal digits");
        row("twilio sid prefix", ServiceProvider::Twilio, "account_sid",
            QStringLiteral("SK0123456789abcdef0123456789abcdef"),
            "must be AC followed by 32 hexadecimal digits");
        row("twilio sid not hex", ServiceProvider::Twilio, "account_sid",
            QStringLiteral("AC0123456789abcdef0123456789abcdeg"),
            "must be AC followed by 32 hexadecimal digits");
        row("twilio token empty", ServiceProvider::Twilio, "auth_token", QStringLiteral("  "),
            "must be a non-empty string");
        row("twilio from national", ServiceProvider::Twilio, "from_number", QStringLiteral("4155550100"),
            e164);
        row("twilio from letters", ServiceProvider::Twilio, "from_number", QStringLiteral("+1415CALLME"),
            e164);
        row("twilio from seed", ServiceProvider::Twilio, "from_number", QStringLiteral("+1234567890"), e164);
        row("nexmo from long", ServiceProvider::Nexmo, "from_number", QStringLiteral("MyCompanyName"),
            "must be E.164 (e.g. +14155550100) or an alphanumeric sender id of at most 11 characters");
        row("nexmo from punct", ServiceProvider::Nexmo, "from_number", QStringLiteral("My-Co"),
            "must be E.164 (e.g. +14155550100) or an alphanumeric sender id of at most 11 characters");
        row("sns region", ServiceProvider::AwsSns, "region", QStringLiteral("US East"), region);
        row("sns region no number", ServiceProvider::AwsSns, "region", QStringLiteral("us-east"), region);
        row("sns sender digits", ServiceProvider::AwsSns, "sender_id", QStringLiteral("12345"),
            "must be a sender id of at most 11 letters, digits or hyphens");
        row("sns sender space", ServiceProvider::AwsSns, "sender_id", QStringLiteral("My Co"),
            "must be a sender id of at most 11 letters, digits or hyphens");
        row("sendgrid email", ServiceProvider::SendGrid, "from_email", QStringLiteral("noreply"), email);
        row("sendgrid email two at", ServiceProvider::SendGrid, "from_email",
            QStringLiteral("a@b@example.com"), email);
        row("mailgun domain", ServiceProvider::Mailgun, "domain", QStringLiteral("https://mail.example.com"),
            "must be a domain name, e.g. mail.example.com");
        row("mailgun email", ServiceProvider::Mailgun, "from_email", QStringLiteral("noreply@localhost"),
            email);
        row("ses region", ServiceProvider::AwsSes, "region", QStringLiteral("useast1"), region);
        row("ses email", ServiceProvider::AwsSes, "from_email", QStringLiteral("@example.com"), email);
        row("firebase key", ServiceProvider::Firebase, "private_key", QStringLiteral("your_private_key"),
            "must be a PEM PKCS#8 private key (-----BEGIN PRIVATE KEY-----)");
        row("firebase key not base64", ServiceProvider::Firebase, "private_key",
            QStringLiteral("-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----"),
            "must be a PEM PKCS#8 private key (-----BEGIN PRIVATE KEY-----)");
        row("firebase client", ServiceProvider::Firebase, "client_email", QStringLiteral("your_client_email"),
            email);
        row("firebase token uri", ServiceProvider::Firebase, "token_uri",
            QStringLiteral("oauth2.googleapis.com"), url);
        row("onesignal app", ServiceProvider::OneSignal, "app_id", QStringLiteral("your_app_id"),
            "must be a UUID, e.g. 5eb5a37e-b458-11e3-ac11-000c2940e62c");
        row("slack url", ServiceProvider::Slack, "webhook_url", QStringLiteral("hooks.slack.com/services/x"),
            url);
        row("teams url", ServiceProvider::Teams, "webhook_url", QStringLiteral("ftp://example.com/x"), url);
        row("discord url", ServiceProvider::Discord, "webhook_url", QStringLiteral("https://"), url);
    }
    void badFormats()
    {
        QFETCH(int, provider);
        QFETCH(QString, key);
        QFETCH(QString, value);
        QFETCH(QString, problem);
        const auto p = static_cast<ServiceProvider>(provider);
        auto config = validConfig(p);
        config.insert(key, value);
        const auto problems = validateServiceConfig(p, config);
        QCOMPARE(problems, QStringList {problem});
    }

    void goodFormatVariants()
    {
        auto sns = validConfig(ServiceProvider::AwsSns);
        sns.insert(QStringLiteral("region"), QStringLiteral("us-gov-west-1"));
        sns.insert(QStringLiteral("sender_id"), QStringLiteral("My-Company"));
        sns.insert(QStringLiteral("session_token"), QStringLiteral("FwoGZXIvYXdzEJr"));
        QCOMPARE(validateServiceConfig(ServiceProvider::AwsSns, sns), QStringList());
        auto nexmo = validConfig(ServiceProvider::Nexmo);
        nexmo.insert(QStringLiteral("from_number"), QStringLiteral("Acme Shop 2"));
        QCOMPARE(validateServiceConfig(ServiceProvider::Nexmo, nexmo), QStringList());
        auto firebase = validConfig(ServiceProvider::Firebase);
        firebase.insert(QStringLiteral("token_uri"), QStringLiteral("https://oauth2.googleapis.com/token"));
        QCOMPARE(validateServiceConfig(ServiceProvider::Firebase, firebase), QStringList());
        auto sendgrid = validConfig(ServiceProvider::SendGrid);
        sendgrid.insert(QStringLiteral("from_name"), QJsonValue::Null); // optional: null = absent
        QCOMPARE(validateServiceConfig(ServiceProvider::SendGrid, sendgrid), QStringList());
    }

    void smsFallbackKey()
    {
        // Only SMS services have an email fallback; its id is a whole positive number or digits.
        for (const auto provider :
            {ServiceProvider::Twilio, ServiceProvider::Nexmo, ServiceProvider::AwsSns}) {
            auto config = validConfig(provider);
            config.insert(QStringLiteral("fallback_email_service_id"), 7);
            config.insert(QStringLiteral("fallback_email_subject"), QStringLiteral("A message for you"));
            QCOMPARE(validateServiceConfig(provider, config), QStringList());
            QCOMPARE(fallbackEmailServiceId(config), std::optional<qint64>(7));
            config.insert(QStringLiteral("fallback_email_service_id"), QStringLiteral("12"));
            QCOMPARE(fallbackEmailServiceId(config), std::optional<qint64>(12));
        }
        const QString expected = QStringLiteral(
            "config.fallback_email_service_id must be the id of a registered service, e.g. 2");
        for (const QJsonValue &bad : {QJsonValue(0), QJsonValue(-3), QJsonValue(2.5),
                 QJsonValue(QStringLiteral("two")), QJsonValue(QStringLiteral("0"))}) {
            auto config = validConfig(ServiceProvider::Twilio);
            config.insert(QStringLiteral("fallback_email_service_id"), bad);
            QCOMPARE(validateServiceConfig(ServiceProvider::Twilio, config), QStringList {expected});
            QCOMPARE(fallbackEmailServiceId(config), std::nullopt);
        }
        auto mailgun = validConfig(ServiceProvider::Mailgun);
        mailgun.insert(QStringLiteral("fallback_email_service_id"), 3);
        QCOMPARE(validateServiceConfig(ServiceProvider::Mailgun, mailgun),
            QStringList {QStringLiteral("config.fallback_email_service_id is not a mailgun setting")});
    }

    void everyProblemIsListed()
    {
        const QJsonObject config {{QStringLiteral("account_sid"), QStringLiteral("nope")},
            {QStringLiteral("from_number"), QStringLiteral("123")}, {QStringLiteral("zeta"), 1},
            {QStringLiteral("alpha"), QStringLiteral("x")}};
        QCOMPARE(validateServiceConfig(ServiceProvider::Twilio, config),
            (QStringList {QStringLiteral("config.account_sid must be AC followed by 32 hexadecimal digits"),
                QStringLiteral("config.auth_token is required"),
                QStringLiteral("config.from_number must be E.164, e.g. +14155550100"),
                QStringLiteral("config.alpha is not a twilio setting"),
                QStringLiteral("config.zeta is not a twilio setting")}));
        QCOMPARE(validateServiceConfig(ServiceProvider::Slack, {}),
            QStringList {QStringLiteral("config.webhook_url is required")});
    }

    void masking()
    {
        QCOMPARE(
            maskSecretValue(QStringLiteral("twilio-auth-token-1234")), bullets() + QStringLiteral("1234"));
        QCOMPARE(maskSecretValue(QStringLiteral("12345678")), bullets() + QStringLiteral("5678"));
        QCOMPARE(maskSecretValue(QStringLiteral("1234567")), bullets());
        QCOMPARE(maskSecretValue(QString()), bullets());
        QVERIFY(isMaskedValue(bullets()));
        QVERIFY(isMaskedValue(bullets() + QStringLiteral("abcd")));
        QVERIFY(!isMaskedValue(QStringLiteral("abcd")));
        QVERIFY(!isMaskedValue(bullets() + QStringLiteral("abcde")));
        QVERIFY(!isMaskedValue(QStringLiteral("****1234")));

        const auto twilio = maskServiceConfig(ServiceProvider::Twilio, validConfig(ServiceProvider::Twilio));
        QCOMPARE(twilio.value(QStringLiteral("auth_token")).toString(), bullets() + QStringLiteral("1234"));
        QCOMPARE(twilio.value(QStringLiteral("account_sid")).toString(),
            QStringLiteral("AC0123456789abcdef0123456789abcdef"));
        QCOMPARE(twilio.value(QStringLiteral("from_number")).toString(), QStringLiteral("+14155550100"));

        auto sns = validConfig(ServiceProvider::AwsSns);
        sns.insert(QStringLiteral("session_token"), QStringLiteral("short"));
        const auto maskedSns = maskServiceConfig(ServiceProvider::AwsSns, sns);
        QCOMPARE(maskedSns.value(QStringLiteral("secret_access_key")).toString(),
            bullets() + QStringLiteral("EKEY"));
        QCOMPARE(maskedSns.value(QStringLiteral("session_token")).toString(), bullets());
        QCOMPARE(maskedSns.value(QStringLiteral("access_key_id")).toString(),
            QStringLiteral("AKIAIOSFODNN7EXAMPLE"));

        // Every secret of every provider is masked; nothing else changes.
        for (auto provider : allProviders) {
            const auto config = validConfig(provider);
            const auto masked = maskServiceConfig(provider, config);
            QCOMPARE(masked.keys(), config.keys());
            for (const auto &key : serviceConfigKeys(provider)) {
                if (!config.contains(key.name))
                    continue;
                const auto shown = masked.value(key.name).toString();
                if (key.secret) {
                    QVERIFY2(isMaskedValue(shown), qPrintable(key.name));
                    QVERIFY(shown != config.value(key.name).toString());
                } else {
                    QCOMPARE(shown, config.value(key.name).toString());
                }
            }
        }
        const auto slack = maskServiceConfig(ServiceProvider::Slack, validConfig(ServiceProvider::Slack));
        QCOMPARE(slack.value(QStringLiteral("webhook_url")).toString(), bullets() + QStringLiteral("XXXX"));
        const auto firebase
            = maskServiceConfig(ServiceProvider::Firebase, validConfig(ServiceProvider::Firebase));
        QCOMPARE(
            firebase.value(QStringLiteral("private_key")).toString(), bullets() + QStringLiteral("---\n"));
    }
};

QTEST_GUILESS_MAIN(ServiceConfigTest)
#include "tst_serviceconfig.moc"
