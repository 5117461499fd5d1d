#pragma once

#include "DeliveryQueries.h"
#include "common/KeysetLogModel.h"

#include <QHash>
#include <QSqlDatabase>
#include <QTimer>

namespace sb {

class EventBus;

// The send log (outbox rows: SMS, email, push, chat and voice sends), newest first, filtered in
// SQL and paged by outbox id as the delivery log is by seq. Sends queued while the console runs are
// inserted at the top and their attempts update rows in place (message events on the EventBus).
class SendLogModel : public KeysetLogModel<SendRow>
{
    Q_OBJECT
public:
    enum Column
    {
        Time,
        Channel,
        Provider,
        Recipient,
        Status,
        Http,
        Attempts,
        Error,
        Id,
        ColumnCount
    };
    enum Role
    {
        RecordIdRole = Qt::UserRole + 1, // "snd_<id>", as DeliveryLogModel::DeliveryIdRole
        OutboxIdRole,
        StatusRole, // pending | sending | sent | failed | unknown, untranslated
    };
    SendLogModel(QSqlDatabase db, EventBus &bus, QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setFilter(const OutboxFilter &filter);
    const OutboxFilter &filter() const { return m_filter; }
    const OutboxEntry &rowAt(int row) const { return m_rows.at(size_t(row)).entry; }
    int rowOfId(qint64 outboxId) const;

    static QString statusLabel(OutboxStatus status);
    static QColor statusColor(OutboxStatus status);
    static QString channelLabel(sb::Channel channel);

public Q_SLOTS:
    // Reads sends queued since the newest known one and re-reads the loaded rows.
    void refresh();

protected:
    bool isFiltered() const override { return !m_filter.isEmpty(); }
    std::vector<SendRow> readPage(qint64 below, qint64 low, int limit, QString *error) override;

private:
    void loadNewer();
    void refreshLoaded();

    QSqlDatabase m_db;
    OutboxFilter m_filter;
    qint64 m_top = 0;
    QTimer m_changeTimer;
};

} // namespace sb
