#pragma once

#include "domain/ExternalService.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QTreeWidget;

namespace sb {

class Runtime;

// Settings → Channels: the registered external services (name, type, provider, active) and a form
// per provider built from its config keys (ServiceConfigSchema), validated as you type with the
// schema's messages. Secrets show masked ("••••3f9a") with a reveal toggle for what is typed; a
// masked secret left as it is keeps the stored value on save. Delete, and Test send (recipient +
// text) through the same code as the service test endpoint, showing the provider's answer.
class ChannelsPage : public QWidget
{
    Q_OBJECT
public:
    explicit ChannelsPage(Runtime &runtime, QWidget *parent = nullptr);

    void reload();
    // Starts a new service form for `provider`.
    void newService(ServiceProvider provider = ServiceProvider::Twilio);
    // Shows a listed service in the form.
    void editService(qint64 id);
    void save();
    void removeCurrent();
    void testSend();

    // The form's current problems (empty when it can be saved).
    QStringList problems() const;
    // For tests and screenshots.
    const QList<ExternalService> &services() const { return m_services; }
    QTreeWidget *list() const { return m_list; }
    QLineEdit *nameEdit() const { return m_name; }
    QComboBox *providerBox() const { return m_provider; }
    QLineEdit *configEdit(const QString &key) const { return m_fields.value(key); }
    QPushButton *saveButton() const { return m_save; }
    QPushButton *testButton() const { return m_test; }
    QLineEdit *testRecipient() const { return m_testTo; }
    QLineEdit *testText() const { return m_testText; }
    QLabel *problemsLabel() const { return m_problems; }
    QLabel *testAnswerLabel() const { return m_testAnswer; }
    qint64 currentId() const { return m_currentId; }

Q_SIGNALS:
    void reloaded();
    void saved(qint64 id);
    void saveFailed(const QString &error);
    void testAnswered(const QJsonObject &answer);

private:
    void buildConfigForm(ServiceProvider provider, const QJsonObject &maskedConfig);
    ServiceProvider currentProvider() const;
    QJsonObject configFromForm() const;
    void validate();
    void setAnswer(const QString &text, bool error);

    Runtime &m_runtime;
    QList<ExternalService> m_services; // configs masked
    qint64 m_currentId = 0;
    QJsonObject m_shownMasked; // the masked config of the service in the form
    QTreeWidget *m_list;
    QPushButton *m_add;
    QPushButton *m_delete;
    QLabel *m_formTitle;
    QLineEdit *m_name;
    QComboBox *m_provider;
    QCheckBox *m_active;
    QLineEdit *m_description;
    QWidget *m_configBox;
    QFormLayout *m_configForm;
    QHash<QString, QLineEdit *> m_fields;
    QLabel *m_problems;
    QPushButton *m_save;
    QLineEdit *m_testTo;
    QLineEdit *m_testText;
    QPushButton *m_test;
    QLabel *m_testAnswer;
};

} // namespace sb
