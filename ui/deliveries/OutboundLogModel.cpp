#include "OutboundLogModel.h"

#include "DeliveryLogModel.h"
#include "SendLogModel.h"
#include "storage/OutboxMapper.h"

#include <algorithm>
#include <limits>

namespace sb {

namespace {

int deliveryColumn(int column)
{
    switch (column) {
    case OutboundLogModel::Time:
        return DeliveryLogModel::Time;
    case OutboundLogModel::What:
        return DeliveryLogModel::Event;
    case OutboundLogModel::Target:
        return DeliveryLogModel::Webhook;
    case OutboundLogModel::Status:
        return DeliveryLogModel::Status;
    case OutboundLogModel::Http:
        return DeliveryLogModel::Http;
    case OutboundLogModel::Attempts:
        return DeliveryLogModel::Attempts;
    case OutboundLogModel::Error:
        return DeliveryLogModel::Error;
    case OutboundLogModel::Id:
        return DeliveryLogModel::Id;
    }
    return -1;
}

int sendColumn(int column)
{
    switch (column) {
    case OutboundLogModel::Time:
        return SendLogModel::Time;
    case OutboundLogModel::Channel:
        return SendLogModel::Channel;
    case OutboundLogModel::What:
        return SendLogModel::Recipient;
    case OutboundLogModel::Target:
        return SendLogModel::Provider;
    case OutboundLogModel::Status:
        return SendLogModel::Status;
    case OutboundLogModel::Http:
        return SendLogModel::Http;
    case OutboundLogModel::Attempts:
        return SendLogModel::Attempts;
    case OutboundLogModel::Error:
        return SendLogModel::Error;
    case OutboundLogModel::Id:
        return SendLogModel::Id;
    }
    return -1;
}

constexpr qint64 noHorizon = std::numeric_limits<qint64>::min();
constexpr qint64 nothingYet = std::numeric_limits<qint64>::max();

} // namespace

OutboundLogModel::OutboundLogModel(DeliveryLogModel *deliveries, SendLogModel *sends, QObject *parent)
    : QAbstractTableModel(parent)
    , m_deliveries(deliveries)
    , m_sends(sends)
{
    for (auto *source :
        {static_cast<QAbstractItemModel *>(deliveries), static_cast<QAbstractItemModel *>(sends)}) {
        const bool send = source == sends;
        connect(source, &QAbstractItemModel::modelReset, this, &OutboundLogModel::rebuild);
        connect(source, &QAbstractItemModel::rowsRemoved, this, &OutboundLogModel::rebuild);
        connect(source, &QAbstractItemModel::rowsInserted, this,
            [this, send, source](const QModelIndex &, int first, int last) {
                // Live rows arrive at the top of a source that already had rows.
                if (first == 0 && source->rowCount() > last + 1)
                    topInserted(send, first, last);
                else
                    extendBottom();
            });
        connect(source, &QAbstractItemModel::dataChanged, this, [this] {
            if (!m_rows.empty())
                Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        });
    }
    connect(deliveries, &DeliveryLogModel::reachedEndChanged, this, &OutboundLogModel::extendBottom);
    connect(sends, &SendLogModel::reachedEndChanged, this, &OutboundLogModel::extendBottom);
    rebuild();
}

int OutboundLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int OutboundLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

OutboundLogModel::Row OutboundLogModel::deliveryRow(int sourceRow) const
{
    const auto &delivery = m_deliveries->rowAt(sourceRow);
    return Row {false, delivery.id, 0, delivery.createdAt};
}

OutboundLogModel::Row OutboundLogModel::sendRow(int sourceRow) const
{
    const auto &entry = m_sends->rowAt(sourceRow);
    return Row {true, {}, entry.id, entry.createdAt};
}

int OutboundLogModel::sourceRow(const Row &row) const
{
    return row.send ? m_sends->rowOfId(row.outboxId) : m_deliveries->rowOfId(row.deliveryId);
}

QModelIndex OutboundLogModel::sourceIndex(const Row &row, int column) const
{
    const int source = sourceRow(row);
    const int mapped = row.send ? sendColumn(column) : deliveryColumn(column);
    if (source < 0 || mapped < 0)
        return {};
    return row.send ? m_sends->index(source, mapped) : m_deliveries->index(source, mapped);
}

QVariant OutboundLogModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const auto &row = m_rows[size_t(index.row())];
    if (index.column() == Channel && !row.send) {
        if (role == Qt::DisplayRole)
            return tr("Webhook");
    }
    if (role >= Qt::UserRole) // the id roles of both sources
        return role == Qt::UserRole + 1 ? QVariant(idAt(index.row())) : QVariant();
    const auto source = sourceIndex(row, index.column());
    return source.isValid() ? source.data(role) : QVariant();
}

QVariant OutboundLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Time:
        return tr("Time");
    case Channel:
        return tr("Channel");
    case What:
        return tr("Event / recipient");
    case Target:
        return tr("Webhook / provider");
    case Status:
        return tr("Status");
    case Http:
        return tr("HTTP");
    case Attempts:
        return tr("Attempts");
    case Error:
        return tr("Last error");
    case Id:
        return tr("Id");
    }
    return {};
}

QString OutboundLogModel::idAt(int row) const
{
    const auto &r = m_rows.at(size_t(row));
    return r.send ? OutboxMapper::recordId(r.outboxId) : r.deliveryId;
}

int OutboundLogModel::rowOfId(const QString &id) const
{
    const auto outboxId = OutboxMapper::outboxIdOf(id);
    for (size_t i = 0; i < m_rows.size(); ++i) {
        const auto &r = m_rows[i];
        if (outboxId != 0 ? (r.send && r.outboxId == outboxId) : (!r.send && r.deliveryId == id))
            return int(i);
    }
    return -1;
}

bool OutboundLogModel::reachedEnd() const
{
    return m_deliveries->reachedEnd() && m_sends->reachedEnd();
}

bool OutboundLogModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && (m_deliveries->canFetchMore() || m_sends->canFetchMore());
}

void OutboundLogModel::fetchMore(const QModelIndex &parent)
{
    if (parent.isValid())
        return;
    // The source whose oldest loaded row is the newest holds the list back: read its next page.
    auto oldest = [](const QAbstractItemModel *model, qint64 createdAt) {
        return model->rowCount() == 0 ? nothingYet : createdAt;
    };
    const qint64 deliveries = oldest(m_deliveries,
        m_deliveries->rowCount() ? m_deliveries->rowAt(m_deliveries->rowCount() - 1).createdAt : 0);
    const qint64 sends
        = oldest(m_sends, m_sends->rowCount() ? m_sends->rowAt(m_sends->rowCount() - 1).createdAt : 0);
    const bool deliveriesMore = m_deliveries->canFetchMore();
    const bool sendsMore = m_sends->canFetchMore();
    if (deliveriesMore && (!sendsMore || deliveries >= sends))
        m_deliveries->fetchMore();
    else if (sendsMore)
        m_sends->fetchMore();
}

qint64 OutboundLogModel::horizon() const
{
    qint64 h = noHorizon;
    if (!m_deliveries->reachedEnd()) {
        h = std::max(h,
            m_deliveries->rowCount() ? m_deliveries->rowAt(m_deliveries->rowCount() - 1).createdAt
                                     : nothingYet);
    }
    if (!m_sends->reachedEnd())
        h = std::max(h, m_sends->rowCount() ? m_sends->rowAt(m_sends->rowCount() - 1).createdAt : nothingYet);
    return h;
}

void OutboundLogModel::rebuild()
{
    beginResetModel();
    m_rows.clear();
    m_shownDeliveries = 0;
    m_shownSends = 0;
    endResetModel();
    extendBottom();
}

void OutboundLogModel::topInserted(bool send, int first, int last)
{
    std::vector<Row> fresh;
    for (int row = first; row <= last; ++row)
        fresh.push_back(send ? sendRow(row) : deliveryRow(row));
    std::stable_sort(
        fresh.begin(), fresh.end(), [](const Row &a, const Row &b) { return a.createdAt > b.createdAt; });
    (send ? m_shownSends : m_shownDeliveries) += int(fresh.size());
    beginInsertRows({}, 0, int(fresh.size()) - 1);
    m_rows.insert(m_rows.begin(), fresh.begin(), fresh.end());
    endInsertRows();
}

void OutboundLogModel::extendBottom()
{
    const qint64 h = horizon();
    std::vector<Row> fresh;
    while (
        m_shownDeliveries < m_deliveries->rowCount() && m_deliveries->rowAt(m_shownDeliveries).createdAt >= h)
        fresh.push_back(deliveryRow(m_shownDeliveries++));
    while (m_shownSends < m_sends->rowCount() && m_sends->rowAt(m_shownSends).createdAt >= h)
        fresh.push_back(sendRow(m_shownSends++));
    if (fresh.empty())
        return;
    std::stable_sort(
        fresh.begin(), fresh.end(), [](const Row &a, const Row &b) { return a.createdAt > b.createdAt; });
    if (!m_rows.empty() && fresh.front().createdAt > m_rows.back().createdAt) {
        // A source read its first page after the other's rows were shown (both were reset by one
        // filter change): merge the shown rows again rather than append out of order.
        beginResetModel();
        m_rows.insert(m_rows.end(), fresh.begin(), fresh.end());
        std::stable_sort(m_rows.begin(), m_rows.end(),
            [](const Row &a, const Row &b) { return a.createdAt > b.createdAt; });
        endResetModel();
        return;
    }
    const int first = rowCount();
    beginInsertRows({}, first, first + int(fresh.size()) - 1);
    m_rows.insert(m_rows.end(), fresh.begin(), fresh.end());
    endInsertRows();
}

} // namespace sb
