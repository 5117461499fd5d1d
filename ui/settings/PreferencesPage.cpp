#include "PreferencesPage.h"

#include "common/ConsolePreferences.h"
#include "common/Theme.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace sb {

QStringList PreferencesPage::translatedLanguages()
{
    return {QStringLiteral("de")};
}

PreferencesPage::PreferencesPage(QWidget *parent)
    : QWidget(parent)
{
    auto *box = new QGroupBox(tr("Appearance and language"), this);
    m_language = new QComboBox(box);
    m_language->setObjectName(QStringLiteral("settingsLanguage"));
    m_language->addItem(tr("System language"), QString());
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    for (const auto &code : translatedLanguages()) {
        const QLocale locale(code);
        auto name = locale.nativeLanguageName();
        if (!name.isEmpty())
            name[0] = name[0].toUpper();
        m_language->addItem(name, code);
    }
    m_language->setCurrentIndex(std::max(0, m_language->findData(ConsolePreferences::language())));
    m_languageNote = new QLabel(box);
    m_languageNote->setForegroundRole(QPalette::PlaceholderText);
    const auto startLanguage = ConsolePreferences::language();
    connect(m_language, &QComboBox::currentIndexChanged, this, [this, startLanguage] {
        const auto code = m_language->currentData().toString();
        ConsolePreferences::setLanguage(code);
        m_languageNote->setText(
            code == startLanguage ? QString() : tr("The language changes when Switchboard is restarted."));
    });

    m_theme = new QComboBox(box);
    m_theme->setObjectName(QStringLiteral("settingsTheme"));
    m_theme->addItem(tr("Follow the system"), int(ConsolePreferences::Theme::System));
    m_theme->addItem(tr("Light"), int(ConsolePreferences::Theme::Light));
    m_theme->addItem(tr("Dark"), int(ConsolePreferences::Theme::Dark));
    m_theme->setCurrentIndex(std::max(0, m_theme->findData(int(ConsolePreferences::theme()))));
    connect(m_theme, &QComboBox::currentIndexChanged, this, [this] {
        const auto theme = ConsolePreferences::Theme(m_theme->currentData().toInt());
        ConsolePreferences::setTheme(theme);
        applyTheme(theme);
    });

    m_notify = new QCheckBox(tr("Notify me when a new SMS or email arrives"), box);
    m_notify->setObjectName(QStringLiteral("settingsNotify"));
    m_notify->setChecked(ConsolePreferences::notifyNewMessages());
    connect(
        m_notify, &QCheckBox::toggled, this, [](bool on) { ConsolePreferences::setNotifyNewMessages(on); });
    m_notifyFailed = new QCheckBox(tr("Notify me when a message I sent fails"), box);
    m_notifyFailed->setObjectName(QStringLiteral("settingsNotifyFailed"));
    m_notifyFailed->setChecked(ConsolePreferences::notifyFailedMessages());
    connect(m_notifyFailed, &QCheckBox::toggled, this,
        [](bool on) { ConsolePreferences::setNotifyFailedMessages(on); });

    auto *form = new QFormLayout(box);
    form->addRow(tr("Language"), m_language);
    form->addRow(QString(), m_languageNote);
    form->addRow(tr("Theme"), m_theme);
    form->addRow(tr("Notifications"), m_notify);
    form->addRow(QString(), m_notifyFailed);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(box);
    layout->addStretch(1);
}

} // namespace sb
