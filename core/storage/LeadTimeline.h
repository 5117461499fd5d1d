#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace sb {

class SqlContext;

// One lead's history across channels, newest first: messages (sms, email, chat, push), calls, memos,
// activities, status changes and follow-up tasks. The lead view's Timeline tab, GET
// /api/leads/{id}/timeline and the history an ElevenLabs agent is given at call start all read it
// here, so they agree.
namespace LeadTimeline {

// The kinds of entry, in the order they are listed: sms, email, chat, push, voice (an AI agent's and
// the caller's turns), call, memo, activity, status, task.
const QStringList &kinds();

struct Entry
{
    QString kind;
    qint64 id = 0; // the row in its own table
    qint64 at = 0; // ms since the epoch
    QString direction; // inbound | outbound for messages and calls
    QString title; // e.g. "Inbound SMS", "Call no-answer", "Status new → contacted"
    QString text; // the body, summary, memo, remarks or task title
    QString state; // a message's or call's status, a task's state
    qint64 conversationId = 0;
    qint64 dueAt = 0; // a task's due time

    QJsonObject toJson() const;
    // The line an AI agent is given: "inbound sms: Can we meet Tuesday?".
    QString historyLine() const;
};

// Where a page ends: entries strictly older (then lower in kind order, then id) come next.
struct Cursor
{
    qint64 at = 0;
    qint64 key = 0; // kind rank and id in one number
};
QString encodeCursor(const Cursor &cursor);
std::optional<Cursor> decodeCursor(const QString &text);

struct Page
{
    QList<Entry> entries;
    std::optional<Cursor> next;
};

// The newest `limit` entries of `wanted` kinds (all when empty) after `after`.
Page read(
    SqlContext &context, qint64 leadId, const QStringList &wanted, std::optional<Cursor> after, int limit);

} // namespace LeadTimeline

} // namespace sb
