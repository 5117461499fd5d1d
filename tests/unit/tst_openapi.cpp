// The OpenAPI generator (server/OpenApi) and the CORS origin rules (server/CorsPolicy), on small routers.
#include "server/CorsPolicy.h"
#include "server/Ingest.h"
#include "server/OpenApi.h"
#include "server/RouteTable.h"

#include <QJsonArray>
#include <QTest>

using namespace sb;

class OpenApiTest : public QObject
{
    Q_OBJECT
private:
    static Router sample()
    {
        Router router;
        routes::addQuery(router, "GET", QStringLiteral("/api/things/{id}/parts/{part}"),
            ApiFamily::Communications, QStringLiteral("things.part"),
            [](SqlContext &, const ApiRequest &) -> ApiResult { return ApiResponse {}; });
        routes::addWebhook(router, QStringLiteral("/api/webhooks/thing"), ApiFamily::Provider,
            QStringLiteral("thing"), false, [](const ApiRequest &) { return Ingest {}; });
        return router;
    }

private Q_SLOTS:
    void undocumentedRoutesAreListed()
    {
        auto router = sample();
        QCOMPARE(undocumentedRoutes(router),
            QStringList({QStringLiteral("GET /api/things/{id}/parts/{part}"),
                QStringLiteral("POST /api/webhooks/thing"), QStringLiteral("GET /api/webhooks/thing")}));
        RouteDoc doc;
        doc.summary = QStringLiteral("A part");
        QVERIFY(router.document("GET", QStringLiteral("/api/things/{id}/parts/{part}"), doc));
        routes::documentWebhook(router, QStringLiteral("/api/webhooks/thing"), doc);
        QVERIFY(undocumentedRoutes(router).isEmpty());
        // Documentation of a route that does not exist is drift too.
        QVERIFY(!router.document("DELETE", QStringLiteral("/api/gone"), doc));
        QCOMPARE(router.orphanDocs(), QStringList {QStringLiteral("DELETE /api/gone")});
    }

    void operationsComeFromTheRoutes()
    {
        auto router = sample();
        RouteDoc doc;
        doc.summary = QStringLiteral("A part");
        doc.pathParams
            = {ParamDoc {QStringLiteral("id"), QStringLiteral("The thing"), schema::integer(), true}};
        doc.query = {queryParam(QStringLiteral("limit"), schema::integerRange(1, 10))};
        doc.responses = {jsonResponse(200, QStringLiteral("The part"), schema::anyObject()),
            errorResponse(404, QStringLiteral("No such part"))};
        router.document("GET", QStringLiteral("/api/things/{id}/parts/{part}"), doc);
        const auto document = openApiDocument(router);
        QCOMPARE(document.value(QStringLiteral("openapi")).toString(), QStringLiteral("3.1.0"));
        const auto op = document.value(QStringLiteral("paths"))
                            .toObject()
                            .value(QStringLiteral("/api/things/{id}/parts/{part}"))
                            .toObject()
                            .value(QStringLiteral("get"))
                            .toObject();
        QCOMPARE(op.value(QStringLiteral("operationId")).toString(), QStringLiteral("things.part"));
        QCOMPARE(op.value(QStringLiteral("tags")).toArray().first().toString(),
            familyTag(ApiFamily::Communications));
        const auto parameters = op.value(QStringLiteral("parameters")).toArray();
        QCOMPARE(parameters.size(), 3);
        QCOMPARE(parameters[0].toObject().value(QStringLiteral("name")).toString(), QStringLiteral("id"));
        QCOMPARE(
            parameters[0].toObject().value(QStringLiteral("schema")).toObject().value(QStringLiteral("type")),
            QStringLiteral("integer"));
        QCOMPARE(parameters[1].toObject().value(QStringLiteral("name")).toString(), QStringLiteral("part"));
        QCOMPARE(parameters[1].toObject().value(QStringLiteral("required")).toBool(), true);
        QCOMPARE(parameters[2].toObject().value(QStringLiteral("in")).toString(), QStringLiteral("query"));
        // Admin: both API-key schemes; 401/403 from the flags, 429 because admin routes are limited.
        QCOMPARE(op.value(QStringLiteral("security")).toArray().size(), 2);
        const auto responses = op.value(QStringLiteral("responses")).toObject();
        QCOMPARE(responses.keys(),
            QStringList({QStringLiteral("200"), QStringLiteral("401"), QStringLiteral("403"),
                QStringLiteral("404"), QStringLiteral("429")}));
        // Errors carry the family's envelope.
        QCOMPARE(responses.value(QStringLiteral("404"))
                     .toObject()
                     .value(QStringLiteral("content"))
                     .toObject()
                     .value(QStringLiteral("application/json"))
                     .toObject()
                     .value(QStringLiteral("schema"))
                     .toObject()
                     .value(QStringLiteral("$ref"))
                     .toString(),
            QStringLiteral("#/components/schemas/CommunicationsError"));
        // A webhook is public: an explicit empty security list.
        const auto webhook = document.value(QStringLiteral("paths"))
                                 .toObject()
                                 .value(QStringLiteral("/api/webhooks/thing"))
                                 .toObject()
                                 .value(QStringLiteral("post"))
                                 .toObject();
        QVERIFY(webhook.value(QStringLiteral("security")).toArray().isEmpty());
        QVERIFY(webhook.contains(QStringLiteral("security")));
    }

    void corsOrigins()
    {
        QStringList origins;
        QString error;
        QVERIFY(
            CorsPolicy::parseOrigins({QStringLiteral("https://CRM.example.com:443, http://localhost:5000"),
                                         QStringLiteral("http://localhost:5000/")},
                &origins, &error));
        QCOMPARE(origins,
            QStringList(
                {QStringLiteral("https://crm.example.com"), QStringLiteral("http://localhost:5000")}));
        for (const auto *bad :
            {"crm.example.com", "https://crm.example.com/path", "ftp://x.example", "https://u:p@x.example"}) {
            QStringList ignored;
            QVERIFY2(!CorsPolicy::parseOrigins({QString::fromLatin1(bad)}, &ignored, &error), bad);
            QVERIFY(error.contains(QString::fromLatin1(bad)));
        }
        const CorsPolicy policy(origins);
        QVERIFY(policy.allows("https://crm.example.com"));
        QVERIFY(policy.allows("http://localhost:5000"));
        QVERIFY(!policy.allows("http://localhost:5001"));
        QVERIFY(!policy.allows("null"));
        QVERIFY(!policy.allows(""));
        const auto headers = policy.responseHeaders("https://crm.example.com");
        QCOMPARE(headers.first().second, QByteArray("https://crm.example.com"));
        // "*": any origin, answered with "*" and never with credentials.
        const CorsPolicy any({QStringLiteral("*")});
        QVERIFY(any.allows("https://anything.example"));
        const auto preflight = any.preflightHeaders("https://anything.example", {"GET", "POST"});
        QCOMPARE(preflight.first().second, QByteArray("*"));
        for (const auto &[name, value] : preflight)
            QVERIFY(name != "Access-Control-Allow-Credentials");
        QCOMPARE(preflight[2].second, QByteArray("GET, POST, HEAD"));
        QVERIFY(!CorsPolicy().enabled());
        QVERIFY(!CorsPolicy().allows("https://crm.example.com"));
    }
};

QTEST_GUILESS_MAIN(OpenApiTest)
#include "tst_openapi.moc"
