#include "SecretStore.h"

namespace sb {

QStringList SecretStore::knownNames()
{
    return {QStringLiteral("CRM_WEBHOOK_SECRET"),
            QStringLiteral("TWILIO_AUTH_TOKEN"),
            QStringLiteral("SIGNALWIRE_SIGNING_KEY"),
            QStringLiteral("MAILGUN_WEBHOOK_SIGNING_KEY"),
            QStringLiteral("ELEVENLABS_WEBHOOK_SECRET"),
            QStringLiteral("ELEVENLABS_POST_CALL_WEBHOOK_SECRET"),
            QStringLiteral("ELEVENLABS_CONVERSATION_EVENTS_WEBHOOK_SECRET"),
            QStringLiteral("CAMPAIGN_WEBHOOK_TOKEN"),
            // Provider settings read like secrets (environment over stored settings):
            QStringLiteral("ELEVENLABS_INITIATION_HEADER"),
            QStringLiteral("ELEVENLABS_INITIATION_SECRET"),
            QStringLiteral("SIGNALWIRE_ALLOWED_IPS"),
            QStringLiteral("TWILIO_SMS_AUTO_REPLY")};
}

void SecretStore::loadEnvironment(const QProcessEnvironment &environment)
{
    QWriteLocker locker(&m_lock);
    for (const auto &name : knownNames()) {
        const auto value = environment.value(name);
        if (!value.isEmpty())
            m_environment.insert(name, value);
    }
}

void SecretStore::set(const QString &name, const QString &value)
{
    QWriteLocker locker(&m_lock);
    if (value.isEmpty())
        m_stored.remove(name);
    else
        m_stored.insert(name, value);
}

QString SecretStore::value(const QString &name) const
{
    QReadLocker locker(&m_lock);
    const auto fromEnvironment = m_environment.value(name);
    return fromEnvironment.isEmpty() ? m_stored.value(name) : fromEnvironment;
}

void SecretStore::setAcceptUnverified(const QSet<QString> &providers)
{
    QWriteLocker locker(&m_lock);
    m_acceptUnverified = providers;
}

bool SecretStore::acceptsUnverified(const QString &provider) const
{
    QReadLocker locker(&m_lock);
    return m_acceptUnverified.contains(provider);
}

} // namespace sb
