#pragma once

#include "channels/ProviderAdapter.h"

namespace sb::test {

// The answer to one provider request, made over real HTTP.
struct ProviderReply
{
    int status = 0; // 0 = no answer (network error)
    channels::HeaderList headers;
    QByteArray body;
    QString error;
};

// Sends `request` with a QNetworkAccessManager and waits (event loop) at most `timeoutMs`.
ProviderReply callProvider(const channels::ProviderRequest &request, int timeoutMs = 10000);

} // namespace sb::test
