#pragma once

#include "LeadQueries.h"
#include "domain/DomainEvent.h"

#include <QAbstractTableModel>
#include <QSet>

namespace sb {

class Runtime;

// The leads, sorted and searched in SQL, read page by page on the reader thread (fetchMore asks,
// the page arrives later). lead.* events update, insert or remove single rows in place — never a
// reset — with the current search and sort applied, so selection and scroll position hold.
class LeadTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    using Column = LeadQuery::Column;
    enum Role
    {
        LeadIdRole = Qt::UserRole + 1,
        StatusRole
    };
    static constexpr int pageSize = 200;

    explicit LeadTableModel(Runtime &runtime, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent = {}) const override;
    void fetchMore(const QModelIndex &parent = {}) override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    void setSearch(const QString &search);
    const LeadQuery &query() const { return m_query; }
    const LeadRow &rowAt(int row) const { return m_rows.at(size_t(row)); }
    int rowOfId(qint64 id) const;
    bool reachedEnd() const { return m_reachedEnd; }
    bool isLoading() const { return m_fetching; }
    QString lastError() const { return m_lastError; }

public Q_SLOTS:
    // Re-reads from the first page (F5); the one place a reset happens besides a new query.
    void reload();

Q_SIGNALS:
    void pageLoaded();
    void loadFailed(const QString &message);
    // Leads named by events were re-read (ids of every lead the batch touched).
    void leadsChanged(const QList<qint64> &ids);

private:
    void onEvents(const QList<sb::DomainEvent> &events);
    void readChanged();
    void applyChanged(const QList<qint64> &ids, std::vector<LeadRow> rows);
    void upsert(LeadRow row);
    void removeRow(int row);
    // Where a row with this key belongs in the current order; rowCount() when after every loaded row.
    int positionFor(const LeadRow &row, int ignoreRow) const;
    bool before(const LeadRow &a, const LeadRow &b) const;

    Runtime &m_runtime;
    LeadQuery m_query;
    std::vector<LeadRow> m_rows;
    int m_generation = 0;
    bool m_fetching = false;
    bool m_reachedEnd = false;
    bool m_failed = false;
    QString m_lastError;
    QSet<qint64> m_changed;
    bool m_changeScheduled = false;
    bool m_changeInFlight = false;
};

} // namespace sb
