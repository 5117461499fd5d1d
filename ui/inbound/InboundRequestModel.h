#pragma once

#include "InboundQueries.h"
#include "common/KeysetScan.h"
#include "events/DomainEvent.h"

#include <QAbstractTableModel>
#include <QColor>
#include <QSqlDatabase>
#include <QTimer>

#include <deque>

namespace sb {

class EventBus;

// The stored inbound requests, newest first. Pages of older rows are read on demand by `seq`
// keyset (canFetchMore/fetchMore); requests committed while the console runs arrive from the
// EventBus and are inserted at the top, never by a reset, so selections and scroll positions hold.
class InboundRequestModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Time, Method, Path, Provider, Event, Status, HttpStatus, Verification, Size, Client, ColumnCount };
    enum Role {
        RecordIdRole = Qt::UserRole + 1, // evt_… id of the stored request
        SeqRole,
        StatusRole, // processed | duplicate | rejected, untranslated
    };
    static constexpr int pageSize = 200;
    static constexpr qint64 windowSeqs = 50000; // rows one filtered query may look at
    static constexpr int sliceBudgetMs = 25;     // GUI time one scanning turn may take

    // `db` must be a connection of the calling (GUI) thread; queries on it are short keyset pages.
    InboundRequestModel(QSqlDatabase db, EventBus &bus, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent = {}) const override;
    void fetchMore(const QModelIndex &parent = {}) override;

    // Replaces the rows with the first page matching `filter`, read in SQL (a reset: it is a new
    // question); requests arriving live are shown when they match it.
    void setFilter(const InboundFilter &filter);
    const InboundFilter &filter() const { return m_filter; }
    // A filtered page is still being looked for in older windows.
    bool isScanning() const { return m_scan.wanted > 0 && !m_reachedEnd; }

    const InboundSummary &summaryAt(int row) const { return m_rows.at(size_t(row)); }
    int rowOfId(const QString &id) const;
    // Drops the loaded rows beyond the first `keep` (live inserts under sustained ingest); fetchMore
    // reads them again when the user scrolls down to them.
    void trimTo(int keep);
    // True once the oldest stored request has been read: an empty model then means no requests.
    bool reachedEnd() const { return m_reachedEnd; }
    QString lastError() const { return m_lastError; }

    static QString statusLabel(const QString &status);
    static QColor statusColor(const QString &status);
    static QString verificationLabel(const QString &verification);

public Q_SLOTS:
    // Requests just committed by the writer (EventBus::inboundRecorded), in any order.
    void addRecorded(const QList<sb::InboundSummary> &requests);
    // Reads requests newer than the newest row, for anything written outside this process.
    void refresh();

Q_SIGNALS:
    void loadFailed(const QString &message);
    // Emitted when reachedEnd() changes, so views can switch between table and empty state.
    void reachedEndChanged(bool reachedEnd);
    void scanningChanged(bool scanning);

private:
    void reset();
    void scanSlice();
    void insertNewest(std::vector<InboundSummary> newestFirst);
    void fail(const QString &message);

    QSqlDatabase m_db;
    InboundFilter m_filter;
    std::deque<InboundSummary> m_rows; // newest first; deque: O(1) at both ends
    qint64 m_newestSeq = 0;            // everything up to here is in m_rows or older than its tail
    KeysetScan m_scan;                 // older pages: floor <= seq < cursor
    QTimer m_scanTimer;
    bool m_reachedEnd = false;
    bool m_failed = false;
    bool m_fetching = false;
    QString m_lastError;
};

} // namespace sb
