#pragma once

#include "domain/ExternalService.h"
#include "storage/ConversationRepository.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QWidget;

namespace sb {

class Runtime;

// A service the composer can send through: a registered active one, or the environment fallback
// (id 0) when no registered service serves the channel.
struct ComposerService
{
    qint64 id = 0;
    QString name;
    ServiceType type = ServiceType::Sms;
    ServiceProvider provider = ServiceProvider::Twilio;
    bool fromEnvironment = false;
};

// What the composer knows of a thread's lead and the services, read on the reader thread.
struct ComposerContext
{
    qint64 leadId = 0;
    bool leadFound = false;
    bool doNotContact = false;
    QString doNotContactReason;
    QString phone;
    QString email;
    QList<ComposerService> services;
};

// The reply box under a thread: channel (SMS or email; the thread's by default) and service
// pickers, a subject for email, the SMS segment counter, Send (Ctrl+Enter). A send is queued through
// the same command as the send APIs (channels/SendCommands) on the writer; the message then shows
// in the thread as queued and its ticks follow the outbox and the provider's status callbacks.
// "Team chat" posts to a Slack, Teams or Discord service about the lead (not to the lead).
// A do-not-contact lead gets the reason and no send; no configured service gets what to configure
// and a button to Settings → Channels; without a public URL, a note that receipts will not arrive.
class ReplyComposer : public QWidget
{
    Q_OBJECT
public:
    explicit ReplyComposer(Runtime &runtime, QWidget *parent = nullptr);

    void setThread(const ConversationRow &thread);
    void clear();
    // Queues a new send of a failed message's text in this thread.
    void retry(const ThreadEntry &entry);
    // Queues what is typed (the Send button, Ctrl+Enter).
    void send();
    // Reads the thread's lead and the configured services again.
    void reloadContext();

    // "1 segment · 94 left · GSM-7"; "2 segments · 12 left · Unicode (UCS-2)".
    static QString segmentText(const QString &text);

    // For tests and screenshots.
    const ComposerContext &context() const { return m_context; }
    bool canSend() const;
    QString notice() const;
    QString statusText() const;
    QComboBox *channelBox() const { return m_channel; }
    QComboBox *serviceBox() const { return m_service; }
    QLineEdit *subjectEdit() const { return m_subject; }
    QPlainTextEdit *textEdit() const { return m_text; }
    QPushButton *sendButton() const { return m_send; }
    // "Draft reply": streams an AI draft of the next reply into the text box (never sends it);
    // hidden behind aiHint() when no AI is configured (Settings → AI).
    QPushButton *draftButton() const { return m_draft; }
    QLabel *aiHintLabel() const { return m_aiHint; }
    bool aiConfigured() const { return m_aiConfigured; }
    void draftReply();
    QLabel *counterLabel() const { return m_counter; }

Q_SIGNALS:
    void contextLoaded();
    // A send was queued (messageId) or refused (error); for tests and the thread.
    void queued(qint64 messageId);
    void refused(const QString &error);
    void openChannelSettings();
    // The AI settings were read (aiConfigured()), or a draft finished (error empty on success).
    void aiChecked();
    void draftFinished(const QString &error);

private:
    void fillServices();
    void updateState();
    Channel currentChannel() const;
    std::optional<qint64> currentServiceId() const;
    void queue(Channel channel, const QString &subject, const QString &body, std::optional<qint64> serviceId,
        bool clearAfter);
    void setStatus(const QString &text, bool error);

    Runtime &m_runtime;
    ConversationRow m_thread;
    ComposerContext m_context;
    bool m_contextReady = false;
    bool m_sending = false;
    int m_request = 0;
    QLabel *m_notice;
    QPushButton *m_configure;
    QWidget *m_noticeBar;
    QWidget *m_editor;
    QComboBox *m_channel;
    QComboBox *m_service;
    QLineEdit *m_subject;
    QPlainTextEdit *m_text;
    QLabel *m_counter;
    QLabel *m_receipts;
    QLabel *m_status;
    QPushButton *m_send;
    QPushButton *m_draft;
    QLabel *m_aiHint;
    bool m_aiConfigured = false;
    bool m_drafting = false;
    void checkAi();
};

} // namespace sb
