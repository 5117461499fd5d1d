#include "RetryPolicy.h"

#include <cmath>

namespace sb {

double RetryPolicy::baseDelaySeconds(int nextAttempt) const
{
    const int retryIndex = std::max(0, nextAttempt - 2);
    return std::min(maxDelay, initialDelay * std::pow(backoffFactor, retryIndex));
}

qint64 RetryPolicy::delayMs(int nextAttempt, const std::function<double()> &unit) const
{
    const double jitter = 0.8 + 0.4 * unit(); // ±20%
    return qint64(baseDelaySeconds(nextAttempt) * jitter * 1000.0);
}

QList<double> RetryPolicy::schedule() const
{
    QList<double> delays;
    for (int attempt = 2; attempt <= maxAttempts; ++attempt)
        delays.append(baseDelaySeconds(attempt));
    return delays;
}

QJsonObject RetryPolicy::toJson() const
{
    return {{QStringLiteral("maxAttempts"), maxAttempts},
            {QStringLiteral("initialDelay"), initialDelay},
            {QStringLiteral("maxDelay"), maxDelay},
            {QStringLiteral("backoffFactor"), backoffFactor}};
}

bool RetryPolicy::fromJson(const QJsonValue &value, RetryPolicy *policy, QString *error)
{
    if (value.isUndefined() || value.isNull())
        return true;
    if (!value.isObject()) {
        *error = QStringLiteral("retryConfig must be an object");
        return false;
    }
    const auto object = value.toObject();
    RetryPolicy result = *policy;
    auto number = [&](const char *key, double *target, double low, double high) {
        const auto field = object.value(QLatin1String(key));
        if (field.isUndefined() || field.isNull())
            return true;
        if (!field.isDouble() || field.toDouble() < low || field.toDouble() > high) {
            *error = QStringLiteral("retryConfig.%1 must be a number between %2 and %3")
                         .arg(QLatin1String(key))
                         .arg(low)
                         .arg(high);
            return false;
        }
        *target = field.toDouble();
        return true;
    };
    double attempts = result.maxAttempts;
    if (!number("maxAttempts", &attempts, 1, 50) || !number("initialDelay", &result.initialDelay, 0, 86400)
        || !number("maxDelay", &result.maxDelay, 0, 7 * 86400) || !number("backoffFactor", &result.backoffFactor, 1, 100))
        return false;
    if (attempts != std::floor(attempts)) {
        *error = QStringLiteral("retryConfig.maxAttempts must be a whole number");
        return false;
    }
    result.maxAttempts = int(attempts);
    if (result.maxDelay < result.initialDelay) {
        *error = QStringLiteral("retryConfig.maxDelay must not be smaller than initialDelay");
        return false;
    }
    *policy = result;
    return true;
}

} // namespace sb
