#include "SendLogModel.h"

#include "common/DisplayText.h"
#include "domain/EventBus.h"
#include "storage/OutboxMapper.h"

#include <algorithm>

namespace sb {

namespace {
constexpr int newerLimit = 2000;
constexpr int updateChunk = 400;
} // namespace

SendLogModel::SendLogModel(QSqlDatabase db, EventBus &bus, QObject *parent)
    : KeysetLogModel("send log", parent)
    , m_db(std::move(db))
{
    // A send's row changes with its message (queued, each attempt's outcome): one re-read per burst.
    m_changeTimer.setSingleShot(true);
    m_changeTimer.setInterval(150);
    connect(&m_changeTimer, &QTimer::timeout, this, [this] {
        loadNewer();
        refreshLoaded();
    });
    connect(&bus, &EventBus::eventsPublished, this, [this](const QList<DomainEvent> &events) {
        const bool messages = std::any_of(events.begin(), events.end(),
            [](const DomainEvent &event) { return event.type.startsWith(QLatin1String("message.")); });
        if (messages && !m_changeTimer.isActive())
            m_changeTimer.start();
    });
    setFilter({});
}

int SendLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString SendLogModel::statusLabel(OutboxStatus status)
{
    switch (status) {
    case OutboxStatus::Pending:
        return tr("queued");
    case OutboxStatus::Sending:
        return tr("sending");
    case OutboxStatus::Sent:
        return tr("sent");
    case OutboxStatus::Failed:
        return tr("failed");
    case OutboxStatus::Unknown:
        return tr("unknown — check provider");
    }
    return outboxStatusName(status);
}

QColor SendLogModel::statusColor(OutboxStatus status)
{
    switch (status) {
    case OutboxStatus::Sent:
        return display::good();
    case OutboxStatus::Pending:
    case OutboxStatus::Sending:
        return display::waiting();
    case OutboxStatus::Failed:
    case OutboxStatus::Unknown:
        break;
    }
    return display::bad();
}

QString SendLogModel::channelLabel(sb::Channel channel)
{
    switch (channel) {
    case sb::Channel::Sms:
        return tr("SMS");
    case sb::Channel::Email:
        return tr("Email");
    case sb::Channel::Voice:
        return tr("Voice");
    case sb::Channel::Push:
        return tr("Push");
    case sb::Channel::Chat:
        return tr("Chat");
    }
    return channelName(channel);
}

QVariant SendLogModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const auto &row = m_rows[size_t(index.row())].entry;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Time:
            return display::compactTime(row.createdAt);
        case Channel:
            return channelLabel(row.channel);
        case Provider:
            return row.provider;
        case Recipient:
            return OutboxMapper::recipient(row);
        case Status:
            return statusLabel(row.status);
        case Http:
            return row.lastStatus == 0 ? QVariant() : QVariant(row.lastStatus);
        case Attempts:
            return row.attempts;
        case Error:
            return row.lastError;
        case Id:
            return OutboxMapper::recordId(row.id);
        }
        break;
    case Qt::ToolTipRole:
        switch (index.column()) {
        case Time:
            return display::fullTime(row.createdAt);
        case Status:
            if (row.status == OutboxStatus::Pending && row.nextAttemptAt > 0)
                return tr("Next attempt at %1").arg(display::fullTime(row.nextAttemptAt));
            return tr("Last change at %1").arg(display::fullTime(row.updatedAt));
        case Error:
            return row.lastError.isEmpty() ? QVariant() : QVariant(row.lastError);
        case Id:
            return tr("message %1 · provider id %2")
                .arg(QString::number(row.messageId),
                    row.providerId.isEmpty() ? tr("none yet") : row.providerId);
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
    case RecordIdRole:
        return OutboxMapper::recordId(row.id);
    case OutboxIdRole:
        return row.id;
    case StatusRole:
        return outboxStatusName(row.status);
    }
    return {};
}

QVariant SendLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Time:
        return tr("Time");
    case Channel:
        return tr("Channel");
    case Provider:
        return tr("Provider");
    case Recipient:
        return tr("Recipient");
    case Status:
        return tr("Status");
    case Http:
        return tr("HTTP");
    case Attempts:
        return tr("Attempts");
    case Error:
        return tr("Last error");
    case Id:
        return tr("Send id");
    }
    return {};
}

void SendLogModel::setFilter(const OutboxFilter &filter)
{
    beginResetModel();
    m_filter = filter;
    m_rows.clear();
    QString error;
    const auto [low, high] = SendQueries::idRange(m_db, &error);
    m_top = high;
    auto range = std::pair {low, high};
    if (error.isEmpty() && (filter.fromMs != 0 || filter.toMs != 0))
        range = SendQueries::idRangeOfDates(m_db, filter.fromMs, filter.toMs, &error);
    restartScan(range.first, range.second);
    endResetBeforeFirstPage();
    if (!error.isEmpty())
        return fail(error);
    Q_EMIT reachedEndChanged(reachedEnd());
    fetchMore();
}

std::vector<SendRow> SendLogModel::readPage(qint64 below, qint64 low, int limit, QString *error)
{
    return SendQueries::page(m_db, m_filter, below, low, limit, error);
}

void SendLogModel::loadNewer()
{
    QString error;
    const auto [low, high] = SendQueries::idRange(m_db, &error);
    Q_UNUSED(low);
    if (!error.isEmpty())
        return fail(error);
    if (high <= m_top)
        return;
    const qint64 upTo = std::min(high, m_top + windowSeqs);
    auto rows = SendQueries::newer(m_db, m_filter, m_top, upTo, newerLimit, &error);
    if (!error.isEmpty())
        return fail(error);
    m_top = int(rows.size()) == newerLimit ? rows.back().seq : upTo;
    if (m_top < high)
        m_changeTimer.start();
    std::erase_if(rows, [this](const SendRow &row) { return rowOfId(row.seq) >= 0; });
    if (rows.empty())
        return;
    beginInsertRows({}, 0, int(rows.size()) - 1);
    for (auto &row : rows)
        m_rows.push_front(std::move(row));
    endInsertRows();
}

void SendLogModel::refreshLoaded()
{
    QList<qint64> ids;
    for (const auto &row : m_rows) {
        // Settled sends do not change; only those still moving are read again.
        if (row.entry.status == OutboxStatus::Pending || row.entry.status == OutboxStatus::Sending)
            ids.append(row.seq);
    }
    for (qsizetype start = 0; start < ids.size(); start += updateChunk) {
        QString error;
        const auto rows = SendQueries::byIds(m_db, ids.mid(start, updateChunk), &error);
        if (!error.isEmpty())
            return fail(error);
        for (const auto &fresh : rows) {
            const int row = rowOfId(fresh.seq);
            if (row < 0)
                continue;
            m_rows[size_t(row)] = fresh;
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        }
    }
}

void SendLogModel::refresh()
{
    clearFailure();
    loadNewer();
    // An explicit refresh reads every loaded row again (a retry may have settled one).
    QList<qint64> ids;
    for (const auto &row : m_rows)
        ids.append(row.seq);
    for (qsizetype start = 0; start < ids.size(); start += updateChunk) {
        QString error;
        const auto rows = SendQueries::byIds(m_db, ids.mid(start, updateChunk), &error);
        if (!error.isEmpty())
            return fail(error);
        for (const auto &fresh : rows) {
            const int row = rowOfId(fresh.seq);
            if (row >= 0) {
                m_rows[size_t(row)] = fresh;
                Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
            }
        }
    }
    scanSlice();
}

int SendLogModel::rowOfId(qint64 outboxId) const
{
    const auto it = std::lower_bound(m_rows.begin(), m_rows.end(), outboxId,
        [](const SendRow &row, qint64 value) { return row.seq > value; });
    return it != m_rows.end() && it->seq == outboxId ? int(it - m_rows.begin()) : -1;
}

} // namespace sb
