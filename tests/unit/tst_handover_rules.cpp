// The handover rules' pure parts: keyword matching on word boundaries (any case, phrases across
// whitespace, never inside a longer word), the unanswered count, the reasons, the state machine and
// the rule parameters' validation.
#include "domain/Handover.h"

#include <QJsonArray>
#include <QTest>

using namespace sb;

class TestHandoverRules : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void keywordsMatchWholeWords_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("keywords");
        QTest::addColumn<QString>("expected");
        const QStringList person {
            QStringLiteral("talk to a person"), QStringLiteral("human"), QStringLiteral("agent")};
        QTest::newRow("phrase") << QStringLiteral("can I talk to a person?") << person
                                << QStringLiteral("talk to a person");
        QTest::newRow("case") << QStringLiteral("TALK TO A PERSON now") << person
                              << QStringLiteral("talk to a person");
        QTest::newRow("whitespace in phrase")
            << QStringLiteral("talk  to\na person") << person << QStringLiteral("talk to a person");
        QTest::newRow("inside a word") << QStringLiteral("humanity is great") << person << QString();
        QTest::newRow("prefix of a word") << QStringLiteral("the agents are busy") << person << QString();
        QTest::newRow("suffix of a word") << QStringLiteral("reagent order") << person << QString();
        QTest::newRow("punctuation around") << QStringLiteral("(human)") << person << QStringLiteral("human");
        QTest::newRow("order of keywords")
            << QStringLiteral("an agent, a human") << person << QStringLiteral("human");
        QTest::newRow("price vs pricey")
            << QStringLiteral("that's pricey") << QStringList {QStringLiteral("price")} << QString();
        QTest::newRow("price.") << QStringLiteral("What's the price.")
                                << QStringList {QStringLiteral("price")} << QStringLiteral("price");
        QTest::newRow("regex characters")
            << QStringLiteral("is it $5?") << QStringList {QStringLiteral("$5")} << QStringLiteral("$5");
        QTest::newRow("umlaut boundary")
            << QStringLiteral("Preisänderung") << QStringList {QStringLiteral("preis")} << QString();
        QTest::newRow("empty text") << QString() << person << QString();
    }
    void keywordsMatchWholeWords()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, keywords);
        QFETCH(QString, expected);
        const auto found = handover::matchKeyword(text, keywords);
        QCOMPARE(found.value_or(QString()), expected);
        QCOMPARE(found.has_value(), !expected.isEmpty());
    }

    void unansweredCount()
    {
        using D = Direction;
        QCOMPARE(handover::unansweredInbound({}), 0);
        QCOMPARE(handover::unansweredInbound({D::Inbound, D::Inbound, D::Inbound}), 3);
        QCOMPARE(handover::unansweredInbound({D::Inbound, D::Outbound, D::Inbound, D::Inbound}), 2);
        QCOMPARE(handover::unansweredInbound({D::Inbound, D::Inbound, D::Outbound}), 0);
    }

    void reasons()
    {
        QCOMPARE(
            handover::keywordReason(QStringLiteral("asks_for_person"), QStringLiteral("talk to a person")),
            QStringLiteral("asked for a person: \"talk to a person\""));
        QCOMPARE(handover::scoreReason(86, 80), QStringLiteral("score 86 ≥ 80"));
        QCOMPARE(handover::unansweredReason(3), QStringLiteral("3 inbound messages unanswered"));
    }

    void stateMachine()
    {
        using S = HandoverState;
        QVERIFY(canMoveHandover(S::Open, S::Accepted));
        QVERIFY(canMoveHandover(S::Open, S::Closed));
        QVERIFY(canMoveHandover(S::Accepted, S::Closed));
        QVERIFY(!canMoveHandover(S::Accepted, S::Open));
        QVERIFY(!canMoveHandover(S::Closed, S::Open));
        QVERIFY(!canMoveHandover(S::Closed, S::Accepted));
        for (const auto state : {S::Open, S::Accepted, S::Closed})
            QCOMPARE(handoverStateFromName(handoverStateName(state)), state);
        QVERIFY(!handoverStateFromName(u"waiting"));
        for (const auto sentiment : {Sentiment::Positive, Sentiment::Neutral, Sentiment::Negative})
            QCOMPARE(sentimentFromName(sentimentName(sentiment)), sentiment);
    }

    void params()
    {
        using K = HandoverRuleKind;
        QVERIFY(!HandoverRule::paramsProblem(K::HighScore, {{QStringLiteral("minScore"), 80}}));
        QVERIFY(HandoverRule::paramsProblem(K::HighScore, {{QStringLiteral("minScore"), 101}})
                    ->contains(QStringLiteral("minScore")));
        QVERIFY(HandoverRule::paramsProblem(K::HighScore, {{QStringLiteral("minScore"), 80.5}}));
        QVERIFY(HandoverRule::paramsProblem(K::HighScore, {}));
        QVERIFY(!HandoverRule::paramsProblem(K::UnansweredInbound, {{QStringLiteral("count"), 3}}));
        QVERIFY(HandoverRule::paramsProblem(K::UnansweredInbound,
            {{QStringLiteral("count"),
                0}})->contains(QStringLiteral("count")));
        QVERIFY(!HandoverRule::paramsProblem(
            K::Keywords, {{QStringLiteral("keywords"), QJsonArray {QStringLiteral("human")}}}));
        QVERIFY(HandoverRule::paramsProblem(K::Keywords, {{QStringLiteral("keywords"), QJsonArray {}}}));
        QVERIFY(HandoverRule::paramsProblem(K::Keywords, {{QStringLiteral("keywords"), QJsonArray {1}}}));
        QVERIFY(HandoverRule::paramsProblem(K::NegativeSentiment,
            {{QStringLiteral("x"),
                1}})->contains(QStringLiteral("params.x")));
        QVERIFY(!HandoverRule::paramsProblem(K::AiIntent, {}));
    }
};

QTEST_GUILESS_MAIN(TestHandoverRules)
#include "tst_handover_rules.moc"
