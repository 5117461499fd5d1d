#include "ConversationListModel.h"

#include "common/UiLog.h"
#include "common/WorkerQuery.h"
#include "runtime/Runtime.h"

#include <QDateTime>
#include <QLocale>
#include <QSet>
#include <QTimer>
#include <algorithm>
#include <iterator>

namespace sb {

namespace {

constexpr int coalesceMs = 150;
// Up to this many changed threads are placed one by one; more, in one layout change.
constexpr size_t placeOneByOne = 16;

QString timeText(qint64 ms)
{
    const auto time = QDateTime::fromMSecsSinceEpoch(ms);
    const auto today = QDate::currentDate();
    if (time.date() == today)
        return QLocale().toString(time.time(), QStringLiteral("HH:mm"));
    if (time.date().daysTo(today) < 7)
        return QLocale().toString(time, QStringLiteral("ddd HH:mm"));
    return QLocale().toString(time.date(), QStringLiteral("d MMM yyyy"));
}

// The thread an event belongs to: messages and calls name it in their payload.
qint64 conversationOf(const DomainEvent &event)
{
    if (event.payload.contains(QStringLiteral("conversationId")))
        return event.payload.value(QStringLiteral("conversationId")).toInteger();
    for (const auto *key : {"message", "call"}) {
        const auto record = event.payload.value(QLatin1String(key)).toObject();
        if (record.contains(QStringLiteral("conversation_id")))
            return record.value(QStringLiteral("conversation_id")).toInteger();
    }
    return 0;
}

bool newer(const ConversationRow &a, const ConversationRow &b)
{
    return a.lastMessageAtMs != b.lastMessageAtMs ? a.lastMessageAtMs > b.lastMessageAtMs : a.id > b.id;
}

} // namespace

ConversationListModel::ConversationListModel(Runtime &runtime, QObject *parent)
    : QAbstractListModel(parent)
    , m_runtime(runtime)
{
    connect(&runtime.bus(), &EventBus::eventsPublished, this, &ConversationListModel::onEvents,
        Qt::QueuedConnection);
}

QString ConversationListModel::channelLabel(Channel channel)
{
    switch (channel) {
    case Channel::Sms:
        return tr("SMS");
    case Channel::Email:
        return tr("Email");
    case Channel::Voice:
        return tr("Calls");
    case Channel::Push:
        return tr("Push");
    case Channel::Chat:
        return tr("Chat");
    }
    return {};
}

int ConversationListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant ConversationListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const auto &row = m_rows[size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        if (!row.leadName.isEmpty())
            return row.leadName;
        return row.leadAddress.isEmpty() ? tr("Lead #%1").arg(row.leadId) : row.leadAddress;
    case Qt::ToolTipRole:
        return tr("%1 · %n message(s)", nullptr, row.messageCount).arg(channelLabel(row.channel));
    case ConversationIdRole:
        return row.id;
    case ChannelRole:
        return channelName(row.channel);
    case PreviewRole:
        return row.preview;
    case UnreadRole:
        return row.unread;
    case TimeTextRole:
        return timeText(row.lastMessageAtMs);
    case LastDirectionRole:
        return row.lastDirection ? directionName(*row.lastDirection) : QString();
    }
    return {};
}

bool ConversationListModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_reachedEnd && !m_fetching;
}

void ConversationListModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    m_fetching = true;
    const qint64 afterAt = m_rows.empty() ? 0 : m_rows.back().lastMessageAtMs;
    const qint64 afterId = m_rows.empty() ? 0 : m_rows.back().id;
    const int generation = m_generation;
    runOnWorker(
        m_runtime.reader(), this,
        [afterAt, afterId](
            SqlContext &sql) { return ConversationRepository::page(sql, afterAt, afterId, pageSize); },
        [this, generation](std::vector<ConversationRow> page, const QString &error) {
            if (generation != m_generation)
                return;
            m_fetching = false;
            if (!error.isEmpty()) {
                qCWarning(lcUi, "conversations: %s", qPrintable(error));
                m_reachedEnd = true;
                Q_EMIT pageLoaded();
                return;
            }
            const bool last = int(page.size()) < pageSize;
            std::erase_if(page, [this](const ConversationRow &row) { return rowOfId(row.id) >= 0; });
            if (!page.empty()) {
                beginInsertRows({}, rowCount(), rowCount() + int(page.size()) - 1);
                std::move(page.begin(), page.end(), std::back_inserter(m_rows));
                endInsertRows();
            }
            m_reachedEnd = last;
            Q_EMIT pageLoaded();
        });
}

void ConversationListModel::reload()
{
    beginResetModel();
    ++m_generation;
    m_rows.clear();
    m_fetching = false;
    m_reachedEnd = false;
    endResetModel();
    fetchMore();
}

int ConversationListModel::rowOfId(qint64 id) const
{
    for (size_t i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].id == id)
            return int(i);
    }
    return -1;
}

void ConversationListModel::onEvents(const QList<DomainEvent> &events)
{
    for (const auto &event : events) {
        if (const qint64 id = conversationOf(event); id > 0)
            m_changed.insert(id);
    }
    if (m_changed.isEmpty() || m_changeScheduled)
        return;
    m_changeScheduled = true;
    QTimer::singleShot(coalesceMs, this, &ConversationListModel::readChanged);
}

void ConversationListModel::readChanged()
{
    m_changeScheduled = false;
    const QList<qint64> ids(m_changed.begin(), m_changed.end());
    m_changed.clear();
    const int generation = m_generation;
    runOnWorker(
        m_runtime.reader(), this, [ids](SqlContext &sql) { return ConversationRepository::byIds(sql, ids); },
        [this, ids, generation](std::vector<ConversationRow> rows, const QString &error) {
            if (!error.isEmpty() || generation != m_generation)
                return;
            placeAll(std::move(rows));
            Q_EMIT threadsChanged(ids);
        });
}

void ConversationListModel::placeAll(std::vector<ConversationRow> rows)
{
    // A few threads move one by one (a row inserted or moved is animated by the view as such).
    if (rows.size() <= placeOneByOne) {
        for (auto &row : rows)
            place(std::move(row));
        return;
    }
    // Many at once (a campaign sending hundreds a second): one layout change instead of a view
    // relayout per row, and O(n log n) instead of a scan of every loaded row per changed one. The
    // selection and other persistent indexes follow their threads.
    Q_EMIT layoutAboutToBeChanged();
    const auto persistent = persistentIndexList();
    QList<qint64> persistentIds;
    persistentIds.reserve(persistent.size());
    for (const auto &index : persistent)
        persistentIds.append(
            index.isValid() && size_t(index.row()) < m_rows.size() ? m_rows[size_t(index.row())].id : 0);
    QSet<qint64> changed;
    for (const auto &row : rows)
        changed.insert(row.id);
    QSet<qint64> loaded;
    for (const auto &row : m_rows)
        loaded.insert(row.id);
    std::erase_if(m_rows, [&changed](const ConversationRow &row) { return changed.contains(row.id); });
    // Older than every loaded thread and not loaded yet: its page brings it when scrolled to.
    const ConversationRow *oldest = m_rows.empty() ? nullptr : &m_rows.back();
    std::vector<ConversationRow> kept;
    kept.reserve(rows.size());
    for (auto &row : rows) {
        if (!loaded.contains(row.id) && !m_reachedEnd && oldest && newer(*oldest, row))
            continue;
        kept.push_back(std::move(row));
    }
    std::sort(kept.begin(), kept.end(), newer);
    std::vector<ConversationRow> merged;
    merged.reserve(m_rows.size() + kept.size());
    std::merge(std::make_move_iterator(m_rows.begin()), std::make_move_iterator(m_rows.end()),
        std::make_move_iterator(kept.begin()), std::make_move_iterator(kept.end()),
        std::back_inserter(merged), newer);
    m_rows = std::move(merged);
    QHash<qint64, int> rowOf;
    rowOf.reserve(qsizetype(m_rows.size()));
    for (size_t i = 0; i < m_rows.size(); ++i)
        rowOf.insert(m_rows[i].id, int(i));
    QModelIndexList moved;
    moved.reserve(persistent.size());
    for (const auto id : std::as_const(persistentIds)) {
        const auto at = rowOf.constFind(id);
        moved.append(at == rowOf.constEnd() ? QModelIndex() : index(*at));
    }
    changePersistentIndexList(persistent, moved);
    Q_EMIT layoutChanged();
}

void ConversationListModel::place(ConversationRow row)
{
    const int existing = rowOfId(row.id);
    int position = 0;
    for (int i = 0; i < rowCount(); ++i) {
        if (i != existing && newer(m_rows[size_t(i)], row))
            ++position;
    }
    const int others = rowCount() - (existing >= 0 ? 1 : 0);
    if (position == others && !m_reachedEnd && existing < 0)
        return; // older than every loaded thread: its page brings it
    if (existing < 0) {
        beginInsertRows({}, position, position);
        m_rows.insert(m_rows.begin() + position, std::move(row));
        endInsertRows();
    } else if (position != existing) {
        beginMoveRows({}, existing, existing, {}, position > existing ? position + 1 : position);
        m_rows.erase(m_rows.begin() + existing);
        m_rows.insert(m_rows.begin() + position, std::move(row));
        endMoveRows();
    } else {
        m_rows[size_t(existing)] = std::move(row);
        Q_EMIT dataChanged(index(existing), index(existing));
    }
}

void ConversationListModel::markRead(qint64 id)
{
    const int row = rowOfId(id);
    if (row < 0 || m_rows[size_t(row)].unread == 0)
        return;
    m_rows[size_t(row)].unread = 0;
    Q_EMIT dataChanged(index(row), index(row), {UnreadRole});
    runOnWorker(
        m_runtime.writer(), this,
        [id](SqlContext &sql) {
            ConversationRepository::markRead(sql, id);
            return id;
        },
        [](qint64 id, const QString &error) {
            if (!error.isEmpty())
                qCWarning(lcUi, "conversations: thread %lld not marked read: %s", id, qPrintable(error));
        });
}

} // namespace sb
