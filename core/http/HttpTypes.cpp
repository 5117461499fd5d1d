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

ApiResponse ApiResponse::json(int status, const QJsonObject &object)
{
    return {status, "application/json", QJsonDocument(object).toJson(QJsonDocument::Compact), {}};
}

ApiResponse ApiResponse::json(int status, const QJsonArray &array)
{
    return {status, "application/json", QJsonDocument(array).toJson(QJsonDocument::Compact), {}};
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
