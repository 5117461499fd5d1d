#pragma once

#include "CampaignQueries.h"

#include <QDialog>
#include <QHash>
#include <QJsonObject>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QRadioButton;
class QSpinBox;
class QTimer;
class QToolButton;

namespace sb {

class Runtime;

// Creates a campaign or edits a draft / scheduled one: name, channel and service, subject (email)
// and body with insertable placeholders, audience filters, throttle and schedule. While editing it
// shows how many leads the audience selects (debounced, counted on the reader with the runner's
// SQL) and previews the template for a lead of the audience exactly as the runner renders it.
// Saving goes through the campaign API's own handlers (CampaignCommands): its validation, its
// messages.
class CampaignEditorDialog : public QDialog
{
    Q_OBJECT
public:
    // `campaign`: the API's JSON of the campaign to edit; empty for a new one.
    CampaignEditorDialog(Runtime &runtime, const QJsonObject &campaign, QWidget *parent = nullptr);

    // The campaign's fields as they would be saved (the API's input JSON).
    QJsonObject fields() const;
    QJsonObject audience() const;
    qint64 campaignId() const { return m_id; }
    CampaignAudienceCount audienceCount() const { return m_count; }
    bool counting() const { return m_counting; }
    QString previewSubject() const;
    QString previewBody() const;
    QString templateError() const;
    QString saveError() const;
    // Picks the preview's lead (when it is in the audience's sample).
    bool choosePreviewLead(qint64 leadId);

public Q_SLOTS:
    void save();

Q_SIGNALS:
    void audienceCounted();
    void previewUpdated();
    void saved(qint64 id);
    void saveFailed(const QString &message);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void openWriteWithAi();
    QWidget *buildForm();
    QWidget *buildAudience();
    QWidget *buildPreview();
    QToolButton *multiSelect(const QString &objectName, const QList<std::pair<QString, QString>> &choices);
    static QStringList checked(const QToolButton *button);
    void updateMultiSelectText(QToolButton *button);
    void load(const QJsonObject &campaign);
    void loadServices();
    void fillServices();
    void channelChanged();
    void templateChanged();
    void scheduleCount();
    void count();
    void loadPreviewValues();
    void renderPreview();
    void insertPlaceholder(const QString &name);

    Runtime &m_runtime;
    qint64 m_id = 0;
    qint64 m_wantedService = 0;
    bool m_servicesLoaded = false;
    QList<CampaignService> m_services;
    QHash<QString, QString> m_values;
    CampaignAudienceCount m_count;
    bool m_counting = false;
    int m_generation = 0;
    int m_previewGeneration = 0;
    qint64 m_wantedLead = 0;

    QLineEdit *m_name;
    QComboBox *m_channel;
    QComboBox *m_service;
    QLabel *m_subjectLabel;
    QLineEdit *m_subject;
    QPlainTextEdit *m_body;
    QWidget *m_lastTemplateField = nullptr;
    QLabel *m_templateError;
    QToolButton *m_status;
    QToolButton *m_source;
    QToolButton *m_priority;
    QCheckBox *m_afterOn;
    QDateEdit *m_after;
    QCheckBox *m_beforeOn;
    QDateEdit *m_before;
    QComboBox *m_hasPhone;
    QComboBox *m_hasEmail;
    QLabel *m_audienceCount;
    QSpinBox *m_throttle;
    QRadioButton *m_now;
    QRadioButton *m_at;
    QDateTimeEdit *m_when;
    QComboBox *m_previewLead;
    QLabel *m_previewSubject;
    QPlainTextEdit *m_previewBody;
    QLabel *m_error;
    QPushButton *m_save;
    QTimer *m_debounce;
};

} // namespace sb
