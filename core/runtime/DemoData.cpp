#include "DemoData.h"

#include "DemoSamples.h"
#include "RuntimeLog.h"
#include "storage/CampaignRepository.h"
#include "storage/DeliveryRepository.h"
#include "storage/InboundRepository.h"
#include "storage/MessagingRepository.h"
#include "storage/SqlWorker.h"
#include "storage/WebhookConfigRepository.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <variant>

namespace sb {

namespace {

constexpr qint64 minuteMs = 60 * 1000;

bool databaseIsEmpty(SqlContext &context)
{
    auto &query = context.run(
        QStringLiteral("SELECT (SELECT COUNT(*) FROM leads) + (SELECT COUNT(*) FROM pre_leads) "
                       "+ (SELECT COUNT(*) FROM webhook_configs) + (SELECT COUNT(*) FROM deliveries) "
                       "+ (SELECT COUNT(*) FROM inbound_requests)"),
        {});
    const bool empty = query.next() && query.value(0).toLongLong() == 0;
    query.finish();
    return empty;
}

QList<DemoLead> seedLeads(SqlContext &context, qint64 now)
{
    QList<DemoLead> leads;
    const auto &samples = demo::leads();
    for (int i = 0; i < int(samples.size()); ++i) {
        const auto &sample = samples[size_t(i)];
        const auto u = [](const char *text) { return QString::fromUtf8(text); };
        struct
        {
            QString first, last, email, phone, company, title, city, source, priority, status;
            double expectedValue;
            int ageMinutes;
        } const s {u(sample.first), u(sample.last), u(sample.email), u(sample.phone), u(sample.company),
            u(sample.title), u(sample.city), u(sample.source), u(sample.priority), u(sample.status),
            sample.expectedValue, sample.ageMinutes};
        const qint64 created = now - qint64(s.ageMinutes) * minuteMs;
        const qint64 updated = created + qint64(s.ageMinutes / 3) * minuteMs;
        auto &insert = context.run(QStringLiteral("INSERT INTO leads(first_name, last_name, email, phone, "
                                                  "phone_e164, company_name, source, priority, "
                                                  "lead_status, expected_value, attributes, created_at, "
                                                  "updated_at) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)"),
            {s.first, s.last, s.email, s.phone, s.phone, s.company, s.source, s.priority, s.status,
                s.expectedValue, QStringLiteral("{\"city\":\"%1\"}").arg(s.city), created, updated});
        const qint64 id = insert.lastInsertId().toLongLong();
        leads.append({id, s.first + QLatin1Char(' ') + s.last, s.phone, s.email, s.company});
        // The status history a CRM would have produced: creation, then each step to the current status.
        QString previous;
        qint64 at = created;
        for (const auto &status : demo::statusPath(s.status)) {
            context.run(
                QStringLiteral(
                    "INSERT INTO status_history(owner_kind, owner_id, old_status, new_status, remarks, "
                    "source, changed_at) VALUES('lead', ?, ?, ?, ?, ?, ?)"),
                {id, previous.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(previous),
                    status, previous.isEmpty() ? QStringLiteral("Created from %1").arg(s.source) : QString(),
                    QStringLiteral("demo"), at});
            previous = status;
            at += (updated - created) / 4 + minuteMs;
        }
        context.run(
            QStringLiteral("INSERT INTO contacts(owner_kind, owner_id, first_name, last_name, email, phone, "
                           "designation, is_primary, created_at) VALUES('lead', ?, ?, ?, ?, ?, ?, 1, ?)"),
            {id, s.first, s.last, s.email, s.phone, s.title, created});
        if (i % 2 == 0) {
            context.run(QStringLiteral(
                            "INSERT INTO memos(owner_kind, owner_id, title, content, memo_type, created_at) "
                            "VALUES('lead', ?, ?, ?, 'note', ?)"),
                {id, QStringLiteral("First call"), demo::memoFor(i), created + 20 * minuteMs});
        }
        if (i % 3 == 0) {
            context.run(
                QStringLiteral("INSERT INTO activities(lead_id, activity_type, title, description, outcome, "
                               "created_at) VALUES(?, 'call', ?, ?, ?, ?)"),
                {id, QStringLiteral("Discovery call"), QStringLiteral("Walked through pricing and rollout"),
                    QStringLiteral("interested"), updated});
        }
    }
    return leads;
}

// Campaigns through the repository's own start and state changes: recipients materialised from the
// audience, moved forward as the provider callbacks would move them. Written before any webhook
// configuration exists, so their campaign.* events reach no target; none is left running (nothing
// seeded is ever sent).
void seedCampaigns(SqlContext &context, qint64 now)
{
    for (const auto &sample : demo::campaigns()) {
        const qint64 created = now - qint64(sample.ageMinutes) * minuteMs;
        auto &insert = context.run(
            QStringLiteral(
                "INSERT INTO campaigns(name, channel, subject, body, audience, throttle_per_minute, "
                "state, created_at, updated_at) VALUES(?,?,?,?,?,?,?,?,?)"),
            {QString::fromUtf8(sample.name), QString::fromLatin1(sample.channel),
                sample.subject ? QVariant(QString::fromUtf8(sample.subject)) : QVariant(),
                QString::fromUtf8(sample.body),
                QString::fromUtf8(QJsonDocument(sample.audience).toJson(QJsonDocument::Compact)),
                sample.throttlePerMinute, campaignStateName(CampaignState::Draft), created, created});
        const qint64 id = insert.lastInsertId().toLongLong();
        insert.finish();
        const auto state = campaignStateFromName(QString::fromLatin1(sample.state));
        if (!state || *state == CampaignState::Draft)
            continue;
        CampaignRepository::start(context, id, {}, {});
        QList<qint64> recipients;
        auto &query = context.run(
            QStringLiteral("SELECT id FROM campaign_recipients WHERE campaign_id = ? ORDER BY id"), {id});
        while (query.next())
            recipients.append(query.value(0).toLongLong());
        query.finish();
        const QByteArray outcomes(sample.outcomes);
        for (int i = 0; i < recipients.size() && !outcomes.isEmpty(); ++i) {
            std::optional<RecipientState> target;
            switch (outcomes.at(i % outcomes.size())) {
            case 's':
                target = RecipientState::Sent;
                break;
            case 'd':
                target = RecipientState::Delivered;
                break;
            case 'o':
                target = RecipientState::Opened;
                break;
            case 'c':
                target = RecipientState::Clicked;
                break;
            case 'r':
                target = RecipientState::Replied;
                break;
            case 'b':
                target = RecipientState::Bounced;
                break;
            case 'f':
                target = RecipientState::Failed;
                break;
            default:
                break; // still queued
            }
            if (!target)
                continue;
            CampaignRepository::advance(context, recipients.at(i), *target,
                *target == RecipientState::Failed ? QStringLiteral("HTTP 400: the number is not reachable")
                                                  : QString());
        }
        if (*state == CampaignState::Completed)
            CampaignRepository::completeIfDone(context, id);
        else
            CampaignRepository::setState(context, id, *state);
    }
}

QList<WebhookConfig> seedConfigs(SqlContext &context)
{
    QList<WebhookConfig> configs;
    for (const auto &sample : demo::configs()) {
        WebhookConfig config;
        QString ignored, error;
        if (!applyConfigJson(sample.body, true, &config, &ignored, &error))
            throw SqlError(QStringLiteral("demo configuration %1: %2")
                               .arg(sample.body.value(QStringLiteral("name")).toString(), error));
        config.disabledReason = sample.disabledReason;
        if (!sample.disabledReason.isEmpty()) {
            config.status = WebhookStatus::Disabled;
            config.consecutiveFailures = 12;
        }
        WebhookConfigRepository::insert(context, config, WebhookConfig::generateSecret());
        configs.append(config);
    }
    return configs;
}

void seedDeliveries(SqlContext &context, const QList<WebhookConfig> &configs, qint64 now)
{
    for (const auto &plan : demo::deliveries(configs, now)) {
        Delivery delivery = plan.delivery;
        DeliveryRepository::insert(context, delivery);
        for (int i = 0; i < plan.attempts.size(); ++i) {
            const bool last = i == plan.attempts.size() - 1;
            // Finished either way, nothing scheduled: a demo delivery is never sent for real.
            DeliveryRepository::recordAttempt(
                context, plan.attempts[i], last ? delivery.status : DeliveryStatus::Pending, 0);
        }
        context.run(
            QStringLiteral(
                "UPDATE deliveries SET status = ?, created_at = ?, updated_at = ?, next_attempt_at = NULL "
                "WHERE id = ?"),
            {deliveryStatusName(delivery.status), plan.createdAt, plan.updatedAt, delivery.id});
    }
}

void seedInbound(SqlContext &context, qint64 now)
{
    for (const auto &sample : demo::inboundRequests(now))
        InboundRepository::insert(context, sample.request, sample.outcome, sample.response);
}

} // namespace

namespace {

// One step of a demo thread: minutes before now, who spoke, on which channel, what.
struct ThreadStep
{
    int lead; // index into the seeded leads
    int minutesAgo;
    Channel channel;
    Direction direction;
    std::variant<MessageStatus, CallStatus> status; // call status for voice
    const char *text; // body, or the call summary
    const char *subject = nullptr;
    int callSeconds = 0;
};

const std::vector<ThreadStep> &threadScript()
{
    static const std::vector<ThreadStep> steps {
        {0, 2880, Channel::Email, Direction::Outbound, MessageStatus::Delivered,
            "Hi Maria, thanks for your interest in Switchboard. Here is the deck we talked about.",
            "Switchboard for BrightPath"},
        {0, 2700, Channel::Email, Direction::Inbound, MessageStatus::Received,
            "Thanks! Could we do a call on Thursday with our dispatch lead?",
            "Re: Switchboard for BrightPath"},
        {0, 1500, Channel::Voice, Direction::Outbound, CallStatus::Completed,
            "Walked through routing rules and the dispatch integration; next step is a pilot.", nullptr,
            1260},
        {0, 95, Channel::Sms, Direction::Outbound, MessageStatus::Delivered,
            "Hi Maria, the pilot workspace is ready. Login details are in your inbox."},
        {0, 12, Channel::Sms, Direction::Inbound, MessageStatus::Received,
            "Got it, we'll start Monday. Can we add two more dispatchers?"},
        {1, 2300, Channel::Sms, Direction::Outbound, MessageStatus::Delivered,
            "Hi James, this is Sam from Switchboard. Is now a good time for a quick call?"},
        {1, 2280, Channel::Sms, Direction::Inbound, MessageStatus::Received,
            "Busy on a roof until 4. Call after?"},
        {1, 2000, Channel::Voice, Direction::Outbound, CallStatus::NoAnswer, "No answer; left no voicemail.",
            nullptr, 0},
        {1, 40, Channel::Sms, Direction::Outbound, MessageStatus::Failed,
            "Following up on our chat about crew scheduling."},
        {3, 7000, Channel::Email, Direction::Outbound, MessageStatus::Delivered,
            "Sehr geehrte Frau Fischer, anbei unser Angebot für 120 Arbeitsplätze.",
            "Angebot Switchboard Enterprise"},
        {3, 6500, Channel::Email, Direction::Inbound, MessageStatus::Received,
            "Danke. Wir brauchen noch die Auftragsverarbeitungsvereinbarung (AVV).",
            "AW: Angebot Switchboard Enterprise"},
        {3, 300, Channel::Voice, Direction::Inbound, CallStatus::Completed,
            "Procurement confirmed the budget; legal review of the DPA this week.", nullptr, 840},
        {4, 5000, Channel::Email, Direction::Outbound, MessageStatus::Delivered,
            "David, the proposal for the Lagos rollout is attached.", "Proposal: Greenline rollout"},
        {4, 180, Channel::Sms, Direction::Inbound, MessageStatus::Received,
            "Reviewed the proposal. Can we move the start to the 1st?"},
        {4, 175, Channel::Sms, Direction::Outbound, MessageStatus::Sent,
            "Yes, the 1st works. I'll update the order form today."},
        {7, 1200, Channel::Voice, Direction::Inbound, CallStatus::Completed,
            "Emily asked about HIPAA and SSO; sending the security pack.", nullptr, 610},
        {7, 1100, Channel::Email, Direction::Outbound, MessageStatus::Delivered,
            "Emily, here is our security pack and the SSO setup guide.", "Security pack"},
        {7, 25, Channel::Email, Direction::Inbound, MessageStatus::Received,
            "Our CISO signed off. What are the next steps?", "Re: Security pack"},
        {8, 600, Channel::Sms, Direction::Inbound, MessageStatus::Received,
            "Olá! Vi o anúncio. Vocês atendem em português?"},
        {8, 590, Channel::Sms, Direction::Outbound, MessageStatus::Delivered,
            "Olá Lucas! Sim, claro. Posso ligar amanhã às 10h?"},
        {8, 3, Channel::Sms, Direction::Inbound, MessageStatus::Received, "Perfeito, pode ligar."},
        {10, 4200, Channel::Voice, Direction::Outbound, CallStatus::Completed,
            "Noah wants a 3-year term; sent revised pricing.", nullptr, 930},
        {10, 60, Channel::Email, Direction::Inbound, MessageStatus::Received,
            "The partners approved the 3-year term. Please send the contract.", "Contract"},
    };
    return steps;
}

} // namespace

void seedDemoConversations(SqlContext &context, const QList<DemoLead> &leads)
{
    // Written through the messaging repository like real callbacks, before any webhook
    // configuration exists, so the events they raise are not turned into deliveries.
    const qint64 now = context.nowMs();
    const auto ourNumber = QStringLiteral("+15005550006");
    const auto ourAddress = QStringLiteral("sales@switchboard.example");
    int sequence = 0;
    for (const auto &step : threadScript()) {
        if (step.lead >= leads.size())
            continue;
        const auto &lead = leads[step.lead];
        const qint64 at = now - qint64(step.minutesAgo) * minuteMs;
        const auto channel = step.channel;
        const bool inbound = step.direction == Direction::Inbound;
        ++sequence;
        if (channel == Channel::Voice) {
            CallUpdate call;
            call.provider = QStringLiteral("twilio");
            call.callRef = QStringLiteral("CAdemo%1").arg(sequence, 26, 10, QLatin1Char('0'));
            call.leadId = lead.id;
            call.direction = directionName(step.direction);
            call.from = inbound ? lead.phone : ourNumber;
            call.to = inbound ? ourNumber : lead.phone;
            call.status = std::get<CallStatus>(step.status);
            if (step.callSeconds > 0) {
                call.durationSeconds = step.callSeconds;
                call.recordingSid = QStringLiteral("REdemo%1").arg(sequence, 26, 10, QLatin1Char('0'));
                call.recordingUrl
                    = QStringLiteral("https://api.twilio.com/2010-04-01/Accounts/ACdemo/Recordings/")
                    + call.recordingSid;
                call.recordingDurationSeconds = step.callSeconds - 5;
            }
            call.summary = QString::fromUtf8(step.text);
            const auto json = MessagingRepository::upsertCall(context, call);
            context.run(QStringLiteral(
                            "UPDATE calls SET created_at = ?, updated_at = ?, started_at = ?, ended_at = ? "
                            "WHERE id = ?"),
                {at, at, at, at + qint64(step.callSeconds) * 1000,
                    json.value(QStringLiteral("id")).toVariant()});
            continue;
        }
        NewMessage message;
        message.leadId = lead.id;
        message.channel = channel;
        message.direction = step.direction;
        const bool email = channel == Channel::Email;
        message.provider = email ? QStringLiteral("mailgun") : QStringLiteral("twilio");
        message.providerMessageId = email
            ? QStringLiteral("<demo-%1@mail.switchboard.example>").arg(sequence)
            : QStringLiteral("SMdemo%1").arg(sequence, 26, 10, QLatin1Char('0'));
        const auto theirs = email ? lead.email : lead.phone;
        const auto ours = email ? ourAddress : ourNumber;
        message.from = inbound ? theirs : ours;
        message.to = inbound ? ours : theirs;
        message.subject = step.subject ? QString::fromUtf8(step.subject) : QString();
        message.body = QString::fromUtf8(step.text);
        message.status = std::get<MessageStatus>(step.status);
        const auto json = MessagingRepository::addMessage(context, message);
        context.run(QStringLiteral("UPDATE messages SET created_at = ?, updated_at = ? WHERE id = ?"),
            {at, at, json.value(QStringLiteral("id")).toVariant()});
        // A failed SMS carries the carrier's code, as Twilio's status callback reports it.
        if (!email && isFailedMessageStatus(message.status))
            context.run(QStringLiteral("UPDATE messages SET error_code = '30003' WHERE id = ?"),
                {json.value(QStringLiteral("id")).toVariant()});
    }
    // The thread rows as the callbacks would have left them at those times; only the last day's
    // inbound messages are unread.
    context.run(
        QStringLiteral(
            "UPDATE conversations SET "
            "last_message_at = max(COALESCE((SELECT MAX(created_at) FROM messages m WHERE m.conversation_id "
            "= conversations.id), 0), "
            "                      COALESCE((SELECT MAX(created_at) FROM calls c WHERE c.conversation_id = "
            "conversations.id), 0)), "
            "unread_count = (SELECT COUNT(*) FROM messages m WHERE m.conversation_id = conversations.id "
            "                AND m.direction = ? AND m.created_at > ?)"),
        {directionName(Direction::Inbound), now - 24 * 60 * minuteMs});
    context.run(
        QStringLiteral(
            "UPDATE conversations SET created_at = COALESCE((SELECT MIN(created_at) FROM messages m "
            "WHERE m.conversation_id = conversations.id), last_message_at), updated_at = last_message_at"),
        {});
}

namespace {

// Finished campaigns for the Dashboard's leaderboard: started through the campaign repository (one
// recipient per lead), recipients moved forward as status callbacks and replies would, then completed.
void seedDemoCampaigns(SqlContext &context, const QList<DemoLead> &leads, qint64 now)
{
    QList<qint64> withPhone;
    for (const auto &lead : leads) {
        if (!lead.phone.isEmpty())
            withPhone.append(lead.id);
    }
    for (const auto &sample : demo::finishedCampaigns()) {
        const qint64 startedAt = now - qint64(sample.startedDaysAgo) * 24 * 60 * minuteMs;
        const qint64 id = context.write(
            QStringLiteral("INSERT INTO campaigns(name, channel, body, state, created_at, updated_at) "
                           "VALUES (?, ?, ?, ?, ?, ?)"),
            {QString::fromUtf8(sample.name), channelName(Channel::Sms), QString::fromUtf8(sample.body),
                campaignStateName(CampaignState::Draft), startedAt, startedAt});
        CampaignRepository::start(context, id, withPhone.mid(0, sample.recipients), QStringLiteral("demo"));
        QList<qint64> recipients;
        auto &query = context.run(
            QStringLiteral("SELECT id FROM campaign_recipients WHERE campaign_id = ? ORDER BY id"), {id});
        while (query.next())
            recipients.append(query.value(0).toLongLong());
        query.finish();
        for (int i = 0; i < int(recipients.size()); ++i) {
            const auto recipient = recipients[i];
            if (i >= int(recipients.size()) - sample.failed) {
                CampaignRepository::advance(context, recipient, RecipientState::Failed,
                    QStringLiteral("30003 Unreachable destination handset"));
                continue;
            }
            CampaignRepository::advance(context, recipient, RecipientState::Sent);
            if (i < sample.delivered)
                CampaignRepository::advance(context, recipient, RecipientState::Delivered);
            if (i < sample.replied)
                CampaignRepository::advance(context, recipient, RecipientState::Replied);
        }
        CampaignRepository::setState(context, id, CampaignState::Completed);
        context.run(QStringLiteral("UPDATE campaigns SET started_at = ?, completed_at = ? WHERE id = ?"),
            {startedAt, startedAt + 2 * 60 * minuteMs, id});
    }
}

} // namespace

bool DemoData::fill(SqlContext &context)
{
    if (!databaseIsEmpty(context))
        return false;
    const qint64 now = context.nowMs();
    const auto leads = seedLeads(context, now);
    seedDemoConversations(context, leads);
    seedDemoCampaigns(context, leads, now);
    seedCampaigns(context, now);
    seedDeliveries(context, seedConfigs(context), now);
    seedInbound(context, now);
    return true;
}

bool DemoData::seed(SqlWorker &writer, QString *error)
{
    QObject receiver;
    QEventLoop loop;
    bool finished = false;
    bool filled = false;
    SqlJob job;
    job.replyContext = &receiver;
    job.run = [&filled](SqlContext &context) -> ApiResult {
        filled = fill(context);
        return ApiResponse {};
    };
    job.done = [&](const ApiResult &result) {
        if (const auto *failure = std::get_if<ApiError>(&result))
            *error = failure->message;
        finished = true;
        loop.quit();
    };
    writer.submit(std::move(job));
    // Runs before the window exists: wait for the commit so the first views show the data.
    if (!finished)
        loop.exec();
    if (error->isEmpty() && !filled)
        qCInfo(lcRuntime, "demo: the database already holds data; no sample data added");
    return error->isEmpty();
}

} // namespace sb
