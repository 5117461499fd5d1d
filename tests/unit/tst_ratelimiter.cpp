#include "security/RateLimiter.h"

#include <QTest>

using namespace sb;

class RateLimiterTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void hundredPerMinuteThenRetryAfter()
    {
        RateLimiter limiter(100);
        const qint64 t0 = 1'000'000;
        for (int i = 0; i < 100; ++i)
            QVERIFY(limiter.take(QStringLiteral("10.0.0.1"), t0).allowed);
        const auto refused = limiter.take(QStringLiteral("10.0.0.1"), t0);
        QVERIFY(!refused.allowed);
        QCOMPARE(refused.retryAfterSeconds, 1); // one token refills in 0.6 s
        // Another client has its own allowance.
        QVERIFY(limiter.take(QStringLiteral("10.0.0.2"), t0).allowed);
        // 0.6 s later one more request fits.
        QVERIFY(limiter.take(QStringLiteral("10.0.0.1"), t0 + 600).allowed);
        QVERIFY(!limiter.take(QStringLiteral("10.0.0.1"), t0 + 600).allowed);
    }

    void peekDoesNotSpend()
    {
        RateLimiter limiter(2);
        const QString client = QStringLiteral("10.0.0.9");
        QVERIFY(limiter.peek(client, 0).allowed); // never seen: allowed
        QVERIFY(limiter.take(client, 0).allowed);
        QVERIFY(limiter.peek(client, 0).allowed);
        QVERIFY(limiter.peek(client, 0).allowed); // peeking twice spends nothing
        QVERIFY(limiter.take(client, 0).allowed);
        const auto empty = limiter.peek(client, 0);
        QVERIFY(!empty.allowed);
        QCOMPARE(empty.retryAfterSeconds, 30); // 2 per minute: one token every 30 s
        QVERIFY(limiter.peek(client, 30000).allowed);
    }

    void zeroDisables()
    {
        RateLimiter limiter(0);
        QVERIFY(!limiter.enabled());
        for (int i = 0; i < 1000; ++i)
            QVERIFY(limiter.take(QStringLiteral("x"), 0).allowed);
    }
};

QTEST_GUILESS_MAIN(RateLimiterTest)
#include "tst_ratelimiter.moc"
