#include "Handover.h"

#include "EnumNames.h"
#include "IsoTime.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace sb {

namespace {

constexpr EnumNameTable<HandoverState, 3> stateNames {{{HandoverState::Open, "open"},
    {HandoverState::Accepted, "accepted"}, {HandoverState::Closed, "closed"}}};

constexpr EnumNameTable<HandoverRuleKind, 5> kindNames {{{HandoverRuleKind::Keywords, "keywords"},
    {HandoverRuleKind::NegativeSentiment, "negative_sentiment"}, {HandoverRuleKind::HighScore, "high_score"},
    {HandoverRuleKind::UnansweredInbound, "unanswered_inbound"}, {HandoverRuleKind::AiIntent, "ai_intent"}}};

constexpr EnumNameTable<Sentiment, 3> sentimentTable {
    {{Sentiment::Positive, "positive"}, {Sentiment::Neutral, "neutral"}, {Sentiment::Negative, "negative"}}};

constexpr EnumNameTable<AnalysisStatus, 2> analysisStatusTable {
    {{AnalysisStatus::Ok, "ok"}, {AnalysisStatus::Error, "error"}}};

constexpr EnumNameTable<AnalysisSubject, 2> analysisSubjectTable {
    {{AnalysisSubject::Call, "call"}, {AnalysisSubject::Message, "message"}}};

QJsonValue timeOrNull(const std::optional<qint64> &ms)
{
    return ms ? QJsonValue(isoTime(*ms)) : QJsonValue();
}

QJsonValue idOrNull(const std::optional<qint64> &id)
{
    return id ? QJsonValue(*id) : QJsonValue();
}

QJsonValue textOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue() : QJsonValue(text);
}

bool isWholeNumber(const QJsonValue &value)
{
    return value.isDouble() && value.toDouble() == static_cast<double>(value.toInteger());
}

} // namespace

QString handoverStateName(HandoverState state)
{
    return enumName(stateNames, state);
}

std::optional<HandoverState> handoverStateFromName(QStringView name)
{
    return enumFromName(stateNames, name);
}

QStringList handoverStateNames()
{
    QStringList names;
    for (const auto &[state, name] : stateNames)
        names.append(QString::fromLatin1(name));
    return names;
}

bool canMoveHandover(HandoverState from, HandoverState to)
{
    if (from == HandoverState::Open)
        return to == HandoverState::Accepted || to == HandoverState::Closed;
    if (from == HandoverState::Accepted)
        return to == HandoverState::Closed;
    return false;
}

QString sentimentName(Sentiment sentiment)
{
    return enumName(sentimentTable, sentiment);
}

std::optional<Sentiment> sentimentFromName(QStringView name)
{
    return enumFromName(sentimentTable, name);
}

QStringList sentimentNames()
{
    QStringList names;
    for (const auto &[value, name] : sentimentTable)
        names.append(QString::fromLatin1(name));
    return names;
}

QString analysisStatusName(AnalysisStatus status)
{
    return enumName(analysisStatusTable, status);
}

std::optional<AnalysisStatus> analysisStatusFromName(QStringView name)
{
    return enumFromName(analysisStatusTable, name);
}

QString analysisSubjectName(AnalysisSubject subject)
{
    return enumName(analysisSubjectTable, subject);
}

QString handoverRuleKindName(HandoverRuleKind kind)
{
    return enumName(kindNames, kind);
}

std::optional<HandoverRuleKind> handoverRuleKindFromName(QStringView name)
{
    return enumFromName(kindNames, name);
}

QJsonObject HandoverRule::toJson() const
{
    return QJsonObject {{QStringLiteral("id"), id}, {QStringLiteral("kind"), handoverRuleKindName(kind)},
        {QStringLiteral("params"), params}, {QStringLiteral("enabled"), enabled},
        {QStringLiteral("updatedAt"), updatedAt > 0 ? QJsonValue(isoTime(updatedAt)) : QJsonValue()}};
}

std::optional<QString> HandoverRule::paramsProblem(HandoverRuleKind kind, const QJsonObject &params)
{
    const auto only = [&params](const QStringList &allowed) -> std::optional<QString> {
        for (auto it = params.begin(); it != params.end(); ++it) {
            if (!allowed.contains(it.key()))
                return QStringLiteral("params.%1 is not a parameter of this rule").arg(it.key());
        }
        return std::nullopt;
    };
    switch (kind) {
    case HandoverRuleKind::Keywords: {
        if (const auto problem = only({QStringLiteral("keywords")}))
            return problem;
        const auto keywords = params.value(QStringLiteral("keywords"));
        if (!keywords.isArray() || keywords.toArray().isEmpty())
            return QStringLiteral("params.keywords must be a non-empty array of words or phrases");
        for (const auto &keyword : keywords.toArray()) {
            if (!keyword.isString() || keyword.toString().trimmed().isEmpty())
                return QStringLiteral("params.keywords must hold only non-empty strings");
            if (keyword.toString().size() > 100)
                return QStringLiteral("params.keywords: a keyword is longer than 100 characters");
        }
        return std::nullopt;
    }
    case HandoverRuleKind::HighScore: {
        if (const auto problem = only({QStringLiteral("minScore")}))
            return problem;
        const auto value = params.value(QStringLiteral("minScore"));
        if (!isWholeNumber(value) || value.toInteger() < 0 || value.toInteger() > 100)
            return QStringLiteral("params.minScore must be an integer from 0 to 100");
        return std::nullopt;
    }
    case HandoverRuleKind::UnansweredInbound: {
        if (const auto problem = only({QStringLiteral("count")}))
            return problem;
        const auto value = params.value(QStringLiteral("count"));
        if (!isWholeNumber(value) || value.toInteger() < 1 || value.toInteger() > 100)
            return QStringLiteral("params.count must be an integer from 1 to 100");
        return std::nullopt;
    }
    case HandoverRuleKind::NegativeSentiment:
    case HandoverRuleKind::AiIntent:
        return only({});
    }
    return std::nullopt;
}

QJsonObject Handover::toJson() const
{
    return QJsonObject {{QStringLiteral("id"), id}, {QStringLiteral("conversationId"), conversationId},
        {QStringLiteral("leadId"), idOrNull(leadId)}, {QStringLiteral("rule"), rule},
        {QStringLiteral("reason"), reason}, {QStringLiteral("assignedTo"), textOrNull(assignedTo)},
        {QStringLiteral("state"), handoverStateName(state)},
        {QStringLiteral("messageId"), idOrNull(messageId)},
        {QStringLiteral("notifiedVia"), textOrNull(notifiedVia)},
        {QStringLiteral("createdAt"), isoTime(createdAt)}, {QStringLiteral("updatedAt"), isoTime(updatedAt)},
        {QStringLiteral("acceptedAt"), timeOrNull(acceptedAt)},
        {QStringLiteral("closedAt"), timeOrNull(closedAt)}};
}

namespace handover {

std::optional<QString> matchKeyword(const QString &text, const QStringList &keywords)
{
    for (const auto &keyword : keywords) {
        const auto words = keyword.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
        if (words.isEmpty())
            continue;
        QStringList escaped;
        for (const auto &word : words)
            escaped.append(QRegularExpression::escape(word));
        const QString pattern = QStringLiteral("(?<![\\p{L}\\p{N}_])") + escaped.join(QStringLiteral("\\s+"))
            + QStringLiteral("(?![\\p{L}\\p{N}_])");
        const QRegularExpression expression(pattern,
            QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption);
        if (expression.match(text).hasMatch())
            return keyword.simplified();
    }
    return std::nullopt;
}

int unansweredInbound(const QList<Direction> &directions)
{
    int count = 0;
    for (auto it = directions.crbegin(); it != directions.crend(); ++it) {
        if (*it == Direction::Outbound)
            break;
        ++count;
    }
    return count;
}

QString keywordReason(const QString &ruleId, const QString &keyword)
{
    QString what = QStringLiteral("said");
    if (ruleId == QLatin1String("asks_for_person"))
        what = QStringLiteral("asked for a person");
    else if (ruleId == QLatin1String("pricing_question"))
        what = QStringLiteral("asked about pricing");
    return QStringLiteral("%1: \"%2\"").arg(what, keyword);
}

QString scoreReason(int score, int minScore)
{
    return QStringLiteral("score %1 ≥ %2").arg(score).arg(minScore);
}

QString unansweredReason(int count)
{
    return count == 1 ? QStringLiteral("1 inbound message unanswered")
                      : QStringLiteral("%1 inbound messages unanswered").arg(count);
}

QString sentimentReason()
{
    return QStringLiteral("the latest analysis of the conversation is negative");
}

} // namespace handover

} // namespace sb
