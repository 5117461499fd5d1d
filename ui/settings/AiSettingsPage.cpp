#include "AiSettingsPage.h"

#include "channels/AiClient.h"
#include "runtime/Runtime.h"
#include "storage/SqlWorker.h"

#include <QComboBox>
#include <QDateTime>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace sb {

namespace {

const QString errorColor = QStringLiteral("#d93f3f");

enum Preset
{
    OpenAiPreset,
    OpenRouterPreset,
    CustomPreset
};

} // namespace

AiSettingsPage::AiSettingsPage(Runtime &runtime, QWidget *parent)
    : QWidget(parent)
    , m_runtime(runtime)
{
    m_preset = new QComboBox(this);
    m_preset->setObjectName(QStringLiteral("aiPreset"));
    m_preset->addItem(QStringLiteral("OpenAI"), AiSettings::openAiBaseUrl());
    m_preset->addItem(QStringLiteral("OpenRouter"), AiSettings::openRouterBaseUrl());
    m_preset->addItem(tr("Other OpenAI-compatible server"), QString());
    m_baseUrl = new QLineEdit(this);
    m_baseUrl->setObjectName(QStringLiteral("aiBaseUrl"));
    m_baseUrl->setPlaceholderText(QStringLiteral("http://127.0.0.1:11434/v1"));
    m_model = new QLineEdit(this);
    m_model->setObjectName(QStringLiteral("aiModel"));
    m_transcriptionModel = new QLineEdit(this);
    m_transcriptionModel->setObjectName(QStringLiteral("aiTranscriptionModel"));
    m_transcriptionModel->setPlaceholderText(AiSettings::defaultTranscriptionModel());
    m_transcriptionModel->setToolTip(
        tr("Transcribes call recordings without a transcript (files up to 25 MB)"));
    m_key = new QLineEdit(this);
    m_key->setObjectName(QStringLiteral("aiKey"));
    m_key->setEchoMode(QLineEdit::Password);
    m_keyState = new QLabel(this);
    m_keyState->setEnabled(false);
    m_rate = new QSpinBox(this);
    m_rate->setRange(1, 600);
    m_rate->setSuffix(tr(" calls per minute"));
    m_save = new QPushButton(tr("Save"), this);
    m_save->setObjectName(QStringLiteral("aiSave"));
    m_test = new QPushButton(tr("Test"), this);
    m_test->setObjectName(QStringLiteral("aiTest"));
    m_test->setToolTip(tr("Sends one tiny request with the settings in this form"));
    m_result = new QLabel(this);
    m_result->setObjectName(QStringLiteral("aiResult"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *intro
        = new QLabel(tr("Drafts replies in Conversations with an OpenAI-compatible chat completions "
                        "endpoint: OpenAI, OpenRouter or a local server. Only the thread and the lead's "
                        "name and status are sent. Call recordings without a transcript are sent to its "
                        "audio transcriptions endpoint (files up to 25 MB)."),
            this);
    intro->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(tr("Provider"), m_preset);
    form->addRow(tr("Base URL"), m_baseUrl);
    form->addRow(tr("Model"), m_model);
    form->addRow(tr("Transcription model"), m_transcriptionModel);
    form->addRow(tr("API key"), m_key);
    form->addRow(QString(), m_keyState);
    form->addRow(tr("Limit"), m_rate);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_test);
    buttons->addStretch(1);
    buttons->addWidget(m_save);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addWidget(m_result);
    layout->addStretch(1);

    connect(m_preset, &QComboBox::activated, this, &AiSettingsPage::applyPreset);
    connect(m_baseUrl, &QLineEdit::textChanged, this, [this](const QString &text) {
        const auto index = m_preset->findData(text.trimmed());
        const QSignalBlocker block(m_preset);
        m_preset->setCurrentIndex(index >= 0 ? index : int(CustomPreset));
    });
    connect(m_save, &QPushButton::clicked, this, &AiSettingsPage::save);
    connect(m_test, &QPushButton::clicked, this, &AiSettingsPage::test);
}

void AiSettingsPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    // Read once: showing the page again must not drop what is being typed.
    if (!m_loadedOnce)
        reload();
}

void AiSettingsPage::applyPreset(int index)
{
    const auto base = m_preset->itemData(index).toString();
    if (base.isEmpty())
        return;
    m_baseUrl->setText(base);
    m_model->setText(AiSettings::defaultModelFor(base));
}

void AiSettingsPage::reload()
{
    auto settings = std::make_shared<AiSettings>();
    SqlJob job;
    job.run = [settings, environment = m_runtime.options().environment](SqlContext &context) -> ApiResult {
        *settings = AiSettings::load(context, environment);
        return ApiResponse {};
    };
    job.replyContext = this;
    job.done = [this, settings](const ApiResult &) {
        m_current = *settings;
        m_loadedOnce = true;
        m_baseUrl->setText(m_current.baseUrl);
        m_model->setText(m_current.model);
        m_transcriptionModel->setText(m_current.transcriptionModel);
        m_key->clear();
        m_key->setPlaceholderText(
            m_current.apiKey.isEmpty() ? tr("not set") : AiSettings::maskKey(m_current.apiKey));
        m_keyState->setText(m_current.apiKey.isEmpty()
                ? tr("No key: only a server on this machine works without one.")
                : m_current.keyFromEnvironment
                ? tr("Key from the environment; a key saved here takes its place.")
                : tr("Key stored encrypted; leave the field empty to keep it."));
        m_rate->setValue(m_current.ratePerMinute);
        const auto index = m_preset->findData(m_current.baseUrl);
        m_preset->setCurrentIndex(index >= 0 ? index : int(CustomPreset));
        Q_EMIT loaded();
    };
    m_runtime.reader().submit(std::move(job));
}

AiSettings AiSettingsPage::formSettings() const
{
    auto settings = m_current;
    settings.baseUrl = m_baseUrl->text().trimmed();
    while (settings.baseUrl.endsWith(QLatin1Char('/')))
        settings.baseUrl.chop(1);
    settings.model = m_model->text().trimmed();
    settings.transcriptionModel = m_transcriptionModel->text().trimmed();
    if (settings.transcriptionModel.isEmpty())
        settings.transcriptionModel = AiSettings::defaultTranscriptionModel();
    if (!m_key->text().trimmed().isEmpty())
        settings.apiKey = m_key->text().trimmed();
    settings.ratePerMinute = m_rate->value();
    return settings;
}

void AiSettingsPage::save()
{
    QJsonObject patch {{QStringLiteral("base_url"), m_baseUrl->text().trimmed()},
        {QStringLiteral("model"), m_model->text().trimmed()},
        {QStringLiteral("transcription_model"), m_transcriptionModel->text().trimmed()},
        {QStringLiteral("rate_per_minute"), m_rate->value()}};
    if (!m_key->text().trimmed().isEmpty())
        patch.insert(QStringLiteral("api_key"), m_key->text().trimmed());
    auto error = std::make_shared<std::optional<QString>>();
    SqlJob job;
    job.run = [patch, error](SqlContext &context) -> ApiResult {
        *error = AiSettings::save(context, patch);
        return ApiResponse {};
    };
    job.replyContext = this;
    job.done = [this, error](const ApiResult &result) {
        QString problem = error->value_or(QString());
        if (problem.isEmpty() && std::holds_alternative<ApiError>(result))
            problem = std::get<ApiError>(result).message;
        if (problem.isEmpty()) {
            showResult(tr("Saved."), false);
            reload();
        } else {
            showResult(problem, true);
        }
        Q_EMIT saved(problem);
    };
    m_runtime.writer().submit(std::move(job));
}

void AiSettingsPage::test()
{
    if (m_testing)
        return;
    const auto settings = formSettings();
    if (!settings.configured()) {
        showResult(tr("Fill in the base URL, the model and the API key first."), true);
        Q_EMIT tested(false, m_result->text());
        return;
    }
    int retryAfter = 0;
    if (!AiRateLimiter::shared().tryAcquire(
            settings.ratePerMinute, QDateTime::currentMSecsSinceEpoch(), &retryAfter)) {
        showResult(
            tr("Over %1 AI calls per minute; try again in %2 s").arg(settings.ratePerMinute).arg(retryAfter),
            true);
        Q_EMIT tested(false, m_result->text());
        return;
    }
    AiRequest request;
    request.purpose = QStringLiteral("settings_test");
    request.messages
        = {AiMessage {QStringLiteral("user"), QStringLiteral("Reply with the single word: pong")}};
    m_testing = true;
    m_test->setEnabled(false);
    showResult(tr("Testing…"), false);
    AiClient::send(settings, request, this, {}, [this, settings, request](const AiOutcome &outcome) {
        m_testing = false;
        m_test->setEnabled(true);
        const auto text = outcome.ok() ? tr("%1 answered with %2 in %3 ms: %4")
                                             .arg(settings.providerName(), outcome.model)
                                             .arg(outcome.latencyMs)
                                             .arg(outcome.text.trimmed().left(200))
                                       : outcome.error;
        showResult(text, !outcome.ok());
        SqlJob job;
        job.run = [settings, request, outcome](SqlContext &context) -> ApiResult {
            AiCallLog::record(context, settings, request, outcome);
            return ApiResponse {};
        };
        m_runtime.writer().submit(std::move(job));
        Q_EMIT tested(outcome.ok(), text);
    });
}

void AiSettingsPage::showResult(const QString &text, bool error)
{
    m_result->setText(text);
    m_result->setStyleSheet(error ? QStringLiteral("color: %1").arg(errorColor) : QString());
}

} // namespace sb
