#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QUrlQuery>
#include <functional>
#include <variant>

class QTcpSocket;

namespace sb {

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

// The response envelopes kept from the seed documents (DESIGN.md, "Envelopes by route family").
enum class ApiFamily
{
    Crm, // /api/v1/webhooks/...          errors {"detail": ".."}
    WebhookAdmin, // /api/webhooks/config|events   errors {"success": false, "message": ".."}
    Communications, // /api/communications/...       errors {"detail": ".."}
    Provider, // provider callbacks            errors {"success": false, "error": ".."}
};

// One HTTP request as framed by its Connection (RequestFramer): the raw head, the parsed parts and the
// body, owned by the request so it can travel to other threads.
struct ApiRequest
{
    QByteArray method;
    QByteArray rawTarget; // the request target exactly as it stood in the request line
    QString path; // percent-decoded path without query
    QByteArray rawQuery; // bytes after '?', undecoded
    QUrlQuery query;
    HeaderList headers; // in arrival order, names as sent
    QByteArray rawHead; // request line + header lines as received
    QByteArray body;
    QHostAddress peer;
    QString clientIp; // the peer, or the last X-Forwarded-For hop behind a trusted proxy
    bool viaProxy = false;
    QString recordId; // evt_<ULID>, assigned on arrival; the id of its inbound record
    qint64 receivedAtMs = 0;
    qint64 receivedMonotonicNs = 0;
    QStringList pathArgs; // values of {placeholders} of the matched route

    QByteArray header(QByteArrayView name) const;
    QList<QByteArray> headerValues(QByteArrayView name) const;
    // The media type of the Content-Type, lower-cased, without parameters.
    QByteArray mediaType() const;
};

struct ApiResponse
{
    int status = 200;
    QByteArray contentType = "application/json";
    QByteArray body;
    HeaderList headers;
    // Set by a route that takes the connection over (/ws, the SSE streams): instead of writing an
    // answer, Connection hands its socket to this function once every earlier answer is written,
    // with the bytes it had read past the request, and reads nothing more. The socket then has no
    // parent and belongs to the function.
    std::function<void(QTcpSocket *socket, QByteArray unread)> takeover;

    static ApiResponse json(int status, const QJsonObject &object);
    static ApiResponse json(int status, const QJsonArray &array);
};

// What went wrong with a request, as a kind; statusOf() is the one place that gives each its HTTP
// status, renderError the one place that gives it a body.
enum class ErrorKind
{
    BadRequest, // 400: malformed or invalid input
    Unauthorized, // 401: no, wrong or stale credentials or signature
    Forbidden, // 403: not allowed from here
    NotFound, // 404
    MethodNotAllowed, // 405
    RequestTimeout, // 408: the request did not arrive in time
    Conflict, // 409: the state of the resource forbids it
    PayloadTooLarge, // 413
    UnsupportedMediaType, // 415
    Unprocessable, // 422: well-formed, but refers to what does not exist
    RateLimited, // 429
    HeadersTooLarge, // 431
    Internal, // 500
    NotImplemented, // 501
    Unavailable, // 503
    VersionNotSupported, // 505
};

int statusOf(ErrorKind kind);
// The kind that answers `status` (a status from outside the program, e.g. a console command);
// Internal for one no kind answers.
ErrorKind errorKindForStatus(int status);

// A typed failure; renderError turns it into the family's error body.
struct ApiError
{
    ErrorKind kind = ErrorKind::Internal;
    int status = 500; // statusOf(kind), set by the constructors
    QString message;
    HeaderList headers;

    ApiError() = default;
    ApiError(ErrorKind kind, QString message, HeaderList headers = {})
        : kind(kind)
        , status(statusOf(kind))
        , message(std::move(message))
        , headers(std::move(headers))
    { }
    // From a status number (an answer relayed from elsewhere, the console's commands); prefer a kind.
    // A status no kind answers keeps its number with kind Internal.
    explicit ApiError(int status, QString message, HeaderList headers = {})
        : kind(errorKindForStatus(status))
        , status(status)
        , message(std::move(message))
        , headers(std::move(headers))
    { }
};

using ApiResult = std::variant<ApiResponse, ApiError>;

inline bool isError(const ApiResult &result)
{
    return std::holds_alternative<ApiError>(result);
}

// Renders a typed error in the envelope of its route family (DESIGN.md): the one place that maps
// errors to bodies.
ApiResponse renderError(ApiFamily family, const ApiError &error);
ApiResponse renderResult(ApiFamily family, const ApiResult &result);

} // namespace sb
