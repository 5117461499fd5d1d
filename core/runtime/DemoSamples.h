#pragma once

#include "domain/WebhookConfig.h"
#include "storage/DeliveryRepository.h"
#include "storage/InboundRepository.h"

#include <vector>

// The sample records of `--demo` (DemoData writes them). Deterministic: the same data every run.
namespace sb::demo {

struct LeadSample
{
    const char *first, *last, *email, *phone, *company, *title, *city, *source, *priority, *status; // UTF-8
    double expectedValue = 0;
    int ageMinutes = 0;
};

struct ConfigSample
{
    QJsonObject body; // as POST /api/webhooks/config takes it
    QString disabledReason;
};

struct DeliveryPlan
{
    Delivery delivery;
    QList<DeliveryAttempt> attempts;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
};

struct InboundSample
{
    ApiRequest request;
    InboundOutcome outcome;
    ApiResponse response;
};

// A finished campaign of the demo: its recipients are the first `recipients` demo leads with a phone;
// the first `delivered` of them were delivered, the first `replied` of those replied, the last
// `failed` failed.
struct FinishedCampaignSample
{
    const char *name, *body; // UTF-8
    int startedDaysAgo = 0;
    int recipients = 0;
    int delivered = 0;
    int replied = 0;
    int failed = 0;
};

const std::vector<FinishedCampaignSample> &finishedCampaigns();
// A campaign of the demo: drafted only, or started over its audience with each recipient moved to
// the state its letter in `outcomes` gives (cycled; d delivered, r replied, s sent, o opened,
// c clicked, b bounced, f failed, q still queued) and then left in `state`.
struct CampaignSample
{
    const char *name, *channel, *subject, *body; // UTF-8
    QJsonObject audience;
    int throttlePerMinute = 0;
    const char *state; // draft, paused, completed
    const char *outcomes;
    int ageMinutes = 0;
};

const std::vector<LeadSample> &leads();
std::vector<CampaignSample> campaigns();
// Statuses a lead went through to reach `status`, starting with "new".
QStringList statusPath(const QString &status);
QString memoFor(int index);
std::vector<ConfigSample> configs();
std::vector<DeliveryPlan> deliveries(const QList<WebhookConfig> &configs, qint64 nowMs);
std::vector<InboundSample> inboundRequests(qint64 nowMs);

} // namespace sb::demo
