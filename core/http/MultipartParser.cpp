#include "MultipartParser.h"

#include "http/HttpGrammar.h"

namespace sb {

namespace {

bool isBoundaryChar(char c)
{
    // [rfc2046] 5.1.1 bchars := bcharsnospace / " "
    // bcharsnospace := DIGIT / ALPHA / "'" / "(" / ")" / "+" / "_" / "," / "-" / "." / "/" / ":" / "=" / "?"
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
        return true;
    switch (c) {
    case '\'':
    case '(':
    case ')':
    case '+':
    case '_':
    case ',':
    case '-':
    case '.':
    case '/':
    case ':':
    case '=':
    case '?':
    case ' ':
        return true;
    default:
        return false;
    }
}

// A header value of the form `type; name=value; name="quoted value"` ([rfc9110] 5.6.6 parameters).
struct ParameterizedValue
{
    QByteArray type; // lower-cased
    QList<QPair<QByteArray, QByteArray>> parameters; // names lower-cased, values unquoted
    QString error;

    QByteArray parameter(QByteArrayView name, bool *present = nullptr) const
    {
        for (const auto &[key, value] : parameters) {
            if (key == name) {
                if (present)
                    *present = true;
                return value;
            }
        }
        if (present)
            *present = false;
        return {};
    }
};

ParameterizedValue parseParameterized(QByteArrayView text)
{
    ParameterizedValue result;
    qsizetype i = 0;
    const auto skipSpace = [&] {
        while (i < text.size() && (text[i] == ' ' || text[i] == '\t'))
            ++i;
    };
    skipSpace();
    const qsizetype typeStart = i;
    while (i < text.size() && text[i] != ';')
        ++i;
    result.type = text.sliced(typeStart, i - typeStart).trimmed().toByteArray().toLower();
    while (i < text.size()) {
        ++i; // ';'
        skipSpace();
        if (i >= text.size())
            break; // a trailing ';' is tolerated
        const qsizetype nameStart = i;
        while (i < text.size() && http::isTokenChar(text[i]))
            ++i;
        const auto name = text.sliced(nameStart, i - nameStart).toByteArray().toLower();
        skipSpace();
        if (name.isEmpty() || i >= text.size() || text[i] != '=') {
            result.error = QStringLiteral("malformed parameter at offset %1").arg(nameStart);
            return result;
        }
        ++i;
        skipSpace();
        QByteArray value;
        if (i < text.size() && text[i] == '"') {
            ++i;
            bool closed = false;
            while (i < text.size()) {
                const char c = text[i++];
                if (c == '\\' && i < text.size()) {
                    value.append(text[i++]); // [rfc9110] 5.6.4 quoted-pair
                } else if (c == '"') {
                    closed = true;
                    break;
                } else {
                    value.append(c);
                }
            }
            if (!closed) {
                result.error = QStringLiteral("unterminated quoted value of parameter \"%1\"")
                                   .arg(QString::fromLatin1(name));
                return result;
            }
        } else {
            const qsizetype valueStart = i;
            while (i < text.size() && text[i] != ';')
                ++i;
            value = text.sliced(valueStart, i - valueStart).trimmed().toByteArray();
        }
        result.parameters.append({name, value});
        skipSpace();
        if (i < text.size() && text[i] != ';') {
            result.error = QStringLiteral("unexpected characters after parameter \"%1\"")
                               .arg(QString::fromLatin1(name));
            return result;
        }
    }
    return result;
}

QString printable(QByteArrayView bytes)
{
    return QString::fromUtf8(bytes.toByteArray().toPercentEncoding(" !\"#$&'()*+,-./:;<=>?@[]^_`{|}~"));
}

} // namespace

QByteArray MultipartPart::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (name.compare(key, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

FormFields MultipartResult::fields() const
{
    FormFields result;
    for (const auto &part : parts) {
        if (!part.hasFilename)
            result.append(part.name, QString::fromUtf8(part.body));
    }
    return result;
}

QList<MultipartPart> MultipartResult::files() const
{
    QList<MultipartPart> result;
    for (const auto &part : parts) {
        if (part.hasFilename)
            result.append(part);
    }
    return result;
}

bool MultipartParser::isMultipartFormData(QByteArrayView contentType)
{
    return parseParameterized(contentType).type == "multipart/form-data";
}

QByteArray MultipartParser::boundaryFromContentType(QByteArrayView contentType, QString *error)
{
    const auto fail = [error](QString message) {
        if (error)
            *error = std::move(message);
        return QByteArray();
    };
    const auto parsed = parseParameterized(contentType);
    if (!parsed.error.isEmpty())
        return fail(QStringLiteral("Content-Type: %1").arg(parsed.error));
    if (!parsed.type.startsWith("multipart/"))
        return fail(QStringLiteral("Content-Type is \"%1\", not multipart/form-data")
                        .arg(QString::fromLatin1(parsed.type)));
    bool present = false;
    const auto boundary = parsed.parameter("boundary", &present);
    if (!present || boundary.isEmpty())
        return fail(QStringLiteral("Content-Type has no boundary parameter"));
    // [rfc2046] 5.1.1 boundary := 0*69<bchars> bcharsnospace
    if (boundary.size() > 70)
        return fail(
            QStringLiteral("boundary is %1 characters long; at most 70 are allowed").arg(boundary.size()));
    for (const char c : boundary) {
        if (!isBoundaryChar(c))
            return fail(QStringLiteral("boundary contains a character not allowed by RFC 2046: \"%1\"")
                            .arg(printable(QByteArrayView(&c, 1))));
    }
    if (boundary.endsWith(' '))
        return fail(QStringLiteral("boundary ends with a space (RFC 2046 5.1.1)"));
    if (error)
        error->clear();
    return boundary;
}

MultipartResult MultipartParser::parse(
    QByteArrayView contentType, QByteArrayView body, const MultipartLimits &limits)
{
    QString error;
    const auto boundary = boundaryFromContentType(contentType, &error);
    if (boundary.isEmpty()) {
        MultipartResult result;
        result.error = error;
        return result;
    }
    return parseWithBoundary(boundary, body, limits);
}

MultipartResult MultipartParser::parseWithBoundary(
    QByteArrayView boundary, QByteArrayView body, const MultipartLimits &limits)
{
    MultipartResult result;
    const auto fail = [&result](QString message) {
        result.parts.clear();
        result.error = std::move(message);
        return result;
    };
    const QByteArray dashBoundary = "--" + boundary.toByteArray();
    const QByteArray delimiter = "\r\n" + dashBoundary; // [rfc2046] 5.1.1 delimiter := CRLF dash-boundary

    // The preamble (anything before the first delimiter) is ignored; the first dash-boundary may
    // also open the body without a preceding CRLF.
    qsizetype pos = 0;
    if (!body.startsWith(dashBoundary)) {
        const qsizetype first = body.indexOf(delimiter);
        if (first < 0)
            return fail(QStringLiteral("no boundary delimiter \"%1\" in the body")
                            .arg(QString::fromLatin1(dashBoundary)));
        pos = first + 2;
    }
    while (true) {
        pos += dashBoundary.size();
        if (body.sliced(pos).startsWith("--")) {
            if (result.parts.isEmpty())
                return fail(QStringLiteral("multipart body has no parts (RFC 2046 requires at least one)"));
            return result; // close-delimiter; the epilogue after it is ignored
        }
        while (pos < body.size() && (body[pos] == ' ' || body[pos] == '\t'))
            ++pos; // transport-padding
        if (!body.sliced(pos).startsWith("\r\n")) {
            if (pos >= body.size())
                return fail(QStringLiteral("missing closing boundary delimiter \"%1--\"")
                                .arg(QString::fromLatin1(dashBoundary)));
            return fail(QStringLiteral("boundary delimiter at offset %1 is not followed by CRLF")
                            .arg(pos - dashBoundary.size()));
        }
        pos += 2;
        if (result.parts.size() >= limits.maxParts) {
            fail(QStringLiteral("more than %1 parts; at most %1 are accepted").arg(limits.maxParts));
            result.tooManyParts = true;
            return result;
        }
        const int index = int(result.parts.size()) + 1;

        MultipartPart part;
        qsizetype bodyStart = 0;
        if (body.sliced(pos).startsWith("\r\n")) {
            bodyStart = pos + 2; // no header fields at all
        } else {
            const qsizetype headerEnd = body.indexOf("\r\n\r\n", pos);
            if (headerEnd < 0) {
                if (body.size() - pos > limits.maxPartHeaderBytes)
                    return fail(QStringLiteral("part %1: header block larger than %2 bytes")
                                    .arg(index)
                                    .arg(limits.maxPartHeaderBytes));
                return fail(
                    QStringLiteral("part %1: header block is not terminated by an empty line").arg(index));
            }
            const qsizetype nextDelimiter = body.indexOf(delimiter, pos);
            if (nextDelimiter >= 0 && headerEnd > nextDelimiter)
                return fail(
                    QStringLiteral("part %1: header block is not terminated by an empty line").arg(index));
            if (headerEnd - pos > limits.maxPartHeaderBytes)
                return fail(QStringLiteral("part %1: header block larger than %2 bytes")
                                .arg(index)
                                .arg(limits.maxPartHeaderBytes));
            const auto block = body.sliced(pos, headerEnd - pos);
            qsizetype lineStart = 0;
            while (lineStart <= block.size()) {
                qsizetype lineEnd = block.indexOf("\r\n", lineStart);
                if (lineEnd < 0)
                    lineEnd = block.size();
                const auto line = block.sliced(lineStart, lineEnd - lineStart);
                lineStart = lineEnd + 2;
                if (!line.isEmpty() && (line[0] == ' ' || line[0] == '\t'))
                    return fail(QStringLiteral("part %1: folded header lines are not allowed (RFC 7578 4.8)")
                                    .arg(index));
                const qsizetype colon = line.indexOf(':');
                if (colon <= 0)
                    return fail(QStringLiteral("part %1: malformed header line \"%2\"")
                                    .arg(index)
                                    .arg(printable(line)));
                const auto name = line.first(colon);
                for (const char c : name) {
                    if (!http::isTokenChar(c))
                        return fail(QStringLiteral("part %1: malformed header name \"%2\"")
                                        .arg(index)
                                        .arg(printable(name)));
                }
                part.headers.append({name.toByteArray(), line.sliced(colon + 1).trimmed().toByteArray()});
            }
            bodyStart = headerEnd + 4;
        }

        const qsizetype next = body.indexOf(delimiter, bodyStart);
        if (next < 0)
            return fail(QStringLiteral("missing closing boundary delimiter \"%1--\"")
                            .arg(QString::fromLatin1(dashBoundary)));
        if (next - bodyStart > limits.maxPartBytes)
            return fail(
                QStringLiteral("part %1 is larger than %2 bytes").arg(index).arg(limits.maxPartBytes));
        part.body = body.sliced(bodyStart, next - bodyStart).toByteArray();

        // [rfc7578] 4.2: each part has Content-Disposition: form-data with a "name" parameter.
        const auto disposition = part.header("Content-Disposition");
        if (disposition.isEmpty())
            return fail(QStringLiteral("part %1 has no Content-Disposition header").arg(index));
        const auto parsed = parseParameterized(disposition);
        if (!parsed.error.isEmpty())
            return fail(QStringLiteral("part %1: Content-Disposition: %2").arg(index).arg(parsed.error));
        if (parsed.type != "form-data")
            return fail(QStringLiteral("part %1: Content-Disposition is \"%2\", not form-data")
                            .arg(index)
                            .arg(QString::fromLatin1(parsed.type)));
        bool hasName = false;
        part.name = QString::fromUtf8(parsed.parameter("name", &hasName));
        if (!hasName)
            return fail(QStringLiteral("part %1: Content-Disposition has no name parameter").arg(index));
        // [rfc7578] 4.2: "filename*" (RFC 5987) must not be used by senders, so only "filename" counts.
        part.filename = QString::fromUtf8(parsed.parameter("filename", &part.hasFilename));
        part.contentType = part.header("Content-Type");
        if (part.contentType.isEmpty())
            part.contentType = "text/plain"; // [rfc7578] 4.4 default
        result.parts.append(std::move(part));
        pos = next + 2;
    }
}

} // namespace sb
