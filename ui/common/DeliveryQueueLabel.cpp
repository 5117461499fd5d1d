#include "DeliveryQueueLabel.h"

#include "WorkerQuery.h"
#include "runtime/Runtime.h"
#include "storage/DeliveryRepository.h"

#include <QLocale>
#include <QTimer>

namespace sb {

namespace {
constexpr int pollMs = 5000;
constexpr int coalesceMs = 500;
} // namespace

DeliveryQueueLabel::DeliveryQueueLabel(Runtime &runtime, QWidget *parent)
    : QLabel(parent)
    , m_runtime(runtime)
{
    setObjectName(QStringLiteral("statusQueue"));
    setToolTip(tr("Outbound deliveries waiting for their first attempt or a retry"));
    setText(tr("Queue: …"));
    m_coalesce = new QTimer(this);
    m_coalesce->setSingleShot(true);
    m_coalesce->setInterval(coalesceMs);
    connect(m_coalesce, &QTimer::timeout, this, &DeliveryQueueLabel::poll);
    auto *periodic = new QTimer(this);
    periodic->setInterval(pollMs);
    connect(periodic, &QTimer::timeout, this, &DeliveryQueueLabel::poll);
    periodic->start();
    connect(&runtime.bus(), &EventBus::deliveriesQueued, this, &DeliveryQueueLabel::schedule,
        Qt::QueuedConnection);
    connect(&runtime.bus(), &EventBus::deliveryUpdated, this, &DeliveryQueueLabel::schedule,
        Qt::QueuedConnection);
    poll();
}

void DeliveryQueueLabel::schedule()
{
    if (!m_coalesce->isActive())
        m_coalesce->start();
}

void DeliveryQueueLabel::poll()
{
    if (m_inFlight)
        return;
    m_inFlight = true;
    runOnWorker(
        m_runtime.reader(), this,
        [](SqlContext &sql) -> qint64 { return DeliveryRepository::pendingCount(sql); },
        [this](qint64 count, const QString &error) {
            m_inFlight = false;
            if (!error.isEmpty()) {
                setText(tr("Queue: ?"));
                setToolTip(error);
                return;
            }
            m_pending = count;
            setText(tr("Queue: %1 pending").arg(QLocale().toString(count)));
            Q_EMIT updated(count);
        });
}

} // namespace sb
