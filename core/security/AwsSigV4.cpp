#include "AwsSigV4.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>
#include <algorithm>
#include <map>

namespace sb {

namespace {

constexpr QByteArrayView algorithm = "AWS4-HMAC-SHA256";

QByteArray hmac(QByteArrayView key, QByteArrayView message)
{
    return QMessageAuthenticationCode::hash(
        message.toByteArray(), key.toByteArray(), QCryptographicHash::Sha256);
}

bool isUnreserved(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
        || c == '_' || c == '~';
}

// Leading and trailing spaces removed, runs of spaces inside made one space.
QByteArray canonicalValue(QByteArrayView value)
{
    QByteArray out;
    out.reserve(value.size());
    bool pendingSpace = false;
    for (const char c : value) {
        if (c == ' ' || c == '\t') {
            pendingSpace = !out.isEmpty();
            continue;
        }
        if (pendingSpace)
            out.append(' ');
        pendingSpace = false;
        out.append(c);
    }
    return out;
}

bool hasHeader(const QList<QPair<QByteArray, QByteArray>> &headers, QByteArrayView name)
{
    return std::any_of(headers.cbegin(), headers.cend(),
        [&](const auto &header) { return header.first.compare(name, Qt::CaseInsensitive) == 0; });
}

QByteArray headerValue(const QList<QPair<QByteArray, QByteArray>> &headers, QByteArrayView name)
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

} // namespace

QByteArray AwsSigV4::amzDate(const QDateTime &now)
{
    return now.toUTC().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'")).toLatin1();
}

QByteArray AwsSigV4::sha256Hex(QByteArrayView data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
}

QByteArray AwsSigV4::uriEncode(QByteArrayView bytes, bool keepSlash)
{
    static constexpr char hex[] = "0123456789ABCDEF";
    QByteArray out;
    out.reserve(bytes.size() * 3);
    for (const char c : bytes) {
        if (isUnreserved(c) || (keepSlash && c == '/')) {
            out.append(c);
        } else {
            const auto byte = static_cast<unsigned char>(c);
            out.append('%');
            out.append(hex[byte >> 4]);
            out.append(hex[byte & 0x0f]);
        }
    }
    return out;
}

QByteArray AwsSigV4::canonicalUri(QByteArrayView decodedPath, bool normalize)
{
    if (decodedPath.isEmpty())
        return "/";
    if (!normalize)
        return uriEncode(decodedPath, true);
    QList<QByteArray> kept;
    for (const auto &segment : decodedPath.toByteArray().split('/')) {
        if (segment.isEmpty() || segment == ".")
            continue;
        if (segment == "..") {
            if (!kept.isEmpty())
                kept.removeLast();
            continue;
        }
        kept.append(segment);
    }
    QByteArray out = "/";
    for (qsizetype i = 0; i < kept.size(); ++i) {
        if (i > 0)
            out.append('/');
        out.append(uriEncode(kept.at(i)));
    }
    if (!kept.isEmpty() && decodedPath.endsWith('/'))
        out.append('/');
    return out;
}

QByteArray AwsSigV4::canonicalQuery(QByteArrayView rawQuery)
{
    QList<QPair<QByteArray, QByteArray>> pairs;
    for (const auto &part : rawQuery.toByteArray().split('&')) {
        if (part.isEmpty())
            continue;
        const qsizetype equals = part.indexOf('=');
        const QByteArray key = equals < 0 ? part : part.left(equals);
        const QByteArray value = equals < 0 ? QByteArray() : part.mid(equals + 1);
        pairs.append({uriEncode(QByteArray::fromPercentEncoding(key)),
            uriEncode(QByteArray::fromPercentEncoding(value))});
    }
    std::sort(pairs.begin(), pairs.end());
    QByteArray out;
    for (const auto &[key, value] : pairs) {
        if (!out.isEmpty())
            out.append('&');
        out.append(key).append('=').append(value);
    }
    return out;
}

QByteArray AwsSigV4::signingKey(const QString &secretAccessKey, QByteArrayView date, const AwsScope &scope)
{
    const QByteArray dateKey = hmac(QByteArray(QByteArray("AWS4") + secretAccessKey.toUtf8()), date);
    const QByteArray regionKey = hmac(dateKey, scope.region.toUtf8());
    const QByteArray serviceKey = hmac(regionKey, scope.service.toUtf8());
    return hmac(serviceKey, "aws4_request");
}

QByteArray AwsSigV4::hostHeader(const QUrl &url)
{
    QByteArray host = url.host(QUrl::FullyEncoded).toLatin1();
    if (host.contains(':'))
        host = '[' + host + ']';
    const int port = url.port(-1);
    const bool https = url.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0;
    const int defaultPort = https ? 443 : 80;
    if (port != -1 && port != defaultPort)
        host += ':' + QByteArray::number(port);
    return host;
}

AwsSignature AwsSigV4::sign(const AwsSigV4Request &request, const AwsCredentials &credentials,
    const AwsScope &scope, const QDateTime &now, const AwsSigV4Options &options)
{
    AwsSignature result;
    auto headers = request.headers;
    if (hasHeader(headers, "x-amz-date")) {
        result.amzDate = canonicalValue(headerValue(headers, "x-amz-date"));
    } else {
        result.amzDate = amzDate(now);
        headers.append({"X-Amz-Date", result.amzDate});
        result.headersToAdd.append({"X-Amz-Date", result.amzDate});
    }
    QByteArray payloadHash = sha256Hex(request.body);
    if (options.addContentSha256 && !hasHeader(headers, "x-amz-content-sha256")) {
        headers.append({"x-amz-content-sha256", payloadHash});
        result.headersToAdd.append({"x-amz-content-sha256", payloadHash});
    } else if (hasHeader(headers, "x-amz-content-sha256")) {
        payloadHash = canonicalValue(headerValue(headers, "x-amz-content-sha256"));
    }
    const QByteArray token = credentials.sessionToken.toUtf8();
    const bool addToken = !token.isEmpty() && !hasHeader(headers, "x-amz-security-token");
    if (addToken && options.signSecurityToken) {
        headers.append({"X-Amz-Security-Token", token});
        result.headersToAdd.append({"X-Amz-Security-Token", token});
    }

    // Names lower-cased and sorted; a repeated name's values joined with ',' in their order.
    std::map<QByteArray, QByteArray> canonical;
    for (const auto &[name, value] : headers) {
        const auto [entry, inserted] = canonical.try_emplace(name.toLower().trimmed());
        if (!inserted)
            entry->second.append(',');
        entry->second.append(canonicalValue(value));
    }
    QByteArray canonicalHeaders;
    for (const auto &[name, value] : canonical) {
        canonicalHeaders.append(name).append(':').append(value).append('\n');
        if (!result.signedHeaders.isEmpty())
            result.signedHeaders.append(';');
        result.signedHeaders.append(name);
    }

    result.canonicalRequest = request.method.toUpper() + '\n'
        + canonicalUri(request.path, options.normalizePath) + '\n' + canonicalQuery(request.query) + '\n'
        + canonicalHeaders + '\n' + result.signedHeaders + '\n' + payloadHash;

    const QByteArray date = result.amzDate.left(8);
    result.credentialScope
        = date + '/' + scope.region.toUtf8() + '/' + scope.service.toUtf8() + QByteArrayView("/aws4_request");
    result.stringToSign = algorithm.toByteArray() + '\n' + result.amzDate + '\n' + result.credentialScope
        + '\n' + sha256Hex(result.canonicalRequest);
    result.signature
        = hmac(signingKey(credentials.secretAccessKey, date, scope), result.stringToSign).toHex();
    result.authorization = algorithm.toByteArray() + " Credential=" + credentials.accessKeyId.toUtf8() + '/'
        + result.credentialScope + ", SignedHeaders=" + result.signedHeaders
        + ", Signature=" + result.signature;
    if (addToken && !options.signSecurityToken)
        result.headersToAdd.append({"X-Amz-Security-Token", token});
    result.headersToAdd.append({"Authorization", result.authorization});
    return result;
}

} // namespace sb
