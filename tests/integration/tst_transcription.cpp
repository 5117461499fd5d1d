// Transcription of kept call recordings (issue 15 item 3) against the fake OpenAI-compatible server:
// a stored recording of a call without a transcript is sent to POST /v1/audio/transcriptions as
// multipart/form-data (the fake parses it with MultipartParser and checks method, Bearer key, the
// boundary, the file part's name, type and bytes, and the model), the text is stored on the call, logged
// in ai_calls and then analysed; a 500 is retried and the next answer stored; repeated failures are
// recorded; nothing is sent without an AI service; files over 25 MB are refused; the transcribe route
// and the call JSON. SignalWire recordings are fetched only from the configured space, with its
// project's Basic credentials.
#include "DatabaseReader.h"
#include "ProviderTestSupport.h"
#include "WebhookReceiver.h"
#include "channels/AiClient.h"
#include "channels/Transcriber.h"
#include "fakes/OpenAiFake.h"
#include "http/MultipartParser.h"
#include "storage/LeadDirectory.h"
#include "storage/MessagingRepository.h"
#include "storage/RecordingRepository.h"
#include "storage/SqlWorker.h"
#include "storage/TranscriptionRepository.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>

using namespace sb;
using namespace sb::test;

namespace {

const QString analysisAnswer
    = QStringLiteral(R"({"sentiment":"positive","sentimentScore":0.6,"keyPhrases":["quote"],)"
                     R"("actionItems":["call back on Friday"],"followUp":"Call on Friday."})");

QByteArray sampleAudio(int size)
{
    QByteArray bytes("ID3\x04", 4);
    for (int i = bytes.size(); i < size; ++i)
        bytes.append(char((i * 37 + 11) % 253));
    return bytes;
}

std::function<void(RuntimeOptions &)> options(const FakeOpenAi *fake, QMap<QString, QString> extra = {})
{
    return [fake, extra](RuntimeOptions &options) {
        options.environment.insert(QStringLiteral("SWITCHBOARD_TRANSCRIPTION_POLL_MS"), QStringLiteral("50"));
        options.environment.insert(
            QStringLiteral("SWITCHBOARD_TRANSCRIPTION_RETRY_MS"), QStringLiteral("100"));
        options.environment.insert(QStringLiteral("SWITCHBOARD_RECORDING_POLL_MS"), QStringLiteral("50"));
        if (fake) {
            options.environment.insert(QStringLiteral("OPENAI_API_KEY"), fake->apiKey());
            options.environment.insert(QStringLiteral("OPENAI_BASE_URL"), fake->baseUrl());
            options.environment.insert(QStringLiteral("SWITCHBOARD_AI_MODEL"), fake->model());
        }
        for (auto it = extra.begin(); it != extra.end(); ++it)
            options.environment.insert(it.key(), it.value());
    };
}

// Runs `change` on the server's writer and waits for it.
void onWriter(TestServer &server, std::function<void(SqlContext &)> change)
{
    bool done = false;
    QObject context;
    SqlJob job;
    job.run = [change](SqlContext &c) -> ApiResult {
        change(c);
        return ApiResponse {};
    };
    job.replyContext = &context;
    job.done = [&done](const ApiResult &) { done = true; };
    server.runtime().writer().submit(std::move(job));
    QVERIFY(QTest::qWaitFor([&done] { return done; }, 10000));
}

struct Seeded
{
    qint64 callId = 0;
    qint64 recordingId = 0;
};

// A completed Twilio call of a lead with a stored recording of `audio` (as the fetcher leaves it).
Seeded seedCall(TestServer &server, const QString &callRef, const QByteArray &audio, const QString &phone)
{
    Seeded seeded;
    onWriter(server, [&](SqlContext &context) {
        CallUpdate update;
        update.provider = QStringLiteral("twilio");
        update.callRef = callRef;
        update.leadId = LeadDirectory::forPhone(context, phone, QStringLiteral("test"), {}).id;
        update.direction = QStringLiteral("inbound");
        update.from = phone;
        update.to = QStringLiteral("+15005550006");
        update.status = CallStatus::Completed;
        update.durationSeconds = 42;
        seeded.callId
            = MessagingRepository::upsertCall(context, update).value(QStringLiteral("id")).toInteger();
        const QDir directory(RecordingRepository::directoryOf(context));
        directory.mkpath(QStringLiteral("."));
        const auto path = directory.filePath(QStringLiteral("%1.mp3").arg(seeded.callId));
        QFile file(path);
        if (file.open(QIODevice::WriteOnly))
            file.write(audio);
        file.close();
        seeded.recordingId = RecordingRepository::storeDirect(context, seeded.callId,
            QStringLiteral("twilio"), path, QStringLiteral("audio/mpeg"), audio.size());
    });
    return seeded;
}

QString stateOf(const DatabaseReader &db, qint64 recordingId)
{
    return db.row(QStringLiteral("SELECT state FROM transcriptions WHERE recording_id = ?"), {recordingId})
        .value(QStringLiteral("state"))
        .toString();
}

int count(const DatabaseReader &db, const QString &sql, const QVariantList &values = {})
{
    return db.row(sql, values).value(QStringLiteral("n")).toInt();
}

} // namespace

class TestTranscription : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { AiRateLimiter::shared().reset(); }

    void storedRecordingIsTranscribedThenAnalysed()
    {
        FakeOpenAi fake;
        fake.setReply(analysisAnswer);
        const auto audio = sampleAudio(48 * 1024);
        fake.expectAudio(audio);
        TestServer server(options(&fake));
        QVERIFY2(server.started(), qPrintable(server.error()));
        const auto seeded
            = seedCall(server, QStringLiteral("CA_tr_1"), audio, QStringLiteral("+14155550161"));
        QVERIFY(seeded.recordingId > 0);

        QTRY_COMPARE_WITH_TIMEOUT(fake.transcriptions().size(), 1, 10000);
        QVERIFY2(fake.violations().isEmpty(), qPrintable(fake.violations().join(QStringLiteral("; "))));
        // The multipart upload as sent: the file with its name and type, the model, JSON answers.
        const auto &sent = fake.transcriptions().first();
        const auto parsed
            = MultipartParser::parse(sent.header("Content-Type"), sent.body, {1000, 1 << 24, 8192});
        QVERIFY(parsed.ok());
        QCOMPARE(parsed.files().size(), 1);
        QCOMPARE(parsed.files().first().filename, QStringLiteral("recording-%1.mp3").arg(seeded.callId));
        QCOMPARE(parsed.files().first().contentType, QByteArray("audio/mpeg"));
        QCOMPARE(parsed.files().first().body, audio);
        QCOMPARE(parsed.fields().value(QStringLiteral("model")), QStringLiteral("whisper-1"));
        QCOMPARE(parsed.fields().value(QStringLiteral("response_format")), QStringLiteral("json"));

        DatabaseReader db(server);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(db, seeded.recordingId), QStringLiteral("done"), 10000);
        const auto call
            = db.row(QStringLiteral("SELECT transcript FROM calls WHERE id = ?"), {seeded.callId});
        QCOMPARE(call.value(QStringLiteral("transcript")).toString(),
            QStringLiteral("Hello, this is Ada. Please call me back on Friday about the quote."));
        const auto logged = db.row(QStringLiteral(
            "SELECT model, status, http_status FROM ai_calls WHERE purpose = 'transcription'"));
        QCOMPARE(logged.value(QStringLiteral("model")).toString(), QStringLiteral("whisper-1"));
        QCOMPARE(logged.value(QStringLiteral("status")).toString(), QStringLiteral("succeeded"));
        QCOMPARE(logged.value(QStringLiteral("http_status")).toInt(), 200);

        // Then analysed like a provider's transcript: the chat completion carries the transcribed text.
        QTRY_COMPARE_WITH_TIMEOUT(fake.accepted().size(), 1, 10000);
        QVERIFY(QString::fromUtf8(fake.accepted().first().body)
                    .contains(QStringLiteral("call me back on Friday")));
        QTRY_COMPARE_WITH_TIMEOUT(
            count(db,
                QStringLiteral("SELECT COUNT(*) AS n FROM ai_analyses WHERE subject_kind = "
                               "'call' AND subject_id = ? AND status = 'ok'"),
                {seeded.callId}),
            1, 10000);

        // The call JSON: its recording and where the transcript came from.
        const auto json = adminGet(server, QStringLiteral("/api/calls/%1").arg(seeded.callId)).json();
        QCOMPARE(json.value(QStringLiteral("transcriptSource")).toString(), QStringLiteral("transcription"));
        const auto recording = json.value(QStringLiteral("recording")).toObject();
        QCOMPARE(recording.value(QStringLiteral("id")).toInteger(), seeded.recordingId);
        QCOMPARE(recording.value(QStringLiteral("state")).toString(), QStringLiteral("stored"));
        QCOMPARE(recording.value(QStringLiteral("bytes")).toInteger(), qint64(audio.size()));
        QCOMPARE(recording.value(QStringLiteral("audioUrl")).toString(),
            QStringLiteral("/api/recordings/%1/audio").arg(seeded.recordingId));
        QCOMPARE(recording.value(QStringLiteral("transcription"))
                     .toObject()
                     .value(QStringLiteral("state"))
                     .toString(),
            QStringLiteral("done"));
        // Sent once: a transcribed call is not queued again.
        QTest::qWait(300);
        QCOMPARE(fake.transcriptions().size(), 1);

        // Purging the lead erases what was said with the recording.
        const auto lead = db.row(QStringLiteral("SELECT lead_id FROM calls WHERE id = ?"), {seeded.callId})
                              .value(QStringLiteral("lead_id"))
                              .toLongLong();
        const auto purge = adminSend(server, "DELETE", QStringLiteral("/api/leads/%1?purge=true").arg(lead));
        QCOMPARE(purge.status, 200);
        QCOMPARE(purge.json()
                     .value(QStringLiteral("removed"))
                     .toObject()
                     .value(QStringLiteral("transcriptions"))
                     .toInt(),
            1);
        QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) AS n FROM transcriptions")), 0);
    }

    void modelSettingAndRerun()
    {
        FakeOpenAi fake;
        fake.setReply(analysisAnswer);
        fake.setTranscriptionModel(QStringLiteral("gpt-4o-mini-transcribe"));
        TestServer server(options(&fake));
        QVERIFY2(server.started(), qPrintable(server.error()));
        const auto put = adminSend(server, "PUT", QStringLiteral("/api/ai/settings"),
            QJsonObject {{QStringLiteral("transcription_model"), QStringLiteral("gpt-4o-mini-transcribe")}});
        QCOMPARE(put.status, 200);
        QCOMPARE(put.json().value(QStringLiteral("transcription_model")).toString(),
            QStringLiteral("gpt-4o-mini-transcribe"));
        const auto seeded
            = seedCall(server, QStringLiteral("CA_tr_2"), sampleAudio(4096), QStringLiteral("+14155550162"));
        DatabaseReader db(server);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(db, seeded.recordingId), QStringLiteral("done"), 10000);
        QVERIFY2(fake.violations().isEmpty(), qPrintable(fake.violations().join(QStringLiteral("; "))));

        QTRY_COMPARE_WITH_TIMEOUT(fake.accepted().size(), 1, 10000); // analysed

        // Re-run: the new text replaces the transcript and is analysed afresh.
        fake.setTranscript(QStringLiteral("Second pass: Ada wants the quote by Friday."));
        const auto rerun = adminSend(
            server, "POST", QStringLiteral("/api/recordings/%1/transcribe").arg(seeded.recordingId));
        QCOMPARE(rerun.status, 202);
        QCOMPARE(rerun.json().value(QStringLiteral("callId")).toInteger(), seeded.callId);
        QTRY_COMPARE_WITH_TIMEOUT(fake.transcriptions().size(), 2, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(
            db.row(QStringLiteral("SELECT transcript FROM calls WHERE id = ?"), {seeded.callId})
                .value(QStringLiteral("transcript"))
                .toString(),
            QStringLiteral("Second pass: Ada wants the quote by Friday."), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(fake.accepted().size(), 2, 10000);
        QVERIFY(QString::fromUtf8(fake.accepted().last().body).contains(QStringLiteral("Second pass")));
        QCOMPARE(adminGet(server, QStringLiteral("/api/calls/%1").arg(seeded.callId))
                     .json()
                     .value(QStringLiteral("transcriptSource"))
                     .toString(),
            QStringLiteral("transcription"));

        // 404 unknown, 409 not stored (state named).
        QCOMPARE(adminSend(server, "POST", QStringLiteral("/api/recordings/99999/transcribe")).status, 404);
        qint64 queued = 0;
        onWriter(server, [&](SqlContext &context) {
            CallUpdate update;
            update.provider = QStringLiteral("twilio");
            update.callRef = QStringLiteral("CA_tr_queued");
            update.status = CallStatus::Completed;
            const auto callId
                = MessagingRepository::upsertCall(context, update).value(QStringLiteral("id")).toInteger();
            queued = RecordingRepository::enqueue(context, callId, QStringLiteral("twilio"),
                QStringLiteral("https://evil.example/recording"), 5);
        });
        const auto conflict
            = adminSend(server, "POST", QStringLiteral("/api/recordings/%1/transcribe").arg(queued));
        QCOMPARE(conflict.status, 409);
        QVERIFY(conflict.json()
                    .value(QStringLiteral("detail"))
                    .toString()
                    .contains(QStringLiteral("not stored")));
        QCOMPARE(request("POST",
                     server.url(QStringLiteral("/api/recordings/%1/transcribe").arg(seeded.recordingId)))
                     .status,
            401);
    }

    void serverErrorIsRetriedThenStored()
    {
        FakeOpenAi fake;
        fake.setReply(analysisAnswer);
        fake.answerNext(FakeOpenAi::Scripted::ServerError);
        TestServer server(options(&fake));
        QVERIFY2(server.started(), qPrintable(server.error()));
        const auto seeded
            = seedCall(server, QStringLiteral("CA_tr_3"), sampleAudio(2048), QStringLiteral("+14155550163"));
        DatabaseReader db(server);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(db, seeded.recordingId), QStringLiteral("done"), 15000);
        const auto row
            = db.row(QStringLiteral("SELECT attempts, last_error FROM transcriptions WHERE recording_id = ?"),
                {seeded.recordingId});
        QCOMPARE(row.value(QStringLiteral("attempts")).toInt(), 2);
        QVERIFY(row.value(QStringLiteral("last_error")).isNull());
        QCOMPARE(count(db,
                     QStringLiteral("SELECT COUNT(*) AS n FROM ai_calls WHERE purpose = 'transcription' AND "
                                    "status = 'failed' AND http_status = 500")),
            1);
        QCOMPARE(count(db,
                     QStringLiteral("SELECT COUNT(*) AS n FROM ai_calls WHERE purpose = 'transcription' AND "
                                    "status = 'succeeded'")),
            1);
        QVERIFY(!db.row(QStringLiteral("SELECT transcript FROM calls WHERE id = ?"), {seeded.callId})
                     .value(QStringLiteral("transcript"))
                     .toString()
                     .isEmpty());
    }

    void repeatedErrorsAreRecorded()
    {
        FakeOpenAi fake;
        for (int i = 0; i < 4; ++i)
            fake.answerNext(FakeOpenAi::Scripted::ServerError);
        TestServer server(options(&fake));
        QVERIFY2(server.started(), qPrintable(server.error()));
        const auto seeded
            = seedCall(server, QStringLiteral("CA_tr_4"), sampleAudio(2048), QStringLiteral("+14155550164"));
        DatabaseReader db(server);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(db, seeded.recordingId), QStringLiteral("failed"), 20000);
        const auto row
            = db.row(QStringLiteral("SELECT attempts, last_error FROM transcriptions WHERE recording_id = ?"),
                {seeded.recordingId});
        QCOMPARE(row.value(QStringLiteral("attempts")).toInt(), 4);
        QVERIFY2(row.value(QStringLiteral("last_error")).toString().contains(QStringLiteral("500")),
            qPrintable(row.value(QStringLiteral("last_error")).toString()));
        QVERIFY(!row.value(QStringLiteral("last_error")).toString().contains(fake.apiKey()));
        QCOMPARE(fake.received().size(), 4);
        QVERIFY(db.row(QStringLiteral("SELECT transcript FROM calls WHERE id = ?"), {seeded.callId})
                    .value(QStringLiteral("transcript"))
                    .isNull());
        const auto json = adminGet(server, QStringLiteral("/api/calls/%1").arg(seeded.callId)).json();
        QVERIFY(json.value(QStringLiteral("transcriptSource")).isNull());
        const auto transcription = json.value(QStringLiteral("recording"))
                                       .toObject()
                                       .value(QStringLiteral("transcription"))
                                       .toObject();
        QCOMPARE(transcription.value(QStringLiteral("state")).toString(), QStringLiteral("failed"));
        QVERIFY(transcription.value(QStringLiteral("error")).toString().contains(QStringLiteral("500")));
    }

    void withoutAiNothingIsSent()
    {
        FakeOpenAi fake;
        TestServer server(options(nullptr));
        QVERIFY2(server.started(), qPrintable(server.error()));
        const auto seeded
            = seedCall(server, QStringLiteral("CA_tr_5"), sampleAudio(2048), QStringLiteral("+14155550165"));
        QTest::qWait(500); // ten polls
        DatabaseReader db(server);
        QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) AS n FROM transcriptions")), 0);
        QVERIFY(fake.received().isEmpty());
        const auto unavailable = adminSend(
            server, "POST", QStringLiteral("/api/recordings/%1/transcribe").arg(seeded.recordingId));
        QCOMPARE(unavailable.status, 503);
        QVERIFY(unavailable.json()
                    .value(QStringLiteral("detail"))
                    .toString()
                    .contains(QStringLiteral("AI is not configured")));
        QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) AS n FROM transcriptions")), 0);
    }

    // A provider's transcript that arrives while ours runs is kept; a re-run asked for replaces it.
    void providerTranscriptIsKeptUnlessAsked()
    {
        TestServer server(options(nullptr));
        QVERIFY2(server.started(), qPrintable(server.error()));
        const auto seeded
            = seedCall(server, QStringLiteral("CA_tr_7"), sampleAudio(1024), QStringLiteral("+14155550167"));
        bool keptProvider = true;
        bool replaced = false;
        onWriter(server, [&](SqlContext &context) {
            QCOMPARE(TranscriptionRepository::enqueueMissing(context), 1);
            const auto row = TranscriptionRepository::ofRecording(context, seeded.recordingId);
            QVERIFY(row.has_value());
            context.write(QStringLiteral("UPDATE calls SET transcript = 'From the provider' WHERE id = ?"),
                {seeded.callId});
            keptProvider = !TranscriptionRepository::markDone(
                context, row->id, QStringLiteral("Ours"), QStringLiteral("whisper-1"));
            QCOMPARE(TranscriptionRepository::sourceOfCall(context, seeded.callId),
                std::optional(TranscriptSource::Provider));
            TranscriptionRepository::request(context, seeded.recordingId, seeded.callId);
            replaced = TranscriptionRepository::markDone(
                context, row->id, QStringLiteral("Ours again"), QStringLiteral("whisper-1"));
            QCOMPARE(TranscriptionRepository::sourceOfCall(context, seeded.callId),
                std::optional(TranscriptSource::Transcription));
            QCOMPARE(TranscriptionRepository::enqueueMissing(context), 0); // nothing left without one
        });
        QVERIFY(keptProvider);
        QVERIFY(replaced);
        DatabaseReader db(server);
        QCOMPARE(db.row(QStringLiteral("SELECT transcript FROM calls WHERE id = ?"), {seeded.callId})
                     .value(QStringLiteral("transcript"))
                     .toString(),
            QStringLiteral("Ours again"));
    }

    void overTheSizeLimitIsRefusedUnsent()
    {
        FakeOpenAi fake;
        TestServer server(options(&fake));
        QVERIFY2(server.started(), qPrintable(server.error()));
        const auto seeded = seedCall(server, QStringLiteral("CA_tr_6"), QByteArray(25 * 1024 * 1024 + 1, 'x'),
            QStringLiteral("+14155550166"));
        DatabaseReader db(server);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(db, seeded.recordingId), QStringLiteral("refused"), 10000);
        const auto error
            = db.row(QStringLiteral("SELECT last_error FROM transcriptions WHERE recording_id = ?"),
                    {seeded.recordingId})
                  .value(QStringLiteral("last_error"))
                  .toString();
        QVERIFY2(error.contains(QStringLiteral("25 MB")), qPrintable(error));
        QVERIFY(fake.received().isEmpty());
    }

    // The fake refuses what OpenAI refuses, and says why.
    void fakeRefusesBadUploads()
    {
        FakeOpenAi fake;
        const QUrl url(fake.baseUrl() + QStringLiteral("/audio/transcriptions"));
        const QByteArray bearer = "Bearer " + fake.apiKey().toUtf8();
        const auto audio = sampleAudio(1024);
        const auto good = Transcriber::multipartBody("b0undary", QStringLiteral("recording-1.mp3"),
            QStringLiteral("audio/mpeg"), audio, QStringLiteral("whisper-1"));
        const auto ok = request("POST", url, good,
            {{"Authorization", bearer}, {"Content-Type", "multipart/form-data; boundary=b0undary"}});
        QCOMPARE(ok.status, 200);
        QVERIFY(fake.violations().isEmpty());
        QCOMPARE(Transcriber::textOf(ok.body).value_or(QString()),
            QStringLiteral("Hello, this is Ada. Please call me back on Friday about the quote."));

        const auto wrongModel = request("POST", url,
            Transcriber::multipartBody("b0undary", QStringLiteral("recording-1.mp3"),
                QStringLiteral("audio/mpeg"), audio, QStringLiteral("whisper-9")),
            {{"Authorization", bearer}, {"Content-Type", "multipart/form-data; boundary=b0undary"}});
        QCOMPARE(wrongModel.status, 404);
        QCOMPARE(wrongModel.json()
                     .value(QStringLiteral("error"))
                     .toObject()
                     .value(QStringLiteral("code"))
                     .toString(),
            QStringLiteral("model_not_found"));
        const auto noExtension = request("POST", url,
            Transcriber::multipartBody("b0undary", QStringLiteral("recording"), QStringLiteral("audio/mpeg"),
                audio, QStringLiteral("whisper-1")),
            {{"Authorization", bearer}, {"Content-Type", "multipart/form-data; boundary=b0undary"}});
        QCOMPARE(noExtension.status, 400);
        const auto noBoundary = request(
            "POST", url, good, {{"Authorization", bearer}, {"Content-Type", "multipart/form-data"}});
        QCOMPARE(noBoundary.status, 400);
        const auto noKey
            = request("POST", url, good, {{"Content-Type", "multipart/form-data; boundary=b0undary"}});
        QCOMPARE(noKey.status, 401);
        QCOMPARE(fake.violations().size(), 4);
        QCOMPARE(fake.transcriptions().size(), 1);
    }

    // https://developer.signalwire.com/compatibility-api/rest/retrieve-a-recording: the recording is
    // on the space (…/api/laml/2010-04-01/Accounts/{ProjectId}/Recordings/{Sid}, ".mp3" for MP3), and
    // the API authenticates with Basic ProjectID:APIToken.
    void signalWireRecordingsOnlyFromTheSpace()
    {
        const QString project = QStringLiteral("8f3ac6a2-0b1e-4c27-9d4f-0c2a6b1e9f11");
        const QString apiToken = QStringLiteral("PTsignalwire-api-token-0042");
        const auto audio = sampleAudio(8192);
        WebhookReceiver space;
        WebhookReceiver elsewhere;
        QStringList violations;
        space.setResponder([&](const WebhookReceiver::Received &r) {
            WebhookReceiver::Answer answer;
            const QString credentials = project + QLatin1Char(':') + apiToken;
            const QByteArray expected = "Basic " + credentials.toUtf8().toBase64();
            if (r.method != "GET")
                violations.append(QStringLiteral("method %1").arg(QString::fromUtf8(r.method)));
            const QByteArray prefix = "/api/laml/2010-04-01/Accounts/" + project.toUtf8() + "/Recordings/";
            if (!r.target.startsWith(prefix) || !r.target.endsWith(".mp3"))
                violations.append(QStringLiteral("path %1").arg(QString::fromUtf8(r.target)));
            if (r.header("Authorization") != expected) {
                violations.append(QStringLiteral("no Basic ProjectID:APIToken"));
                answer.status = 401;
                answer.body = R"({"code":"401","message":"Unauthorized"})";
                return answer;
            }
            answer.headers = {{"Content-Type", "audio/mpeg"}};
            answer.body = audio;
            return answer;
        });
        const auto spaceUrl = QStringLiteral("http://127.0.0.1:%1").arg(space.port());
        TestServer server(options(nullptr,
            {{QStringLiteral("SIGNALWIRE_SPACE_URL"), spaceUrl},
                {QStringLiteral("SIGNALWIRE_PROJECT_ID"), project},
                {QStringLiteral("SIGNALWIRE_API_TOKEN"), apiToken}}));
        QVERIFY2(server.started(), qPrintable(server.error()));
        const auto recordingPath
            = QStringLiteral("/api/laml/2010-04-01/Accounts/%1/Recordings/%2").arg(project);
        qint64 good = 0;
        qint64 offSpace = 0;
        onWriter(server, [&](SqlContext &context) {
            const QString goodUrl = spaceUrl + recordingPath.arg(QStringLiteral("RE1"));
            const QString offSpaceUrl = QStringLiteral("http://localhost:%1").arg(elsewhere.port())
                + recordingPath.arg(QStringLiteral("RE2"));
            const QList<std::tuple<QString, QString, qint64 *>> rows {
                {QStringLiteral("sw-call-1"), goodUrl, &good},
                {QStringLiteral("sw-call-2"), offSpaceUrl, &offSpace}};
            for (const auto &[ref, url, target] : rows) {
                CallUpdate update;
                update.provider = QStringLiteral("signalwire");
                update.callRef = ref;
                update.status = CallStatus::Completed;
                const auto callId = MessagingRepository::upsertCall(context, update)
                                        .value(QStringLiteral("id"))
                                        .toInteger();
                *target = RecordingRepository::enqueue(context, callId, QStringLiteral("signalwire"), url, 8);
            }
        });
        DatabaseReader db(server);
        const auto state = [&db](qint64 id) {
            return db.row(QStringLiteral("SELECT state FROM recordings WHERE id = ?"), {id})
                .value(QStringLiteral("state"))
                .toString();
        };
        QTRY_VERIFY2_WITH_TIMEOUT(state(good) == QStringLiteral("stored"),
            qPrintable(db.row(QStringLiteral("SELECT state, last_error FROM recordings WHERE id = ?"), {good})
                           .value(QStringLiteral("last_error"))
                           .toString()
                + violations.join(QStringLiteral("; "))),
            10000);
        QTRY_COMPARE_WITH_TIMEOUT(state(offSpace), QStringLiteral("refused"), 10000);
        QVERIFY2(violations.isEmpty(), qPrintable(violations.join(QStringLiteral("; "))));
        QCOMPARE(space.received().size(), 1);
        QVERIFY(elsewhere.received().isEmpty());
        const auto error
            = db.row(QStringLiteral("SELECT last_error FROM recordings WHERE id = ?"), {offSpace})
                  .value(QStringLiteral("last_error"))
                  .toString();
        QVERIFY2(error.contains(QStringLiteral("not the SignalWire space host")), qPrintable(error));
        QCOMPARE(adminGet(server, QStringLiteral("/api/recordings/%1/audio").arg(good)).body, audio);
    }

    void signalWireWithoutASpaceIsRefused()
    {
        WebhookReceiver host;
        TestServer server(options(nullptr));
        QVERIFY2(server.started(), qPrintable(server.error()));
        qint64 id = 0;
        onWriter(server, [&](SqlContext &context) {
            CallUpdate update;
            update.provider = QStringLiteral("signalwire");
            update.callRef = QStringLiteral("sw-call-3");
            update.status = CallStatus::Completed;
            const auto callId
                = MessagingRepository::upsertCall(context, update).value(QStringLiteral("id")).toInteger();
            id = RecordingRepository::enqueue(
                context, callId, QStringLiteral("signalwire"), host.url(QStringLiteral("/rec/RE3")), 8);
        });
        DatabaseReader db(server);
        QTRY_COMPARE_WITH_TIMEOUT(db.row(QStringLiteral("SELECT state FROM recordings WHERE id = ?"), {id})
                                      .value(QStringLiteral("state"))
                                      .toString(),
            QStringLiteral("refused"), 10000);
        QVERIFY(host.received().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestTranscription)
#include "tst_transcription.moc"
