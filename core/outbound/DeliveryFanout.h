#pragma once

#include "domain/WebhookConfig.h"
#include "storage/SqlWorker.h"

#include <atomic>
#include <vector>

namespace sb {

// The writer thread's fan-out: every published event becomes one pending delivery per active
// configuration whose event types and filters match, in the transaction that raised the event.
class DeliveryFanout final : public EventRouter
{
public:
    int route(SqlContext &context, const DomainEvent &event) override;
    bool wants(SqlContext &context, const QString &eventType) override;
    // Called after configurations changed (any thread): the next event reloads them.
    void invalidate() override { m_generation.fetch_add(1); }

    // The body sent for an event (seed 004): {"event": .., "timestamp": .., ...data}.
    static QByteArray payloadFor(const QString &eventType, qint64 occurredAtMs, const QJsonObject &data);

private:
    void reloadIfChanged(SqlContext &context);

    std::atomic<int> m_generation {1};
    int m_loaded = 0; // generation of m_configs (writer thread only)
    std::vector<WebhookConfig> m_configs;
};

} // namespace sb
