// The reply composer's "Draft reply" against a real runtime and the fake OpenAI-compatible server:
// the draft streams into the text box piece by piece (the box shows partial drafts before the
// whole), nothing is sent; without AI configured the button is hidden behind a one-line hint.
#include "TestSupport.h"
#include "conversations/ConversationListModel.h"
#include "conversations/ConversationsView.h"
#include "conversations/MessageThreadView.h"
#include "conversations/ReplyComposer.h"
#include "fakes/OpenAiFake.h"

#include <QApplication>
#include <QItemSelectionModel>
#include <QLabel>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QUrl>

using namespace sb;
using namespace sb::test;

namespace {

constexpr int timeoutMs = 20000;

std::unique_ptr<TestServer> server(const FakeOpenAi *fake)
{
    return std::make_unique<TestServer>([fake](RuntimeOptions &options) {
        options.acceptUnverified.insert(QStringLiteral("twilio"));
        options.rateLimitPerMinute = 0;
        options.environment = QProcessEnvironment();
        if (fake) {
            options.environment.insert(QStringLiteral("OPENAI_API_KEY"), fake->apiKey());
            options.environment.insert(QStringLiteral("OPENAI_BASE_URL"), fake->baseUrl());
            options.environment.insert(QStringLiteral("SWITCHBOARD_AI_MODEL"), fake->model());
        }
    });
}

void inboundSms(TestServer &server, const QString &body)
{
    const QByteArray form = "From=%2B14155550123&To=%2B14155550100&MessageSid=SM"
        + QByteArray::number(qHash(body), 16).rightJustified(32, '0')
        + "&Body=" + QUrl::toPercentEncoding(body);
    QCOMPARE(request("POST", server.url(QStringLiteral("/api/webhooks/twilio/sms")), form,
                 {{"Content-Type", "application/x-www-form-urlencoded"}})
                 .status,
        200);
}

// Screenshots for a look when SWITCHBOARD_SCREENSHOT_DIR is set.
void shoot(QWidget &widget, const QString &name)
{
    const auto dir = qEnvironmentVariable("SWITCHBOARD_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        widget.grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png"));
}

void openFirstThread(ConversationsView &view)
{
    QTRY_VERIFY_WITH_TIMEOUT(view.model()->rowCount() >= 1, timeoutMs);
    QSignalSpy checked(view.thread()->composer(), &ReplyComposer::aiChecked);
    view.list()->selectionModel()->select(view.model()->index(0), QItemSelectionModel::ClearAndSelect);
    QTRY_VERIFY_WITH_TIMEOUT(checked.count() >= 1, timeoutMs);
}

} // namespace

class AiComposerTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName(QStringLiteral("SwitchboardTest"));
        QApplication::setApplicationName(QStringLiteral("tst_ai_composer"));
        QSettings().clear();
    }

    void draftStreamsIntoTheTextBox()
    {
        FakeOpenAi fake;
        const QStringList pieces {QStringLiteral("Yes, "), QStringLiteral("it is still "),
            QStringLiteral("available — "), QStringLiteral("come by at 5?")};
        fake.setReply(pieces.join(QString()), pieces);
        auto running = server(&fake);
        QVERIFY2(running->started(), qPrintable(running->error()));
        inboundSms(*running, QStringLiteral("Is the car still available?"));

        ConversationsView view(running->runtime());
        view.resize(1100, 700);
        view.show();
        openFirstThread(view);
        auto *composer = view.thread()->composer();
        QVERIFY(composer->aiConfigured());
        QVERIFY(composer->draftButton()->isVisible());
        QVERIFY(!composer->aiHintLabel()->isVisible());

        QStringList seen;
        connect(composer->textEdit(), &QPlainTextEdit::textChanged, this,
            [&seen, composer] { seen.append(composer->textEdit()->toPlainText()); });
        QSignalSpy finished(composer, &ReplyComposer::draftFinished);
        QTest::mouseClick(composer->draftButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, timeoutMs);
        QCOMPARE(finished.first().first().toString(), QString());
        QCOMPARE(composer->textEdit()->toPlainText(), pieces.join(QString()));
        shoot(view, QStringLiteral("composer-ai-draft"));
        // Token by token: each piece showed on its own before the whole draft.
        QVERIFY(seen.contains(QStringLiteral("Yes, ")));
        QVERIFY(seen.contains(QStringLiteral("Yes, it is still ")));
        QVERIFY2(fake.violations().isEmpty(), qPrintable(fake.violations().join(QLatin1Char('\n'))));
        QCOMPARE(fake.accepted().size(), 1);
        const auto body = QJsonDocument::fromJson(fake.accepted().first().body).object();
        QCOMPARE(body.value(QStringLiteral("stream")).toBool(), true);
        QVERIFY(QString::fromUtf8(fake.accepted().first().body)
                    .contains(QStringLiteral("Is the car still available?")));
        // Never sent: the thread has no outbound message.
        for (const auto &entry : view.thread()->entries())
            QVERIFY(!(entry.kind == ThreadEntry::Kind::Message && entry.direction == Direction::Outbound));
    }

    void hintWithoutConfiguration()
    {
        auto running = server(nullptr);
        QVERIFY2(running->started(), qPrintable(running->error()));
        inboundSms(*running, QStringLiteral("Hello?"));
        ConversationsView view(running->runtime());
        view.resize(1100, 700);
        view.show();
        openFirstThread(view);
        auto *composer = view.thread()->composer();
        QVERIFY(!composer->aiConfigured());
        QVERIFY(!composer->draftButton()->isVisible());
        QVERIFY(composer->aiHintLabel()->isVisible());
        QCOMPARE(composer->aiHintLabel()->text(),
            QStringLiteral("Configure AI in Settings → AI to draft replies"));
        shoot(view, QStringLiteral("composer-ai-hint"));
    }
};

QTEST_MAIN(AiComposerTest)
#include "tst_ai_composer.moc"
