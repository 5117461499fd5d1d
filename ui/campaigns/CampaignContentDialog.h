#pragma once

#include "channels/AiCampaignContent.h"

#include <QDialog>
#include <QList>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QVBoxLayout;

namespace sb {

class Runtime;

// "Write with AI": a brief, the channel, how many variants and a tone; Generate asks the configured AI
// (AiCampaignContent, as POST /api/campaigns/content does) and lists the variants, each with "Use
// this", which emits chosen(subject, body) and closes the dialog. Without AI configured, Generate is
// hidden behind a one-line hint; provider errors and unusable answers are shown in the dialog.
class CampaignContentDialog : public QDialog
{
    Q_OBJECT
public:
    explicit CampaignContentDialog(Runtime &runtime, QWidget *parent = nullptr);

    // Preset from the campaign editor ("sms" or "email").
    void setChannel(const QString &channel);
    void setBrief(const QString &brief);

    // For tests and the editor.
    bool aiConfigured() const { return m_aiConfigured; }
    QPushButton *generateButton() const { return m_generate; }
    QLabel *hintLabel() const { return m_hint; }
    QString statusText() const;
    QList<AiCampaignContent::Variant> variants() const { return m_variants; }
    QList<QPushButton *> useButtons() const { return m_useButtons; }
    void setVariantCount(int count);
    void setTone(const QString &tone);

public Q_SLOTS:
    void generate();

Q_SIGNALS:
    void chosen(const QString &subject, const QString &body);
    void aiChecked();
    // A generation ended: `error` empty when variants are shown.
    void generated(const QString &error);

private:
    void checkAi();
    void showVariants();
    void setStatus(const QString &text, bool error);
    QString currentChannel() const;

    Runtime &m_runtime;
    bool m_aiConfigured = false;
    bool m_busy = false;
    QPlainTextEdit *m_brief;
    QComboBox *m_channel;
    QSpinBox *m_count;
    QLineEdit *m_tone;
    QPushButton *m_generate;
    QLabel *m_hint;
    QLabel *m_status;
    QWidget *m_results;
    QVBoxLayout *m_resultsLayout;
    QList<AiCampaignContent::Variant> m_variants;
    QList<QPushButton *> m_useButtons;
};

} // namespace sb
