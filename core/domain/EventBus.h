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

    void publishCommitted(const QList<DomainEvent> &events, const QList<InboundSummary> &inbound,
        int deliveriesQueued = 0, const QList<StreamEvent> &streamed = {});

Q_SIGNALS:
    void eventsPublished(const QList<sb::DomainEvent> &events);
    void inboundRecorded(const QList<sb::InboundSummary> &requests);
    // New or re-queued outbound deliveries were committed.
    void deliveriesQueued(int count);
    // A delivery attempt was committed (its new state is in the database).
    void deliveryUpdated(const QString &deliveryId, const QString &status);
    // Webhook configurations were created, changed or deleted.
    void configsChanged();
    // Entries appended to the durable event log by one commit, in seq order (the live streams).
    void eventsLogged(const QList<sb::StreamEvent> &events);
};

} // namespace sb
