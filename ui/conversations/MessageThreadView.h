#pragma once

#include "domain/LiveCall.h"
#include "storage/ConversationRepository.h"

#include <QHash>
#include <QSet>
#include <QUrl>
#include <QWidget>
#include <functional>

class QLabel;
class QTextBrowser;
class QTimer;

namespace sb {

class ReplyComposer;
class Runtime;

// One thread as a chat: inbound messages left, outbound right with their delivery ticks, email
// subjects, and calls with their duration and recording link. Read on the reader thread. A failed
// outbound message shows the provider's reason and a Retry link; the reply composer sits below.
class MessageThreadView : public QWidget
{
    Q_OBJECT
public:
    static constexpr int entryLimit = 300;

    explicit MessageThreadView(Runtime &runtime, QWidget *parent = nullptr);

    void load(const ConversationRow &thread);
    void clear();
    void reload();
    qint64 conversationId() const { return m_thread.id; }
    const std::vector<ThreadEntry> &entries() const { return m_entries; }
    QTextBrowser *browser() const { return m_browser; }
    ReplyComposer *composer() const { return m_composer; }
    // The Retry link of a failed message (what clicking it does).
    void retryMessage(qint64 messageId);
    // An analysis's "Add task" link: accepts action item `index` as a follow-up task (once).
    void acceptActionItem(qint64 analysisId, int index);
    // A call's kept recording: "Play recording" opens the local file with the system's player (through
    // the URL opener); "Save as…" copies it (asking where when `target` is empty). False when the
    // recording is not stored here or the copy failed.
    bool playRecording(qint64 recordingId);
    bool saveRecording(qint64 recordingId, const QString &target = {});
    // How URLs are opened: QDesktopServices::openUrl unless replaced (tests capture the URL).
    void setUrlOpener(std::function<bool(const QUrl &)> opener) { m_openUrl = std::move(opener); }
    // A call's recording line when it is not playable: "Recording downloading…", "Recording failed: …";
    // empty when stored or absent.
    static QString recordingText(const ThreadEntry &entry);
    // "Transcribing…", "Transcription failed: …"; empty when done or not asked for.
    static QString transcriptionText(const ThreadEntry &entry);

    // queued/sending ○, sent ✓, delivered ✓✓, failed/undelivered ✕, read ✓✓ (blue)
    static QString statusTicks(MessageStatus status);
    static QString durationText(int seconds);
    // "Sentiment: negative · Action items: call back; send the quote" under an analysed call or
    // email; empty without an analysis.
    static QString analysisText(const ThreadEntry &entry);
    // "Ringing…", "In progress 0:42", "Ended — no answer": a call's live state at `nowMs`.
    static QString liveStateText(const LiveCallView &call, qint64 nowMs);
    // The live view of the thread's calls (state, turns and marks), by call id.
    const QHash<qint64, LiveCallView> &liveCalls() const { return m_live; }

Q_SIGNALS:
    void loaded();
    void taskAccepted(qint64 taskId);

private:
    void render();
    QString entryHtml(const ThreadEntry &entry) const;
    QString analysisLine(const ThreadEntry &entry, const QString &color) const;
    QString actionItemLinks(const ThreadEntry &entry, const QString &color) const;
    void openTaskLink(const QString &path);
    QString recordingHtml(const ThreadEntry &entry, const QString &muted) const;
    void recordingLink(const QString &action);
    const ThreadEntry *recordingEntry(qint64 recordingId) const;
    // A small muted line of its own: a silence, or a call event Switchboard does not know.
    QString noteHtml(const QString &text) const;
    bool anyCallLive() const;

    Runtime &m_runtime;
    ConversationRow m_thread;
    std::vector<ThreadEntry> m_entries;
    QHash<qint64, LiveCallView> m_live;
    QHash<qint64, CallTurn> m_turnOfMessage; // turns of live calls, by their message id
    int m_request = 0;
    bool m_reading = false; // one read at a time: reloads asked meanwhile coalesce into one
    bool m_reloadPending = false;
    QTimer *m_liveClock; // re-renders "In progress 0:42" each second while a call runs
    int m_liveTicks = 0;
    QLabel *m_title;
    QLabel *m_subtitle;
    QTextBrowser *m_browser;
    ReplyComposer *m_composer;
    QSet<QString> m_acceptedItems; // ActionItems::sourceRef of the items accepted here
    std::function<bool(const QUrl &)> m_openUrl;
    QSet<qint64> m_openTranscripts; // calls whose whole transcript is shown
};

} // namespace sb
