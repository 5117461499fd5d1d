#include "DueTasksPanel.h"

#include "common/WorkerQuery.h"
#include "domain/DomainEvent.h"
#include "runtime/Runtime.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTimeZone>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace sb {

namespace {

constexpr int coalesceMs = 500;
constexpr int periodicMs = 60'000;
constexpr int listLimit = 50;
constexpr qint64 hourMs = 60LL * 60 * 1000;
constexpr int taskIdRole = Qt::UserRole + 1;
constexpr int leadIdRole = Qt::UserRole + 2;

enum Change
{
    Done,
    SnoozeHour,
    SnoozeTomorrow
};

// The end of today and 9:00 tomorrow in the user's zone.
qint64 endOfToday(qint64 nowMs)
{
    const auto local = QDateTime::fromMSecsSinceEpoch(nowMs, QTimeZone::systemTimeZone());
    return QDateTime(local.date().addDays(1), QTime(0, 0), QTimeZone::systemTimeZone()).toMSecsSinceEpoch();
}

qint64 tomorrowMorning(qint64 nowMs)
{
    const auto local = QDateTime::fromMSecsSinceEpoch(nowMs, QTimeZone::systemTimeZone());
    return QDateTime(local.date().addDays(1), QTime(9, 0), QTimeZone::systemTimeZone()).toMSecsSinceEpoch();
}

} // namespace

DueTasksPanel::DueTasksPanel(Runtime &runtime, QWidget *parent)
    : QWidget(parent)
    , m_runtime(runtime)
{
    setObjectName(QStringLiteral("dueTasksPanel"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    auto *header = new QHBoxLayout;
    auto *heading = new QLabel(title(), this);
    auto font = heading->font();
    font.setBold(true);
    heading->setFont(font);
    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("dueTasksCount"));
    m_count->setForegroundRole(QPalette::PlaceholderText);
    header->addWidget(heading);
    header->addStretch(1);
    header->addWidget(m_count);
    layout->addLayout(header);

    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("dueTasksList"));
    m_list->setRootIsDecorated(false);
    m_list->setHeaderLabels({tr("Due"), tr("Lead"), tr("Task"), tr("Owner")});
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->header()->setStretchLastSection(false);
    m_list->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_list->header()->setSectionResizeMode(2, QHeaderView::Stretch);
    m_list->setToolTip(tr("Double-click a task to open its lead"));
    layout->addWidget(m_list, 1);

    auto *buttons = new QHBoxLayout;
    m_done = new QPushButton(tr("Mark done"), this);
    m_done->setObjectName(QStringLiteral("dueTasksDone"));
    m_snoozeHour = new QPushButton(tr("Snooze 1 h"), this);
    m_snoozeHour->setObjectName(QStringLiteral("dueTasksSnoozeHour"));
    m_snoozeTomorrow = new QPushButton(tr("Tomorrow 9:00"), this);
    m_snoozeTomorrow->setObjectName(QStringLiteral("dueTasksSnoozeTomorrow"));
    m_snoozeTomorrow->setToolTip(tr("Snooze until 9:00 tomorrow"));
    buttons->addWidget(m_done);
    buttons->addWidget(m_snoozeHour);
    buttons->addWidget(m_snoozeTomorrow);
    buttons->addStretch(1);
    layout->addLayout(buttons);
    connect(m_done, &QPushButton::clicked, this, [this] { markDone(selectedTask()); });
    connect(m_snoozeHour, &QPushButton::clicked, this, [this] { snoozeHour(selectedTask()); });
    connect(m_snoozeTomorrow, &QPushButton::clicked, this, [this] { snoozeTomorrow(selectedTask()); });
    connect(m_list, &QTreeWidget::itemSelectionChanged, this, &DueTasksPanel::updateButtons);
    connect(m_list, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        const qint64 lead = item ? item->data(0, leadIdRole).toLongLong() : 0;
        if (lead > 0)
            Q_EMIT openLead(lead);
    });
    updateButtons();

    m_coalesce = new QTimer(this);
    m_coalesce->setSingleShot(true);
    m_coalesce->setInterval(coalesceMs);
    connect(m_coalesce, &QTimer::timeout, this, &DueTasksPanel::refresh);
    m_periodic = new QTimer(this);
    m_periodic->setInterval(periodicMs);
    connect(m_periodic, &QTimer::timeout, this, &DueTasksPanel::refresh);
    m_periodic->start();
    connect(&runtime.bus(), &EventBus::eventsPublished, this, &DueTasksPanel::onEvents, Qt::QueuedConnection);
    refresh();
}

QString DueTasksPanel::title()
{
    return tr("Due today / Overdue");
}

qint64 DueTasksPanel::selectedTask() const
{
    const auto *item = m_list->currentItem();
    return item && item->isSelected() ? item->data(0, taskIdRole).toLongLong() : 0;
}

void DueTasksPanel::onEvents(const QList<DomainEvent> &events)
{
    for (const auto &event : events) {
        // task.created, task.completed, task.due and task changes; a lead's rename shows too.
        if (event.type.startsWith(QLatin1String("task.")) || event.type.startsWith(QLatin1String("lead."))) {
            if (!m_coalesce->isActive())
                m_coalesce->start();
            return;
        }
    }
}

void DueTasksPanel::refresh()
{
    if (m_inFlight) {
        m_dirty = true;
        return;
    }
    m_inFlight = true;
    m_dirty = false;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    runOnWorker(
        m_runtime.reader(), this,
        [now](SqlContext &sql) { return TaskRepository::due(sql, now, endOfToday(now), listLimit); },
        [this](TaskRepository::DueSummary summary, const QString &error) {
            m_inFlight = false;
            if (error.isEmpty())
                present(std::move(summary));
            else
                m_count->setText(tr("Could not read the tasks: %1").arg(error));
            if (m_dirty)
                refresh();
        });
}

void DueTasksPanel::present(TaskRepository::DueSummary summary)
{
    const qint64 selected = selectedTask();
    m_summary = std::move(summary);
    m_list->clear();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QLocale locale;
    const QDate today = QDate::currentDate();
    const QColor late(0xc6, 0x28, 0x28);
    for (const auto &task : m_summary.tasks) {
        const auto due = QDateTime::fromMSecsSinceEpoch(task.dueAt).toLocalTime();
        const QString time = locale.toString(due.time(), QStringLiteral("HH:mm"));
        const bool overdue = task.overdue(now);
        // Today: the time; another day: "6 Dec 22:51" (the year only when it is not this one).
        const QString day = locale.toString(due.date(),
            due.date().year() == today.year() ? QStringLiteral("d MMM") : QStringLiteral("d MMM yyyy"));
        QString when = due.date() == today ? time : day + QLatin1Char(' ') + time;
        if (overdue)
            when = tr("Overdue · %1").arg(when);
        auto *item = new QTreeWidgetItem(m_list,
            {when, task.leadId > 0 ? task.leadName : tr("No lead"), task.title,
                task.owner.isEmpty() ? QStringLiteral("–") : task.owner});
        item->setData(0, taskIdRole, task.id);
        item->setData(0, leadIdRole, task.leadId);
        item->setToolTip(
            2, task.notes.isEmpty() ? task.title : task.title + QStringLiteral("\n\n") + task.notes);
        if (overdue)
            item->setForeground(0, late);
        if (task.leadId == 0)
            item->setForeground(1, palette().color(QPalette::PlaceholderText));
        if (task.id == selected)
            m_list->setCurrentItem(item);
    }
    if (m_summary.tasks.isEmpty()) {
        auto *item = new QTreeWidgetItem(m_list);
        const QString text = tr("Nothing due today");
        item->setText(0, text);
        item->setForeground(0, palette().color(QPalette::PlaceholderText));
        item->setFlags(Qt::NoItemFlags);
        item->setFirstColumnSpanned(true);
    }
    QStringList counts;
    if (m_summary.overdue > 0)
        counts << tr("%n overdue", nullptr, int(m_summary.overdue));
    if (m_summary.dueToday > 0)
        counts << tr("%n due today", nullptr, int(m_summary.dueToday));
    m_count->setText(counts.join(QStringLiteral(" · ")));
    updateButtons();
    ++m_generation;
    Q_EMIT refreshed();
}

void DueTasksPanel::updateButtons()
{
    const bool any = selectedTask() > 0;
    for (auto *button : {m_done, m_snoozeHour, m_snoozeTomorrow})
        button->setEnabled(any);
}

void DueTasksPanel::markDone(qint64 taskId)
{
    change(taskId, Done);
}

void DueTasksPanel::snoozeHour(qint64 taskId)
{
    change(taskId, SnoozeHour);
}

void DueTasksPanel::snoozeTomorrow(qint64 taskId)
{
    change(taskId, SnoozeTomorrow);
}

void DueTasksPanel::change(qint64 taskId, int kind)
{
    if (taskId <= 0)
        return;
    SqlJob job;
    job.replyContext = this;
    job.run = [taskId, kind](SqlContext &sql) -> ApiResult {
        const auto before = TaskRepository::find(sql, taskId);
        if (!before)
            return ApiError {ErrorKind::NotFound, QStringLiteral("Task %1 not found").arg(taskId)};
        auto changed = *before;
        if (kind == Done) {
            changed.state = TaskState::Done;
        } else {
            changed.state = TaskState::Snoozed;
            changed.dueAt = kind == SnoozeHour ? std::max(sql.nowMs(), before->dueAt) + hourMs
                                               : tomorrowMorning(sql.nowMs());
        }
        TaskRepository::save(sql, *before, changed);
        return ApiResponse {};
    };
    job.done = [this](const ApiResult &) { refresh(); };
    m_runtime.writer().submit(std::move(job));
}

} // namespace sb
