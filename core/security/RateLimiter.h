#pragma once

#include <QHash>
#include <QString>

namespace sb {

// Fixed allowance per client per minute as a token bucket: `perMinute` requests in a burst, refilled
// evenly over the minute. Used on the server thread only.
class RateLimiter
{
public:
    explicit RateLimiter(int perMinute)
        : m_perMinute(perMinute)
    { }

    struct Decision
    {
        bool allowed = true;
        int retryAfterSeconds = 0;
    };
    Decision take(const QString &client, qint64 nowMs);
    // Whether `client` has a token left, without using it.
    Decision peek(const QString &client, qint64 nowMs) const;
    bool enabled() const { return m_perMinute > 0; }

private:
    struct Bucket
    {
        double tokens;
        qint64 updatedMs;
    };
    int m_perMinute;
    QHash<QString, Bucket> m_buckets;
    qint64 m_lastSweepMs = 0;
};

} // namespace sb
