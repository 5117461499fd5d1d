#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

#include <functional>

namespace sb {

// A config's retryConfig (seed 001). maxAttempts counts the first try; delays in seconds.
struct RetryPolicy
{
    int maxAttempts = 8;
    double initialDelay = 5;
    double maxDelay = 36000;
    double backoffFactor = 6;

    // Delay before attempt number `nextAttempt` (2 = the first retry), without jitter, in seconds.
    double baseDelaySeconds(int nextAttempt) const;
    // The same with ±20% jitter; `unit` returns a uniform number in [0, 1).
    qint64 delayMs(int nextAttempt, const std::function<double()> &unit) const;
    // The delays of every retry, without jitter (for the UI's preview and the docs).
    QList<double> schedule() const;

    QJsonObject toJson() const;
    // Missing fields keep their defaults; false + message for nonsense.
    static bool fromJson(const QJsonValue &value, RetryPolicy *policy, QString *error);
};

} // namespace sb
