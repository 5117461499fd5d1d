#include "MessageNotifier.h"

#include "ConsolePreferences.h"
#include "domain/EventBus.h"
#include "domain/Messaging.h"
#include "domain/ProviderErrors.h"

#include <QAction>
#include <QApplication>
#include <QMenu>
#include <QSet>
#include <QSystemTrayIcon>
#include <QTimer>
#include <QWidget>

namespace sb {

namespace {

constexpr int batchMs = 800;

QString field(const QJsonObject &payload, std::initializer_list<const char *> keys)
{
    for (const char *key : keys) {
        const auto value = payload.value(QLatin1String(key));
        if (value.isString() && !value.toString().isEmpty())
            return value.toString();
    }
    return {};
}

} // namespace

MessageNotifier::MessageNotifier(EventBus &bus, QWidget *window)
    : QObject(window)
    , m_window(window)
{
    m_batch = new QTimer(this);
    m_batch->setSingleShot(true);
    m_batch->setInterval(batchMs);
    connect(m_batch, &QTimer::timeout, this, &MessageNotifier::flush);
    connect(&bus, &EventBus::eventsPublished, this, &MessageNotifier::onEvents, Qt::QueuedConnection);

    if (!QSystemTrayIcon::isSystemTrayAvailable())
        return;
    m_tray = new QSystemTrayIcon(QApplication::windowIcon(), this);
    m_tray->setToolTip(tr("Switchboard"));
    auto *menu = new QMenu(window);
    connect(menu->addAction(tr("Show Switchboard")), &QAction::triggered, this, [this] {
        m_window->showNormal();
        m_window->raise();
        m_window->activateWindow();
    });
    connect(menu->addAction(tr("Open conversations")), &QAction::triggered, this,
        &MessageNotifier::openConversations);
    menu->addSeparator();
    connect(menu->addAction(tr("Quit")), &QAction::triggered, qApp, &QApplication::quit);
    m_tray->setContextMenu(menu);
    connect(m_tray, &QSystemTrayIcon::messageClicked, this, &MessageNotifier::openConversations);
    connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
        if (reason == QSystemTrayIcon::Trigger)
            Q_EMIT openConversations();
    });
    m_tray->show();
}

void MessageNotifier::onEvents(const QList<DomainEvent> &events)
{
    for (const auto &event : events) {
        const auto message = event.payload.value(QStringLiteral("message")).toObject();
        // A caller's turn in an AI-agent call is shown in its thread, not announced turn by turn.
        const bool callTurn
            = event.payload.value(QStringLiteral("metadata")).toObject().contains(QStringLiteral("callTurn"));
        if (event.type == QLatin1String("message.created")
            && directionFromName(message.value(QStringLiteral("direction")).toString()) != Direction::Outbound
            && !callTurn)
            m_pending.append(event);
        // message.updated: {message, status, statusChanged, ...} (MessagingRepository).
        if (event.type == QLatin1String("message.updated")
            && event.payload.value(QStringLiteral("statusChanged")).toBool()
            && isFailedMessageStatus(
                messageStatusFromName(event.payload.value(QStringLiteral("status")).toString())
                    .value_or(MessageStatus::Unknown))
            && directionFromName(message.value(QStringLiteral("direction")).toString())
                == Direction::Outbound)
            m_failed.append(event);
        if (event.type == QLatin1String("conversation.handover"))
            m_handovers.append(event);
        if (event.type == QLatin1String("task.due"))
            m_dueTasks.append(event);
    }
    if ((!m_pending.isEmpty() || !m_failed.isEmpty() || !m_handovers.isEmpty() || !m_dueTasks.isEmpty())
        && !m_batch->isActive())
        m_batch->start();
}

void MessageNotifier::flushFailed(const QList<DomainEvent> &failed)
{
    if (failed.size() == 1) {
        const auto payload = failed.first().payload.value(QStringLiteral("message")).toObject();
        const auto channel = channelFromName(field(payload, {"channel"})).value_or(Channel::Sms);
        const auto to = field(payload, {"to_address"});
        const auto what = channel == Channel::Email ? tr("Email")
            : channel == Channel::Sms               ? tr("SMS")
                                                    : tr("Message");
        m_lastTitle
            = to.isEmpty() ? tr("%1 not delivered").arg(what) : tr("%1 to %2 not delivered").arg(what, to);
        m_lastMessage = providerErrorText(
            field(payload, {"provider"}), field(payload, {"error_code"}), field(payload, {"error_message"}));
        if (m_lastMessage.isEmpty())
            m_lastMessage = tr("The provider reported it %1.")
                                .arg(failed.first().payload.value(QStringLiteral("status")).toString());
    } else {
        m_lastTitle = tr("%n sent message(s) not delivered", nullptr, int(failed.size()));
        m_lastMessage = tr("Open Conversations to see why and retry.");
    }
    if (m_tray)
        m_tray->showMessage(m_lastTitle, m_lastMessage.left(200), QSystemTrayIcon::Warning, 10000);
    Q_EMIT notified(m_lastTitle, m_lastMessage);
}

void MessageNotifier::flushHandovers(const QList<DomainEvent> &handovers)
{
    if (handovers.size() == 1) {
        const auto &payload = handovers.first().payload;
        const auto assignee = field(payload, {"assignedTo"});
        m_lastTitle = assignee.isEmpty() ? tr("Handover: a person is needed")
                                         : tr("Handover for %1: a person is needed").arg(assignee);
        m_lastMessage = field(payload, {"reason"});
    } else {
        m_lastTitle = tr("%n conversation(s) need a person", nullptr, int(handovers.size()));
        m_lastMessage = tr("Open Conversations to take them over.");
    }
    if (m_tray)
        m_tray->showMessage(m_lastTitle, m_lastMessage.left(200), QSystemTrayIcon::Warning, 10000);
    Q_EMIT notified(m_lastTitle, m_lastMessage);
}

void MessageNotifier::flushDueTasks(const QList<DomainEvent> &tasks)
{
    // task.due carries the task under "task" (TaskRepository).
    if (tasks.size() == 1) {
        const auto task = tasks.first().payload.value(QStringLiteral("task")).toObject();
        const auto lead = field(task, {"leadName"});
        m_lastTitle = lead.isEmpty() ? tr("Task due") : tr("Task due: %1").arg(lead);
        m_lastMessage = field(task, {"title"});
    } else {
        m_lastTitle = tr("%n task(s) due", nullptr, int(tasks.size()));
        m_lastMessage = tr("Open the Dashboard to see them.");
    }
    if (m_tray)
        m_tray->showMessage(m_lastTitle, m_lastMessage.left(200), QSystemTrayIcon::Information, 10000);
    Q_EMIT notified(m_lastTitle, m_lastMessage);
}

void MessageNotifier::flush()
{
    const auto failed = std::exchange(m_failed, {});
    if (!failed.isEmpty() && ConsolePreferences::notifyFailedMessages())
        flushFailed(failed);
    // Reminders are asked for by the user; they are shown whatever the message settings say.
    const auto due = std::exchange(m_dueTasks, {});
    if (!due.isEmpty())
        flushDueTasks(due);
    auto pending = std::exchange(m_pending, {});
    const auto handovers = std::exchange(m_handovers, {});
    if (!ConsolePreferences::notifyNewMessages())
        return;
    if (!handovers.isEmpty()) {
        flushHandovers(handovers);
        // The messages that raised them are announced by the handover.
        QSet<qint64> raised;
        for (const auto &handover : handovers)
            raised.insert(handover.payload.value(QStringLiteral("conversationId")).toInteger());
        pending.removeIf([&raised](const DomainEvent &event) {
            return raised.contains(event.payload.value(QStringLiteral("conversationId")).toInteger());
        });
    }
    if (pending.isEmpty())
        return;
    if (pending.size() == 1) {
        // message.created carries the stored row under "message" (MessagingRepository).
        const auto payload = pending.first().payload.value(QStringLiteral("message")).toObject();
        const auto from = field(payload, {"from_address"});
        m_lastTitle = from.isEmpty() ? tr("New message") : tr("New message from %1").arg(from);
        m_lastMessage = field(payload, {"subject", "body"});
    } else {
        m_lastTitle = tr("%n new message(s)", nullptr, int(pending.size()));
        m_lastMessage = tr("Open Conversations to read them.");
    }
    if (m_tray)
        m_tray->showMessage(m_lastTitle, m_lastMessage.left(200), QSystemTrayIcon::Information, 6000);
    Q_EMIT notified(m_lastTitle, m_lastMessage);
}

} // namespace sb
