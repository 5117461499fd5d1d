#pragma once

#include "domain/DomainEvent.h"

#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace sb {

// The topics one live client follows: families (leads, conversations, deliveries, inbound,
// campaigns, notifications) and single records (lead:{id}, conversation:{id}).
class TopicSet
{
public:
    static const QStringList &families();
    // Whether `topic` is one a client may name; `error` says why not.
    static bool valid(const QString &topic, QString *error = nullptr);

    // Adds valid topics; returns false (adding nothing) and names the first invalid one.
    bool add(const QStringList &topics, QString *error = nullptr);
    void remove(const QStringList &topics);
    bool isEmpty() const { return m_families == 0 && m_leads.isEmpty() && m_conversations.isEmpty(); }
    QStringList names() const;
    bool matches(const StreamEvent &event) const;

    // The bit of a family in the sets (0: not a family name).
    static quint32 familyBit(const QString &topic);

private:
    quint32 m_families = 0; // familyBit()s

    QSet<qint64> m_leads;
    QSet<qint64> m_conversations;
};

// What one client is sent, in seq order, without gaps or repeats, across a resume: while the
// stored entries after `since` are replayed, live entries are held back; when the replay ends the
// held ones not already replayed follow. Every entry is sent at most once (seq > the last sent).
class Subscription
{
public:
    TopicSet &topics() { return m_topics; }
    const TopicSet &topics() const { return m_topics; }
    bool replaying() const { return m_replaying; }
    qint64 lastSent() const { return m_lastSent; }

    // Starts a replay of entries after `since` (live entries are held from now on).
    void beginReplay(qint64 since);
    // A page of stored entries (seq order): those to send now.
    QList<StreamEvent> replayed(const QList<StreamEvent> &page);
    // The replay is over: the held live entries to send now; live from here on.
    QList<StreamEvent> endReplay();
    // A live entry: whether to send it now (false while replaying: it is held, if it matches).
    bool offer(const StreamEvent &event);
    qsizetype held() const { return m_held.size(); }

private:
    bool take(const StreamEvent &event);

    TopicSet m_topics;
    bool m_replaying = false;
    qint64 m_lastSent = 0;
    QList<StreamEvent> m_held;
};

} // namespace sb
