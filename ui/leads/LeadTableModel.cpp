#include "LeadTableModel.h"

#include "LeadLabels.h"
#include "common/WorkerQuery.h"
#include "runtime/Runtime.h"

#include <QDateTime>
#include <QLocale>
#include <QTimer>
#include <algorithm>

namespace sb {

namespace {

constexpr int coalesceMs = 150;

QString timeText(qint64 ms)
{
    const auto time = QDateTime::fromMSecsSinceEpoch(ms);
    if (time.date() == QDate::currentDate())
        return QLocale().toString(time.time(), QStringLiteral("HH:mm"));
    return QLocale().toString(time, QStringLiteral("d MMM yyyy"));
}

// The lead an event is about: lead.* payloads carry lead_id, contacts and memos their owner.
qint64 leadIdOf(const DomainEvent &event)
{
    const auto &payload = event.payload;
    if (payload.contains(QStringLiteral("lead_id")))
        return payload.value(QStringLiteral("lead_id")).toInteger();
    // Messages and calls change the lead's score.
    if (payload.contains(QStringLiteral("leadId")))
        return payload.value(QStringLiteral("leadId")).toInteger();
    if (payload.value(QStringLiteral("owner_kind")).toString() == QLatin1String("lead"))
        return payload.value(QStringLiteral("owner_id")).toInteger();
    return 0;
}

} // namespace

LeadTableModel::LeadTableModel(Runtime &runtime, QObject *parent)
    : QAbstractTableModel(parent)
    , m_runtime(runtime)
{
    connect(
        &runtime.bus(), &EventBus::eventsPublished, this, &LeadTableModel::onEvents, Qt::QueuedConnection);
}

int LeadTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int LeadTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : LeadQuery::ColumnCount;
}

QVariant LeadTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= LeadQuery::ColumnCount)
        return {};
    const auto &row = m_rows[size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case LeadQuery::Name:
            return row.name().isEmpty() ? tr("(no name)") : row.name();
        case LeadQuery::Company:
            return row.company;
        case LeadQuery::Phone:
            return row.phone;
        case LeadQuery::Email:
            return row.email;
        case LeadQuery::Status:
            if (row.lifecycle != LeadLifecycle::Active)
                return tr("%1 · %2").arg(
                    LeadLabels::status(row.status), LeadLabels::lifecycle(row.lifecycle));
            return LeadLabels::status(row.status);
        case LeadQuery::Score:
            return row.score.isNull() ? QString() : QString::number(row.score.toInt());
        case LeadQuery::Priority:
            return LeadLabels::priority(row.priority);
        case LeadQuery::Source:
            return LeadLabels::source(row.source);
        case LeadQuery::ExpectedValue:
            return row.expectedValue.isNull() ? QString()
                                              : QLocale().toString(row.expectedValue.toDouble(), 'f', 2);
        case LeadQuery::Updated:
            return timeText(row.updatedAtMs);
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == LeadQuery::Updated)
            return QLocale().toString(QDateTime::fromMSecsSinceEpoch(row.updatedAtMs), QLocale::LongFormat);
        break;
    case Qt::ForegroundRole:
        if (index.column() == LeadQuery::Status)
            return LeadLabels::statusColor(row.status);
        if (row.lifecycle != LeadLifecycle::Active)
            return QColor(0x8a, 0x8f, 0x98);
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == LeadQuery::ExpectedValue || index.column() == LeadQuery::Score)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case LeadIdRole:
        return row.id;
    case StatusRole:
        return leadStatusName(row.status);
    }
    return {};
}

QVariant LeadTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case LeadQuery::Name:
        return tr("Name");
    case LeadQuery::Company:
        return tr("Company");
    case LeadQuery::Phone:
        return tr("Phone");
    case LeadQuery::Email:
        return tr("Email");
    case LeadQuery::Status:
        return tr("Status");
    case LeadQuery::Score:
        return tr("Score");
    case LeadQuery::Priority:
        return tr("Priority");
    case LeadQuery::Source:
        return tr("Source");
    case LeadQuery::ExpectedValue:
        return tr("Expected value");
    case LeadQuery::Updated:
        return tr("Updated");
    }
    return {};
}

bool LeadTableModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_reachedEnd && !m_failed && !m_fetching;
}

void LeadTableModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    m_fetching = true;
    const auto query = m_query;
    const QVariant afterKey = m_rows.empty() ? QVariant() : m_rows.back().sortKey;
    const qint64 afterId = m_rows.empty() ? 0 : m_rows.back().id;
    const int generation = m_generation;
    runOnWorker(
        m_runtime.reader(), this,
        [query, afterKey, afterId](
            SqlContext &sql) { return LeadQueries::page(sql, query, afterKey, afterId, pageSize); },
        [this, generation](std::vector<LeadRow> page, const QString &error) {
            if (generation != m_generation)
                return; // a new search or sort started meanwhile
            m_fetching = false;
            if (!error.isEmpty()) {
                m_failed = true;
                m_lastError = error;
                Q_EMIT loadFailed(error);
                return;
            }
            const bool last = int(page.size()) < pageSize;
            // A lead inserted live may come again with its page: keep the live copy.
            std::erase_if(page, [this](const LeadRow &row) { return rowOfId(row.id) >= 0; });
            if (!page.empty()) {
                const int first = rowCount();
                beginInsertRows({}, first, first + int(page.size()) - 1);
                std::move(page.begin(), page.end(), std::back_inserter(m_rows));
                endInsertRows();
            }
            m_reachedEnd = last;
            Q_EMIT pageLoaded();
        });
}

void LeadTableModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= LeadQuery::ColumnCount)
        return;
    auto query = m_query;
    query.sortColumn = Column(column);
    query.descending = order == Qt::DescendingOrder;
    if (query == m_query && (m_fetching || !m_rows.empty() || m_reachedEnd))
        return;
    m_query = query;
    reload();
}

void LeadTableModel::setSearch(const QString &search)
{
    if (search.trimmed() == m_query.search)
        return;
    m_query.search = search.trimmed();
    reload();
}

void LeadTableModel::reload()
{
    // A different question: the rows of the old one mean nothing for it.
    beginResetModel();
    ++m_generation;
    m_rows.clear();
    m_fetching = false;
    m_reachedEnd = false;
    m_failed = false;
    m_lastError.clear();
    endResetModel();
    fetchMore();
}

int LeadTableModel::rowOfId(qint64 id) const
{
    for (size_t i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].id == id)
            return int(i);
    }
    return -1;
}

void LeadTableModel::onEvents(const QList<DomainEvent> &events)
{
    for (const auto &event : events) {
        if (const qint64 id = leadIdOf(event); id > 0)
            m_changed.insert(id);
    }
    if (m_changed.isEmpty() || m_changeScheduled || m_changeInFlight)
        return;
    m_changeScheduled = true;
    // A burst of webhooks becomes one read.
    QTimer::singleShot(coalesceMs, this, &LeadTableModel::readChanged);
}

void LeadTableModel::readChanged()
{
    m_changeScheduled = false;
    if (m_changed.isEmpty())
        return;
    m_changeInFlight = true;
    const QList<qint64> ids(m_changed.begin(), m_changed.end());
    m_changed.clear();
    const auto query = m_query;
    const int generation = m_generation;
    runOnWorker(
        m_runtime.reader(), this,
        [query, ids](SqlContext &sql) { return LeadQueries::byIds(sql, query, ids); },
        [this, ids, generation](std::vector<LeadRow> rows, const QString &error) {
            m_changeInFlight = false;
            if (error.isEmpty() && generation == m_generation)
                applyChanged(ids, std::move(rows));
            if (!m_changed.isEmpty() && !m_changeScheduled) {
                m_changeScheduled = true;
                QTimer::singleShot(coalesceMs, this, &LeadTableModel::readChanged);
            }
        });
}

void LeadTableModel::applyChanged(const QList<qint64> &ids, std::vector<LeadRow> rows)
{
    QSet<qint64> found;
    for (auto &row : rows) {
        found.insert(row.id);
        upsert(std::move(row));
    }
    // Named by an event but no longer matching the search.
    for (const auto id : ids) {
        if (!found.contains(id)) {
            if (const int row = rowOfId(id); row >= 0)
                removeRow(row);
        }
    }
    Q_EMIT leadsChanged(ids);
}

bool LeadTableModel::before(const LeadRow &a, const LeadRow &b) const
{
    // The SQL order: (sort key, id), both ascending or both descending.
    const auto order = QVariant::compare(a.sortKey, b.sortKey);
    bool less = order == QPartialOrdering::Less;
    if (order == QPartialOrdering::Equivalent)
        less = a.id < b.id;
    else if (order == QPartialOrdering::Unordered)
        less = a.sortKey.toString() < b.sortKey.toString();
    const bool equal = order == QPartialOrdering::Equivalent && a.id == b.id;
    return m_query.descending ? (!less && !equal) : less;
}

int LeadTableModel::positionFor(const LeadRow &row, int ignoreRow) const
{
    int position = 0;
    for (int i = 0; i < rowCount(); ++i) {
        if (i == ignoreRow)
            continue;
        if (before(m_rows[size_t(i)], row))
            ++position;
        else
            break;
    }
    return position;
}

void LeadTableModel::upsert(LeadRow row)
{
    const int existing = rowOfId(row.id);
    const int position = positionFor(row, existing); // index among the other rows
    const int others = rowCount() - (existing >= 0 ? 1 : 0);
    // After the last loaded row while more pages exist: that page will bring it.
    if (position == others && !m_reachedEnd) {
        if (existing >= 0)
            removeRow(existing);
        return;
    }
    if (existing < 0) {
        beginInsertRows({}, position, position);
        m_rows.insert(m_rows.begin() + position, std::move(row));
        endInsertRows();
        return;
    }
    if (position != existing) {
        // beginMoveRows counts the destination before the move.
        const int destination = position > existing ? position + 1 : position;
        beginMoveRows({}, existing, existing, {}, destination);
        m_rows.erase(m_rows.begin() + existing);
        m_rows.insert(m_rows.begin() + position, std::move(row));
        endMoveRows();
        return;
    }
    m_rows[size_t(existing)] = std::move(row);
    Q_EMIT dataChanged(index(existing, 0), index(existing, LeadQuery::ColumnCount - 1));
}

void LeadTableModel::removeRow(int row)
{
    beginRemoveRows({}, row, row);
    m_rows.erase(m_rows.begin() + row);
    endRemoveRows();
}

} // namespace sb
