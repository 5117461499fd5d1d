#include "ConversationApiRoutes.h"

#include "domain/Messaging.h"
#include "server/RouteTable.h"
#include "storage/ConversationQuery.h"
#include "storage/SqlWorker.h"

#include <QJsonArray>

namespace sb {

namespace {

ApiError notFound(const std::optional<qint64> &id)
{
    return ApiError {ErrorKind::NotFound,
        id ? QStringLiteral("Conversation %1 not found").arg(*id) : QStringLiteral("Conversation not found")};
}

QJsonValue cursorJson(const std::optional<PageKey> &key)
{
    return key ? QJsonValue(encodeCursor(*key)) : QJsonValue();
}

QStringList channelNames()
{
    QStringList names;
    for (const auto channel : allChannels())
        names.append(channelName(channel));
    return names;
}

// Read: GET /api/conversations
ApiResult listConversations(SqlContext &context, const ApiRequest &request)
{
    namespace p = listparam;
    const auto requested = p::page(request, ConversationQuery::sorts(), QStringLiteral("-updated_at"));
    if (auto *error = std::get_if<ApiError>(&requested))
        return *error;
    const auto &[limit, sort, after] = std::get<p::PageRequest>(requested);
    ConversationListFilter filter;
    const auto channel = p::oneOf(request, QStringLiteral("channel"), channelNames());
    if (auto *error = std::get_if<ApiError>(&channel))
        return *error;
    filter.channel = std::get<std::optional<QString>>(channel);
    const auto lead = p::id(request, QStringLiteral("lead_id"));
    if (auto *error = std::get_if<ApiError>(&lead))
        return *error;
    filter.leadId = std::get<std::optional<qint64>>(lead);
    if (!p::value(request, QStringLiteral("unread")).isNull()) {
        const auto unread = p::flag(request, QStringLiteral("unread"), false);
        if (auto *error = std::get_if<ApiError>(&unread))
            return *error;
        filter.unread = std::get<bool>(unread);
    }
    const auto since = p::time(request, QStringLiteral("updated_since"));
    if (auto *error = std::get_if<ApiError>(&since))
        return *error;
    filter.updatedSince = std::get<std::optional<qint64>>(since);
    const auto archived = p::flag(request, QStringLiteral("include_archived"), false);
    if (auto *error = std::get_if<ApiError>(&archived))
        return *error;
    filter.includeArchived = std::get<bool>(archived);

    const auto page = ConversationQuery::page(context, filter, sort, limit, after);
    QJsonArray data;
    for (const auto id : page.ids)
        data.append(ConversationQuery::conversation(context, id));
    return ApiResponse::json(200,
        QJsonObject {{QStringLiteral("data"), data}, {QStringLiteral("next_cursor"), cursorJson(page.next)},
            {QStringLiteral("has_more"), page.next.has_value()}, {QStringLiteral("limit"), limit},
            {QStringLiteral("sort"), sort.name}});
}

// Read: GET /api/conversations/{id}
ApiResult getConversation(SqlContext &context, const ApiRequest &request)
{
    const auto id = pathId(request);
    const auto conversation = id ? ConversationQuery::conversation(context, *id) : QJsonObject();
    if (conversation.isEmpty())
        return notFound(id);
    return ApiResponse::json(200, conversation);
}

// Read: GET /api/conversations/{id}/messages
ApiResult listMessages(SqlContext &context, const ApiRequest &request)
{
    namespace p = listparam;
    const auto limit = p::limit(request);
    if (auto *error = std::get_if<ApiError>(&limit))
        return *error;
    const auto direction
        = p::oneOf(request, QStringLiteral("direction"), {QStringLiteral("older"), QStringLiteral("newer")});
    if (auto *error = std::get_if<ApiError>(&direction))
        return *error;
    const auto sort = ConversationQuery::messageSort();
    std::optional<PageKey> from;
    std::optional<QString> way = std::get<std::optional<QString>>(direction);
    int given = 0;
    for (const auto &[name, implied] : {std::pair {QStringLiteral("before"), QStringLiteral("older")},
             std::pair {QStringLiteral("after"), QStringLiteral("newer")},
             std::pair {QStringLiteral("cursor"), QString()}}) {
        const auto cursor = p::cursor(request, name, sort);
        if (auto *error = std::get_if<ApiError>(&cursor))
            return *error;
        const auto &key = std::get<std::optional<PageKey>>(cursor);
        if (!key)
            continue;
        ++given;
        from = key;
        if (!implied.isEmpty()) {
            if (way && *way != implied)
                return ApiError {ErrorKind::BadRequest,
                    QStringLiteral("%1 pages go %2; direction=%3 contradicts it").arg(name, implied, *way)};
            way = implied;
        }
    }
    if (given > 1)
        return ApiError {ErrorKind::BadRequest, QStringLiteral("give only one of before, after and cursor")};
    const auto id = pathId(request);
    const auto conversation = id ? ConversationQuery::conversation(context, *id) : QJsonObject();
    if (conversation.isEmpty())
        return notFound(id);

    const auto older = way.value_or(QStringLiteral("older")) == QLatin1String("older");
    const auto page = ConversationQuery::messages(
        context, *id, older ? MessageDirection::Older : MessageDirection::Newer, std::get<int>(limit), from);
    QJsonArray data;
    for (const auto messageId : page.ids)
        data.append(ConversationQuery::message(context, messageId));
    QJsonObject answer {{QStringLiteral("data"), data}, {QStringLiteral("conversation_id"), *id},
        {QStringLiteral("direction"), older ? QStringLiteral("older") : QStringLiteral("newer")},
        {QStringLiteral("next_cursor"), cursorJson(page.next)},
        {QStringLiteral("has_more"), page.next.has_value()}, {QStringLiteral("limit"), std::get<int>(limit)}};
    // From any page both ways are open: before its oldest message and after its newest.
    std::optional<PageKey> oldest;
    std::optional<PageKey> newest;
    if (!page.ids.isEmpty()) {
        oldest = ConversationQuery::messageKey(context, older ? page.ids.last() : page.ids.first());
        newest = ConversationQuery::messageKey(context, older ? page.ids.first() : page.ids.last());
    }
    answer.insert(QStringLiteral("before_cursor"), cursorJson(oldest));
    answer.insert(QStringLiteral("after_cursor"), cursorJson(newest));
    return ApiResponse::json(200, answer);
}

// Write: POST /api/conversations/{id}/read
ApiResult markRead(SqlContext &context, const ApiRequest &request)
{
    const auto id = pathId(request);
    const auto unread = id ? ConversationQuery::markRead(context, *id) : std::nullopt;
    if (!unread)
        return notFound(id);
    auto conversation = ConversationQuery::conversation(context, *id);
    if (*unread > 0) {
        context.raise(QStringLiteral("conversation.read"), request.recordId,
            {{QStringLiteral("conversationId"), *id},
                {QStringLiteral("leadId"), conversation.value(QStringLiteral("lead_id"))},
                {QStringLiteral("channel"), conversation.value(QStringLiteral("channel"))},
                {QStringLiteral("unreadBefore"), *unread}, {QStringLiteral("conversation"), conversation}});
    }
    return ApiResponse::json(200, conversation);
}

} // namespace

void registerConversationApiRoutes(Router &router)
{
    const auto family = ApiFamily::Communications;
    // Reads (scope: read) run on the reader thread.
    routes::addQuery(router, "GET", QStringLiteral("/api/conversations"), family,
        QStringLiteral("conversations.list"), listConversations);
    routes::addQuery(router, "GET", QStringLiteral("/api/conversations/{id}"), family,
        QStringLiteral("conversations.get"), getConversation);
    routes::addQuery(router, "GET", QStringLiteral("/api/conversations/{id}/messages"), family,
        QStringLiteral("conversations.messages"), listMessages);
    // Changes (scope: write) run on the writer thread.
    routes::addCommand(router, "POST", QStringLiteral("/api/conversations/{id}/read"), family,
        QStringLiteral("conversations.read"), markRead);
}

} // namespace sb
