#pragma once

#include "KeysetScan.h"

#include <QAbstractTableModel>
#include <QTimer>
#include <deque>
#include <limits>
#include <vector>

namespace sb {

// What the console's live logs (deliveries, inbound requests) share: rows newest first, older
// ones read in keyset pages (canFetchMore/fetchMore); a filter that matches rarely is scanned in
// bounded seq windows over several event-loop turns, so no query on the GUI thread reads more than
// one window. New rows arrive at the top from the EventBus (in the derived models), never by a reset.
class LogModelBase : public QAbstractTableModel
{
    Q_OBJECT
public:
    static constexpr int pageSize = 200;
    static constexpr qint64 windowSeqs = 50000; // rows one filtered query may look at
    static constexpr int sliceBudgetMs = 25; // GUI time one scanning turn may take

    bool canFetchMore(const QModelIndex &parent = {}) const override;
    void fetchMore(const QModelIndex &parent = {}) override;
    // True once the oldest matching row has been read: an empty model then means no rows.
    bool reachedEnd() const { return m_reachedEnd; }
    // A filtered page is still being looked for in older windows.
    bool isScanning() const { return m_scan.wanted > 0 && !m_reachedEnd; }
    QString lastError() const { return m_lastError; }

Q_SIGNALS:
    void loadFailed(const QString &message);
    // Emitted when reachedEnd() changes, so views can switch between table and empty state.
    void reachedEndChanged(bool reachedEnd);
    void scanningChanged(bool scanning);

protected:
    // `name` goes into warnings ("deliveries view: ...").
    LogModelBase(const char *name, QObject *parent);

    // A new question: older pages are read from `high` down to `low` (0, 0: nothing stored).
    void restartScan(qint64 low, qint64 high);
    // Continues the scan (a turn of a filtered page, or after a refresh).
    void scanSlice();
    // Older pages continue below `seq` (the last row kept by a trim).
    void continueBelow(qint64 seq);
    // Stops paging (a view would otherwise call fetchMore again at once); a refresh retries.
    void fail(const QString &message);
    void clearFailure();
    // Ends a model reset while views and testers, asking for rows from inside it, get none: the
    // first page follows right after.
    void endResetBeforeFirstPage();
    bool isFetching() const { return m_fetching; }
    virtual bool isFiltered() const = 0;
    // Reads the next older rows of the scan (KeysetScan::slice) and appends them.
    virtual void appendOlder(qint64 window, QString *error) = 0;

    KeysetScan m_scan; // older pages: floor <= seq < cursor

private:
    const char *m_name;
    QTimer m_scanTimer;
    bool m_reachedEnd = false;
    bool m_failed = false;
    bool m_fetching = false;
    QString m_lastError;
};

// The rows of such a log: `Row` has a `seq`. A derived model reads a page with readPage and may
// keep indexes of its rows up to date through rowLoaded/rowDropped.
template <typename Row> class KeysetLogModel : public LogModelBase
{
public:
    int rowCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : int(m_rows.size());
    }

    // Drops the loaded rows beyond the first `keep` (live inserts under sustained ingest); fetchMore
    // reads them again when the user scrolls down to them. Not while a filtered page is scanned.
    void trimTo(int keep)
    {
        keep = std::max(keep, 1);
        if (rowCount() <= keep || isFetching() || isScanning())
            return;
        beginRemoveRows({}, keep, rowCount() - 1);
        for (auto it = m_rows.begin() + keep; it != m_rows.end(); ++it)
            rowDropped(*it);
        m_rows.erase(m_rows.begin() + keep, m_rows.end());
        endRemoveRows();
        continueBelow(m_rows.back().seq);
    }

protected:
    using LogModelBase::LogModelBase;

    // Rows with low <= seq < below matching the current filter, newest first, at most `limit`.
    virtual std::vector<Row> readPage(qint64 below, qint64 low, int limit, QString *error) = 0;
    virtual void rowLoaded(const Row &) { }
    virtual void rowDropped(const Row &) { }

    void appendOlder(qint64 window, QString *error) override
    {
        auto found = m_scan.slice<Row>(
            window, sliceBudgetMs,
            [this](qint64 below, qint64 low, int limit, QString *pageError) {
                return readPage(below, low, limit, pageError);
            },
            error);
        if (found.empty())
            return;
        const int first = rowCount();
        beginInsertRows({}, first, first + int(found.size()) - 1);
        for (auto &row : found) {
            rowLoaded(row);
            m_rows.push_back(std::move(row));
        }
        endInsertRows();
    }

    std::deque<Row> m_rows; // seq descending; deque: O(1) at both ends
};

} // namespace sb
