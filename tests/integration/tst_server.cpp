// The real server on an ephemeral loopback port, spoken to over real HTTP.
#include "TestSupport.h"

#include <QJsonArray>
#include <QSqlQuery>
#include <QTest>

using namespace sb;
using namespace sb::test;

class ServerTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void healthAndWebhookHealth()
    {
        TestServer server;
        QVERIFY2(server.started(), qPrintable(server.error()));
        auto reply = request("GET", server.url(QStringLiteral("/healthz")));
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json().value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
        reply = request("GET", server.url(QStringLiteral("/api/webhooks/test")));
        QCOMPARE(reply.status, 200);
        QCOMPARE(
            reply.json().value(QStringLiteral("endpoint")).toString(), QStringLiteral("/api/webhooks/test"));
    }

    void testWebhookAcceptsAnyPayloadAndRecordsIt()
    {
        TestServer server;
        QVERIFY(server.started());
        auto json = request("POST", server.url(QStringLiteral("/api/webhooks/test")), R"({"hello":"world"})");
        QCOMPARE(json.status, 200);
        const auto receipt = json.json().value(QStringLiteral("receiptId")).toString();
        QVERIFY(receipt.startsWith(QStringLiteral("evt_")));
        QCOMPARE(json.json().value(QStringLiteral("format")).toString(), QStringLiteral("json"));
        auto form = request("POST", server.url(QStringLiteral("/api/webhooks/test")), "a=1&b=2",
            {{"Content-Type", "application/x-www-form-urlencoded"}});
        QCOMPARE(form.status, 200);
        QCOMPARE(form.json().value(QStringLiteral("format")).toString(), QStringLiteral("form"));
        auto text = request("POST", server.url(QStringLiteral("/api/webhooks/test")), "plain words",
            {{"Content-Type", "text/plain"}});
        QCOMPARE(text.status, 200);
        QCOMPARE(text.json().value(QStringLiteral("format")).toString(), QStringLiteral("text"));

        // The receipt names the stored record, retrievable through the log API.
        auto log = adminGet(server, QStringLiteral("/api/v1/webhooks/logs/") + receipt);
        QCOMPARE(log.status, 200);
        const auto item = log.json().value(QStringLiteral("data")).toObject();
        QCOMPARE(item.value(QStringLiteral("id")).toString(), receipt);
        QCOMPARE(item.value(QStringLiteral("payload")).toObject().value(QStringLiteral("hello")).toString(),
            QStringLiteral("world"));
        QCOMPARE(item.value(QStringLiteral("status")).toString(), QStringLiteral("processed"));
    }

    void unknownPathIs404Json()
    {
        TestServer server;
        QVERIFY(server.started());
        auto reply = request("GET", server.url(QStringLiteral("/no/such/thing")));
        QCOMPARE(reply.status, 404);
        QVERIFY(reply.header("Content-Type").startsWith("application/json"));
        QVERIFY(!reply.json().value(QStringLiteral("error")).toString().isEmpty());
        reply = request("POST", server.url(QStringLiteral("/api/v1/webhooks/nothing")), "{}");
        QCOMPARE(reply.status, 404);
        QVERIFY(reply.json().contains(QStringLiteral("detail")));
    }

    void wrongMethodIs405WithAllow()
    {
        TestServer server;
        QVERIFY(server.started());
        auto reply = request("DELETE", server.url(QStringLiteral("/api/webhooks/test")));
        QCOMPARE(reply.status, 405);
        QVERIFY(reply.header("Allow").contains("POST"));
        QVERIFY(reply.json().value(QStringLiteral("error")).toString().contains(QStringLiteral("DELETE")));
    }

    void oversizedBodyIs413BeforeReading()
    {
        TestServer server;
        QVERIFY(server.started());
        // Announce 200 MB but send only the head: the answer must come without the body.
        const QByteArray head = "POST /api/webhooks/test HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
                                "Content-Length: 209715200\r\n\r\n";
        const auto answer = rawExchange(server.port(), head + QByteArray(4096, 'x'));
        QVERIFY2(answer.startsWith("HTTP/1.1 413"), answer.constData());
        QVERIFY(answer.contains("\"error\""));
        // Exactly at the limit is accepted.
        const QByteArray exact(1024 * 1024, 'a');
        auto ok = request("POST", server.url(QStringLiteral("/api/webhooks/test")), exact,
            {{"Content-Type", "text/plain"}});
        QCOMPARE(ok.status, 200);
        auto tooBig = request("POST", server.url(QStringLiteral("/api/webhooks/test")), exact + "a",
            {{"Content-Type", "text/plain"}});
        QCOMPARE(tooBig.status, 413);
    }

    void chunkedBodiesAreFramedAndLimited()
    {
        TestServer server;
        QVERIFY(server.started());
        const QByteArray ok
            = "POST /api/webhooks/test HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
              "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n";
        const auto answer = rawExchange(server.port(), ok);
        QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.constData());
        QVERIFY(answer.contains("\"bytes\":11"));
        QByteArray big = "POST /api/webhooks/test HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
        big += "200000\r\n" + QByteArray(0x200000, 'z') + "\r\n0\r\n\r\n";
        const auto refused = rawExchange(server.port(), big);
        QVERIFY2(refused.startsWith("HTTP/1.1 413"), refused.left(200).constData());
    }

    void keepAliveAnswersInOrderAndClosesOnRequest()
    {
        TestServer server;
        QVERIFY(server.started());
        QByteArray two;
        two += "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
        two += "POST /api/webhooks/test HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection: "
               "close\r\n\r\n{}";
        const auto answer = rawExchange(server.port(), two);
        const auto first = answer.indexOf("HTTP/1.1 200");
        const auto second = answer.indexOf("HTTP/1.1 200", first + 1);
        QVERIFY2(first == 0 && second > 0, answer.constData());
        QVERIFY(answer.indexOf("\"version\"") < answer.indexOf("receiptId"));
        QVERIFY(answer.contains("Connection: close"));
    }

    void expectContinueIsAnswered()
    {
        TestServer server;
        QVERIFY(server.started());
        const QByteArray head = "POST /api/webhooks/test HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n"
                                "Expect: 100-continue\r\nConnection: close\r\n\r\n";
        const auto answer = rawExchange(server.port(), head + "{}");
        QVERIFY2(answer.startsWith("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200"), answer.constData());
    }

    void rateLimitGives429WithRetryAfter()
    {
        TestServer server([](RuntimeOptions &options) { options.rateLimitPerMinute = 5; });
        QVERIFY(server.started());
        for (int i = 0; i < 5; ++i)
            QCOMPARE(request("POST", server.url(QStringLiteral("/api/webhooks/test")), "{}").status, 200);
        auto refused = request("POST", server.url(QStringLiteral("/api/webhooks/test")), "{}");
        QCOMPARE(refused.status, 429);
        QVERIFY(refused.header("Retry-After").toInt() >= 1);
        QVERIFY(
            refused.json().value(QStringLiteral("error")).toString().contains(QStringLiteral("rate limit")));
        // Health checks are not limited.
        QCOMPARE(request("GET", server.url(QStringLiteral("/healthz"))).status, 200);
    }

    void forwardedClientIsLimitedSeparately()
    {
        TestServer server([](RuntimeOptions &options) {
            options.rateLimitPerMinute = 2;
            options.publicUrl
                = QStringLiteral("https://sb-test.ngrok-free.app"); // loopback is then a trusted proxy
        });
        QVERIFY(server.started());
        auto post = [&](const QByteArray &forwardedFor) {
            return request("POST", server.url(QStringLiteral("/api/webhooks/test")), "{}",
                {{"X-Forwarded-For", forwardedFor}})
                .status;
        };
        QCOMPARE(post("203.0.113.7, 198.51.100.1"), 200);
        QCOMPARE(post("203.0.113.9, 198.51.100.1"), 200);
        QCOMPARE(post("203.0.113.7, 198.51.100.1"), 429); // same last hop
        QCOMPARE(post("198.51.100.2"), 200); // another client
    }

    void adminRoutesNeedKeyAndRefuseTunnel()
    {
        TestServer server;
        QVERIFY(server.started());
        auto reply = request("GET", server.url(QStringLiteral("/api/v1/webhooks/logs")));
        QCOMPARE(reply.status, 401);
        QVERIFY(reply.json().value(QStringLiteral("detail")).toString().contains(QStringLiteral("API key")));
        reply = request(
            "GET", server.url(QStringLiteral("/api/v1/webhooks/logs")), {}, {{"X-API-Key", "wrong"}});
        QCOMPARE(reply.status, 401);
        reply = request(
            "GET", server.url(QStringLiteral("/api/v1/webhooks/logs")), {}, {{"X-API-Key", adminKey}});
        QCOMPARE(reply.status, 200);
        reply = request("GET", server.url(QStringLiteral("/api/v1/webhooks/logs")), {},
            {{"Authorization", "Bearer " + adminKey}, {"X-Forwarded-For", "203.0.113.5"},
                {"X-Forwarded-Host", "abc.ngrok-free.app"}});
        QCOMPARE(reply.status, 403);
    }

    void adminRemoteAllowsTunnelledAdmin()
    {
        TestServer server([](RuntimeOptions &options) { options.adminRemote = true; });
        QVERIFY(server.started());
        auto reply = request("GET", server.url(QStringLiteral("/api/v1/webhooks/logs")), {},
            {{"Authorization", "Bearer " + adminKey}, {"X-Forwarded-For", "203.0.113.5"}});
        QCOMPARE(reply.status, 200);
    }

    void firstRunKeyIsGeneratedAndWorks()
    {
        TestServer server([](RuntimeOptions &options) { options.apiKey.clear(); });
        QVERIFY(server.started());
        const auto key = server.runtime().firstRunApiKey().toLatin1();
        QVERIFY(key.startsWith("sbk_"));
        auto reply
            = request("GET", server.url(QStringLiteral("/api/v1/webhooks/logs")), {}, {{"X-API-Key", key}});
        QCOMPARE(reply.status, 200);
    }

    void secondInstanceOnSameDataDirRefuses()
    {
        TestServer first;
        QVERIFY(first.started());
        Runtime second([&] {
            RuntimeOptions options;
            options.listenPort = 0;
            options.dataDir = first.dataDir();
            return options;
        }());
        QString error;
        QVERIFY(!second.start(&error));
        QVERIFY2(error.contains(QStringLiteral("already using the data directory")), qPrintable(error));
    }

    void logsPageAndFilter()
    {
        TestServer server;
        QVERIFY(server.started());
        for (int i = 0; i < 3; ++i)
            QCOMPARE(request("POST", server.url(QStringLiteral("/api/webhooks/test")), "{}").status, 200);
        QCOMPARE(request("GET", server.url(QStringLiteral("/missing"))).status, 404);
        auto page = adminGet(server, QStringLiteral("/api/v1/webhooks/logs?page=1&page_size=2"));
        QCOMPARE(page.status, 200);
        auto data = page.json().value(QStringLiteral("data")).toObject();
        QCOMPARE(data.value(QStringLiteral("total")).toInt(), 4);
        QCOMPARE(data.value(QStringLiteral("items")).toArray().size(), 2);
        QCOMPARE(data.value(QStringLiteral("pages")).toInt(), 2);
        auto failed = adminGet(server, QStringLiteral("/api/v1/webhooks/logs?is_successful=false"));
        data = failed.json().value(QStringLiteral("data")).toObject();
        QCOMPARE(data.value(QStringLiteral("total")).toInt(), 1);
        const auto item = data.value(QStringLiteral("items")).toArray().first().toObject();
        QCOMPARE(item.value(QStringLiteral("status_code")).toInt(), 404);
        QCOMPARE(item.value(QStringLiteral("status")).toString(), QStringLiteral("rejected"));
        QCOMPARE(adminGet(server, QStringLiteral("/api/v1/webhooks/logs?page_size=101")).status, 400);
        QCOMPARE(adminGet(server, QStringLiteral("/api/v1/webhooks/logs?direction=sideways")).status, 400);
        auto missing = adminGet(server, QStringLiteral("/api/v1/webhooks/logs/evt_nope"));
        QCOMPARE(missing.status, 404);
        QVERIFY(missing.json().contains(QStringLiteral("detail")));
    }
};

QTEST_GUILESS_MAIN(ServerTest)
#include "tst_server.moc"
