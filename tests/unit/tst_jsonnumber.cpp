// Checked JSON number conversions: only finite, integral, in-range numbers become integers.
#include "http/JsonNumber.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <cmath>

using namespace sb;

namespace {
// A number as the JSON parser produces it from text.
QJsonValue parsed(const char *number)
{
    return QJsonDocument::fromJson(QByteArray("{\"n\":") + number + "}").object().value(QStringLiteral("n"));
}
constexpr qint64 maxInt = std::numeric_limits<qint64>::max();
constexpr qint64 minInt = std::numeric_limits<qint64>::min();
} // namespace

class JsonNumberTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void refused_data()
    {
        QTest::addColumn<QJsonValue>("value");
        QTest::newRow("NaN") << QJsonValue(std::nan(""));
        QTest::newRow("infinity") << QJsonValue(std::numeric_limits<double>::infinity());
        QTest::newRow("-infinity") << QJsonValue(-std::numeric_limits<double>::infinity());
        QTest::newRow("1e300") << parsed("1e300");
        QTest::newRow("-1e300") << parsed("-1e300");
        QTest::newRow("1e400 (overflows to infinity)") << parsed("1e400");
        QTest::newRow("2^63") << parsed("9223372036854775808");
        QTest::newRow("2^63 as double") << QJsonValue(9223372036854775808.0);
        QTest::newRow("-2^63 - 2048") << QJsonValue(-9223372036854777856.0);
        QTest::newRow("2^64") << parsed("18446744073709551616");
        QTest::newRow("1.5") << parsed("1.5");
        QTest::newRow("-0.5") << parsed("-0.5");
        QTest::newRow("1e-300") << parsed("1e-300");
        QTest::newRow("string") << QJsonValue(QStringLiteral("12"));
        QTest::newRow("bool") << QJsonValue(true);
        QTest::newRow("null") << QJsonValue(QJsonValue::Null);
        QTest::newRow("undefined") << QJsonValue(QJsonValue::Undefined);
    }

    void refused()
    {
        QFETCH(QJsonValue, value);
        QCOMPARE(jsonInteger(value), std::nullopt);
        qint64 out = 42;
        QString error;
        QVERIFY(!readJsonInteger(value, QStringLiteral("timeoutMs"), 0, 100, &out, &error));
        QCOMPARE(out, qint64(42));
        QVERIFY2(error.startsWith(QStringLiteral("timeoutMs must be ")), qPrintable(error));
    }

    void accepted()
    {
        QCOMPARE(jsonInteger(parsed("0")), qint64(0));
        QCOMPARE(jsonInteger(parsed("-0")), qint64(0));
        QCOMPARE(jsonInteger(parsed("42")), qint64(42));
        QCOMPARE(jsonInteger(parsed("1e3")), qint64(1000));
        QCOMPARE(jsonInteger(parsed("2.0")), qint64(2));
        QCOMPARE(jsonInteger(parsed("-17")), qint64(-17));
        QCOMPARE(jsonInteger(parsed("9223372036854775807")), maxInt);
        QCOMPARE(jsonInteger(parsed("-9223372036854775808")), minInt);
        QCOMPARE(jsonInteger(parsed("9007199254740993")), qint64(9007199254740993)); // beyond 2^53, exact
        QCOMPARE(
            jsonInteger(QJsonValue(4611686018427387904.0)), qint64(4611686018427387904)); // 2^62 as double
    }

    void ranges()
    {
        QCOMPARE(jsonInteger(parsed("0"), 1), std::nullopt);
        QCOMPARE(jsonInteger(parsed("1"), 1), qint64(1));
        QCOMPARE(jsonInteger(parsed("120000"), 100, 120000), qint64(120000));
        QCOMPARE(jsonInteger(parsed("120001"), 100, 120000), std::nullopt);
        qint64 out = 0;
        QString error;
        QVERIFY(!readJsonInteger(parsed("150.5"), QStringLiteral("timeoutMs"), 100, 120000, &out, &error));
        QCOMPARE(error, QStringLiteral("timeoutMs must be a whole number between 100 and 120000"));
        QVERIFY(
            !readJsonInteger(QJsonValue(QStringLiteral("5")), QStringLiteral("limit"), 1, 10, &out, &error));
        QCOMPARE(error, QStringLiteral("limit must be a number"));
        QVERIFY(readJsonInteger(parsed("150"), QStringLiteral("timeoutMs"), 100, 120000, &out, &error));
        QCOMPARE(out, qint64(150));
    }

    void text()
    {
        QCOMPARE(jsonNumberText(parsed("1700000000")), QStringLiteral("1700000000"));
        QCOMPARE(jsonNumberText(parsed("1.5")), QStringLiteral("1.5"));
        QCOMPARE(jsonNumberText(parsed("1e300")), QStringLiteral("1e+300"));
        QCOMPARE(jsonNumberText(parsed("-1e300")), QStringLiteral("-1e+300"));
        QCOMPARE(jsonNumberText(parsed("9223372036854775808")), QStringLiteral("9223372036854776000"));
        QCOMPARE(jsonNumberText(QJsonValue(std::nan(""))), QStringLiteral("nan"));
    }
};

QTEST_GUILESS_MAIN(JsonNumberTest)
#include "tst_jsonnumber.moc"
