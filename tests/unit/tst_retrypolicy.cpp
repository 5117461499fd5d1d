// Retry scheduling: the backoff stays within the policy, and a receiver's Retry-After (seconds or
// HTTP-date) becomes a delay between 0 and the policy's longest delay whatever its size.
#include "domain/RetryPolicy.h"

#include <QDateTime>
#include <QTest>
#include <limits>

using namespace sb;

namespace {
// 2026-12-07T00:00:00Z
const qint64 now = QDateTime(QDate(2026, 12, 7), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
const qint64 cap = 36000LL * 1000; // the default policy's maxDelay
} // namespace

class RetryPolicyTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void retryAfter_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<qint64>("expected");
        QTest::newRow("seconds") << QByteArray("120") << qint64(120000);
        QTest::newRow("seconds with spaces") << QByteArray("  30 ") << qint64(30000);
        QTest::newRow("zero") << QByteArray("0") << qint64(0);
        QTest::newRow("exactly the cap") << QByteArray("36000") << cap;
        QTest::newRow("past the cap") << QByteArray("36001") << cap;
        QTest::newRow("past int range") << QByteArray("99999999999") << cap;
        QTest::newRow("past qint64 range") << QByteArray("999999999999999999999999999999") << cap;
        QTest::newRow("leading zeros") << QByteArray("0000000000000000000000000000000007") << qint64(7000);
        QTest::newRow("negative") << QByteArray("-5") << qint64(-1);
        QTest::newRow("fraction") << QByteArray("1.5") << qint64(-1);
        QTest::newRow("empty") << QByteArray("") << qint64(-1);
        QTest::newRow("words") << QByteArray("soon") << qint64(-1);
        QTest::newRow("date 90 s ahead") << QByteArray("Mon, 07 Dec 2026 00:01:30 GMT") << qint64(90000);
        QTest::newRow("date in year 9999") << QByteArray("Fri, 31 Dec 9999 23:59:59 GMT") << cap;
        QTest::newRow("date in the past") << QByteArray("Sun, 06 Nov 1994 08:49:37 GMT") << qint64(0);
        QTest::newRow("RFC 850 date") << QByteArray("Monday, 07-Dec-26 00:00:10 GMT") << qint64(10000);
        QTest::newRow("asctime date") << QByteArray("Mon Dec  7 00:00:20 2026") << qint64(20000);
        QTest::newRow("asctime past") << QByteArray("Sun Nov  6 08:49:37 1994") << qint64(0);
    }

    void retryAfter()
    {
        QFETCH(QByteArray, value);
        QFETCH(qint64, expected);
        QCOMPARE(RetryPolicy::retryAfterMs(value, now, cap), expected);
    }

    void retryAfterRespectsEveryCap()
    {
        QCOMPARE(RetryPolicy::retryAfterMs("99999999999", now, 0), qint64(0));
        QCOMPARE(RetryPolicy::retryAfterMs("Fri, 31 Dec 9999 23:59:59 GMT", now, 86400000), qint64(86400000));
        QCOMPARE(
            RetryPolicy::retryAfterMs("99999999999", now, -5), qint64(0)); // a nonsense cap is no cap below 0
        QCOMPARE(RetryPolicy::retryAfterMs("5", now, 7 * 86400000LL), qint64(5000));
        QCOMPARE(
            RetryPolicy::retryAfterMs("999999999999999999999999", now, std::numeric_limits<qint64>::max()),
            std::numeric_limits<qint64>::max());
    }

    void backoffStaysWithinThePolicy()
    {
        RetryPolicy policy;
        policy.maxAttempts = 50;
        policy.initialDelay = 86400;
        policy.maxDelay = 7 * 86400;
        policy.backoffFactor = 100;
        for (int attempt = 2; attempt <= policy.maxAttempts; ++attempt) {
            for (double unit : {0.0, 0.5, 0.999999}) {
                const auto delay = policy.delayMs(attempt, [unit] { return unit; });
                QVERIFY2(delay >= 0 && delay <= qint64(policy.maxDelay * 1.2 * 1000),
                    qPrintable(QString::number(delay)));
            }
        }
    }
};

QTEST_GUILESS_MAIN(RetryPolicyTest)
#include "tst_retrypolicy.moc"
