#pragma once

#include "DeliveryQueries.h"
#include "common/KeysetLogModel.h"

#include <QHash>
#include <QSet>
#include <QSqlDatabase>
#include <QTimer>

namespace sb {

class EventBus;

// The outbound delivery log, newest first, filtered in SQL and paged as KeysetLogModel does.
// Deliveries committed while the console runs are inserted at the top and attempts update their
// rows in place (EventBus), never by a reset: selection and scroll position hold.
class DeliveryLogModel : public KeysetLogModel<Delivery>
{
    Q_OBJECT
public:
    enum Column
    {
        Time,
        Event,
        Webhook,
        Status,
        Http,
        Attempts,
        Error,
        Id,
        ColumnCount
    };
    enum Role
    {
        DeliveryIdRole = Qt::UserRole + 1,
        SeqRole,
        StatusRole, // pending | delivered | failed, untranslated
        ConfigIdRole,
    };
    // `db` must be a connection of the calling (GUI) thread.
    DeliveryLogModel(QSqlDatabase db, EventBus &bus, QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Replaces the rows with the first page matching `filter` (a reset: it is a new question).
    void setFilter(const DeliveryFilter &filter);
    const DeliveryFilter &filter() const { return m_filter; }
    void setConfigNames(const QHash<qint64, QString> &names);
    QString configName(qint64 id) const;

    const Delivery &rowAt(int row) const { return m_rows.at(size_t(row)); }
    int rowOfId(const QString &id) const;

    static QString statusLabel(DeliveryStatus status);
    static QColor statusColor(DeliveryStatus status);

public Q_SLOTS:
    // Reads deliveries committed since the newest known one, and re-reads the loaded rows.
    void refresh();
    // Re-reads these rows now (e.g. after a retry was queued).
    void refreshRows(const QStringList &ids);

protected:
    bool isFiltered() const override { return !m_filter.isEmpty(); }
    std::vector<Delivery> readPage(qint64 below, qint64 low, int limit, QString *error) override;
    void rowLoaded(const Delivery &row) override { m_seqOfId.insert(row.id, row.seq); }
    void rowDropped(const Delivery &row) override;

private:
    void loadNewer();
    void flushUpdates();
    void markUpdated(const QString &id);
    int rowOfSeq(qint64 seq) const;

    QSqlDatabase m_db;
    DeliveryFilter m_filter;
    QHash<qint64, QString> m_configNames;
    QHash<QString, qint64> m_seqOfId;
    qint64 m_top = 0; // every seq <= m_top has been considered for the top of the list
    QSet<QString> m_dirty;
    QTimer m_newerTimer;
    QTimer m_updateTimer;
};

} // namespace sb
