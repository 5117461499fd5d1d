#pragma once

#include "inbound/SampleCallbacks.h"

#include <QDialog>
#include <QElapsedTimer>
#include <QPointer>

class QComboBox;
class QLabel;
class QLineEdit;
class QNetworkAccessManager;
class QNetworkReply;
class QPlainTextEdit;
class QPushButton;

namespace sb {

class Runtime;
struct InboundSummary;

// "Send test webhook" (issue 5 item 10): signs a sample Twilio SMS, Mailgun email or ElevenLabs
// post-call with the secret configured here and posts it to this console's own server, then shows
// the answer and how the request was recorded, with jumps to the request and the conversation.
class SendTestWebhookDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SendTestWebhookDialog(Runtime &runtime, QWidget *parent = nullptr);

    // The address the sample is posted to: the listen address, a wildcard one made loopback.
    static QString targetBase(const QString &listenUrl);

    QString recordId() const { return m_recordId; }

protected:
    // Secrets or the public URL may have changed in Settings meanwhile.
    void changeEvent(QEvent *event) override;

Q_SIGNALS:
    void openInboundRequest(const QString &id);
    void openConversations();
    // The answer arrived (tests wait for this).
    void finished();

private:
    SampleCallback::Kind kind() const;
    void updateForm();
    void useTestSecret();
    void send();
    void onReply(QNetworkReply *reply);
    void onInboundRecorded(const QList<sb::InboundSummary> &requests);
    void showRecord();

    Runtime &m_runtime;
    QNetworkAccessManager *m_network;
    QComboBox *m_kind;
    QLineEdit *m_from;
    QLabel *m_fromLabel;
    QLineEdit *m_subject;
    QLabel *m_subjectLabel;
    QPlainTextEdit *m_text;
    QLabel *m_signing;
    QLabel *m_target;
    QLabel *m_result;
    QLabel *m_recorded;
    QPlainTextEdit *m_response;
    QPushButton *m_send;
    QPushButton *m_testSecret;
    QPushButton *m_showRequest;
    QPushButton *m_showConversation;
    QPointer<QNetworkReply> m_reply;
    QElapsedTimer m_elapsed;
    QString m_sentPath;
    qint64 m_sentAtMs = 0;
    QString m_recordId;
    QString m_recordedStatus;
    QString m_recordedVerification;
};

} // namespace sb
