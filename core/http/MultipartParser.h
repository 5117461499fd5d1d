#pragma once

#include "FormParser.h"
#include "http/HttpTypes.h"

#include <QByteArray>
#include <QString>

namespace sb {

// One part of a multipart/form-data body (RFC 7578 section 4).
struct MultipartPart
{
    HeaderList headers; // the part's header fields, in order, names as sent
    QString name; // Content-Disposition "name" parameter (required by RFC 7578 4.2)
    QString filename; // Content-Disposition "filename" parameter, if any
    bool hasFilename = false; // a file upload (an attachment), even when the filename is empty
    QByteArray contentType; // the part's Content-Type, "text/plain" when absent (RFC 7578 4.4)
    QByteArray body; // the part's bytes exactly as sent

    QByteArray header(QByteArrayView name) const;
};

struct MultipartLimits
{
    qsizetype maxParts = FormParser::maxFields; // past it the request is refused 413
    qsizetype maxPartBytes = 1024 * 1024; // the server's body limit is 1 MB anyway (DESIGN.md)
    qsizetype maxPartHeaderBytes = 8 * 1024;
};

struct MultipartResult
{
    QList<MultipartPart> parts;
    QString error; // empty when the body parsed
    bool tooManyParts = false; // the error is the part bound (413 rather than 400)

    bool ok() const { return error.isEmpty(); }
    // The parts without a filename, as form fields (UTF-8 text, RFC 7578 5.1.2).
    FormFields fields() const;
    QList<MultipartPart> files() const;
};

// A strict multipart/form-data parser (RFC 7578 over RFC 2046 section 5.1.1): the boundary must be
// announced in Content-Type, every line break of the framing is CRLF, the body must end with the
// close delimiter, every part must name its field, and the limits cap parts and sizes. Part bodies
// are binary-safe: only the CRLF before a delimiter belongs to the framing.
class MultipartParser
{
public:
    // The boundary parameter of a multipart Content-Type, validated against the bchars of
    // RFC 2046 5.1.1 (1-70 characters, not ending in a space). Empty with `error` set otherwise.
    static QByteArray boundaryFromContentType(QByteArrayView contentType, QString *error = nullptr);
    static MultipartResult parse(
        QByteArrayView contentType, QByteArrayView body, const MultipartLimits &limits = {});
    static MultipartResult parseWithBoundary(
        QByteArrayView boundary, QByteArrayView body, const MultipartLimits &limits = {});
    static bool isMultipartFormData(QByteArrayView contentType);
};

} // namespace sb
