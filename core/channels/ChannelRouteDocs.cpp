#include "ChannelRouteDocs.h"

#include "domain/ExternalService.h"
#include "domain/Messaging.h"
#include "server/OpenApi.h"
#include "storage/ConversationQuery.h"

namespace sb {

namespace {

using namespace schema;

QStringList typeNames()
{
    QStringList names;
    for (const auto type : {ServiceType::Sms, ServiceType::Email, ServiceType::Push, ServiceType::Chat})
        names.append(serviceTypeName(type));
    return names;
}

QStringList providerNames()
{
    QStringList names;
    for (const auto provider : {ServiceProvider::Twilio, ServiceProvider::Nexmo, ServiceProvider::AwsSns,
             ServiceProvider::SendGrid, ServiceProvider::Mailgun, ServiceProvider::AwsSes,
             ServiceProvider::Firebase, ServiceProvider::OneSignal, ServiceProvider::Slack,
             ServiceProvider::Teams, ServiceProvider::Discord})
        names.append(serviceProviderName(provider));
    return names;
}

const auto serviceId = ParamDoc {QStringLiteral("id"), QStringLiteral("The service id"),
    integerRange(1, std::numeric_limits<qint64>::max()), true};

QJsonObject serviceInput(bool create)
{
    auto s = object({{QStringLiteral("name"), string()},
        {QStringLiteral("service_type"), oneOfValues(typeNames())},
        {QStringLiteral("provider"), oneOfValues(providerNames())},
        {QStringLiteral("config"),
            anyObject(QStringLiteral(
                "The provider's keys, e.g. twilio: account_sid, auth_token, from_number | "
                "messaging_service_sid; "
                "sendgrid: api_key, from_email; mailgun: api_key, domain, from_email; slack/teams/discord: "
                "webhook_url. Every provider accepts base_url and messages_per_second. Each invalid key is "
                "named."))},
        {QStringLiteral("is_active"), boolean()}, {QStringLiteral("description"), string()}});
    if (create)
        s.insert(QStringLiteral("required"),
            QJsonArray {QStringLiteral("name"), QStringLiteral("service_type"), QStringLiteral("provider"),
                QStringLiteral("config")});
    return s;
}

QJsonObject serviceOutput()
{
    return extend(serviceInput(false),
        {{QStringLiteral("id"), integer()},
            {QStringLiteral("config"), anyObject(QStringLiteral("Secrets masked as ••••last4"))},
            {QStringLiteral("created_at"), dateTime()}, {QStringLiteral("updated_at"), dateTime()}});
}

QJsonObject messageJson()
{
    return object({{QStringLiteral("id"), integer()}, {QStringLiteral("conversationId"), integer()},
        {QStringLiteral("leadId"), integer()}, {QStringLiteral("channel"), string()},
        {QStringLiteral("direction"), string()}, {QStringLiteral("provider"), string()},
        {QStringLiteral("from"), string()}, {QStringLiteral("to"), string()},
        {QStringLiteral("subject"), string()}, {QStringLiteral("body"), string()},
        {QStringLiteral("status"), string()}});
}

QJsonObject queuedJson()
{
    return object({{QStringLiteral("success"), constant(true)}, {QStringLiteral("messageId"), integer()},
        {QStringLiteral("outboxId"), integer()},
        {QStringLiteral("repeated"),
            boolean(QStringLiteral("True when the idempotency key was seen: the first send"))},
        {QStringLiteral("status"), string()}, {QStringLiteral("message"), messageJson()}});
}

QList<ResponseDoc> sendAnswers()
{
    return {
        jsonResponse(202, QStringLiteral("Queued in the outbox (or the first send of this idempotency key)"),
            queuedJson()),
        errorResponse(
            400, QStringLiteral("A field is missing or invalid (e.g. to not E.164); each is named")),
        errorResponse(404, QStringLiteral("Lead, conversation or service not found")),
        errorResponse(409, QStringLiteral("The lead is do-not-contact")),
        errorResponse(422, QStringLiteral("No active service for the channel"))};
}

ParamDoc idempotencyHeader()
{
    return ParamDoc {QStringLiteral("Idempotency-Key"),
        QStringLiteral("A repeat with the same key answers the first send instead of sending again"), {},
        false};
}

QStringList channelNames()
{
    QStringList names;
    for (const auto channel : allChannels())
        names.append(channelName(channel));
    return names;
}

QStringList directionNames()
{
    return {directionName(Direction::Inbound), directionName(Direction::Outbound)};
}

QStringList messageStatusNames()
{
    QStringList names;
    for (const auto status : {MessageStatus::Accepted, MessageStatus::Scheduled, MessageStatus::Receiving,
             MessageStatus::Received, MessageStatus::Queued, MessageStatus::Sending, MessageStatus::Sent,
             MessageStatus::Delivered, MessageStatus::Read, MessageStatus::Failed, MessageStatus::Undelivered,
             MessageStatus::Canceled, MessageStatus::Unknown})
        names.append(messageStatusName(status));
    return names;
}

// One of `values`, or null.
QJsonObject nullableEnum(const QStringList &values)
{
    auto s = nullable(oneOfValues(values));
    auto allowed = s.value(QStringLiteral("enum")).toArray();
    allowed.append(QJsonValue::Null);
    s.insert(QStringLiteral("enum"), allowed);
    return s;
}

const auto conversationId = ParamDoc {QStringLiteral("id"), QStringLiteral("The conversation id"),
    integerRange(1, std::numeric_limits<qint64>::max()), true};

// One stored message of a thread as GET /api/conversations/{id}/messages shows it (snake_case columns,
// ISO 8601 times).
QJsonObject storedMessageJson()
{
    return object(
        {{QStringLiteral("id"), integer()}, {QStringLiteral("conversation_id"), integer()},
            {QStringLiteral("lead_id"), integer()},
            {QStringLiteral("direction"), oneOfValues(directionNames())},
            {QStringLiteral("channel"), oneOfValues(channelNames())},
            {QStringLiteral("provider"), string(QStringLiteral("e.g. twilio, mailgun, sendgrid"))},
            {QStringLiteral("provider_message_id"), nullable(string())},
            {QStringLiteral("from_address"), nullable(string())},
            {QStringLiteral("to_address"), nullable(string())},
            {QStringLiteral("subject"), nullable(string())}, {QStringLiteral("body"), nullable(string())},
            {QStringLiteral("status"), oneOfValues(messageStatusNames())},
            {QStringLiteral("error_code"), nullable(string())},
            {QStringLiteral("error_message"), nullable(string())},
            {QStringLiteral("attachments"), array(anyObject())},
            {QStringLiteral("inbound_request_id"),
                nullable(string(QStringLiteral("The stored webhook request of an inbound message")))},
            {QStringLiteral("created_at"), dateTime()}, {QStringLiteral("updated_at"), dateTime()}},
        {QStringLiteral("id"), QStringLiteral("conversation_id"), QStringLiteral("lead_id"),
            QStringLiteral("direction"), QStringLiteral("channel"), QStringLiteral("status"),
            QStringLiteral("created_at")});
}

// The thread's lead in brief, as GET /api/conversations embeds it.
QJsonObject leadSummaryJson()
{
    return object(
        {{QStringLiteral("id"), integer()}, {QStringLiteral("first_name"), nullable(string())},
            {QStringLiteral("last_name"), nullable(string())}, {QStringLiteral("email"), nullable(string())},
            {QStringLiteral("phone"), nullable(string())}, {QStringLiteral("phone_e164"), nullable(string())},
            {QStringLiteral("company_name"), nullable(string())},
            {QStringLiteral("source"), nullable(string())}, {QStringLiteral("lead_status"), string()},
            {QStringLiteral("do_not_contact"), boolean()}},
        {QStringLiteral("id")});
}

QJsonObject conversationWithLead()
{
    return extend(
        conversationSchema(), {{QStringLiteral("lead"), leadSummaryJson()}}, {QStringLiteral("lead")});
}

QStringList sortNames(const std::vector<SortOrder> &orders)
{
    QStringList names;
    for (const auto &order : orders)
        names << order.name << QStringLiteral("-") + order.name;
    return names;
}

// A keyset page: {data, next_cursor, has_more, limit} plus `more` members.
QJsonObject listEnvelope(const QJsonObject &item, std::initializer_list<std::pair<QString, QJsonObject>> more,
    const QStringList &moreRequired)
{
    return extend(object({{QStringLiteral("data"), array(item)},
                             {QStringLiteral("next_cursor"),
                                 nullable(string(QStringLiteral(
                                     "Pass as cursor for the next page; null on the last page")))},
                             {QStringLiteral("has_more"), boolean()},
                             {QStringLiteral("limit"), integerRange(1, listparam::maxLimit)}},
                      {QStringLiteral("data"), QStringLiteral("next_cursor"), QStringLiteral("has_more"),
                          QStringLiteral("limit")}),
        more, moreRequired);
}

ParamDoc cursorParam(const QString &name, const QString &description)
{
    return queryParam(name, string(), description);
}

ParamDoc limitParam()
{
    auto s = integerRange(1, listparam::maxLimit);
    s.insert(QStringLiteral("default"), listparam::defaultLimit);
    return queryParam(QStringLiteral("limit"), s, QStringLiteral("Rows per page"));
}

ParamDoc flagParam(const QString &name, const QString &description)
{
    return queryParam(name, boolean(), description + QStringLiteral(" (true/false, also 1/0)"));
}

} // namespace

QJsonObject conversationSchema()
{
    return object(
        {{QStringLiteral("id"), integer()}, {QStringLiteral("lead_id"), integer()},
            {QStringLiteral("channel"), oneOfValues(channelNames())},
            {QStringLiteral("last_message_at"), nullable(dateTime())},
            {QStringLiteral("last_message_preview"), nullable(string())},
            {QStringLiteral("last_direction"), nullableEnum(directionNames())},
            {QStringLiteral("unread_count"), integer()}, {QStringLiteral("message_count"), integer()},
            {QStringLiteral("created_at"), dateTime()}, {QStringLiteral("updated_at"), dateTime()}},
        {QStringLiteral("id"), QStringLiteral("lead_id"), QStringLiteral("channel"),
            QStringLiteral("unread_count"), QStringLiteral("message_count"), QStringLiteral("created_at"),
            QStringLiteral("updated_at")});
}

void documentChannelRoutes(Router &router)
{
    const QString base = QStringLiteral("/api/communications/external-services");
    const QString item = base + QStringLiteral("/{id}");

    RouteDoc list;
    list.summary = QStringLiteral("External services: list");
    list.query = {queryParam(QStringLiteral("skip"), integerRange(0, 1000000000)),
        queryParam(QStringLiteral("limit"), integerRange(1, 1000)),
        queryParam(QStringLiteral("service_type"), oneOfValues(typeNames())),
        queryParam(QStringLiteral("provider"), oneOfValues(providerNames())),
        queryParam(QStringLiteral("active_only"), boolean())};
    list.responses
        = {jsonResponse(200, QStringLiteral("The services (secrets masked)"), array(serviceOutput())),
            errorResponse(400, QStringLiteral("A query parameter is invalid; it is named"))};
    router.document("GET", base, list);

    RouteDoc create;
    create.summary = QStringLiteral("External services: register one");
    create.description
        = QStringLiteral("The config is validated for the provider; secrets are sealed at rest.");
    create.bodies = {BodyDoc {"application/json", serviceInput(true), {}}};
    create.responses = {jsonResponse(201, QStringLiteral("Registered"), serviceOutput()),
        errorResponse(400, QStringLiteral("Each invalid field or config key is named"))};
    router.document("POST", base, create);

    RouteDoc get;
    get.summary = QStringLiteral("External services: get one");
    get.pathParams = {serviceId};
    get.responses = {jsonResponse(200, QStringLiteral("The service"), serviceOutput()),
        errorResponse(404, QStringLiteral("Service not found"))};
    router.document("GET", item, get);

    RouteDoc update;
    update.summary = QStringLiteral("External services: update");
    update.description = QStringLiteral(
        "Partial; a config key set to null is removed, a masked secret keeps the stored one.");
    update.pathParams = {serviceId};
    update.bodies = {BodyDoc {"application/json", serviceInput(false), {}}};
    update.responses = {jsonResponse(200, QStringLiteral("Updated"), serviceOutput()),
        errorResponse(400, QStringLiteral("Each invalid field or config key is named")),
        errorResponse(404, QStringLiteral("Service not found"))};
    router.document("PUT", item, update);

    RouteDoc remove;
    remove.summary = QStringLiteral("External services: delete");
    remove.pathParams = {serviceId};
    remove.responses
        = {jsonResponse(200, QStringLiteral("Deleted"),
               object({{QStringLiteral("id"), integer()}, {QStringLiteral("deleted"), constant(true)}})),
            errorResponse(404, QStringLiteral("Service not found"))};
    router.document("DELETE", item, remove);

    RouteDoc test;
    test.summary = QStringLiteral("External services: send a test message now");
    test.description = QStringLiteral(
        "Sends through the provider directly (not the outbox) and answers the provider's verdict.");
    test.pathParams = {serviceId};
    test.bodies = {BodyDoc {"application/json",
        object({{QStringLiteral("to"), string(QStringLiteral("Number, address, device token or channel"))},
                   {QStringLiteral("subject"), string()}, {QStringLiteral("body"), string()}},
            {QStringLiteral("to")}),
        {}}};
    test.responses = {jsonResponse(200, QStringLiteral("The provider accepted it"), anyObject()),
        errorResponse(400, QStringLiteral("A field is missing or invalid")),
        errorResponse(404, QStringLiteral("Service not found")),
        errorResponse(
            502, QStringLiteral("The provider refused or could not be reached; its answer is named"))};
    router.document("POST", item + QStringLiteral("/test"), test);

    RouteDoc sms;
    sms.summary = QStringLiteral("Send an SMS");
    sms.description = QStringLiteral("Queued through the outbox with the SMS service (or serviceId); the "
                                     "lead is found or created by number.");
    sms.headers = {idempotencyHeader()};
    sms.bodies = {BodyDoc {"application/json",
        object({{QStringLiteral("to"), string(QStringLiteral("E.164"))}, {QStringLiteral("body"), string()},
                   {QStringLiteral("from"), string()},
                   {QStringLiteral("leadId"), integerRange(1, std::numeric_limits<qint64>::max())},
                   {QStringLiteral("serviceId"), integerRange(1, std::numeric_limits<qint64>::max())},
                   {QStringLiteral("client_message_id"),
                       string(QStringLiteral("Idempotency key, when no header"))}},
            {QStringLiteral("to"), QStringLiteral("body")}),
        {}}};
    sms.responses = sendAnswers();
    router.document("POST", QStringLiteral("/api/twilio/send-sms"), sms);

    RouteDoc conversation;
    conversation.summary = QStringLiteral("Start a conversation with a lead (send the first message)");
    conversation.headers = {idempotencyHeader()};
    conversation.bodies = {BodyDoc {"application/json",
        object({{QStringLiteral("leadId"), integerRange(1, std::numeric_limits<qint64>::max())},
                   {QStringLiteral("channel"),
                       oneOfValues({QStringLiteral("sms"), QStringLiteral("email"), QStringLiteral("chat")})},
                   {QStringLiteral("content"), string()}, {QStringLiteral("subject"), string()},
                   {QStringLiteral("serviceId"), integerRange(1, std::numeric_limits<qint64>::max())},
                   {QStringLiteral("client_message_id"), string()}},
            {QStringLiteral("leadId"), QStringLiteral("channel"), QStringLiteral("content")}),
        {}}};
    conversation.responses = sendAnswers();
    router.document("POST", QStringLiteral("/api/conversations"), conversation);

    RouteDoc reply;
    reply.summary = QStringLiteral("Send a message in a conversation");
    reply.pathParams = {ParamDoc {QStringLiteral("id"), QStringLiteral("The conversation id"),
        integerRange(1, std::numeric_limits<qint64>::max()), true}};
    reply.headers = {idempotencyHeader()};
    reply.bodies = {BodyDoc {"application/json",
        object({{QStringLiteral("content"), string()}, {QStringLiteral("subject"), string()},
                   {QStringLiteral("channel"),
                       oneOfValues({QStringLiteral("sms"), QStringLiteral("email"), QStringLiteral("chat")})},
                   {QStringLiteral("serviceId"), integerRange(1, std::numeric_limits<qint64>::max())},
                   {QStringLiteral("client_message_id"), string()}},
            {QStringLiteral("content")}),
        {}}};
    reply.responses = sendAnswers();
    router.document("POST", QStringLiteral("/api/conversations/{id}/messages"), reply);

    RouteDoc call;
    call.summary = QStringLiteral("Start an ElevenLabs AI-agent call");
    call.description = QStringLiteral(
        "Through ElevenLabs' Twilio outbound call (ELEVENLABS_API_KEY, ELEVENLABS_AGENT_ID, "
        "ELEVENLABS_AGENT_PHONE_NUMBER_ID), with the lead and its recent history as dynamic variables.");
    call.bodies = {BodyDoc {"application/json",
        object({{QStringLiteral("leadId"), integerRange(1, std::numeric_limits<qint64>::max())},
            {QStringLiteral("toNumber"), string(QStringLiteral("E.164, instead of leadId"))},
            {QStringLiteral("agentId"), string()}, {QStringLiteral("agentPhoneNumberId"), string()},
            {QStringLiteral("dynamicVariables"), anyObject()}}),
        {}}};
    call.responses
        = {jsonResponse(202, QStringLiteral("The call is queued"),
               object({{QStringLiteral("success"), constant(true)}, {QStringLiteral("leadId"), integer()},
                   {QStringLiteral("callId"), integer()}, {QStringLiteral("messageId"), integer()},
                   {QStringLiteral("outboxId"), integer()}, {QStringLiteral("status"), string()},
                   {QStringLiteral("call"), anyObject()}})),
            errorResponse(400, QStringLiteral("leadId or toNumber missing or invalid")),
            errorResponse(404, QStringLiteral("Lead not found")),
            errorResponse(409, QStringLiteral("The lead is do-not-contact")),
            errorResponse(422, QStringLiteral("ElevenLabs is not configured"))};
    router.document("POST", QStringLiteral("/api/elevenlabs/outbound-call"), call);

    const QString rules = QStringLiteral("/api/communications/auto-responses");
    const auto rule = object({{QStringLiteral("address"), string(QStringLiteral("The receiving address"))},
        {QStringLiteral("enabled"), boolean()}, {QStringLiteral("subject"), string()},
        {QStringLiteral("template"), string(QStringLiteral("{first_name}, {name} are filled in"))},
        {QStringLiteral("windowHours"),
            integer(QStringLiteral("Not to the same sender again within this window"))},
        {QStringLiteral("serviceId"), integer(QStringLiteral("An email service; default: the active one"))}});
    const auto address
        = ParamDoc {QStringLiteral("address"), QStringLiteral("The receiving email address"), {}, true};
    RouteDoc rulesList;
    rulesList.summary = QStringLiteral("Auto-responses: list");
    rulesList.responses = {jsonResponse(200, QStringLiteral("Every rule"), array(rule))};
    router.document("GET", rules, rulesList);
    RouteDoc ruleGet;
    ruleGet.summary = QStringLiteral("Auto-responses: one address");
    ruleGet.pathParams = {address};
    ruleGet.responses = {jsonResponse(200, QStringLiteral("The rule"), rule),
        errorResponse(404, QStringLiteral("No rule for this address"))};
    router.document("GET", rules + QStringLiteral("/{address}"), ruleGet);
    RouteDoc rulePut;
    rulePut.summary = QStringLiteral("Auto-responses: set one address's rule");
    rulePut.description = QStringLiteral("Never sent to do-not-contact leads, Auto-Submitted or Precedence "
                                         "bulk/list/junk mail, no-reply senders, "
                                         "or the same sender within the window.");
    rulePut.pathParams = {address};
    rulePut.bodies = {BodyDoc {"application/json", rule, {}}};
    rulePut.responses = {jsonResponse(200, QStringLiteral("Saved"), rule),
        errorResponse(400, QStringLiteral("A field is invalid; each is named"))};
    router.document("PUT", rules + QStringLiteral("/{address}"), rulePut);
    RouteDoc ruleDelete;
    ruleDelete.summary = QStringLiteral("Auto-responses: delete one address's rule");
    ruleDelete.pathParams = {address};
    ruleDelete.responses
        = {jsonResponse(200, QStringLiteral("Deleted"),
               object({{QStringLiteral("address"), string()}, {QStringLiteral("deleted"), constant(true)}})),
            errorResponse(404, QStringLiteral("No rule for this address"))};
    router.document("DELETE", rules + QStringLiteral("/{address}"), ruleDelete);
    // The conversations REST API (ConversationApiRoutes): reads with keyset pages and the read mark.
    const QString threads = QStringLiteral("/api/conversations");
    const auto updatedSince = queryParam(QStringLiteral("updated_since"), string(),
        QStringLiteral("Only rows updated at or after this time: ISO 8601 (2024-01-25T09:00:00Z) or "
                       "milliseconds since the epoch"));
    const auto badQuery = errorResponse(400,
        QStringLiteral("A query parameter is invalid (limit out of 1..200, unknown sort, a cursor this "
                       "API did not make or made for another sort, ...); it is named"));

    RouteDoc threadList;
    threadList.summary = QStringLiteral("Conversations: list (keyset pages)");
    threadList.description = QStringLiteral(
        "Threads with their lead in brief, newest change first by default. Pass next_cursor as cursor "
        "(with the same sort) for the next page; a thread added between two pages is never returned twice "
        "and none is skipped. Threads of archived leads are left out unless include_archived=true.");
    threadList.query = {queryParam(QStringLiteral("channel"), oneOfValues(channelNames())),
        queryParam(QStringLiteral("lead_id"), integerRange(1, std::numeric_limits<qint64>::max()),
            QStringLiteral("Only this lead's threads")),
        flagParam(QStringLiteral("unread"),
            QStringLiteral("true: only threads with unread messages; "
                           "false: only threads without")),
        updatedSince,
        flagParam(QStringLiteral("include_archived"), QStringLiteral("Also threads of archived leads")),
        queryParam(QStringLiteral("sort"), oneOfValues(sortNames(ConversationQuery::sorts())),
            QStringLiteral("A leading - sorts descending (default -updated_at); last_message_at of a "
                           "thread without messages is its creation")),
        limitParam(),
        cursorParam(QStringLiteral("cursor"), QStringLiteral("next_cursor of the previous page"))};
    threadList.responses = {jsonResponse(200, QStringLiteral("One page of conversations"),
                                listEnvelope(conversationWithLead(),
                                    {{QStringLiteral("sort"), string(QStringLiteral("The sort applied"))}},
                                    {QStringLiteral("sort")})),
        badQuery};
    router.document("GET", threads, threadList);

    RouteDoc thread;
    thread.summary = QStringLiteral("Conversations: get one");
    thread.pathParams = {conversationId};
    thread.responses
        = {jsonResponse(200, QStringLiteral("The conversation with its lead"), conversationWithLead()),
            errorResponse(404, QStringLiteral("Conversation not found"))};
    router.document("GET", threads + QStringLiteral("/{id}"), thread);

    RouteDoc messages;
    messages.summary = QStringLiteral("Conversations: one thread's messages, both ways (keyset pages)");
    messages.description = QStringLiteral(
        "Inbound and outbound messages of the thread. Without a cursor the page starts at the newest "
        "message going older (direction=newer: at the oldest going newer). before=<cursor> pages older, "
        "after=<cursor> newer, cursor=<cursor> continues in `direction`; give only one of them. Every page "
        "answers before_cursor (before its oldest message) and after_cursor (after its newest), so a client "
        "can page back from the newest messages and later fetch what arrived since.");
    messages.pathParams = {conversationId};
    messages.query = {queryParam(QStringLiteral("direction"),
                          oneOfValues({QStringLiteral("older"), QStringLiteral("newer")}),
                          QStringLiteral("older (default): newest first; newer: oldest first")),
        cursorParam(QStringLiteral("before"), QStringLiteral("Messages older than this cursor")),
        cursorParam(QStringLiteral("after"), QStringLiteral("Messages newer than this cursor")),
        cursorParam(QStringLiteral("cursor"), QStringLiteral("next_cursor of the previous page")),
        limitParam()};
    messages.responses = {
        jsonResponse(200, QStringLiteral("One page of messages"),
            listEnvelope(storedMessageJson(),
                {{QStringLiteral("conversation_id"), integer()},
                    {QStringLiteral("direction"),
                        oneOfValues({QStringLiteral("older"), QStringLiteral("newer")})},
                    {QStringLiteral("before_cursor"),
                        nullable(string(QStringLiteral("Older messages than this page's; null when empty")))},
                    {QStringLiteral("after_cursor"),
                        nullable(
                            string(QStringLiteral("Newer messages than this page's; null when empty")))}},
                {QStringLiteral("conversation_id"), QStringLiteral("direction"),
                    QStringLiteral("before_cursor"), QStringLiteral("after_cursor")})),
        errorResponse(400,
            QStringLiteral("A parameter is invalid, more than one of before/after/cursor is given, or the "
                           "direction contradicts before/after; it is named")),
        errorResponse(404, QStringLiteral("Conversation not found"))};
    router.document("GET", threads + QStringLiteral("/{id}/messages"), messages);

    RouteDoc readMark;
    readMark.summary = QStringLiteral("Conversations: mark read");
    readMark.description = QStringLiteral(
        "Sets unread_count to 0 and raises conversation.read (when there was anything unread), so outbound "
        "webhooks subscribed to it fire. No body.");
    readMark.pathParams = {conversationId};
    readMark.responses
        = {jsonResponse(200, QStringLiteral("The conversation, now read"), conversationWithLead()),
            errorResponse(404, QStringLiteral("Conversation not found"))};
    router.document("POST", threads + QStringLiteral("/{id}/read"), readMark);
}

} // namespace sb
