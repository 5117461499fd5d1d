#include "LeadsView.h"

#include "LeadDetailPane.h"
#include "LeadTableModel.h"
#include "common/EmptyState.h"
#include "common/RecordTable.h"
#include "runtime/Runtime.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QTimer>

namespace sb {

LeadsView::LeadsView(Runtime &runtime, QWidget *parent)
    : ConsoleView(parent)
    , m_runtime(runtime)
{
    m_model = new LeadTableModel(runtime, this);
    m_empty = new EmptyState(tr("No leads yet"),
        tr("Leads appear here as the CRM's webhooks create them (seed 002: "
           "/api/v1/webhooks/incoming/lead/create) "
           "and when an unknown sender texts or emails you. Configure CRM_WEBHOOK_SECRET in Settings, then "
           "send:"),
        this);
    m_empty->setCommand(
        QStringLiteral("body='{\"event\":\"new_lead\",\"data\":{\"first_name\":\"Ada\",\"last_name\":"
                       "\"Lovelace\",\"email\":\"ada@example.org\",\"lead_status\":\"new\"}}'\n"
                       "curl -X POST %1/api/v1/webhooks/incoming/lead/create -H 'Content-Type: "
                       "application/json' -H \"X-Webhook-Signature: $(printf %s \"$body\" | openssl "
                       "dgst -sha256 -hmac \"$CRM_WEBHOOK_SECRET\" | cut -d' ' -f2)\" -d \"$body\"")
            .arg(runtime.listenUrl()));

    m_table = new QTableView(this);
    m_detail = new LeadDetailPane(runtime, this);
    buildTable();
    const auto frame = layOutRecordView(this, m_empty, buildToolbar(), m_table, m_detail);
    m_stack = frame.stack;
    m_splitter = frame.splitter;

    connect(m_model, &LeadTableModel::pageLoaded, this, &LeadsView::updateState);
    connect(m_model, &LeadTableModel::loadFailed, this, &LeadsView::updateState);
    connect(m_model, &LeadTableModel::rowsInserted, this, &LeadsView::updateState);
    connect(m_model, &LeadTableModel::rowsInserted, this,
        [this](const QModelIndex &, int first, int last) { keepRowsInPlace(m_table, first, last); });
    connect(m_model, &LeadTableModel::rowsRemoved, this, &LeadsView::updateState);
    connect(m_model, &LeadTableModel::modelReset, this, &LeadsView::updateState);
    connect(m_model, &LeadTableModel::leadsChanged, this, [this](const QList<qint64> &ids) {
        if (ids.contains(m_detail->leadId()))
            m_detail->reload();
    });

    // Sorting is enabled last: it asks the model for the first page in the remembered order.
    m_table->horizontalHeader()->setSortIndicator(LeadTableModel::Column::Updated, Qt::DescendingOrder);
    restoreTableLayout(QStringLiteral("leads"), m_splitter, m_table, {380, 420});
    m_table->setSortingEnabled(true);
    updateState();
}

LeadsView::~LeadsView()
{
    saveTableLayout(QStringLiteral("leads"), m_splitter, m_table);
}

QWidget *LeadsView::buildToolbar()
{
    auto *bar = new QWidget(this);
    m_search = searchField(
        bar, QStringLiteral("leadsSearch"), tr("Search name, company, phone or email (Ctrl+F)"), 320);
    m_searchDelay = applyWhenTypingPauses(m_search, this, [this] { m_model->setSearch(m_search->text()); });
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        m_searchDelay->stop();
        m_model->setSearch(m_search->text());
    });
    m_count = new QLabel(bar);
    m_count->setObjectName(QStringLiteral("leadsCount"));
    m_count->setForegroundRole(QPalette::PlaceholderText);
    auto *refresh = new QPushButton(tr("Refresh"), bar);
    refresh->setToolTip(tr("Read the leads again (F5)"));
    connect(refresh, &QPushButton::clicked, this, &LeadsView::refresh);
    auto *layout = new QHBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 6);
    layout->addWidget(m_search);
    layout->addStretch(1);
    layout->addWidget(m_count);
    layout->addWidget(refresh);
    return bar;
}

void LeadsView::buildTable()
{
    m_table->setObjectName(QStringLiteral("leadsTable"));
    m_table->setModel(m_model);
    setUpRecordTable(m_table);
    auto *header = m_table->horizontalHeader();
    // Email takes what is left, so that every column fits a 1280-pixel window without scrolling.
    header->setStretchLastSection(false);
    sizeColumns(m_table,
        {
            {LeadTableModel::Column::Name, QStringLiteral("Margaret Hamilton")},
            {LeadTableModel::Column::Company, QStringLiteral("Analytical Engines")},
            {LeadTableModel::Column::Phone, QStringLiteral("+5511955550134")},
            {LeadTableModel::Column::Email, QStringLiteral("olivia.brown@example")},
            {LeadTableModel::Column::Status, QStringLiteral("Proposal sent")},
            {LeadTableModel::Column::Score, QStringLiteral("Score")},
            {LeadTableModel::Column::Priority, QStringLiteral("Critical")},
            {LeadTableModel::Column::Source, QStringLiteral("Social media")},
            {LeadTableModel::Column::ExpectedValue, QStringLiteral("100,000.00")},
            {LeadTableModel::Column::Updated, QStringLiteral("30 Sep 2025")},
        });
    header->setSectionResizeMode(LeadTableModel::Column::Email, QHeaderView::Stretch);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        &LeadsView::onSelectionChanged);
}

qint64 LeadsView::selectedId() const
{
    const auto rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? 0 : rows.first().data(LeadTableModel::LeadIdRole).toLongLong();
}

bool LeadsView::selectLead(qint64 id)
{
    const int row = m_model->rowOfId(id);
    if (row < 0)
        return false;
    m_table->selectRow(row);
    m_table->scrollTo(m_model->index(row, 0));
    return true;
}

void LeadsView::onSelectionChanged()
{
    const qint64 id = selectedId();
    if (id != m_detail->leadId())
        m_detail->load(id);
}

void LeadsView::updateState()
{
    const bool searching = !m_model->query().search.isEmpty();
    const bool empty = m_model->rowCount() == 0 && m_model->reachedEnd() && !searching;
    m_stack->setCurrentIndex(empty ? 0 : 1);
    const int loaded = m_model->rowCount();
    QString text;
    if (!m_model->lastError().isEmpty())
        text = tr("Could not read the leads: %1").arg(m_model->lastError());
    else if (searching && loaded == 0 && m_model->reachedEnd())
        text = tr("No lead matches “%1”").arg(m_model->query().search);
    else if (m_model->reachedEnd())
        text = searching ? tr("%n matching lead(s)", nullptr, loaded) : tr("%n lead(s)", nullptr, loaded);
    else
        text = tr("First %n lead(s) · scroll for more", nullptr, loaded);
    m_count->setText(text);
}

void LeadsView::refresh()
{
    const qint64 selected = selectedId();
    m_model->reload();
    if (selected > 0) {
        // Select the lead again once its page is back.
        auto connection = std::make_shared<QMetaObject::Connection>();
        *connection = connect(m_model, &LeadTableModel::pageLoaded, this, [this, selected, connection] {
            disconnect(*connection);
            selectLead(selected);
        });
    }
    m_detail->reload();
}

bool LeadsView::focusSearch()
{
    if (m_stack->currentIndex() != 1)
        return false;
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
    return true;
}

} // namespace sb
