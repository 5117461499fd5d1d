#pragma once

#include "DomainEvent.h"

#include <QObject>

namespace sb {

// Typed fan-out of committed changes. Emitted from the writer thread after each group commit;
// receivers in other threads get them through queued connections, in batches.
class EventBus : public QObject
{
    Q_OBJECT
public:
    explicit EventBus(QObject *parent = nullptr);

    void publishCommitted(const QList<DomainEvent> &events, const QList<InboundSummary> &inbound);

Q_SIGNALS:
    void eventsPublished(const QList<sb::DomainEvent> &events);
    void inboundRecorded(const QList<sb::InboundSummary> &requests);
};

} // namespace sb
