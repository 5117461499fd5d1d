#include "WebhooksView.h"

#include "WebhookConfigDialog.h"
#include "WebhookConfigModel.h"
#include "common/DetailWidgets.h"
#include "common/DisplayText.h"
#include "common/EmptyState.h"
#include "common/PayloadText.h"
#include "common/RecordTable.h"
#include "domain/EventBus.h"
#include "outbound/WebhookConfigCommands.h"
#include "runtime/Runtime.h"

#include <QComboBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace sb {

namespace {

// A plausible payload for a test: receivers can parse it like a real one, and "test": true
// tells them not to act on it.
QJsonObject samplePayload(const QString &eventType)
{
    QJsonObject payload {{QStringLiteral("test"), true}};
    if (eventType.startsWith(QLatin1String("lead.")) || eventType.startsWith(QLatin1String("pre_lead."))) {
        payload.insert(QStringLiteral("lead"),
            QJsonObject {{QStringLiteral("id"), 1001}, {QStringLiteral("first_name"), QStringLiteral("Ada")},
                {QStringLiteral("last_name"), QStringLiteral("Lovelace")},
                {QStringLiteral("email"), QStringLiteral("ada@example.com")},
                {QStringLiteral("phone"), QStringLiteral("+15550100")},
                {QStringLiteral("lead_status"), QStringLiteral("new")}});
    } else if (eventType.startsWith(QLatin1String("message."))) {
        payload.insert(QStringLiteral("message"),
            QJsonObject {{QStringLiteral("channel"), QStringLiteral("sms")},
                {QStringLiteral("direction"), QStringLiteral("inbound")},
                {QStringLiteral("from"), QStringLiteral("+15550100")},
                {QStringLiteral("body"), QStringLiteral("Hi, is the offer still on?")}});
    } else if (eventType.startsWith(QLatin1String("call."))
        || eventType.startsWith(QLatin1String("recording."))) {
        payload.insert(QStringLiteral("call"),
            QJsonObject {{QStringLiteral("from"), QStringLiteral("+15550100")},
                {QStringLiteral("status"), QStringLiteral("completed")}, {QStringLiteral("duration"), 42}});
    } else {
        payload.insert(QStringLiteral("sample"), QStringLiteral("Sent from the Switchboard console"));
    }
    return payload;
}

} // namespace

WebhooksView::WebhooksView(QSqlDatabase db, Runtime &runtime, QWidget *parent)
    : ConsoleView(parent)
    , m_runtime(runtime)
{
    m_model = new WebhookConfigModel(db, runtime.clock(), runtime.secrets(), runtime.bus(), this);
    m_table = new QTableView(this);
    buildTable();
    auto *empty = new EmptyState(tr("No webhooks yet"),
        tr("A webhook sends Switchboard's events — new leads, messages, calls, conversations — to another "
           "system as "
           "signed JSON POSTs, with retries. Press “New webhook” to add the first one, then “Send test” to "
           "see "
           "what the receiver answers."),
        this);
    m_tableStack = new QStackedWidget(this);
    m_tableStack->addWidget(empty);
    m_tableStack->addWidget(m_table);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("webhooksSplitter"));
    splitter->addWidget(m_tableStack);
    splitter->addWidget(buildBottom());
    splitter->setChildrenCollapsible(false);
    splitter->setSizes({300, 420});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(buildToolbar());
    layout->addWidget(splitter, 1);

    connect(m_model, &QAbstractItemModel::rowsInserted, this, &WebhooksView::updateState);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &WebhooksView::updateState);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &WebhooksView::onSelectionChanged);
    restoreTableLayout(QStringLiteral("webhooks"), nullptr, m_table, {});
    updateState();
    if (m_model->rowCount() > 0)
        m_table->selectRow(0);
}

WebhooksView::~WebhooksView()
{
    saveTableLayout(QStringLiteral("webhooks"), nullptr, m_table);
}

QWidget *WebhooksView::buildToolbar()
{
    auto *bar = new QWidget(this);
    auto *create = new QPushButton(tr("New webhook…"), bar);
    create->setObjectName(QStringLiteral("newWebhook"));
    m_edit = new QPushButton(tr("Edit…"), bar);
    m_edit->setObjectName(QStringLiteral("editWebhook"));
    m_toggle = new QPushButton(tr("Pause"), bar);
    m_toggle->setObjectName(QStringLiteral("toggleWebhook"));
    m_delete = new QPushButton(tr("Delete"), bar);
    m_delete->setObjectName(QStringLiteral("deleteWebhook"));
    m_deliveries = new QPushButton(tr("Show deliveries"), bar);
    m_deliveries->setObjectName(QStringLiteral("showDeliveries"));
    m_count = new QLabel(bar);
    m_count->setForegroundRole(QPalette::PlaceholderText);
    connect(create, &QPushButton::clicked, this, [this] { openEditor(true); });
    connect(m_edit, &QPushButton::clicked, this, [this] { openEditor(false); });
    connect(m_table, &QTableView::doubleClicked, this, [this] { openEditor(false); });
    connect(m_toggle, &QPushButton::clicked, this, &WebhooksView::toggleSelected);
    connect(m_delete, &QPushButton::clicked, this, [this] { deleteSelected(true); });
    connect(m_deliveries, &QPushButton::clicked, this, [this] {
        if (const auto *config = selected())
            Q_EMIT showDeliveriesRequested(config->id);
    });
    auto *layout = new QHBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 6);
    for (auto *button : {create, m_edit, m_toggle, m_delete})
        layout->addWidget(button);
    layout->addStretch(1);
    layout->addWidget(m_count);
    layout->addWidget(m_deliveries);
    return bar;
}

QWidget *WebhooksView::buildBottom()
{
    m_bottom = new QWidget(this);
    auto *details = new QGroupBox(tr("Configuration"), m_bottom);
    m_summary = detail::selectableLabel(details);
    m_summary->setObjectName(QStringLiteral("webhookSummary"));
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    // Long URLs and header lists must not set the window's minimum width.
    m_summary->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    auto *detailsLayout = new QVBoxLayout(details);
    detailsLayout->addWidget(m_summary, 1);

    auto *testBox = new QGroupBox(tr("Test"), m_bottom);
    m_testEvent = new QComboBox(testBox);
    m_testEvent->setObjectName(QStringLiteral("testEventType"));
    m_test = new QPushButton(tr("Send test"), testBox);
    m_test->setObjectName(QStringLiteral("sendTest"));
    m_test->setToolTip(tr("POST a signed sample event to this webhook now, once, without retries"));
    m_testStatus = new QLabel(
        tr("Sends a sample event marked \"test\": true and shows what the receiver answers."), testBox);
    m_testStatus->setObjectName(QStringLiteral("testStatus"));
    m_testStatus->setWordWrap(true);
    m_testBody = detail::monospaceText(testBox, QStringLiteral("testBody"));
    m_testBody->setPlaceholderText(tr("The response body appears here."));
    connect(m_test, &QPushButton::clicked, this, &WebhooksView::sendTest);
    auto *row = new QHBoxLayout;
    row->addWidget(new QLabel(tr("Event"), testBox));
    row->addWidget(m_testEvent, 1);
    row->addWidget(m_test);
    auto *testLayout = new QVBoxLayout(testBox);
    testLayout->addLayout(row);
    testLayout->addWidget(m_testStatus);
    testLayout->addWidget(m_testBody, 1);

    auto *layout = new QHBoxLayout(m_bottom);
    layout->setContentsMargins(0, 6, 0, 0);
    layout->addWidget(details, 1);
    layout->addWidget(testBox, 1);
    return m_bottom;
}

void WebhooksView::buildTable()
{
    m_table->setObjectName(QStringLiteral("webhooksTable"));
    m_table->setModel(m_model);
    setUpRecordTable(m_table, 10);
    sizeColumns(m_table,
        {
            {WebhookConfigModel::Name, QStringLiteral("Analytics warehouse")},
            {WebhookConfigModel::Url, QStringLiteral("https://hooks.example.com/crm/hook")},
            {WebhookConfigModel::Events, QStringLiteral("lead.created, lead.upd…")},
            {WebhookConfigModel::Status, QStringLiteral("disabled: 410 GoneMM")},
            {WebhookConfigModel::SuccessRate, QStringLiteral("no deliveries")},
        },
        28);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        &WebhooksView::onSelectionChanged);
}

const WebhookConfig *WebhooksView::selected() const
{
    const auto rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? nullptr : &m_model->configAt(rows.first().row());
}

void WebhooksView::selectConfig(qint64 id)
{
    const int row = m_model->rowOfId(id);
    if (row >= 0)
        m_table->selectRow(row);
}

void WebhooksView::onSelectionChanged()
{
    const auto *config = selected();
    for (auto *button : {m_edit, m_toggle, m_delete, m_deliveries, m_test})
        button->setEnabled(config != nullptr);
    m_bottom->setEnabled(config != nullptr);
    if (!config) {
        m_summary->setText(tr("Select a webhook to see its settings and send it a test event."));
        m_testEvent->clear();
        return;
    }
    m_toggle->setText(config->isActive() ? tr("Pause") : tr("Resume"));
    const auto row = &detail::summaryRow;
    QStringList headers;
    const auto shownHeaders = config->maskedHeaders(); // credential values as hints, as the secret
    for (auto it = shownHeaders.begin(); it != shownHeaders.end(); ++it)
        headers.append(it.key() + QStringLiteral(": ") + it.value().toString());
    QStringList delays;
    for (const double delay : config->retry.schedule())
        delays.append(display::delay(delay));
    QStringList filters;
    for (const auto &key : {QStringLiteral("campaigns"), QStringLiteral("outcomes")}) {
        QStringList values;
        for (const auto &value : config->filters.value(key).toArray())
            values.append(value.toString());
        if (!values.isEmpty())
            filters.append(key + QStringLiteral(": ") + values.join(QStringLiteral(", ")));
    }
    QString html = QStringLiteral("<table cellspacing='3'>");
    html += row(tr("Status"), WebhookConfigModel::statusLabel(*config));
    html += row(tr("Target"), config->url);
    html += row(tr("Description"), config->description);
    html += row(tr("Events"), config->eventTypes.join(QStringLiteral(", ")));
    html += row(tr("Filters"),
        filters.isEmpty() ? tr("none — every matching event") : filters.join(QStringLiteral("; ")));
    html += row(tr("Secret"), WebhookConfig::maskSecret(config->secrets.value(0)));
    html += row(tr("Headers"), headers.join(QStringLiteral("; ")));
    html += row(tr("Retries"), delays.isEmpty() ? tr("none") : delays.join(QStringLiteral(", ")));
    html += row(tr("Timeout"), tr("%1 ms").arg(config->timeoutMs));
    if (config->consecutiveFailures > 0)
        html += row(tr("Failures in a row"), QString::number(config->consecutiveFailures));
    html += QStringLiteral("</table>");
    m_summary->setText(html);
    const auto chosen = m_testEvent->currentText();
    if (m_testEvent->property("configId").toLongLong() != config->id
        || m_testEvent->count() != config->eventTypes.size()) {
        m_testEvent->clear();
        m_testEvent->addItems(config->eventTypes);
        m_testEvent->setProperty("configId", config->id);
        if (config->eventTypes.contains(chosen))
            m_testEvent->setCurrentText(chosen);
        m_testStatus->setText(
            tr("Sends a sample event marked \"test\": true and shows what the receiver answers."));
        m_testStatus->setStyleSheet({});
        m_testBody->clear();
    }
}

void WebhooksView::updateState()
{
    m_tableStack->setCurrentIndex(m_model->rowCount() == 0 ? 0 : 1);
    int active = 0;
    for (int row = 0; row < m_model->rowCount(); ++row)
        active += m_model->configAt(row).isActive() ? 1 : 0;
    m_count->setText(tr("%n webhook(s)", nullptr, m_model->rowCount()) + QStringLiteral(" · ")
        + tr("%n active", nullptr, active));
    onSelectionChanged();
}

WebhookConfigDialog *WebhooksView::openEditor(bool createNew)
{
    const auto *config = selected();
    if (!createNew && !config)
        return nullptr;
    auto *dialog = new WebhookConfigDialog(m_runtime, createNew ? WebhookConfig {} : *config, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &WebhookConfigDialog::configSaved, this, [this](const WebhookConfig &saved) {
        m_model->reload();
        selectConfig(saved.id);
    });
    dialog->open();
    return dialog;
}

void WebhooksView::toggleSelected()
{
    const auto *config = selected();
    if (!config)
        return;
    const auto id = config->id;
    const QJsonObject body {{QStringLiteral("status"),
        webhookStatusName(config->isActive() ? WebhookStatus::Inactive : WebhookStatus::Active)}};
    SqlJob job;
    job.replyContext = this;
    job.run = [id, body](SqlContext &context) -> ApiResult {
        auto result = WebhookConfigCommands::update(context, id, body, QStringLiteral("not found"));
        if (auto *error = std::get_if<ApiError>(&result))
            return *error;
        return ApiResponse {};
    };
    job.done = [this](const ApiResult &) { Q_EMIT m_runtime.bus().configsChanged(); };
    m_runtime.writer().submit(std::move(job));
}

void WebhooksView::deleteSelected(bool confirm)
{
    const auto *config = selected();
    if (!config)
        return;
    if (confirm
        && QMessageBox::question(this, tr("Delete webhook"),
               tr("Delete “%1”? Events stop going to %2. Its delivery log is kept.")
                   .arg(config->name, config->url))
            != QMessageBox::Yes)
        return;
    const auto id = config->id;
    SqlJob job;
    job.replyContext = this;
    job.run = [id](SqlContext &context) -> ApiResult {
        WebhookConfigCommands::remove(context, id);
        return ApiResponse {};
    };
    job.done = [this](const ApiResult &) { Q_EMIT m_runtime.bus().configsChanged(); };
    m_runtime.writer().submit(std::move(job));
}

void WebhooksView::sendTest()
{
    const auto *config = selected();
    if (!config || m_testEvent->currentText().isEmpty())
        return;
    const auto eventType = m_testEvent->currentText();
    m_test->setEnabled(false);
    m_testStatus->setStyleSheet({});
    m_testStatus->setText(tr("Sending %1 to %2…").arg(eventType, config->url));
    m_testBody->clear();
    m_runtime.dispatcher().sendTest(
        config->id, eventType, samplePayload(eventType), this, [this](const ApiResult &result) {
            m_test->setEnabled(selected() != nullptr);
            if (const auto *error = std::get_if<ApiError>(&result)) {
                m_testStatus->setText(tr("Not sent: %1").arg(error->message));
                m_testStatus->setStyleSheet(
                    QStringLiteral("QLabel { color: %1; }").arg(display::bad().name()));
                return;
            }
            const auto answer = QJsonDocument::fromJson(std::get<ApiResponse>(result).body).object();
            const auto details = answer.value(QStringLiteral("details")).toObject();
            const bool ok = answer.value(QStringLiteral("success")).toBool();
            const auto time = details.value(QStringLiteral("responseTime")).toInteger();
            const auto status = details.value(QStringLiteral("statusCode"));
            QString text = status.isNull() ? tr("No answer after %1 ms").arg(time)
                                           : tr("HTTP %1 · %2 ms").arg(status.toInt()).arg(time);
            if (details.contains(QStringLiteral("error")))
                text += QStringLiteral(" — ") + details.value(QStringLiteral("error")).toString();
            m_testStatus->setText(text);
            m_testStatus->setStyleSheet(QStringLiteral("QLabel { color: %1; font-weight: bold; }")
                                            .arg((ok ? display::good() : display::bad()).name()));
            const auto body = details.value(QStringLiteral("responseBody")).toString().toUtf8();
            m_testBody->setPlainText(PayloadText::render(body).text);
            m_model->reloadStats();
        });
}

QString WebhooksView::testStatusText() const
{
    return m_testStatus->text();
}

QString WebhooksView::testBodyText() const
{
    return m_testBody->toPlainText();
}

void WebhooksView::refresh()
{
    m_model->reload();
    onSelectionChanged();
}

} // namespace sb
