#include "LiveClientsLabel.h"

#include "runtime/Runtime.h"

#include <QLocale>

namespace sb {

LiveClientsLabel::LiveClientsLabel(Runtime &runtime, QWidget *parent)
    : QLabel(parent)
{
    setObjectName(QStringLiteral("statusLiveClients"));
    setToolTip(tr("Clients following events live over /ws and the SSE streams"));
    auto *hub = runtime.live();
    display(hub ? hub->clientCount() : 0);
    if (hub)
        connect(hub, &LiveHub::clientCountChanged, this, &LiveClientsLabel::display, Qt::QueuedConnection);
}

void LiveClientsLabel::display(int count)
{
    m_count = count;
    setText(tr("Live: %1").arg(QLocale().toString(count)));
}

} // namespace sb
