#include "DeliveryFanout.h"

#include "domain/RecordId.h"
#include "storage/DeliveryRepository.h"
#include "storage/RelayTargetRepository.h"
#include "storage/WebhookConfigRepository.h"

#include <QDateTime>
#include <QJsonDocument>

namespace sb {

QByteArray DeliveryFanout::payloadFor(const QString &eventType, qint64 occurredAtMs, const QJsonObject &data)
{
    QJsonObject body = data;
    body.insert(QStringLiteral("event"), eventType);
    body.insert(QStringLiteral("timestamp"),
        QDateTime::fromMSecsSinceEpoch(occurredAtMs, Qt::UTC).toString(Qt::ISODateWithMs));
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

void DeliveryFanout::reloadIfChanged(SqlContext &context)
{
    const int generation = m_generation.load();
    if (generation == m_loaded)
        return;
    m_configs.clear();
    for (auto &config : WebhookConfigRepository::list(context, {}, true, 0, -1))
        m_configs.push_back(std::move(config));
    m_relays.clear();
    for (auto &target : RelayTargetRepository::list(context)) {
        if (target.enabled)
            m_relays.push_back(std::move(target));
    }
    m_loaded = generation;
}

bool DeliveryFanout::wants(SqlContext &context, const QString &eventType)
{
    reloadIfChanged(context);
    return std::any_of(m_configs.begin(), m_configs.end(),
        [&eventType](const auto &config) { return config.eventTypes.contains(eventType); });
}

int DeliveryFanout::route(SqlContext &context, const DomainEvent &event)
{
    reloadIfChanged(context);
    int created = 0;
    QByteArray body;
    for (const auto &config : m_configs) {
        if (!config.matches(event.type, event.payload))
            continue;
        if (body.isEmpty())
            body = payloadFor(event.type, event.occurredAtMs, event.payload);
        Delivery delivery;
        delivery.id = newRecordId(u"msg_", context.nowMs());
        delivery.configId = config.id;
        delivery.eventId = event.id;
        delivery.eventType = event.type;
        delivery.source = event.origin.isEmpty() ? QStringLiteral("console") : event.origin;
        if (event.source.startsWith(QLatin1String("evt_")))
            delivery.inboundRequestId = event.source;
        delivery.payload = body;
        delivery.nextAttemptAt = context.nowMs();
        DeliveryRepository::insert(context, delivery);
        ++created;
    }
    return created;
}

int DeliveryFanout::relay(SqlContext &context, const ApiRequest &request, const QString &routeName)
{
    reloadIfChanged(context);
    int created = 0;
    HeaderList headers;
    for (const auto &target : m_relays) {
        if (!target.matches(routeName))
            continue;
        if (created == 0) {
            const auto originalUrl = m_originalUrl
                ? m_originalUrl(request)
                : QByteArray("http://") + request.header("Host") + relay::pathAndQuery(request);
            headers = relay::forwardedHeaders(request, originalUrl);
        }
        Delivery delivery;
        delivery.id = newRecordId(u"msg_", context.nowMs());
        delivery.eventId = request.recordId;
        delivery.eventType = routeName;
        delivery.source = QStringLiteral("relay");
        delivery.inboundRequestId = request.recordId;
        delivery.payload = request.body.isNull() ? QByteArray("") : request.body;
        delivery.nextAttemptAt = context.nowMs();
        delivery.relayTargetId = target.id;
        delivery.relayMethod = request.method;
        delivery.relayPath = relay::pathAndQuery(request);
        delivery.relayHeaders = headers;
        DeliveryRepository::insert(context, delivery);
        ++created;
    }
    return created;
}

} // namespace sb
