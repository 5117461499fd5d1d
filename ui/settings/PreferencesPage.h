#pragma once

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;

namespace sb {

// The console's own preferences: language (after a restart), light/dark/system theme (at once)
// and the notification on new inbound messages.
class PreferencesPage : public QWidget
{
    Q_OBJECT
public:
    explicit PreferencesPage(QWidget *parent = nullptr);

    // Language codes with a translation in the binary, besides English.
    static QStringList translatedLanguages();

private:
    QComboBox *m_language;
    QLabel *m_languageNote;
    QComboBox *m_theme;
    QCheckBox *m_notify;
    QCheckBox *m_notifyFailed;
};

} // namespace sb
