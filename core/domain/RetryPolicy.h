#pragma once

#include <QByteArrayView>
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

    // A Retry-After value (delay-seconds or HTTP-date, RFC 9110 10.2.3) as a delay in ms within
    // [0, capMs]: a date in the past is 0, anything further than the cap is the cap. -1 when the
    // value is neither form.
    static qint64 retryAfterMs(QByteArrayView value, qint64 nowMs, qint64 capMs);

    QJsonObject toJson() const;
    // Missing fields keep their defaults; false + message for nonsense.
    static bool fromJson(const QJsonValue &value, RetryPolicy *policy, QString *error);
};

} // namespace sb
