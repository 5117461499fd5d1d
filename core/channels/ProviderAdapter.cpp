#include "ProviderAdapter.h"

namespace sb::channels {

QUrl baseUrlOf(const QJsonObject &config, const QUrl &fallback)
{
    QString base = config.value(QLatin1String("base_url")).toString().trimmed();
    if (base.isEmpty())
        base = fallback.toString();
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    return QUrl(base);
}

ProviderAnswer classifyStatus(int httpStatus, const HeaderList &headers)
{
    ProviderAnswer answer;
    if (httpStatus >= 200 && httpStatus < 300)
        answer.outcome = SendOutcome::Accepted;
    else if (httpStatus == 429 || httpStatus >= 500 || httpStatus == 0)
        answer.outcome = SendOutcome::Retry;
    else
        answer.outcome = SendOutcome::Rejected;
    for (const auto &[name, value] : headers) {
        if (name.compare("Retry-After", Qt::CaseInsensitive) != 0)
            continue;
        bool ok = false;
        const int seconds = value.trimmed().toInt(&ok);
        if (ok && seconds >= 0)
            answer.retryAfterSeconds = seconds;
    }
    return answer;
}

} // namespace sb::channels
