#include "AiAnalysis.h"

#include "Handovers.h"
#include "domain/EventBus.h"
#include "domain/IsoTime.h"
#include "storage/SqlWorker.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QPointer>
#include <QTimer>
#include <cmath>

namespace sb {

Q_LOGGING_CATEGORY(lcAnalysis, "switchboard.ai.analysis")

namespace {

constexpr int maxTextCharacters = 20000; // of a transcript or an email sent to the AI
constexpr int intentMessages = 10;
constexpr int sweepBatch = 500;

QString prompt(const QString &resource)
{
    QFile file(resource);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()).trimmed() : QString();
}

QString analysePrompt()
{
    static const QString text = prompt(QStringLiteral(":/ai/analyse_call.txt"));
    return text;
}

QString intentPrompt()
{
    static const QString text = prompt(QStringLiteral(":/ai/handover_intent.txt"));
    return text;
}

// The JSON object of an answer: the whole text, or inside a ``` fence some models add anyway.
std::variant<QJsonObject, QString> answerObject(const QString &content)
{
    auto text = content.trimmed();
    if (text.startsWith(QLatin1String("```"))) {
        const auto firstLine = text.indexOf(QLatin1Char('\n'));
        const auto fenceEnd = text.lastIndexOf(QLatin1String("```"));
        if (firstLine > 0 && fenceEnd > firstLine)
            text = text.mid(firstLine + 1, fenceEnd - firstLine - 1).trimmed();
    }
    QJsonParseError error;
    const auto document = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError)
        return QStringLiteral("the answer is not JSON (%1 at offset %2)")
            .arg(error.errorString())
            .arg(error.offset);
    if (!document.isObject())
        return QStringLiteral("the answer is not a JSON object");
    return document.object();
}

std::variant<QStringList, QString> stringArray(const QJsonObject &object, const QString &name, int maximum)
{
    const auto value = object.value(name);
    if (!value.isArray())
        return QStringLiteral("%1 must be an array of strings").arg(name);
    QStringList list;
    for (const auto &item : value.toArray()) {
        if (!item.isString())
            return QStringLiteral("%1 must hold only strings").arg(name);
        const auto text = item.toString().trimmed();
        if (!text.isEmpty())
            list.append(text.left(300));
    }
    if (list.size() > maximum)
        list = list.mid(0, maximum);
    return list;
}

QString jsonText(const QStringList &list)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(list)).toJson(QJsonDocument::Compact));
}

QStringList listFrom(const QString &text)
{
    QStringList list;
    for (const auto &item : QJsonDocument::fromJson(text.toUtf8()).array())
        list.append(item.toString());
    return list;
}

struct SubjectFacts
{
    bool found = false;
    QString text;
    std::optional<qint64> conversationId;
    std::optional<qint64> leadId;
};

std::optional<qint64> optionalId(const QVariant &value)
{
    return value.isNull() ? std::nullopt : std::optional<qint64>(value.toLongLong());
}

SubjectFacts subjectFacts(SqlContext &context, AnalysisSubject subject, qint64 id)
{
    SubjectFacts facts;
    if (subject == AnalysisSubject::Call) {
        auto &query = context.run(
            QStringLiteral(
                "SELECT COALESCE(transcript, ''), conversation_id, lead_id FROM calls WHERE id = ?"),
            {id});
        if (query.next()) {
            facts.text = query.value(0).toString().trimmed();
            facts.found = !facts.text.isEmpty();
            facts.conversationId = optionalId(query.value(1));
            facts.leadId = optionalId(query.value(2));
        }
        query.finish();
        return facts;
    }
    auto &query
        = context.run(QStringLiteral("SELECT COALESCE(subject, ''), COALESCE(body, ''), conversation_id, "
                                     "lead_id FROM messages WHERE id = ? AND direction = ? AND channel = ?"),
            {id, directionName(Direction::Inbound), channelName(Channel::Email)});
    if (query.next()) {
        const auto subjectLine = query.value(0).toString().trimmed();
        const auto body = query.value(1).toString().trimmed();
        facts.found = body.size() > AiAnalysis::longEmailCharacters;
        facts.text
            = subjectLine.isEmpty() ? body : QStringLiteral("Subject: %1\n\n%2").arg(subjectLine, body);
        facts.conversationId = optionalId(query.value(2));
        facts.leadId = optionalId(query.value(3));
    }
    query.finish();
    return facts;
}

bool analysed(SqlContext &context, AnalysisSubject subject, qint64 id)
{
    auto &query
        = context.run(QStringLiteral("SELECT 1 FROM ai_analyses WHERE subject_kind = ? AND subject_id = ?"),
            {analysisSubjectName(subject), id});
    const bool found = query.next();
    query.finish();
    return found;
}

} // namespace

namespace AiAnalysis {

std::variant<Result, QString> parse(const QString &content)
{
    const auto parsed = answerObject(content);
    if (const auto *error = std::get_if<QString>(&parsed))
        return *error;
    const auto &object = std::get<QJsonObject>(parsed);
    Result result;
    const auto sentiment = object.value(QStringLiteral("sentiment"));
    const auto named = sentiment.isString() ? sentimentFromName(sentiment.toString()) : std::nullopt;
    if (!named)
        return QStringLiteral("sentiment must be one of %1").arg(sentimentNames().join(QStringLiteral(", ")));
    result.sentiment = *named;
    const auto score = object.value(QStringLiteral("sentimentScore"));
    if (!score.isDouble() || !std::isfinite(score.toDouble()) || score.toDouble() < -1
        || score.toDouble() > 1)
        return QStringLiteral("sentimentScore must be a number from -1 to 1");
    result.sentimentScore = score.toDouble();
    const auto phrases = stringArray(object, QStringLiteral("keyPhrases"), maxKeyPhrases);
    if (const auto *error = std::get_if<QString>(&phrases))
        return *error;
    result.keyPhrases = std::get<QStringList>(phrases);
    const auto items = stringArray(object, QStringLiteral("actionItems"), maxActionItems);
    if (const auto *error = std::get_if<QString>(&items))
        return *error;
    result.actionItems = std::get<QStringList>(items);
    const auto followUp = object.value(QStringLiteral("followUp"));
    if (!followUp.isString() && !followUp.isNull())
        return QStringLiteral("followUp must be a string");
    result.followUp = followUp.toString().trimmed().left(1000);
    return result;
}

std::variant<Intent, QString> parseIntent(const QString &content)
{
    const auto parsed = answerObject(content);
    if (const auto *error = std::get_if<QString>(&parsed))
        return *error;
    const auto &object = std::get<QJsonObject>(parsed);
    const auto handover = object.value(QStringLiteral("handover"));
    if (!handover.isBool())
        return QStringLiteral("handover must be true or false");
    const auto reason = object.value(QStringLiteral("reason"));
    if (!reason.isString())
        return QStringLiteral("reason must be a string");
    return Intent {handover.toBool(), reason.toString().trimmed().left(300)};
}

QJsonObject stored(SqlContext &context, AnalysisSubject subject, qint64 subjectId)
{
    auto &query
        = context.run(QStringLiteral("SELECT status, sentiment, sentiment_score, key_phrases, action_items, "
                                     "follow_up, model, error, created_at FROM ai_analyses "
                                     "WHERE subject_kind = ? AND subject_id = ?"),
            {analysisSubjectName(subject), subjectId});
    QJsonObject json;
    if (query.next()) {
        const auto nullable = [](const QVariant &value) {
            return value.isNull() ? QJsonValue() : QJsonValue::fromVariant(value);
        };
        json = QJsonObject {{QStringLiteral("status"), query.value(0).toString()},
            {QStringLiteral("sentiment"), nullable(query.value(1))},
            {QStringLiteral("sentimentScore"),
                query.value(2).isNull() ? QJsonValue() : QJsonValue(query.value(2).toDouble())},
            {QStringLiteral("keyPhrases"), QJsonArray::fromStringList(listFrom(query.value(3).toString()))},
            {QStringLiteral("actionItems"), QJsonArray::fromStringList(listFrom(query.value(4).toString()))},
            {QStringLiteral("followUp"), nullable(query.value(5))},
            {QStringLiteral("model"), nullable(query.value(6))},
            {QStringLiteral("error"), nullable(query.value(7))},
            {QStringLiteral("createdAt"), isoTime(query.value(8).toLongLong())}};
    }
    query.finish();
    return json;
}

QString summaryLine(const QJsonObject &analysis)
{
    if (analysis.isEmpty())
        return {};
    if (analysisStatusFromName(analysis.value(QStringLiteral("status")).toString()) != AnalysisStatus::Ok)
        return QStringLiteral("Analysis failed: %1").arg(analysis.value(QStringLiteral("error")).toString());
    QStringList parts {
        QStringLiteral("Sentiment: %1").arg(analysis.value(QStringLiteral("sentiment")).toString())};
    QStringList items;
    for (const auto &item : analysis.value(QStringLiteral("actionItems")).toArray())
        items.append(item.toString());
    if (!items.isEmpty())
        parts.append(QStringLiteral("Action items: %1").arg(items.join(QStringLiteral("; "))));
    return parts.join(QStringLiteral(" \u00b7 "));
}

void store(SqlContext &context, AnalysisSubject subject, qint64 subjectId,
    const std::variant<Result, QString> &result, const QString &model, const SendSettings &settings)
{
    const auto facts = subjectFacts(context, subject, subjectId);
    const auto *ok = std::get_if<Result>(&result);
    const auto idOrNull = [](const std::optional<qint64> &id) { return id ? QVariant(*id) : QVariant(); };
    context.write(
        QStringLiteral("INSERT INTO ai_analyses(subject_kind, subject_id, conversation_id, lead_id, status, "
                       "sentiment, sentiment_score, key_phrases, action_items, follow_up, model, error, "
                       "created_at) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                       "ON CONFLICT(subject_kind, subject_id) DO UPDATE SET "
                       "conversation_id = excluded.conversation_id, lead_id = excluded.lead_id, "
                       "status = excluded.status, sentiment = excluded.sentiment, "
                       "sentiment_score = excluded.sentiment_score, key_phrases = excluded.key_phrases, "
                       "action_items = excluded.action_items, follow_up = excluded.follow_up, "
                       "model = excluded.model, error = excluded.error, created_at = excluded.created_at"),
        {analysisSubjectName(subject), subjectId, idOrNull(facts.conversationId), idOrNull(facts.leadId),
            analysisStatusName(ok ? AnalysisStatus::Ok : AnalysisStatus::Error),
            ok ? QVariant(sentimentName(ok->sentiment)) : QVariant(),
            ok ? QVariant(ok->sentimentScore) : QVariant(), jsonText(ok ? ok->keyPhrases : QStringList()),
            jsonText(ok ? ok->actionItems : QStringList()),
            ok && !ok->followUp.isEmpty() ? QVariant(ok->followUp) : QVariant(),
            model.isEmpty() ? QVariant() : QVariant(model),
            ok ? QVariant() : QVariant(std::get<QString>(result)), context.nowMs()});
    QJsonObject payload {{QStringLiteral("subjectKind"), analysisSubjectName(subject)},
        {QStringLiteral("subjectId"), subjectId},
        {QStringLiteral("analysis"), stored(context, subject, subjectId)}};
    if (facts.leadId)
        payload.insert(QStringLiteral("leadId"), *facts.leadId);
    if (facts.conversationId)
        payload.insert(QStringLiteral("conversationId"), *facts.conversationId);
    // The lead's score counts the sentiment: the writer's router recomputes it for this event.
    context.raise(QStringLiteral("analysis.completed"), QString(), payload);
    if (!ok || ok->sentiment != Sentiment::Negative || !facts.conversationId)
        return;
    for (const auto &verdict : Handovers::evaluate(context, *facts.conversationId)) {
        if (verdict.kind == HandoverRuleKind::NegativeSentiment && verdict.matched) {
            Handovers::open(context, *facts.conversationId, verdict, std::nullopt, QString(), settings);
            break;
        }
    }
}

} // namespace AiAnalysis

AiAnalyzer::AiAnalyzer(SqlWorker &reader, SqlWorker &writer, EventBus &bus, QProcessEnvironment environment,
    SendSettings settings, QObject *parent)
    : QObject(parent)
    , m_reader(reader)
    , m_writer(writer)
    , m_environment(std::move(environment))
    , m_settings(std::move(settings))
{
    connect(&bus, &EventBus::eventsPublished, this, &AiAnalyzer::onEvents, Qt::QueuedConnection);
}

void AiAnalyzer::start()
{
    sweep();
}

void AiAnalyzer::sweep()
{
    auto found = std::make_shared<QList<qint64>>();
    SqlJob job;
    job.run = [found, environment = m_environment](SqlContext &context) -> ApiResult {
        auto &query = context.run(
            QStringLiteral("SELECT id FROM calls WHERE transcript IS NOT NULL AND transcript != '' "
                           "AND NOT EXISTS (SELECT 1 FROM ai_analyses a WHERE a.subject_kind = ? "
                           "AND a.subject_id = calls.id) ORDER BY id LIMIT ?"),
            {analysisSubjectName(AnalysisSubject::Call), sweepBatch});
        while (query.next())
            found->append(query.value(0).toLongLong());
        query.finish();
        // Nothing to do without an AI: the calls stay unanalysed until one is configured.
        if (!AiSettings::load(context, environment).configured())
            found->clear();
        return ApiResponse {};
    };
    job.replyContext = this;
    job.done = [this, found](const ApiResult &) {
        for (const auto id : std::as_const(*found))
            enqueue(Task {false, AnalysisSubject::Call, id, 0, 0});
    };
    m_reader.submit(std::move(job));
}

void AiAnalyzer::onEvents(const QList<DomainEvent> &events)
{
    for (const auto &event : events) {
        if (event.type == QLatin1String("conversation.completed")) {
            const auto call = event.payload.value(QStringLiteral("call")).toObject();
            const auto id = call.value(QStringLiteral("id")).toInteger();
            if (id > 0 && !call.value(QStringLiteral("transcript")).toString().trimmed().isEmpty())
                enqueue(Task {false, AnalysisSubject::Call, id, 0, 0});
        } else if (event.type == QLatin1String("message.created")) {
            const auto message = event.payload.value(QStringLiteral("message")).toObject();
            if (directionFromName(message.value(QStringLiteral("direction")).toString())
                != Direction::Inbound)
                continue;
            const auto id = event.payload.value(QStringLiteral("messageId")).toInteger();
            const auto conversationId = event.payload.value(QStringLiteral("conversationId")).toInteger();
            if (id <= 0)
                continue;
            if (event.payload.value(QStringLiteral("channel")).toString() == channelName(Channel::Email)
                && message.value(QStringLiteral("body")).toString().trimmed().size()
                    > AiAnalysis::longEmailCharacters)
                enqueue(Task {false, AnalysisSubject::Message, id, 0, 0});
            if (conversationId > 0)
                enqueue(Task {true, AnalysisSubject::Message, id, conversationId, 0});
        }
    }
}

void AiAnalyzer::enqueue(Task task)
{
    m_queue.push_back(task);
    if (!m_running)
        next();
}

void AiAnalyzer::next()
{
    if (m_running || m_queue.empty())
        return;
    const auto task = m_queue.front();
    m_queue.pop_front();
    m_running = true;
    run(task);
}

void AiAnalyzer::finish()
{
    m_running = false;
    // Not in the caller's stack: a long queue must not recurse.
    QTimer::singleShot(0, this, &AiAnalyzer::next);
}

void AiAnalyzer::run(const Task &task)
{
    struct Prepared
    {
        bool skip = true;
        AiSettings settings;
        AiRequest request;
    };
    auto prepared = std::make_shared<Prepared>();
    SqlJob read;
    read.run = [prepared, task, environment = m_environment](SqlContext &context) -> ApiResult {
        prepared->settings = AiSettings::load(context, environment);
        if (!prepared->settings.configured())
            return ApiResponse {};
        if (task.intent) {
            auto &rule = context.run(
                QStringLiteral("SELECT enabled FROM handover_rules WHERE kind = ? AND enabled = 1"),
                {handoverRuleKindName(HandoverRuleKind::AiIntent)});
            const bool enabled = rule.next();
            rule.finish();
            if (!enabled || Handovers::active(context, task.conversationId))
                return ApiResponse {};
            auto &messages
                = context.run(QStringLiteral("SELECT direction, COALESCE(body, '') FROM messages WHERE "
                                             "conversation_id = ? ORDER BY created_at DESC, id DESC LIMIT ?"),
                    {task.conversationId, intentMessages});
            QStringList lines;
            while (messages.next()) {
                const bool inbound = directionFromName(messages.value(0).toString()) == Direction::Inbound;
                lines.prepend((inbound ? QStringLiteral("Customer: ") : QStringLiteral("Us: "))
                    + messages.value(1).toString().trimmed().left(2000));
            }
            messages.finish();
            prepared->request.purpose = QStringLiteral("handover_intent");
            prepared->request.conversationId = task.conversationId;
            prepared->request.messages = {AiMessage {QStringLiteral("system"), intentPrompt()},
                AiMessage {QStringLiteral("user"),
                    QStringLiteral("The conversation, oldest first:\n\n%1")
                        .arg(lines.join(QLatin1Char('\n')))}};
        } else {
            if (task.attempt == 0 && analysed(context, task.subject, task.id))
                return ApiResponse {};
            const auto facts = subjectFacts(context, task.subject, task.id);
            if (!facts.found)
                return ApiResponse {};
            const bool call = task.subject == AnalysisSubject::Call;
            prepared->request.purpose
                = call ? QStringLiteral("analyse_call") : QStringLiteral("analyse_email");
            prepared->request.conversationId = facts.conversationId;
            prepared->request.messages = {AiMessage {QStringLiteral("system"), analysePrompt()},
                AiMessage {QStringLiteral("user"),
                    (call ? QStringLiteral("Call transcript:\n\n")
                          : QStringLiteral("Email from the lead:\n\n"))
                        + facts.text.left(maxTextCharacters)}};
        }
        prepared->request.jsonObject = true;
        prepared->skip = false;
        return ApiResponse {};
    };
    read.replyContext = this;
    read.done = [this, prepared, task](const ApiResult &) {
        if (prepared->skip) {
            finish();
            return;
        }
        int retryAfter = 0;
        if (!AiRateLimiter::shared().tryAcquire(
                prepared->settings.ratePerMinute, QDateTime::currentMSecsSinceEpoch(), &retryAfter)) {
            // Over the per-minute limit: the task waits its turn (it is not an attempt).
            m_queue.push_front(task);
            QTimer::singleShot(std::max(1, retryAfter) * 1000, this, [this] {
                m_running = false;
                next();
            });
            return;
        }
        AiClient::send(prepared->settings, prepared->request, this, {},
            [this, prepared, task](const AiOutcome &outcome) {
                QString problem = outcome.ok() ? QString() : outcome.error;
                std::variant<AiAnalysis::Result, QString> analysis = problem;
                std::optional<AiAnalysis::Intent> intent;
                if (outcome.ok()) {
                    if (task.intent) {
                        auto parsed = AiAnalysis::parseIntent(outcome.text);
                        if (auto *error = std::get_if<QString>(&parsed))
                            problem = *error;
                        else
                            intent = std::get<AiAnalysis::Intent>(parsed);
                    } else {
                        analysis = AiAnalysis::parse(outcome.text);
                        if (auto *error = std::get_if<QString>(&analysis))
                            problem = *error;
                    }
                }
                const bool retry = !problem.isEmpty() && task.attempt == 0;
                if (!problem.isEmpty())
                    qCInfo(lcAnalysis, "%s: %s%s", qPrintable(prepared->request.purpose), qPrintable(problem),
                        retry ? " (asking once more)" : "");
                SqlJob write;
                write.run = [prepared, task, outcome, analysis, intent, retry, settings = m_settings](
                                SqlContext &context) -> ApiResult {
                    AiCallLog::record(context, prepared->settings, prepared->request, outcome);
                    if (retry)
                        return ApiResponse {};
                    const auto model = outcome.model.isEmpty() ? prepared->settings.model : outcome.model;
                    if (!task.intent) {
                        AiAnalysis::store(context, task.subject, task.id, analysis, model, settings);
                    } else if (intent && intent->handover) {
                        const auto reason = intent->reason.isEmpty()
                            ? QStringLiteral("the AI judged that a person should take over")
                            : QStringLiteral("AI: ") + intent->reason;
                        Handovers::open(context, task.conversationId,
                            RuleVerdict {handoverRuleKindName(HandoverRuleKind::AiIntent),
                                HandoverRuleKind::AiIntent, true, reason},
                            task.id, QString(), settings);
                    }
                    return ApiResponse {};
                };
                write.replyContext = this;
                write.done = [this, task, retry](const ApiResult &) {
                    if (retry) {
                        auto again = task;
                        again.attempt = 1;
                        m_queue.push_front(again);
                    }
                    finish();
                };
                m_writer.submit(std::move(write));
            });
    };
    m_reader.submit(std::move(read));
}

} // namespace sb
