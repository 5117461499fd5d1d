#pragma once

#include <QHash>
#include <QProcessEnvironment>
#include <QReadWriteLock>
#include <QSet>
#include <QString>

namespace sb {

// Provider secrets by their conventional names (CRM_WEBHOOK_SECRET, TWILIO_AUTH_TOKEN, ...).
// Environment values override stored settings for the run. Read on the server thread, changed from
// the UI, hence the lock.
class SecretStore
{
public:
    static QStringList knownNames();

    void loadEnvironment(const QProcessEnvironment &environment);
    void set(const QString &name, const QString &value);
    QString value(const QString &name) const;
    bool has(const QString &name) const { return !value(name).isEmpty(); }

    // --accept-unverified PROVIDER (warned in logs and UI).
    void setAcceptUnverified(const QSet<QString> &providers);
    bool acceptsUnverified(const QString &provider) const;

private:
    mutable QReadWriteLock m_lock;
    QHash<QString, QString> m_stored;
    QHash<QString, QString> m_environment;
    QSet<QString> m_acceptUnverified;
};

} // namespace sb
