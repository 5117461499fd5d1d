// A live AI-agent call in the conversations view against a real runtime: ElevenLabs conversation
// events (posted as the webhook receives them) show in the lead's voice thread as they arrive — the
// call's live state, the agent's turns right and the caller's left, the interrupted turn marked, an
// unknown event as a small note — and the state turns to "Ended — reason" at the end.
#include "TestSupport.h"
#include "conversations/ConversationListModel.h"
#include "conversations/ConversationsView.h"
#include "conversations/MessageThreadView.h"

#include <QApplication>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QListView>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QTextBrowser>

using namespace sb;
using namespace sb::test;

namespace {

constexpr int timeoutMs = 20000;
const QString conversation = QStringLiteral("conv_gui_live");

int post(TestServer &server, const QString &type, qint64 atMs, QJsonObject body = {})
{
    body.insert(QStringLiteral("type"), type);
    body.insert(QStringLiteral("conversation_id"), conversation);
    body.insert(QStringLiteral("event_timestamp"), double(atMs) / 1000.0);
    return request("POST", server.url(QStringLiteral("/api/webhooks/elevenlabs/conversation-events")),
        QJsonDocument(body).toJson(QJsonDocument::Compact), {{"Content-Type", "application/json"}})
        .status;
}

QJsonObject said(const char *object, const char *field, const QString &text, int id)
{
    return {{QLatin1String(object),
        QJsonObject {{QLatin1String(field), text}, {QStringLiteral("event_id"), id}}}};
}

} // namespace

class LiveCallThreadTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName(QStringLiteral("SwitchboardTest"));
        QApplication::setApplicationName(QStringLiteral("tst_live_call_thread"));
        QSettings().clear();
    }

    void stateLabels()
    {
        LiveCallView call;
        call.state = LiveCallState::Ringing;
        QCOMPARE(MessageThreadView::liveStateText(call, 0), QStringLiteral("Ringing…"));
        call.state = LiveCallState::InProgress;
        call.startedAtMs = 1000;
        QCOMPARE(MessageThreadView::liveStateText(call, 43000), QStringLiteral("In progress 0:42"));
        call.state = LiveCallState::Ended;
        call.status = CallStatus::NoAnswer;
        QCOMPARE(MessageThreadView::liveStateText(call, 0), QStringLiteral("Ended — no answer"));
        call.status = CallStatus::Completed;
        call.endReason = QStringLiteral("completed");
        QCOMPARE(MessageThreadView::liveStateText(call, 0), QStringLiteral("Ended"));
        call.endReason = QStringLiteral("end_call tool was called");
        QCOMPARE(
            MessageThreadView::liveStateText(call, 0), QStringLiteral("Ended — end_call tool was called"));
    }

    void turnsShowLiveInTheThread()
    {
        TestServer server([](RuntimeOptions &options) {
            options.acceptUnverified.insert(QStringLiteral("elevenlabs"));
            options.rateLimitPerMinute = 0;
        });
        QVERIFY2(server.started(), qPrintable(server.error()));
        ConversationsView view(server.runtime());
        view.resize(1000, 600);
        view.show();
        QTRY_VERIFY_WITH_TIMEOUT(view.model()->reachedEnd(), timeoutMs);

        const auto t0 = QDateTime::currentMSecsSinceEpoch() - 30000;
        QCOMPARE(post(server, QStringLiteral("conversation_initiation_metadata"), t0,
                     {{QStringLiteral("conversation_initiation_client_data"),
                         QJsonObject {{QStringLiteral("dynamic_variables"),
                             QJsonObject {
                                 {QStringLiteral("system__caller_id"), QStringLiteral("+14155550199")}}}}}}),
            200);
        QCOMPARE(post(server, QStringLiteral("agent_response"), t0 + 1000,
                     said("agent_response_event", "agent_response",
                         QStringLiteral("Hello, this is Ava. How can I help?"), 1)),
            200);
        QTRY_COMPARE_WITH_TIMEOUT(view.model()->rowCount(), 1, timeoutMs);
        QCOMPARE(view.model()->rowAt(0).channel, Channel::Voice);
        view.list()->setCurrentIndex(view.model()->index(0));
        // The call and the agent's first turn.
        QTRY_COMPARE_WITH_TIMEOUT(int(view.thread()->entries().size()), 2, timeoutMs);
        QCOMPARE(view.thread()->entries().front().kind, ThreadEntry::Kind::Call);
        QTRY_VERIFY_WITH_TIMEOUT(
            view.thread()->browser()->toPlainText().contains(QStringLiteral("In progress 0:")), timeoutMs);

        // The caller answers, the agent is cut off: both arrive while the thread is open.
        QCOMPARE(post(server, QStringLiteral("user_transcript"), t0 + 4000,
                     said("user_transcription_event", "user_transcript",
                         QStringLiteral("Can I move my viewing?"), 2)),
            200);
        QCOMPARE(post(server, QStringLiteral("agent_response"), t0 + 6000,
                     said("agent_response_event", "agent_response",
                         QStringLiteral("Of course, which day would suit"), 3)),
            200);
        QCOMPARE(post(server, QStringLiteral("interruption"), t0 + 7000,
                     {{QStringLiteral("interruption_event"), QJsonObject {{QStringLiteral("event_id"), 4}}}}),
            200);
        QCOMPARE(post(server, QStringLiteral("mystery_event"), t0 + 8000), 200);
        QCOMPARE(
            post(server, QStringLiteral("user_transcript"), t0 + 20000,
                said("user_transcription_event", "user_transcript", QStringLiteral("Friday, please."), 5)),
            200);
        QTRY_COMPARE_WITH_TIMEOUT(int(view.thread()->entries().size()), 5, timeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(
            view.thread()->browser()->toPlainText().contains(QStringLiteral("event mystery_event")),
            timeoutMs);
        const auto &entries = view.thread()->entries();
        QCOMPARE(entries[1].direction, Direction::Outbound); // the agent: right
        QCOMPARE(entries[2].direction, Direction::Inbound); // the caller: left
        QCOMPARE(entries[2].body, QStringLiteral("Can I move my viewing?"));
        QCOMPARE(entries[3].body, QStringLiteral("Of course, which day would suit"));
        const auto text = view.thread()->browser()->toPlainText();
        QVERIFY2(text.contains(QStringLiteral("AI agent")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("Caller")));
        QVERIFY(text.contains(QStringLiteral("interrupted")));
        QVERIFY(text.contains(QStringLiteral("Silence · 14 s")));
        // The note sits between the cut-off turn and the caller's last turn.
        QVERIFY(
            text.indexOf(QStringLiteral("event mystery_event")) > text.indexOf(QStringLiteral("which day")));
        QVERIFY(text.indexOf(QStringLiteral("event mystery_event"))
            < text.indexOf(QStringLiteral("Friday, please.")));
        const auto call = view.thread()->liveCalls().value(entries[0].id);
        QCOMPARE(call.state, LiveCallState::InProgress);
        QCOMPARE(call.turns.size(), 4);
        QVERIFY(call.turns[2].interrupted);
        QVERIFY(!call.turns[0].interrupted);

        QCOMPARE(post(server, QStringLiteral("conversation_ended"), t0 + 25000,
                     {{QStringLiteral("termination_reason"), QStringLiteral("Client disconnected")}}),
            200);
        QTRY_VERIFY_WITH_TIMEOUT(
            view.thread()->browser()->toPlainText().contains(QStringLiteral("Ended — Client disconnected")),
            timeoutMs);
        QVERIFY(!view.thread()->browser()->toPlainText().contains(QStringLiteral("In progress")));
    }
};

QTEST_MAIN(LiveCallThreadTest)
#include "tst_live_call_thread.moc"
