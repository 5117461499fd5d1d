#include "JsonBody.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace sb {

namespace {

ApiError refused(QString detail)
{
    return ApiError {ErrorKind::BadRequest, std::move(detail)};
}

QString wrongShape(const char *shape)
{
    return QStringLiteral("the request body must be a JSON %1").arg(QLatin1String(shape));
}

// The document, or the 400 for a body that is blank, not JSON, or a lone value (a string, number,
// true, false or null: JSON, but never the object or array a route takes).
std::variant<QJsonDocument, ApiError> parse(QByteArrayView body, const char *shape)
{
    if (body.trimmed().isEmpty())
        return refused(
            QStringLiteral("the request body is empty; it must be a JSON %1").arg(QLatin1String(shape)));
    QJsonParseError error;
    auto document = QJsonDocument::fromJson(body.toByteArray(), &error);
    if (error.error == QJsonParseError::NoError)
        return document;
    // QJsonDocument reads only objects and arrays: a lone value parses inside brackets.
    QJsonParseError wrapped;
    const auto inBrackets = QJsonDocument::fromJson('[' + body.toByteArray() + ']', &wrapped);
    if (wrapped.error == QJsonParseError::NoError && inBrackets.array().size() == 1)
        return refused(wrongShape(shape));
    return refused(
        QStringLiteral("malformed JSON at offset %1: %2").arg(error.offset).arg(error.errorString()));
}

} // namespace

std::variant<QJsonObject, ApiError> JsonBody::object(QByteArrayView body, Empty empty)
{
    if (empty == Empty::AsEmptyObject && body.trimmed().isEmpty())
        return QJsonObject();
    auto parsed = parse(body, "object");
    if (auto *error = std::get_if<ApiError>(&parsed))
        return *error;
    const auto &document = std::get<QJsonDocument>(parsed);
    if (!document.isObject())
        return refused(wrongShape("object"));
    return document.object();
}

std::variant<QJsonArray, ApiError> JsonBody::array(QByteArrayView body, Empty empty)
{
    if (empty == Empty::AsEmptyObject && body.trimmed().isEmpty())
        return QJsonArray();
    auto parsed = parse(body, "array");
    if (auto *error = std::get_if<ApiError>(&parsed))
        return *error;
    const auto &document = std::get<QJsonDocument>(parsed);
    if (!document.isArray())
        return refused(wrongShape("array"));
    return document.array();
}

std::optional<ApiError> JsonBody::requireJsonContentType(const ApiRequest &request, const QString &accepts)
{
    const auto mediaType = request.mediaType();
    if (mediaType == "application/json")
        return std::nullopt;
    return ApiError {ErrorKind::UnsupportedMediaType,
        QStringLiteral("Content-Type %1 is not accepted here; %2")
            .arg(mediaType.isEmpty() ? QStringLiteral("(none)") : QString::fromLatin1(mediaType), accepts)};
}

} // namespace sb
