#include "EventBus.h"

namespace sb {

EventBus::EventBus(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<QList<sb::DomainEvent>>();
    qRegisterMetaType<QList<sb::InboundSummary>>();
    qRegisterMetaType<QList<sb::StreamEvent>>();
}

void EventBus::publishCommitted(const QList<DomainEvent> &events, const QList<InboundSummary> &inbound,
    int deliveriesQueued, const QList<StreamEvent> &streamed)
{
    if (deliveriesQueued > 0)
        Q_EMIT this->deliveriesQueued(deliveriesQueued);
    if (!events.isEmpty())
        Q_EMIT eventsPublished(events);
    if (!inbound.isEmpty())
        Q_EMIT inboundRecorded(inbound);
    if (!streamed.isEmpty())
        Q_EMIT eventsLogged(streamed);
}

} // namespace sb
