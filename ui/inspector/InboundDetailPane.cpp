#include "InboundDetailPane.h"

#include "InboundQueries.h"
#include "InboundRequestModel.h"
#include "common/DetailWidgets.h"
#include "common/PayloadText.h"

#include <QDateTime>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace sb {

namespace {

using detail::monospaceText;
using detail::selectableLabel;

using detail::dash;

QString durationText(qint64 us)
{
    if (us < 1000)
        return InboundDetailPane::tr("%1 µs").arg(us);
    return InboundDetailPane::tr("%1 ms").arg(QLocale().toString(us / 1000.0, 'f', us < 100000 ? 2 : 0));
}

} // namespace

InboundDetailPane::InboundDetailPane(QSqlDatabase db, QWidget *parent)
    : QWidget(parent)
    , m_db(std::move(db))
{
    m_placeholder = detail::placeholderLabel(this);

    auto *details = new QWidget(this);
    m_title = detail::titleLabel(details, QStringLiteral("detailTitle"));
    m_statusChip = new QLabel(details);
    m_statusChip->setObjectName(QStringLiteral("detailStatus"));
    m_replay = new QPushButton(tr("Replay"), details);
    m_replay->setObjectName(QStringLiteral("replayButton"));
    m_replay->setToolTip(
        tr("Run this request through its handler again: verified with today's secrets, its "
           "timestamps judged as of its arrival, deduplicated like any callback. The replay is "
           "recorded as a new request; this one stays as it was."));
    connect(m_replay, &QPushButton::clicked, this, [this] {
        if (!m_id.isEmpty())
            Q_EMIT replayRequested(m_id);
    });
    m_replayResult = new QLabel(details);
    m_replayResult->setObjectName(QStringLiteral("replayResult"));
    m_replayResult->setWordWrap(true);
    m_replayResult->hide();
    m_subtitle = new QLabel(details);
    m_subtitle->setForegroundRole(QPalette::PlaceholderText);
    m_subtitle->setTextFormat(Qt::PlainText);

    m_tabs = new QTabWidget(details);
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(buildSummaryTab(), tr("Summary"));
    m_tabs->addTab(buildHeadersTab(), tr("Headers"));
    m_tabs->addTab(detail::bodyPage(&m_bodyCaption, &m_body, QStringLiteral("requestBody")), tr("Body"));
    m_tabs->addTab(
        detail::bodyPage(&m_responseCaption, &m_response, QStringLiteral("responseBody")), tr("Response"));

    auto *titleRow = new QHBoxLayout;
    titleRow->addWidget(m_title, 1);
    titleRow->addWidget(m_statusChip);
    titleRow->addSpacing(8);
    titleRow->addWidget(m_replay);
    auto *layout = new QVBoxLayout(details);
    layout->setContentsMargins(8, 4, 4, 0);
    layout->addLayout(titleRow);
    layout->addWidget(m_subtitle);
    layout->addWidget(m_replayResult);
    layout->addWidget(m_tabs, 1);

    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_placeholder);
    m_stack->addWidget(details);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_stack);
    showPlaceholder(tr("Select a request to see its verification, headers and body."));
}

QWidget *InboundDetailPane::buildSummaryTab()
{
    auto *page = new QWidget;
    m_summary = selectableLabel(page);
    m_summary->setTextFormat(Qt::RichText);

    auto *verificationBox = new QGroupBox(tr("Verification"), page);
    m_verification = selectableLabel(verificationBox);
    m_verification->setObjectName(QStringLiteral("verificationResult"));
    auto *verificationLayout = new QVBoxLayout(verificationBox);
    verificationLayout->addWidget(m_verification);

    // Shown only when a signature failed: comparing it with what the sender signed finds the
    // usual culprits (public URL differs behind a tunnel, re-encoded parameters, wrong secret).
    m_signatureBox = new QGroupBox(tr("String to sign (as computed here)"), page);
    m_stringToSign = monospaceText(m_signatureBox, QStringLiteral("stringToSign"));
    m_stringToSign->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_stringToSign->setMaximumHeight(120);
    auto *signatureLayout = new QVBoxLayout(m_signatureBox);
    signatureLayout->addWidget(m_stringToSign);

    auto *layout = new QVBoxLayout(page);
    layout->addWidget(m_summary);
    layout->addWidget(verificationBox);
    layout->addWidget(m_signatureBox);
    layout->addStretch(1);
    auto *scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(page);
    return scroll;
}

QWidget *InboundDetailPane::buildHeadersTab()
{
    auto *page = new QWidget;
    m_requestLine = selectableLabel(page);
    m_requestLine->setObjectName(QStringLiteral("requestLine"));
    m_requestLine->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_headers = detail::headersTable(page, QStringLiteral("headersTable"));
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 6, 0, 0);
    layout->addWidget(m_requestLine);
    layout->addWidget(m_headers, 1);
    return page;
}

void InboundDetailPane::showPlaceholder(const QString &text)
{
    m_placeholder->setText(text);
    m_stack->setCurrentWidget(m_placeholder);
}

void InboundDetailPane::showReplayResult(const QString &text, bool ok)
{
    m_replayResult->setText(text);
    m_replayResult->setStyleSheet(ok ? QString() : QStringLiteral("QLabel { color: #d93f3f; }"));
    m_replayResult->show();
}

void InboundDetailPane::load(const QString &id)
{
    if (id != m_id)
        m_replayResult->hide();
    m_id = id;
    if (id.isEmpty())
        return showPlaceholder(tr("Select a request to see its verification, headers and body."));
    QString error;
    const auto record = InboundQueries::record(m_db, id, &error);
    if (!error.isEmpty())
        return showPlaceholder(tr("Could not read request %1: %2").arg(id, error));
    if (!record)
        return showPlaceholder(tr("Request %1 is no longer stored.").arg(id));
    show(*record);
}

void InboundDetailPane::show(const InboundRecord &record)
{
    const auto &s = record.summary;
    m_title->setText(s.method + QLatin1Char(' ') + record.target);
    m_title->setToolTip(record.target);
    m_statusChip->setText(QStringLiteral("<span style='color:%1'>●</span> <b>%2</b> · HTTP %3")
                              .arg(InboundRequestModel::statusColor(s.status).name(),
                                  InboundRequestModel::statusLabel(s.status).toHtmlEscaped())
                              .arg(s.responseStatus));
    const auto received = QDateTime::fromMSecsSinceEpoch(s.receivedAtMs);
    m_subtitle->setText(tr("Received %1 from %2 · answered in %3")
                            .arg(QLocale().toString(received, QLocale::LongFormat), dash(s.clientIp),
                                durationText(record.durationUs)));

    const auto row = &detail::summaryRow;
    QString html = QStringLiteral("<table cellspacing='3'>");
    html += row(tr("Record id"), s.id);
    html += row(tr("Provider"), s.provider);
    html += row(tr("Handler"), record.handler);
    html += row(tr("Event"), s.eventType);
    html += row(tr("Source"), record.source);
    html += row(tr("Client"), s.clientIp);
    html += row(tr("Peer"), record.peer);
    html += row(tr("Status"), InboundRequestModel::statusLabel(s.status));
    if (!record.replayOf.isEmpty()) {
        html += row(tr("Replay of"), record.replayOf);
        html += row(tr("Replayed at"),
            QLocale().toString(QDateTime::fromMSecsSinceEpoch(record.replayedAtMs), QLocale::ShortFormat));
    }
    if (!record.error.isEmpty())
        html += row(tr("Error"), record.error);
    html += QStringLiteral("</table>");
    m_summary->setText(html);

    QString verification = InboundRequestModel::verificationLabel(s.verification);
    if (!record.verificationDetail.isEmpty())
        verification += QStringLiteral(" — ") + record.verificationDetail;
    m_verification->setText(verification);
    const bool failed
        = s.verification == QLatin1String("invalid") || s.verification == QLatin1String("missing_secret");
    m_signatureBox->setVisible(failed && !record.stringToSign.isEmpty());
    m_stringToSign->setPlainText(QString::fromUtf8(record.stringToSign));

    m_requestLine->setText(record.requestLine());
    const auto headers = record.headers();
    detail::fillHeaders(m_headers, headers);
    m_tabs->setTabText(1, tr("Headers (%1)").arg(headers.size()));

    const auto body = PayloadText::render(record.body, record.header("Content-Type"));
    m_bodyCaption->setText(body.describe(record.body.size()));
    m_body->setPlainText(body.text);
    m_body->setPlaceholderText(tr("The request had no body."));

    const auto response = PayloadText::render(record.responseBody);
    m_responseCaption->setText(
        tr("HTTP %1 · %2").arg(s.responseStatus).arg(response.describe(record.responseBody.size())));
    m_response->setPlainText(response.text);
    m_stack->setCurrentIndex(1);
}

} // namespace sb
