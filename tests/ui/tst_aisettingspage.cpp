// Settings → AI against a real runtime and the fake OpenAI-compatible server: presets fill the base
// URL and model, Save seals the key (masked afterwards, never shown again in full), Test makes one
// tiny request and shows the answer or the provider's error (without the key), each test logged.
#include "DatabaseReader.h"
#include "TestSupport.h"
#include "channels/AiClient.h"
#include "fakes/OpenAiFake.h"
#include "settings/AiSettingsPage.h"
#include "settings/SettingsView.h"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>

using namespace sb;
using namespace sb::test;

namespace {
constexpr int timeoutMs = 20000;
}

class AiSettingsPageTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName(QStringLiteral("SwitchboardTest"));
        QApplication::setApplicationName(QStringLiteral("tst_aisettingspage"));
        QSettings().clear();
    }
    void init() { AiRateLimiter::shared().reset(); }

    void saveMasksAndTestAnswers()
    {
        FakeOpenAi fake;
        fake.setReply(QStringLiteral("pong"));
        TestServer server([](RuntimeOptions &options) { options.environment = QProcessEnvironment(); });
        QVERIFY2(server.started(), qPrintable(server.error()));
        SettingsView view(server.runtime());
        auto *page = view.aiPage();
        int aiTab = -1;
        for (int i = 0; i < view.tabs()->count(); ++i)
            if (view.tabs()->widget(i)->isAncestorOf(page))
                aiTab = i;
        QVERIFY(aiTab >= 0);
        QCOMPARE(view.tabs()->tabText(aiTab), QStringLiteral("AI"));
        QSignalSpy loaded(page, &AiSettingsPage::loaded);
        page->reload();
        QTRY_VERIFY_WITH_TIMEOUT(loaded.count() >= 1, timeoutMs);
        QCOMPARE(page->baseUrlEdit()->text(), AiSettings::openAiBaseUrl());
        QCOMPARE(page->transcriptionModelEdit()->text(), QStringLiteral("whisper-1"));

        // The OpenRouter preset fills its base URL and a default model.
        page->presetBox()->setCurrentIndex(1);
        Q_EMIT page->presetBox()->activated(1);
        QCOMPARE(page->baseUrlEdit()->text(), AiSettings::openRouterBaseUrl());
        QCOMPARE(page->modelEdit()->text(), QStringLiteral("openai/gpt-4o-mini"));

        // Nothing to test without a key.
        QSignalSpy tested(page, &AiSettingsPage::tested);
        page->testButton()->click();
        QCOMPARE(tested.count(), 1);
        QCOMPARE(tested.first().first().toBool(), false);

        // A local fake: Test with a wrong key shows the provider's 401 without the key.
        page->baseUrlEdit()->setText(fake.baseUrl());
        page->modelEdit()->setText(fake.model());
        page->keyEdit()->setText(QStringLiteral("sk-wrong-0000000000000000"));
        page->testButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(tested.count(), 2, timeoutMs);
        QCOMPARE(tested.last().first().toBool(), false);
        QVERIFY2(page->resultLabel()->text().contains(QStringLiteral("answered 401")),
            qPrintable(page->resultLabel()->text()));
        QVERIFY(!page->resultLabel()->text().contains(QStringLiteral("sk-wrong-0000000000000000")));

        page->keyEdit()->setText(fake.apiKey());
        page->testButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(tested.count(), 3, timeoutMs);
        QCOMPARE(tested.last().first().toBool(), true);
        QVERIFY2(page->resultLabel()->text().contains(QStringLiteral("pong")),
            qPrintable(page->resultLabel()->text()));
        if (const auto dir = qEnvironmentVariable("SWITCHBOARD_SCREENSHOT_DIR"); !dir.isEmpty()) {
            view.resize(1000, 650);
            view.tabs()->setCurrentIndex(aiTab);
            view.show();
            QTest::qWait(200);
            view.grab().save(dir + QStringLiteral("/settings-ai.png"));
        }

        QSignalSpy saved(page, &AiSettingsPage::saved);
        const auto before = loaded.count();
        page->transcriptionModelEdit()->setText(QStringLiteral("gpt-4o-mini-transcribe"));
        page->saveButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, timeoutMs);
        QCOMPARE(saved.first().first().toString(), QString());
        QTRY_VERIFY_WITH_TIMEOUT(loaded.count() > before, timeoutMs);
        QVERIFY(page->keyEdit()->text().isEmpty()); // never shown again
        QCOMPARE(page->keyEdit()->placeholderText(), AiSettings::maskKey(fake.apiKey()));
        QVERIFY(page->current().configured());
        QCOMPARE(page->current().baseUrl, fake.baseUrl());
        QCOMPARE(page->current().transcriptionModel, QStringLiteral("gpt-4o-mini-transcribe"));
        QCOMPARE(page->transcriptionModelEdit()->text(), QStringLiteral("gpt-4o-mini-transcribe"));

        // Saved over the API's view too, key masked; both tests were logged.
        const auto answer = adminGet(server, QStringLiteral("/api/ai/settings"));
        QCOMPARE(answer.json().value(QStringLiteral("base_url")).toString(), fake.baseUrl());
        QVERIFY(!answer.body.contains(fake.apiKey().toUtf8()));
        DatabaseReader db(server);
        QTRY_COMPARE_WITH_TIMEOUT(
            db.count(QStringLiteral("ai_calls"), QStringLiteral("purpose = 'settings_test'")), qint64(2),
            timeoutMs);

        // A bad base URL is refused with the reason, nothing stored.
        page->baseUrlEdit()->setText(QStringLiteral("ftp://example.com"));
        page->saveButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 2, timeoutMs);
        QVERIFY(saved.last().first().toString().contains(QStringLiteral("base_url")));
        QCOMPARE(adminGet(server, QStringLiteral("/api/ai/settings"))
                     .json()
                     .value(QStringLiteral("base_url"))
                     .toString(),
            fake.baseUrl());
    }
};

QTEST_MAIN(AiSettingsPageTest)
#include "tst_aisettingspage.moc"
