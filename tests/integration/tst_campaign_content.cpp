// POST /api/campaigns/content against the fake OpenAI-compatible server (fakes/OpenAiFake): the request
// carries the model, a system prompt naming the placeholders, the brief and response_format
// json_object; the variants come back; an unknown placeholder or malformed JSON in the AI's answer is
// asked for once more, then a 502 naming why; SMS bodies over 480 characters are refused; every call
// is in ai_calls (purpose campaign_content); 503 without AI configured; our 429 over the rate; 400 for
// bad input.
#include "DatabaseReader.h"
#include "ProviderTestSupport.h"
#include "channels/AiCampaignContent.h"
#include "fakes/OpenAiFake.h"

#include <QJsonArray>

using namespace sb;
using namespace sb::test;

namespace {

const QString path = QStringLiteral("/api/campaigns/content");

std::function<void(RuntimeOptions &)> withAi(const FakeOpenAi &fake)
{
    const auto key = fake.apiKey();
    const auto base = fake.baseUrl();
    const auto model = fake.model();
    return [key, base, model](RuntimeOptions &options) {
        options.environment.insert(QStringLiteral("OPENAI_API_KEY"), key);
        options.environment.insert(QStringLiteral("OPENAI_BASE_URL"), base);
        options.environment.insert(QStringLiteral("SWITCHBOARD_AI_MODEL"), model);
    };
}

QString detailOf(const HttpReply &reply)
{
    return reply.json().value(QStringLiteral("detail")).toString();
}

QString json(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QJsonObject variant(const QString &body, const QString &subject = {})
{
    QJsonObject item {{QStringLiteral("body"), body}};
    if (!subject.isEmpty())
        item.insert(QStringLiteral("subject"), subject);
    return item;
}

QString answer(const QList<QJsonObject> &variants)
{
    QJsonArray array;
    for (const auto &item : variants)
        array.append(item);
    return json({{QStringLiteral("variants"), array}});
}

QJsonObject smsBrief(int variants)
{
    return {{QStringLiteral("brief"), QStringLiteral("Spring sale: 20% off solar panel installs until May")},
        {QStringLiteral("channel"), QStringLiteral("sms")}, {QStringLiteral("variants"), variants},
        {QStringLiteral("tone"), QStringLiteral("playful")}};
}

qint64 calls(DatabaseReader &db, AiCallStatus status)
{
    return db.count(QStringLiteral("ai_calls"), QStringLiteral("purpose = 'campaign_content' AND status = ?"),
        {aiCallStatusName(status)});
}

} // namespace

class CampaignContentTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { AiRateLimiter::shared().reset(); }

    void smsVariantsFromTheFake()
    {
        FakeOpenAi fake;
        fake.setReply(
            answer({variant(QStringLiteral("Hi {first_name|there}! 20% off solar installs till May.")),
                variant(QStringLiteral("{first_name}, spring is here: 20% off panels. Reply YES")),
                variant(QStringLiteral("Sunny savings from {company_name|us}: 20% off until May"),
                    QStringLiteral("ignored for SMS"))}));
        TestServer server(withAi(fake));
        QVERIFY2(server.started(), qPrintable(server.error()));

        const auto reply = adminSend(server, "POST", path, smsBrief(3));
        QCOMPARE(reply.status, 200);
        const auto variants = reply.json().value(QStringLiteral("variants")).toArray();
        QCOMPARE(variants.size(), 3);
        QCOMPARE(variants.at(0).toObject().value(QStringLiteral("body")).toString(),
            QStringLiteral("Hi {first_name|there}! 20% off solar installs till May."));
        QVERIFY(!variants.at(2).toObject().contains(QStringLiteral("subject")));
        QCOMPARE(reply.json().value(QStringLiteral("model")).toString(), fake.model());
        QCOMPARE(reply.json().value(QStringLiteral("attempts")).toInt(), 1);

        // The request as the provider saw it.
        QVERIFY2(fake.violations().isEmpty(), qPrintable(fake.violations().join(QLatin1Char('\n'))));
        QCOMPARE(fake.accepted().size(), 1);
        const auto sent = QJsonDocument::fromJson(fake.accepted().first().body).object();
        QCOMPARE(sent.value(QStringLiteral("model")).toString(), fake.model());
        QCOMPARE(sent.value(QStringLiteral("response_format")).toObject(),
            (QJsonObject {{QStringLiteral("type"), QStringLiteral("json_object")}}));
        QCOMPARE(sent.value(QStringLiteral("stream")).toBool(true), false);
        const auto messages = sent.value(QStringLiteral("messages")).toArray();
        QCOMPARE(messages.size(), 2);
        QCOMPARE(
            messages.at(0).toObject().value(QStringLiteral("role")).toString(), QStringLiteral("system"));
        const auto system = messages.at(0).toObject().value(QStringLiteral("content")).toString();
        QVERIFY(system.contains(QStringLiteral("JSON")));
        QVERIFY(system.contains(QStringLiteral("{first_name}, {last_name}, {company_name}, {owner}")));
        QVERIFY(system.contains(QStringLiteral("Number of variants: 3")));
        QVERIFY(system.contains(QStringLiteral("Tone: playful")));
        QVERIFY(system.contains(QStringLiteral("480")));
        QVERIFY(!system.contains(QStringLiteral("${")));
        QCOMPARE(messages.at(1).toObject().value(QStringLiteral("role")).toString(), QStringLiteral("user"));
        QVERIFY(messages.at(1)
                    .toObject()
                    .value(QStringLiteral("content"))
                    .toString()
                    .contains(QStringLiteral("20% off solar panel installs until May")));
        QVERIFY(!QString::fromUtf8(fake.accepted().first().body).contains(fake.apiKey()));

        DatabaseReader db(server);
        QTRY_COMPARE(calls(db, AiCallStatus::Succeeded), qint64(1));
        QCOMPARE(db.count(QStringLiteral("ai_calls")), qint64(1));
    }

    void emailVariantsNeedSubjects()
    {
        FakeOpenAi fake;
        fake.setReply(
            QStringLiteral("```json\n%1\n```")
                .arg(answer({variant(QStringLiteral("Dear {first_name|customer},\n\nOur spring offer…"),
                    QStringLiteral("Spring offer for {company_name|you}"))})));
        TestServer server(withAi(fake));
        QVERIFY2(server.started(), qPrintable(server.error()));
        auto brief = smsBrief(1);
        brief.insert(QStringLiteral("channel"), QStringLiteral("email"));
        const auto reply = adminSend(server, "POST", path, brief);
        QCOMPARE(reply.status, 200);
        const auto first = reply.json().value(QStringLiteral("variants")).toArray().first().toObject();
        QCOMPARE(first.value(QStringLiteral("subject")).toString(),
            QStringLiteral("Spring offer for {company_name|you}"));

        // No subject: unusable twice → 502.
        fake.setReply(answer({variant(QStringLiteral("Dear {first_name}"))}));
        const auto noSubject = adminSend(server, "POST", path, brief);
        QCOMPARE(noSubject.status, 502);
        QVERIFY2(detailOf(noSubject).contains(QStringLiteral("no subject")), qPrintable(detailOf(noSubject)));
        QCOMPARE(fake.accepted().size(), 3);
    }

    void unknownPlaceholderIsRetriedOnceThen502()
    {
        FakeOpenAi fake;
        fake.setReply(answer({variant(QStringLiteral("Hi {first_name}, your code is {discount_code}"))}));
        TestServer server(withAi(fake));
        QVERIFY2(server.started(), qPrintable(server.error()));
        const auto reply = adminSend(server, "POST", path, smsBrief(1));
        QCOMPARE(reply.status, 502);
        QVERIFY2(detailOf(reply).contains(QStringLiteral("{discount_code}")), qPrintable(detailOf(reply)));
        QVERIFY(detailOf(reply).contains(QStringLiteral("2 attempts")));
        QCOMPARE(reply.json().value(QStringLiteral("attempts")).toInt(), 2);
        QCOMPARE(fake.accepted().size(), 2); // retried once, not more
        QVERIFY(fake.violations().isEmpty());
        DatabaseReader db(server);
        QTRY_COMPARE(calls(db, AiCallStatus::Failed), qint64(2));
        QVERIFY(db.value(QStringLiteral("SELECT error FROM ai_calls LIMIT 1"))
                    .toString()
                    .contains(QStringLiteral("discount_code")));
    }

    void smsOverLengthAndFewVariantsAreUnusable()
    {
        FakeOpenAi fake;
        fake.setReply(answer({variant(QString(481, QLatin1Char('x')))}));
        TestServer server(withAi(fake));
        QVERIFY2(server.started(), qPrintable(server.error()));
        auto reply = adminSend(server, "POST", path, smsBrief(1));
        QCOMPARE(reply.status, 502);
        QVERIFY2(detailOf(reply).contains(QStringLiteral("481 characters")), qPrintable(detailOf(reply)));

        fake.setReply(answer({variant(QStringLiteral("one")), variant(QStringLiteral("two"))}));
        reply = adminSend(server, "POST", path, smsBrief(3));
        QCOMPARE(reply.status, 502);
        QVERIFY(detailOf(reply).contains(QStringLiteral("asked for 3 variants")));

        // More than asked for: the first ones.
        reply = adminSend(server, "POST", path, smsBrief(1));
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json().value(QStringLiteral("variants")).toArray().size(), 1);
    }

    void malformedJsonIsRetried()
    {
        FakeOpenAi fake;
        fake.setReply(answer({variant(QStringLiteral("Hello {first_name|there}"))}));
        TestServer server(withAi(fake));
        QVERIFY2(server.started(), qPrintable(server.error()));
        // The first answer is cut off (not JSON at all), the retry is good.
        fake.answerNext(FakeOpenAi::Scripted::MalformedJson);
        auto reply = adminSend(server, "POST", path, smsBrief(1));
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json().value(QStringLiteral("attempts")).toInt(), 2);
        QCOMPARE(reply.json()
                     .value(QStringLiteral("variants"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("body"))
                     .toString(),
            QStringLiteral("Hello {first_name|there}"));
        QCOMPARE(fake.received().size(), 2);

        // A completion that is text, not JSON: retried, then 502 saying so.
        fake.setReply(QStringLiteral("Sure! Here are some ideas: 1. Spring sale"));
        reply = adminSend(server, "POST", path, smsBrief(1));
        QCOMPARE(reply.status, 502);
        QVERIFY2(detailOf(reply).contains(QStringLiteral("not JSON")), qPrintable(detailOf(reply)));
        QCOMPARE(fake.received().size(), 4);

        // A provider error is not retried: 502 with its status.
        fake.answerNext(FakeOpenAi::Scripted::ServerError);
        reply = adminSend(server, "POST", path, smsBrief(1));
        QCOMPARE(reply.status, 502);
        QCOMPARE(reply.json().value(QStringLiteral("provider_status")).toInt(), 500);
        QCOMPARE(fake.received().size(), 5);
        QVERIFY(fake.violations().isEmpty());
        DatabaseReader db(server);
        QTRY_COMPARE(db.count(QStringLiteral("ai_calls")), qint64(5));
    }

    void notConfiguredIs503()
    {
        TestServer server;
        QVERIFY2(server.started(), qPrintable(server.error()));
        const auto reply = adminSend(server, "POST", path, smsBrief(2));
        QCOMPARE(reply.status, 503);
        QCOMPARE(detailOf(reply), AiSettings::notConfiguredHint());
        DatabaseReader db(server);
        QCOMPARE(db.count(QStringLiteral("ai_calls")), qint64(0));
    }

    void rateLimitIs429()
    {
        FakeOpenAi fake;
        fake.setReply(answer({variant(QStringLiteral("Hello"))}));
        TestServer server(withAi(fake));
        QVERIFY2(server.started(), qPrintable(server.error()));
        QCOMPARE(adminSend(server, "PUT", QStringLiteral("/api/ai/settings"),
                     {{QStringLiteral("rate_per_minute"), 1}})
                     .status,
            200);
        QCOMPARE(adminSend(server, "POST", path, smsBrief(1)).status, 200);
        const auto limited = adminSend(server, "POST", path, smsBrief(1));
        QCOMPARE(limited.status, 429);
        QVERIFY(detailOf(limited).contains(QStringLiteral("1 per minute")));
        QVERIFY(limited.json().value(QStringLiteral("retry_after_seconds")).toInt() >= 1);
        QVERIFY(!limited.header("Retry-After").isEmpty());
        QCOMPARE(fake.received().size(), 1);
        DatabaseReader db(server);
        QTRY_COMPARE(calls(db, AiCallStatus::RateLimited), qint64(1));
    }

    void badInputIs400()
    {
        FakeOpenAi fake;
        TestServer server(withAi(fake));
        QVERIFY2(server.started(), qPrintable(server.error()));
        const QList<std::pair<QJsonObject, QString>> cases {
            {{{QStringLiteral("channel"), QStringLiteral("sms")}}, QStringLiteral("brief")},
            {{{QStringLiteral("brief"), QStringLiteral("x")},
                 {QStringLiteral("channel"), QStringLiteral("fax")}},
                QStringLiteral("channel")},
            {{{QStringLiteral("brief"), QStringLiteral("x")},
                 {QStringLiteral("channel"), QStringLiteral("sms")}, {QStringLiteral("variants"), 6}},
                QStringLiteral("variants")},
            {{{QStringLiteral("brief"), QStringLiteral("x")},
                 {QStringLiteral("channel"), QStringLiteral("sms")}, {QStringLiteral("variants"), 1.5}},
                QStringLiteral("variants")},
            {{{QStringLiteral("brief"), QStringLiteral("x")},
                 {QStringLiteral("channel"), QStringLiteral("sms")}, {QStringLiteral("tone"), 3}},
                QStringLiteral("tone")},
            {{{QStringLiteral("brief"), QStringLiteral("x")},
                 {QStringLiteral("channel"), QStringLiteral("sms")},
                 {QStringLiteral("colour"), QStringLiteral("red")}},
                QStringLiteral("colour")}};
        for (const auto &[body, named] : cases) {
            const auto reply = adminSend(server, "POST", path, body);
            QCOMPARE(reply.status, 400);
            QVERIFY2(reply.body.contains(named.toUtf8()), reply.body.constData());
        }
        QCOMPARE(request("POST", server.url(path), "{}", {{"Content-Type", "application/json"}}).status, 401);
        QCOMPARE(fake.received().size(), 0);
    }
};

QTEST_MAIN(CampaignContentTest)
#include "tst_campaign_content.moc"
