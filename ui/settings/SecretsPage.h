#pragma once

#include <QHash>
#include <QSet>
#include <QWidget>

class QLabel;
class QLineEdit;

namespace sb {

class Runtime;

// Provider secrets (TWILIO_AUTH_TOKEN, ...): masked, revealable, saved encrypted to the settings
// table (secret/<NAME>, loaded at start) and put into the running SecretStore at once. Says where
// the key of stored secrets lives (OS keychain or key file).
class SecretsPage : public QWidget
{
    Q_OBJECT
public:
    explicit SecretsPage(Runtime &runtime, QWidget *parent = nullptr);

    QLineEdit *editFor(const QString &name) const { return m_edits.value(name); }

public Q_SLOTS:
    void save(const QString &name);

Q_SIGNALS:
    void saved(const QString &name);

private:
    void describe(const QString &name);

    Runtime &m_runtime;
    QHash<QString, QLineEdit *> m_edits;
    QHash<QString, QLabel *> m_states;
    QSet<QString> m_required;
};

} // namespace sb
