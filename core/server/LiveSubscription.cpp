#include "LiveSubscription.h"

namespace sb {

namespace {

// "lead:42" → 42 for prefix "lead:"; 0 when the rest is not a positive integer.
qint64 recordId(const QString &topic, QLatin1String prefix)
{
    if (!topic.startsWith(prefix))
        return 0;
    const auto rest = QStringView(topic).mid(prefix.size());
    if (rest.isEmpty() || rest.size() > 18)
        return 0;
    for (const auto c : rest) {
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return 0;
    }
    const auto id = rest.toLongLong();
    return id > 0 ? id : 0;
}

constexpr QLatin1String leadPrefix("lead:");
constexpr QLatin1String conversationPrefix("conversation:");

} // namespace

const QStringList &TopicSet::families()
{
    static const QStringList names {QStringLiteral("leads"), QStringLiteral("conversations"),
        QStringLiteral("deliveries"), QStringLiteral("inbound"), QStringLiteral("campaigns"),
        QStringLiteral("notifications")};
    return names;
}

quint32 TopicSet::familyBit(const QString &topic)
{
    // Every event asks for its family once per client: a switch on the length and one comparison
    // instead of hashing the name.
    const auto &names = families();
    const auto bitOf = [&topic, &names](int index) -> quint32 {
        return topic == names.at(index) ? quint32(1) << index : 0;
    };
    switch (topic.size()) {
    case 5:
        return bitOf(0); // leads
    case 13:
        return topic.startsWith(QLatin1Char('c')) ? bitOf(1) : bitOf(5); // conversations, notifications
    case 10:
        return bitOf(2); // deliveries
    case 7:
        return bitOf(3); // inbound
    case 9:
        return bitOf(4); // campaigns
    default:
        return 0;
    }
}

bool TopicSet::valid(const QString &topic, QString *error)
{
    if (familyBit(topic) != 0 || recordId(topic, leadPrefix) > 0 || recordId(topic, conversationPrefix) > 0)
        return true;
    if (error)
        *error = QStringLiteral("unknown topic \"%1\"; topics are %2, lead:{id} and conversation:{id}")
                     .arg(topic.left(80), families().join(QStringLiteral(", ")));
    return false;
}

bool TopicSet::add(const QStringList &topics, QString *error)
{
    for (const auto &topic : topics) {
        if (!valid(topic, error))
            return false;
    }
    for (const auto &topic : topics) {
        if (const auto lead = recordId(topic, leadPrefix))
            m_leads.insert(lead);
        else if (const auto conversation = recordId(topic, conversationPrefix))
            m_conversations.insert(conversation);
        else
            m_families |= familyBit(topic);
    }
    return true;
}

void TopicSet::remove(const QStringList &topics)
{
    for (const auto &topic : topics) {
        if (const auto lead = recordId(topic, leadPrefix))
            m_leads.remove(lead);
        else if (const auto conversation = recordId(topic, conversationPrefix))
            m_conversations.remove(conversation);
        else
            m_families &= ~familyBit(topic);
    }
}

QStringList TopicSet::names() const
{
    QStringList names;
    for (const auto &family : families()) {
        if (m_families & familyBit(family))
            names.append(family);
    }
    auto leads = m_leads.values();
    std::sort(leads.begin(), leads.end());
    for (const auto id : std::as_const(leads))
        names.append(leadPrefix + QString::number(id));
    auto conversations = m_conversations.values();
    std::sort(conversations.begin(), conversations.end());
    for (const auto id : std::as_const(conversations))
        names.append(conversationPrefix + QString::number(id));
    return names;
}

bool TopicSet::matches(const StreamEvent &event) const
{
    return (m_families & familyBit(event.topic)) != 0 || (event.leadId > 0 && m_leads.contains(event.leadId))
        || (event.conversationId > 0 && m_conversations.contains(event.conversationId));
}

void Subscription::beginReplay(qint64 since)
{
    m_replaying = true;
    // Nothing at or before `since` is wanted; what was already sent stays unsent again.
    m_lastSent = std::max(m_lastSent, since);
}

bool Subscription::take(const StreamEvent &event)
{
    if (event.seq <= m_lastSent || !m_topics.matches(event))
        return false;
    m_lastSent = event.seq;
    return true;
}

QList<StreamEvent> Subscription::replayed(const QList<StreamEvent> &page)
{
    QList<StreamEvent> send;
    for (const auto &event : page) {
        if (take(event))
            send.append(event);
    }
    return send;
}

QList<StreamEvent> Subscription::endReplay()
{
    m_replaying = false;
    QList<StreamEvent> send;
    for (const auto &event : std::as_const(m_held)) {
        if (take(event))
            send.append(event);
    }
    m_held.clear();
    return send;
}

bool Subscription::offer(const StreamEvent &event)
{
    if (m_replaying) {
        if (event.seq > m_lastSent && m_topics.matches(event))
            m_held.append(event);
        return false;
    }
    return take(event);
}

} // namespace sb
