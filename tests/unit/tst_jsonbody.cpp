#include "http/JsonBody.h"

#include <QTest>

using namespace sb;

namespace {

// The refusal for `body` read as an object, or an empty text when it was accepted.
ApiError objectRefusal(QByteArrayView body, JsonBody::Empty empty = JsonBody::Empty::Refused)
{
    auto parsed = JsonBody::object(body, empty);
    if (auto *error = std::get_if<ApiError>(&parsed))
        return *error;
    return ApiError {ErrorKind::Internal, QString()};
}

ApiRequest withContentType(const QByteArray &contentType)
{
    ApiRequest request;
    if (!contentType.isNull())
        request.headers = {{"Content-Type", contentType}};
    return request;
}

} // namespace

class JsonBodyTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void acceptsAnObject()
    {
        const auto parsed = JsonBody::object(" {\"a\": 1, \"b\": [true]} ");
        QVERIFY(std::holds_alternative<QJsonObject>(parsed));
        QCOMPARE(std::get<QJsonObject>(parsed).value(QStringLiteral("a")).toInt(), 1);
    }

    void malformedShapes_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("detail");
        QTest::newRow("truncated") << QByteArray("{\"event\":")
                                   << QStringLiteral("malformed JSON at offset 9: unterminated object");
        QTest::newRow("unterminated object") << QByteArray(
            "{\"a\": 1") << QStringLiteral("malformed JSON at offset 7: invalid termination by number");
        QTest::newRow("missing value separator") << QByteArray(
            "{\"a\" 1}") << QStringLiteral("malformed JSON at offset 6: missing name separator");
        QTest::newRow("trailing garbage")
            << QByteArray("{\"a\": 1} x")
            << QStringLiteral("malformed JSON at offset 9: garbage at the end of the document");
        QTest::newRow("unterminated string")
            << QByteArray("{\"a\": \"b") << QStringLiteral("malformed JSON at offset 9: unterminated string");
        QTest::newRow("not JSON") << QByteArray("event=lead")
                                  << QStringLiteral("malformed JSON at offset 1: illegal value");
        QTest::newRow("array") << QByteArray("[1,2]")
                               << QStringLiteral("the request body must be a JSON object");
        QTest::newRow("string") << QByteArray("\"text\"")
                                << QStringLiteral("the request body must be a JSON object");
        QTest::newRow("number") << QByteArray("42")
                                << QStringLiteral("the request body must be a JSON object");
        QTest::newRow("null") << QByteArray("null")
                              << QStringLiteral("the request body must be a JSON object");
        QTest::newRow("empty") << QByteArray()
                               << QStringLiteral("the request body is empty; it must be a JSON object");
        QTest::newRow("blank") << QByteArray(" \r\n\t")
                               << QStringLiteral("the request body is empty; it must be a JSON object");
    }

    void malformedShapes()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, detail);
        const auto error = objectRefusal(body);
        QCOMPARE(error.kind, ErrorKind::BadRequest);
        QCOMPARE(error.status, 400);
        QCOMPARE(error.message, detail);
    }

    void anEmptyBodyMayStandForNoFields()
    {
        const auto parsed = JsonBody::object("  ", JsonBody::Empty::AsEmptyObject);
        QVERIFY(std::holds_alternative<QJsonObject>(parsed));
        QVERIFY(std::get<QJsonObject>(parsed).isEmpty());
        // Only an empty body: a malformed one is still refused.
        QCOMPARE(objectRefusal("{", JsonBody::Empty::AsEmptyObject).status, 400);
        QCOMPARE(objectRefusal("[]", JsonBody::Empty::AsEmptyObject).message,
            QStringLiteral("the request body must be a JSON object"));
    }

    void arrays()
    {
        const auto parsed = JsonBody::array("[1, 2]");
        QVERIFY(std::holds_alternative<QJsonArray>(parsed));
        QCOMPARE(std::get<QJsonArray>(parsed).size(), 2);
        const auto object = JsonBody::array("{}");
        QVERIFY(std::holds_alternative<ApiError>(object));
        QCOMPARE(std::get<ApiError>(object).message, QStringLiteral("the request body must be a JSON array"));
        const auto empty = JsonBody::array("");
        QCOMPARE(std::get<ApiError>(empty).message,
            QStringLiteral("the request body is empty; it must be a JSON array"));
    }

    void contentType()
    {
        const auto accepts = QStringLiteral("this route takes application/json");
        QVERIFY(!JsonBody::requireJsonContentType(withContentType("application/json"), accepts));
        QVERIFY(
            !JsonBody::requireJsonContentType(withContentType("Application/JSON; charset=utf-8"), accepts));
        const auto form
            = JsonBody::requireJsonContentType(withContentType("application/x-www-form-urlencoded"), accepts);
        QVERIFY(form);
        QCOMPARE(form->kind, ErrorKind::UnsupportedMediaType);
        QCOMPARE(form->status, 415);
        QCOMPARE(form->message,
            QStringLiteral("Content-Type application/x-www-form-urlencoded is not accepted here; "
                           "this route takes application/json"));
        const auto none = JsonBody::requireJsonContentType(withContentType(QByteArray()), accepts);
        QCOMPARE(none->message,
            QStringLiteral("Content-Type (none) is not accepted here; this route takes application/json"));
    }

    void errorKindsMapToTheirStatus()
    {
        QCOMPARE(statusOf(ErrorKind::BadRequest), 400);
        QCOMPARE(statusOf(ErrorKind::RateLimited), 429);
        QCOMPARE(statusOf(ErrorKind::VersionNotSupported), 505);
        QCOMPARE(errorKindForStatus(431), ErrorKind::HeadersTooLarge);
        QCOMPARE(errorKindForStatus(418), ErrorKind::Internal);
        QCOMPARE(ApiError(418, QStringLiteral("teapot")).status, 418); // a relayed status keeps its number
        const auto rendered
            = renderError(ApiFamily::Provider, ApiError {ErrorKind::Conflict, QStringLiteral("busy")});
        QCOMPARE(rendered.status, 409);
        QCOMPARE(rendered.body, QByteArray("{\"error\":\"busy\",\"success\":false}"));
    }
};

QTEST_GUILESS_MAIN(JsonBodyTest)
#include "tst_jsonbody.moc"
