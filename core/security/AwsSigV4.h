#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

namespace sb {

// AWS Signature Version 4 (AWS4-HMAC-SHA256), as the AWS General Reference describes it and its
// published test suite checks it. Pure functions: the clock, the credentials and the request are
// inputs, nothing is read or kept.
struct AwsCredentials
{
    QString accessKeyId;
    QString secretAccessKey;
    QString sessionToken; // temporary credentials only; sent as X-Amz-Security-Token
};

struct AwsScope
{
    QString region; // "us-east-1"
    QString service; // "sns", "ses", ...
};

// One request to sign. `path` is the decoded path ("/example space/"); `query` is the raw query
// string without '?' ("b=2&a=1"). `headers` are the headers to sign, each name once or repeated
// (repeated values are joined with ','); Host must be among them.
struct AwsSigV4Request
{
    QByteArray method = "POST";
    QByteArray path = "/";
    QByteArray query;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
};

struct AwsSigV4Options
{
    bool normalizePath = true; // remove "." and ".." segments and empty segments (every service but S3)
    bool signSecurityToken = true; // add X-Amz-Security-Token before signing (false: appended after)
    bool addContentSha256 = false; // sign and send x-amz-content-sha256 (S3 and services that ask for it)
};

struct AwsSignature
{
    QByteArray amzDate; // 20150830T123600Z
    QByteArray credentialScope; // 20150830/us-east-1/service/aws4_request
    QByteArray canonicalRequest;
    QByteArray stringToSign;
    QByteArray signedHeaders; // host;x-amz-date
    QByteArray signature; // lower-case hex
    QByteArray authorization; // the Authorization header value
    // Headers to add to the request, in order: X-Amz-Date, then x-amz-content-sha256 and
    // X-Amz-Security-Token when they apply, then Authorization.
    QList<QPair<QByteArray, QByteArray>> headersToAdd;
};

struct AwsSigV4
{
    static QByteArray amzDate(const QDateTime &now);
    static QByteArray sha256Hex(QByteArrayView data);
    static QByteArray canonicalUri(QByteArrayView decodedPath, bool normalize);
    static QByteArray canonicalQuery(QByteArrayView rawQuery);
    // RFC 3986 percent-encoding: unreserved characters (A-Z a-z 0-9 - . _ ~) stay, others %XX.
    static QByteArray uriEncode(QByteArrayView bytes, bool keepSlash = false);
    static QByteArray signingKey(const QString &secretAccessKey, QByteArrayView date, const AwsScope &scope);

    // Signs `request` (whose headers must already hold X-Amz-Date when the caller adds it itself;
    // otherwise it is added from `now`).
    static AwsSignature sign(const AwsSigV4Request &request, const AwsCredentials &credentials,
        const AwsScope &scope, const QDateTime &now, const AwsSigV4Options &options = {});

    // The Host header value a client sends for `url`: host, plus ":port" when the port is not the
    // scheme's default.
    static QByteArray hostHeader(const QUrl &url);
};

} // namespace sb
