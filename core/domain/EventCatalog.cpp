#include "EventCatalog.h"

#include <QJsonObject>

namespace sb {

namespace {

EventTypeInfo info(const char *name, const char *group, const char *description)
{
    return {QString::fromLatin1(name), QString::fromLatin1(group), QString::fromLatin1(description)};
}

} // namespace

const std::vector<EventTypeInfo> &EventCatalog::all()
{
    static const std::vector<EventTypeInfo> events {
        info("lead.created", "CRM", "A CRM webhook or an unknown sender created a lead"),
        info("lead.updated", "CRM", "A CRM webhook updated a lead"),
        info("lead.status_changed", "CRM", "A lead's status changed"),
        info("lead.discarded", "CRM", "A lead was discarded"),
        info("lead.converted", "CRM", "A lead was converted to a customer"),
        info("lead.deleted", "CRM",
            "A lead was deleted through the API: archived, or purged with its messages (GDPR erasure)"),
        info("pre_lead.created", "CRM", "A pre-lead was created from an inquiry"),
        info("pre_lead.updated", "CRM", "A pre-lead was updated or changed status"),
        info("pre_lead.discarded", "CRM", "A pre-lead was discarded"),
        info("pre_lead.converted", "CRM", "A pre-lead was converted to a lead"),
        info("contact.created", "CRM", "A contact person was added to a lead or pre-lead"),
        info("memo.added", "CRM", "A memo was added to a lead or pre-lead"),
        info("activity.added", "CRM", "An activity was logged for a lead"),
        info("customer.created", "CRM", "A customer was created by converting a lead"),
        info("order.created", "CRM", "An order was recorded for a customer"),
        info("payment.received", "CRM", "A payment was recorded for a customer"),
        info("message.created", "Messaging", "An SMS or email arrived (Twilio, Mailgun, SignalWire)"),
        info("message.updated", "Messaging",
            "A message's delivery status changed (Twilio status, Mailgun events)"),
        info("message.deleted", "Messaging", "A message was deleted (raised through the API)"),
        info("conversation.read", "Messaging", "A conversation was marked read through the API"),
        info("conversation.handover", "Messaging",
            "A handover rule (keywords, negative sentiment, high score, unanswered messages, AI intent) "
            "asked a person to take over a conversation"),
        info("call.created", "Calls", "A call was created (Twilio voice status, SignalWire)"),
        info("call.ringing", "Calls", "A call started ringing"),
        info("call.answered", "Calls", "A call was answered"),
        info("call.completed", "Calls", "A call completed"),
        info("recording.started", "Calls", "A call recording started"),
        info("recording.completed", "Calls", "A call recording completed"),
        info("conversation.started", "ElevenLabs", "An ElevenLabs conversation started"),
        info("conversation.completed", "ElevenLabs", "An ElevenLabs post-call webhook arrived"),
        info("voice.processing", "ElevenLabs", "Voice processing started"),
        info("voice.completed", "ElevenLabs", "Voice processing completed"),
        info("agent.ready", "ElevenLabs", "An AI agent is ready"),
        info("agent.speaking", "ElevenLabs", "An AI agent is speaking"),
        info("agent.listening", "ElevenLabs", "An AI agent is listening"),
        info("agent.error", "ElevenLabs", "An AI agent reported an error"),
        info("transfer.initiated", "ElevenLabs", "A call transfer was initiated"),
        info("transfer.completed", "ElevenLabs", "A call transfer completed"),
        info("analysis.completed", "AI",
            "An AI analysis of a call transcript or a long email was stored (sentiment, key phrases, action "
            "items, follow-up), or its failure after one retry"),
        info("campaign.started", "Campaigns", "A campaign trigger started a campaign"),
        info("campaign.completed", "Campaigns", "A campaign run completed"),
        info("task.created", "Tasks",
            "A follow-up task was created (by hand, the API, an AI action item or a rule)"),
        info("task.completed", "Tasks", "A follow-up task was marked done"),
        info("task.due", "Tasks", "A follow-up task fell due (its reminder)"),
        info("notification.created", "Communications", "Raised through the API"),
        info("notification.updated", "Communications", "Raised through the API"),
        info("notification.deleted", "Communications", "Raised through the API"),
        info("announcement.created", "Communications", "Raised through the API"),
        info("announcement.updated", "Communications", "Raised through the API"),
        info("announcement.deleted", "Communications", "Raised through the API"),
        info("ticket.created", "Communications", "Raised through the API"),
        info("ticket.updated", "Communications", "Raised through the API"),
        info("ticket.response_added", "Communications", "Raised through the API"),
    };
    return events;
}

bool EventCatalog::contains(const QString &name)
{
    const auto &events = all();
    return std::any_of(events.begin(), events.end(), [&name](const auto &e) { return e.name == name; });
}

QJsonArray EventCatalog::toJson()
{
    QJsonArray array;
    for (const auto &event : all()) {
        array.append(QJsonObject {{QStringLiteral("name"), event.name},
            {QStringLiteral("group"), event.group}, {QStringLiteral("description"), event.description}});
    }
    return array;
}

} // namespace sb
