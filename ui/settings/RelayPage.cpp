#include "RelayPage.h"

#include "common/EmptyState.h"
#include "common/WorkerQuery.h"
#include "outbound/Dispatcher.h"
#include "outbound/RelayCommands.h"
#include "runtime/Runtime.h"
#include "storage/RelayTargetRepository.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QStackedWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace sb {

namespace {

struct Row
{
    RelayTarget target;
    std::optional<RelayTargetRepository::LastRelay> last;
};

QString routeLabel(const Router &router, const QString &key)
{
    if (key == RelayTarget::allRoutes())
        return QObject::tr("All provider routes");
    for (const auto &route : RelayCommands::routes(router)) {
        if (route.name == key)
            return QStringLiteral("%1  (%2)").arg(route.name, route.path);
    }
    return key;
}

QString lastText(const std::optional<RelayTargetRepository::LastRelay> &last)
{
    if (!last)
        return QObject::tr("not relayed yet");
    const auto when = QLocale().toString(
        QDateTime::fromMSecsSinceEpoch(last->updatedAt), QStringLiteral("yyyy-MM-dd HH:mm"));
    const auto status = deliveryStatusName(last->status);
    if (last->lastStatus > 0)
        return QStringLiteral("%1 · HTTP %2 · %3").arg(status).arg(last->lastStatus).arg(when);
    return QStringLiteral("%1 · %2").arg(status, when);
}

} // namespace

RelayPage::RelayPage(Runtime &runtime, QWidget *parent)
    : QWidget(parent)
    , m_runtime(runtime)
{
    auto *intro = new QLabel(
        tr("Relay forwards every accepted provider callback of a route, unchanged, to your own "
           "backend as well: same method, original path and query (appended to the target URL unless "
           "turned off), original headers and exact body, plus X-Forwarded-For, "
           "X-Switchboard-Original-Url (the URL the provider signed, so your backend can still verify "
           "the signature) and X-Switchboard-Request-Id. Refused and repeated callbacks are not relayed. "
           "Relays are retried like webhooks and listed in Deliveries with source “relay”."),
        this);
    intro->setWordWrap(true);
    intro->setForegroundRole(QPalette::PlaceholderText);

    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("relayList"));
    m_list->setRootIsDecorated(false);
    m_list->setHeaderLabels(
        {tr("Route"), tr("Target URL"), tr("Enabled"), tr("Last relay"), tr("Description")});
    m_list->header()->setSectionResizeMode(RouteColumn, QHeaderView::ResizeToContents);
    m_list->header()->setSectionResizeMode(UrlColumn, QHeaderView::Stretch);
    m_list->header()->setSectionResizeMode(EnabledColumn, QHeaderView::ResizeToContents);
    m_list->header()->setSectionResizeMode(LastColumn, QHeaderView::ResizeToContents);
    m_list->header()->setStretchLastSection(false);
    m_empty = new EmptyState(tr("No relays yet"),
        tr("Keep your existing backend receiving provider callbacks while Switchboard records, verifies "
           "and shows them: add a relay target for a provider route (e.g. twilio.sms) or for all "
           "provider routes. Each accepted callback is then forwarded raw to that URL."),
        this);
    m_empty->setObjectName(QStringLiteral("relayEmpty"));
    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_empty);
    m_stack->addWidget(m_list);

    auto *add = new QPushButton(tr("Add relay…"), this);
    add->setObjectName(QStringLiteral("relayAdd"));
    connect(add, &QPushButton::clicked, this, &RelayPage::askAndAdd);
    m_edit = new QPushButton(tr("Edit…"), this);
    m_edit->setObjectName(QStringLiteral("relayEdit"));
    m_edit->setEnabled(false);
    connect(m_edit, &QPushButton::clicked, this, &RelayPage::askAndEdit);
    m_remove = new QPushButton(tr("Remove"), this);
    m_remove->setObjectName(QStringLiteral("relayRemove"));
    m_remove->setEnabled(false);
    connect(m_remove, &QPushButton::clicked, this, &RelayPage::removeSelected);
    connect(m_list, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        m_edit->setEnabled(item);
        m_remove->setEnabled(item);
    });
    connect(m_list, &QTreeWidget::itemDoubleClicked, this, &RelayPage::askAndEdit);
    connect(m_list, &QTreeWidget::itemChanged, this, [this](QTreeWidgetItem *item, int column) {
        if (m_filling || column != EnabledColumn)
            return;
        change(item->data(0, Qt::UserRole).toLongLong(),
            {{QStringLiteral("enabled"), item->checkState(EnabledColumn) == Qt::Checked}});
    });
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(m_edit);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(buttons);
    layout->addWidget(m_stack, 1);
    reload();
}

bool RelayPage::showsEmptyState() const
{
    return m_stack->currentWidget() == m_empty;
}

qint64 RelayPage::selectedId() const
{
    auto *item = m_list->currentItem();
    return item ? item->data(0, Qt::UserRole).toLongLong() : 0;
}

void RelayPage::reload()
{
    runOnWorker(
        m_runtime.reader(), this,
        [](SqlContext &sql) {
            QList<Row> rows;
            for (const auto &target : RelayTargetRepository::list(sql))
                rows.append({target, RelayTargetRepository::lastRelay(sql, target.id)});
            return rows;
        },
        [this](QList<Row> rows, const QString &error) {
            const auto selected = selectedId();
            m_filling = true;
            m_list->clear();
            m_targets.clear();
            if (!error.isEmpty())
                new QTreeWidgetItem(m_list, {tr("Could not read the relays: %1").arg(error)});
            for (const auto &row : rows) {
                m_targets.append(row.target);
                auto *item = new QTreeWidgetItem(m_list,
                    {routeLabel(m_runtime.router(), row.target.route),
                        row.target.appendPath ? row.target.url + QStringLiteral(" + /path?query")
                                              : row.target.url,
                        QString(), lastText(row.last), row.target.description});
                item->setData(0, Qt::UserRole, row.target.id);
                item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
                item->setCheckState(EnabledColumn, row.target.enabled ? Qt::Checked : Qt::Unchecked);
                if (row.last && !row.last->lastError.isEmpty())
                    item->setToolTip(LastColumn, row.last->lastError);
                if (row.target.id == selected)
                    m_list->setCurrentItem(item);
            }
            m_filling = false;
            m_stack->setCurrentWidget(
                rows.isEmpty() && error.isEmpty() ? static_cast<QWidget *>(m_empty) : m_list);
            m_edit->setEnabled(m_list->currentItem());
            m_remove->setEnabled(m_list->currentItem());
            Q_EMIT reloaded();
        });
}

void RelayPage::write(std::function<ApiResult(SqlContext &)> run, const QString &failureTitle)
{
    SqlJob job;
    job.replyContext = this;
    job.run = std::move(run);
    job.done = [this, failureTitle](const ApiResult &result) {
        if (const auto *error = std::get_if<ApiError>(&result)) {
            Q_EMIT failed(error->message);
            if (isVisible())
                QMessageBox::warning(this, failureTitle, error->message);
        } else {
            Q_EMIT changed();
        }
        reload();
    };
    m_runtime.writer().submit(std::move(job));
}

void RelayPage::add(const QJsonObject &fields)
{
    write(
        [router = &m_runtime.router(), policy = m_runtime.dispatcher().policy(), fields](
            SqlContext &sql) -> ApiResult {
            auto written = RelayCommands::create(sql, *router, policy, fields);
            if (const auto *refused = std::get_if<RelayRefusal>(&written))
                return refused->error;
            return ApiResponse {};
        },
        tr("Relay not added"));
}

void RelayPage::change(qint64 id, const QJsonObject &fields)
{
    write(
        [router = &m_runtime.router(), policy = m_runtime.dispatcher().policy(), id, fields](
            SqlContext &sql) -> ApiResult {
            auto written = RelayCommands::update(sql, *router, policy, id, fields);
            if (const auto *refused = std::get_if<RelayRefusal>(&written))
                return refused->error;
            return ApiResponse {};
        },
        tr("Relay not changed"));
}

void RelayPage::remove(qint64 id)
{
    write(
        [id](SqlContext &sql) -> ApiResult {
            if (!RelayCommands::remove(sql, id))
                return ApiError {ErrorKind::NotFound, QObject::tr("That relay was already removed."), {}};
            return ApiResponse {};
        },
        tr("Relay not removed"));
}

bool RelayPage::ask(const QString &title, const RelayTarget &initial, QJsonObject *fields)
{
    QDialog dialog(this);
    dialog.setWindowTitle(title);
    auto *route = new QComboBox(&dialog);
    route->setObjectName(QStringLiteral("relayRoute"));
    route->addItem(tr("All provider routes"), RelayTarget::allRoutes());
    for (const auto &known : RelayCommands::routes(m_runtime.router()))
        route->addItem(QStringLiteral("%1  (%2 %3)").arg(known.name, known.method, known.path), known.name);
    const int current
        = route->findData(initial.route.isEmpty() ? QStringLiteral("twilio.sms") : initial.route);
    route->setCurrentIndex(std::max(current, 0));
    auto *url = new QLineEdit(initial.url, &dialog);
    url->setObjectName(QStringLiteral("relayUrl"));
    url->setPlaceholderText(QStringLiteral("https://backend.example.com/hooks"));
    auto *append = new QCheckBox(tr("Append the original path and query to this URL"), &dialog);
    append->setObjectName(QStringLiteral("relayAppendPath"));
    append->setChecked(initial.appendPath);
    auto *enabled = new QCheckBox(tr("Enabled"), &dialog);
    enabled->setChecked(initial.enabled);
    auto *description = new QLineEdit(initial.description, &dialog);
    description->setPlaceholderText(tr("Optional: what receives these callbacks"));
    auto *example = new QLabel(&dialog);
    example->setForegroundRole(QPalette::PlaceholderText);
    example->setWordWrap(true);
    auto updateExample = [&] {
        const auto key = route->currentData().toString();
        QString path = QStringLiteral("/api/webhooks/…");
        for (const auto &known : RelayCommands::routes(m_runtime.router())) {
            if (known.name == key)
                path = known.path;
        }
        const auto base = url->text().trimmed().isEmpty() ? url->placeholderText() : url->text().trimmed();
        example->setText(tr("A callback to %1 is sent to %2")
                             .arg(path, relay::targetUrl(base, append->isChecked(), path.toLatin1())));
    };
    connect(route, &QComboBox::currentIndexChanged, &dialog, updateExample);
    connect(url, &QLineEdit::textChanged, &dialog, updateExample);
    connect(append, &QCheckBox::toggled, &dialog, updateExample);
    updateExample();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto *form = new QFormLayout(&dialog);
    form->addRow(tr("Route"), route);
    form->addRow(tr("Target URL"), url);
    form->addRow(QString(), append);
    form->addRow(QString(), example);
    form->addRow(QString(), enabled);
    form->addRow(tr("Description"), description);
    form->addRow(buttons);
    dialog.resize(560, dialog.sizeHint().height());
    if (dialog.exec() != QDialog::Accepted)
        return false;
    *fields = QJsonObject {{QStringLiteral("route"), route->currentData().toString()},
        {QStringLiteral("url"), url->text().trimmed()}, {QStringLiteral("appendPath"), append->isChecked()},
        {QStringLiteral("enabled"), enabled->isChecked()},
        {QStringLiteral("description"), description->text()}};
    return true;
}

void RelayPage::askAndAdd()
{
    QJsonObject fields;
    if (ask(tr("Add relay"), RelayTarget {}, &fields))
        add(fields);
}

void RelayPage::askAndEdit()
{
    const auto id = selectedId();
    const auto found = std::find_if(
        m_targets.cbegin(), m_targets.cend(), [id](const RelayTarget &target) { return target.id == id; });
    if (found == m_targets.cend())
        return;
    QJsonObject fields;
    if (ask(tr("Edit relay"), *found, &fields))
        change(id, fields);
}

void RelayPage::removeSelected()
{
    auto *item = m_list->currentItem();
    if (!item)
        return;
    const auto answer = QMessageBox::question(this, tr("Remove relay"),
        tr("Stop relaying %1 to %2? Relays already sent stay in Deliveries.")
            .arg(item->text(RouteColumn), item->text(UrlColumn)));
    if (answer == QMessageBox::Yes)
        remove(selectedId());
}

} // namespace sb
