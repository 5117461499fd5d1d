#pragma once

#include "HttpTypes.h"

namespace sb {

// The request line and header fields of one request, exactly as received. The framing filter in
// front of QHttpServer keeps these because QHttpServerRequest re-encodes the target and folds
// repeated headers.
struct RequestHead
{
    QByteArray raw;
    QByteArray method;
    QByteArray target;
    QByteArray version;
    HeaderList headers;
    qint64 contentLength = -1; // -1: none given
    bool chunked = false;
    bool expectContinue = false;
    bool wantsClose = false;

    // False for a head that is not HTTP/1.x or has a malformed framing header; `error` says why.
    static bool parse(const QByteArray &raw, RequestHead *head, QString *error);
};

// Fills method, target, path, query and headers of `request` from a head (a live one, or a stored
// raw_head when a request is replayed).
void applyRequestHead(ApiRequest &request, const RequestHead &head);

} // namespace sb
