#include "WebhookConfigDialog.h"

#include "WebhookFormParts.h"
#include "common/DisplayText.h"
#include "domain/EventBus.h"
#include "outbound/WebhookConfigCommands.h"
#include "runtime/Runtime.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QUrl>
#include <QVBoxLayout>

namespace sb {

namespace {

QJsonArray commaList(const QString &text)
{
    QJsonArray values;
    for (const auto &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (!part.trimmed().isEmpty())
            values.append(part.trimmed());
    }
    return values;
}

QString commaText(const QJsonValue &value)
{
    QStringList parts;
    for (const auto &item : value.toArray())
        parts.append(item.toString());
    return parts.join(QStringLiteral(", "));
}

} // namespace

WebhookConfigDialog::WebhookConfigDialog(Runtime &runtime, const WebhookConfig &existing, QWidget *parent)
    : QDialog(parent)
    , m_runtime(runtime)
    , m_existing(existing)
{
    setObjectName(QStringLiteral("webhookConfigDialog"));
    setWindowTitle(existing.id == 0 ? tr("New webhook") : tr("Edit webhook “%1”").arg(existing.name));
    m_tabs = new QTabWidget(this);
    m_tabs->addTab(buildGeneralTab(), tr("General"));
    m_tabs->addTab(buildEventsTab(), tr("Events and filters"));
    m_tabs->addTab(buildSigningTab(), tr("Signing and headers"));
    m_retry = new RetryEditor(this);
    auto *retryPage = new QWidget;
    auto *retryLayout = new QVBoxLayout(retryPage);
    retryLayout->addWidget(m_retry);
    retryLayout->addStretch(1);
    m_tabs->addTab(retryPage, tr("Retries"));

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("formError"));
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    m_error->setStyleSheet(QStringLiteral("QLabel { color: %1; }").arg(display::bad().name()));
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &WebhookConfigDialog::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);

    // Fill from the existing configuration (defaults for a new one).
    m_name->setText(existing.name);
    m_url->setText(existing.url);
    m_description->setText(existing.description);
    m_enabled->setChecked(existing.isActive() || existing.id == 0);
    m_timeout->setValue(existing.timeoutMs);
    m_disableAfter->setValue(existing.disableAfterFailures);
    m_events->setSelected(existing.eventTypes);
    m_campaigns->setText(commaText(existing.filters.value(QStringLiteral("campaigns"))));
    m_outcomes->setText(commaText(existing.filters.value(QStringLiteral("outcomes"))));
    m_secret->setText(existing.id == 0 ? WebhookConfig::generateSecret() : existing.secrets.value(0));
    m_headers->setHeaders(existing.headers);
    m_retry->setPolicy(existing.retry);

    for (auto *edit : {m_name, m_url, m_description, m_campaigns, m_outcomes, m_secret})
        connect(edit, &QLineEdit::textChanged, this, &WebhookConfigDialog::validate);
    connect(m_enabled, &QCheckBox::toggled, this, &WebhookConfigDialog::validate);
    connect(m_events, &EventTypePicker::changed, this, &WebhookConfigDialog::validate);
    connect(m_headers, &HeadersEditor::changed, this, &WebhookConfigDialog::validate);
    connect(m_retry, &RetryEditor::changed, this, &WebhookConfigDialog::validate);
    resize(760, 600);
    validate();
}

QWidget *WebhookConfigDialog::buildGeneralTab()
{
    auto *page = new QWidget;
    m_name = new QLineEdit(page);
    m_name->setObjectName(QStringLiteral("configName"));
    m_name->setPlaceholderText(tr("e.g. CRM sync"));
    m_url = new QLineEdit(page);
    m_url->setObjectName(QStringLiteral("configUrl"));
    m_url->setPlaceholderText(QStringLiteral("https://hooks.example.com/switchboard"));
    m_urlHint = new QLabel(page);
    m_urlHint->setWordWrap(true);
    m_urlHint->setForegroundRole(QPalette::PlaceholderText);
    m_description = new QLineEdit(page);
    m_description->setObjectName(QStringLiteral("configDescription"));
    m_enabled = new QCheckBox(tr("Enabled — deliver matching events"), page);
    m_enabled->setObjectName(QStringLiteral("configEnabled"));
    m_timeout = new QSpinBox(page);
    m_timeout->setObjectName(QStringLiteral("configTimeout"));
    m_timeout->setRange(100, 120000);
    m_timeout->setSingleStep(1000);
    m_timeout->setSuffix(tr(" ms"));
    m_disableAfter = new QSpinBox(page);
    m_disableAfter->setObjectName(QStringLiteral("configDisableAfter"));
    m_disableAfter->setRange(0, 100000);
    m_disableAfter->setSpecialValueText(tr("never"));
    m_disableAfter->setSuffix(tr(" failed deliveries in a row"));
    auto *form = new QFormLayout(page);
    form->addRow(tr("Name"), m_name);
    form->addRow(tr("Target URL"), m_url);
    form->addRow(QString(), m_urlHint);
    form->addRow(tr("Description"), m_description);
    form->addRow(QString(), m_enabled);
    if (!m_existing.disabledReason.isEmpty()) {
        auto *reason
            = new QLabel(tr("Disabled automatically: %1. Saving with “Enabled” checked resumes deliveries.")
                             .arg(m_existing.disabledReason),
                page);
        reason->setWordWrap(true);
        reason->setStyleSheet(QStringLiteral("QLabel { color: %1; }").arg(display::bad().name()));
        form->addRow(QString(), reason);
    }
    form->addRow(tr("Timeout per attempt"), m_timeout);
    form->addRow(tr("Disable after"), m_disableAfter);
    return page;
}

QWidget *WebhookConfigDialog::buildEventsTab()
{
    auto *page = new QWidget;
    m_events = new EventTypePicker(page);
    m_campaigns = new QLineEdit(page);
    m_campaigns->setObjectName(QStringLiteral("filterCampaigns"));
    m_campaigns->setPlaceholderText(tr("any campaign — or ids separated by commas"));
    m_outcomes = new QLineEdit(page);
    m_outcomes->setObjectName(QStringLiteral("filterOutcomes"));
    m_outcomes->setPlaceholderText(
        tr("any outcome — or values separated by commas, e.g. interested, callback"));
    auto *filters = new QGroupBox(tr("Only deliver events whose payload matches"), page);
    auto *form = new QFormLayout(filters);
    form->addRow(tr("Campaign ids"), m_campaigns);
    form->addRow(tr("Outcomes"), m_outcomes);
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(m_events, 1);
    layout->addWidget(filters);
    return page;
}

QWidget *WebhookConfigDialog::buildSigningTab()
{
    auto *page = new QWidget;
    m_secret = new QLineEdit(page);
    m_secret->setObjectName(QStringLiteral("configSecret"));
    m_secret->setEchoMode(QLineEdit::Password);
    auto *generate = new QPushButton(tr("Generate"), page);
    generate->setObjectName(QStringLiteral("generateSecret"));
    auto *reveal = new QPushButton(tr("Reveal"), page);
    reveal->setObjectName(QStringLiteral("revealSecret"));
    reveal->setCheckable(true);
    auto *copy = new QPushButton(tr("Copy"), page);
    copy->setObjectName(QStringLiteral("copySecret"));
    connect(generate, &QPushButton::clicked, this,
        [this] { m_secret->setText(WebhookConfig::generateSecret()); });
    connect(reveal, &QPushButton::toggled, this, [this, reveal](bool shown) {
        m_secret->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
        reveal->setText(shown ? tr("Hide") : tr("Reveal"));
    });
    connect(
        copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(m_secret->text()); });
    auto *secretRow = new QHBoxLayout;
    secretRow->addWidget(m_secret, 1);
    secretRow->addWidget(generate);
    secretRow->addWidget(reveal);
    secretRow->addWidget(copy);
    auto *secretHint = new QLabel(m_existing.id == 0
            ? tr("The receiver checks X-Webhook-Signature (HMAC-SHA256 of the body) with this secret.")
            : tr("Changing the secret rotates it: the previous one stays valid for 24 hours so the receiver "
                 "can "
                 "switch over."),
        page);
    secretHint->setWordWrap(true);
    secretHint->setForegroundRole(QPalette::PlaceholderText);
    m_headers = new HeadersEditor(page);
    auto *headersBox = new QGroupBox(tr("Custom headers sent with every delivery"), page);
    auto *headersLayout = new QVBoxLayout(headersBox);
    headersLayout->addWidget(m_headers);
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(new QLabel(tr("Signing secret"), page));
    layout->addLayout(secretRow);
    layout->addWidget(secretHint);
    layout->addSpacing(8);
    layout->addWidget(headersBox, 1);
    return page;
}

QJsonObject WebhookConfigDialog::body() const
{
    QJsonObject filters = m_existing.filters;
    for (const auto &[key, edit] : {std::pair {QStringLiteral("campaigns"), m_campaigns},
             std::pair {QStringLiteral("outcomes"), m_outcomes}}) {
        const auto values = commaList(edit->text());
        if (values.isEmpty())
            filters.remove(key);
        else
            filters.insert(key, values);
    }
    QJsonObject body {{QStringLiteral("name"), m_name->text()},
        {QStringLiteral("url"), m_url->text().trimmed()},
        {QStringLiteral("description"), m_description->text()},
        {QStringLiteral("eventTypes"), QJsonArray::fromStringList(m_events->selected())},
        {QStringLiteral("status"),
            webhookStatusName(m_enabled->isChecked() ? WebhookStatus::Active : WebhookStatus::Inactive)},
        {QStringLiteral("headers"), m_headers->headers()},
        {QStringLiteral("retryConfig"), m_retry->policy().toJson()}, {QStringLiteral("filters"), filters},
        {QStringLiteral("timeoutMs"), m_timeout->value()},
        {QStringLiteral("disableAfterFailures"), m_disableAfter->value()}};
    // Unchanged on edit: no rotation. A disabled-by-failures config stays so unless re-enabled.
    if (m_existing.id == 0 || m_secret->text() != m_existing.secrets.value(0))
        body.insert(QStringLiteral("secret"), m_secret->text());
    if (!m_existing.isActive() && m_existing.id != 0 && !m_enabled->isChecked())
        body.remove(QStringLiteral("status"));
    return body;
}

QString WebhookConfigDialog::validationError() const
{
    // The same check the HTTP API applies: one definition of a valid configuration.
    auto copy = m_existing;
    QString secret, error;
    if (m_events->selected().isEmpty())
        return tr("Pick at least one event type on the “Events and filters” tab.");
    applyConfigJson(body(), m_existing.id == 0, &copy, &secret, &error);
    return error;
}

void WebhookConfigDialog::validate()
{
    const QUrl url(m_url->text().trimmed(), QUrl::StrictMode);
    const bool plainHttp = url.scheme() == QLatin1String("http") && url.host() != QLatin1String("localhost")
        && url.host() != QLatin1String("127.0.0.1");
    m_urlHint->setText(plainHttp
            ? tr("Plain http: the payload travels unencrypted. Prefer https.")
            : tr("Deliveries are POSTed here with a JSON body; redirects are not followed."));
    const auto error = validationError();
    m_error->setText(error);
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(error.isEmpty() && !m_saving);
}

void WebhookConfigDialog::save()
{
    if (!validationError().isEmpty() || m_saving)
        return;
    m_saving = true;
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(false);
    const auto id = m_existing.id;
    const auto body = this->body();
    auto written = std::make_shared<WebhookConfig>();
    SqlJob job;
    job.replyContext = this;
    job.run = [id, body, written](SqlContext &context) -> ApiResult {
        auto result = id == 0 ? WebhookConfigCommands::create(context, body)
                              : WebhookConfigCommands::update(context, id, body, QStringLiteral("not found"));
        if (auto *error = std::get_if<ApiError>(&result))
            return *error;
        *written = std::get<ConfigWrite>(result).config;
        return ApiResponse {};
    };
    job.done = [this, written](const ApiResult &result) {
        m_saving = false;
        if (const auto *error = std::get_if<ApiError>(&result)) {
            validate();
            m_error->setText(error->kind == ErrorKind::NotFound
                    ? tr("This webhook was deleted meanwhile.")
                    : tr("Could not save: %1").arg(error->message));
            return;
        }
        m_saved = *written;
        Q_EMIT m_runtime.bus().configsChanged();
        Q_EMIT configSaved(m_saved);
        accept();
    };
    m_runtime.writer().submit(std::move(job));
}

} // namespace sb
