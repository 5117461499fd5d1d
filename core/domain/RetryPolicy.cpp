#include "RetryPolicy.h"

#include <QDateTime>
#include <QLocale>
#include <algorithm>
#include <cmath>
#include <limits>

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

qint64 RetryPolicy::retryAfterMs(QByteArrayView value, qint64 nowMs, qint64 capMs)
{
    capMs = std::max<qint64>(0, capMs);
    const auto text = value.trimmed();
    if (text.isEmpty())
        return -1;
    if (std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        // delay-seconds = 1*DIGIT: saturate at the cap instead of overflowing.
        qint64 ms = 0;
        for (const char digit : text) {
            if (ms > (std::numeric_limits<qint64>::max() - 9000) / 10)
                return capMs;
            ms = ms * 10 + (digit - '0') * 1000;
            if (ms >= capMs)
                return capMs;
        }
        return ms;
    }
    // HTTP-date: IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"); the obsolete RFC 850 and asctime
    // forms are accepted too, as RFC 9110 asks of recipients.
    // The weekday is redundant and dropped before parsing the rest (always GMT).
    auto string = QString::fromLatin1(text.data(), text.size()).simplified();
    const auto comma = string.indexOf(QLatin1Char(','));
    QDateTime date;
    const QLocale c = QLocale::c();
    if (comma > 0) {
        const auto rest = string.mid(comma + 1).trimmed();
        date = c.toDateTime(rest, QStringLiteral("dd MMM yyyy hh:mm:ss 'GMT'"));
        if (!date.isValid()) {
            date = c.toDateTime(rest, QStringLiteral("dd-MMM-yy hh:mm:ss 'GMT'"));
            if (date.isValid() && date.date().year() < 1970)
                date = date.addYears(100); // a two-digit year: 1970-2069
        }
    } else if (string.indexOf(QLatin1Char(' ')) == 3) {
        date = c.toDateTime(string.mid(4), QStringLiteral("MMM d hh:mm:ss yyyy"));
    }
    if (!date.isValid())
        return -1;
    date.setTimeSpec(Qt::UTC);
    const qint64 at = date.toMSecsSinceEpoch();
    if (at <= nowMs)
        return 0;
    // Both are far from the qint64 limits (years 1970-9999 in ms), so the difference cannot overflow.
    return std::min(at - nowMs, capMs);
}

QJsonObject RetryPolicy::toJson() const
{
    return {{QStringLiteral("maxAttempts"), maxAttempts}, {QStringLiteral("initialDelay"), initialDelay},
        {QStringLiteral("maxDelay"), maxDelay}, {QStringLiteral("backoffFactor"), backoffFactor}};
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
        || !number("maxDelay", &result.maxDelay, 0, 7 * 86400)
        || !number("backoffFactor", &result.backoffFactor, 1, 100))
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
