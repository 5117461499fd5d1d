#include "ReplyComposer.h"

#include "ConversationListModel.h"
#include "channels/AiDrafting.h"
#include "channels/EnvironmentServices.h"
#include "channels/SendCommands.h"
#include "channels/ServiceResolver.h"
#include "common/WorkerQuery.h"
#include "domain/SmsSegments.h"
#include "runtime/Runtime.h"
#include "storage/ExternalServiceRepository.h"
#include "storage/LeadDirectory.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QTextCursor>
#include <QVBoxLayout>

namespace sb {

namespace {

const QString errorColor = QStringLiteral("#d93f3f");

ComposerContext readContext(SqlContext &sql, qint64 leadId, const QProcessEnvironment &environment)
{
    ComposerContext context;
    context.leadId = leadId;
    if (const auto lead = LeadDirectory::lead(sql, leadId)) {
        context.leadFound = true;
        context.doNotContact = lead->doNotContact;
        context.doNotContactReason = lead->doNotContactReason;
        context.phone = leadAddressFor(*lead, Channel::Sms);
        context.email = leadAddressFor(*lead, Channel::Email);
    }
    ExternalServiceFilter filter;
    filter.limit = 1000;
    filter.activeOnly = true;
    for (const auto &service : ExternalServiceRepository::list(sql, filter)) {
        if (service.type != ServiceType::Sms && service.type != ServiceType::Email
            && service.type != ServiceType::Chat)
            continue;
        context.services.append(
            ComposerService {service.id, service.name, service.type, service.provider, false});
    }
    // The environment fallbacks the resolver uses when nothing is registered for the type.
    for (const auto provider : {ServiceProvider::Twilio, ServiceProvider::Mailgun}) {
        const auto type = serviceTypeOf(provider);
        const bool registered = std::any_of(context.services.begin(), context.services.end(),
            [type](const ComposerService &s) { return s.type == type; });
        if (registered || !type)
            continue;
        if (const auto service = environmentService(provider, environment))
            context.services.append(ComposerService {0, service->name, *type, provider, true});
    }
    return context;
}

} // namespace

ReplyComposer::ReplyComposer(Runtime &runtime, QWidget *parent)
    : QWidget(parent)
    , m_runtime(runtime)
{
    setObjectName(QStringLiteral("replyComposer"));
    m_noticeBar = new QWidget(this);
    m_notice = new QLabel(m_noticeBar);
    m_notice->setObjectName(QStringLiteral("composerNotice"));
    m_notice->setWordWrap(true);
    m_notice->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_configure = new QPushButton(tr("Settings → Channels…"), m_noticeBar);
    m_configure->setObjectName(QStringLiteral("composerConfigure"));
    auto *noticeLayout = new QHBoxLayout(m_noticeBar);
    noticeLayout->setContentsMargins(0, 0, 0, 0);
    noticeLayout->addWidget(m_notice, 1);
    noticeLayout->addWidget(m_configure, 0, Qt::AlignTop);
    connect(m_configure, &QPushButton::clicked, this, &ReplyComposer::openChannelSettings);

    m_editor = new QWidget(this);
    m_channel = new QComboBox(m_editor);
    m_channel->setObjectName(QStringLiteral("composerChannel"));
    m_channel->addItem(ConversationListModel::channelLabel(Channel::Sms), channelName(Channel::Sms));
    m_channel->addItem(ConversationListModel::channelLabel(Channel::Email), channelName(Channel::Email));
    m_channel->addItem(tr("Team chat"), channelName(Channel::Chat));
    m_channel->setItemData(2,
        tr("Post to the team's Slack, Microsoft Teams or Discord channel about this lead (not sent to the "
           "lead)"),
        Qt::ToolTipRole);
    m_channel->setToolTip(tr("Channel to reply on"));
    m_service = new QComboBox(m_editor);
    m_service->setObjectName(QStringLiteral("composerService"));
    m_service->setToolTip(tr("Service that sends the message"));
    m_service->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_subject = new QLineEdit(m_editor);
    m_subject->setObjectName(QStringLiteral("composerSubject"));
    m_subject->setPlaceholderText(tr("Subject"));
    m_text = new QPlainTextEdit(m_editor);
    m_text->setObjectName(QStringLiteral("composerText"));
    m_text->setPlaceholderText(tr("Write a reply…  (Ctrl+Enter sends)"));
    m_text->setTabChangesFocus(true);
    m_text->setFixedHeight(m_text->fontMetrics().lineSpacing() * 4 + 16);
    m_counter = new QLabel(m_editor);
    m_counter->setObjectName(QStringLiteral("composerCounter"));
    m_counter->setForegroundRole(QPalette::PlaceholderText);
    m_receipts = new QLabel(m_editor);
    m_receipts->setObjectName(QStringLiteral("composerReceipts"));
    m_receipts->setForegroundRole(QPalette::PlaceholderText);
    m_status = new QLabel(m_editor);
    m_status->setObjectName(QStringLiteral("composerStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_send = new QPushButton(tr("Send"), m_editor);
    m_send->setObjectName(QStringLiteral("composerSend"));
    m_send->setDefault(false);
    m_send->setToolTip(tr("Send (Ctrl+Enter)"));

    m_draft = new QPushButton(tr("Draft reply"), m_editor);
    m_draft->setObjectName(QStringLiteral("composerDraft"));
    m_draft->setToolTip(tr("Draft the next reply with AI from this thread (nothing is sent)"));
    m_draft->setVisible(false);
    m_aiHint = new QLabel(tr("Configure AI in Settings → AI to draft replies"), m_editor);
    m_aiHint->setObjectName(QStringLiteral("composerAiHint"));
    m_aiHint->setEnabled(false);

    auto *pickers = new QHBoxLayout;
    pickers->addWidget(m_channel);
    pickers->addWidget(m_service);
    pickers->addWidget(m_subject, 1);
    pickers->addStretch(0);
    pickers->addWidget(m_aiHint);
    pickers->addWidget(m_draft);
    auto *footer = new QHBoxLayout;
    footer->addWidget(m_counter);
    footer->addSpacing(16);
    footer->addWidget(m_receipts, 1);
    footer->addWidget(m_status, 1);
    footer->addWidget(m_send);
    auto *editorLayout = new QVBoxLayout(m_editor);
    editorLayout->setContentsMargins(0, 0, 0, 0);
    editorLayout->setSpacing(4);
    editorLayout->addLayout(pickers);
    editorLayout->addWidget(m_text);
    editorLayout->addLayout(footer);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 6, 0, 0);
    layout->setSpacing(6);
    layout->addWidget(m_noticeBar);
    layout->addWidget(m_editor);

    for (const auto &keys :
        {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)}) {
        auto *shortcut = new QShortcut(keys, this);
        shortcut->setContext(Qt::WidgetWithChildrenShortcut);
        connect(shortcut, &QShortcut::activated, this, &ReplyComposer::send);
    }
    connect(m_send, &QPushButton::clicked, this, &ReplyComposer::send);
    connect(m_draft, &QPushButton::clicked, this, &ReplyComposer::draftReply);
    connect(m_text, &QPlainTextEdit::textChanged, this, &ReplyComposer::updateState);
    connect(m_channel, &QComboBox::currentIndexChanged, this, [this] {
        fillServices();
        updateState();
    });
    connect(m_service, &QComboBox::currentIndexChanged, this, &ReplyComposer::updateState);
    clear();
}

QString ReplyComposer::segmentText(const QString &text)
{
    const auto segments = SmsSegments::of(text);
    const auto encoding
        = segments.encoding == SmsEncoding::Gsm7 ? QStringLiteral("GSM-7") : tr("Unicode (UCS-2)");
    const auto count = segments.segments == 1 ? tr("1 segment") : tr("%1 segments").arg(segments.segments);
    return count + QStringLiteral(" · ") + tr("%1 left").arg(segments.remaining) + QStringLiteral(" · ")
        + encoding;
}

void ReplyComposer::clear()
{
    ++m_request;
    m_thread = {};
    m_context = {};
    m_contextReady = false;
    m_text->clear();
    m_subject->clear();
    m_status->clear();
    setVisible(false);
}

void ReplyComposer::setThread(const ConversationRow &thread)
{
    const bool sameThread = thread.id == m_thread.id;
    m_thread = thread;
    if (!sameThread) {
        m_text->clear();
        m_subject->clear();
        m_status->clear();
        const auto channel = thread.channel == Channel::Email || thread.channel == Channel::Chat
            ? thread.channel
            : Channel::Sms;
        const QSignalBlocker block(m_channel);
        m_channel->setCurrentIndex(m_channel->findData(channelName(channel)));
        m_contextReady = false;
    }
    setVisible(true);
    reloadContext();
    checkAi();
}

void ReplyComposer::checkAi()
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
        m_draft->setVisible(m_aiConfigured);
        m_aiHint->setVisible(!m_aiConfigured);
        Q_EMIT aiChecked();
    };
    m_runtime.reader().submit(std::move(job));
}

void ReplyComposer::draftReply()
{
    if (m_drafting || m_thread.id <= 0 || !m_aiConfigured)
        return;
    m_drafting = true;
    m_draft->setEnabled(false);
    m_text->clear();
    setStatus(tr("Drafting…"), false);
    // Only for this thread: another thread selected meanwhile drops the rest of the draft.
    const auto threadId = m_thread.id;
    AiDrafting::draft(
        m_runtime.reader(), m_runtime.writer(), m_runtime.options().environment, m_thread.id, true, this,
        [this, threadId](const QString &piece) {
            if (threadId != m_thread.id)
                return;
            m_text->moveCursor(QTextCursor::End);
            m_text->insertPlainText(piece);
        },
        [this](AiDrafting::Result result, const AiOutcome &outcome) {
            m_drafting = false;
            m_draft->setEnabled(true);
            QString error;
            if (result == AiDrafting::Result::NotConfigured) {
                error = tr("Configure AI in Settings → AI to draft replies");
                m_aiConfigured = false;
                m_draft->setVisible(false);
                m_aiHint->setVisible(true);
            } else if (result != AiDrafting::Result::Drafted) {
                error = outcome.error.isEmpty() ? tr("The draft failed") : outcome.error;
            }
            if (error.isEmpty())
                setStatus(tr("AI draft (%1)").arg(outcome.model), false);
            else
                setStatus(error, true);
            Q_EMIT draftFinished(error);
        });
}

void ReplyComposer::reloadContext()
{
    if (m_thread.id <= 0)
        return;
    const int request = ++m_request;
    const qint64 leadId = m_thread.leadId;
    const auto environment = m_runtime.options().environment;
    runOnWorker(
        m_runtime.reader(), this,
        [leadId, environment](SqlContext &sql) { return readContext(sql, leadId, environment); },
        [this, request](ComposerContext context, const QString &error) {
            if (request != m_request)
                return;
            m_context = std::move(context);
            m_contextReady = error.isEmpty();
            if (!error.isEmpty())
                setStatus(tr("Could not read the lead and services: %1").arg(error), true);
            fillServices();
            updateState();
            Q_EMIT contextLoaded();
        });
}

void ReplyComposer::fillServices()
{
    const auto type = serviceTypeForChannel(currentChannel());
    const auto previous = m_service->currentData();
    const QSignalBlocker block(m_service);
    m_service->clear();
    for (const auto &service : std::as_const(m_context.services)) {
        if (!type || service.type != *type)
            continue;
        const auto label = service.fromEnvironment
            ? tr("%1 (environment)").arg(serviceProviderTitle(service.provider))
            : tr("%1 · %2").arg(service.name, serviceProviderTitle(service.provider));
        m_service->addItem(label, service.id);
    }
    const int keep = m_service->findData(previous);
    if (keep >= 0)
        m_service->setCurrentIndex(keep);
}

Channel ReplyComposer::currentChannel() const
{
    return channelFromName(m_channel->currentData().toString()).value_or(Channel::Sms);
}

std::optional<qint64> ReplyComposer::currentServiceId() const
{
    if (m_service->currentIndex() < 0)
        return std::nullopt;
    const qint64 id = m_service->currentData().toLongLong();
    return id > 0 ? std::optional<qint64>(id) : std::nullopt;
}

QString ReplyComposer::notice() const
{
    return m_noticeBar->isHidden() ? QString() : m_notice->text();
}

QString ReplyComposer::statusText() const
{
    return m_status->text();
}

bool ReplyComposer::canSend() const
{
    return m_send->isEnabled() && !m_editor->isHidden();
}

void ReplyComposer::updateState()
{
    const auto channel = currentChannel();
    m_subject->setVisible(channel == Channel::Email);
    m_counter->setVisible(channel == Channel::Sms);
    if (channel == Channel::Sms)
        m_counter->setText(segmentText(m_text->toPlainText()));
    const bool noPublicUrl = m_runtime.options().publicUrl.isEmpty();
    m_receipts->setVisible(noPublicUrl && channel != Channel::Chat);
    m_receipts->setText(tr("No public URL: delivery receipts will not arrive."));
    m_receipts->setToolTip(tr("Set a public URL under Settings → Server and tunnel so providers can report "
                              "delivery."));

    QString notice;
    bool showConfigure = false;
    bool blocked = false; // no send controls at all
    bool sendable = m_contextReady && !m_sending;
    if (m_contextReady && m_context.doNotContact) {
        notice = m_context.doNotContactReason.isEmpty()
            ? tr("This lead is marked do not contact. Nothing can be sent to them.")
            : tr("This lead is marked do not contact (%1). Nothing can be sent to them.")
                  .arg(m_context.doNotContactReason);
        blocked = true;
        sendable = false;
    } else if (m_contextReady) {
        const bool anyService = !m_context.services.isEmpty();
        if (!anyService) {
            notice = tr("No SMS or email service is configured. Add a Twilio, Vonage or Amazon SNS service "
                        "for SMS, or SendGrid, Mailgun or Amazon SES for email, under Settings → Channels.");
            showConfigure = true;
            sendable = false;
        } else if (m_service->count() == 0) {
            notice = channel == Channel::Email
                ? tr("No email service is configured. Add SendGrid, Mailgun or Amazon SES under Settings → "
                     "Channels.")
                : channel == Channel::Chat
                ? tr("No team chat service is configured. Add Slack, Microsoft Teams or Discord under "
                     "Settings → Channels.")
                : tr("No SMS service is configured. Add Twilio, Vonage or Amazon SNS under Settings → "
                     "Channels.");
            showConfigure = true;
            sendable = false;
        } else if (channel == Channel::Chat) {
            notice = tr("Posts to the team's channel about this lead; the lead does not receive it.");
        } else if ((channel == Channel::Email ? m_context.email : m_context.phone).isEmpty()) {
            notice = channel == Channel::Email ? tr("This lead has no email address.")
                                               : tr("This lead has no phone number.");
            sendable = false;
        }
    }
    if (m_text->toPlainText().trimmed().isEmpty())
        sendable = false;
    m_notice->setText(notice);
    m_notice->setStyleSheet(
        blocked ? QStringLiteral("color: %1; font-weight: bold").arg(errorColor) : QString());
    m_noticeBar->setVisible(!notice.isEmpty());
    m_configure->setVisible(showConfigure);
    m_service->setVisible(m_service->count() > 0);
    m_editor->setVisible(!blocked);
    m_send->setEnabled(sendable);
}

void ReplyComposer::setStatus(const QString &text, bool error)
{
    m_status->setText(text);
    m_status->setStyleSheet(error ? QStringLiteral("color: %1").arg(errorColor) : QString());
}

void ReplyComposer::send()
{
    if (!m_send->isEnabled() || m_editor->isHidden())
        return;
    queue(currentChannel(), currentChannel() == Channel::Email ? m_subject->text().trimmed() : QString(),
        m_text->toPlainText(), currentServiceId(), true);
}

void ReplyComposer::retry(const ThreadEntry &entry)
{
    if (m_thread.id <= 0 || !m_contextReady || m_context.doNotContact || m_sending)
        return;
    const auto channel = m_thread.channel == Channel::Email || m_thread.channel == Channel::Chat
        ? m_thread.channel
        : Channel::Sms;
    const auto serviceId = currentChannel() == channel ? currentServiceId() : std::nullopt;
    queue(channel, entry.subject, entry.body, serviceId, false);
}

void ReplyComposer::queue(Channel channel, const QString &subject, const QString &body,
    std::optional<qint64> serviceId, bool clearAfter)
{
    SendRequest request;
    request.conversationId = m_thread.id;
    request.channel = channel;
    request.channelGiven = true;
    request.subject = subject;
    request.body = body;
    request.serviceId = serviceId;
    const auto &options = m_runtime.options();
    SendSettings settings {
        [url = options.publicUrl] { return url; }, options.phoneRegion, options.environment};
    m_sending = true;
    setStatus(tr("Queuing…"), false);
    updateState();
    auto result = std::make_shared<SendResult>(ApiError {});
    SqlJob job;
    job.replyContext = this;
    job.run = [request, settings, result](SqlContext &sql) -> ApiResult {
        *result = queueSend(sql, request, settings);
        if (const auto *error = std::get_if<ApiError>(result.get()))
            return *error;
        return ApiResponse {};
    };
    const qint64 threadId = m_thread.id;
    job.done = [this, result, clearAfter, threadId](const ApiResult &outcome) {
        m_sending = false;
        const auto *error = std::get_if<ApiError>(&outcome);
        if (error) {
            setStatus(error->message, true);
            updateState();
            Q_EMIT refused(error->message);
            return;
        }
        const auto &queuedSend = std::get<SendQueued>(*result);
        if (clearAfter && threadId == m_thread.id) {
            m_text->clear();
            m_subject->clear();
        }
        setStatus(tr("Queued."), false);
        updateState();
        Q_EMIT queued(queuedSend.messageId);
    };
    m_runtime.writer().submit(std::move(job));
}

} // namespace sb
