#pragma once

#include "HttpTypes.h"

#include <QJsonArray>
#include <QJsonObject>
#include <variant>

namespace sb {

// The one reading of a request body as JSON: a syntax error is a 400 naming the offset and the
// reason, a value of the wrong shape a 400 saying which shape is required, an empty body a 400 unless
// the route takes an absent body as an empty one.
struct JsonBody
{
    enum class Empty
    {
        Refused, // an empty (or blank) body is a 400: the route needs one
        AsEmptyObject, // an empty body is an empty object (no fields given)
    };

    static std::variant<QJsonObject, ApiError> object(QByteArrayView body, Empty empty = Empty::Refused);
    static std::variant<QJsonArray, ApiError> array(QByteArrayView body, Empty empty = Empty::Refused);

    // 415 unless the request's media type is application/json. `accepts` says who
    // requires it, e.g. "Mailgun event webhooks are application/json".
    static std::optional<ApiError> requireJsonContentType(const ApiRequest &request, const QString &accepts);
};

} // namespace sb
