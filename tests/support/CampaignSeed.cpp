#include "CampaignSeed.h"

#include "domain/Messaging.h"
#include "runtime/Runtime.h"
#include "storage/SqlWorker.h"

#include <QObject>
#include <QTest>

namespace sb::test {

qint64 seedCampaign(Runtime &runtime, const QString &name, CampaignState state, const QString &timeZone,
    const QList<SeedRecipient> &recipients, qint64 skippedDoNotContact)
{
    QObject context;
    bool done = false;
    qint64 id = 0;
    SqlJob job;
    job.run = [&id, name, state, timeZone, recipients, skippedDoNotContact](SqlContext &c) -> ApiResult {
        const auto now = c.nowMs();
        const bool started = state != CampaignState::Draft && state != CampaignState::Scheduled;
        id = c.write(
            QStringLiteral("INSERT INTO campaigns(name, channel, body, time_zone, state, "
                           "skipped_do_not_contact, created_at, updated_at, started_at, completed_at) "
                           "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            {name, channelName(Channel::Sms), QStringLiteral("Hi {first_name|there}, spring deals are here"),
                timeZone.isEmpty() ? QVariant() : QVariant(timeZone), campaignStateName(state),
                skippedDoNotContact, now, now, started ? QVariant(now) : QVariant(),
                state == CampaignState::Completed ? QVariant(now) : QVariant()});
        qint64 lead = 0;
        for (const auto &recipient : recipients) {
            const auto rank = recipientStateRank(recipient.state);
            const auto sent = recipient.sentAt;
            const auto at = [&](RecipientState step, qint64 minutes) {
                const bool reached = step == recipient.state
                    || (rank <= recipientStateRank(RecipientState::Replied)
                        && recipientStateRank(step) <= rank);
                return sent > 0 && reached ? QVariant(sent + minutes * 60000) : QVariant();
            };
            const bool ended = recipient.state == RecipientState::Bounced
                || recipient.state == RecipientState::Failed
                || recipient.state == RecipientState::Unsubscribed;
            c.write(QStringLiteral(
                        "INSERT INTO campaign_recipients(campaign_id, lead_id, state, queued_at, "
                        "sent_at, delivered_at, opened_at, clicked_at, replied_at, ended_at, updated_at) "
                        "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                {id, ++lead, recipientStateName(recipient.state), now,
                    sent > 0 && recipient.state != RecipientState::Failed ? QVariant(sent) : QVariant(),
                    at(RecipientState::Delivered, 1), at(RecipientState::Opened, 5),
                    at(RecipientState::Clicked, 9), at(RecipientState::Replied, 25),
                    ended ? QVariant(sent > 0 ? sent + 60000 : now) : QVariant(), now});
        }
        return ApiResponse {};
    };
    job.replyContext = &context;
    job.done = [&done](const ApiResult &) { done = true; };
    runtime.writer().submit(std::move(job));
    (void)QTest::qWaitFor([&done] { return done; }, 10000);
    return done ? id : 0;
}

qint64 seedCompletedCampaign(Runtime &runtime, qint64 now)
{
    const qint64 hour = 3600000;
    const qint64 start = (now / hour) * hour - 7 * hour;
    QList<SeedRecipient> recipients;
    const std::pair<RecipientState, int> mix[] {{RecipientState::Replied, 24}, {RecipientState::Clicked, 5},
        {RecipientState::Opened, 3}, {RecipientState::Delivered, 3}, {RecipientState::Sent, 1},
        {RecipientState::Bounced, 2}, {RecipientState::Failed, 1}, {RecipientState::Unsubscribed, 1}};
    int n = 0;
    for (const auto &[state, count] : mix) {
        for (int i = 0; i < count; ++i, ++n) {
            // Spread over six hours, the early ones replying more (they come first in the mix).
            const qint64 sentAt = start + (qint64(n * 7) % 6) * hour + qint64(n) * 45000;
            recipients.append({state, state == RecipientState::Failed ? 0 : sentAt});
        }
    }
    return seedCampaign(runtime, QStringLiteral("Spring offer"), CampaignState::Completed,
        QStringLiteral("Europe/Berlin"), recipients, 3);
}

} // namespace sb::test
