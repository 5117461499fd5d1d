#pragma once

#include "ProviderAdapter.h"

namespace sb::channels {

// Shared by the AWS adapters (SNS, SES): a request signed with Signature Version 4 over the host it
// is actually sent to (a `base_url` override included). Config keys: access_key_id,
// secret_access_key, region, optional session_token.
ProviderRequest awsSignedRequest(const QUrl &url, const QByteArray &contentType, const QByteArray &body,
    const QJsonObject &config, const QString &service, const QDateTime &now);

// "https://<prefix>.<region>.amazonaws.com" for the config's region (us-east-1 when none is set).
QUrl awsRegionalEndpoint(const QString &prefix, const QJsonObject &config);

} // namespace sb::channels
