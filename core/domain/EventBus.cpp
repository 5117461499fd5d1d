#include "EventBus.h"

namespace sb {

EventBus::EventBus(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<QList<sb::DomainEvent>>();
    qRegisterMetaType<QList<sb::InboundSummary>>();
}

void EventBus::publishCommitted(
    const QList<DomainEvent> &events, const QList<InboundSummary> &inbound, int deliveriesQueued)
{
    if (deliveriesQueued > 0)
        Q_EMIT this->deliveriesQueued(deliveriesQueued);
    if (!events.isEmpty())
        Q_EMIT eventsPublished(events);
    if (!inbound.isEmpty())
        Q_EMIT inboundRecorded(inbound);
}

} // namespace sb
