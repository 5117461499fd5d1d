#include "EndpointsPage.h"

#include "ProviderEndpoints.h"
#include "runtime/Runtime.h"

#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace sb {

EndpointsPage::EndpointsPage(Runtime &runtime, QWidget *parent)
    : QWidget(parent)
    , m_runtime(runtime)
{
    m_base = new QLabel(this);
    m_base->setWordWrap(true);
    m_base->setObjectName(QStringLiteral("endpointsBase"));
    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("endpointsList"));
    m_list->setRootIsDecorated(false);
    m_list->setAlternatingRowColors(true);
    m_list->setHeaderLabels({tr("Provider"), tr("Purpose"), tr("Path"), tr("Verified with"), QString()});
    m_list->header()->setStretchLastSection(false);
    m_list->header()->setSectionResizeMode(2, QHeaderView::Stretch);
    m_list->setTextElideMode(Qt::ElideMiddle);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_base);
    layout->addWidget(m_list, 1);
    rebuild();
}

void EndpointsPage::rebuild()
{
    const auto publicUrl = m_runtime.options().publicUrl;
    const auto base = publicUrl.isEmpty() ? m_runtime.listenUrl() : publicUrl;
    m_base->setText(publicUrl.isEmpty()
            ? tr("Paths below start at %1. No public URL is set, so these are local addresses: providers on "
                 "the internet need the tunnel's URL (Server tab). Copy puts the full URL on the clipboard.")
                  .arg(base)
            : tr("Paths below start at the public URL %1. Copy puts the full URL on the clipboard; paste "
                 "it into the provider's console.")
                  .arg(publicUrl));
    m_list->clear();
    int row = 0;
    for (const auto &endpoint : ProviderEndpoints::all()) {
        const auto url = ProviderEndpoints::url(base, endpoint.path);
        auto *item = new QTreeWidgetItem(m_list,
            {endpoint.provider, endpoint.purpose, endpoint.path,
                endpoint.secret.isEmpty() ? tr("nothing (test only)") : endpoint.secret});
        item->setToolTip(2, url);
        item->setData(2, Qt::UserRole, url);
        item->setToolTip(3, endpoint.secret);
        auto *copy = new QPushButton(tr("Copy"), m_list);
        copy->setObjectName(QStringLiteral("copyEndpoint%1").arg(row++));
        copy->setToolTip(tr("Copy %1").arg(url));
        connect(copy, &QPushButton::clicked, this, [url] { QApplication::clipboard()->setText(url); });
        m_list->setItemWidget(item, 4, copy);
    }
    for (const int column : {0, 1, 3})
        m_list->resizeColumnToContents(column);
    // The longest secret names would squeeze the paths: cap them, the tooltip has the rest.
    m_list->setColumnWidth(3,
        std::min(m_list->columnWidth(3),
            m_list->fontMetrics().horizontalAdvance(QStringLiteral("MAILGUN_WEBHOOK_SIGNING_KEY")) + 16));
}

} // namespace sb
