#include "http/FormParser.h"

#include <QTest>

using namespace sb;

class FormParserTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void keepsOrderAndRepeatedKeys()
    {
        const auto form = FormParser::parse("b=2&a=1&b=3&c=");
        QCOMPARE(form.size(), 4);
        QCOMPARE(form.items.at(0), (FormField {QStringLiteral("b"), QStringLiteral("2")}));
        QCOMPARE(form.items.at(1), (FormField {QStringLiteral("a"), QStringLiteral("1")}));
        QCOMPARE(form.values(u"b"), (QStringList {QStringLiteral("2"), QStringLiteral("3")}));
        QCOMPARE(form.value(u"b"), QStringLiteral("2"));
        QVERIFY(form.contains(u"c"));
        QVERIFY(form.value(u"c").isEmpty());
        QVERIFY(!form.contains(u"d"));
        QVERIFY(form.value(u"d").isNull());
    }

    void decodesPlusAndPercent()
    {
        // Twilio posts "Body=Hello+world%21" and "From=%2B14155551212": '+' is a space, %2B a plus.
        const auto form
            = FormParser::parse("Body=Hello+world%21&From=%2B14155551212&Emoji=%F0%9F%93%9E&a+b=c%20d");
        QCOMPARE(form.value(u"Body"), QStringLiteral("Hello world!"));
        QCOMPARE(form.value(u"From"), QStringLiteral("+14155551212"));
        QCOMPARE(form.value(u"Emoji"), QString::fromUtf8("\xF0\x9F\x93\x9E"));
        QCOMPARE(form.value(u"a b"), QStringLiteral("c d"));
    }

    void malformedEscapesStayLiteral()
    {
        // [WHATWG URL] percent-decode keeps a '%' that is not followed by two hex digits.
        const auto form = FormParser::parse("a=100%&b=%zz&c=%4");
        QCOMPARE(form.value(u"a"), QStringLiteral("100%"));
        QCOMPARE(form.value(u"b"), QStringLiteral("%zz"));
        QCOMPARE(form.value(u"c"), QStringLiteral("%4"));
    }

    void emptyPiecesAndMissingEquals()
    {
        const auto form = FormParser::parse("&&flag&x=1=2&");
        QCOMPARE(form.size(), 2);
        QCOMPARE(form.items.at(0).name, QStringLiteral("flag"));
        QCOMPARE(form.items.at(0).value, QString());
        QCOMPARE(form.value(u"x"), QStringLiteral("1=2")); // only the first '=' separates
        QVERIFY(FormParser::parse("").isEmpty());
    }
    void fieldCountIsBounded()
    {
        QByteArray body;
        for (int i = 0; i < FormParser::maxFields; ++i)
            body += (i ? "&f" : "f") + QByteArray::number(i) + "=v";
        const auto atLimit = FormParser::parseBounded(body);
        QVERIFY(atLimit);
        QCOMPARE(atLimit->size(), FormParser::maxFields);
        QCOMPARE(atLimit->items.last().name, QStringLiteral("f999"));
        // Empty pieces are not fields.
        QVERIFY(FormParser::parseBounded(QByteArray(body + "&&&")));
        QVERIFY(!FormParser::parseBounded(QByteArray(body + "&one=more")));
        QVERIFY(!FormParser::parseBounded("a&b&c", 2));
        QCOMPARE(FormParser::parseBounded("a&b", 2)->size(), 2);
        QCOMPARE(FormParser::tooManyFieldsMessage(),
            QStringLiteral("the form has more than 1000 fields; at most 1000 are accepted"));
        // The unbounded parse (for text that is not a request body) still reads everything.
        QCOMPARE(FormParser::parse(QByteArray(body + "&one=more")).size(), FormParser::maxFields + 1);
    }
};

QTEST_GUILESS_MAIN(FormParserTest)
#include "tst_formparser.moc"
