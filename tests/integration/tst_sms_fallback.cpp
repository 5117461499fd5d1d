// Failed-SMS handling (seed 003) over real HTTP against the fake Twilio and the fake Mailgun on
// loopback: an SMS sent through a registered Twilio service whose `fallback_email_service_id` names
// a Mailgun service, then reported failed by a signed status callback with ErrorCode 30003, goes
// to the lead by email exactly once (a repeated `undelivered` callback and a restart add nothing);
// the thread names Twilio's error; a lead without an address gets no email; the fallback must be a
// registered email service (400 otherwise).
#include "ProviderTestSupport.h"
#include "fakes/EmailFakes.h"
#include "fakes/SmsFakes.h"
#include "security/TwilioSignature.h"
#include "storage/ConversationRepository.h"
#include "storage/LeadDirectory.h"
#include "storage/SqlWorker.h"

using namespace sb;
using namespace sb::test;

namespace {

const QString accountSid = QStringLiteral("AC0123456789abcdef0123456789abcdef");
const QString authToken = QStringLiteral("twilio-fallback-token-5531");
const QString senderNumber = QStringLiteral("+14155550100");
const QString publicUrl = QStringLiteral("https://switchboard.example.test");
const QString servicesPath = QStringLiteral("/api/communications/external-services/");

std::function<void(RuntimeOptions &)> options()
{
    return [](RuntimeOptions &options) {
        // The status callback is verified with the account's token (the environment's Twilio).
        options.environment.insert(QStringLiteral("TWILIO_ACCOUNT_SID"), accountSid);
        options.environment.insert(QStringLiteral("TWILIO_AUTH_TOKEN"), authToken);
        options.environment.insert(QStringLiteral("SWITCHBOARD_OUTBOX_PACING"), QStringLiteral("0"));
        options.publicUrl = publicUrl;
    };
}

template <typename Work> void onWriter(TestServer &server, QObject *context, Work work)
{
    bool done = false;
    SqlJob job;
    job.run = [work](SqlContext &sql) -> ApiResult {
        work(sql);
        return ApiResponse {};
    };
    job.replyContext = context;
    job.done = [&done](const ApiResult &) { done = true; };
    server.runtime().writer().submit(std::move(job));
    QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
}

qint64 createService(TestServer &server, const QJsonObject &body)
{
    const auto created = adminSend(server, "POST", servicesPath, body);
    if (created.status != 201) {
        qWarning("service not created: %d %s", created.status, created.body.constData());
        return 0;
    }
    return created.json().value(QStringLiteral("id")).toInteger();
}

qint64 mailgunService(TestServer &server, const FakeMailgun &mailgun)
{
    return createService(server,
        QJsonObject {{QStringLiteral("name"), QStringLiteral("Mail")},
            {QStringLiteral("service_type"), QStringLiteral("email")},
            {QStringLiteral("provider"), QStringLiteral("mailgun")},
            {QStringLiteral("config"),
                QJsonObject {{QStringLiteral("api_key"), mailgun.apiKey()},
                    {QStringLiteral("domain"), mailgun.domain()},
                    {QStringLiteral("from_email"), QStringLiteral("sales@mg.example.com")},
                    {QStringLiteral("base_url"), mailgun.baseUrl()}}}});
}

QJsonObject twilioService(const FakeTwilio &twilio, const QJsonValue &fallback)
{
    QJsonObject config {{QStringLiteral("account_sid"), accountSid},
        {QStringLiteral("auth_token"), authToken}, {QStringLiteral("from_number"), senderNumber},
        {QStringLiteral("base_url"), twilio.baseUrl()},
        {QStringLiteral("fallback_email_service_id"), fallback},
        {QStringLiteral("fallback_email_subject"), QStringLiteral("Your appointment")}};
    return QJsonObject {{QStringLiteral("name"), QStringLiteral("Texts")},
        {QStringLiteral("service_type"), QStringLiteral("sms")},
        {QStringLiteral("provider"), QStringLiteral("twilio")}, {QStringLiteral("config"), config}};
}

HttpReply statusCallback(TestServer &server, const QString &sid, const QString &to, const QString &status,
    const QString &errorCode)
{
    QList<QPair<QString, QString>> fields {{QStringLiteral("MessageSid"), sid},
        {QStringLiteral("AccountSid"), accountSid}, {QStringLiteral("From"), senderNumber},
        {QStringLiteral("To"), to}, {QStringLiteral("MessageStatus"), status}};
    if (!errorCode.isEmpty())
        fields.append({QStringLiteral("ErrorCode"), errorCode});
    const auto path = QStringLiteral("/api/webhooks/twilio/sms/status");
    return request("POST", server.url(path), formBody(fields),
        {{"Content-Type", "application/x-www-form-urlencoded"},
            {"X-Twilio-Signature",
                TwilioSignature::sign(authToken.toUtf8(), (publicUrl + path).toUtf8(), formFields(fields))}});
}

HttpReply sendSms(TestServer &server, const QString &to, const QString &body, qint64 serviceId)
{
    return adminSend(server, "POST", QStringLiteral("/api/twilio/send-sms"),
        QJsonObject {{QStringLiteral("to"), to}, {QStringLiteral("body"), body},
            {QStringLiteral("serviceId"), serviceId}});
}

} // namespace

class SmsFallbackTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void failedSmsGoesByEmailOnce()
    {
        FakeTwilio twilio(accountSid, authToken);
        FakeMailgun mailgun;
        QTemporaryDir data;
        const QString to = QStringLiteral("+14155550131");
        qint64 messageId = 0;
        QString sid;
        {
            TestServer server(options(), nullptr, {}, data.path());
            QVERIFY2(server.started(), qPrintable(server.error()));
            const auto mail = mailgunService(server, mailgun);
            QVERIFY(mail > 0);
            const auto sms = createService(server, twilioService(twilio, mail));
            QVERIFY(sms > 0);
            // The lead has a phone and an email address.
            onWriter(server, this, [to](SqlContext &sql) {
                const auto lead = LeadDirectory::forPhone(sql, to, QStringLiteral("test"), {});
                sql.run(QStringLiteral("UPDATE leads SET email = ?, first_name = ? WHERE id = ?"),
                    {QStringLiteral("dana@example.com"), QStringLiteral("Dana"), lead.id});
            });
            const auto reply = sendSms(server, to, QStringLiteral("See you at 3pm on Friday"), sms);
            QCOMPARE(reply.status, 202);
            messageId = reply.json().value(QStringLiteral("messageId")).toInteger();
            QTRY_COMPARE_WITH_TIMEOUT(twilio.accepted().size(), 1, 10000);
            sid = twilio.accepted().first().sid;
            Store store(server);
            QTRY_COMPARE_WITH_TIMEOUT(
                store
                    .value(
                        QStringLiteral("SELECT provider_message_id FROM messages WHERE id = ?"), {messageId})
                    .toString(),
                sid, 5000);

            QCOMPARE(
                statusCallback(server, sid, to, QStringLiteral("failed"), QStringLiteral("30003")).status,
                200);
            QTRY_COMPARE_WITH_TIMEOUT(mailgun.accepted().size(), 1, 10000);
            QVERIFY2(mailgun.violations().isEmpty(), qPrintable(mailgun.violations().join(u'\n')));
            const auto &email = mailgun.accepted().first();
            QCOMPARE(FakeMailgun::field(email, QStringLiteral("to")), QStringLiteral("dana@example.com"));
            QCOMPARE(FakeMailgun::field(email, QStringLiteral("text")),
                QStringLiteral("See you at 3pm on Friday"));
            QCOMPARE(
                FakeMailgun::field(email, QStringLiteral("subject")), QStringLiteral("Your appointment"));

            // The SMS keeps Twilio's error; its events say the fallback was queued.
            QCOMPARE(store.value(QStringLiteral("SELECT error_code FROM messages WHERE id = ?"), {messageId})
                         .toString(),
                QStringLiteral("30003"));
            QTRY_COMPARE_WITH_TIMEOUT(
                store
                    .value(QStringLiteral("SELECT count(*) FROM message_events WHERE "
                                          "message_id = ? AND event = 'fallback_email'"),
                        {messageId})
                    .toInt(),
                1, 5000);
            const auto detail = QJsonDocument::fromJson(
                store
                    .value(QStringLiteral("SELECT detail FROM message_events WHERE message_id = ? AND "
                                          "event = 'fallback_email'"),
                        {messageId})
                    .toString()
                    .toUtf8())
                                    .object();
            QCOMPARE(detail.value(QStringLiteral("outcome")).toString(), QStringLiteral("queued"));
            QVERIFY(detail.value(QStringLiteral("emailMessageId")).toInteger() > 0);

            // The thread shows Twilio's code with its documented title.
            const auto conversation
                = store
                      .value(QStringLiteral("SELECT conversation_id FROM messages WHERE id = ?"), {messageId})
                      .toLongLong();
            std::vector<ThreadEntry> thread;
            onWriter(server, this, [&thread, conversation](SqlContext &sql) {
                thread = ConversationRepository::thread(sql, conversation, 50);
            });
            const auto entry = std::find_if(thread.cbegin(), thread.cend(),
                [messageId](const ThreadEntry &e) { return e.id == messageId; });
            QVERIFY(entry != thread.cend());
            QCOMPARE(entry->error, QStringLiteral("Twilio error 30003: Unreachable destination handset"));

            // A later `undelivered` for the same SMS changes nothing and sends nothing.
            QCOMPARE(statusCallback(server, sid, to, QStringLiteral("undelivered"), QStringLiteral("30005"))
                         .status,
                200);
            QTest::qWait(1500);
            QCOMPARE(mailgun.received().size(), 1);
        }
        // A restart sweeps recent failures: this one was decided, so nothing more is sent.
        TestServer again(options(), nullptr, {}, data.path());
        QVERIFY2(again.started(), qPrintable(again.error()));
        QTest::qWait(1500);
        QCOMPARE(mailgun.received().size(), 1);
        QCOMPARE(twilio.requestCount(), 1);
    }

    void sweepQueuesAFallbackNeverDecided()
    {
        FakeTwilio twilio(accountSid, authToken);
        FakeMailgun mailgun;
        QTemporaryDir data;
        const QString to = QStringLiteral("+14155550132");
        {
            TestServer server(options(), nullptr, {}, data.path());
            QVERIFY2(server.started(), qPrintable(server.error()));
            const auto mail = mailgunService(server, mailgun);
            const auto sms = createService(server, twilioService(twilio, mail));
            QVERIFY(sms > 0);
            onWriter(server, this, [to](SqlContext &sql) {
                const auto lead = LeadDirectory::forPhone(sql, to, QStringLiteral("test"), {});
                sql.run(QStringLiteral("UPDATE leads SET email = ? WHERE id = ?"),
                    {QStringLiteral("lee@example.com"), lead.id});
            });
            const auto reply = sendSms(server, to, QStringLiteral("Your quote is ready"), sms);
            QCOMPARE(reply.status, 202);
            const auto messageId = reply.json().value(QStringLiteral("messageId")).toInteger();
            QTRY_COMPARE_WITH_TIMEOUT(twilio.accepted().size(), 1, 10000);
            Store store(server);
            QTRY_COMPARE_WITH_TIMEOUT(
                store.value(QStringLiteral("SELECT status FROM outbox WHERE message_id = ?"), {messageId})
                    .toString(),
                QStringLiteral("sent"), 5000);
            // The status lands while no fallback runs: as if the instance stopped right after it.
            onWriter(server, this, [messageId](SqlContext &sql) {
                sql.run(QStringLiteral("UPDATE messages SET status = 'undelivered', error_code = '30006', "
                                       "updated_at = ? WHERE id = ?"),
                    {sql.nowMs(), messageId});
            });
        }
        QCOMPARE(mailgun.received().size(), 0);
        TestServer again(options(), nullptr, {}, data.path());
        QVERIFY2(again.started(), qPrintable(again.error()));
        QTRY_COMPARE_WITH_TIMEOUT(mailgun.accepted().size(), 1, 10000);
        QCOMPARE(FakeMailgun::field(mailgun.accepted().first(), QStringLiteral("text")),
            QStringLiteral("Your quote is ready"));
    }

    void leadWithoutEmailGetsNoFallback()
    {
        FakeTwilio twilio(accountSid, authToken);
        FakeMailgun mailgun;
        TestServer server(options());
        QVERIFY2(server.started(), qPrintable(server.error()));
        const auto mail = mailgunService(server, mailgun);
        const auto sms = createService(server, twilioService(twilio, mail));
        const QString to = QStringLiteral("+14155550133");
        const auto reply = sendSms(server, to, QStringLiteral("Call us back"), sms);
        QCOMPARE(reply.status, 202);
        const auto messageId = reply.json().value(QStringLiteral("messageId")).toInteger();
        QTRY_COMPARE_WITH_TIMEOUT(twilio.accepted().size(), 1, 10000);
        Store store(server);
        QTRY_COMPARE_WITH_TIMEOUT(
            store.value(QStringLiteral("SELECT provider_message_id FROM messages WHERE id = ?"), {messageId})
                .toString(),
            twilio.accepted().first().sid, 5000);
        QCOMPARE(statusCallback(server, twilio.accepted().first().sid, to, QStringLiteral("undelivered"),
                     QStringLiteral("30005"))
                     .status,
            200);
        QTRY_COMPARE_WITH_TIMEOUT(store
                                      .value(QStringLiteral("SELECT detail FROM message_events WHERE "
                                                            "message_id = ? AND event = 'fallback_email'"),
                                          {messageId})
                                      .toString()
                                      .contains(QStringLiteral("no_email")),
            true, 5000);
        QCOMPARE(mailgun.received().size(), 0);
    }

    void fallbackMustBeARegisteredEmailService()
    {
        FakeTwilio twilio(accountSid, authToken);
        TestServer server(options());
        QVERIFY2(server.started(), qPrintable(server.error()));
        const auto unknown = adminSend(server, "POST", servicesPath, twilioService(twilio, 999));
        QCOMPARE(unknown.status, 400);
        QVERIFY2(unknown.body.contains("fallback_email_service_id: no external service 999"),
            unknown.body.constData());
        const auto malformed
            = adminSend(server, "POST", servicesPath, twilioService(twilio, QStringLiteral("two")));
        QCOMPARE(malformed.status, 400);
        QVERIFY2(malformed.body.contains(
                     "config.fallback_email_service_id must be the id of a registered service"),
            malformed.body.constData());
        // An SMS service is not an email service.
        QJsonObject plain = twilioService(twilio, QJsonValue::Null);
        const auto sms = createService(server, plain);
        QVERIFY(sms > 0);
        const auto notEmail = adminSend(server, "PUT", servicesPath + QString::number(sms),
            QJsonObject {{QStringLiteral("config"),
                QJsonObject {{QStringLiteral("fallback_email_service_id"), sms}}}});
        QCOMPARE(notEmail.status, 400);
        QVERIFY2(notEmail.body.contains("is a sms service, not an email service"), notEmail.body.constData());
        // Nothing was stored by the refused update.
        const auto stored = adminGet(server, servicesPath + QString::number(sms));
        QVERIFY(!stored.json()
                     .value(QStringLiteral("config"))
                     .toObject()
                     .contains(QStringLiteral("fallback_email_service_id")));
    }
};

QTEST_GUILESS_MAIN(SmsFallbackTest)
#include "tst_sms_fallback.moc"
