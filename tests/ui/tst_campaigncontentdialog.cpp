// "Write with AI" against a real runtime and the fake OpenAI-compatible server: Generate fills the
// variants from the fake (the request asks for JSON output), "Use this" emits chosen(subject, body);
// without AI configured the one-line hint replaces Generate; a provider error is shown in the dialog.
#include "TestSupport.h"
#include "campaigns/CampaignContentDialog.h"
#include "fakes/OpenAiFake.h"

#include <QApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace sb;
using namespace sb::test;

namespace {

constexpr int timeoutMs = 20000;

std::unique_ptr<TestServer> server(const FakeOpenAi *fake)
{
    return std::make_unique<TestServer>([fake](RuntimeOptions &options) {
        options.environment = QProcessEnvironment();
        if (fake) {
            options.environment.insert(QStringLiteral("OPENAI_API_KEY"), fake->apiKey());
            options.environment.insert(QStringLiteral("OPENAI_BASE_URL"), fake->baseUrl());
            options.environment.insert(QStringLiteral("SWITCHBOARD_AI_MODEL"), fake->model());
        }
    });
}

QString twoEmails()
{
    const QJsonArray variants {
        QJsonObject {{QStringLiteral("subject"), QStringLiteral("Spring deals for {company_name|you}")},
            {QStringLiteral("body"), QStringLiteral("Hi {first_name|there},\n\n20% off until May.")}},
        QJsonObject {{QStringLiteral("subject"), QStringLiteral("{first_name}, your spring offer")},
            {QStringLiteral("body"), QStringLiteral("Hello {first_name},\n\nSolar installs are 20% off.")}}};
    return QString::fromUtf8(QJsonDocument(QJsonObject {{QStringLiteral("variants"), variants}}).toJson());
}

} // namespace

class CampaignContentDialogTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { AiRateLimiter::shared().reset(); }

    void generatesAndChooses()
    {
        FakeOpenAi fake;
        fake.setReply(twoEmails());
        auto running = server(&fake);
        QVERIFY2(running->started(), qPrintable(running->error()));
        CampaignContentDialog dialog(running->runtime());
        QSignalSpy checked(&dialog, &CampaignContentDialog::aiChecked);
        dialog.show();
        QTRY_VERIFY_WITH_TIMEOUT(checked.count() >= 1, timeoutMs);
        QVERIFY(dialog.aiConfigured());
        QVERIFY(dialog.hintLabel()->isHidden());
        QVERIFY(!dialog.generateButton()->isEnabled()); // no brief yet
        dialog.setBrief(QStringLiteral("Spring sale: 20% off solar installs until May"));
        dialog.setChannel(QStringLiteral("email"));
        dialog.setVariantCount(2);
        dialog.setTone(QStringLiteral("warm"));
        QVERIFY(dialog.generateButton()->isEnabled());

        QSignalSpy generated(&dialog, &CampaignContentDialog::generated);
        QTest::mouseClick(dialog.generateButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(generated.count() == 1, timeoutMs);
        QCOMPARE(generated.first().first().toString(), QString());
        QCOMPARE(dialog.variants().size(), 2);
        QCOMPARE(dialog.useButtons().size(), 2);
        QVERIFY(dialog.statusText().contains(fake.model()));
        QVERIFY(fake.violations().isEmpty());
        QCOMPARE(fake.accepted().size(), 1);
        const auto sent = QJsonDocument::fromJson(fake.accepted().first().body).object();
        QCOMPARE(
            sent.value(QStringLiteral("response_format")).toObject().value(QStringLiteral("type")).toString(),
            QStringLiteral("json_object"));
        QVERIFY(QString::fromUtf8(fake.accepted().first().body).contains(QStringLiteral("Tone: warm")));

        QSignalSpy chosen(&dialog, &CampaignContentDialog::chosen);
        QTest::mouseClick(dialog.useButtons().at(1), Qt::LeftButton);
        QCOMPARE(chosen.count(), 1);
        QCOMPARE(chosen.first().at(0).toString(), QStringLiteral("{first_name}, your spring offer"));
        QCOMPARE(chosen.first().at(1).toString(),
            QStringLiteral("Hello {first_name},\n\nSolar installs are 20% off."));
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }

    void providerErrorIsShown()
    {
        FakeOpenAi fake;
        auto running = server(&fake);
        QVERIFY2(running->started(), qPrintable(running->error()));
        CampaignContentDialog dialog(running->runtime());
        QSignalSpy checked(&dialog, &CampaignContentDialog::aiChecked);
        QTRY_VERIFY_WITH_TIMEOUT(checked.count() >= 1, timeoutMs);
        dialog.setBrief(QStringLiteral("Webinar invite"));
        fake.answerNext(FakeOpenAi::Scripted::Unauthorized);
        QSignalSpy generated(&dialog, &CampaignContentDialog::generated);
        dialog.generate();
        QTRY_VERIFY_WITH_TIMEOUT(generated.count() == 1, timeoutMs);
        QVERIFY2(dialog.statusText().contains(QStringLiteral("401")), qPrintable(dialog.statusText()));
        QVERIFY(!dialog.statusText().contains(fake.apiKey()));
        QVERIFY(dialog.variants().isEmpty());

        // An answer that is not JSON, twice: said so.
        fake.setReply(QStringLiteral("Here you go: great offer!"));
        dialog.generate();
        QTRY_VERIFY_WITH_TIMEOUT(generated.count() == 2, timeoutMs);
        QVERIFY2(dialog.statusText().contains(QStringLiteral("not usable")), qPrintable(dialog.statusText()));
    }

    void notConfiguredShowsTheHint()
    {
        auto running = server(nullptr);
        QVERIFY2(running->started(), qPrintable(running->error()));
        CampaignContentDialog dialog(running->runtime());
        QSignalSpy checked(&dialog, &CampaignContentDialog::aiChecked);
        dialog.show();
        QTRY_VERIFY_WITH_TIMEOUT(checked.count() >= 1, timeoutMs);
        QVERIFY(!dialog.aiConfigured());
        QVERIFY(dialog.generateButton()->isHidden());
        QVERIFY(dialog.hintLabel()->isVisible());
        QCOMPARE(dialog.hintLabel()->text(),
            QStringLiteral("Configure AI in Settings → AI to write campaign content"));
    }
};

QTEST_MAIN(CampaignContentDialogTest)
#include "tst_campaigncontentdialog.moc"
