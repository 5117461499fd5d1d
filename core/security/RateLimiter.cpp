#include "RateLimiter.h"

#include "SecurityLog.h"

#include <cmath>

namespace sb {

RateLimiter::Decision RateLimiter::take(const QString &client, qint64 nowMs)
{
    if (m_perMinute <= 0)
        return {};
    const double perMs = m_perMinute / 60000.0;
    // Forget clients whose bucket has long been full again, so the table cannot grow without bound.
    if (nowMs - m_lastSweepMs > 60000) {
        m_lastSweepMs = nowMs;
        m_buckets.removeIf([nowMs](auto it) { return nowMs - it.value().updatedMs > 120000; });
    }
    auto it = m_buckets.find(client);
    if (it == m_buckets.end())
        it = m_buckets.insert(client, {double(m_perMinute), nowMs});
    auto &bucket = *it;
    bucket.tokens = std::min(double(m_perMinute), bucket.tokens + (nowMs - bucket.updatedMs) * perMs);
    bucket.updatedMs = nowMs;
    if (bucket.tokens >= 1.0) {
        bucket.tokens -= 1.0;
        return {};
    }
    const double waitMs = (1.0 - bucket.tokens) / perMs;
    const int retryAfter = std::max(1, int(std::ceil(waitMs / 1000.0)));
    qCDebug(lcSecurity, "rate limit: %s refused for %d s (%d requests per minute)", qPrintable(client),
        retryAfter, m_perMinute);
    return {false, retryAfter};
}

RateLimiter::Decision RateLimiter::peek(const QString &client, qint64 nowMs) const
{
    const auto it = m_buckets.constFind(client);
    if (m_perMinute <= 0 || it == m_buckets.cend())
        return {};
    const double perMs = m_perMinute / 60000.0;
    const double tokens = std::min(double(m_perMinute), it->tokens + (nowMs - it->updatedMs) * perMs);
    if (tokens >= 1.0)
        return {};
    return {false, std::max(1, int(std::ceil((1.0 - tokens) / perMs / 1000.0)))};
}

} // namespace sb
