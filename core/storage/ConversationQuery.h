#pragma once

#include "LeadQuery.h"

#include <QJsonObject>
#include <optional>

namespace sb {

class SqlContext;

// The filters of GET /api/conversations, already checked.
struct ConversationListFilter
{
    std::optional<QString> channel;
    std::optional<qint64> leadId;
    std::optional<bool> unread; // true: unread_count > 0, false: = 0
    std::optional<qint64> updatedSince; // updated_at >= (ms)
    bool includeArchived = false; // threads of archived leads
};

// Which way a page of a thread's messages goes from its cursor.
enum class MessageDirection
{
    Older, // newest first, from the newest message or before the cursor
    Newer // oldest first, from the oldest message or after the cursor
};

// The reads and the read mark of the conversations REST API. Conversation and message objects are
// the stored rows as rowJson shows them (ISO times).
class ConversationQuery
{
public:
    // updated_at, created_at, last_message_at (a thread without messages: its creation), id.
    static const std::vector<SortOrder> &sorts();
    static IdPage page(SqlContext &context, const ConversationListFilter &filter, const SortOrder &order,
        int limit, const std::optional<PageKey> &after);
    // The conversation object with `lead` (id, name, email, phone, status); empty when unknown.
    static QJsonObject conversation(SqlContext &context, qint64 id);
    static QJsonObject message(SqlContext &context, qint64 id);
    // The sort name of message cursors.
    static QString messageSort();
    // Up to `limit` messages of the thread from `from` (exclusive) in `direction`; `next` continues.
    static IdPage messages(SqlContext &context, qint64 conversationId, MessageDirection direction, int limit,
        const std::optional<PageKey> &from);
    static PageKey messageKey(SqlContext &context, qint64 messageId);
    // unread_count = 0 (and updated_at moves); returns the unread count it had, nullopt when unknown.
    static std::optional<int> markRead(SqlContext &context, qint64 id);
};

} // namespace sb
