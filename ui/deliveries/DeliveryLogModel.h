#pragma once

#include "DeliveryQueries.h"
#include "common/KeysetScan.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QSet>
#include <QSqlDatabase>
#include <QTimer>

#include <deque>

namespace sb {

class EventBus;

// The outbound delivery log, newest first, filtered in SQL. Older rows are read in keyset pages
// (canFetchMore/fetchMore); a filter that matches rarely is scanned in bounded seq windows over
// several event-loop turns, so no query on the GUI thread reads more than one window. Deliveries
// committed while the console runs are inserted at the top and attempts update their rows in
// place (EventBus), never by a reset: selection and scroll position hold.
class DeliveryLogModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Time, Event, Webhook, Status, Http, Attempts, Error, Id, ColumnCount };
    enum Role {
        DeliveryIdRole = Qt::UserRole + 1,
        SeqRole,
        StatusRole, // pending | delivered | failed, untranslated
        ConfigIdRole,
    };
    static constexpr int pageSize = 200;
    static constexpr qint64 windowSeqs = 50000; // rows one filtered query may look at
    static constexpr int sliceBudgetMs = 25;     // GUI time one scanning turn may take

    // `db` must be a connection of the calling (GUI) thread.
    DeliveryLogModel(QSqlDatabase db, EventBus &bus, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent = {}) const override;
    void fetchMore(const QModelIndex &parent = {}) override;

    // Replaces the rows with the first page matching `filter` (a reset: it is a new question).
    void setFilter(const DeliveryFilter &filter);
    const DeliveryFilter &filter() const { return m_filter; }
    void setConfigNames(const QHash<qint64, QString> &names);
    QString configName(qint64 id) const;

    const DeliveryRow &rowAt(int row) const { return m_rows.at(size_t(row)); }
    int rowOfId(const QString &id) const;
    // Drops the loaded rows beyond the first `keep` (live inserts under sustained ingest); fetchMore
    // reads them again when the user scrolls down to them. Not while a filtered page is scanned.
    void trimTo(int keep);
    bool reachedEnd() const { return m_reachedEnd; }
    // A filtered page is still being looked for in older windows.
    bool isScanning() const { return m_scan.wanted > 0 && !m_reachedEnd; }
    QString lastError() const { return m_lastError; }

    static QString statusLabel(const QString &status);
    static QColor statusColor(const QString &status);

public Q_SLOTS:
    // Reads deliveries committed since the newest known one, and re-reads the loaded rows.
    void refresh();
    // Re-reads these rows now (e.g. after a retry was queued).
    void refreshRows(const QStringList &ids);

Q_SIGNALS:
    void loadFailed(const QString &message);
    void reachedEndChanged(bool reachedEnd);
    void scanningChanged(bool scanning);

private:
    void scanSlice();
    void loadNewer();
    void flushUpdates();
    void markUpdated(const QString &id);
    int rowOfSeq(qint64 seq) const;
    void fail(const QString &message);

    QSqlDatabase m_db;
    DeliveryFilter m_filter;
    QHash<qint64, QString> m_configNames;
    std::deque<DeliveryRow> m_rows; // seq descending
    QHash<QString, qint64> m_seqOfId;
    KeysetScan m_scan; // older pages: floor <= seq < cursor
    qint64 m_top = 0;    // every seq <= m_top has been considered for the top of the list
    bool m_reachedEnd = false;
    bool m_failed = false;
    bool m_fetching = false;
    QString m_lastError;
    QSet<QString> m_dirty;
    QTimer m_scanTimer;
    QTimer m_newerTimer;
    QTimer m_updateTimer;
};

} // namespace sb
