// The OpenAI-compatible AI client against a local fake (fakes/OpenAiFake): streamed tokens assembled
// from pieces split at odd byte boundaries, [DONE], usage, provider errors named without the key,
// timeouts; the AI settings API (key sealed at rest, masked on read); POST
// /api/conversations/{id}/draft-reply with its ai_calls row, streamed as SSE with ?stream=true, the no-config
// 503, 404 and the rate limit.
#include "DatabaseReader.h"
#include "ProviderTestSupport.h"
#include "channels/AiDrafting.h"
#include "fakes/OpenAiFake.h"
#include "storage/LeadDirectory.h"
#include "storage/MessagingRepository.h"
#include "storage/SqlWorker.h"

#include <QJsonArray>

using namespace sb;
using namespace sb::test;

namespace {

AiSettings settingsFor(const FakeOpenAi &fake, int timeoutMs = 10000)
{
    AiSettings settings;
    settings.baseUrl = fake.baseUrl();
    settings.apiKey = fake.apiKey();
    settings.model = fake.model();
    settings.timeoutMs = timeoutMs;
    return settings;
}

AiRequest hello(bool stream)
{
    AiRequest request;
    request.purpose = QStringLiteral("test");
    request.stream = stream;
    request.messages = {AiMessage {QStringLiteral("system"), QStringLiteral("Be brief.")},
        AiMessage {QStringLiteral("user"), QStringLiteral("Say hello")}};
    return request;
}

struct Call
{
    QStringList deltas;
    std::optional<AiOutcome> outcome;
};

Call call(const AiSettings &settings, const AiRequest &request)
{
    QObject context;
    Call result;
    AiClient::send(
        settings, request, &context, [&result](const QString &piece) { result.deltas.append(piece); },
        [&result](const AiOutcome &outcome) { result.outcome = outcome; });
    (void)QTest::qWaitFor([&result] { return result.outcome.has_value(); }, 15000);
    if (!result.outcome) {
        AiOutcome none;
        none.error = QStringLiteral("no outcome in 15 s");
        result.outcome = none;
    }
    return result;
}

void write(TestServer &server, std::function<void(SqlContext &)> change)
{
    QObject context;
    bool done = false;
    SqlJob job;
    job.run = [change](SqlContext &sql) -> ApiResult {
        change(sql);
        return ApiResponse {};
    };
    job.replyContext = &context;
    job.done = [&done](const ApiResult &) { done = true; };
    server.runtime().writer().submit(std::move(job));
    QTRY_VERIFY(done);
}

qint64 addMessage(TestServer &server, qint64 leadId, const QString &text, Direction direction)
{
    qint64 conversation = 0;
    write(server, [&conversation, leadId, text, direction](SqlContext &sql) {
        NewMessage message;
        message.leadId = leadId;
        message.channel = Channel::Sms;
        message.direction = direction;
        message.provider = QStringLiteral("twilio");
        message.from = QStringLiteral("+14155550199");
        message.to = QStringLiteral("+14155550100");
        message.body = text;
        message.status = direction == Direction::Inbound ? MessageStatus::Received : MessageStatus::Sent;
        conversation = MessagingRepository::addMessage(sql, message)
                           .value(QStringLiteral("conversation_id"))
                           .toInteger();
    });
    return conversation;
}

qint64 leadNamed(TestServer &server, const QString &phone, const QString &first, const QString &last)
{
    qint64 id = 0;
    write(server, [&](SqlContext &sql) {
        id = LeadDirectory::forPhone(sql, phone, QStringLiteral("test"), {}).id;
        sql.run(
            QStringLiteral("UPDATE leads SET first_name = ?, last_name = ? WHERE id = ?"), {first, last, id});
    });
    return id;
}

QString detailOf(const HttpReply &reply)
{
    return reply.json().value(QStringLiteral("detail")).toString();
}

} // namespace

class AiTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { AiRateLimiter::shared().reset(); }

    void parserAssemblesAnySplit()
    {
        const QByteArray stream
            = ": OPENROUTER PROCESSING\r\n\r\n"
              "data: {\"model\":\"m-1\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\"}}]}\n\n"
              "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Grüß \"}}]}\r\n\r\n"
              "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"dich – 5 €\"}}]}\n\n"
              "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":31,\"completion_tokens\":6}}\n\n"
              "data: [DONE]\n\n";
        for (qsizetype step = 1; step <= 9; ++step) {
            AiStreamParser parser;
            QStringList pieces;
            for (qsizetype at = 0; at < stream.size(); at += step)
                pieces += parser.feed(stream.mid(at, step));
            pieces += parser.finish();
            QCOMPARE(pieces, (QStringList {QStringLiteral("Grüß "), QStringLiteral("dich – 5 €")}));
            QCOMPARE(parser.text(), QStringLiteral("Grüß dich – 5 €"));
            QVERIFY(parser.done());
            QVERIFY(parser.error().isEmpty());
            QCOMPARE(parser.model(), QStringLiteral("m-1"));
            QCOMPARE(parser.promptTokens(), std::optional<qint64>(31));
            QCOMPARE(parser.completionTokens(), std::optional<qint64>(6));
        }
        AiStreamParser broken;
        broken.feed("data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\ndata: {oops\n\n");
        QVERIFY(broken.error().contains(QStringLiteral("not JSON")));
        AiStreamParser failed;
        failed.feed("data: {\"error\":{\"message\":\"Upstream overloaded\",\"code\":502}}\n\n");
        QCOMPARE(failed.error(), QStringLiteral("Upstream overloaded"));
    }

    void streamedTokensArriveInOrder()
    {
        FakeOpenAi fake;
        const QStringList pieces {QStringLiteral("Hi "), QStringLiteral("Ada, "),
            QStringLiteral("der Preis: 5 €."), QStringLiteral(" Grüße!")};
        fake.setReply(pieces.join(QString()), pieces);
        const auto result = call(settingsFor(fake), hello(true));
        QVERIFY2(fake.violations().isEmpty(), qPrintable(fake.violations().join(QLatin1Char('\n'))));
        QVERIFY2(result.outcome->ok(), qPrintable(result.outcome->error));
        QCOMPARE(result.deltas, pieces);
        QCOMPARE(result.outcome->text, pieces.join(QString()));
        QVERIFY(fake.lastStreamWrites() > 20); // the stream reached us in many pieces
        QCOMPARE(result.outcome->model, fake.model());
        QVERIFY(result.outcome->promptTokens.value_or(0) > 0);
        QVERIFY(result.outcome->completionTokens.value_or(0) > 0);
        const auto sent = QJsonDocument::fromJson(fake.accepted().first().body).object();
        QCOMPARE(sent.value(QStringLiteral("stream")).toBool(), true);
        QCOMPARE(sent.value(QStringLiteral("model")).toString(), fake.model());
        QCOMPARE(sent.value(QStringLiteral("messages")).toArray().size(), 2);
        QCOMPARE(fake.accepted().first().header("Authorization"), "Bearer " + fake.apiKey().toUtf8());
    }

    void wholeAnswer()
    {
        FakeOpenAi fake;
        fake.setReply(QStringLiteral("Hello there."));
        const auto result = call(settingsFor(fake), hello(false));
        QVERIFY(fake.violations().isEmpty());
        QVERIFY2(result.outcome->ok(), qPrintable(result.outcome->error));
        QCOMPARE(result.outcome->text, QStringLiteral("Hello there."));
        QCOMPARE(result.outcome->httpStatus, 200);
        QVERIFY(result.deltas.isEmpty());
        QCOMPARE(QJsonDocument::fromJson(fake.accepted().first().body)
                     .object()
                     .value(QStringLiteral("stream"))
                     .toBool(true),
            false);
    }

    void providerErrorsNameStatusNotKey()
    {
        FakeOpenAi fake;
        const auto settings = settingsFor(fake);
        fake.answerNext(FakeOpenAi::Scripted::Unauthorized);
        auto result = call(settings, hello(false));
        QVERIFY(!result.outcome->ok());
        QCOMPARE(result.outcome->httpStatus, 401);
        QVERIFY2(result.outcome->error.contains(QStringLiteral("answered 401: Incorrect API key provided.")),
            qPrintable(result.outcome->error));
        QVERIFY(!result.outcome->error.contains(fake.apiKey()));

        fake.answerNext(FakeOpenAi::Scripted::RateLimited, 7);
        result = call(settings, hello(true));
        QCOMPARE(result.outcome->httpStatus, 429);
        QCOMPARE(result.outcome->retryAfterSeconds, 7);
        QVERIFY(result.outcome->error.contains(QStringLiteral("429: Rate limit reached")));

        fake.answerNext(FakeOpenAi::Scripted::ServerError);
        result = call(settings, hello(false));
        QCOMPARE(result.outcome->httpStatus, 500);
        QVERIFY(result.outcome->error.contains(QStringLiteral("500")));

        fake.answerNext(FakeOpenAi::Scripted::MalformedJson);
        result = call(settings, hello(false));
        QCOMPARE(result.outcome->status, AiCallStatus::Failed);
        QVERIFY2(result.outcome->error.contains(QStringLiteral("no readable completion")),
            qPrintable(result.outcome->error));

        fake.answerNext(FakeOpenAi::Scripted::MalformedJson);
        result = call(settings, hello(true));
        QCOMPARE(result.outcome->status, AiCallStatus::Failed);
        QCOMPARE(result.deltas, QStringList {QStringLiteral("Hi")});
        QVERIFY2(
            result.outcome->error.contains(QStringLiteral("not JSON")), qPrintable(result.outcome->error));
        QVERIFY(fake.violations().isEmpty());

        // A wrong key: the fake refuses it as OpenAI does, and the message does not echo the key.
        auto wrong = settings;
        wrong.apiKey = QStringLiteral("sk-wrong-key-1234567890");
        result = call(wrong, hello(false));
        QCOMPARE(result.outcome->httpStatus, 401);
        QVERIFY(!result.outcome->error.contains(wrong.apiKey));
        QVERIFY(!fake.violations().isEmpty());

        // Nothing answers: a timeout naming the provider.
        FakeOpenAi silent;
        silent.answerNext(FakeOpenAi::Scripted::Silent);
        result = call(settingsFor(silent, 400), hello(true));
        QCOMPARE(result.outcome->status, AiCallStatus::TimedOut);
        QVERIFY(result.outcome->error.contains(QStringLiteral("did not answer within 0.4 s")));
    }

    void settingsApiMasksAndSealsTheKey()
    {
        TestServer server;
        QVERIFY2(server.started(), qPrintable(server.error()));
        auto get = adminGet(server, QStringLiteral("/api/ai/settings"));
        QCOMPARE(get.status, 200);
        QCOMPARE(get.json().value(QStringLiteral("configured")).toBool(true), false);
        QCOMPARE(get.json().value(QStringLiteral("base_url")).toString(), AiSettings::openAiBaseUrl());

        const QString key = QStringLiteral("sk-proj-SECRETsecret1234abcd");
        auto put = adminSend(server, "PUT", QStringLiteral("/api/ai/settings"),
            {{QStringLiteral("base_url"), QStringLiteral("https://openrouter.ai/api/v1/")},
                {QStringLiteral("api_key"), key},
                {QStringLiteral("model"), QStringLiteral("openai/gpt-4o-mini")},
                {QStringLiteral("rate_per_minute"), 5}});
        QCOMPARE(put.status, 200);
        get = adminGet(server, QStringLiteral("/api/ai/settings"));
        QVERIFY(!get.body.contains(key.toUtf8()));
        QCOMPARE(get.json().value(QStringLiteral("api_key")).toString(), QStringLiteral("sk-…abcd"));
        QCOMPARE(get.json().value(QStringLiteral("provider")).toString(), QStringLiteral("OpenRouter"));
        QCOMPARE(get.json().value(QStringLiteral("base_url")).toString(), AiSettings::openRouterBaseUrl());
        QCOMPARE(get.json().value(QStringLiteral("rate_per_minute")).toInt(), 5);
        QCOMPARE(get.json().value(QStringLiteral("configured")).toBool(), true);
        DatabaseReader db(server);
        const auto stored
            = db.value(QStringLiteral("SELECT value FROM settings WHERE key = 'ai/api_key'")).toString();
        QVERIFY(!stored.isEmpty());
        QVERIFY(!stored.contains(key)); // sealed at rest

        for (const auto &bad : {QJsonObject {{QStringLiteral("base_url"), QStringLiteral("ftp://x")}},
                 QJsonObject {{QStringLiteral("rate_per_minute"), 0}},
                 QJsonObject {{QStringLiteral("colour"), 1}}, QJsonObject {{QStringLiteral("model"), 3}}}) {
            const auto reply = adminSend(server, "PUT", QStringLiteral("/api/ai/settings"), bad);
            QCOMPARE(reply.status, 400);
            QVERIFY(!detailOf(reply).isEmpty());
        }
        QCOMPARE(adminGet(server, QStringLiteral("/api/ai/settings"))
                     .json()
                     .value(QStringLiteral("rate_per_minute"))
                     .toInt(),
            5);
        QCOMPARE(request("GET", server.url(QStringLiteral("/api/ai/settings"))).status, 401);
    }

    void draftReply()
    {
        FakeOpenAi fake;
        fake.setReply(QStringLiteral("Hi Ada, yes — Tuesday at 10 works."));
        TestServer server([&fake](RuntimeOptions &options) {
            options.environment.insert(QStringLiteral("OPENAI_API_KEY"), fake.apiKey());
            options.environment.insert(QStringLiteral("OPENAI_BASE_URL"), fake.baseUrl());
            options.environment.insert(QStringLiteral("SWITCHBOARD_AI_MODEL"), fake.model());
        });
        QVERIFY2(server.started(), qPrintable(server.error()));
        const auto ada = leadNamed(
            server, QStringLiteral("+14155550111"), QStringLiteral("Ada"), QStringLiteral("Lovelace"));
        const auto bob = leadNamed(
            server, QStringLiteral("+14155550112"), QStringLiteral("Bob"), QStringLiteral("Other"));
        const auto thread
            = addMessage(server, ada, QStringLiteral("Can we meet Tuesday?"), Direction::Inbound);
        addMessage(server, ada, QStringLiteral("Sure, what time?"), Direction::Outbound);
        addMessage(server, ada, QStringLiteral("10am?"), Direction::Inbound);
        addMessage(server, bob, QStringLiteral("Bob's private note"), Direction::Inbound);

        const auto reply
            = adminSend(server, "POST", QStringLiteral("/api/conversations/%1/draft-reply").arg(thread));
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json().value(QStringLiteral("draft")).toString(),
            QStringLiteral("Hi Ada, yes — Tuesday at 10 works."));
        QCOMPARE(reply.json().value(QStringLiteral("model")).toString(), fake.model());
        QVERIFY(fake.violations().isEmpty());
        QCOMPARE(fake.accepted().size(), 1);
        const auto prompt = QString::fromUtf8(fake.accepted().first().body);
        QVERIFY(prompt.contains(QStringLiteral("Ada Lovelace")));
        QVERIFY(prompt.contains(
            QStringLiteral("Lead: Can we meet Tuesday?\\nUs: Sure, what time?\\nLead: 10am?")));
        QVERIFY(!prompt.contains(QStringLiteral("Bob")));
        QVERIFY(!prompt.contains(fake.apiKey()));

        DatabaseReader db(server);
        QTRY_COMPARE(db.count(QStringLiteral("ai_calls")), qint64(1));
        const auto row = db.row(QStringLiteral("SELECT * FROM ai_calls"));
        QCOMPARE(row.value(QStringLiteral("purpose")).toString(), QStringLiteral("draft_reply"));
        QCOMPARE(row.value(QStringLiteral("status")).toString(), aiCallStatusName(AiCallStatus::Succeeded));
        QCOMPARE(row.value(QStringLiteral("model")).toString(), fake.model());
        QCOMPARE(row.value(QStringLiteral("conversation_id")).toLongLong(), thread);
        QVERIFY(row.value(QStringLiteral("prompt_tokens")).toLongLong() > 0);
        QVERIFY(row.value(QStringLiteral("completion_tokens")).toLongLong() > 0);
        QVERIFY(!row.value(QStringLiteral("latency_ms")).isNull());

        const auto missing
            = adminSend(server, "POST", QStringLiteral("/api/conversations/99999/draft-reply"));
        QCOMPARE(missing.status, 404);
        QVERIFY(detailOf(missing).contains(QStringLiteral("99999")));

        // The provider refuses: 502 naming its status and message, logged as failed.
        fake.answerNext(FakeOpenAi::Scripted::ServerError);
        const auto failed
            = adminSend(server, "POST", QStringLiteral("/api/conversations/%1/draft-reply").arg(thread));
        QCOMPARE(failed.status, 502);
        QVERIFY2(detailOf(failed).contains(QStringLiteral("answered 500")), qPrintable(detailOf(failed)));
        QCOMPARE(failed.json().value(QStringLiteral("provider_status")).toInt(), 500);
        QTRY_COMPARE(db.count(QStringLiteral("ai_calls"), QStringLiteral("status = ?"),
                         {aiCallStatusName(AiCallStatus::Failed)}),
            qint64(1));

        // Over the per-minute limit: our own 429, never sent to the provider, logged.
        QCOMPARE(adminSend(server, "PUT", QStringLiteral("/api/ai/settings"),
                     {{QStringLiteral("rate_per_minute"), 2}})
                     .status,
            200);
        const auto sentBefore = fake.received().size();
        const auto limited
            = adminSend(server, "POST", QStringLiteral("/api/conversations/%1/draft-reply").arg(thread));
        QCOMPARE(limited.status, 429);
        QVERIFY(detailOf(limited).contains(QStringLiteral("2 per minute")));
        QVERIFY(limited.json().value(QStringLiteral("retry_after_seconds")).toInt() >= 1);
        QCOMPARE(fake.received().size(), sentBefore);
        QTRY_COMPARE(db.count(QStringLiteral("ai_calls"), QStringLiteral("status = ?"),
                         {aiCallStatusName(AiCallStatus::RateLimited)}),
            qint64(1));
    }

    void draftReplyStreamed()
    {
        FakeOpenAi fake;
        fake.setReply(QStringLiteral("Hi Ada, Tuesday works."),
            {QStringLiteral("Hi "), QStringLiteral("Ada, "), QStringLiteral("Tuesday works.")});
        TestServer server([&fake](RuntimeOptions &options) {
            options.environment.insert(QStringLiteral("OPENAI_API_KEY"), fake.apiKey());
            options.environment.insert(QStringLiteral("OPENAI_BASE_URL"), fake.baseUrl());
            options.environment.insert(QStringLiteral("SWITCHBOARD_AI_MODEL"), fake.model());
        });
        QVERIFY2(server.started(), qPrintable(server.error()));
        const auto ada = leadNamed(
            server, QStringLiteral("+14155550111"), QStringLiteral("Ada"), QStringLiteral("Lovelace"));
        const auto thread
            = addMessage(server, ada, QStringLiteral("Can we meet Tuesday?"), Direction::Inbound);
        const auto port = server.url(QString()).port();
        const auto post = [&](const QString &path) {
            return rawExchange(port,
                "POST " + path.toUtf8() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: " + QByteArray(adminKey)
                    + "\r\nContent-Length: 0\r\n\r\n",
                15000);
        };
        const auto answer = post(QStringLiteral("/api/conversations/%1/draft-reply?stream=true").arg(thread));
        QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.constData());
        const auto head = answer.left(answer.indexOf("\r\n\r\n")).toLower();
        QVERIFY2(head.contains("content-type: text/event-stream"), head.constData());
        // The provider was asked to stream; the pieces arrive as delta events, in order, then done.
        QCOMPARE(fake.accepted().size(), 1);
        QVERIFY(QJsonDocument::fromJson(fake.accepted().first().body)
                    .object()
                    .value(QStringLiteral("stream"))
                    .toBool());
        const auto events = answer.mid(answer.indexOf("\r\n\r\n") + 4).split('\n');
        QStringList deltas;
        QJsonObject done;
        QByteArray event;
        for (const auto &line : events) {
            if (line.startsWith("event: "))
                event = line.mid(7);
            else if (line.startsWith("data: ")) {
                const auto data = QJsonDocument::fromJson(line.mid(6)).object();
                if (event == "delta")
                    deltas.append(data.value(QStringLiteral("content")).toString());
                else if (event == "done")
                    done = data;
            }
        }
        QCOMPARE(deltas.join(QString()), QStringLiteral("Hi Ada, Tuesday works."));
        QVERIFY2(deltas.size() >= 2, qPrintable(deltas.join(u'|')));
        QCOMPARE(done.value(QStringLiteral("draft")).toString(), QStringLiteral("Hi Ada, Tuesday works."));
        QCOMPARE(done.value(QStringLiteral("model")).toString(), fake.model());
        QCOMPARE(done.value(QStringLiteral("conversation_id")).toInteger(), thread);

        // Failures before the first piece are the usual JSON answers.
        const auto missing = post(QStringLiteral("/api/conversations/99999/draft-reply?stream=true"));
        QVERIFY2(missing.startsWith("HTTP/1.1 404"), missing.constData());
        QVERIFY(missing.contains("99999"));
        fake.answerNext(FakeOpenAi::Scripted::ServerError);
        const auto failed = post(QStringLiteral("/api/conversations/%1/draft-reply?stream=true").arg(thread));
        QVERIFY2(failed.startsWith("HTTP/1.1 502"), failed.constData());
        QVERIFY(failed.contains("answered 500"));
        QVERIFY(!failed.contains(fake.apiKey().toUtf8()));
        DatabaseReader db(server);
        QTRY_COMPARE(db.count(QStringLiteral("ai_calls"), QStringLiteral("streamed = 1")), qint64(2));
    }

    void draftWithoutConfiguration()
    {
        TestServer server;
        QVERIFY2(server.started(), qPrintable(server.error()));
        const auto ada
            = leadNamed(server, QStringLiteral("+14155550111"), QStringLiteral("Ada"), QStringLiteral("L"));
        const auto thread = addMessage(server, ada, QStringLiteral("hello?"), Direction::Inbound);
        const auto reply
            = adminSend(server, "POST", QStringLiteral("/api/conversations/%1/draft-reply").arg(thread));
        QCOMPARE(reply.status, 503);
        QVERIFY(detailOf(reply).contains(QStringLiteral("Settings → AI")));
        QVERIFY(detailOf(reply).contains(QStringLiteral("OPENAI_API_KEY")));
        DatabaseReader db(server);
        QCOMPARE(db.count(QStringLiteral("ai_calls")), qint64(0));
    }
};

QTEST_MAIN(AiTest)
#include "tst_ai.moc"
