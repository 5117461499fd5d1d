#pragma once

#include "HttpTypes.h"

namespace sb {

// The request line and header fields of one request, exactly as received (QHttpServerRequest would
// re-encode the target and fold repeated headers; the framer keeps the bytes).
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
    bool upgrade = false; // asks for a protocol switch (Connection: upgrade + Upgrade)

    // Parses a head (request line and field lines separated by CRLF, without the final empty line)
    // by RFC 9112. False for a head that cannot be framed safely; `error` says why and `kind` (when
    // given) is the answer: BadRequest, NotImplemented (an unsupported transfer coding) or
    // VersionNotSupported (not HTTP/1.x).
    static bool parse(const QByteArray &raw, RequestHead *head, QString *error, ErrorKind *kind = nullptr);
};

// Fills method, target, path, query and headers of `request` from a head (a live one, or a stored
// raw_head when a request is replayed).
void applyRequestHead(ApiRequest &request, const RequestHead &head);

} // namespace sb
