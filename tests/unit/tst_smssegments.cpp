// SMS encoding and segment counting (GSM-7 basic and extension tables, UCS-2 code units).
#include "domain/SmsSegments.h"

#include <QTest>

using namespace sb;

namespace {

QString repeat(const QString &piece, int times)
{
    QString text;
    for (int i = 0; i < times; ++i)
        text += piece;
    return text;
}

const QString kEmoji = QString::fromUtf8("\xF0\x9F\x98\x80"); // U+1F600, a surrogate pair

} // namespace

class TestSmsSegments : public QObject
{
    Q_OBJECT

private slots:
    void counts_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("encoding");
        QTest::addColumn<int>("units");
        QTest::addColumn<int>("segments");
        QTest::addColumn<int>("perSegment");
        QTest::addColumn<int>("remaining");

        const QString gsm = QStringLiteral("GSM-7");
        const QString ucs = QStringLiteral("UCS-2");
        const QString a = QStringLiteral("a");
        const QString u = QString::fromUtf8("\xD0\x96"); // Ж: not GSM-7, one UTF-16 unit

        QTest::newRow("empty") << QString() << gsm << 0 << 0 << 160 << 160;
        QTest::newRow("hello") << QStringLiteral("Hello") << gsm << 5 << 1 << 160 << 155;
        QTest::newRow("160 GSM") << repeat(a, 160) << gsm << 160 << 1 << 160 << 0;
        QTest::newRow("161 GSM") << repeat(a, 161) << gsm << 161 << 2 << 153 << 145;
        QTest::newRow("306 GSM") << repeat(a, 306) << gsm << 306 << 2 << 153 << 0;
        QTest::newRow("307 GSM") << repeat(a, 307) << gsm << 307 << 3 << 153 << 152;
        QTest::newRow("euro counts two") << QString::fromUtf8("\xE2\x82\xAC") << gsm << 2 << 1 << 160 << 158;
        QTest::newRow("bracket counts two") << QStringLiteral("[") << gsm << 2 << 1 << 160 << 158;
        QTest::newRow("all extension") << QStringLiteral("\f^{}\\[~]|") + QString::fromUtf8("\xE2\x82\xAC")
                                       << gsm << 20 << 1 << 160 << 140;
        QTest::newRow("159 + euro = 161")
            << repeat(a, 159) + QString::fromUtf8("\xE2\x82\xAC") << gsm << 161 << 2 << 153 << 145;
        QTest::newRow("158 + euro = 160")
            << repeat(a, 158) + QString::fromUtf8("\xE2\x82\xAC") << gsm << 160 << 1 << 160 << 0;
        // 152 septets then an escape pair: the pair does not fit in the one septet left, it moves on.
        QTest::newRow("escape pair not split")
            << repeat(a, 152) + QStringLiteral("[") + repeat(a, 10) << gsm << 164 << 2 << 153 << 141;
        QTest::newRow("GSM accents") << QString::fromUtf8("\xC3\xA9\xC3\xA8\xC3\xB1\xC3\x9C\xC2\xA3\xCE\x94")
                                     << gsm << 6 << 1 << 160 << 154;
        QTest::newRow("70 UCS-2") << repeat(u, 70) << ucs << 70 << 1 << 70 << 0;
        QTest::newRow("71 UCS-2") << repeat(u, 71) << ucs << 71 << 2 << 67 << 63;
        QTest::newRow("134 UCS-2") << repeat(u, 134) << ucs << 134 << 2 << 67 << 0;
        QTest::newRow("135 UCS-2") << repeat(u, 135) << ucs << 135 << 3 << 67 << 66;
        QTest::newRow("emoji is two units") << kEmoji << ucs << 2 << 1 << 70 << 68;
        QTest::newRow("35 emoji = 70") << repeat(kEmoji, 35) << ucs << 70 << 1 << 70 << 0;
        // 33 emoji fill 66 units of the first 67: the 34th does not fit in the unit left and moves on.
        QTest::newRow("36 emoji = 72") << repeat(kEmoji, 36) << ucs << 72 << 2 << 67 << 61;
        // 66 units then a surrogate pair: it does not fit in the one unit left, it starts segment 2.
        QTest::newRow("surrogate pair not split")
            << repeat(u, 66) + kEmoji + repeat(u, 3) << ucs << 71 << 2 << 67 << 62;
        // One non-GSM character turns the whole text into UCS-2, where '[' counts one.
        QTest::newRow("euro and emoji")
            << QString::fromUtf8("\xE2\x82\xAC[") + kEmoji << ucs << 4 << 1 << 70 << 66;
        QTest::newRow("lowercase c cedilla is not GSM-7")
            << QString::fromUtf8("\xC3\xA7") << ucs << 1 << 1 << 70 << 69;
    }
    void counts()
    {
        QFETCH(QString, text);
        QFETCH(QString, encoding);
        QFETCH(int, units);
        QFETCH(int, segments);
        QFETCH(int, perSegment);
        QFETCH(int, remaining);
        const SmsSegments result = SmsSegments::of(text);
        QCOMPARE(smsEncodingName(result.encoding), encoding);
        QCOMPARE(result.units, units);
        QCOMPARE(result.segments, segments);
        QCOMPARE(result.perSegment, perSegment);
        QCOMPARE(result.remaining, remaining);
    }

    void basicTableHas128Positions()
    {
        // Every printable ASCII character except the extension ones and ` is in the basic table.
        int basic = 0;
        int extension = 0;
        for (char16_t c = 0; c < 0x2200; ++c) {
            const int septets = SmsSegments::gsm7Septets(QChar(c));
            basic += septets == 1 ? 1 : 0;
            extension += septets == 2 ? 1 : 0;
        }
        QCOMPARE(basic, 127); // 128 positions less the escape
        QCOMPARE(extension, 10);
        QCOMPARE(SmsSegments::gsm7Septets(QLatin1Char('`')), 0);
        QCOMPARE(SmsSegments::gsm7Septets(QChar(0x1B)), 0);
        QCOMPARE(SmsSegments::gsm7Septets(QLatin1Char('@')), 1);
        QCOMPARE(SmsSegments::gsm7Septets(QLatin1Char('\n')), 1);
        QVERIFY(SmsSegments::isGsm7(QStringLiteral("Your code is 1234 {ok}")));
        QVERIFY(!SmsSegments::isGsm7(kEmoji));
    }

    void encodingNames()
    {
        QCOMPARE(smsEncodingFromName(u"UCS-2"), SmsEncoding::Ucs2);
        QCOMPARE(smsEncodingFromName(u"gsm-7"), SmsEncoding::Gsm7);
        QVERIFY(!smsEncodingFromName(u"utf-8").has_value());
    }
};

QTEST_APPLESS_MAIN(TestSmsSegments)
#include "tst_smssegments.moc"
