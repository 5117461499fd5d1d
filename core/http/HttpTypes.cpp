#include "HttpTypes.h"

namespace sb {

QByteArray ApiRequest::header(QByteArrayView name) const
{
    // The last value wins, as for X-Forwarded-Host behind chained proxies.
    for (auto it = headers.crbegin(); it != headers.crend(); ++it) {
        if (name.compare(it->first, Qt::CaseInsensitive) == 0)
            return it->second;
    }
    return {};
}

QList<QByteArray> ApiRequest::headerValues(QByteArrayView name) const
{
    QList<QByteArray> values;
    for (const auto &[key, value] : headers) {
        if (name.compare(key, Qt::CaseInsensitive) == 0)
            values.append(value);
    }
    return values;
}

QByteArray ApiRequest::mediaType() const
{
    const auto contentType = header("Content-Type");
    const auto semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.first(semicolon)).trimmed().toLower();
}

ApiResponse ApiResponse::json(int status, const QJsonObject &object)
{
    return {status, "application/json", QJsonDocument(object).toJson(QJsonDocument::Compact), {}};
}

ApiResponse ApiResponse::json(int status, const QJsonArray &array)
{
    return {status, "application/json", QJsonDocument(array).toJson(QJsonDocument::Compact), {}};
}

int statusOf(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::BadRequest:
        return 400;
    case ErrorKind::Unauthorized:
        return 401;
    case ErrorKind::Forbidden:
        return 403;
    case ErrorKind::NotFound:
        return 404;
    case ErrorKind::MethodNotAllowed:
        return 405;
    case ErrorKind::RequestTimeout:
        return 408;
    case ErrorKind::Conflict:
        return 409;
    case ErrorKind::PayloadTooLarge:
        return 413;
    case ErrorKind::UnsupportedMediaType:
        return 415;
    case ErrorKind::Unprocessable:
        return 422;
    case ErrorKind::RateLimited:
        return 429;
    case ErrorKind::HeadersTooLarge:
        return 431;
    case ErrorKind::Internal:
        return 500;
    case ErrorKind::NotImplemented:
        return 501;
    case ErrorKind::Unavailable:
        return 503;
    case ErrorKind::VersionNotSupported:
        return 505;
    }
    return 500;
}

ErrorKind errorKindForStatus(int status)
{
    for (const auto kind : {ErrorKind::BadRequest, ErrorKind::Unauthorized, ErrorKind::Forbidden,
             ErrorKind::NotFound, ErrorKind::MethodNotAllowed, ErrorKind::RequestTimeout, ErrorKind::Conflict,
             ErrorKind::PayloadTooLarge, ErrorKind::UnsupportedMediaType, ErrorKind::Unprocessable,
             ErrorKind::RateLimited, ErrorKind::HeadersTooLarge, ErrorKind::Internal,
             ErrorKind::NotImplemented, ErrorKind::Unavailable, ErrorKind::VersionNotSupported}) {
        if (statusOf(kind) == status)
            return kind;
    }
    return ErrorKind::Internal;
}

ApiResponse renderError(ApiFamily family, const ApiError &error)
{
    QJsonObject body;
    switch (family) {
    case ApiFamily::Crm:
    case ApiFamily::Communications:
        body.insert(QStringLiteral("detail"), error.message);
        break;
    case ApiFamily::WebhookAdmin:
        body.insert(QStringLiteral("success"), false);
        body.insert(QStringLiteral("message"), error.message);
        break;
    case ApiFamily::Provider:
        body.insert(QStringLiteral("success"), false);
        body.insert(QStringLiteral("error"), error.message);
        break;
    }
    auto response = ApiResponse::json(error.status, body);
    response.headers = error.headers;
    return response;
}

ApiResponse renderResult(ApiFamily family, const ApiResult &result)
{
    if (const auto *error = std::get_if<ApiError>(&result))
        return renderError(family, *error);
    return std::get<ApiResponse>(result);
}

} // namespace sb
