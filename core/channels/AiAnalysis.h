#pragma once

#include "AiClient.h"
#include "SendCommands.h"
#include "domain/Handover.h"

#include <QJsonObject>
#include <QObject>
#include <QProcessEnvironment>
#include <QStringList>
#include <deque>
#include <variant>

namespace sb {

class EventBus;
class SqlWorker;
struct DomainEvent;

// Post-call analysis (issue 14, 6c) and the ai_intent handover rule: what the AI is asked and how its
// structured answer is checked. Prompts: resources/ai/analyse_call.txt, resources/ai/handover_intent.txt.
namespace AiAnalysis {

// An inbound email with more text than this is analysed like a call transcript.
constexpr int longEmailCharacters = 1000;
constexpr int maxKeyPhrases = 8;
constexpr int maxActionItems = 5;

struct Result
{
    Sentiment sentiment = Sentiment::Neutral;
    double sentimentScore = 0;
    QStringList keyPhrases;
    QStringList actionItems;
    QString followUp;
};
// Reads {"sentiment","sentimentScore","keyPhrases","actionItems","followUp"} (a ```json fence around
// it is tolerated); the error names what is wrong.
std::variant<Result, QString> parse(const QString &content);

struct Intent
{
    bool handover = false;
    QString reason;
};
// Reads {"handover": bool, "reason": "…"}.
std::variant<Intent, QString> parseIntent(const QString &content);

// The stored analysis of a subject as the API shows it ({"status", "sentiment", "sentimentScore",
// "keyPhrases", "actionItems", "followUp", "model", "error", "createdAt"}); empty when there is none.
QJsonObject stored(SqlContext &context, AnalysisSubject subject, qint64 subjectId);
// "Sentiment: negative · Action items: call back Friday; send the quote" (the thread's line).
QString summaryLine(const QJsonObject &analysis);

// Stores the analysis (one per subject: a new one replaces the old), raises analysis.completed (the
// lead's score is recomputed by the writer's router) and, for a negative one, evaluates the
// negative_sentiment handover rule on the conversation.
void store(SqlContext &context, AnalysisSubject subject, qint64 subjectId,
    const std::variant<Result, QString> &result, const QString &model, const SendSettings &settings);

} // namespace AiAnalysis

// The queue that asks the AI after the commit, one call at a time, never blocking ingest: a call
// transcript stored (conversation.completed), a long inbound email (message.created), and the
// ai_intent rule on every inbound message when it is enabled. An answer that is not valid is asked
// once more, then stored as an error. At start, calls with a transcript and no analysis are queued.
class AiAnalyzer : public QObject
{
    Q_OBJECT
public:
    AiAnalyzer(SqlWorker &reader, SqlWorker &writer, EventBus &bus, QProcessEnvironment environment,
        SendSettings settings, QObject *parent = nullptr);
    void start();
    // Calls with a transcript and no analysis (run at start).
    void sweep();
    // A call whose transcript was just stored (a transcription of its recording): analysed like an
    // ElevenLabs transcript.
    void analyseCall(qint64 callId) { enqueue(Task {false, AnalysisSubject::Call, callId, 0, 0}); }
    // What is waiting or running (tests, the status bar).
    int pending() const { return int(m_queue.size()) + (m_running ? 1 : 0); }

private:
    struct Task
    {
        bool intent = false;
        AnalysisSubject subject = AnalysisSubject::Call;
        qint64 id = 0; // the call or message; for an intent, the inbound message
        qint64 conversationId = 0; // intent only
        int attempt = 0;
    };
    void onEvents(const QList<DomainEvent> &events);
    void enqueue(Task task);
    void next();
    void run(const Task &task);
    void finish();

    SqlWorker &m_reader;
    SqlWorker &m_writer;
    QProcessEnvironment m_environment;
    SendSettings m_settings;
    std::deque<Task> m_queue;
    bool m_running = false;
};

} // namespace sb
