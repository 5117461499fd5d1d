// The German translation is complete and loadable: every entry of translations/switchboard_de.ts is
// translated (no unfinished, vanished or empty ones) with the same placeholders as its source, and
// the .qm embedded in the console translates its strings.
#include "leads/LeadLabels.h"

#include <QApplication>
#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

namespace {

struct Entry
{
    QString context;
    QString source;
    QString type;
    bool numerus = false;
    QStringList translations;
};

QList<Entry> readTs(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return {};
    }
    QList<Entry> entries;
    QXmlStreamReader xml(&file);
    QString context;
    Entry entry;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        const auto name = xml.name();
        if (name == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (name == QLatin1String("message")) {
            entry = Entry {context, {}, {},
                xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes"), {}};
        } else if (name == QLatin1String("source")) {
            entry.source = xml.readElementText();
        } else if (name == QLatin1String("translation")) {
            entry.type = xml.attributes().value(QLatin1String("type")).toString();
            if (!entry.numerus) {
                entry.translations.append(xml.readElementText());
                entries.append(entry);
            }
        } else if (name == QLatin1String("numerusform")) {
            entry.translations.append(xml.readElementText());
            if (entry.translations.size() == 2) // German has two plural forms
                entries.append(entry);
        }
    }
    if (xml.hasError())
        *error = xml.errorString();
    return entries;
}

QSet<QString> placeholders(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("%(\\d|n)"));
    QSet<QString> found;
    for (const auto &match : pattern.globalMatch(text))
        found.insert(match.captured());
    return found;
}

} // namespace

class TranslationsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyEntryIsTranslated()
    {
        QString error;
        const auto entries
            = readTs(QStringLiteral(SWITCHBOARD_TRANSLATIONS_DIR "/switchboard_de.ts"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(entries.size() > 300);
        QStringList problems;
        for (const auto &entry : entries) {
            const QString where = entry.context + QStringLiteral(": ") + entry.source.left(60);
            if (!entry.type.isEmpty())
                problems.append(QStringLiteral("%1 (type=\"%2\")").arg(where, entry.type));
            for (const auto &translation : entry.translations) {
                if (translation.trimmed().isEmpty() && !entry.source.trimmed().isEmpty()) {
                    problems.append(QStringLiteral("%1 (empty translation)").arg(where));
                    continue;
                }
                // A dropped or invented %1 shows the wrong value or a raw "%2" to the user.
                if (placeholders(translation) != placeholders(entry.source)
                    && !(entry.numerus
                        && placeholders(translation) + QSet<QString> {QStringLiteral("%n")}
                            == placeholders(entry.source)))
                    problems.append(QStringLiteral("%1 (placeholders differ: %2)").arg(where, translation));
            }
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }

    void embeddedCatalogTranslatesTheConsole()
    {
        QTranslator translator;
        QVERIFY(translator.load(QLocale(QLocale::German), QStringLiteral("switchboard"), QStringLiteral("_"),
            QStringLiteral(":/i18n")));
        QCOMPARE(translator.translate("sb::MainWindow", "Settings"), QStringLiteral("Einstellungen"));
        QVERIFY(QCoreApplication::installTranslator(&translator));
        QCOMPARE(sb::LeadLabels::status(QStringLiteral("won")), QStringLiteral("Gewonnen"));
        QCOMPARE(
            QCoreApplication::translate("sb::LeadsView", "%n lead(s)", nullptr, 1), QStringLiteral("1 Lead"));
        QCOMPARE(QCoreApplication::translate("sb::LeadsView", "%n lead(s)", nullptr, 3),
            QStringLiteral("3 Leads"));
        QCoreApplication::removeTranslator(&translator);
        QCOMPARE(sb::LeadLabels::status(QStringLiteral("won")), QStringLiteral("Won"));
    }
};

QTEST_MAIN(TranslationsTest)
#include "tst_translations.moc"
