#include "InboundRequestsView.h"

#include "InboundDetailPane.h"
#include "InboundRequestModel.h"
#include "common/EmptyState.h"
#include "common/RecordTable.h"
#include "domain/InboundRecord.h"
#include "runtime/Runtime.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QTimer>

namespace sb {

namespace {
// How far showRequest reads back for a request that is not loaded: 25 pages = the newest 5,000.
constexpr int jumpPages = 25;
} // namespace

InboundRequestsView::InboundRequestsView(QSqlDatabase db, Runtime &runtime, QWidget *parent)
    : ConsoleView(parent)
    , m_runtime(runtime)
{
    m_model = new InboundRequestModel(db, runtime.bus(), this);

    m_empty = new EmptyState(tr("No inbound requests yet"),
        tr("Every request that reaches Switchboard's server appears here as it arrives, with its headers, "
           "body, "
           "signature check and the answer it got, including rejected ones. Point a provider's webhook at "
           "this "
           "server, or send a test request:"),
        this);
    m_empty->setCommand(
        QStringLiteral("curl -X POST %1/api/webhooks/test -H 'Content-Type: application/json' "
                       "-d '{\"event\":\"hello\",\"source\":\"curl\"}'")
            .arg(runtime.listenUrl()));

    m_table = new QTableView(this);
    m_detail = new InboundDetailPane(db, this);
    buildTable();
    const auto frame = layOutRecordView(this, m_empty, buildToolbar(), m_table, m_detail);
    m_stack = frame.stack;
    m_splitter = frame.splitter;

    connect(m_model, &InboundRequestModel::rowsInserted, this, &InboundRequestsView::updateState);
    connect(m_model, &InboundRequestModel::modelReset, this, &InboundRequestsView::updateState);
    connect(m_model, &InboundRequestModel::reachedEndChanged, this, &InboundRequestsView::updateState);
    connect(m_model, &InboundRequestModel::scanningChanged, this, &InboundRequestsView::updateState);
    connect(m_model, &InboundRequestModel::loadFailed, this, &InboundRequestsView::updateState);
    connect(m_detail, &InboundDetailPane::replayRequested, this, &InboundRequestsView::replay);
    connect(m_model, &QAbstractItemModel::rowsInserted, this,
        [this](const QModelIndex &, int first, int last) { keepRowsInPlace(m_table, first, last); });
    // Queued: the other receivers of this insert must see the model as it announced it.
    connect(
        m_model, &InboundRequestModel::rowsInserted, this,
        [this](const QModelIndex &, int first) {
            if (first == 0 && m_model->rowCount() > liveRowCap + liveRowSlack)
                m_model->trimTo(liveRowsToKeep(m_table, liveRowCap));
        },
        Qt::QueuedConnection);

    restoreTableLayout(QStringLiteral("inbound"), m_splitter, m_table, {360, 440});

    // The table may be hidden behind the empty state, so it would never ask for the first page.
    m_model->fetchMore();
    updateState();
}

InboundRequestsView::~InboundRequestsView()
{
    saveTableLayout(QStringLiteral("inbound"), m_splitter, m_table);
}

QWidget *InboundRequestsView::buildToolbar()
{
    auto *bar = new QWidget(this);
    m_search = searchField(bar, QStringLiteral("inboundSearch"),
        tr("Search path, provider, event, status, client or id (Ctrl+F)"), 440);
    m_statusFilter = new QComboBox(bar);
    m_statusFilter->setObjectName(QStringLiteral("inboundStatusFilter"));
    m_statusFilter->addItem(tr("All statuses"), QString());
    for (const auto status : allInboundStatuses()) {
        const auto raw = inboundStatusName(status);
        m_statusFilter->addItem(InboundRequestModel::statusLabel(raw), raw);
    }
    m_count = new QLabel(bar);
    m_count->setObjectName(QStringLiteral("inboundCount"));
    m_count->setForegroundRole(QPalette::PlaceholderText);
    auto *refresh = new QPushButton(tr("Refresh"), bar);
    refresh->setToolTip(tr("Read requests stored since the last update (F5)"));
    connect(refresh, &QPushButton::clicked, this, &InboundRequestsView::refresh);

    m_searchTimer = applyWhenTypingPauses(m_search, this, [this] { applyFilter(); });
    connect(m_statusFilter, &QComboBox::currentIndexChanged, this, &InboundRequestsView::applyFilter);

    auto *layout = new QHBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 6);
    layout->addWidget(m_search);
    layout->addWidget(m_statusFilter);
    layout->addStretch(1);
    layout->addWidget(m_count);
    layout->addWidget(refresh);
    return bar;
}

void InboundRequestsView::buildTable()
{
    m_table->setObjectName(QStringLiteral("inboundTable"));
    m_table->setModel(m_model);
    setUpRecordTable(m_table);
    sizeColumns(m_table,
        {
            {InboundRequestModel::Time, QStringLiteral("30 Sep 00:00:")},
            {InboundRequestModel::Method, QStringLiteral("DELETE")},
            {InboundRequestModel::Path, QStringLiteral("/api/webhooks/elevenlabs")},
            {InboundRequestModel::Provider, QStringLiteral("signalwire")},
            {InboundRequestModel::Event, QStringLiteral("message.created")},
            {InboundRequestModel::Status, QStringLiteral("duplicateMM")},
            {InboundRequestModel::HttpStatus, QStringLiteral("HTTP")},
            {InboundRequestModel::Verification, QStringLiteral("no secret configured")},
            {InboundRequestModel::Size, QStringLiteral("999.9 KB")},
            {InboundRequestModel::Client, QStringLiteral("192.168.100.100")},
        },
        20);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        &InboundRequestsView::onSelectionChanged);
}

QString InboundRequestsView::selectedId() const
{
    const auto rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(InboundRequestModel::RecordIdRole).toString();
}

void InboundRequestsView::onSelectionChanged()
{
    m_detail->load(selectedId());
}

InboundFilter InboundRequestsView::currentFilter() const
{
    InboundFilter filter;
    filter.status = m_statusFilter->currentData().toString();
    filter.search = m_search->text().trimmed();
    // A status typed in the console's language means that status.
    for (const auto status : allInboundStatuses()) {
        const auto raw = inboundStatusName(status);
        if (filter.search.compare(InboundRequestModel::statusLabel(raw), Qt::CaseInsensitive) == 0)
            filter.search = raw;
    }
    return filter;
}

void InboundRequestsView::applyFilter()
{
    m_searchTimer->stop();
    const auto filter = currentFilter();
    if (filter == m_model->filter())
        return;
    m_model->setFilter(filter);
    m_detail->load(QString());
}

bool InboundRequestsView::showRequest(const QString &id)
{
    int row = m_model->rowOfId(id);
    if (row < 0 && !m_model->filter().isEmpty()) { // perhaps hidden by the search or status filter
        const QSignalBlocker blockSearch(m_search);
        const QSignalBlocker blockStatus(m_statusFilter);
        m_search->clear();
        m_statusFilter->setCurrentIndex(0);
        applyFilter();
        row = m_model->rowOfId(id);
    }
    for (int pages = 0; row < 0 && pages < jumpPages && m_model->canFetchMore(); ++pages) {
        m_model->fetchMore();
        row = m_model->rowOfId(id);
    }
    if (row < 0)
        return false;
    const auto index = m_model->index(row, 0);
    m_stack->setCurrentIndex(1);
    m_table->selectRow(row);
    m_table->scrollTo(index);
    return true;
}

void InboundRequestsView::replay(const QString &id)
{
    auto *replay = m_runtime.inboundReplay();
    if (!replay)
        return m_detail->showReplayResult(tr("The server is not running."), false);
    m_detail->showReplayResult(tr("Replaying…"), true);
    replay->replay(id, this, [this](const ReplayOutcome &outcome) { onReplayed(outcome); });
}

void InboundRequestsView::onReplayed(const ReplayOutcome &outcome)
{
    if (!outcome.error.isEmpty()) {
        m_detail->showReplayResult(tr("Replay failed: %1").arg(outcome.error), false);
        return;
    }
    const auto notice = tr("Replay of %1: %2 · HTTP %3. The original record is kept as it was.")
                            .arg(outcome.originalId, InboundRequestModel::statusLabel(outcome.recordedStatus))
                            .arg(outcome.response.status);
    // The new record is committed before this answer; its bus event may still be on its way.
    if (m_model->rowOfId(outcome.replayId) < 0)
        m_model->refresh();
    showRequest(outcome.replayId);
    m_detail->showReplayResult(
        notice, inboundStatusFromName(outcome.recordedStatus) != InboundStatus::Rejected);
}

void InboundRequestsView::updateState()
{
    const bool empty = m_model->rowCount() == 0 && m_model->reachedEnd();
    m_stack->setCurrentIndex(empty ? 0 : 1);
    const int loaded = m_model->rowCount();
    QString text;
    if (!m_model->lastError().isEmpty())
        text = tr("Could not read stored requests: %1").arg(m_model->lastError());
    else if (m_model->isScanning())
        text = tr("%n matching so far · searching older requests…", nullptr, loaded);
    else if (loaded == 0 && !m_model->filter().isEmpty())
        text = tr("No requests match these filters");
    else if (m_model->canFetchMore() && !m_model->filter().isEmpty())
        text = tr("Newest %n matching request(s) · scroll for older", nullptr, loaded);
    else if (m_model->canFetchMore())
        text = tr("Newest %n request(s) · scroll for older", nullptr, loaded);
    else
        text = tr("%n request(s)", nullptr, loaded);
    m_count->setText(text);
}

void InboundRequestsView::refresh()
{
    m_model->refresh();
    m_detail->reload();
    updateState();
}

bool InboundRequestsView::focusSearch()
{
    if (m_stack->currentIndex() != 1)
        return false;
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
    return true;
}

} // namespace sb
