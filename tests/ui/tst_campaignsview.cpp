// The Campaigns view against a real runtime and the fake Twilio on loopback: the editor's preview
// renders a chosen lead (and the fallback for a lead without the value) exactly as the runner does;
// its audience count equals the API's for the same filter; an unknown placeholder is flagged inline
// and Save is refused with the API's own 400 message; Launch in the confirmation dialog starts the
// campaign, which reaches completed with exact counts at the fake provider and in the view; Pause and
// Resume follow the state rules (illegal ones disabled; a raced one answered like the API's 409).
#include "DatabaseReader.h"
#include "TestSupport.h"
#include "campaigns/CampaignAnalyticsPanel.h"
#include "campaigns/CampaignContentDialog.h"
#include "campaigns/CampaignEditorDialog.h"
#include "campaigns/CampaignLaunchDialog.h"
#include "campaigns/CampaignListModel.h"
#include "campaigns/CampaignsView.h"
#include "domain/ExternalService.h"
#include "fakes/SmsFakes.h"
#include "storage/ExternalServiceRepository.h"
#include "storage/LeadDirectory.h"
#include "storage/SqlWorker.h"

#include <QApplication>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSet>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QToolButton>

using namespace sb;
using namespace sb::test;

namespace {

constexpr int timeoutMs = 30000;
const QString accountSid = QStringLiteral("AC0123456789abcdef0123456789abcdef");
const QString authToken = QStringLiteral("twilio-campview-token-07");
const QString senderNumber = QStringLiteral("+14155550100");

std::unique_ptr<TestServer> server(const FakeTwilio *fake = nullptr)
{
    const QString base = fake ? fake->baseUrl() : QString();
    return std::make_unique<TestServer>([base](RuntimeOptions &options) {
        options.rateLimitPerMinute = 0;
        if (base.isEmpty())
            return;
        options.environment.insert(QStringLiteral("SWITCHBOARD_OUTBOX_PACING"), QStringLiteral("0"));
        options.publicUrl = QStringLiteral("https://switchboard.example.test");
    });
}

void onWriter(TestServer &server, std::function<void(SqlContext &)> work)
{
    bool done = false;
    QObject context;
    SqlJob job;
    job.replyContext = &context;
    job.run = [work](SqlContext &sql) -> ApiResult {
        work(sql);
        return ApiResponse {};
    };
    job.done = [&done](const ApiResult &) { done = true; };
    server.runtime().writer().submit(std::move(job));
    QTRY_VERIFY_WITH_TIMEOUT(done, timeoutMs);
}

struct LeadSeed
{
    QString phone;
    QString first;
    QString company;
    QString status = QStringLiteral("new");
    bool doNotContact = false;
};

QList<qint64> seedLeads(TestServer &server, const QList<LeadSeed> &seeds)
{
    QList<qint64> ids;
    onWriter(server, [&ids, seeds](SqlContext &sql) {
        for (const auto &seed : seeds) {
            const auto lead = LeadDirectory::forPhone(sql, seed.phone, QStringLiteral("test"), {});
            sql.run(QStringLiteral(
                        "UPDATE leads SET first_name = ?, company_name = ?, lead_status = ? WHERE id = ?"),
                {seed.first.isEmpty() ? QVariant() : QVariant(seed.first),
                    seed.company.isEmpty() ? QVariant() : QVariant(seed.company), seed.status, lead.id});
            if (seed.doNotContact)
                LeadDirectory::markDoNotContact(sql, lead.id, QStringLiteral("STOP received"), {});
            ids.append(lead.id);
        }
    });
    return ids;
}

qint64 registerTwilio(TestServer &server, const QString &name, const QString &baseUrl)
{
    qint64 id = 0;
    onWriter(server, [&id, name, baseUrl](SqlContext &sql) {
        ExternalService service;
        service.name = name;
        service.type = ServiceType::Sms;
        service.provider = ServiceProvider::Twilio;
        service.config = QJsonObject {{QStringLiteral("account_sid"), accountSid},
            {QStringLiteral("auth_token"), authToken}, {QStringLiteral("from_number"), senderNumber},
            {QStringLiteral("base_url"), baseUrl}};
        ExternalServiceRepository::create(sql, service);
        id = service.id;
    });
    return id;
}

QString phoneOf(int n)
{
    return QStringLiteral("+1415555%1").arg(n, 4, 10, QLatin1Char('0'));
}

QJsonObject apiCampaign(TestServer &server, qint64 id)
{
    return adminGet(server, QStringLiteral("/api/campaigns/%1").arg(id)).json();
}

void checkMenu(QToolButton *button, const QString &name)
{
    for (auto *action : button->menu()->actions()) {
        if (action->data().toString() == name)
            action->setChecked(true);
    }
}

CampaignEditorDialog *openNew(CampaignsView &view)
{
    auto *editor = view.newCampaign();
    QSignalSpy counted(editor, &CampaignEditorDialog::audienceCounted);
    counted.wait(timeoutMs);
    return editor;
}

} // namespace

class CampaignsViewTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName(QStringLiteral("SwitchboardTest"));
        QApplication::setApplicationName(QStringLiteral("tst_campaignsview"));
        QSettings().clear();
    }

    void emptyStateThenListed()
    {
        auto running = server();
        QVERIFY2(running->started(), qPrintable(running->error()));
        CampaignsView view(running->runtime());
        QSignalSpy loaded(&view, &CampaignsView::loaded);
        QVERIFY(loaded.wait(timeoutMs));
        view.show();
        auto *empty = view.findChild<QLabel *>(QStringLiteral("campaignsEmpty"));
        QVERIFY(empty && empty->isVisible());
        QCOMPARE(view.model()->rowCount(), 0);
        const auto created = adminSend(*running, "POST", QStringLiteral("/api/campaigns"),
            {{QStringLiteral("name"), QStringLiteral("Live one")},
                {QStringLiteral("channel"), QStringLiteral("sms")},
                {QStringLiteral("body"), QStringLiteral("Hello")}});
        QCOMPARE(created.status, 201);
        // Created over the API: the view follows without a manual refresh.
        QTRY_COMPARE_WITH_TIMEOUT(view.model()->rowCount(), 1, timeoutMs);
        QVERIFY(!empty->isVisible());
        QCOMPARE(view.model()->index(0, CampaignListModel::StateColumn).data().toString(),
            QStringLiteral("Draft"));
    }

    // The editor's "Write with AI…" opens the content dialog; a chosen variant fills the body; the
    // Analytics tab shows the selected campaign.
    void writeWithAiFillsTheBodyAndAnalyticsFollowTheSelection()
    {
        auto running = server();
        QVERIFY2(running->started(), qPrintable(running->error()));
        CampaignsView view(running->runtime());
        QSignalSpy loaded(&view, &CampaignsView::loaded);
        QVERIFY(loaded.wait(timeoutMs));
        view.show();
        auto *editor = openNew(view);
        auto *button = editor->findChild<QPushButton *>(QStringLiteral("campaignWriteWithAi"));
        QVERIFY(button);
        button->click();
        auto *dialog = editor->findChild<CampaignContentDialog *>();
        QVERIFY(dialog);
        Q_EMIT dialog->chosen(QString(), QStringLiteral("Hi {first_name|there}, written for you"));
        QCOMPARE(editor->findChild<QPlainTextEdit *>(QStringLiteral("campaignBody"))->toPlainText(),
            QStringLiteral("Hi {first_name|there}, written for you"));
        editor->close();
        const auto created = adminSend(*running, "POST", QStringLiteral("/api/campaigns"),
            {{QStringLiteral("name"), QStringLiteral("Analysed")},
                {QStringLiteral("channel"), QStringLiteral("sms")},
                {QStringLiteral("body"), QStringLiteral("Hello")}});
        QCOMPARE(created.status, 201);
        const auto id = created.json().value(QStringLiteral("id")).toInteger();
        QTRY_VERIFY_WITH_TIMEOUT(view.model()->rowOf(id) >= 0, timeoutMs);
        QVERIFY(view.selectCampaign(id));
        auto *analytics = view.findChild<CampaignAnalyticsPanel *>(QStringLiteral("campaignAnalytics"));
        QVERIFY(analytics);
        QTRY_COMPARE_WITH_TIMEOUT(analytics->campaignId(), id, timeoutMs);
    }

    void previewRendersTheChosenLeadWithFallback()
    {
        auto running = server();
        QVERIFY2(running->started(), qPrintable(running->error()));
        const auto ids = seedLeads(
            *running, {{phoneOf(1), QStringLiteral("Ada"), QStringLiteral("Acme")}, {phoneOf(2), {}, {}}});
        CampaignsView view(running->runtime());
        auto *editor = openNew(view);
        QVERIFY(editor);
        editor->findChild<QPlainTextEdit *>(QStringLiteral("campaignBody"))
            ->setPlainText(QStringLiteral("Hi {first_name|there}, news from {company_name|us}"));
        QSignalSpy preview(editor, &CampaignEditorDialog::previewUpdated);
        if (!editor->choosePreviewLead(ids.at(0)))
            QVERIFY(QSignalSpy(editor, &CampaignEditorDialog::audienceCounted).wait(timeoutMs));
        QTRY_COMPARE_WITH_TIMEOUT(editor->previewBody(), QStringLiteral("Hi Ada, news from Acme"), timeoutMs);
        QVERIFY(editor->choosePreviewLead(ids.at(1)));
        QTRY_COMPARE_WITH_TIMEOUT(editor->previewBody(), QStringLiteral("Hi there, news from us"), timeoutMs);
        // Editing the template re-renders at once for the same lead.
        editor->findChild<QPlainTextEdit *>(QStringLiteral("campaignBody"))
            ->setPlainText(QStringLiteral("{first_name|Friend}!"));
        QCOMPARE(editor->previewBody(), QStringLiteral("Friend!"));
        editor->close();
    }

    void audienceCountMatchesTheApi()
    {
        auto running = server();
        QVERIFY2(running->started(), qPrintable(running->error()));
        seedLeads(*running,
            {{phoneOf(10), QStringLiteral("A"), {}, QStringLiteral("new")},
                {phoneOf(11), QStringLiteral("B"), {}, QStringLiteral("new")},
                {phoneOf(12), QStringLiteral("C"), {}, QStringLiteral("contacted")},
                {phoneOf(13), QStringLiteral("D"), {}, QStringLiteral("qualified")},
                {phoneOf(14), QStringLiteral("E"), {}, QStringLiteral("new"), true},
                {phoneOf(15), QStringLiteral("F"), {}, QStringLiteral("contacted"), true}});
        CampaignsView view(running->runtime());
        auto *editor = openNew(view);
        QCOMPARE(editor->audienceCount().eligible, 6 - 2);
        QCOMPARE(editor->audienceCount().doNotContact, 2);
        QSignalSpy counted(editor, &CampaignEditorDialog::audienceCounted);
        auto *status = editor->findChild<QToolButton *>(QStringLiteral("audienceStatus"));
        checkMenu(status, QStringLiteral("new"));
        checkMenu(status, QStringLiteral("contacted"));
        QVERIFY(counted.wait(timeoutMs));
        QTRY_VERIFY_WITH_TIMEOUT(!editor->counting(), timeoutMs);
        // The same filter through the API.
        auto fields = editor->fields();
        fields.insert(QStringLiteral("name"), QStringLiteral("Count check"));
        fields.insert(QStringLiteral("body"), QStringLiteral("Hello"));
        const auto created = adminSend(*running, "POST", QStringLiteral("/api/campaigns"), fields);
        QCOMPARE(created.status, 201);
        const auto api = created.json();
        QCOMPARE(api.value(QStringLiteral("audienceCount")).toInteger(), 3);
        QCOMPARE(editor->audienceCount().eligible, api.value(QStringLiteral("audienceCount")).toInteger());
        QCOMPARE(editor->audienceCount().doNotContact,
            api.value(QStringLiteral("audienceDoNotContact")).toInteger());
        QCOMPARE(editor->audienceCount().doNotContact, 2);
        const auto shown = editor->findChild<QLabel *>(QStringLiteral("audienceCount"))->text();
        QVERIFY2(
            shown.contains(QStringLiteral("3 leads")) && shown.contains(QStringLiteral("2 do-not-contact")),
            qPrintable(shown));
        editor->close();
    }

    void unknownPlaceholderBlocksSave()
    {
        auto running = server();
        QVERIFY2(running->started(), qPrintable(running->error()));
        CampaignsView view(running->runtime());
        auto *editor = openNew(view);
        editor->findChild<QLineEdit *>(QStringLiteral("campaignName"))->setText(QStringLiteral("Typo"));
        editor->findChild<QPlainTextEdit *>(QStringLiteral("campaignBody"))
            ->setPlainText(QStringLiteral("Hi {nickname}, hello"));
        QVERIFY2(editor->templateError().contains(QStringLiteral("{nickname}")),
            qPrintable(editor->templateError()));
        QSignalSpy failed(editor, &CampaignEditorDialog::saveFailed);
        QSignalSpy saved(editor, &CampaignEditorDialog::saved);
        editor->findChild<QPushButton *>(QStringLiteral("saveCampaign"))->click();
        QVERIFY(failed.wait(timeoutMs));
        QCOMPARE(saved.count(), 0);
        // The API's own 400 for the same fields, word for word.
        const auto api = adminSend(*running, "POST", QStringLiteral("/api/campaigns"), editor->fields());
        QCOMPARE(api.status, 400);
        const auto detail = api.json().value(QStringLiteral("detail")).toString();
        QVERIFY(detail.contains(QStringLiteral("{nickname}")));
        QCOMPARE(failed.first().first().toString(), detail);
        QCOMPARE(editor->saveError(), detail);
        QVERIFY(editor->isVisible());
        const auto list = adminGet(*running, QStringLiteral("/api/campaigns")).json();
        QCOMPARE(list.value(QStringLiteral("data")).toArray().size(), 0);
        // Fixed: saved, and the list shows it.
        editor->findChild<QPlainTextEdit *>(QStringLiteral("campaignBody"))
            ->setPlainText(QStringLiteral("Hi {first_name|there}, hello"));
        QVERIFY(editor->templateError().isEmpty());
        editor->findChild<QPushButton *>(QStringLiteral("saveCampaign"))->click();
        QVERIFY(saved.wait(timeoutMs));
        QTRY_COMPARE_WITH_TIMEOUT(view.model()->rowCount(), 1, timeoutMs);
    }

    void launchRunsToCompletionAgainstTheFakeTwilio()
    {
        FakeTwilio fake(accountSid, authToken);
        auto running = server(&fake);
        QVERIFY2(running->started(), qPrintable(running->error()));
        QList<LeadSeed> seeds;
        for (int i = 0; i < 6; ++i)
            seeds.append({phoneOf(100 + i), i % 2 ? QString() : QStringLiteral("Lead%1").arg(i), {},
                QStringLiteral("new"), i == 5});
        seedLeads(*running, seeds);
        const auto service = registerTwilio(*running, QStringLiteral("Twilio Sales"), fake.baseUrl());
        CampaignsView view(running->runtime());
        view.resize(1200, 800);
        view.show();
        auto *editor = openNew(view);
        editor->findChild<QLineEdit *>(QStringLiteral("campaignName"))->setText(QStringLiteral("Spring"));
        editor->findChild<QPlainTextEdit *>(QStringLiteral("campaignBody"))
            ->setPlainText(QStringLiteral("Hi {first_name|there}, spring deals"));
        editor->findChild<QSpinBox *>(QStringLiteral("campaignThrottle"))->setValue(0);
        auto *services = editor->findChild<QComboBox *>(QStringLiteral("campaignService"));
        QTRY_VERIFY_WITH_TIMEOUT(services->findData(service) >= 0, timeoutMs);
        services->setCurrentIndex(services->findData(service));
        QSignalSpy saved(editor, &CampaignEditorDialog::saved);
        editor->save();
        QVERIFY(saved.wait(timeoutMs));
        const auto id = saved.first().first().toLongLong();
        QTRY_VERIFY_WITH_TIMEOUT(view.selectedId() == id, timeoutMs);
        // Edited again, the editor shows the campaign's own service.
        auto *again = view.editSelected();
        auto *againServices = again->findChild<QComboBox *>(QStringLiteral("campaignService"));
        QTRY_COMPARE_WITH_TIMEOUT(againServices->currentData().toLongLong(), service, timeoutMs);
        again->close();
        auto *launch = view.findChild<QPushButton *>(QStringLiteral("launchCampaign"));
        QVERIFY(launch->isEnabled());
        QVERIFY(!view.findChild<QPushButton *>(QStringLiteral("pauseCampaign"))->isEnabled());
        QSignalSpy opened(&view, &CampaignsView::launchDialogOpened);
        launch->click();
        QVERIFY(opened.wait(timeoutMs));
        auto *dialog = view.launchDialog();
        QVERIFY(dialog);
        QVERIFY2(dialog->text().contains(QStringLiteral("5 SMS through Twilio Sales")),
            qPrintable(dialog->text()));
        QVERIFY2(
            dialog->text().contains(QStringLiteral("1 do-not-contact lead")), qPrintable(dialog->text()));
        QCOMPARE(fake.requestCount(), 0); // nothing sent before the confirmation
        QSignalSpy done(&view, &CampaignsView::actionDone);
        dialog->findChild<QPushButton *>(QStringLiteral("launchConfirm"))->click();
        QVERIFY(done.wait(timeoutMs));
        QCOMPARE(done.first().at(1).toBool(), true);
        QTRY_COMPARE_WITH_TIMEOUT(view.selectedCampaign().value(QStringLiteral("state")).toString(),
            QStringLiteral("completed"), timeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(view.shownCount(QStringLiteral("sent")), 5, timeoutMs);
        QCOMPARE(view.shownCount(QStringLiteral("queued")), 0);
        QCOMPARE(view.shownCount(QStringLiteral("failed")), 0);
        QCOMPARE(view.shownCount(QStringLiteral("skippedDoNotContact")), 1);
        QCOMPARE(fake.accepted().size(), 5);
        QVERIFY2(fake.violations().isEmpty(), qPrintable(fake.violations().join(u'\n')));
        QSet<QString> bodies;
        for (const auto &message : fake.accepted())
            bodies.insert(message.body);
        QVERIFY(bodies.contains(QStringLiteral("Hi Lead0, spring deals")));
        QVERIFY(bodies.contains(QStringLiteral("Hi there, spring deals")));
        QCOMPARE(view.findChild<QProgressBar *>(QStringLiteral("campaignProgress"))->value(), 1000);
        QCOMPARE(
            apiCampaign(*running, id).value(QStringLiteral("state")).toString(), QStringLiteral("completed"));
        // A completed campaign: nothing to launch, pause or resume.
        QVERIFY(!launch->isEnabled());
        QVERIFY(!view.findChild<QPushButton *>(QStringLiteral("pauseCampaign"))->isEnabled());
        QVERIFY(!view.findChild<QPushButton *>(QStringLiteral("editCampaign"))->isEnabled());
    }

    void pauseAndResumeFollowTheStateRules()
    {
        FakeTwilio fake(accountSid, authToken);
        auto running = server(&fake);
        QVERIFY2(running->started(), qPrintable(running->error()));
        QList<LeadSeed> seeds;
        for (int i = 0; i < 4; ++i)
            seeds.append({phoneOf(200 + i), QStringLiteral("P%1").arg(i), {}});
        seedLeads(*running, seeds);
        const auto service = registerTwilio(*running, QStringLiteral("Twilio Sales"), fake.baseUrl());
        // 120 per minute: one every 0.5 s, so the campaign is still running when paused.
        const auto created = adminSend(*running, "POST", QStringLiteral("/api/campaigns"),
            {{QStringLiteral("name"), QStringLiteral("Slow")},
                {QStringLiteral("channel"), QStringLiteral("sms")}, {QStringLiteral("serviceId"), service},
                {QStringLiteral("body"), QStringLiteral("Hi {first_name}")},
                {QStringLiteral("throttlePerMinute"), 120}});
        QCOMPARE(created.status, 201);
        const auto id = created.json().value(QStringLiteral("id")).toInteger();
        CampaignsView view(running->runtime());
        QSignalSpy loaded(&view, &CampaignsView::loaded);
        QVERIFY(loaded.wait(timeoutMs));
        QVERIFY(view.selectCampaign(id));
        auto *pause = view.findChild<QPushButton *>(QStringLiteral("pauseCampaign"));
        auto *resume = view.findChild<QPushButton *>(QStringLiteral("resumeCampaign"));
        QVERIFY(!pause->isEnabled());
        QVERIFY(!resume->isEnabled());
        QCOMPARE(
            adminSend(*running, "POST", QStringLiteral("/api/campaigns/%1/execute").arg(id)).status, 202);
        QTRY_VERIFY_WITH_TIMEOUT(pause->isEnabled(), timeoutMs);
        QVERIFY(!resume->isEnabled());
        QSignalSpy done(&view, &CampaignsView::actionDone);
        pause->click();
        QVERIFY(done.wait(timeoutMs));
        QCOMPARE(done.takeFirst().at(1).toBool(), true);
        QTRY_VERIFY_WITH_TIMEOUT(resume->isEnabled(), timeoutMs);
        QVERIFY(!pause->isEnabled());
        QCOMPARE(
            apiCampaign(*running, id).value(QStringLiteral("state")).toString(), QStringLiteral("paused"));
        const int sentWhilePausing = fake.requestCount();
        QVERIFY(sentWhilePausing < 4);
        QTest::qWait(1500);
        QCOMPARE(fake.requestCount(), sentWhilePausing); // paused: nothing more goes out
        // Raced: someone resumed it over the API meanwhile; the view's resume answers like the 409.
        QCOMPARE(adminSend(*running, "POST", QStringLiteral("/api/campaigns/%1/resume").arg(id)).status, 200);
        view.act(QStringLiteral("resume"));
        QVERIFY(done.wait(timeoutMs));
        QCOMPARE(done.takeFirst().at(1).toBool(), false);
        QVERIFY2(view.message().contains(QStringLiteral("running")), qPrintable(view.message()));
        QTRY_COMPARE_WITH_TIMEOUT(view.selectedCampaign().value(QStringLiteral("state")).toString(),
            QStringLiteral("completed"), timeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(view.shownCount(QStringLiteral("sent")), 4, timeoutMs);
        QCOMPARE(fake.accepted().size(), 4);
        QVERIFY2(fake.violations().isEmpty(), qPrintable(fake.violations().join(u'\n')));
    }

    void scheduledLaunchWaitsForItsTime()
    {
        auto running = server();
        QVERIFY2(running->started(), qPrintable(running->error()));
        seedLeads(*running, {{phoneOf(300), QStringLiteral("Sam"), {}}});
        CampaignsView view(running->runtime());
        auto *editor = openNew(view);
        editor->findChild<QLineEdit *>(QStringLiteral("campaignName"))->setText(QStringLiteral("Later"));
        editor->findChild<QPlainTextEdit *>(QStringLiteral("campaignBody"))
            ->setPlainText(QStringLiteral("Hi"));
        editor->findChild<QRadioButton *>(QStringLiteral("scheduleAt"))->setChecked(true);
        const auto when = QDateTime::currentDateTime().addDays(2);
        editor->findChild<QDateTimeEdit *>(QStringLiteral("campaignScheduledAt"))->setDateTime(when);
        const auto fields = editor->fields();
        const auto at
            = QDateTime::fromString(fields.value(QStringLiteral("scheduledAt")).toString(), Qt::ISODate);
        QVERIFY(at.isValid());
        // The user's wall-clock minute, as an instant.
        QCOMPARE(at.toMSecsSinceEpoch() / 60000, when.toMSecsSinceEpoch() / 60000);
        QSignalSpy saved(editor, &CampaignEditorDialog::saved);
        editor->save();
        QVERIFY(saved.wait(timeoutMs));
        const auto id = saved.first().first().toLongLong();
        QCOMPARE(
            QDateTime::fromString(
                apiCampaign(*running, id).value(QStringLiteral("scheduledAt")).toString(), Qt::ISODateWithMs)
                .toMSecsSinceEpoch(),
            at.toMSecsSinceEpoch());
        QTRY_VERIFY_WITH_TIMEOUT(view.selectedId() == id, timeoutMs);
        QSignalSpy opened(&view, &CampaignsView::launchDialogOpened);
        view.launchSelected();
        QVERIFY(opened.wait(timeoutMs));
        QVERIFY2(view.launchDialog()->text().contains(QStringLiteral("scheduled")),
            qPrintable(view.launchDialog()->text()));
        QSignalSpy done(&view, &CampaignsView::actionDone);
        view.launchDialog()->launchButton()->click();
        QVERIFY(done.wait(timeoutMs));
        QTRY_COMPARE_WITH_TIMEOUT(view.selectedCampaign().value(QStringLiteral("state")).toString(),
            QStringLiteral("scheduled"), timeoutMs);
        // Scheduled: it can be cancelled or edited, not paused.
        QVERIFY(view.findChild<QPushButton *>(QStringLiteral("cancelCampaign"))->isEnabled());
        QVERIFY(view.findChild<QPushButton *>(QStringLiteral("editCampaign"))->isEnabled());
        QVERIFY(!view.findChild<QPushButton *>(QStringLiteral("pauseCampaign"))->isEnabled());
    }

    void demoCampaignsSendNothing()
    {
        auto running = std::make_unique<TestServer>([](RuntimeOptions &options) { options.demo = true; });
        QVERIFY2(running->started(), qPrintable(running->error()));
        CampaignsView view(running->runtime());
        QSignalSpy loaded(&view, &CampaignsView::loaded);
        QVERIFY(loaded.wait(timeoutMs));
        QCOMPARE(
            view.model()->rowCount(), 6); // three for the console's states, three finished for the dashboard
        QStringList states;
        for (int row = 0; row < view.model()->rowCount(); ++row)
            states.append(view.model()->campaign(row).value(QStringLiteral("state")).toString());
        states.sort();
        QCOMPARE(states,
            (QStringList {QStringLiteral("completed"), QStringLiteral("completed"),
                QStringLiteral("completed"), QStringLiteral("completed"), QStringLiteral("draft"),
                QStringLiteral("paused")}));
        for (int row = 0; row < view.model()->rowCount(); ++row) {
            const auto campaign = view.model()->campaign(row);
            const auto progress = campaign.value(QStringLiteral("progress")).toObject();
            if (campaign.value(QStringLiteral("state")).toString() == QLatin1String("completed")) {
                QVERIFY(progress.value(QStringLiteral("total")).toInteger() > 0);
                QCOMPARE(progress.value(QStringLiteral("queued")).toInteger(), 0);
            }
            if (campaign.value(QStringLiteral("state")).toString() == QLatin1String("paused"))
                QVERIFY(progress.value(QStringLiteral("queued")).toInteger() > 0);
        }
        QTest::qWait(1500); // the runner ticks: a paused campaign stays as it is
        DatabaseReader database(*running);
        QCOMPARE(database.count(QStringLiteral("outbox")), 0);
        QCOMPARE(database.count(QStringLiteral("campaign_recipients"), QStringLiteral("state = 'queued'")),
            database.count(QStringLiteral("campaign_recipients"),
                QStringLiteral(
                    "campaign_id = (SELECT id FROM campaigns WHERE state = 'paused') AND state = 'queued'")));
    }
};

QTEST_MAIN(CampaignsViewTest)
#include "tst_campaignsview.moc"
