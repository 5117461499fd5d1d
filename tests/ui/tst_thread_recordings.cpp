// Recordings in the thread (issue 15 item 2): a call with a stored recording links to the LOCAL file —
// "Play recording" resolves to it (the URL opener is captured, no player starts) and "Save as…" copies
// identical bytes; a recording still downloading says so, a refused one says why; a failed transcription
// names its reason; a transcript shows its first lines and opens in full on demand.
#include "TestSupport.h"
#include "conversations/MessageThreadView.h"
#include "storage/LeadDirectory.h"
#include "storage/MessagingRepository.h"
#include "storage/RecordingRepository.h"
#include "storage/SqlWorker.h"
#include "storage/TranscriptionRepository.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>

using namespace sb;
using namespace sb::test;

namespace {

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

qint64 addCall(SqlContext &context, qint64 leadId, const QString &ref, const QString &transcript = {})
{
    CallUpdate update;
    update.provider = QStringLiteral("twilio");
    update.callRef = ref;
    update.leadId = leadId;
    update.direction = QStringLiteral("inbound");
    update.from = QStringLiteral("+14155550170");
    update.to = QStringLiteral("+15005550006");
    update.status = CallStatus::Completed;
    update.durationSeconds = 65;
    update.transcript = transcript;
    return MessagingRepository::upsertCall(context, update).value(QStringLiteral("id")).toInteger();
}

} // namespace

class ThreadRecordingsTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void storedRecordingPlaysAndSavesTheLocalFile()
    {
        TestServer server;
        QVERIFY2(server.started(), qPrintable(server.error()));
        QByteArray audio("ID3\x04", 4);
        for (int i = 0; i < 20000; ++i)
            audio.append(char((i * 13 + 5) % 251));
        qint64 conversationId = 0;
        qint64 stored = 0;
        qint64 downloading = 0;
        qint64 refused = 0;
        QString storedPath;
        const QString longTranscript = QStringLiteral(
            "Agent: Hello, this is Switchboard.\nCaller: Hi, I'd like a quote for the roof.\nAgent: Sure, "
            "when suits you?\nCaller: Friday morning, please call me back then.");
        onWriter(server, [&](SqlContext &context) {
            const auto lead
                = LeadDirectory::forPhone(context, QStringLiteral("+14155550170"), QStringLiteral("test"), {})
                      .id;
            const auto first = addCall(context, lead, QStringLiteral("CA_ui_1"), longTranscript);
            const QDir directory(RecordingRepository::directoryOf(context));
            directory.mkpath(QStringLiteral("."));
            storedPath = directory.filePath(QStringLiteral("%1.mp3").arg(first));
            QFile file(storedPath);
            if (file.open(QIODevice::WriteOnly))
                file.write(audio);
            file.close();
            stored = RecordingRepository::storeDirect(context, first, QStringLiteral("twilio"), storedPath,
                QStringLiteral("audio/mpeg"), audio.size());
            const auto second = addCall(context, lead, QStringLiteral("CA_ui_2"));
            downloading = RecordingRepository::enqueue(context, second, QStringLiteral("twilio"),
                QStringLiteral("https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE2"), 30);
            // Waiting for its next attempt (not due while the test runs).
            RecordingRepository::markRetry(context, downloading, context.nowMs() + 3600'000,
                QStringLiteral("HTTP 404 (the media may not be ready yet)"), std::nullopt, 0);
            const auto third = addCall(context, lead, QStringLiteral("CA_ui_3"));
            refused = RecordingRepository::enqueue(
                context, third, QStringLiteral("twilio"), QStringLiteral("https://evil.example/RE3"), 30);
            RecordingRepository::markEnded(context, refused, RecordingState::Refused,
                QStringLiteral(
                    "the recording URL is on host evil.example, not the Twilio API host api.twilio.com"));
            // A stored recording whose transcription failed.
            const auto fourth = addCall(context, lead, QStringLiteral("CA_ui_4"));
            const auto fourthRecording = RecordingRepository::storeDirect(context, fourth,
                QStringLiteral("twilio"), storedPath, QStringLiteral("audio/mpeg"), audio.size());
            const auto transcription = TranscriptionRepository::request(context, fourthRecording, fourth);
            TranscriptionRepository::markEnded(context, transcription, TranscriptionState::Failed,
                QStringLiteral("OpenAI answered 500: The server had an error"));
            conversationId = MessagingRepository::conversationFor(context, lead, Channel::Voice);
        });
        QVERIFY(conversationId > 0);

        MessageThreadView view(server.runtime());
        view.resize(700, 800);
        view.show();
        QList<QUrl> opened;
        view.setUrlOpener([&opened](const QUrl &url) {
            opened.append(url);
            return true;
        });
        ConversationRow row;
        row.id = conversationId;
        row.channel = Channel::Voice;
        row.messageCount = 4;
        QSignalSpy loaded(&view, &MessageThreadView::loaded);
        view.load(row);
        QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty(), 10000);
        QCOMPARE(int(view.entries().size()), 4);

        const auto html = view.browser()->toHtml();
        QVERIFY(html.contains(QStringLiteral("recording:play:%1").arg(stored)));
        QVERIFY(html.contains(QStringLiteral("recording:save:%1").arg(stored)));
        QVERIFY(!html.contains(QStringLiteral("recording:play:%1").arg(downloading)));
        const auto text = view.browser()->toPlainText();
        QVERIFY2(text.contains(QStringLiteral("Recording downloading…")), qPrintable(text));
        QVERIFY(
            text.contains(QStringLiteral("Recording refused: the recording URL is on host evil.example")));
        QVERIFY(text.contains(QStringLiteral("Transcription failed: OpenAI answered 500")));
        // The transcript's first lines, the rest on demand.
        QVERIFY(text.contains(QStringLiteral("Hi, I'd like a quote for the roof.")));
        QVERIFY(!text.contains(QStringLiteral("Friday morning")));
        const auto dir = qEnvironmentVariable("SWITCHBOARD_SCREENSHOT_DIR");
        if (!dir.isEmpty()) {
            QTest::qWait(100);
            view.grab().save(dir + QStringLiteral("/thread-recordings.png"));
        }
        emit view.browser()->anchorClicked(
            QUrl(QStringLiteral("recording:transcript:%1").arg(view.entries().front().id)));
        QVERIFY(view.browser()->toPlainText().contains(
            QStringLiteral("Friday morning, please call me back then.")));
        if (!dir.isEmpty()) {
            QTest::qWait(100);
            view.grab().save(dir + QStringLiteral("/thread-recordings-transcript.png"));
        }

        // Play: the local file, through the opener (the link does what the function does).
        emit view.browser()->anchorClicked(QUrl(QStringLiteral("recording:play:%1").arg(stored)));
        QCOMPARE(opened.size(), 1);
        QCOMPARE(opened.first(), QUrl::fromLocalFile(storedPath));
        QVERIFY(opened.first().isLocalFile());
        QVERIFY(!view.playRecording(downloading));
        QVERIFY(!view.playRecording(refused));
        QCOMPARE(opened.size(), 1);

        // Save as: identical bytes.
        QTemporaryDir target;
        const auto copy = target.filePath(QStringLiteral("saved.mp3"));
        QVERIFY(view.saveRecording(stored, copy));
        QFile saved(copy);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QCOMPARE(saved.readAll(), audio);
        QVERIFY(!view.saveRecording(downloading, target.filePath(QStringLiteral("nothing.mp3"))));
        QVERIFY(!QFile::exists(target.filePath(QStringLiteral("nothing.mp3"))));
    }
};

QTEST_MAIN(ThreadRecordingsTest)
#include "tst_thread_recordings.moc"
