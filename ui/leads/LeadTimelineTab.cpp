#include "LeadTimelineTab.h"

#include "common/WorkerQuery.h"
#include "dashboard/IntelligencePanels.h"
#include "runtime/Runtime.h"
#include "storage/CallAnalytics.h"
#include "storage/TaskRepository.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTimeZone>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace sb {

namespace {

constexpr int pageSize = 100;
constexpr int callWindowDays = 365;
constexpr qint64 snoozeMs = 60LL * 60 * 1000;

QString kindLabel(const QString &kind)
{
    static const QHash<QString, const char *> labels {
        {QStringLiteral("sms"), QT_TRANSLATE_NOOP("sb::LeadTimelineTab", "SMS")},
        {QStringLiteral("email"), QT_TRANSLATE_NOOP("sb::LeadTimelineTab", "Email")},
        {QStringLiteral("chat"), QT_TRANSLATE_NOOP("sb::LeadTimelineTab", "Chat")},
        {QStringLiteral("push"), QT_TRANSLATE_NOOP("sb::LeadTimelineTab", "Push")},
        {QStringLiteral("voice"), QT_TRANSLATE_NOOP("sb::LeadTimelineTab", "AI agent call")},
        {QStringLiteral("call"), QT_TRANSLATE_NOOP("sb::LeadTimelineTab", "Call")},
        {QStringLiteral("memo"), QT_TRANSLATE_NOOP("sb::LeadTimelineTab", "Memo")},
        {QStringLiteral("activity"), QT_TRANSLATE_NOOP("sb::LeadTimelineTab", "Activity")},
        {QStringLiteral("status"), QT_TRANSLATE_NOOP("sb::LeadTimelineTab", "Status")},
        {QStringLiteral("task"), QT_TRANSLATE_NOOP("sb::LeadTimelineTab", "Task")}};
    const auto *label = labels.value(kind);
    return label ? LeadTimelineTab::tr(label) : kind;
}

} // namespace

LeadTimelineTab::LeadTimelineTab(Runtime &runtime, QWidget *parent)
    : QWidget(parent)
    , m_runtime(runtime)
{
    m_kinds = new QComboBox(this);
    m_kinds->setObjectName(QStringLiteral("timelineKinds"));
    m_kinds->addItem(tr("Everything"), QStringList());
    m_kinds->addItem(tr("Messages"),
        QStringList {
            QStringLiteral("sms"), QStringLiteral("email"), QStringLiteral("chat"), QStringLiteral("push")});
    m_kinds->addItem(tr("Calls"), QStringList {QStringLiteral("call"), QStringLiteral("voice")});
    m_kinds->addItem(
        tr("Memos and activities"), QStringList {QStringLiteral("memo"), QStringLiteral("activity")});
    m_kinds->addItem(tr("Status changes"), QStringList {QStringLiteral("status")});
    m_kinds->addItem(tr("Tasks"), QStringList {QStringLiteral("task")});
    connect(m_kinds, &QComboBox::currentIndexChanged, this, [this] { fetch(false); });
    m_add = new QPushButton(tr("Add task…"), this);
    m_add->setObjectName(QStringLiteral("timelineAddTask"));
    m_add->setToolTip(tr("A follow-up task for this lead, with a due time and a reminder"));
    connect(m_add, &QPushButton::clicked, this, &LeadTimelineTab::openAddTask);
    auto *bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Show:"), this));
    bar->addWidget(m_kinds);
    bar->addStretch(1);
    m_calls = new QLabel(this);
    m_calls->setObjectName(QStringLiteral("timelineCallFigures"));
    m_calls->setForegroundRole(QPalette::PlaceholderText);
    m_calls->setToolTip(tr("Calls of the last %n days (answered: picked up, or completed with a duration)",
        nullptr, callWindowDays));
    bar->addWidget(m_calls);
    bar->addSpacing(12);
    bar->addWidget(m_add);

    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("timelineList"));
    m_list->setHeaderLabels({tr("When"), tr("Kind"), tr("What"), tr("Details")});
    m_list->setRootIsDecorated(false);
    m_list->setAlternatingRowColors(true);
    m_list->setWordWrap(true);
    m_list->setUniformRowHeights(false);
    m_list->header()->setStretchLastSection(true);
    m_list->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_list, &QTreeWidget::customContextMenuRequested, this, &LeadTimelineTab::menuAt);
    m_empty = new QLabel(this);
    m_empty->setObjectName(QStringLiteral("timelineEmpty"));
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    m_empty->setVisible(false);
    m_more = new QPushButton(tr("Show older"), this);
    m_more->setObjectName(QStringLiteral("timelineMore"));
    m_more->setVisible(false);
    connect(m_more, &QPushButton::clicked, this, [this] { fetch(true); });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_empty);
    layout->addWidget(m_more, 0, Qt::AlignLeft);
}

QStringList LeadTimelineTab::wantedKinds() const
{
    return m_kinds->currentData().toStringList();
}

void LeadTimelineTab::showLead(qint64 leadId)
{
    m_leadId = leadId;
    fetch(false);
    fetchCallFigures();
}

void LeadTimelineTab::fetchCallFigures()
{
    m_calls->clear();
    if (m_leadId <= 0)
        return;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    runOnWorker(
        m_runtime.reader(), this,
        [lead = m_leadId, now](SqlContext &sql) {
            return CallAnalytics::load(sql, now, callWindowDays, QTimeZone::systemTimeZone(), lead).totals;
        },
        [this, lead = m_leadId](CallAnalytics::Figures totals, const QString &error) {
            if (lead != m_leadId || !error.isEmpty())
                return;
            m_calls->setText(IntelligencePanels::callsLine(totals));
        });
}

void LeadTimelineTab::fetch(bool more)
{
    const int request = ++m_request;
    if (m_leadId <= 0) {
        m_list->clear();
        return;
    }
    const auto after = more ? m_next : std::nullopt;
    runOnWorker(
        m_runtime.reader(), this,
        [lead = m_leadId, kinds = wantedKinds(), after](
            SqlContext &sql) { return LeadTimeline::read(sql, lead, kinds, after, pageSize); },
        [this, request, more](LeadTimeline::Page page, const QString &error) {
            if (request != m_request)
                return;
            if (!error.isEmpty()) {
                m_empty->setText(tr("Could not read the timeline: %1").arg(error));
                m_empty->setVisible(true);
                return;
            }
            present(page, more);
            Q_EMIT loaded();
        });
}

void LeadTimelineTab::present(const LeadTimeline::Page &page, bool more)
{
    if (!more)
        m_list->clear();
    const auto locale = QLocale();
    for (const auto &entry : page.entries) {
        QString what = entry.title;
        if (entry.kind == QLatin1String("task"))
            what = entry.state == QLatin1String("done")
                ? tr("Task done")
                : tr("Task due %1")
                      .arg(locale.toString(
                          QDateTime::fromMSecsSinceEpoch(entry.dueAt), QStringLiteral("yyyy-MM-dd HH:mm")));
        auto *item = new QTreeWidgetItem(m_list,
            {locale.toString(QDateTime::fromMSecsSinceEpoch(entry.at), QStringLiteral("yyyy-MM-dd HH:mm")),
                kindLabel(entry.kind), what, entry.text.left(500)});
        item->setToolTip(3, entry.text.left(4000));
        item->setData(0, Qt::UserRole, entry.kind);
        item->setData(0, Qt::UserRole + 1, entry.id);
        item->setData(0, Qt::UserRole + 2, entry.state);
    }
    m_next = page.next;
    m_more->setVisible(page.next.has_value());
    const bool empty = m_list->topLevelItemCount() == 0;
    m_empty->setText(wantedKinds().isEmpty() ? tr("Nothing has happened with this lead yet.")
                                             : tr("Nothing of this kind yet."));
    m_empty->setVisible(empty);
    m_list->resizeColumnToContents(0);
    m_list->resizeColumnToContents(1);
}

void LeadTimelineTab::menuAt(const QPoint &position)
{
    auto *item = m_list->itemAt(position);
    if (!item || item->data(0, Qt::UserRole).toString() != QLatin1String("task")
        || item->data(0, Qt::UserRole + 2).toString() == QLatin1String("done"))
        return;
    const auto id = item->data(0, Qt::UserRole + 1).toLongLong();
    QMenu menu(this);
    menu.addAction(tr("Mark done"), this, [this, id] { markDone(id); });
    menu.addAction(tr("Snooze 1 hour"), this, [this, id] { snooze(id); });
    menu.exec(m_list->viewport()->mapToGlobal(position));
}

void LeadTimelineTab::openAddTask()
{
    if (m_leadId <= 0)
        return;
    auto *dialog = new QDialog(this);
    dialog->setObjectName(QStringLiteral("addTaskDialog"));
    dialog->setWindowTitle(tr("Add follow-up task"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    auto *title = new QLineEdit(dialog);
    title->setObjectName(QStringLiteral("taskTitle"));
    title->setPlaceholderText(tr("e.g. Send the quote"));
    title->setMaxLength(500);
    auto *due = new QDateTimeEdit(QDateTime::currentDateTime().addSecs(3600), dialog);
    due->setObjectName(QStringLiteral("taskDue"));
    due->setCalendarPopup(true);
    due->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
    auto *owner = new QLineEdit(dialog);
    owner->setObjectName(QStringLiteral("taskOwner"));
    auto *notes = new QPlainTextEdit(dialog);
    notes->setObjectName(QStringLiteral("taskNotes"));
    notes->setMaximumHeight(90);
    auto *form = new QFormLayout;
    form->addRow(tr("Title"), title);
    form->addRow(tr("Due"), due);
    form->addRow(tr("Owner"), owner);
    form->addRow(tr("Notes"), notes);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, dialog);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Add task"));
    buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    connect(title, &QLineEdit::textChanged, dialog, [buttons](const QString &text) {
        buttons->button(QDialogButtonBox::Ok)->setEnabled(!text.trimmed().isEmpty());
    });
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    connect(buttons, &QDialogButtonBox::accepted, dialog, [this, dialog, title, due, owner, notes] {
        addTask(title->text().trimmed(), due->dateTime().toMSecsSinceEpoch(), owner->text().trimmed(),
            notes->toPlainText().trimmed());
        dialog->accept();
    });
    auto *layout = new QVBoxLayout(dialog);
    layout->addLayout(form);
    layout->addWidget(buttons);
    dialog->open();
}

void LeadTimelineTab::addTask(
    const QString &title, qint64 dueAtMs, const QString &owner, const QString &notes)
{
    FollowUpTask task;
    task.leadId = m_leadId;
    task.title = title;
    task.dueAt = dueAtMs;
    task.owner = owner;
    task.notes = notes;
    task.source = TaskSource::Manual;
    SqlJob job;
    job.replyContext = this;
    job.run = [task](SqlContext &sql) -> ApiResult {
        TaskRepository::create(sql, task);
        return ApiResponse {};
    };
    job.done = [this](const ApiResult &) {
        Q_EMIT taskChanged();
        reload();
    };
    m_runtime.writer().submit(std::move(job));
}

void LeadTimelineTab::markDone(qint64 taskId)
{
    changeTask(taskId, true);
}

void LeadTimelineTab::snooze(qint64 taskId)
{
    changeTask(taskId, false);
}

void LeadTimelineTab::changeTask(qint64 taskId, bool done)
{
    SqlJob job;
    job.replyContext = this;
    job.run = [taskId, done](SqlContext &sql) -> ApiResult {
        const auto before = TaskRepository::find(sql, taskId);
        if (!before)
            return ApiError {ErrorKind::NotFound, QStringLiteral("Task %1 not found").arg(taskId)};
        auto changed = *before;
        changed.state = done ? TaskState::Done : TaskState::Snoozed;
        if (!done)
            changed.dueAt = std::max(sql.nowMs(), before->dueAt) + snoozeMs;
        TaskRepository::save(sql, *before, changed);
        return ApiResponse {};
    };
    job.done = [this](const ApiResult &) {
        Q_EMIT taskChanged();
        reload();
    };
    m_runtime.writer().submit(std::move(job));
}

} // namespace sb
