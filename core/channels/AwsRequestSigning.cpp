#include "AwsRequestSigning.h"

#include "security/AwsSigV4.h"

namespace sb::channels {

namespace {

QString configString(const QJsonObject &config, QLatin1StringView key)
{
    return config.value(key).toString().trimmed();
}

} // namespace

QUrl awsRegionalEndpoint(const QString &prefix, const QJsonObject &config)
{
    QString region = configString(config, QLatin1StringView("region"));
    if (region.isEmpty())
        region = QStringLiteral("us-east-1");
    return QUrl(QStringLiteral("https://%1.%2.amazonaws.com").arg(prefix, region));
}

ProviderRequest awsSignedRequest(const QUrl &url, const QByteArray &contentType, const QByteArray &body,
    const QJsonObject &config, const QString &service, const QDateTime &now)
{
    ProviderRequest request;
    request.method = "POST";
    request.url = url;
    request.body = body;
    request.headers = {{"Host", AwsSigV4::hostHeader(url)}, {"Content-Type", contentType}};

    AwsSigV4Request toSign;
    toSign.method = request.method;
    toSign.path = url.path(QUrl::FullyDecoded).toUtf8();
    toSign.query = url.query(QUrl::FullyEncoded).toUtf8();
    toSign.headers = request.headers;
    toSign.body = body;
    const AwsCredentials credentials {configString(config, QLatin1StringView("access_key_id")),
        config.value(QLatin1String("secret_access_key")).toString(),
        config.value(QLatin1String("session_token")).toString()};
    QString region = configString(config, QLatin1StringView("region"));
    if (region.isEmpty())
        region = QStringLiteral("us-east-1");
    const auto signature = AwsSigV4::sign(toSign, credentials, AwsScope {region, service},
        now.isValid() ? now : QDateTime::currentDateTimeUtc());
    request.headers.append(signature.headersToAdd);
    return request;
}

} // namespace sb::channels
