#pragma once

#include <QString>

namespace sb {

// The console's own preferences (QSettings), one typed place for their keys and defaults. Server
// settings that the runtime needs at start (listen address, public URL, URL policy) are here too:
// flags and environment variables override them for a run (DESIGN.md).
struct ConsolePreferences
{
    enum class Theme
    {
        System,
        Light,
        Dark
    };

    static Theme theme();
    static void setTheme(Theme theme);
    static QString themeName(Theme theme);
    static Theme themeFromName(const QString &name);

    // "" = the system's language, else a code such as "de".
    static QString language();
    static void setLanguage(const QString &language);

    static bool notifyNewMessages();
    static void setNotifyNewMessages(bool notify);
    // A message we sent failed (SMS failed/undelivered, email bounced, ...): on by default.
    static bool notifyFailedMessages();
    static void setNotifyFailedMessages(bool notify);

    // Empty when never set in Settings.
    static QString listen();
    static void setListen(const QString &hostPort);
    static QString publicUrl();
    static void setPublicUrl(const QString &url);
    static QString urlPolicy();
    static void setUrlPolicy(const QString &policy);
};

} // namespace sb
