#include "CampaignContentDialog.h"

#include "domain/Messaging.h"
#include "runtime/Runtime.h"
#include "storage/SqlWorker.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QFrame>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QVBoxLayout>

namespace sb {

CampaignContentDialog::CampaignContentDialog(Runtime &runtime, QWidget *parent)
    : QDialog(parent)
    , m_runtime(runtime)
{
    setObjectName(QStringLiteral("campaignContentDialog"));
    setWindowTitle(tr("Write with AI"));
    resize(640, 620);
    auto *layout = new QVBoxLayout(this);

    auto *form = new QFormLayout;
    m_brief = new QPlainTextEdit(this);
    m_brief->setObjectName(QStringLiteral("contentBrief"));
    m_brief->setPlaceholderText(
        tr("What is the campaign about? Offer, audience, call to action, anything the message must say."));
    m_brief->setMaximumHeight(110);
    form->addRow(tr("Brief"), m_brief);
    m_channel = new QComboBox(this);
    m_channel->setObjectName(QStringLiteral("contentChannel"));
    m_channel->addItem(tr("SMS"), channelName(Channel::Sms));
    m_channel->addItem(tr("Email"), channelName(Channel::Email));
    form->addRow(tr("Channel"), m_channel);
    m_count = new QSpinBox(this);
    m_count->setObjectName(QStringLiteral("contentVariants"));
    m_count->setRange(AiCampaignContent::minVariants, AiCampaignContent::maxVariants);
    m_count->setValue(AiCampaignContent::defaultVariants);
    form->addRow(tr("Variants"), m_count);
    m_tone = new QLineEdit(this);
    m_tone->setObjectName(QStringLiteral("contentTone"));
    m_tone->setPlaceholderText(tr("e.g. friendly, formal, playful (optional)"));
    m_tone->setMaxLength(AiCampaignContent::toneMaxLength);
    form->addRow(tr("Tone"), m_tone);
    layout->addLayout(form);

    auto *actions = new QHBoxLayout;
    m_hint = new QLabel(tr("Configure AI in Settings → AI to write campaign content"), this);
    m_hint->setObjectName(QStringLiteral("contentAiHint"));
    m_hint->setForegroundRole(QPalette::PlaceholderText);
    m_hint->setVisible(false);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("contentStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_generate = new QPushButton(tr("Generate"), this);
    m_generate->setObjectName(QStringLiteral("contentGenerate"));
    m_generate->setDefault(true);
    m_generate->setEnabled(false);
    actions->addWidget(m_hint);
    actions->addWidget(m_status, 1);
    actions->addWidget(m_generate);
    layout->addLayout(actions);

    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_results = new QWidget(scroll);
    m_resultsLayout = new QVBoxLayout(m_results);
    m_resultsLayout->setContentsMargins(0, 0, 0, 0);
    m_resultsLayout->addStretch(1);
    scroll->setWidget(m_results);
    layout->addWidget(scroll, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    connect(m_generate, &QPushButton::clicked, this, &CampaignContentDialog::generate);
    connect(m_brief, &QPlainTextEdit::textChanged, this, [this] {
        m_generate->setEnabled(m_aiConfigured && !m_busy && !m_brief->toPlainText().trimmed().isEmpty());
    });
    checkAi();
}

void CampaignContentDialog::setChannel(const QString &channel)
{
    const int index = m_channel->findData(channel);
    if (index >= 0)
        m_channel->setCurrentIndex(index);
}

void CampaignContentDialog::setBrief(const QString &brief)
{
    m_brief->setPlainText(brief);
}

void CampaignContentDialog::setVariantCount(int count)
{
    m_count->setValue(count);
}

void CampaignContentDialog::setTone(const QString &tone)
{
    m_tone->setText(tone);
}

QString CampaignContentDialog::statusText() const
{
    return m_status->text();
}

QString CampaignContentDialog::currentChannel() const
{
    return m_channel->currentData().toString();
}

void CampaignContentDialog::setStatus(const QString &text, bool error)
{
    m_status->setText(text);
    QPalette palette = m_status->palette();
    palette.setColor(
        QPalette::WindowText, error ? QColor(0xc0, 0x30, 0x30) : this->palette().color(QPalette::WindowText));
    m_status->setPalette(palette);
}

void CampaignContentDialog::checkAi()
{
    auto configured = std::make_shared<bool>(false);
    SqlJob job;
    job.run = [configured, environment = m_runtime.options().environment](SqlContext &context) -> ApiResult {
        *configured = AiSettings::load(context, environment).configured();
        return ApiResponse {};
    };
    job.replyContext = this;
    job.done = [this, configured](const ApiResult &) {
        m_aiConfigured = *configured;
        m_generate->setVisible(m_aiConfigured);
        m_hint->setVisible(!m_aiConfigured);
        m_generate->setEnabled(m_aiConfigured && !m_brief->toPlainText().trimmed().isEmpty());
        Q_EMIT aiChecked();
    };
    m_runtime.reader().submit(std::move(job));
}

void CampaignContentDialog::generate()
{
    if (m_busy || !m_aiConfigured)
        return;
    QJsonObject input {{QStringLiteral("brief"), m_brief->toPlainText()},
        {QStringLiteral("channel"), currentChannel()}, {QStringLiteral("variants"), m_count->value()}};
    if (!m_tone->text().trimmed().isEmpty())
        input.insert(QStringLiteral("tone"), m_tone->text().trimmed());
    const auto read = AiCampaignContent::readBrief(input);
    if (const auto *problem = std::get_if<QString>(&read)) {
        setStatus(*problem, true);
        Q_EMIT generated(*problem);
        return;
    }
    m_busy = true;
    m_generate->setEnabled(false);
    setStatus(tr("Writing…"), false);
    AiCampaignContent::write(m_runtime.reader(), m_runtime.writer(), m_runtime.options().environment,
        std::get<AiCampaignContent::Brief>(read), this, [this](const AiCampaignContent::Outcome &outcome) {
            using R = AiCampaignContent::Result;
            m_busy = false;
            m_generate->setEnabled(m_aiConfigured && !m_brief->toPlainText().trimmed().isEmpty());
            QString error;
            switch (outcome.result) {
            case R::Written:
                m_variants = outcome.variants;
                showVariants();
                setStatus(tr("Written by %1: pick one with Use this").arg(outcome.last.model), false);
                break;
            case R::NotConfigured:
                m_aiConfigured = false;
                m_generate->setVisible(false);
                m_hint->setVisible(true);
                error = tr("Configure AI in Settings → AI to write campaign content");
                break;
            case R::RateLimited:
                error = tr("Too many AI calls: try again in %1 s").arg(outcome.last.retryAfterSeconds);
                break;
            case R::Invalid:
                error = tr("The AI's answer was not usable: %1").arg(outcome.reason);
                break;
            case R::Failed:
                error = outcome.last.error.isEmpty() ? tr("The AI call failed") : outcome.last.error;
                break;
            }
            if (!error.isEmpty())
                setStatus(error, true);
            Q_EMIT generated(error);
        });
}

void CampaignContentDialog::showVariants()
{
    // Clear the previous cards (everything before the final stretch).
    while (m_resultsLayout->count() > 1) {
        auto *item = m_resultsLayout->takeAt(0);
        delete item->widget();
        delete item;
    }
    m_useButtons.clear();
    const bool sms = currentChannel() == channelName(Channel::Sms);
    int index = 0;
    for (const auto &variant : std::as_const(m_variants)) {
        auto *card = new QFrame(m_results);
        card->setObjectName(QStringLiteral("contentVariant%1").arg(index));
        card->setFrameShape(QFrame::StyledPanel);
        card->setAutoFillBackground(true);
        card->setBackgroundRole(QPalette::Base);
        auto *cardLayout = new QVBoxLayout(card);
        auto *title = new QLabel(tr("Variant %1").arg(index + 1), card);
        auto font = title->font();
        font.setBold(true);
        title->setFont(font);
        cardLayout->addWidget(title);
        if (!variant.subject.isEmpty()) {
            auto *subject = new QLabel(tr("Subject: %1").arg(variant.subject), card);
            subject->setWordWrap(true);
            subject->setTextInteractionFlags(Qt::TextSelectableByMouse);
            cardLayout->addWidget(subject);
        }
        auto *body = new QLabel(variant.body, card);
        body->setObjectName(QStringLiteral("contentVariantBody"));
        body->setWordWrap(true);
        body->setTextFormat(Qt::PlainText);
        body->setTextInteractionFlags(Qt::TextSelectableByMouse);
        cardLayout->addWidget(body);
        auto *footer = new QHBoxLayout;
        if (sms) {
            auto *length = new QLabel(
                tr("%1 of %2 characters").arg(variant.body.size()).arg(AiCampaignContent::smsMaxLength),
                card);
            length->setForegroundRole(QPalette::PlaceholderText);
            footer->addWidget(length);
        }
        footer->addStretch(1);
        auto *use = new QPushButton(tr("Use this"), card);
        use->setObjectName(QStringLiteral("contentUse%1").arg(index));
        connect(use, &QPushButton::clicked, this, [this, variant] {
            Q_EMIT chosen(variant.subject, variant.body);
            accept();
        });
        footer->addWidget(use);
        cardLayout->addLayout(footer);
        m_resultsLayout->insertWidget(index, card);
        m_useButtons.append(use);
        ++index;
    }
}

} // namespace sb
