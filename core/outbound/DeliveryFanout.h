#pragma once

#include "domain/RelayTarget.h"
#include "domain/WebhookConfig.h"
#include "storage/SqlWorker.h"

#include <atomic>
#include <functional>
#include <vector>

namespace sb {

// The writer thread's fan-out: every published event becomes one pending delivery per active
// configuration whose event types and filters match, in the transaction that raised the event.
class DeliveryFanout final : public EventRouter
{
public:
    int route(SqlContext &context, const DomainEvent &event) override;
    bool wants(SqlContext &context, const QString &eventType) override;
    // One relay delivery (source "relay") per enabled relay target of `routeName`, with the request
    // to forward fixed now (relay::forwardedHeaders).
    int relay(SqlContext &context, const ApiRequest &request, const QString &routeName) override;
    // Called after configurations or relay targets changed (any thread): the next event reloads them.
    void invalidate() override { m_generation.fetch_add(1); }
    // The public URL a provider signed (PublicUrl of the inbound layer); set before requests arrive.
    void setOriginalUrl(std::function<QByteArray(const ApiRequest &)> originalUrl)
    {
        m_originalUrl = std::move(originalUrl);
    }

    // The body sent for an event (seed 004): {"event": .., "timestamp": .., ...data}.
    static QByteArray payloadFor(const QString &eventType, qint64 occurredAtMs, const QJsonObject &data);

private:
    void reloadIfChanged(SqlContext &context);

    std::atomic<int> m_generation {1};
    int m_loaded = 0; // generation of m_configs (writer thread only)
    std::vector<WebhookConfig> m_configs;
    std::vector<RelayTarget> m_relays; // enabled ones only
    std::function<QByteArray(const ApiRequest &)> m_originalUrl;
};

} // namespace sb
