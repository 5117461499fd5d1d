// Inbound email auto-response end to end: a rule per receiving address set through the admin API,
// Mailgun inbound mail stored, the answer rendered from the template with the lead's fields and
// sent through the outbox to the fake Mailgun (Auto-Submitted: auto-replied). No answer to
// do-not-contact leads, Auto-Submitted other than "no", Precedence bulk/list/junk, no-reply /
// mailer-daemon / postmaster senders, or the same sender twice within the window.
#include "ProviderTestSupport.h"
#include "channels/AutoResponder.h"
#include "fakes/EmailFakes.h"
#include "security/MailgunSignature.h"
#include "storage/LeadDirectory.h"
#include "storage/SqlWorker.h"

#include <QJsonArray>

using namespace sb;
using namespace sb::test;

namespace {

const QByteArray signingKey = "mailgun-signing-key-auto";
const QString inboundPath = QStringLiteral("/api/webhooks/mailgun/inbound");
const QString rulesPath = QStringLiteral("/api/communications/auto-responses/");
const QString salesAddress = QStringLiteral("sales@mg.example.com");

std::function<void(RuntimeOptions &)> withFake(const FakeMailgun &fake)
{
    const auto base = fake.baseUrl();
    const auto apiKey = fake.apiKey();
    const auto domain = fake.domain();
    return [base, apiKey, domain](RuntimeOptions &options) {
        options.environment.insert(
            QStringLiteral("MAILGUN_WEBHOOK_SIGNING_KEY"), QString::fromLatin1(signingKey));
        options.environment.insert(QStringLiteral("MAILGUN_API_KEY"), apiKey);
        options.environment.insert(QStringLiteral("MAILGUN_DOMAIN"), domain);
        options.environment.insert(
            QStringLiteral("MAILGUN_FROM"), QStringLiteral("Sales <sales@") + domain + u'>');
        options.environment.insert(QStringLiteral("MAILGUN_API_BASE_URL"), base);
        options.environment.insert(QStringLiteral("SWITCHBOARD_OUTBOX_PACING"), QStringLiteral("0"));
    };
}

int sequence = 0;

HttpReply inboundMail(TestServer &server, const QString &from,
    const QList<QPair<QString, QString>> &headers = {}, const QString &to = salesAddress)
{
    const auto id = QStringLiteral("<auto-%1@example.com>").arg(++sequence);
    QJsonArray headerList;
    for (const auto &[name, value] : headers)
        headerList.append(QJsonArray {name, value});
    headerList.append(QJsonArray {QStringLiteral("Message-Id"), id});
    const auto ts = QByteArray::number(nowSeconds());
    const auto token = QStringLiteral("token-auto-%1").arg(sequence);
    const QList<QPair<QString, QString>> fields {{QStringLiteral("sender"), from},
        {QStringLiteral("from"), from}, {QStringLiteral("recipient"), to},
        {QStringLiteral("subject"), QStringLiteral("Quote for 20 seats")},
        {QStringLiteral("body-plain"), QStringLiteral("Please send a quote.")},
        {QStringLiteral("message-headers"),
            QString::fromUtf8(QJsonDocument(headerList).toJson(QJsonDocument::Compact))},
        {QStringLiteral("Message-Id"), id}, {QStringLiteral("timestamp"), QString::fromLatin1(ts)},
        {QStringLiteral("token"), token},
        {QStringLiteral("signature"),
            QString::fromLatin1(MailgunSignature::sign(signingKey, ts, token.toUtf8()))}};
    return request("POST", server.url(inboundPath), formBody(fields),
        {qMakePair(QByteArray("Content-Type"), QByteArray("application/x-www-form-urlencoded"))});
}

int outboundEmails(TestServer &server)
{
    Store store(server);
    return store
        .value(QStringLiteral(
            "SELECT COUNT(*) FROM messages WHERE direction = 'outbound' AND channel = 'email'"))
        .toInt();
}

} // namespace

class AutoResponseTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rulesPieces()
    {
        QVERIFY(AutoResponder::isNoReplyAddress(QStringLiteral("no-reply@shop.example")));
        QVERIFY(AutoResponder::isNoReplyAddress(QStringLiteral("NoReply@shop.example")));
        QVERIFY(AutoResponder::isNoReplyAddress(QStringLiteral("MAILER-DAEMON@mx.example")));
        QVERIFY(AutoResponder::isNoReplyAddress(QStringLiteral("postmaster@example.org")));
        QVERIFY(AutoResponder::isNoReplyAddress(QStringLiteral("donotreply+42@example.org")));
        QVERIFY(!AutoResponder::isNoReplyAddress(QStringLiteral("jane.doe@example.com")));
        QVERIFY(!AutoResponder::isNoReplyAddress(QStringLiteral("replyguy@example.com")));
        using S = AutoResponseSkip;
        QCOMPARE(AutoResponder::headerSkip({}), S::None);
        QCOMPARE(
            AutoResponder::headerSkip({{QStringLiteral("auto-submitted"), QStringLiteral("No")}}), S::None);
        QCOMPARE(
            AutoResponder::headerSkip({{QStringLiteral("auto-submitted"), QStringLiteral("auto-replied")}}),
            S::AutoSubmitted);
        QCOMPARE(AutoResponder::headerSkip(
                     {{QStringLiteral("auto-submitted"), QStringLiteral("auto-generated; x=1")}}),
            S::AutoSubmitted);
        for (const auto word : {"bulk", "List", "junk"})
            QCOMPARE(AutoResponder::headerSkip({{QStringLiteral("precedence"), QString::fromLatin1(word)}}),
                S::BulkPrecedence);
        QCOMPARE(AutoResponder::headerSkip({{QStringLiteral("precedence"), QStringLiteral("first-class")}}),
            S::None);
        QCOMPARE(
            AutoResponder::render(QStringLiteral("Hi {first_name} {last_name} of {company_name}, {unknown}"),
                {{QStringLiteral("first_name"), QStringLiteral("Jane")},
                    {QStringLiteral("last_name"), QStringLiteral("Doe")},
                    {QStringLiteral("company_name"), QStringLiteral("Acme")}}),
            QStringLiteral("Hi Jane Doe of Acme, {unknown}"));
    }

    void answersOnceAndKeepsTheRules()
    {
        FakeMailgun fake;
        TestServer server(withFake(fake));
        QVERIFY2(server.started(), qPrintable(server.error()));

        // The rule through the admin API.
        QCOMPARE(adminSend(server, "PUT", rulesPath + salesAddress, QJsonObject {}).status, 400);
        QCOMPARE(request("PUT", server.url(rulesPath + salesAddress), "{\"template\":\"x\"}",
                     {{"Content-Type", "application/json"}})
                     .status,
            401);
        const auto saved = adminSend(server, "PUT", rulesPath + salesAddress,
            QJsonObject {
                {QStringLiteral("template"),
                    QStringLiteral("Hi {first_name} {last_name}, thanks for writing to {company_name}.")},
                {QStringLiteral("subject"), QStringLiteral("We got your mail, {first_name}")}});
        QCOMPARE(saved.status, 200);
        QCOMPARE(saved.json().value(QStringLiteral("windowHours")).toInt(), 24);
        QCOMPARE(
            adminGet(server, rulesPath + salesAddress).json().value(QStringLiteral("address")).toString(),
            salesAddress);

        // A known lead with a name and company.
        bool done = false;
        SqlJob job;
        job.run = [](SqlContext &context) -> ApiResult {
            const auto lead = LeadDirectory::forEmail(context, QStringLiteral("jane.doe@example.com"),
                QStringLiteral("Jane Doe"), QStringLiteral("test"), {});
            context.run(
                QStringLiteral("UPDATE leads SET first_name = 'Jane', last_name = 'Doe', company_name = "
                               "'Acme' WHERE id = ?"),
                {lead.id});
            return ApiResponse {};
        };
        job.replyContext = this;
        job.done = [&done](const ApiResult &) { done = true; };
        server.runtime().writer().submit(std::move(job));
        QTRY_VERIFY(done);

        QCOMPARE(inboundMail(server, QStringLiteral("jane.doe@example.com"),
                     {{QStringLiteral("Auto-Submitted"), QStringLiteral("no")}})
                     .status,
            200);
        QTRY_COMPARE_WITH_TIMEOUT(fake.accepted().size(), 1, 10000);
        QVERIFY2(fake.violations().isEmpty(), qPrintable(fake.violations().join(u'\n')));
        const auto &sent = fake.accepted().first();
        QCOMPARE(FakeMailgun::field(sent, QStringLiteral("to")), QStringLiteral("jane.doe@example.com"));
        QCOMPARE(FakeMailgun::field(sent, QStringLiteral("from")), salesAddress);
        QCOMPARE(
            FakeMailgun::field(sent, QStringLiteral("subject")), QStringLiteral("We got your mail, Jane"));
        QCOMPARE(FakeMailgun::field(sent, QStringLiteral("text")),
            QStringLiteral("Hi Jane Doe, thanks for writing to Acme."));
        QCOMPARE(
            FakeMailgun::field(sent, QStringLiteral("h:Auto-Submitted")), QStringLiteral("auto-replied"));

        // Same sender again within 24 h: no second answer (loop protection).
        QCOMPARE(inboundMail(server, QStringLiteral("jane.doe@example.com")).status, 200);
        // Automatic mail, bulk mail, no-reply senders: no answer.
        QCOMPARE(inboundMail(server, QStringLiteral("bob@example.com"),
                     {{QStringLiteral("Auto-Submitted"), QStringLiteral("auto-replied")}})
                     .status,
            200);
        QCOMPARE(inboundMail(server, QStringLiteral("carol@example.com"),
                     {{QStringLiteral("Precedence"), QStringLiteral("bulk")}})
                     .status,
            200);
        QCOMPARE(inboundMail(server, QStringLiteral("no-reply@shop.example")).status, 200);
        QCOMPARE(inboundMail(server, QStringLiteral("MAILER-DAEMON@mx.example")).status, 200);
        // Another address without a rule: no answer.
        QCOMPARE(inboundMail(
                     server, QStringLiteral("dave@example.com"), {}, QStringLiteral("support@mg.example.com"))
                     .status,
            200);
        QTest::qWait(1000);
        QCOMPARE(fake.accepted().size(), 1);
        QCOMPARE(outboundEmails(server), 1);

        // A plain new sender is answered (the template's missing fields are empty).
        QCOMPARE(inboundMail(server, QStringLiteral("erin@example.com")).status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(fake.accepted().size(), 2, 10000);
        QCOMPARE(FakeMailgun::field(fake.accepted().at(1), QStringLiteral("to")),
            QStringLiteral("erin@example.com"));

        // Deleting the rule stops the answers.
        QCOMPARE(adminSend(server, "DELETE", rulesPath + salesAddress).status, 200);
        QCOMPARE(adminGet(server, rulesPath + salesAddress).status, 404);
        QCOMPARE(inboundMail(server, QStringLiteral("frank@example.com")).status, 200);
        QTest::qWait(800);
        QCOMPARE(fake.accepted().size(), 2);
    }

    void neverToDoNotContact()
    {
        FakeMailgun fake;
        TestServer server(withFake(fake));
        QVERIFY2(server.started(), qPrintable(server.error()));
        QCOMPARE(adminSend(server, "PUT", rulesPath + salesAddress,
                     QJsonObject {{QStringLiteral("template"), QStringLiteral("Hi {first_name}")}})
                     .status,
            200);
        bool done = false;
        SqlJob job;
        job.run = [](SqlContext &context) -> ApiResult {
            const auto lead = LeadDirectory::forEmail(
                context, QStringLiteral("optout@example.com"), {}, QStringLiteral("test"), {});
            LeadDirectory::markDoNotContact(context, lead.id, QStringLiteral("unsubscribed"), {});
            return ApiResponse {};
        };
        job.replyContext = this;
        job.done = [&done](const ApiResult &) { done = true; };
        server.runtime().writer().submit(std::move(job));
        QTRY_VERIFY(done);
        QCOMPARE(inboundMail(server, QStringLiteral("optout@example.com")).status, 200);
        QTest::qWait(1000);
        QCOMPARE(fake.accepted().size(), 0);
        QCOMPARE(outboundEmails(server), 0);
    }
};

QTEST_GUILESS_MAIN(AutoResponseTest)
#include "tst_auto_response.moc"
