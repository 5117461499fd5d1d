// The lead score's rules (leads/LeadScoring.h): each weight alone, the clamp to 0..100, the recency
// steps, the reason lines, and the README table that must match the code's table.
#include "leads/LeadScoring.h"

#include <QFile>
#include <QRegularExpression>
#include <QTest>

using namespace sb;
using namespace sb::scoring;

namespace {

constexpr qint64 now = 1'800'000'000'000;
constexpr qint64 hour = 60LL * 60 * 1000;

Activity base()
{
    Activity a;
    a.status = QStringLiteral("new");
    a.nowMs = now;
    return a;
}

int pointsOf(const Score &score, const QString &rule)
{
    int points = 0;
    for (const auto &reason : score.reasons) {
        if (reason.rule == rule)
            points += reason.points;
    }
    return points;
}

QStringList rulesOf(const Score &score)
{
    QStringList rules;
    for (const auto &reason : score.reasons)
        rules.append(reason.rule);
    return rules;
}

} // namespace

class TestLeadScoring : public QObject
{
    Q_OBJECT
private slots:
    void nothingScoresZero()
    {
        const auto score = compute(base());
        QCOMPARE(score.value, 0);
        QVERIFY(score.reasons.isEmpty());
    }

    // Each rule alone: exactly that reason, with the table's points.
    void eachWeight_data()
    {
        QTest::addColumn<QString>("rule");
        QTest::addColumn<int>("points");
        QTest::addColumn<QString>("text");
        auto with = [](const char *rule, int points, const char *text) {
            QTest::newRow(rule) << QString::fromLatin1(rule) << points << QString::fromUtf8(text);
        };
        with("replied", 20, "replied (an inbound SMS or email)");
        with("email_opened", 5, "opened an email");
        with("email_clicked", 10, "clicked a link in an email");
        with("call_completed", 10, "a call was completed");
        with("call_negative", -10, "a call ended with a negative outcome");
        with("call_missed", -5, "a call was not answered (busy, no answer, failed)");
        with("unanswered", -15, "no answer to 3 messages");
        with("bounced", -10, "a message to the lead failed or bounced");
        with("status_contacted", 5, "status contacted");
        with("status_qualified", 10, "status qualified");
        with("status_proposal_sent", 15, "status proposal_sent");
        with("status_negotiation", 20, "status negotiation");
        with("status_won", 25, "status won");
        with("status_lost", -30, "status lost");
        with("value_high", 10, "expected value 10,000 or more");
        with("value_medium", 5, "expected value 1,000 or more");
        with("do_not_contact", -50, "do not contact");
    }
    void eachWeight()
    {
        QFETCH(QString, rule);
        QFETCH(int, points);
        QFETCH(QString, text);
        auto a = base();
        if (rule == u"replied")
            a.replies = 1;
        else if (rule == u"email_opened")
            a.opens = 3;
        else if (rule == u"email_clicked")
            a.clicks = 1;
        else if (rule == u"call_completed")
            a.completedCalls = 2;
        else if (rule == u"call_negative")
            a.negativeCalls = 1;
        else if (rule == u"call_missed")
            a.missedCalls = 1;
        else if (rule == u"unanswered")
            a.unansweredOutbound = 3;
        else if (rule == u"bounced")
            a.bounces = 1;
        else if (rule.startsWith(u"status_"))
            a.status = rule.mid(7);
        else if (rule == u"value_high")
            a.expectedValue = 10000;
        else if (rule == u"value_medium")
            a.expectedValue = 9999.99;
        else if (rule == u"do_not_contact")
            a.doNotContact = true;
        const auto score = compute(a);
        QCOMPARE(rulesOf(score), QStringList {rule});
        QCOMPARE(score.reasons.first().points, points);
        QCOMPARE(score.reasons.first().text, text);
        QCOMPARE(weight(rule.toLatin1().constData()).points, points);
        QCOMPARE(score.value, std::max(0, points));
    }

    void repliesCountFurtherOnesUpToTwo()
    {
        auto a = base();
        a.replies = 2;
        QCOMPARE(pointsOf(compute(a), QStringLiteral("replied_again")), 5);
        a.replies = 9;
        const auto score = compute(a);
        QCOMPARE(pointsOf(score, QStringLiteral("replied_again")), 10);
        QCOMPARE(score.value, 30);
        a.repliedFast = true;
        QCOMPARE(pointsOf(compute(a), QStringLiteral("replied_fast")), 10);
        QCOMPARE(compute(a).value, 40);
    }

    void positiveCallAddsToCompleted()
    {
        auto a = base();
        a.completedCalls = 1;
        a.positiveCalls = 1;
        QCOMPARE(compute(a).value, 25);
    }

    void twoUnansweredIsNotYetPenalised()
    {
        auto a = base();
        a.status = QStringLiteral("qualified");
        a.unansweredOutbound = 2;
        QCOMPARE(compute(a).value, 10);
        a.unansweredOutbound = 5;
        const auto score = compute(a);
        QCOMPARE(pointsOf(score, QStringLiteral("unanswered")), -15);
        QCOMPARE(score.reasons.first().text, QStringLiteral("no answer to 5 messages"));
        QCOMPARE(score.value, 0); // 10 - 15, clamped
    }

    void clampsToHundredAndZero()
    {
        auto hot = base();
        hot.status = QStringLiteral("won");
        hot.replies = 5;
        hot.repliedFast = true;
        hot.opens = 1;
        hot.clicks = 1;
        hot.completedCalls = 1;
        hot.positiveCalls = 1;
        hot.expectedValue = 50000;
        hot.lastInboundAt = now - hour;
        const auto score = compute(hot);
        int sum = 0;
        for (const auto &reason : score.reasons)
            sum += reason.points;
        QCOMPARE(sum, 130);
        QCOMPARE(score.value, 100);

        auto cold = base();
        cold.status = QStringLiteral("lost");
        cold.doNotContact = true;
        cold.bounces = 2;
        QCOMPARE(compute(cold).value, 0);
    }

    void recencyDecays_data()
    {
        QTest::addColumn<qint64>("age");
        QTest::addColumn<QString>("rule");
        QTest::addColumn<int>("points");
        QTest::newRow("now") << qint64(0) << QStringLiteral("recent_day") << 15;
        QTest::newRow("23 h") << 23 * hour << QStringLiteral("recent_day") << 15;
        QTest::newRow("24 h") << 24 * hour << QStringLiteral("recent_day") << 15;
        QTest::newRow("25 h") << 25 * hour << QStringLiteral("recent_week") << 10;
        QTest::newRow("7 days") << 7 * dayMs << QStringLiteral("recent_week") << 10;
        QTest::newRow("8 days") << 8 * dayMs << QStringLiteral("recent_month") << 5;
        QTest::newRow("30 days") << 30 * dayMs << QStringLiteral("recent_month") << 5;
        QTest::newRow("31 days") << 31 * dayMs << QString() << 0;
        QTest::newRow("90 days") << 90 * dayMs << QString() << 0;
        QTest::newRow("91 days") << 91 * dayMs << QStringLiteral("stale") << -10;
        QTest::newRow("future") << -hour << QStringLiteral("recent_day") << 15;
    }
    void recencyDecays()
    {
        QFETCH(qint64, age);
        QFETCH(QString, rule);
        QFETCH(int, points);
        auto a = base();
        a.status = QStringLiteral("negotiation"); // 20, so a penalty shows in the value
        a.lastInboundAt = now - age;
        const auto score = compute(a);
        QStringList expected {QStringLiteral("status_negotiation")};
        if (!rule.isEmpty())
            expected.prepend(rule);
        QCOMPARE(rulesOf(score), expected);
        QCOMPARE(score.value, 20 + points);
    }

    void reasonLines()
    {
        QCOMPARE(reasonLine({QStringLiteral("replied_fast"), 10, QStringLiteral("replied within 1 h")}),
            QStringLiteral("+10 replied within 1 h"));
        QCOMPARE(reasonLine({QStringLiteral("unanswered"), -15, QStringLiteral("no answer to 3 messages")}),
            QString::fromUtf8("\u221215 no answer to 3 messages"));
        const QList<Reason> reasons {{QStringLiteral("replied"), 20, QStringLiteral("replied")},
            {QStringLiteral("stale"), -10, QStringLiteral("old")}};
        const auto back = reasonsFromJson(reasonsJson(reasons));
        QCOMPARE(back.size(), 2);
        QCOMPARE(back[1].rule, QStringLiteral("stale"));
        QCOMPARE(back[1].points, -10);
        QCOMPARE(back[0].text, QStringLiteral("replied"));
    }

    // README's "Lead scoring" table lists every rule of the code's table with the same points, and
    // no other.
    void readmeTableMatchesCode()
    {
        QFile readme(QStringLiteral(SWITCHBOARD_README));
        QVERIFY(readme.open(QIODevice::ReadOnly));
        const auto text = QString::fromUtf8(readme.readAll());
        const auto start = text.indexOf(QStringLiteral("## Lead scoring"));
        QVERIFY(start >= 0);
        const auto end = text.indexOf(QStringLiteral("\n## "), start + 3);
        const auto section = text.mid(start, end < 0 ? -1 : end - start);
        static const QRegularExpression row(
            QStringLiteral(R"(^\| `([a-z_]+)` \| ([+−-]?\d+) \|)"), QRegularExpression::MultilineOption);
        QMap<QString, int> documented;
        for (auto it = row.globalMatch(section); it.hasNext();) {
            const auto m = it.next();
            auto points = m.captured(2);
            points.replace(QString::fromUtf8("\u2212"), QStringLiteral("-"));
            documented.insert(m.captured(1), points.toInt());
        }
        QMap<QString, int> code;
        for (const auto &w : weights)
            code.insert(QString::fromLatin1(w.rule), w.points);
        QCOMPARE(documented, code);
    }
};

QTEST_GUILESS_MAIN(TestLeadScoring)
#include "tst_lead_scoring.moc"
