#include "DeliveryDetailPane.h"

#include "DeliveryCommands.h"
#include "DeliveryLogModel.h"
#include "SendLogModel.h"
#include "common/DetailWidgets.h"
#include "common/DisplayText.h"
#include "common/PayloadText.h"
#include "storage/OutboxMapper.h"
#include "storage/SendLog.h"
#include "storage/SqlWorker.h"
#include "storage/WebhookConfigRepository.h"

#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace sb {

namespace {

using detail::dash;

QByteArray contentType(const QList<QPair<QByteArray, QByteArray>> &headers)
{
    for (const auto &[name, value] : headers) {
        if (name.compare("content-type", Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

} // namespace

DeliveryDetailPane::DeliveryDetailPane(QSqlDatabase db, const Clock &clock, QWidget *parent)
    : QWidget(parent)
    , m_db(std::move(db))
    , m_clock(clock)
{
    m_placeholder = detail::placeholderLabel(this);

    auto *details = new QWidget(this);
    m_title = detail::titleLabel(details, QStringLiteral("deliveryTitle"));
    m_statusChip = new QLabel(details);
    m_statusChip->setObjectName(QStringLiteral("deliveryStatus"));
    m_subtitle = new QLabel(details);
    m_subtitle->setForegroundRole(QPalette::PlaceholderText);
    m_subtitle->setTextFormat(Qt::PlainText);
    m_subtitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_retry = new QPushButton(tr("Retry"), details);
    m_retry->setObjectName(QStringLiteral("deliveryRetry"));
    m_retry->setToolTip(tr("Send this delivery again now, with the same webhook-id (Ctrl+R)"));
    m_copyCurl = new QPushButton(tr("Copy as curl"), details);
    m_copyCurl->setObjectName(QStringLiteral("deliveryCopyCurl"));
    m_copyCurl->setToolTip(tr("Copy a curl command that repeats the selected attempt's request"));
    connect(m_retry, &QPushButton::clicked, this, [this] { Q_EMIT retryRequested(m_id); });
    connect(m_copyCurl, &QPushButton::clicked, this, [this] {
        QApplication::clipboard()->setText(curlCommand());
        m_copyCurl->setText(tr("Copied"));
        QTimer::singleShot(1500, m_copyCurl, [button = m_copyCurl] { button->setText(tr("Copy as curl")); });
    });

    m_tabs = new QTabWidget(details);
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(buildSummaryTab(), tr("Attempts"));
    m_tabs->addTab(buildExchangeTab(&m_requestLine, &m_requestHeaders, &m_requestCaption, &m_requestBody,
                       QStringLiteral("request")),
        tr("Request"));
    m_tabs->addTab(buildExchangeTab(&m_responseLine, &m_responseHeaders, &m_responseCaption, &m_responseBody,
                       QStringLiteral("response")),
        tr("Response"));

    auto *titleRow = new QHBoxLayout;
    titleRow->addWidget(m_title, 1);
    titleRow->addWidget(m_statusChip);
    titleRow->addSpacing(12);
    titleRow->addWidget(m_retry);
    titleRow->addWidget(m_copyCurl);
    auto *layout = new QVBoxLayout(details);
    layout->setContentsMargins(8, 4, 4, 0);
    layout->addLayout(titleRow);
    layout->addWidget(m_subtitle);
    layout->addWidget(m_tabs, 1);

    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_placeholder);
    m_stack->addWidget(details);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_stack);
    showPlaceholder(tr("Select a delivery to see every attempt's request and response."));
}

QWidget *DeliveryDetailPane::buildSummaryTab()
{
    auto *page = new QWidget;
    m_summary = detail::selectableLabel(page);
    m_summary->setObjectName(QStringLiteral("deliverySummary"));
    m_summary->setTextFormat(Qt::RichText);
    m_attemptTable = new QTableWidget(0, 5, page);
    m_attemptTable->setObjectName(QStringLiteral("attemptTable"));
    m_attemptTable->setHorizontalHeaderLabels(
        {tr("#"), tr("Started"), tr("HTTP"), tr("Latency"), tr("Error")});
    m_attemptTable->horizontalHeader()->setStretchLastSection(true);
    m_attemptTable->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_attemptTable->verticalHeader()->hide();
    m_attemptTable->verticalHeader()->setDefaultSectionSize(m_attemptTable->fontMetrics().height() + 8);
    m_attemptTable->setShowGrid(false);
    m_attemptTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_attemptTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_attemptTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_attemptTable->setAlternatingRowColors(true);
    const auto metrics = m_attemptTable->fontMetrics();
    m_attemptTable->setColumnWidth(0, metrics.horizontalAdvance(QStringLiteral("MMM")) + 16);
    m_attemptTable->setColumnWidth(
        1, metrics.horizontalAdvance(QStringLiteral("2025-09-30 00:00:00.000 CEST")) + 20);
    m_attemptTable->setColumnWidth(2, metrics.horizontalAdvance(QStringLiteral("HTTPMM")) + 16);
    m_attemptTable->setColumnWidth(3, metrics.horizontalAdvance(QStringLiteral("99999 ms")) + 20);
    connect(m_attemptTable, &QTableWidget::currentCellChanged, this, [this](int row) { showAttempt(row); });
    auto *layout = new QHBoxLayout(page);
    layout->setContentsMargins(0, 6, 0, 0);
    auto *scroll = new QScrollArea(page);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(m_summary);
    m_summary->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    layout->addWidget(scroll, 2);
    layout->addWidget(m_attemptTable, 3);
    return page;
}

QWidget *DeliveryDetailPane::buildExchangeTab(
    QLabel **line, QTableWidget **headers, QLabel **caption, QPlainTextEdit **body, const QString &name)
{
    // Headers beside the body: both are read together when a receiver rejects a signature.
    auto *page = new QWidget;
    *line = detail::selectableLabel(page);
    (*line)->setObjectName(name + QStringLiteral("Line"));
    *headers = detail::headersTable(page, name + QStringLiteral("Headers"));
    auto *splitter = new QSplitter(Qt::Horizontal, page);
    splitter->addWidget(*headers);
    splitter->addWidget(detail::bodyPage(caption, body, name + QStringLiteral("Body")));
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 6, 0, 0);
    layout->addWidget(*line);
    layout->addWidget(splitter, 1);
    return page;
}

void DeliveryDetailPane::showPlaceholder(const QString &text)
{
    m_attempts.clear();
    m_placeholder->setText(text);
    m_stack->setCurrentWidget(m_placeholder);
}

void DeliveryDetailPane::setRetryEnabled(bool enabled)
{
    m_retry->setEnabled(enabled);
}

void DeliveryDetailPane::load(const QString &id)
{
    const bool sameDelivery = id == m_id && !id.isEmpty();
    const int shownAttempt = m_attemptTable->currentRow();
    m_id = id;
    if (id.isEmpty())
        return showPlaceholder(tr("Select a delivery to see every attempt's request and response."));
    if (const auto outboxId = OutboxMapper::outboxIdOf(id); outboxId != 0)
        return loadSend(outboxId, sameDelivery, shownAttempt);
    m_retry->setToolTip(tr("Send this delivery again now, with the same webhook-id (Ctrl+R)"));
    SqlContext context(m_db, m_clock);
    std::optional<Delivery> delivery;
    try {
        delivery = DeliveryRepository::find(context, id);
        if (delivery) {
            m_attempts = DeliveryRepository::attempts(context, id);
            const auto config = WebhookConfigRepository::find(context, delivery->configId);
            m_configUrl = config ? config->url : QString();
            m_subtitle->setText(config ? tr("%1 → %2").arg(config->name, config->url)
                                       : tr("Configuration #%1 was deleted").arg(delivery->configId));
        }
    } catch (const SqlError &e) {
        return showPlaceholder(tr("Could not read delivery %1: %2").arg(id, e.message()));
    }
    if (!delivery)
        return showPlaceholder(tr("Delivery %1 is no longer stored.").arg(id));
    m_delivery = *delivery;
    const auto &d = m_delivery;
    m_title->setText(d.isTest ? tr("%1 (test)").arg(d.eventType) : d.eventType);
    m_statusChip->setText(QStringLiteral("<span style='color:%1'>●</span> <b>%2</b>")
                              .arg(DeliveryLogModel::statusColor(d.status).name(),
                                  DeliveryLogModel::statusLabel(d.status).toHtmlEscaped()));

    const auto row = &detail::summaryRow;
    QString html = QStringLiteral("<table cellspacing='3'>");
    html += row(tr("Delivery id"), d.id);
    html += row(tr("Event id"), d.eventId);
    html += row(tr("Source"), d.source);
    if (!d.inboundRequestId.isEmpty())
        html += row(tr("Raised by request"), d.inboundRequestId);
    html += row(tr("Created"), display::fullTime(d.createdAt));
    html += row(tr("Attempts"), QString::number(d.attempts));
    if (d.status == DeliveryStatus::Pending)
        html += row(tr("Next attempt"),
            d.nextAttemptAt > 0 ? display::fullTime(d.nextAttemptAt) : tr("not scheduled"));
    html += row(tr("Last HTTP status"), d.lastStatus ? QString::number(d.lastStatus) : QString());
    html += row(tr("Last error"), d.lastError);
    html += QStringLiteral("</table>");
    m_summary->setText(html);
    m_retry->setEnabled(true);
    fillAttempts(sameDelivery, shownAttempt);
}

void DeliveryDetailPane::fillAttempts(bool sameRecord, int shownAttempt)
{
    m_attemptTable->setRowCount(int(m_attempts.size()));
    for (int i = 0; i < m_attempts.size(); ++i) {
        const auto &a = m_attempts[i];
        const auto ok = a.responseStatus >= 200 && a.responseStatus < 300;
        auto *number = new QTableWidgetItem(QString::number(a.attempt));
        number->setIcon(display::statusDot(ok ? display::good() : display::bad()));
        m_attemptTable->setItem(i, 0, number);
        m_attemptTable->setItem(i, 1, new QTableWidgetItem(display::fullTime(a.startedAt)));
        m_attemptTable->setItem(
            i, 2, new QTableWidgetItem(a.responseStatus ? QString::number(a.responseStatus) : tr("none")));
        m_attemptTable->setItem(i, 3, new QTableWidgetItem(tr("%1 ms").arg(a.latencyMs)));
        m_attemptTable->setItem(i, 4, new QTableWidgetItem(a.error));
        m_attemptTable->item(i, 4)->setToolTip(a.error);
    }
    m_tabs->setTabText(0, tr("Attempts (%1)").arg(m_attempts.size()));
    const bool sameDelivery = sameRecord;
    // The newest attempt is what one looks at first; a reload keeps the one being read.
    const int shown = sameDelivery && shownAttempt >= 0 && shownAttempt < m_attempts.size()
        ? shownAttempt
        : int(m_attempts.size()) - 1;
    m_attemptTable->setCurrentCell(shown, 0);
    showAttempt(shown);
    m_stack->setCurrentIndex(1);
}

void DeliveryDetailPane::loadSend(qint64 outboxId, bool sameRecord, int shownAttempt)
{
    SqlContext context(m_db, m_clock);
    std::optional<OutboxEntry> entry;
    QList<OutboxAttempt> attempts;
    try {
        entry = SendLog::entry(context, outboxId);
        if (entry)
            attempts = SendLog::attempts(context, outboxId);
    } catch (const SqlError &e) {
        return showPlaceholder(tr("Could not read send %1: %2").arg(m_id, e.message()));
    }
    if (!entry)
        return showPlaceholder(tr("Send %1 is no longer stored.").arg(m_id));
    const auto &e = *entry;
    // Shown through the delivery fields the request/response tabs read: what would be sent, and
    // each attempt as stored (credentials masked before they were written).
    m_delivery = Delivery {};
    m_delivery.payload = QJsonDocument(e.request).toJson(QJsonDocument::Indented);
    m_configUrl = e.provider;
    m_attempts.clear();
    for (const auto &sent : attempts) {
        DeliveryAttempt a;
        a.deliveryId = m_id;
        a.attempt = sent.attempt;
        a.startedAt = sent.startedAt;
        a.url = sent.url;
        a.requestHeaders = sent.requestHeaders;
        a.requestBody = sent.requestBody;
        a.responseStatus = sent.responseStatus;
        a.responseHeaders = sent.responseHeaders;
        a.responseBody = sent.responseBody;
        a.latencyMs = sent.latencyMs;
        a.error = sent.error;
        m_attempts.append(a);
    }
    const auto recipient = OutboxMapper::recipient(e);
    m_title->setText(tr("%1 to %2").arg(SendLogModel::channelLabel(e.channel), recipient));
    m_statusChip->setText(QStringLiteral("<span style='color:%1'>●</span> <b>%2</b>")
                              .arg(SendLogModel::statusColor(e.status).name(),
                                  SendLogModel::statusLabel(e.status).toHtmlEscaped()));
    QString serviceName;
    if (e.serviceId != 0) {
        try {
            auto &query = context.run(
                QStringLiteral("SELECT name FROM external_services WHERE id = ?"), {e.serviceId});
            if (query.next())
                serviceName = query.value(0).toString();
            query.finish();
        } catch (const SqlError &) { // the name is a nicety; the id is shown without it
        }
    }
    if (e.serviceId == 0)
        m_subtitle->setText(tr("Through %1, configured from the environment").arg(e.provider));
    else if (serviceName.isEmpty())
        m_subtitle->setText(tr("Through %1 · service #%2 (deleted)").arg(e.provider).arg(e.serviceId));
    else
        m_subtitle->setText(
            tr("Through %1 · service “%2” (#%3)").arg(e.provider, serviceName).arg(e.serviceId));
    m_retry->setToolTip(tr("Queue this message again (only a failed send; never while another attempt is "
                           "queued or its outcome is unknown)"));
    m_retry->setEnabled(e.status == OutboxStatus::Failed);
    const auto row = &detail::summaryRow;
    QString html = QStringLiteral("<table cellspacing='3'>");
    html += row(tr("Send id"), m_id);
    html += row(tr("Message"), QString::number(e.messageId));
    html += row(tr("Recipient"), recipient);
    if (e.request.contains(QStringLiteral("from")))
        html += row(tr("From"), e.request.value(QStringLiteral("from")).toString());
    if (e.request.contains(QStringLiteral("subject")))
        html += row(tr("Subject"), e.request.value(QStringLiteral("subject")).toString());
    html += row(tr("Created"), display::fullTime(e.createdAt));
    html += row(tr("Attempts"), QString::number(e.attempts));
    if (e.status == OutboxStatus::Pending)
        html += row(tr("Next attempt"),
            e.nextAttemptAt > 0 ? display::fullTime(e.nextAttemptAt) : tr("not scheduled"));
    html += row(tr("Provider id"), e.providerId);
    html += row(tr("Last HTTP status"), e.lastStatus ? QString::number(e.lastStatus) : QString());
    html += row(tr("Last error"), e.lastError);
    html += QStringLiteral("</table>");
    m_summary->setText(html);
    fillAttempts(sameRecord, shownAttempt);
}

void DeliveryDetailPane::showAttempt(int index)
{
    if (index < 0 || index >= m_attempts.size()) {
        // Not sent yet: the request is the stored payload, the signature headers come with the attempt.
        m_requestLine->setText(OutboxMapper::outboxIdOf(m_id) != 0
                ? tr("Not sent yet · the message as queued for %1").arg(dash(m_configUrl))
                : tr("Not sent yet · POST %1").arg(dash(m_configUrl)));
        m_requestHeaders->setRowCount(0);
        const auto body = PayloadText::render(m_delivery.payload, "application/json");
        m_requestCaption->setText(body.describe(m_delivery.payload.size()));
        m_requestBody->setPlainText(body.text);
        m_responseLine->setText(tr("No response yet."));
        m_responseHeaders->setRowCount(0);
        m_responseCaption->clear();
        m_responseBody->clear();
        return;
    }
    const auto &a = m_attempts[index];
    m_requestLine->setText(
        tr("Attempt %1 · POST %2 · %3").arg(a.attempt).arg(a.url, display::fullTime(a.startedAt)));
    detail::fillHeaders(m_requestHeaders, a.requestHeaders);
    const auto request = PayloadText::render(a.requestBody, contentType(a.requestHeaders));
    m_requestCaption->setText(request.describe(a.requestBody.size()));
    m_requestBody->setPlainText(request.text);
    m_responseLine->setText(a.responseStatus
            ? tr("HTTP %1 after %2 ms").arg(a.responseStatus).arg(a.latencyMs)
            : tr("No answer after %1 ms: %2").arg(a.latencyMs).arg(dash(a.error)));
    detail::fillHeaders(m_responseHeaders, a.responseHeaders);
    const auto response = PayloadText::render(a.responseBody, contentType(a.responseHeaders));
    m_responseCaption->setText(a.responseTruncated
            ? tr("%1 · the receiver sent more; Switchboard stopped reading there")
                  .arg(response.describe(a.responseBody.size()))
            : response.describe(a.responseBody.size()));
    m_responseBody->setPlainText(response.text);
    m_responseBody->setPlaceholderText(tr("The response had no body."));
}

QString DeliveryDetailPane::curlCommand() const
{
    const int index = m_attemptTable->currentRow();
    if (index >= 0 && index < m_attempts.size()) {
        const auto &a = m_attempts[index];
        return DeliveryCommands::curlCommand(a.url, a.requestHeaders, a.requestBody);
    }
    return DeliveryCommands::curlCommand(
        m_configUrl, {{"Content-Type", "application/json"}}, m_delivery.payload);
}

} // namespace sb
