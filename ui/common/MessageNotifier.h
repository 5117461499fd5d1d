#pragma once

#include "domain/DomainEvent.h"

#include <QObject>

class QSystemTrayIcon;
class QTimer;
class QWidget;

namespace sb {

class EventBus;

// The tray icon, and a notification when new inbound messages arrive (message.created) or a message
// we sent fails (message.updated to failed/undelivered, with the provider's error), each unless
// turned off in Settings. Several messages within a moment become one notification. A handover
// (conversation.handover: a rule asks a person to take over) is announced with its reason, in place
// of the notification of the message that raised it. A follow-up task that falls due (task.due) is
// announced with its lead and title.
class MessageNotifier : public QObject
{
    Q_OBJECT
public:
    MessageNotifier(EventBus &bus, QWidget *window);

    // False where the desktop has no system tray (the notifier then does nothing).
    bool isAvailable() const { return m_tray != nullptr; }
    QSystemTrayIcon *tray() const { return m_tray; }
    // The text of the last notification shown (for tests).
    QString lastTitle() const { return m_lastTitle; }
    QString lastMessage() const { return m_lastMessage; }

Q_SIGNALS:
    // The user clicked the notification or the icon: show the conversations.
    void openConversations();
    // A notification was shown (also when no tray exists, for tests).
    void notified(const QString &title, const QString &message);

private:
    void onEvents(const QList<sb::DomainEvent> &events);
    void flush();
    void flushFailed(const QList<DomainEvent> &failed);
    void flushHandovers(const QList<DomainEvent> &handovers);
    void flushDueTasks(const QList<DomainEvent> &tasks);

    QWidget *m_window;
    QSystemTrayIcon *m_tray = nullptr;
    QTimer *m_batch;
    QList<DomainEvent> m_pending;
    QList<DomainEvent> m_failed;
    QList<DomainEvent> m_handovers;
    QList<DomainEvent> m_dueTasks;
    QString m_lastTitle;
    QString m_lastMessage;
};

} // namespace sb
