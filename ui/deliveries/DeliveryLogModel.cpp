#include "DeliveryLogModel.h"

#include "common/DisplayText.h"
#include "domain/EventBus.h"

#include <QLocale>
#include <algorithm>

namespace sb {

namespace {
constexpr int newerLimit = 2000; // rows inserted at the top per turn
constexpr int updateChunk = 400; // ids per re-read query
} // namespace

DeliveryLogModel::DeliveryLogModel(QSqlDatabase db, EventBus &bus, QObject *parent)
    : KeysetLogModel("deliveries view", parent)
    , m_db(std::move(db))
{
    // Under a burst the bus signals hundreds of times a second; one query per interval is enough.
    m_newerTimer.setSingleShot(true);
    m_newerTimer.setInterval(150);
    connect(&m_newerTimer, &QTimer::timeout, this, &DeliveryLogModel::loadNewer);
    m_updateTimer.setSingleShot(true);
    m_updateTimer.setInterval(150);
    connect(&m_updateTimer, &QTimer::timeout, this, &DeliveryLogModel::flushUpdates);
    connect(&bus, &EventBus::deliveriesQueued, this, [this] {
        if (!m_newerTimer.isActive())
            m_newerTimer.start();
    });
    connect(&bus, &EventBus::deliveryUpdated, this, [this](const QString &id) { markUpdated(id); });
    setFilter({});
}

int DeliveryLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString DeliveryLogModel::statusLabel(DeliveryStatus status)
{
    switch (status) {
    case DeliveryStatus::Pending:
        return tr("pending");
    case DeliveryStatus::Delivered:
        return tr("delivered");
    case DeliveryStatus::Failed:
        return tr("failed");
    }
    return deliveryStatusName(status);
}

QColor DeliveryLogModel::statusColor(DeliveryStatus status)
{
    switch (status) {
    case DeliveryStatus::Delivered:
        return display::good();
    case DeliveryStatus::Pending:
        return display::waiting();
    case DeliveryStatus::Failed:
        break;
    }
    return display::bad();
}

QString DeliveryLogModel::configName(qint64 id) const
{
    const auto name = m_configNames.value(id);
    // A deleted configuration keeps its deliveries; say so instead of showing a bare number.
    return name.isEmpty() ? tr("#%1 (deleted)").arg(id) : name;
}

QVariant DeliveryLogModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const auto &row = m_rows[size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Time:
            return display::compactTime(row.createdAt);
        case Event:
            return row.isTest ? tr("%1 (test)").arg(row.eventType) : row.eventType;
        case Webhook:
            return row.isRelay() ? tr("relay #%1").arg(row.relayTargetId) : configName(row.configId);
        case Status:
            return statusLabel(row.status);
        case Http:
            return row.lastStatus == 0 ? QVariant() : QVariant(row.lastStatus);
        case Attempts:
            return row.attempts;
        case Error:
            return row.lastError;
        case Id:
            return row.id;
        }
        break;
    case Qt::ToolTipRole:
        switch (index.column()) {
        case Time:
            return display::fullTime(row.createdAt);
        case Status:
            if (row.status == DeliveryStatus::Pending && row.nextAttemptAt > 0)
                return tr("Next attempt at %1").arg(display::fullTime(row.nextAttemptAt));
            return tr("Last change at %1").arg(display::fullTime(row.updatedAt));
        case Error:
            return row.lastError.isEmpty() ? QVariant() : QVariant(row.lastError);
        case Id:
            return tr("webhook-id %1 · event %2").arg(row.id, row.eventId);
        }
        break;
    case Qt::DecorationRole:
        if (index.column() == Status)
            return display::statusDot(statusColor(row.status));
        break;
    case Qt::ForegroundRole:
        if (index.column() == Http && row.lastStatus >= 400)
            return display::bad();
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == Http || index.column() == Attempts)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case DeliveryIdRole:
        return row.id;
    case SeqRole:
        return row.seq;
    case StatusRole:
        return deliveryStatusName(row.status);
    case ConfigIdRole:
        return row.configId;
    }
    return {};
}

QVariant DeliveryLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Time:
        return tr("Time");
    case Event:
        return tr("Event");
    case Webhook:
        return tr("Webhook");
    case Status:
        return tr("Status");
    case Http:
        return tr("HTTP");
    case Attempts:
        return tr("Attempts");
    case Error:
        return tr("Last error");
    case Id:
        return tr("Delivery id");
    }
    return {};
}

void DeliveryLogModel::setFilter(const DeliveryFilter &filter)
{
    beginResetModel();
    m_filter = filter;
    m_rows.clear();
    m_seqOfId.clear();
    m_dirty.clear();
    QString error;
    const auto [low, high] = DeliveryQueries::seqRange(m_db, &error);
    m_top = high;
    auto range = std::pair {low, high};
    if (error.isEmpty() && (filter.fromMs != 0 || filter.toMs != 0))
        range = DeliveryQueries::seqRangeOfDates(m_db, filter.fromMs, filter.toMs, &error);
    restartScan(range.first, range.second);
    endResetBeforeFirstPage();
    if (!error.isEmpty())
        return fail(error);
    Q_EMIT reachedEndChanged(reachedEnd());
    fetchMore();
}

void DeliveryLogModel::rowDropped(const Delivery &row)
{
    m_seqOfId.remove(row.id);
    m_dirty.remove(row.id);
}

void DeliveryLogModel::setConfigNames(const QHash<qint64, QString> &names)
{
    if (names == m_configNames)
        return;
    m_configNames = names;
    if (!m_rows.empty())
        Q_EMIT dataChanged(index(0, Webhook), index(rowCount() - 1, Webhook), {Qt::DisplayRole});
}

std::vector<Delivery> DeliveryLogModel::readPage(qint64 below, qint64 low, int limit, QString *error)
{
    // Served by an index where the filter has one (migration 004), scanned within the window where not.
    return DeliveryQueries::page(m_db, m_filter, below, low, limit, error);
}

void DeliveryLogModel::loadNewer()
{
    QString error;
    const auto [low, high] = DeliveryQueries::seqRange(m_db, &error);
    Q_UNUSED(low);
    if (!error.isEmpty())
        return fail(error);
    if (high <= m_top)
        return;
    // Bounded like older pages: one window of new seqs per turn.
    const qint64 upTo = std::min(high, m_top + windowSeqs);
    auto rows = DeliveryQueries::newer(m_db, m_filter, m_top, upTo, newerLimit, &error);
    if (!error.isEmpty())
        return fail(error);
    m_top = int(rows.size()) == newerLimit ? rows.back().seq : upTo;
    if (m_top < high)
        m_newerTimer.start();
    std::erase_if(rows, [this](const Delivery &row) { return m_seqOfId.contains(row.id); });
    if (rows.empty())
        return;
    beginInsertRows({}, 0, int(rows.size()) - 1);
    for (auto &row : rows) { // oldest first: each goes on top of the previous
        m_seqOfId.insert(row.id, row.seq);
        m_rows.push_front(std::move(row));
    }
    endInsertRows();
}

void DeliveryLogModel::markUpdated(const QString &id)
{
    if (!m_seqOfId.contains(id))
        return; // not loaded: it is read with its current state when its page is
    m_dirty.insert(id);
    if (!m_updateTimer.isActive())
        m_updateTimer.start();
}

void DeliveryLogModel::flushUpdates()
{
    const QStringList ids(m_dirty.begin(), m_dirty.end());
    m_dirty.clear();
    refreshRows(ids);
}

void DeliveryLogModel::refreshRows(const QStringList &ids)
{
    for (qsizetype start = 0; start < ids.size(); start += updateChunk) {
        QString error;
        const auto rows = DeliveryQueries::byIds(m_db, ids.mid(start, updateChunk), &error);
        if (!error.isEmpty())
            return fail(error);
        for (const auto &fresh : rows) {
            const int row = rowOfSeq(fresh.seq);
            if (row < 0)
                continue;
            m_rows[size_t(row)] = fresh;
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        }
    }
}

void DeliveryLogModel::refresh()
{
    clearFailure();
    loadNewer();
    QStringList ids;
    ids.reserve(qsizetype(m_rows.size()));
    for (const auto &row : m_rows)
        ids.append(row.id);
    refreshRows(ids);
    scanSlice(); // a filtered page that was still being looked for
}

int DeliveryLogModel::rowOfSeq(qint64 seq) const
{
    const auto it = std::lower_bound(
        m_rows.begin(), m_rows.end(), seq, [](const Delivery &row, qint64 value) { return row.seq > value; });
    return it != m_rows.end() && it->seq == seq ? int(it - m_rows.begin()) : -1;
}

int DeliveryLogModel::rowOfId(const QString &id) const
{
    const auto it = m_seqOfId.constFind(id);
    return it == m_seqOfId.cend() ? -1 : rowOfSeq(*it);
}

} // namespace sb
