#include "RequestHead.h"

#include "HttpGrammar.h"

#include <QUrl>

namespace sb {

namespace {

// [rfc9110] 5.5: field-value = *( VCHAR / obs-text / SP / HTAB ); no other control character.
bool isFieldValue(QByteArrayView text)
{
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && u != '\t') || u == 0x7f)
            return false;
    }
    return true;
}

// [rfc9112] 3.2: the request target holds visible ASCII only.
bool isTarget(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u >= 0x7f)
            return false;
    }
    return true;
}

QByteArrayView trimmedOws(QByteArrayView text)
{
    qsizetype start = 0;
    qsizetype end = text.size();
    while (start < end && (text[start] == ' ' || text[start] == '\t'))
        ++start;
    while (end > start && (text[end - 1] == ' ' || text[end - 1] == '\t'))
        --end;
    return text.sliced(start, end - start);
}

// Splits a comma-separated list ([rfc9110] 5.6.1), dropping empty elements.
QList<QByteArrayView> listElements(QByteArrayView value)
{
    QList<QByteArrayView> out;
    qsizetype start = 0;
    while (start <= value.size()) {
        auto comma = value.sliced(start).indexOf(',');
        const auto end = comma < 0 ? value.size() : start + comma;
        const auto element = trimmedOws(value.sliced(start, end - start));
        if (!element.isEmpty())
            out.append(element);
        start = end + 1;
    }
    return out;
}

// 1*DIGIT without sign or spaces, refusing values that do not fit in 63 bits.
bool parseLength(QByteArrayView digits, qint64 *out)
{
    if (digits.isEmpty())
        return false;
    qint64 value = 0;
    for (const char c : digits) {
        if (c < '0' || c > '9')
            return false;
        const int digit = c - '0';
        if (value > (std::numeric_limits<qint64>::max() - digit) / 10)
            return false;
        value = value * 10 + digit;
    }
    *out = value;
    return true;
}

bool equalsIgnoringCase(QByteArrayView a, QByteArrayView b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

} // namespace

bool RequestHead::parse(const QByteArray &raw, RequestHead *head, QString *error, ErrorKind *kind)
{
    auto kindSink = ErrorKind::BadRequest;
    auto &answer = kind ? *kind : kindSink;
    answer = ErrorKind::BadRequest;
    *head = RequestHead {};
    head->raw = raw;

    QList<QByteArrayView> lines;
    for (qsizetype start = 0; start <= raw.size();) {
        auto end = raw.indexOf("\r\n", start);
        if (end < 0)
            end = raw.size();
        const auto line = QByteArrayView(raw).sliced(start, end - start);
        if (line.contains('\r') || line.contains('\n')) {
            *error = QStringLiteral("a bare CR or LF in the request head; lines end with CRLF");
            return false;
        }
        lines.append(line);
        start = end + 2;
    }
    if (lines.isEmpty() || lines.first().isEmpty()) {
        *error = QStringLiteral("empty request");
        return false;
    }

    // [rfc9112] 3: request-line = method SP request-target SP HTTP-version, single spaces.
    const auto requestLine = lines.first();
    const auto firstSpace = requestLine.indexOf(' ');
    const auto lastSpace = requestLine.lastIndexOf(' ');
    if (firstSpace <= 0 || lastSpace <= firstSpace + 1) {
        *error = QStringLiteral("malformed request line");
        return false;
    }
    const auto method = requestLine.first(firstSpace);
    const auto target = requestLine.sliced(firstSpace + 1, lastSpace - firstSpace - 1);
    const auto version = requestLine.sliced(lastSpace + 1);
    if (!http::isToken(method)) {
        *error = QStringLiteral("malformed request method");
        return false;
    }
    if (!isTarget(target)) {
        *error = QStringLiteral("malformed request target: only visible ASCII characters are allowed");
        return false;
    }
    // [rfc9112] 2.3: HTTP-version = "HTTP/" DIGIT "." DIGIT
    const bool versionShape = version.size() == 8 && version.startsWith("HTTP/") && version[5] >= '0'
        && version[5] <= '9' && version[6] == '.' && version[7] >= '0' && version[7] <= '9';
    if (!versionShape) {
        *error = QStringLiteral("malformed HTTP version");
        return false;
    }
    if (version[5] != '1') {
        answer = ErrorKind::VersionNotSupported;
        *error = QStringLiteral("HTTP version %1 is not supported; use HTTP/1.1")
                     .arg(QString::fromLatin1(version));
        return false;
    }
    head->method = method.toByteArray();
    head->target = target.toByteArray();
    head->version = version.toByteArray();
    const bool http10 = version[7] == '0';

    bool keepAlive = !http10;
    bool connectionUpgrade = false;
    bool hasUpgrade = false;
    bool hasContentLength = false;
    bool hasTransferEncoding = false;
    int hostCount = 0;
    QList<QByteArrayView> codings;
    head->headers.reserve(lines.size() - 1);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const auto line = lines[i];
        if (line.isEmpty())
            continue;
        if (line.front() == ' ' || line.front() == '\t') {
            *error = QStringLiteral("folded header lines are not allowed");
            return false;
        }
        const auto colon = line.indexOf(':');
        if (colon <= 0) {
            *error = QStringLiteral("malformed header line: no field name and colon");
            return false;
        }
        const auto name = line.first(colon);
        if (!http::isToken(name)) {
            // [rfc9112] 5.1: no whitespace between the field name and the colon.
            *error = name.back() == ' ' || name.back() == '\t'
                ? QStringLiteral("whitespace before the colon of header %1")
                      .arg(QString::fromLatin1(trimmedOws(name).toByteArray()))
                : QStringLiteral("malformed header field name");
            return false;
        }
        const auto value = trimmedOws(line.sliced(colon + 1));
        if (!isFieldValue(value)) {
            *error = QStringLiteral("control characters in the value of header %1")
                         .arg(QString::fromLatin1(name));
            return false;
        }
        head->headers.append(qMakePair(name.toByteArray(), value.toByteArray()));

        if (equalsIgnoringCase(name, "Content-Length")) {
            // A list of identical values is one value ([rfc9110] 8.6); anything else is refused.
            const auto elements = listElements(value);
            if (elements.isEmpty()) {
                *error = QStringLiteral("invalid Content-Length");
                return false;
            }
            for (const auto element : elements) {
                qint64 length = 0;
                if (!parseLength(element, &length)) {
                    *error = QStringLiteral("invalid Content-Length \"%1\"")
                                 .arg(QString::fromLatin1(element.toByteArray()));
                    return false;
                }
                if (hasContentLength && head->contentLength != length) {
                    *error = QStringLiteral("differing Content-Length values");
                    return false;
                }
                head->contentLength = length;
                hasContentLength = true;
            }
        } else if (equalsIgnoringCase(name, "Transfer-Encoding")) {
            hasTransferEncoding = true;
            codings += listElements(value);
        } else if (equalsIgnoringCase(name, "Host")) {
            ++hostCount;
        } else if (equalsIgnoringCase(name, "Expect")) {
            head->expectContinue = equalsIgnoringCase(value, "100-continue");
        } else if (equalsIgnoringCase(name, "Upgrade")) {
            hasUpgrade = !value.isEmpty();
        } else if (equalsIgnoringCase(name, "Connection")) {
            for (const auto option : listElements(value)) {
                if (equalsIgnoringCase(option, "close"))
                    keepAlive = false;
                else if (equalsIgnoringCase(option, "keep-alive") && !head->wantsClose)
                    keepAlive = true;
                else if (equalsIgnoringCase(option, "upgrade"))
                    connectionUpgrade = true;
            }
            if (!keepAlive)
                head->wantsClose = true;
        }
    }
    if (hostCount > 1) {
        *error = QStringLiteral("more than one Host header");
        return false;
    }
    if (hasTransferEncoding) {
        // [rfc9112] 6.1: Transfer-Encoding in HTTP/1.0 or beside Content-Length is a framing attack.
        if (http10) {
            *error = QStringLiteral("Transfer-Encoding is not allowed in an HTTP/1.0 request");
            return false;
        }
        if (hasContentLength) {
            *error = QStringLiteral("both Content-Length and Transfer-Encoding given");
            return false;
        }
        if (codings.isEmpty()) {
            *error = QStringLiteral("empty Transfer-Encoding");
            return false;
        }
        for (const auto coding : codings) {
            if (!equalsIgnoringCase(coding, "chunked")) {
                answer = ErrorKind::NotImplemented;
                *error = QStringLiteral("transfer coding \"%1\" is not supported; only chunked is")
                             .arg(QString::fromLatin1(coding.toByteArray()));
                return false;
            }
        }
        if (codings.size() > 1) {
            *error = QStringLiteral("chunked applied more than once");
            return false;
        }
        head->chunked = true;
    }
    head->upgrade = connectionUpgrade && hasUpgrade;
    head->wantsClose = !keepAlive;
    return true;
}

void applyRequestHead(ApiRequest &request, const RequestHead &head)
{
    request.method = head.method;
    request.rawTarget = head.target;
    request.rawHead = head.raw;
    request.headers = head.headers;
    const auto question = head.target.indexOf('?');
    const QByteArray rawPath = question < 0 ? head.target : head.target.left(question);
    request.rawQuery = question < 0 ? QByteArray() : head.target.mid(question + 1);
    // An absolute-form target ([rfc9112] 3.2.2) carries scheme and authority; keep only the path.
    QByteArray pathPart = rawPath;
    if (pathPart.startsWith("http://") || pathPart.startsWith("https://")) {
        const auto slash = pathPart.indexOf('/', pathPart.indexOf("//") + 2);
        pathPart = slash < 0 ? QByteArray("/") : pathPart.mid(slash);
    }
    request.path = QUrl::fromPercentEncoding(pathPart);
    request.query = QUrlQuery(QString::fromUtf8(request.rawQuery));
}

} // namespace sb
