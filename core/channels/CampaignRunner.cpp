#include "CampaignRunner.h"

#include "domain/EventBus.h"
#include "storage/CampaignRepository.h"
#include "storage/LeadDirectory.h"
#include "storage/SqlWorker.h"

#include <QJsonDocument>
#include <algorithm>

namespace sb {

namespace {

constexpr int idleMs = 1000;
constexpr int activeMs = 200;

struct RunningCampaign
{
    qint64 id = 0;
    Channel channel = Channel::Sms;
    std::optional<qint64> serviceId;
    QString subject;
    QString body;
    qint64 throttle = 0;
    qint64 nextSendAt = 0;
};

// Hands up to the throttle's allowance of queued recipients to the outbox. Returns how many went
// and when the next may go (0: now).
std::pair<int, qint64> sendBatch(
    SqlContext &context, const RunningCampaign &campaign, const SendSettings &settings)
{
    const auto now = context.nowMs();
    const qint64 interval = campaign.throttle > 0 ? std::max<qint64>(1, 60000 / campaign.throttle) : 0;
    qint64 next = campaign.nextSendAt;
    if (interval > 0 && next < now - interval)
        next = now; // no burst after a pause or a restart
    int allowance = CampaignRunner::batchSize;
    if (interval > 0)
        allowance = next > now ? 0 : int(std::min<qint64>(allowance, (now - next) / interval + 1));
    if (allowance == 0)
        return {0, next};
    auto &query
        = context.run(QStringLiteral("SELECT id, lead_id FROM campaign_recipients WHERE campaign_id = ? "
                                     "AND state = ? AND message_id IS NULL ORDER BY id LIMIT ?"),
            {campaign.id, recipientStateName(RecipientState::Queued), allowance});
    QList<std::pair<qint64, qint64>> recipients;
    while (query.next())
        recipients.append({query.value(0).toLongLong(), query.value(1).toLongLong()});
    query.finish();
    for (const auto &[recipient, leadId] : recipients) {
        const auto lead = LeadDirectory::lead(context, leadId);
        if (!lead) {
            CampaignRepository::advance(
                context, recipient, RecipientState::Failed, QStringLiteral("the lead no longer exists"));
            continue;
        }
        const auto values = campaignTemplateValues(*lead);
        SendRequest send;
        send.channel = campaign.channel;
        send.to = leadAddressFor(*lead, campaign.channel);
        send.leadId = leadId;
        send.serviceId = campaign.serviceId;
        send.subject = CampaignTemplate::render(campaign.subject, values);
        send.body = CampaignTemplate::render(campaign.body, values);
        send.idempotencyKey = QStringLiteral("campaign:%1:%2").arg(campaign.id).arg(leadId);
        const auto result = queueSend(context, send, settings);
        if (const auto *error = std::get_if<ApiError>(&result)) {
            CampaignRepository::advance(context, recipient, RecipientState::Failed, error->message);
            continue;
        }
        const auto &queued = std::get<SendQueued>(result);
        context.run(
            QStringLiteral("UPDATE campaign_recipients SET message_id = ?, outbox_id = ?, updated_at = ? "
                           "WHERE id = ?"),
            {queued.messageId, queued.outboxId, now, recipient});
    }
    if (interval > 0)
        next += qint64(recipients.size()) * interval;
    context.run(QStringLiteral("UPDATE campaigns SET next_send_at = ? WHERE id = ?"), {next, campaign.id});
    return {int(recipients.size()), interval > 0 ? next : 0};
}

} // namespace

QHash<QString, QString> campaignTemplateValues(const Lead &lead)
{
    auto owner = lead.attributes.value(QStringLiteral("owner")).toString();
    if (owner.isEmpty() && lead.assignedTo)
        owner = QString::number(*lead.assignedTo);
    return {{QStringLiteral("first_name"), lead.firstName}, {QStringLiteral("last_name"), lead.lastName},
        {QStringLiteral("company_name"), lead.companyName}, {QStringLiteral("owner"), owner},
        {QStringLiteral("email"), lead.email},
        {QStringLiteral("phone"), lead.phoneE164.isEmpty() ? lead.phone : lead.phoneE164}};
}

CampaignRunner::CampaignRunner(SqlWorker &writer, EventBus &bus, SendSettings settings, QObject *parent)
    : QObject(parent)
    , m_writer(writer)
    , m_settings(std::move(settings))
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &CampaignRunner::tick);
    connect(
        &bus, &EventBus::eventsPublished, this,
        [this](const QList<DomainEvent> &events) {
            QList<QJsonObject> updates;
            QList<std::pair<qint64, qint64>> replies;
            bool started = false;
            for (const auto &event : events) {
                if (event.type == QLatin1String("message.updated")) {
                    updates.append(event.payload);
                } else if (event.type == QLatin1String("message.created")) {
                    const auto message = event.payload.value(QStringLiteral("message")).toObject();
                    if (message.value(QStringLiteral("direction")).toString()
                        == directionName(Direction::Inbound))
                        replies.append({event.payload.value(QStringLiteral("leadId")).toInteger(),
                            message.value(QStringLiteral("created_at")).toInteger()});
                } else if (event.type == QLatin1String("campaign.started")) {
                    started = true;
                }
            }
            if (started) {
                m_tracking = true;
                wake();
            }
            // No campaign has recipients yet: no message concerns one.
            if (!m_tracking || (updates.isEmpty() && replies.isEmpty()))
                return;
            SqlJob job;
            job.run = [updates, replies](SqlContext &context) -> ApiResult {
                int moved = 0;
                for (const auto &payload : updates)
                    moved += CampaignRepository::applyMessageUpdate(context, payload) ? 1 : 0;
                for (const auto &[lead, at] : replies) {
                    if (lead > 0)
                        moved += CampaignRepository::applyReply(context, lead, at > 0 ? at : context.nowMs());
                }
                return ApiResponse::json(200, QJsonObject {{QStringLiteral("recipients"), moved}});
            };
            m_writer.submit(std::move(job));
        },
        Qt::QueuedConnection);
}

void CampaignRunner::start()
{
    m_running = true;
    m_timer.start(0); // running campaigns resume, due scheduled ones start
}

void CampaignRunner::stop()
{
    m_running = false;
    m_timer.stop();
}

void CampaignRunner::wake()
{
    if (!m_running)
        return;
    if (m_busy)
        m_again = true;
    else
        m_timer.start(0);
}

void CampaignRunner::tick()
{
    if (!m_running || m_busy)
        return;
    m_busy = true;
    SqlJob job;
    job.replyContext = this;
    job.run = [settings = m_settings](SqlContext &context) -> ApiResult {
        const auto now = context.nowMs();
        // Scheduled campaigns whose time has come.
        QList<qint64> due;
        auto &scheduled = context.run(QStringLiteral("SELECT id FROM campaigns WHERE state = ? AND "
                                                     "scheduled_at IS NOT NULL AND scheduled_at <= ?"),
            {campaignStateName(CampaignState::Scheduled), now});
        while (scheduled.next())
            due.append(scheduled.value(0).toLongLong());
        scheduled.finish();
        for (const auto id : due)
            CampaignRepository::start(context, id, {}, {});
        QList<RunningCampaign> running;
        auto &query = context.run(
            QStringLiteral("SELECT id, channel, service_id, subject, body, throttle_per_minute, next_send_at "
                           "FROM campaigns WHERE state = ? ORDER BY id"),
            {campaignStateName(CampaignState::Running)});
        while (query.next()) {
            RunningCampaign campaign;
            campaign.id = query.value(0).toLongLong();
            campaign.channel = channelFromName(query.value(1).toString()).value_or(Channel::Sms);
            if (!query.value(2).isNull())
                campaign.serviceId = query.value(2).toLongLong();
            campaign.subject = query.value(3).toString();
            campaign.body = query.value(4).toString();
            campaign.throttle = query.value(5).toLongLong();
            campaign.nextSendAt = query.value(6).toLongLong();
            running.append(campaign);
        }
        query.finish();
        qint64 wait = -1; // -1: nothing running
        for (const auto &campaign : std::as_const(running)) {
            CampaignRepository::syncFromOutbox(context, campaign.id);
            const auto [sent, next] = sendBatch(context, campaign, settings);
            qint64 campaignWait = activeMs;
            if (campaign.throttle == 0 && sent == CampaignRunner::batchSize)
                campaignWait = 0;
            else if (campaign.throttle > 0 && next > now)
                campaignWait = std::min<qint64>(activeMs, next - now);
            if (CampaignRepository::completeIfDone(context, campaign.id))
                continue;
            wait = wait < 0 ? campaignWait : std::min(wait, campaignWait);
        }
        auto &pending = context.run(QStringLiteral("SELECT COUNT(*) FROM campaigns WHERE state = ?"),
            {campaignStateName(CampaignState::Scheduled)});
        const bool anyScheduled = pending.next() && pending.value(0).toLongLong() > 0;
        pending.finish();
        auto &recipients
            = context.run(QStringLiteral("SELECT EXISTS(SELECT 1 FROM campaign_recipients)"), {});
        const bool tracking = recipients.next() && recipients.value(0).toBool();
        recipients.finish();
        return ApiResponse::json(200,
            QJsonObject {{QStringLiteral("wait"), wait}, {QStringLiteral("scheduled"), anyScheduled},
                {QStringLiteral("tracking"), tracking}});
    };
    job.done = [this](const ApiResult &result) {
        m_busy = false;
        if (!m_running)
            return;
        int next = idleMs;
        if (const auto *response = std::get_if<ApiResponse>(&result)) {
            const auto answer = QJsonDocument::fromJson(response->body).object();
            m_tracking = m_tracking || answer.value(QStringLiteral("tracking")).toBool();
            const auto wait = answer.value(QStringLiteral("wait")).toInteger(-1);
            if (wait >= 0)
                next = int(wait);
        }
        if (m_again) {
            m_again = false;
            next = 0;
        }
        m_timer.start(next);
    };
    m_writer.submit(std::move(job));
}

} // namespace sb
