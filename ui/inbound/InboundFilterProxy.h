#pragma once

#include <QSortFilterProxyModel>

namespace sb {

// The search box and the status combo over InboundRequestModel. It filters the rows loaded so far;
// the view keeps fetching older pages while the filtered table does not fill its viewport.
class InboundFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit InboundFilterProxy(QObject *parent = nullptr);

    // Matches path, provider, event, status (raw or translated), client address and HTTP status,
    // case-insensitively, or a record id exactly.
    void setSearchText(const QString &text);
    // processed | duplicate | rejected; empty for all.
    void setStatus(const QString &status);
    bool isFiltering() const { return !m_search.isEmpty() || !m_status.isEmpty(); }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_search;
    QString m_status;
};

} // namespace sb
