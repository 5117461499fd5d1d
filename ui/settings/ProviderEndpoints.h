#pragma once

#include <QCoreApplication>
#include <QString>
#include <vector>

namespace sb {

// Every provider-facing endpoint of the seeds (000–003) with what to paste where.
struct ProviderEndpoint
{
    QString provider; // Twilio, Mailgun, ...
    QString path;
    QString purpose; // translated, e.g. "Incoming SMS"
    QString secret; // the setting that verifies it, e.g. TWILIO_AUTH_TOKEN
};

struct ProviderEndpoints
{
    Q_DECLARE_TR_FUNCTIONS(sb::ProviderEndpoints)
public:
    static std::vector<ProviderEndpoint> all();
    // `base` + path, without a doubled slash.
    static QString url(const QString &base, const QString &path);
};

} // namespace sb
