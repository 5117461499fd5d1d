#pragma once

#include "channels/AiSettings.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace sb {

class Runtime;

// Settings → AI: the OpenAI-compatible endpoint (a preset for OpenAI or OpenRouter, or any base
// URL), the model, the API key (sealed when saved; shown masked, an empty field keeps the stored
// one) and the calls allowed per minute. Test makes one tiny request with what the form holds and
// shows the answer or the provider's error.
class AiSettingsPage : public QWidget
{
    Q_OBJECT
public:
    explicit AiSettingsPage(Runtime &runtime, QWidget *parent = nullptr);

    QComboBox *presetBox() const { return m_preset; }
    QLineEdit *baseUrlEdit() const { return m_baseUrl; }
    QLineEdit *modelEdit() const { return m_model; }
    QLineEdit *transcriptionModelEdit() const { return m_transcriptionModel; }
    QLineEdit *keyEdit() const { return m_key; }
    QSpinBox *rateBox() const { return m_rate; }
    QPushButton *saveButton() const { return m_save; }
    QPushButton *testButton() const { return m_test; }
    QLabel *resultLabel() const { return m_result; }
    QLabel *keyStateLabel() const { return m_keyState; }
    const AiSettings &current() const { return m_current; }

public Q_SLOTS:
    void reload();
    void save();
    void test();

Q_SIGNALS:
    void loaded();
    void saved(const QString &error);
    void tested(bool ok, const QString &text);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void applyPreset(int index);
    AiSettings formSettings() const;
    void showResult(const QString &text, bool error);

    Runtime &m_runtime;
    AiSettings m_current;
    QComboBox *m_preset;
    QLineEdit *m_baseUrl;
    QLineEdit *m_model;
    QLineEdit *m_transcriptionModel;
    QLineEdit *m_key;
    QLabel *m_keyState;
    QSpinBox *m_rate;
    QPushButton *m_save;
    QPushButton *m_test;
    QLabel *m_result;
    bool m_testing = false;
    bool m_loadedOnce = false;
};

} // namespace sb
