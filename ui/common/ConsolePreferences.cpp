#include "ConsolePreferences.h"

#include <QSettings>

namespace sb {

namespace {

const QString themeKey = QStringLiteral("ui/theme");
const QString languageKey = QStringLiteral("ui/language");
const QString notifyKey = QStringLiteral("ui/notifyNewMessages");
const QString notifyFailedKey = QStringLiteral("ui/notifyFailedMessages");
const QString listenKey = QStringLiteral("server/listen");
const QString publicUrlKey = QStringLiteral("server/publicUrl");
const QString urlPolicyKey = QStringLiteral("outbound/urlPolicy");

} // namespace

ConsolePreferences::Theme ConsolePreferences::theme()
{
    return themeFromName(QSettings().value(themeKey).toString());
}

void ConsolePreferences::setTheme(Theme theme)
{
    QSettings().setValue(themeKey, themeName(theme));
}

QString ConsolePreferences::themeName(Theme theme)
{
    switch (theme) {
    case Theme::Light:
        return QStringLiteral("light");
    case Theme::Dark:
        return QStringLiteral("dark");
    case Theme::System:
        break;
    }
    return QStringLiteral("system");
}

ConsolePreferences::Theme ConsolePreferences::themeFromName(const QString &name)
{
    if (name == QLatin1String("light"))
        return Theme::Light;
    if (name == QLatin1String("dark"))
        return Theme::Dark;
    return Theme::System;
}

QString ConsolePreferences::language()
{
    return QSettings().value(languageKey).toString();
}
void ConsolePreferences::setLanguage(const QString &language)
{
    QSettings().setValue(languageKey, language);
}
bool ConsolePreferences::notifyNewMessages()
{
    return QSettings().value(notifyKey, true).toBool();
}
void ConsolePreferences::setNotifyNewMessages(bool notify)
{
    QSettings().setValue(notifyKey, notify);
}
bool ConsolePreferences::notifyFailedMessages()
{
    return QSettings().value(notifyFailedKey, true).toBool();
}
void ConsolePreferences::setNotifyFailedMessages(bool notify)
{
    QSettings().setValue(notifyFailedKey, notify);
}
QString ConsolePreferences::listen()
{
    return QSettings().value(listenKey).toString();
}
void ConsolePreferences::setListen(const QString &hostPort)
{
    QSettings().setValue(listenKey, hostPort);
}
QString ConsolePreferences::publicUrl()
{
    return QSettings().value(publicUrlKey).toString();
}
void ConsolePreferences::setPublicUrl(const QString &url)
{
    QSettings().setValue(publicUrlKey, url);
}
QString ConsolePreferences::urlPolicy()
{
    return QSettings().value(urlPolicyKey).toString();
}
void ConsolePreferences::setUrlPolicy(const QString &policy)
{
    QSettings().setValue(urlPolicyKey, policy);
}

} // namespace sb
