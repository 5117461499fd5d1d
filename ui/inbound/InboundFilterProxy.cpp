#include "InboundFilterProxy.h"

#include "InboundRequestModel.h"

namespace sb {

InboundFilterProxy::InboundFilterProxy(QObject *parent) : QSortFilterProxyModel(parent)
{
    // Rows stay in the source's newest-first order: sorting only the loaded pages would mislead.
    setDynamicSortFilter(true);
}

void InboundFilterProxy::setSearchText(const QString &text)
{
    const auto trimmed = text.trimmed();
    if (trimmed == m_search)
        return;
    m_search = trimmed;
    invalidateRowsFilter();
}

void InboundFilterProxy::setStatus(const QString &status)
{
    if (status == m_status)
        return;
    m_status = status;
    invalidateRowsFilter();
}

bool InboundFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const auto *model = sourceModel();
    const auto status = model->index(sourceRow, InboundRequestModel::Status, sourceParent);
    const auto rawStatus = status.data(InboundRequestModel::StatusRole).toString();
    if (!m_status.isEmpty() && rawStatus != m_status)
        return false;
    if (m_search.isEmpty())
        return true;
    const auto matches = [&](int column) {
        return model->index(sourceRow, column, sourceParent).data().toString().contains(m_search, Qt::CaseInsensitive);
    };
    return matches(InboundRequestModel::Path) || matches(InboundRequestModel::Provider)
        || matches(InboundRequestModel::Event) || matches(InboundRequestModel::Status)
        || matches(InboundRequestModel::Client) || matches(InboundRequestModel::HttpStatus)
        || rawStatus.contains(m_search, Qt::CaseInsensitive)
        || model->index(sourceRow, 0, sourceParent).data(InboundRequestModel::RecordIdRole).toString().compare(
               m_search, Qt::CaseInsensitive) == 0;
}

} // namespace sb
