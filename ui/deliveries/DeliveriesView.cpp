#include "DeliveriesView.h"

#include "DeliveryCommands.h"
#include "DeliveryDetailPane.h"
#include "DeliveryLogModel.h"
#include "OutboundLogModel.h"
#include "SendLogModel.h"
#include "channels/OutboxDispatcher.h"
#include "common/EmptyState.h"
#include "common/RecordTable.h"
#include "domain/EventBus.h"
#include "domain/EventCatalog.h"
#include "runtime/Runtime.h"
#include "storage/OutboxMapper.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace sb {

namespace {
enum Period
{
    AnyTime,
    LastHour,
    LastDay,
    LastWeek,
    LastMonth,
    Custom
};
constexpr qint64 hourMs = 3600 * 1000;
} // namespace

DeliveriesView::DeliveriesView(QSqlDatabase db, Runtime &runtime, QWidget *parent)
    : ConsoleView(parent)
    , m_db(db)
    , m_runtime(runtime)
{
    m_model = new DeliveryLogModel(db, runtime.bus(), this);
    m_sends = new SendLogModel(db, runtime.bus(), this);
    m_all = new OutboundLogModel(m_model, m_sends, this);
    m_empty = new EmptyState(tr("No deliveries yet"),
        tr("Every event Switchboard sends to a webhook appears here with each attempt's request, response "
           "and "
           "latency. Create a webhook configuration in the Webhooks section and press Test, or wait for the "
           "first lead or message to arrive."),
        this);

    m_table = new QTableView(this);
    m_detail = new DeliveryDetailPane(db, runtime.clock(), this);
    buildTable();
    const auto frame = layOutRecordView(this, m_empty, buildToolbar(), m_table, m_detail);
    m_stack = frame.stack;
    m_splitter = frame.splitter;

    connect(m_model, &DeliveryLogModel::rowsInserted, this, &DeliveriesView::updateState);
    connect(m_model, &DeliveryLogModel::rowsInserted, this, [this](const QModelIndex &, int first, int last) {
        if (m_table->model() == m_model)
            keepRowsInPlace(m_table, first, last);
    });
    connect(m_model, &DeliveryLogModel::modelReset, this, &DeliveriesView::updateState);
    connect(m_model, &DeliveryLogModel::rowsInserted, this, &DeliveriesView::selectPending);
    // Queued: the other receivers of this insert must see the model as it announced it.
    connect(
        m_model, &DeliveryLogModel::rowsInserted, this,
        [this](const QModelIndex &, int first) {
            if (first == 0 && m_model->rowCount() > liveRowCap + liveRowSlack)
                m_model->trimTo(liveRowsToKeep(m_table, liveRowCap));
        },
        Qt::QueuedConnection);
    connect(m_model, &DeliveryLogModel::modelReset, this, &DeliveriesView::selectPending);
    connect(m_model, &DeliveryLogModel::reachedEndChanged, this, &DeliveriesView::updateState);
    connect(m_model, &DeliveryLogModel::scanningChanged, this, &DeliveriesView::updateState);
    connect(m_model, &DeliveryLogModel::loadFailed, this, &DeliveriesView::updateState);
    connect(m_model, &DeliveryLogModel::dataChanged, this,
        [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
            const auto id = selectedId();
            if (m_table->model() == m_model && !id.isEmpty() && id == m_detail->deliveryId()
                && m_table->currentIndex().row() >= topLeft.row()
                && m_table->currentIndex().row() <= bottomRight.row())
                m_detail->reload(); // a new attempt of the delivery being read
        });
    for (auto signal : {&SendLogModel::reachedEndChanged, &SendLogModel::scanningChanged})
        connect(m_sends, signal, this, &DeliveriesView::updateState);
    connect(m_sends, &SendLogModel::loadFailed, this, &DeliveriesView::updateState);
    connect(m_sends, &SendLogModel::modelReset, this, &DeliveriesView::updateState);
    connect(m_sends, &SendLogModel::rowsInserted, this, &DeliveriesView::updateState);
    connect(m_sends, &SendLogModel::rowsInserted, this, [this](const QModelIndex &, int first, int last) {
        if (m_table->model() == m_sends)
            keepRowsInPlace(m_table, first, last);
    });
    connect(m_all, &OutboundLogModel::rowsInserted, this, [this](const QModelIndex &, int first, int last) {
        if (m_table->model() == m_all)
            keepRowsInPlace(m_table, first, last);
        updateState();
    });
    connect(m_all, &OutboundLogModel::modelReset, this, &DeliveriesView::updateState);
    connect(m_all, &OutboundLogModel::dataChanged, this, [this] {
        const auto id = selectedId();
        if (m_table->model() == m_all && !id.isEmpty() && id == m_detail->deliveryId())
            m_detail->reload();
    });
    connect(m_sends, &SendLogModel::dataChanged, this,
        [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
            const auto id = selectedId();
            if (m_table->model() == m_sends && !id.isEmpty() && id == m_detail->deliveryId()
                && m_table->currentIndex().row() >= topLeft.row()
                && m_table->currentIndex().row() <= bottomRight.row())
                m_detail->reload(); // a new attempt of the send being read
        });
    connect(&runtime.bus(), &EventBus::configsChanged, this, &DeliveriesView::loadConfigNames);
    connect(m_detail, &DeliveryDetailPane::retryRequested, this, &DeliveriesView::retry);
    auto *retryShortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_R), this);
    retryShortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(retryShortcut, &QShortcut::activated, this, &DeliveriesView::retrySelected);

    restoreTableLayout(QStringLiteral("deliveries"), m_splitter, m_table, {380, 420});
    loadConfigNames();
    updateState();
}

DeliveriesView::~DeliveriesView()
{
    if (mode() == Mode::Webhooks) // the other lists' columns are not the deliveries' layout
        saveTableLayout(QStringLiteral("deliveries"), m_splitter, m_table);
}

QWidget *DeliveriesView::buildToolbar()
{
    auto *bar = new QWidget(this);
    m_search = searchField(
        bar, QStringLiteral("deliveriesSearch"), tr("Search id, event, error or HTTP status (Ctrl+F)"), 320);
    m_channel = new QComboBox(bar);
    m_channel->setObjectName(QStringLiteral("deliveriesChannel"));
    m_channel->setToolTip(tr("Webhook deliveries, or messages sent through a provider"));
    m_channel->addItem(tr("All"), QString());
    m_channel->addItem(tr("Webhooks"), LogChannel {}.name());
    for (const auto channel : {Channel::Sms, Channel::Email, Channel::Push, Channel::Chat, Channel::Voice})
        m_channel->addItem(SendLogModel::channelLabel(channel), channelName(channel));
    m_channel->setCurrentIndex(1); // webhook deliveries, as before sends existed
    m_config = new QComboBox(bar);
    m_config->setObjectName(QStringLiteral("deliveriesConfig"));
    m_config->setMinimumContentsLength(12);
    m_config->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_status = new QComboBox(bar);
    m_status->setObjectName(QStringLiteral("deliveriesStatus"));
    m_status->addItem(tr("All statuses"), QString());
    for (const auto status : allDeliveryStatuses()) {
        m_status->addItem(DeliveryLogModel::statusLabel(status), deliveryStatusName(status));
    }
    m_eventType = new QComboBox(bar);
    m_eventType->setObjectName(QStringLiteral("deliveriesEventType"));
    m_eventType->setMinimumContentsLength(12);
    m_eventType->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_eventType->addItem(tr("All events"), QString());
    QString group;
    for (const auto &event : EventCatalog::all()) {
        if (event.group != group && m_eventType->count() > 1)
            m_eventType->insertSeparator(m_eventType->count());
        group = event.group;
        m_eventType->addItem(event.name, event.name);
        m_eventType->setItemData(m_eventType->count() - 1, event.description, Qt::ToolTipRole);
    }
    m_source = new QComboBox(bar);
    m_source->setObjectName(QStringLiteral("deliveriesSource"));
    m_source->setToolTip(tr("Who raised the event"));
    m_source->addItem(tr("All sources"), QString());
    for (const auto *provider : {"crm", "twilio", "signalwire", "mailgun", "elevenlabs", "campaign"})
        m_source->addItem(QString::fromLatin1(provider), QString::fromLatin1(provider));
    m_source->addItem(tr("admin API"), QStringLiteral("api"));
    m_source->addItem(tr("console"), QStringLiteral("console"));
    m_source->addItem(tr("Test button"), QStringLiteral("test"));
    m_source->addItem(tr("demo data"), QStringLiteral("demo"));
    m_source->addItem(tr("relay (forwarded callbacks)"), QStringLiteral("relay"));
    m_period = new QComboBox(bar);
    m_period->setObjectName(QStringLiteral("deliveriesPeriod"));
    m_period->addItems({tr("Any time"), tr("Last hour"), tr("Last 24 hours"), tr("Last 7 days"),
        tr("Last 30 days"), tr("Custom range…")});
    const auto now = QDateTime::fromMSecsSinceEpoch(m_runtime.clock().nowMs());
    m_from = new QDateTimeEdit(now.addDays(-1), bar);
    m_to = new QDateTimeEdit(now.addSecs(3600), bar);
    for (auto *edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
        edit->hide();
        connect(edit, &QDateTimeEdit::dateTimeChanged, this, &DeliveriesView::applyFilter);
    }
    m_from->setObjectName(QStringLiteral("deliveriesFrom"));
    m_to->setObjectName(QStringLiteral("deliveriesTo"));
    m_count = new QLabel(bar);
    m_count->setObjectName(QStringLiteral("deliveriesCount"));
    m_count->setForegroundRole(QPalette::PlaceholderText);
    // Takes what room is left: a long message must not widen the window.
    m_count->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_count->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_retryFailed = new QPushButton(tr("Retry failed"), bar);
    m_retryFailed->setObjectName(QStringLiteral("deliveriesRetryFailed"));
    m_retryFailed->setToolTip(tr("Send every failed delivery that matches the filters again"));
    connect(m_retryFailed, &QPushButton::clicked, this, [this] { retryFailed(true); });
    auto *refreshButton = new QPushButton(tr("Refresh"), bar);
    refreshButton->setToolTip(tr("Read deliveries stored since the last update (F5)"));
    connect(refreshButton, &QPushButton::clicked, this, &DeliveriesView::refresh);

    m_searchTimer = applyWhenTypingPauses(m_search, this, [this] { applyFilter(); });
    for (auto *combo : {m_config, m_status, m_eventType, m_source})
        connect(combo, &QComboBox::currentIndexChanged, this, &DeliveriesView::applyFilter);
    connect(m_channel, &QComboBox::currentIndexChanged, this, &DeliveriesView::applyChannel);
    connect(m_period, &QComboBox::currentIndexChanged, this, [this](int period) {
        m_from->setVisible(period == Custom);
        m_to->setVisible(period == Custom);
        applyFilter();
    });

    // Two rows: six filters, a search and the actions do not fit one row of a 1280-pixel window.
    auto *top = new QHBoxLayout;
    top->addWidget(m_search, 1);
    top->addWidget(m_count, 1);
    top->addWidget(m_retryFailed);
    top->addWidget(refreshButton);
    auto *filters = new QHBoxLayout;
    filters->addWidget(m_channel);
    filters->addWidget(m_config, 1);
    filters->addWidget(m_status);
    filters->addWidget(m_eventType);
    filters->addWidget(m_source);
    filters->addWidget(m_period);
    filters->addWidget(m_from);
    filters->addWidget(m_to);
    filters->addStretch(1);
    auto *layout = new QVBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 6);
    layout->setSpacing(6);
    layout->addLayout(top);
    layout->addLayout(filters);
    return bar;
}

void DeliveriesView::buildTable()
{
    m_table->setObjectName(QStringLiteral("deliveriesTable"));
    m_table->setModel(m_model);
    setUpRecordTable(m_table);
    sizeColumns(m_table,
        {
            {DeliveryLogModel::Time, QStringLiteral("30 Sep 00:00:")},
            {DeliveryLogModel::Event, QStringLiteral("conversation.completed")},
            {DeliveryLogModel::Webhook, QStringLiteral("CRM sync (HubSpot)")},
            {DeliveryLogModel::Status, QStringLiteral("deliveredMM")},
            {DeliveryLogModel::Http, QStringLiteral("HTTP")},
            {DeliveryLogModel::Attempts, QStringLiteral("Attempts")},
            {DeliveryLogModel::Error, QStringLiteral("timed out after 15000 ms")},
        },
        24, QStringLiteral("MM"));
    connectSelection();
}

void DeliveriesView::connectSelection()
{
    // A new model gives the table a new selection model.
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        [this] { m_detail->load(selectedId()); });
}

DeliveriesView::Mode DeliveriesView::mode() const
{
    const auto name = m_channel->currentData().toString();
    if (name.isEmpty())
        return Mode::All;
    return name == LogChannel {}.name() ? Mode::Webhooks : Mode::Sends;
}

void DeliveriesView::showChannel(std::optional<LogChannel> channel)
{
    const auto name = channel ? channel->name() : QString();
    const int index = m_channel->findData(name);
    if (index >= 0)
        m_channel->setCurrentIndex(index);
}

void DeliveriesView::applyChannel()
{
    const auto shown = mode();
    QAbstractItemModel *wanted = shown == Mode::All ? static_cast<QAbstractItemModel *>(m_all)
        : shown == Mode::Sends                      ? static_cast<QAbstractItemModel *>(m_sends)
                                                    : static_cast<QAbstractItemModel *>(m_model);
    if (m_table->model() != wanted) {
        auto *oldSelection = m_table->selectionModel();
        if (shown == Mode::Webhooks) {
            buildTable();
        } else {
            m_table->setModel(wanted);
            connectSelection();
            const bool all = shown == Mode::All;
            sizeColumns(m_table,
                {
                    {SendLogModel::Time, QStringLiteral("30 Sep 00:00:")},
                    {SendLogModel::Channel, all ? QStringLiteral("WebhookM") : QStringLiteral("EmailM")},
                    {SendLogModel::Provider,
                        all ? QStringLiteral("conversation.completed") : QStringLiteral("onesignalM")},
                    {SendLogModel::Recipient,
                        all ? QStringLiteral("CRM sync (HubSpot)") : QStringLiteral("+44 7700 900123MM")},
                    {SendLogModel::Status,
                        all ? QStringLiteral("deliveredMM") : QStringLiteral("unknown — check")},
                    {SendLogModel::Http, QStringLiteral("HTTP")},
                    {SendLogModel::Attempts, QStringLiteral("Attempts")},
                    {SendLogModel::Error, QStringLiteral("21211: Invalid 'To' Phone Number")},
                },
                24, QStringLiteral("MM"));
        }
        delete oldSelection; // setModel leaves the old selection model to its owner
    }
    // Statuses are each log's own: a send is queued, sending, sent, failed or unknown; everything
    // together is filtered by the two both have.
    const auto chosen = m_status->currentData().toString();
    {
        const QSignalBlocker blocker(m_status);
        m_status->clear();
        m_status->addItem(tr("All statuses"), QString());
        if (shown == Mode::Sends) {
            for (const auto status : {OutboxStatus::Pending, OutboxStatus::Sending, OutboxStatus::Sent,
                     OutboxStatus::Failed, OutboxStatus::Unknown})
                m_status->addItem(SendLogModel::statusLabel(status), outboxStatusName(status));
        } else if (shown == Mode::Webhooks) {
            for (const auto status : allDeliveryStatuses())
                m_status->addItem(DeliveryLogModel::statusLabel(status), deliveryStatusName(status));
        } else {
            for (const auto status : {DeliveryStatus::Pending, DeliveryStatus::Failed})
                m_status->addItem(DeliveryLogModel::statusLabel(status), deliveryStatusName(status));
        }
        const int index = m_status->findData(chosen);
        m_status->setCurrentIndex(index < 0 ? 0 : index);
    }
    // Webhook-only filters make no sense for a send.
    const bool webhooks = shown == Mode::Webhooks;
    m_config->setVisible(webhooks);
    m_eventType->setVisible(webhooks);
    m_source->setVisible(webhooks);
    m_retryFailed->setVisible(webhooks);
    m_search->setPlaceholderText(webhooks ? tr("Search id, event, error or HTTP status (Ctrl+F)")
                                          : tr("Search id, recipient, text, error or HTTP status (Ctrl+F)"));
    m_detail->load(QString());
    applyFilter();
    updateState();
}

void DeliveriesView::loadConfigNames()
{
    QString error;
    const auto names = DeliveryQueries::configNames(m_db, &error);
    QHash<qint64, QString> byId;
    for (const auto &[id, name] : names)
        byId.insert(id, name);
    m_model->setConfigNames(byId);
    // Rebuild the combo without losing the choice (and without re-running the query).
    const auto chosen = m_config->currentData().toLongLong();
    const QSignalBlocker blocker(m_config);
    m_config->clear();
    m_config->addItem(tr("All webhooks"), qint64(0));
    for (const auto &[id, name] : names)
        m_config->addItem(name, id);
    const int index = m_config->findData(chosen);
    m_config->setCurrentIndex(index < 0 ? 0 : index);
}

DeliveryFilter DeliveriesView::currentFilter() const
{
    DeliveryFilter filter;
    filter.configId = m_config->currentData().toLongLong();
    filter.status = deliveryStatusFromName(m_status->currentData().toString());
    filter.eventType = m_eventType->currentData().toString();
    filter.source = m_source->currentData().toString();
    filter.search = m_search->text().trimmed();
    const qint64 now = m_runtime.clock().nowMs();
    switch (m_period->currentIndex()) {
    case LastHour:
        filter.fromMs = now - hourMs;
        break;
    case LastDay:
        filter.fromMs = now - 24 * hourMs;
        break;
    case LastWeek:
        filter.fromMs = now - 7 * 24 * hourMs;
        break;
    case LastMonth:
        filter.fromMs = now - 30 * 24 * hourMs;
        break;
    case Custom:
        filter.fromMs = m_from->dateTime().toMSecsSinceEpoch();
        filter.toMs = m_to->dateTime().toMSecsSinceEpoch();
        break;
    default:
        break;
    }
    return filter;
}

OutboxFilter DeliveriesView::currentSendFilter() const
{
    const auto webhookFilter = currentFilter();
    OutboxFilter filter;
    filter.channel = channelFromName(m_channel->currentData().toString());
    filter.status = outboxStatusFromName(m_status->currentData().toString());
    filter.search = webhookFilter.search;
    filter.fromMs = webhookFilter.fromMs;
    filter.toMs = webhookFilter.toMs;
    return filter;
}

void DeliveriesView::applyFilter()
{
    m_searchTimer->stop();
    m_pendingSelection.clear();
    if (mode() != Mode::Webhooks) {
        const auto sendFilter = currentSendFilter();
        // Under All, deliveries are filtered by what both logs have (status, search, time).
        DeliveryFilter deliveryFilter;
        if (mode() == Mode::All) {
            const auto filter = currentFilter();
            deliveryFilter.status = filter.status;
            deliveryFilter.search = filter.search;
            deliveryFilter.fromMs = filter.fromMs;
            deliveryFilter.toMs = filter.toMs;
        }
        const bool sendsChanged = sendFilter != m_sends->filter();
        const bool deliveriesChanged = mode() == Mode::All && deliveryFilter != m_model->filter();
        if (!sendsChanged && !deliveriesChanged)
            return;
        m_message.clear();
        if (deliveriesChanged)
            m_model->setFilter(deliveryFilter);
        if (sendsChanged)
            m_sends->setFilter(sendFilter);
        m_detail->load(QString());
        return;
    }
    const auto filter = currentFilter();
    if (filter == m_model->filter())
        return;
    m_message.clear();
    m_model->setFilter(filter);
    m_detail->load(QString());
}

void DeliveriesView::showConfig(qint64 configId)
{
    const int index = m_config->findData(configId);
    if (index >= 0)
        m_config->setCurrentIndex(index);
}

void DeliveriesView::showDelivery(const QString &id)
{
    if (mode() != Mode::Webhooks)
        showChannel(LogChannel {});
    if (m_model->rowOfId(id) >= 0) {
        m_pendingSelection = id;
        return selectPending();
    }
    {
        const QSignalBlocker blockSearch(m_search);
        const QSignalBlocker blockConfig(m_config);
        const QSignalBlocker blockStatus(m_status);
        const QSignalBlocker blockEvent(m_eventType);
        const QSignalBlocker blockSource(m_source);
        const QSignalBlocker blockPeriod(m_period);
        m_config->setCurrentIndex(0);
        m_status->setCurrentIndex(0);
        m_eventType->setCurrentIndex(0);
        m_source->setCurrentIndex(0);
        m_period->setCurrentIndex(AnyTime);
        m_from->hide();
        m_to->hide();
        m_search->setText(id);
    }
    applyFilter();
    m_pendingSelection = id; // after applyFilter, which forgets any earlier one
    selectPending();
}

void DeliveriesView::selectPending()
{
    if (m_pendingSelection.isEmpty())
        return;
    const int row = m_model->rowOfId(m_pendingSelection);
    if (row < 0)
        return;
    m_pendingSelection.clear();
    const auto index = m_model->index(row, 0);
    m_table->selectRow(row);
    m_table->scrollTo(index);
}

void DeliveriesView::updateState()
{
    if (mode() == Mode::All) {
        m_stack->setCurrentIndex(1);
        const int loaded = m_all->rowCount();
        QString text;
        const auto error = !m_model->lastError().isEmpty() ? m_model->lastError() : m_sends->lastError();
        if (!error.isEmpty())
            text = tr("Could not read the log: %1").arg(error);
        else if (m_model->isScanning() || m_sends->isScanning())
            text = tr("%n matching so far · searching older records…", nullptr, loaded);
        else if (loaded == 0 && m_all->reachedEnd())
            text = tr("Nothing matches these filters");
        else if (m_all->canFetchMore())
            text = tr("Newest %n delivery(s) and send(s) · scroll for older", nullptr, loaded);
        else
            text = tr("%n delivery(s) and send(s)", nullptr, loaded);
        if (!m_message.isEmpty())
            text = m_message + QStringLiteral(" · ") + text;
        m_count->setText(text);
        m_count->setToolTip(text);
        return;
    }
    if (showingSends()) {
        m_stack->setCurrentIndex(1);
        const int loaded = m_sends->rowCount();
        QString text;
        if (!m_sends->lastError().isEmpty())
            text = tr("Could not read sends: %1").arg(m_sends->lastError());
        else if (m_sends->isScanning())
            text = tr("%n matching so far · searching older sends…", nullptr, loaded);
        else if (loaded == 0)
            text = tr("No sends match these filters");
        else if (m_sends->canFetchMore())
            text = tr("Newest %n send(s) · scroll for older", nullptr, loaded);
        else
            text = tr("%n send(s)", nullptr, loaded);
        if (!m_message.isEmpty())
            text = m_message + QStringLiteral(" · ") + text;
        m_count->setText(text);
        m_count->setToolTip(text);
        return;
    }
    const bool nothingStored
        = m_model->rowCount() == 0 && m_model->reachedEnd() && m_model->filter().isEmpty();
    m_stack->setCurrentIndex(nothingStored ? 0 : 1);
    const int loaded = m_model->rowCount();
    QString text;
    if (!m_model->lastError().isEmpty())
        text = tr("Could not read deliveries: %1").arg(m_model->lastError());
    else if (m_model->isScanning())
        text = tr("%n matching so far · searching older deliveries…", nullptr, loaded);
    else if (loaded == 0 && !m_model->filter().isEmpty())
        text = tr("No deliveries match these filters");
    else if (m_model->canFetchMore())
        text = tr("Newest %n delivery(s) · scroll for older", nullptr, loaded);
    else
        text = tr("%n delivery(s)", nullptr, loaded);
    if (!m_message.isEmpty())
        text = m_message + QStringLiteral(" · ") + text;
    m_count->setText(text);
    m_count->setToolTip(text);
}

QString DeliveriesView::selectedId() const
{
    const auto rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(DeliveryLogModel::DeliveryIdRole).toString();
}

void DeliveriesView::retrySelected()
{
    const auto id = selectedId();
    if (!id.isEmpty())
        retry(id);
}

void DeliveriesView::retry(const QString &id)
{
    if (const auto outboxId = OutboxMapper::outboxIdOf(id); outboxId != 0) {
        m_detail->setRetryEnabled(false);
        DeliveryCommands::retrySend(
            m_runtime.writer(), outboxId, this, [this, id](qint64 queued, const QString &error) {
                if (queued != 0)
                    m_runtime.outbox().wake();
                m_message = queued != 0 ? tr("%1 queued again as %2").arg(id, OutboxMapper::recordId(queued))
                                        : tr("Not queued again: %1").arg(error);
                m_sends->refresh();
                if (m_detail->deliveryId() == id)
                    m_detail->reload();
                updateState();
            });
        return;
    }
    m_detail->setRetryEnabled(false);
    DeliveryCommands::retry(m_runtime.writer(), id, this, [this, id](bool ok, const QString &error) {
        m_detail->setRetryEnabled(true);
        m_message = ok ? tr("Retry of %1 queued").arg(id) : tr("Retry failed: %1").arg(error);
        m_model->refreshRows({id});
        if (m_detail->deliveryId() == id)
            m_detail->reload();
        updateState();
    });
}

void DeliveriesView::retryFailed(bool confirm)
{
    const auto filter = currentFilter();
    if (confirm
        && QMessageBox::question(this, tr("Retry failed deliveries"),
               filter.isEmpty() || filter == DeliveryFilter {.status = DeliveryStatus::Failed}
                   ? tr("Send every failed delivery again now?")
                   : tr("Send every failed delivery that matches the current filters again now?"))
            != QMessageBox::Yes)
        return;
    m_retryFailed->setEnabled(false);
    DeliveryCommands::retryFailed(m_runtime.writer(), filter, this, [this](int count, const QString &error) {
        m_retryFailed->setEnabled(true);
        m_message = error.isEmpty() ? tr("%n failed delivery(s) queued again", nullptr, count)
                                    : tr("Retry failed: %1").arg(error);
        m_model->refresh();
        updateState();
    });
}

void DeliveriesView::refresh()
{
    loadConfigNames();
    if (mode() != Mode::Webhooks)
        m_sends->refresh();
    m_model->refresh();
    m_detail->reload();
    updateState();
}

bool DeliveriesView::focusSearch()
{
    if (m_stack->currentIndex() != 1)
        return false;
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
    return true;
}

} // namespace sb
