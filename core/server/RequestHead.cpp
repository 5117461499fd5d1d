#include "RequestHead.h"

#include <QUrl>

namespace sb {

bool RequestHead::parse(const QByteArray &raw, RequestHead *head, QString *error)
{
    head->raw = raw;
    QList<QByteArrayView> lines;
    for (qsizetype start = 0; start <= raw.size();) {
        auto end = raw.indexOf("\r\n", start);
        if (end < 0)
            end = raw.size();
        lines.append(QByteArrayView(raw).sliced(start, end - start));
        start = end + 2;
    }
    if (lines.isEmpty() || lines.first().isEmpty()) {
        *error = QStringLiteral("empty request");
        return false;
    }
    // [rfc9112] 3: request-line = method SP request-target SP HTTP-version
    const auto requestLine = lines.first();
    const auto firstSpace = requestLine.indexOf(' ');
    const auto lastSpace = requestLine.lastIndexOf(' ');
    if (firstSpace <= 0 || lastSpace <= firstSpace) {
        *error = QStringLiteral("malformed request line");
        return false;
    }
    head->method = requestLine.first(firstSpace).toByteArray();
    head->target = requestLine.sliced(firstSpace + 1, lastSpace - firstSpace - 1).toByteArray();
    head->version = requestLine.sliced(lastSpace + 1).toByteArray();
    if (!head->version.startsWith("HTTP/1.")) {
        *error = QStringLiteral("unsupported HTTP version");
        return false;
    }
    bool keepAlive = head->version != "HTTP/1.0";
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const auto line = lines[i];
        if (line.isEmpty())
            continue;
        const auto colon = line.indexOf(':');
        if (colon <= 0) {
            *error = QStringLiteral("malformed header line");
            return false;
        }
        const auto name = line.first(colon).toByteArray();
        const auto value = line.sliced(colon + 1).trimmed().toByteArray();
        head->headers.append(qMakePair(name, value));
        if (name.compare("Content-Length", Qt::CaseInsensitive) == 0) {
            bool ok = false;
            const auto length = value.toLongLong(&ok);
            if (!ok || length < 0 || (head->contentLength >= 0 && head->contentLength != length)) {
                *error = QStringLiteral("invalid Content-Length");
                return false;
            }
            head->contentLength = length;
        } else if (name.compare("Transfer-Encoding", Qt::CaseInsensitive) == 0) {
            head->chunked = value.toLower().contains("chunked");
        } else if (name.compare("Expect", Qt::CaseInsensitive) == 0) {
            head->expectContinue = value.compare("100-continue", Qt::CaseInsensitive) == 0;
        } else if (name.compare("Connection", Qt::CaseInsensitive) == 0) {
            const auto lower = value.toLower();
            if (lower.contains("close"))
                keepAlive = false;
            else if (lower.contains("keep-alive"))
                keepAlive = true;
        }
    }
    // [rfc9112] 6.3: Transfer-Encoding overrides Content-Length.
    if (head->chunked)
        head->contentLength = -1;
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
