#pragma once

#include <QAbstractTableModel>
#include <QString>
#include <vector>

namespace sb {

class DeliveryLogModel;
class SendLogModel;

// The Channel filter's "All": webhook deliveries and sends in one list, newest first. It shows the
// rows its two source models have loaded (each pages by its own keyset), merged by creation time:
// only rows at least as new as the oldest loaded row of a source that has more to read are shown,
// so nothing appears out of order when that source reads its next page. Rows inserted live at the
// top of a source go to the top; newly loaded pages extend the bottom; neither resets the model.
class OutboundLogModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        Time,
        Channel,
        What, // a delivery's event type, a send's recipient
        Target, // a delivery's webhook, a send's provider
        Status,
        Http,
        Attempts,
        Error,
        Id,
        ColumnCount
    };
    OutboundLogModel(DeliveryLogModel *deliveries, SendLogModel *sends, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent = {}) const override;
    void fetchMore(const QModelIndex &parent = {}) override;

    // The id of row `row` (a delivery id, or "snd_<outbox id>").
    QString idAt(int row) const;
    bool isSendAt(int row) const { return m_rows.at(size_t(row)).send; }
    int rowOfId(const QString &id) const;
    bool reachedEnd() const;

private:
    struct Row
    {
        bool send = false;
        QString deliveryId; // deliveries
        qint64 outboxId = 0; // sends
        qint64 createdAt = 0;
    };
    // The source row behind `row`, or -1 when the source no longer has it.
    int sourceRow(const Row &row) const;
    QModelIndex sourceIndex(const Row &row, int column) const;
    Row deliveryRow(int sourceRow) const;
    Row sendRow(int sourceRow) const;
    qint64 horizon() const;
    void rebuild();
    void topInserted(bool send, int first, int last);
    void extendBottom();

    DeliveryLogModel *m_deliveries;
    SendLogModel *m_sends;
    std::vector<Row> m_rows;
    int m_shownDeliveries = 0; // the first n rows of each source are shown
    int m_shownSends = 0;
};

} // namespace sb
