// Live AI-agent calls (issue 15 item 1) over real HTTP: signed ElevenLabs conversation events (the
// Agents WebSocket's server-to-client event shapes, one per request) drive one call with its live
// state, its agent and caller turns in the lead's voice thread (in event-time order), interruption
// and silence marks, unknown events kept raw and shown, and exactly one conversation.completed —
// whether the events come in order or shuffled, and whether the post-call webhook comes before or
// after them. Twilio status callbacks out of order never move a call back.
#include "ProviderTestSupport.h"
#include "security/ElevenLabsSignature.h"
#include "security/TwilioSignature.h"

#include <QJsonArray>
#include <QRandomGenerator>
#include <QTimeZone>
#include <algorithm>

using namespace sb;
using namespace sb::test;

namespace {

const QByteArray secret = "wsec_live_calls_7731";
const QByteArray twilioToken = "twilio-live-calls-token";
const qint64 start = 1765000000; // the conversation's first second (Unix)

const QString greeting = QStringLiteral("Hi, this is Ava from Harbor Homes. How can I help?");
const QString ask = QStringLiteral("I'd like to book a viewing of the flat on Elm Street.");
const QString cutOff
    = QStringLiteral("Sure, we have slots on Monday and Tuesday, which one would suit you best");
const QString spoken = QStringLiteral("Sure, we have slots on Monday and");
const QString pick = QStringLiteral("Tuesday works.");
const QString booked = QStringLiteral("Great, you're booked for Tuesday at ten.");

std::function<void(RuntimeOptions &)> options()
{
    return [](RuntimeOptions &options) {
        options.environment.insert(QStringLiteral("ELEVENLABS_WEBHOOK_SECRET"), QString::fromLatin1(secret));
        options.environment.insert(QStringLiteral("TWILIO_AUTH_TOKEN"), QString::fromLatin1(twilioToken));
        options.environment.insert(QStringLiteral("SWITCHBOARD_OUTBOX_PACING"), QStringLiteral("0"));
    };
}

QJsonObject liveEvent(
    const QString &conversation, const QString &type, double secondsIn, QJsonObject body = {})
{
    body.insert(QStringLiteral("type"), type);
    body.insert(QStringLiteral("conversation_id"), conversation);
    body.insert(QStringLiteral("event_timestamp"), double(start) + secondsIn);
    return body;
}

// A recorded-shape conversation: initiation metadata (with the caller), turns, an interruption and
// the agent_response_correction that follows it, a ping, a tool event Switchboard does not know, a
// silence of 11 s before the last agent turn, and the end.
QList<QJsonObject> conversationEvents(const QString &conversation, const QString &phone)
{
    auto turn = [](const char *object, const char *field, const QString &text, int id) {
        return QJsonObject {{QLatin1String(object),
            QJsonObject {{QLatin1String(field), text}, {QStringLiteral("event_id"), id}}}};
    };
    return {
        liveEvent(conversation, QStringLiteral("conversation_initiation_metadata"), 0,
            {{QStringLiteral("conversation_initiation_metadata_event"),
                 QJsonObject {{QStringLiteral("conversation_id"), conversation},
                     {QStringLiteral("agent_output_audio_format"), QStringLiteral("ulaw_8000")},
                     {QStringLiteral("user_input_audio_format"), QStringLiteral("ulaw_8000")}}},
                {QStringLiteral("conversation_initiation_client_data"),
                    QJsonObject {{QStringLiteral("dynamic_variables"),
                        QJsonObject {{QStringLiteral("system__caller_id"), phone}}}}}}),
        liveEvent(conversation, QStringLiteral("agent_response"), 1,
            turn("agent_response_event", "agent_response", greeting, 1)),
        liveEvent(conversation, QStringLiteral("user_transcript"), 4,
            turn("user_transcription_event", "user_transcript", ask, 2)),
        liveEvent(conversation, QStringLiteral("agent_response"), 6,
            turn("agent_response_event", "agent_response", cutOff, 3)),
        liveEvent(conversation, QStringLiteral("interruption"), 8,
            {{QStringLiteral("interruption_event"), QJsonObject {{QStringLiteral("event_id"), 4}}}}),
        liveEvent(conversation, QStringLiteral("agent_response_correction"), 8.5,
            {{QStringLiteral("agent_response_correction_event"),
                QJsonObject {{QStringLiteral("original_agent_response"), cutOff},
                    {QStringLiteral("corrected_agent_response"), spoken}, {QStringLiteral("event_id"), 4}}}}),
        liveEvent(conversation, QStringLiteral("user_transcript"), 9,
            turn("user_transcription_event", "user_transcript", pick, 5)),
        liveEvent(conversation, QStringLiteral("ping"), 10,
            {{QStringLiteral("ping_event"),
                QJsonObject {{QStringLiteral("event_id"), 6}, {QStringLiteral("ping_ms"), 40}}}}),
        liveEvent(conversation, QStringLiteral("agent_tool_response"), 15,
            {{QStringLiteral("agent_tool_response"),
                QJsonObject {{QStringLiteral("tool_name"), QStringLiteral("book_viewing")},
                    {QStringLiteral("tool_call_id"), QStringLiteral("tc_1")}}}}),
        liveEvent(conversation, QStringLiteral("agent_response"), 20,
            turn("agent_response_event", "agent_response", booked, 7)),
        liveEvent(conversation, QStringLiteral("conversation_ended"), 24,
            {{QStringLiteral("termination_reason"), QStringLiteral("end_call tool was called")}}),
    };
}

HttpReply signedPost(TestServer &server, const QString &path, const QJsonObject &body)
{
    const auto bytes = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return request("POST", server.url(path), bytes,
        {{"Content-Type", "application/json"},
            {"ElevenLabs-Signature", ElevenLabsSignature::sign(secret, nowSeconds(), bytes)}});
}

void replay(TestServer &server, const QList<QJsonObject> &events)
{
    for (const auto &body : events) {
        const auto reply
            = signedPost(server, QStringLiteral("/api/webhooks/elevenlabs/conversation-events"), body);
        QCOMPARE(reply.status, 200);
    }
}

// The post-call transcription: the same turns as ElevenLabs' transcript gives them (the interrupted
// agent turn as spoken), timed from start_time_unix_secs.
QJsonObject postCall(const QString &conversation, const QString &phone)
{
    auto turn = [](const char *role, const QString &text, double at) {
        return QJsonObject {{QStringLiteral("role"), QLatin1String(role)}, {QStringLiteral("message"), text},
            {QStringLiteral("time_in_call_secs"), at}};
    };
    return QJsonObject {{QStringLiteral("type"), QStringLiteral("post_call_transcription")},
        {QStringLiteral("event_timestamp"), double(start + 30)},
        {QStringLiteral("data"),
            QJsonObject {{QStringLiteral("agent_id"), QStringLiteral("agent_live")},
                {QStringLiteral("conversation_id"), conversation},
                {QStringLiteral("status"), QStringLiteral("done")},
                {QStringLiteral("transcript"),
                    QJsonArray {turn("agent", greeting, 1), turn("user", ask, 4), turn("agent", spoken, 6),
                        turn("user", pick, 9), turn("agent", booked, 20)}},
                {QStringLiteral("metadata"),
                    QJsonObject {{QStringLiteral("start_time_unix_secs"), double(start)},
                        {QStringLiteral("call_duration_secs"), 24},
                        {QStringLiteral("termination_reason"), QStringLiteral("end_call tool was called")},
                        {QStringLiteral("phone_call"),
                            QJsonObject {{QStringLiteral("direction"), QStringLiteral("inbound")},
                                {QStringLiteral("external_number"), phone},
                                {QStringLiteral("agent_number"), QStringLiteral("+18005550100")}}}}},
                {QStringLiteral("analysis"),
                    QJsonObject {
                        {QStringLiteral("transcript_summary"), QStringLiteral("Viewing booked.")}}}}}};
}

int completedFor(const BusEvents &events, const QString &conversation)
{
    int count = 0;
    for (int i = 0; i < events.types.size(); ++i) {
        if (events.types[i] == QLatin1String("conversation.completed")
            && events.payloads[i].value(QStringLiteral("conversationId")).toString() == conversation)
            ++count;
    }
    return count;
}

// What every variant must end with: one call, five turns in spoken order (the cut-off one corrected and
// marked), the silence, the unknown event, state ended, one conversation.completed.
void verifyCall(TestServer &server, const BusEvents &events, const QString &conversation,
    const QString &phone, bool withPostCall)
{
    Store store(server);
    QCOMPARE(store.count(QStringLiteral("calls"), QStringLiteral("call_ref = ?"), {conversation}), qint64(1));
    const auto callId
        = store.value(QStringLiteral("SELECT id FROM calls WHERE call_ref = ?"), {conversation}).toLongLong();
    const auto reply = adminGet(server, QStringLiteral("/api/calls/%1").arg(callId));
    QCOMPARE(reply.status, 200);
    const auto call = reply.json();
    QCOMPARE(call.value(QStringLiteral("state")).toString(), QStringLiteral("ended"));
    QCOMPARE(call.value(QStringLiteral("status")).toString(), QStringLiteral("completed"));
    QCOMPARE(call.value(QStringLiteral("endReason")).toString(), QStringLiteral("end_call tool was called"));
    const auto turns = call.value(QStringLiteral("turns")).toArray();
    const QStringList expectedText {greeting, ask, spoken, pick, booked};
    const QStringList expectedRole {QStringLiteral("agent"), QStringLiteral("user"), QStringLiteral("agent"),
        QStringLiteral("user"), QStringLiteral("agent")};
    QCOMPARE(turns.size(), 5);
    for (int i = 0; i < turns.size(); ++i) {
        const auto turn = turns[i].toObject();
        QCOMPARE(turn.value(QStringLiteral("text")).toString(), expectedText[i]);
        QCOMPARE(turn.value(QStringLiteral("role")).toString(), expectedRole[i]);
        QCOMPARE(turn.value(QStringLiteral("interrupted")).toBool(), i == 2);
        QCOMPARE(turn.value(QStringLiteral("silenceBeforeSeconds")).toInt(), i == 4 ? 11 : 0);
    }
    QCOMPARE(turns[0].toObject().value(QStringLiteral("at")).toString(),
        QDateTime::fromSecsSinceEpoch(start + 1, Qt::UTC).toString(Qt::ISODateWithMs));
    // 5 turns + interruption + correction + the unknown tool event (the ping is not kept as a call event).
    QCOMPARE(call.value(QStringLiteral("events")).toInt(), 8);
    const auto unknown = call.value(QStringLiteral("unknownEvents")).toArray();
    QCOMPARE(unknown.size(), 1);
    QCOMPARE(unknown[0].toObject().value(QStringLiteral("type")).toString(),
        QStringLiteral("agent_tool_response"));

    // The turns are messages of the lead's voice thread, in the order they were said, linked to the call.
    const auto lead
        = store.value(QStringLiteral("SELECT lead_id FROM calls WHERE id = ?"), {callId}).toLongLong();
    QVERIFY(lead > 0);
    QCOMPARE(store.value(QStringLiteral("SELECT phone FROM leads WHERE id = ?"), {lead}).toString(), phone);
    QStringList bodies, directions;
    QSqlQuery messages(store.db());
    messages.prepare(QStringLiteral(
        "SELECT m.body, m.direction, t.call_id FROM messages m JOIN call_turns t ON t.message_id = m.id "
        "WHERE m.channel = 'voice' AND m.lead_id = ? ORDER BY m.created_at, m.id"));
    messages.bindValue(0, lead);
    QVERIFY(messages.exec());
    while (messages.next()) {
        bodies.append(messages.value(0).toString());
        directions.append(messages.value(1).toString());
        QCOMPARE(messages.value(2).toLongLong(), callId);
    }
    QCOMPARE(bodies, expectedText);
    QCOMPARE(directions,
        (QStringList {QStringLiteral("outbound"), QStringLiteral("inbound"), QStringLiteral("outbound"),
            QStringLiteral("inbound"), QStringLiteral("outbound")}));
    QCOMPARE(store.count(QStringLiteral("messages"), QStringLiteral("lead_id = ? AND channel = 'voice'"),
                 QVariantList {lead}),
        qint64(5));
    QCOMPARE(store.value(QStringLiteral("SELECT started_at FROM calls WHERE id = ?"), {callId}).toLongLong(),
        start * 1000);

    // Exactly one conversation.completed, in the durable log too.
    QTRY_COMPARE(completedFor(events, conversation), 1);
    QCOMPARE(store.count(QStringLiteral("event_log"),
                 QStringLiteral("type = 'conversation.completed' AND data LIKE ?"),
                 QVariantList {QString(QStringLiteral("%") + conversation + QStringLiteral("%"))}),
        qint64(1));
    QVERIFY(
        !store.value(QStringLiteral("SELECT completed_event_at FROM calls WHERE id = ?"), {callId}).isNull());
    if (withPostCall)
        QCOMPARE(store.value(QStringLiteral("SELECT summary FROM calls WHERE id = ?"), {callId}).toString(),
            QStringLiteral("Viewing booked."));
}

} // namespace

class TestLiveCalls : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void conversationInOrder()
    {
        TestServer server(options());
        QVERIFY2(server.started(), qPrintable(server.error()));
        BusEvents events(server.runtime().bus());
        const auto phone = QStringLiteral("+14155550161");
        replay(server, conversationEvents(QStringLiteral("conv_live_order"), phone));
        verifyCall(server, events, QStringLiteral("conv_live_order"), phone, false);

        // The unknown event is kept raw in the inbound log.
        Store store(server);
        QCOMPARE(
            store.count(QStringLiteral("inbound_requests"),
                QStringLiteral("path = '/api/webhooks/elevenlabs/conversation-events' AND event_type = ? "
                               "AND CAST(body AS TEXT) LIKE '%book_viewing%'"),
                {QStringLiteral("agent_tool_response")}),
            qint64(1));
        // A repeat of the end and a late post-call transcript raise nothing again and add no turn.
        replay(
            server, {liveEvent(QStringLiteral("conv_live_order"), QStringLiteral("conversation_ended"), 26)});
        QCOMPARE(signedPost(server, QStringLiteral("/api/webhooks/elevenlabs/post-call"),
                     postCall(QStringLiteral("conv_live_order"), phone))
                     .status,
            200);
        verifyCall(server, events, QStringLiteral("conv_live_order"), phone, true);
    }

    void conversationShuffled()
    {
        TestServer server(options());
        QVERIFY2(server.started(), qPrintable(server.error()));
        BusEvents events(server.runtime().bus());
        for (const quint32 seed : {7u, 19u, 2024u, 31337u}) {
            const auto conversation = QStringLiteral("conv_live_shuffle_%1").arg(seed);
            const auto phone = QStringLiteral("+1415555%1").arg(1000 + seed % 9000, 4, 10, QLatin1Char('0'));
            auto list = conversationEvents(conversation, phone);
            QRandomGenerator random(seed);
            std::shuffle(list.begin(), list.end(), random);
            replay(server, list);
            verifyCall(server, events, conversation, phone, false);
        }
    }

    void postCallBeforeAndAfterLiveEvents()
    {
        TestServer server(options());
        QVERIFY2(server.started(), qPrintable(server.error()));
        BusEvents events(server.runtime().bus());
        // Before: the transcript first, then every live event (in order, then the end again).
        const auto before = QStringLiteral("conv_post_before");
        const auto phoneBefore = QStringLiteral("+14155550171");
        QCOMPARE(signedPost(server, QStringLiteral("/api/webhooks/elevenlabs/post-call"),
                     postCall(before, phoneBefore))
                     .status,
            200);
        QTRY_COMPARE(completedFor(events, before), 1);
        replay(server, conversationEvents(before, phoneBefore));
        verifyCall(server, events, before, phoneBefore, true);

        // After: live events without their end, then the transcript ends the call.
        const auto after = QStringLiteral("conv_post_after");
        const auto phoneAfter = QStringLiteral("+14155550172");
        auto live = conversationEvents(after, phoneAfter);
        live.removeLast();
        replay(server, live);
        Store store(server);
        QCOMPARE(
            store.value(QStringLiteral("SELECT status FROM calls WHERE call_ref = ?"), {after}).toString(),
            QStringLiteral("in-progress"));
        QCOMPARE(completedFor(events, after), 0);
        QCOMPARE(signedPost(server, QStringLiteral("/api/webhooks/elevenlabs/post-call"),
                     postCall(after, phoneAfter))
                     .status,
            200);
        verifyCall(server, events, after, phoneAfter, true);
        // voice.completed later (seed 001's generic route) raises its own event but no second completion.
        const auto voice = QJsonObject {{QStringLiteral("event_type"), QStringLiteral("voice.completed")},
            {QStringLiteral("call_id"), after}, {QStringLiteral("duration"), 24}};
        QCOMPARE(signedPost(server, QStringLiteral("/api/webhooks/elevenlabs"), voice).status, 200);
        QTRY_COMPARE(events.count(QStringLiteral("voice.completed")), 1);
        QCOMPARE(completedFor(events, after), 1);
    }

    void voiceCompletedAloneCompletesOnce()
    {
        TestServer server(options());
        QVERIFY2(server.started(), qPrintable(server.error()));
        BusEvents events(server.runtime().bus());
        const auto voice = QJsonObject {{QStringLiteral("event_type"), QStringLiteral("voice.completed")},
            {QStringLiteral("call_id"), QStringLiteral("conv_voice_only")}, {QStringLiteral("duration"), 12}};
        QCOMPARE(signedPost(server, QStringLiteral("/api/webhooks/elevenlabs"), voice).status, 200);
        QTRY_COMPARE(completedFor(events, QStringLiteral("conv_voice_only")), 1);
        // The end event arriving afterwards: nothing again.
        replay(
            server, {liveEvent(QStringLiteral("conv_voice_only"), QStringLiteral("conversation_ended"), 12)});
        QTest::qWait(100);
        QCOMPARE(completedFor(events, QStringLiteral("conv_voice_only")), 1);
    }

    void unknownEventIsKeptAndShown()
    {
        TestServer server(options());
        QVERIFY2(server.started(), qPrintable(server.error()));
        const auto conversation = QStringLiteral("conv_unknown");
        auto list = conversationEvents(conversation, QStringLiteral("+14155550181"));
        replay(server,
            {list[0],
                liveEvent(conversation, QStringLiteral("brand_new_event"), 2,
                    {{QStringLiteral("brand_new_event"), QJsonObject {{QStringLiteral("x"), 1}}}})});
        Store store(server);
        QCOMPARE(
            store.count(QStringLiteral("inbound_requests"), QStringLiteral("event_type = 'brand_new_event'")),
            qint64(1));
        const auto callId
            = store.value(QStringLiteral("SELECT id FROM calls WHERE call_ref = ?"), {conversation})
                  .toLongLong();
        const auto call = adminGet(server, QStringLiteral("/api/calls/%1").arg(callId)).json();
        QCOMPARE(call.value(QStringLiteral("state")).toString(), QStringLiteral("in_progress"));
        QCOMPARE(call.value(QStringLiteral("unknownEvents"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("type"))
                     .toString(),
            QStringLiteral("brand_new_event"));
        QCOMPARE(store
                     .value(QStringLiteral("SELECT raw FROM call_turns WHERE call_id = ? AND kind = 'event'"),
                         {callId})
                     .toString()
                     .contains(QStringLiteral("\"x\":1")),
            true);
        // A conversation event without a type is refused and stores nothing.
        QCOMPARE(signedPost(server, QStringLiteral("/api/webhooks/elevenlabs/conversation-events"),
                     QJsonObject {{QStringLiteral("conversation_id"), conversation}})
                     .status,
            400);
        QCOMPARE(
            store.count(QStringLiteral("call_turns"), QStringLiteral("call_id = ?"), {callId}), qint64(1));
    }

    void twilioCompletedEndsTheAgentsConversationOnce()
    {
        TestServer server(options());
        QVERIFY2(server.started(), qPrintable(server.error()));
        BusEvents events(server.runtime().bus());
        const auto conversation = QStringLiteral("conv_over_twilio");
        const auto phone = QStringLiteral("+14155550193");
        auto live = conversationEvents(conversation, phone);
        live.removeLast(); // no end event: Twilio says the call is over
        auto initiation = live.takeFirst();
        auto clientData = initiation.value(QStringLiteral("conversation_initiation_client_data")).toObject();
        auto variables = clientData.value(QStringLiteral("dynamic_variables")).toObject();
        variables.insert(QStringLiteral("system__call_sid"), QStringLiteral("CAagent0001"));
        clientData.insert(QStringLiteral("dynamic_variables"), variables);
        initiation.insert(QStringLiteral("conversation_initiation_client_data"), clientData);
        live.prepend(initiation);
        replay(server, live);
        QCOMPARE(completedFor(events, conversation), 0);
        const QList<QPair<QString, QString>> fields {
            {QStringLiteral("CallSid"), QStringLiteral("CAagent0001")},
            {QStringLiteral("AccountSid"), QStringLiteral("AC123")}, {QStringLiteral("From"), phone},
            {QStringLiteral("To"), QStringLiteral("+15005550006")},
            {QStringLiteral("Direction"), QStringLiteral("inbound")},
            {QStringLiteral("CallStatus"), QStringLiteral("completed")},
            {QStringLiteral("CallDuration"), QStringLiteral("24")}};
        const auto url = server.url(QStringLiteral("/api/webhooks/twilio/voice/status"));
        QCOMPARE(request("POST", url, formBody(fields),
                     {{"Content-Type", "application/x-www-form-urlencoded"},
                         {"X-Twilio-Signature",
                             TwilioSignature::sign(twilioToken, url.toEncoded(), formFields(fields))}})
                     .status,
            200);
        QTRY_COMPARE(completedFor(events, conversation), 1);
        Store store(server);
        QCOMPARE(store.value(QStringLiteral("SELECT status FROM calls WHERE call_ref = ?"), {conversation})
                     .toString(),
            QStringLiteral("completed"));
        // The post-call transcript after it: the summary is kept, nothing is raised again.
        QCOMPARE(signedPost(server, QStringLiteral("/api/webhooks/elevenlabs/post-call"),
                     postCall(conversation, phone))
                     .status,
            200);
        QCOMPARE(store.value(QStringLiteral("SELECT summary FROM calls WHERE call_ref = ?"), {conversation})
                     .toString(),
            QStringLiteral("Viewing booked."));
        QTest::qWait(100);
        QCOMPARE(completedFor(events, conversation), 1);
        QCOMPARE(store.count(QStringLiteral("call_turns"),
                     QStringLiteral(
                         "kind IN ('agent', 'user') AND call_id = (SELECT id FROM calls WHERE call_ref = ?)"),
                     {conversation}),
            qint64(5));
    }

    void twilioStatusOutOfOrderStaysEnded()
    {
        TestServer server(options());
        QVERIFY2(server.started(), qPrintable(server.error()));
        auto callback = [&server](const QString &status, const QString &timestamp) {
            const QList<QPair<QString, QString>> fields {
                {QStringLiteral("CallSid"), QStringLiteral("CAlive0001")},
                {QStringLiteral("AccountSid"), QStringLiteral("AC123")},
                {QStringLiteral("From"), QStringLiteral("+14155550191")},
                {QStringLiteral("To"), QStringLiteral("+15005550006")},
                {QStringLiteral("Direction"), QStringLiteral("inbound")},
                {QStringLiteral("CallStatus"), status}, {QStringLiteral("Timestamp"), timestamp}};
            const auto url = server.url(QStringLiteral("/api/webhooks/twilio/voice/status"));
            return request("POST", url, formBody(fields),
                {{"Content-Type", "application/x-www-form-urlencoded"},
                    {"X-Twilio-Signature",
                        TwilioSignature::sign(twilioToken, url.toEncoded(), formFields(fields))}})
                .status;
        };
        QCOMPARE(
            callback(QStringLiteral("completed"), QStringLiteral("Mon, 01 Dec 2025 10:05:00 +0000")), 200);
        QCOMPARE(callback(QStringLiteral("ringing"), QStringLiteral("Mon, 01 Dec 2025 10:00:00 +0000")), 200);
        QCOMPARE(
            callback(QStringLiteral("in-progress"), QStringLiteral("Mon, 01 Dec 2025 10:00:20 +0000")), 200);
        Store store(server);
        const auto row
            = store.row(QStringLiteral("SELECT id, status, end_reason, started_at, ended_at FROM calls "
                                       "WHERE call_ref = 'CAlive0001'"));
        QCOMPARE(row.value(QStringLiteral("status")).toString(), QStringLiteral("completed"));
        QCOMPARE(row.value(QStringLiteral("end_reason")).toString(), QStringLiteral("completed"));
        const qint64 tenOclock = QDateTime(QDate(2025, 12, 1), QTime(10, 0), Qt::UTC).toMSecsSinceEpoch();
        QCOMPARE(row.value(QStringLiteral("started_at")).toLongLong(), tenOclock);
        QCOMPARE(row.value(QStringLiteral("ended_at")).toLongLong(), tenOclock + 5 * 60 * 1000);
        const auto call = adminGet(
            server, QStringLiteral("/api/calls/%1").arg(row.value(QStringLiteral("id")).toLongLong()))
                              .json();
        QCOMPARE(call.value(QStringLiteral("state")).toString(), QStringLiteral("ended"));
        QCOMPARE(call.value(QStringLiteral("turns")).toArray().size(), 0);
        // A missed call ends with its reason.
        const QList<QPair<QString, QString>> busy {{QStringLiteral("CallSid"), QStringLiteral("CAlive0002")},
            {QStringLiteral("AccountSid"), QStringLiteral("AC123")},
            {QStringLiteral("From"), QStringLiteral("+14155550192")},
            {QStringLiteral("To"), QStringLiteral("+15005550006")},
            {QStringLiteral("Direction"), QStringLiteral("inbound")},
            {QStringLiteral("CallStatus"), QStringLiteral("no-answer")}};
        const auto url = server.url(QStringLiteral("/api/webhooks/twilio/voice/status"));
        QCOMPARE(request("POST", url, formBody(busy),
                     {{"Content-Type", "application/x-www-form-urlencoded"},
                         {"X-Twilio-Signature",
                             TwilioSignature::sign(twilioToken, url.toEncoded(), formFields(busy))}})
                     .status,
            200);
        QCOMPARE(store.value(QStringLiteral("SELECT end_reason FROM calls WHERE call_ref = 'CAlive0002'"))
                     .toString(),
            QStringLiteral("no-answer"));
    }
};

QTEST_GUILESS_MAIN(TestLiveCalls)
#include "tst_live_calls.moc"
