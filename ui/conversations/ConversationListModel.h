#pragma once

#include "domain/DomainEvent.h"
#include "storage/ConversationRepository.h"

#include <QAbstractListModel>
#include <QSet>

namespace sb {

class Runtime;

// The threads, most recent activity first, paged by keyset on the reader thread. Messages and calls
// (message.*, call.*, recording.* events) re-read just their threads, which move to their place
// (usually the top) with row moves and inserts, never a reset.
class ConversationListModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role
    {
        ConversationIdRole = Qt::UserRole + 1,
        ChannelRole,
        PreviewRole,
        UnreadRole,
        TimeTextRole,
        LastDirectionRole,
    };
    static constexpr int pageSize = 100;

    explicit ConversationListModel(Runtime &runtime, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent = {}) const override;
    void fetchMore(const QModelIndex &parent = {}) override;

    const ConversationRow &rowAt(int row) const { return m_rows.at(size_t(row)); }
    int rowOfId(qint64 id) const;
    bool reachedEnd() const { return m_reachedEnd; }
    // Marks a thread read (unread_count = 0) in the database and in the row.
    void markRead(qint64 id);
    void reload();

    static QString channelLabel(Channel channel);

Q_SIGNALS:
    void pageLoaded();
    // Threads re-read after events (their messages changed).
    void threadsChanged(const QList<qint64> &ids);

private:
    void onEvents(const QList<sb::DomainEvent> &events);
    void readChanged();
    void place(ConversationRow row);
    void placeAll(std::vector<ConversationRow> rows);

    Runtime &m_runtime;
    std::vector<ConversationRow> m_rows;
    int m_generation = 0;
    bool m_fetching = false;
    bool m_reachedEnd = false;
    QSet<qint64> m_changed;
    bool m_changeScheduled = false;
};

} // namespace sb
