#pragma once

#include "domain/WebhookConfig.h"

#include <QDialog>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTabWidget;

namespace sb {

class EventTypePicker;
class HeadersEditor;
class RetryEditor;
class Runtime;

// Creates or edits one webhook configuration. The form becomes the same JSON body the HTTP API
// takes and is checked by the same applyConfigJson as it is typed; Save stores it through the
// writer (WebhookConfigCommands) and closes only once it is committed.
class WebhookConfigDialog : public QDialog
{
    Q_OBJECT
public:
    // `existing` has id 0 for a new configuration.
    WebhookConfigDialog(Runtime &runtime, const WebhookConfig &existing, QWidget *parent = nullptr);

    QJsonObject body() const;
    // Empty when the form is valid; otherwise what to fix (applyConfigJson's message).
    QString validationError() const;
    // The configuration as stored, after Save succeeded.
    const WebhookConfig &saved() const { return m_saved; }
    void save();

    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *urlEdit() const { return m_url; }
    QLineEdit *secretEdit() const { return m_secret; }
    EventTypePicker *events() const { return m_events; }
    HeadersEditor *headers() const { return m_headers; }
    RetryEditor *retry() const { return m_retry; }

Q_SIGNALS:
    void configSaved(const sb::WebhookConfig &config);

private:
    QWidget *buildGeneralTab();
    QWidget *buildEventsTab();
    QWidget *buildSigningTab();
    void validate();

    Runtime &m_runtime;
    WebhookConfig m_existing;
    WebhookConfig m_saved;
    QTabWidget *m_tabs;
    QLineEdit *m_name;
    QLineEdit *m_url;
    QLabel *m_urlHint;
    QLineEdit *m_description;
    QCheckBox *m_enabled;
    QSpinBox *m_timeout;
    QSpinBox *m_disableAfter;
    EventTypePicker *m_events;
    QLineEdit *m_campaigns;
    QLineEdit *m_outcomes;
    QLineEdit *m_secret;
    HeadersEditor *m_headers;
    RetryEditor *m_retry;
    QLabel *m_error;
    QDialogButtonBox *m_buttons;
    bool m_saving = false;
};

} // namespace sb
