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

#include <variant>

namespace sb {

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

// The response envelopes kept from the seed documents (DESIGN.md, "Envelopes by route family").
enum class ApiFamily {
    Crm,            // /api/v1/webhooks/...          errors {"detail": ".."}
    WebhookAdmin,   // /api/webhooks/config|events   errors {"success": false, "message": ".."}
    Communications, // /api/communications/...       errors {"detail": ".."}
    Provider,       // provider callbacks            errors {"success": false, "error": ".."}
};

// One HTTP request as framed by its Connection (RequestFramer): the raw head, the parsed parts and the
// body, owned by the request so it can travel to other threads.
struct ApiRequest
{
    QByteArray method;
    QByteArray rawTarget; // the request target exactly as it stood in the request line
    QString path;         // percent-decoded path without query
    QByteArray rawQuery;  // bytes after '?', undecoded
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
};

struct ApiResponse
{
    int status = 200;
    QByteArray contentType = "application/json";
    QByteArray body;
    HeaderList headers;

    static ApiResponse json(int status, const QJsonObject &object);
    static ApiResponse json(int status, const QJsonArray &array);
};

// A typed failure; ErrorRenderer turns it into the family's error body.
struct ApiError
{
    int status = 500;
    QString message;
    HeaderList headers;
};

using ApiResult = std::variant<ApiResponse, ApiError>;

inline bool isError(const ApiResult &result) { return std::holds_alternative<ApiError>(result); }

// Renders a typed error in the envelope of its route family (DESIGN.md): the one place that maps
// errors to bodies.
ApiResponse renderError(ApiFamily family, const ApiError &error);
ApiResponse renderResult(ApiFamily family, const ApiResult &result);

} // namespace sb
