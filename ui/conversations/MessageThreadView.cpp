#include "MessageThreadView.h"

#include "ConversationDelegate.h"
#include "ConversationListModel.h"
#include "ReplyComposer.h"
#include "channels/ActionItems.h"
#include "common/WorkerQuery.h"
#include "runtime/Runtime.h"
#include "storage/LiveCalls.h"

#include <QDateTime>
#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QScrollBar>
#include <QStandardPaths>
#include <QTextBrowser>
#include <QTimeZone>
#include <QTimer>
#include <QVBoxLayout>

namespace sb {

namespace {

QString escape(const QString &text)
{
    auto html = text.toHtmlEscaped();
    html.replace(QLatin1Char('\n'), QStringLiteral("<br>"));
    return html;
}

QString mix(const QColor &a, const QColor &b, qreal amount)
{
    return QColor::fromRgbF(a.redF() * (1 - amount) + b.redF() * amount,
        a.greenF() * (1 - amount) + b.greenF() * amount, a.blueF() * (1 - amount) + b.blueF() * amount)
        .name();
}

// What one read of a thread brings: its entries and the live view of its calls.
struct ThreadRead
{
    std::vector<ThreadEntry> entries;
    QHash<qint64, LiveCallView> live;
};

} // namespace

MessageThreadView::MessageThreadView(Runtime &runtime, QWidget *parent)
    : QWidget(parent)
    , m_runtime(runtime)
{
    m_title = new QLabel(this);
    auto font = m_title->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.2);
    m_title->setFont(font);
    m_subtitle = new QLabel(this);
    m_subtitle->setForegroundRole(QPalette::PlaceholderText);
    m_subtitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_browser = new QTextBrowser(this);
    m_browser->setObjectName(QStringLiteral("threadBrowser"));
    m_browser->setOpenLinks(false);
    m_browser->setFrameShape(QFrame::NoFrame);
    connect(m_browser, &QTextBrowser::anchorClicked, this, [this](const QUrl &url) {
        if (url.scheme() == QLatin1String("retry"))
            retryMessage(url.path().toLongLong());
        else if (url.scheme() == QLatin1String("task"))
            openTaskLink(url.path());
        else if (url.scheme() == QLatin1String("recording"))
            recordingLink(url.path());
        else if (url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https"))
            QDesktopServices::openUrl(url);
    });
    m_composer = new ReplyComposer(runtime, this);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_subtitle);
    layout->addWidget(m_browser, 1);
    layout->addWidget(m_composer);
    m_liveClock = new QTimer(this);
    m_liveClock->setInterval(1000);
    connect(m_liveClock, &QTimer::timeout, this, [this] {
        if (!anyCallLive()) {
            m_liveClock->stop();
            return;
        }
        if (!isVisible())
            return;
        // Marks and unknown events raise no message event: read the thread again now and then.
        if (++m_liveTicks % 5 == 0) {
            reload();
            return;
        }
        auto *bar = m_browser->verticalScrollBar();
        const bool atEnd = bar->value() >= bar->maximum();
        const int position = bar->value();
        render();
        if (!atEnd)
            bar->setValue(position); // the reader scrolled up: the clock does not move the text
    });
    clear();
}

QString MessageThreadView::liveStateText(const LiveCallView &call, qint64 nowMs)
{
    switch (call.state) {
    case LiveCallState::Initiated:
        return tr("Calling…");
    case LiveCallState::Ringing:
        return tr("Ringing…");
    case LiveCallState::InProgress: {
        const auto seconds = call.startedAtMs > 0 ? (nowMs - call.startedAtMs) / 1000 : -1;
        // A start far back (events replayed, a clock off) says nothing about the call's length.
        if (seconds < 0 || seconds > 4 * 3600)
            return tr("In progress");
        return tr("In progress %1").arg(durationText(int(seconds)));
    }
    case LiveCallState::Ended:
        break;
    }
    QString reason;
    switch (call.status) {
    case CallStatus::Busy:
        reason = tr("busy");
        break;
    case CallStatus::NoAnswer:
        reason = tr("no answer");
        break;
    case CallStatus::Failed:
        reason = tr("failed");
        break;
    case CallStatus::Canceled:
        reason = tr("canceled");
        break;
    default:
        reason = call.endReason;
        break;
    }
    // Twilio's "completed" is the plain end: no reason to add.
    if (reason.isEmpty() || reason == callStatusName(CallStatus::Completed))
        return tr("Ended");
    return tr("Ended — %1").arg(reason);
}

QString MessageThreadView::noteHtml(const QString &text) const
{
    const auto muted = mix(palette().color(QPalette::Base), palette().color(QPalette::Text), 0.5);
    return QStringLiteral("<p align='center' style='margin: 2px 0px;'><small style='color:%1'>%2</small></p>")
        .arg(muted, text.toHtmlEscaped());
}

bool MessageThreadView::anyCallLive() const
{
    for (const auto &call : m_live) {
        if (call.state != LiveCallState::Ended)
            return true;
    }
    return false;
}

QString MessageThreadView::statusTicks(MessageStatus status)
{
    switch (status) {
    case MessageStatus::Queued:
    case MessageStatus::Accepted:
    case MessageStatus::Sending:
    case MessageStatus::Scheduled:
        return QStringLiteral("○");
    case MessageStatus::Sent:
        return QStringLiteral("✓");
    case MessageStatus::Delivered:
    case MessageStatus::Read:
        return QStringLiteral("✓✓");
    case MessageStatus::Failed:
    case MessageStatus::Undelivered:
    case MessageStatus::Canceled:
        return QStringLiteral("✕");
    case MessageStatus::Unknown:
        return QStringLiteral("?");
    case MessageStatus::Received:
    case MessageStatus::Receiving:
        break;
    }
    return {};
}

QString MessageThreadView::analysisText(const ThreadEntry &entry)
{
    if (!entry.sentiment)
        return {};
    QString sentiment;
    switch (*entry.sentiment) {
    case Sentiment::Positive:
        sentiment = tr("positive");
        break;
    case Sentiment::Neutral:
        sentiment = tr("neutral");
        break;
    case Sentiment::Negative:
        sentiment = tr("negative");
        break;
    }
    QString text = tr("Sentiment: %1").arg(sentiment);
    if (!entry.actionItems.isEmpty())
        text += QStringLiteral(" · ")
            + tr("Action items: %1").arg(entry.actionItems.join(QStringLiteral("; ")));
    return text;
}

QString MessageThreadView::analysisLine(const ThreadEntry &entry, const QString &color) const
{
    const auto text = analysisText(entry);
    if (text.isEmpty())
        return {};
    return QStringLiteral("<br><small style='color:%1'>%2</small>").arg(color, text.toHtmlEscaped())
        + actionItemLinks(entry, color);
}

QString MessageThreadView::actionItemLinks(const ThreadEntry &entry, const QString &color) const
{
    if (entry.analysisId <= 0 || entry.actionItems.isEmpty())
        return {};
    QStringList links;
    for (int index = 0; index < entry.actionItems.size(); ++index) {
        const QString item = entry.actionItems.at(index).toHtmlEscaped();
        if (m_acceptedItems.contains(ActionItems::sourceRef(entry.analysisId, index)))
            links << QStringLiteral("✓ ") + item;
        else
            links << QStringLiteral("<a href='task:accept:%1:%2'>%3</a>")
                         .arg(entry.analysisId)
                         .arg(index)
                         .arg(item);
    }
    return QStringLiteral("<br><small style='color:%1'>%2 %3</small>")
        .arg(color, tr("Add task:").toHtmlEscaped(), links.join(QStringLiteral(" · ")));
}

void MessageThreadView::openTaskLink(const QString &path)
{
    // accept:<analysisId>:<index>
    const auto parts = path.split(QLatin1Char(':'));
    if (parts.size() == 3 && parts.at(0) == QLatin1String("accept"))
        acceptActionItem(parts.at(1).toLongLong(), parts.at(2).toInt());
}

void MessageThreadView::acceptActionItem(qint64 analysisId, int index)
{
    auto taskId = std::make_shared<qint64>(0);
    SqlJob job;
    job.replyContext = this;
    job.run = [analysisId, index, taskId](SqlContext &sql) -> ApiResult {
        const auto result = ActionItems::accept(sql, analysisId, index, QTimeZone::systemTimeZone());
        if (const auto *error = std::get_if<ApiError>(&result))
            return *error;
        *taskId = std::get<ActionItems::Accepted>(result).task.id;
        return ApiResponse {};
    };
    job.done = [this, analysisId, index, taskId](const ApiResult &result) {
        if (std::holds_alternative<ApiError>(result))
            return;
        m_acceptedItems.insert(ActionItems::sourceRef(analysisId, index));
        render();
        Q_EMIT taskAccepted(*taskId);
    };
    m_runtime.writer().submit(std::move(job));
}

QString MessageThreadView::durationText(int seconds)
{
    if (seconds < 0)
        return {};
    return QStringLiteral("%1:%2").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

void MessageThreadView::clear()
{
    ++m_request;
    m_reloadPending = false;
    m_thread = {};
    m_entries.clear();
    m_live.clear();
    m_turnOfMessage.clear();
    m_liveClock->stop();
    m_title->setText(tr("No conversation selected"));
    m_subtitle->clear();
    m_composer->clear();
    m_browser->setHtml(QStringLiteral("<p style='color:%1'>%2</p>")
                           .arg(palette().color(QPalette::PlaceholderText).name(),
                               tr("Select a thread on the left to read it.").toHtmlEscaped()));
}

void MessageThreadView::load(const ConversationRow &thread)
{
    m_thread = thread;
    m_title->setText(thread.leadName.isEmpty()
            ? (thread.leadAddress.isEmpty() ? tr("Lead #%1").arg(thread.leadId) : thread.leadAddress)
            : thread.leadName);
    const auto count = thread.channel == Channel::Voice ? tr("%n call(s)", nullptr, thread.messageCount)
                                                        : tr("%n message(s)", nullptr, thread.messageCount);
    m_subtitle->setText(
        QStringList {ConversationListModel::channelLabel(thread.channel), thread.leadAddress, count}.join(
            QStringLiteral(" · ")));
    m_composer->setThread(thread);
    ++m_request; // a read still running is for what was shown before
    reload();
}

void MessageThreadView::reload()
{
    if (m_thread.id <= 0)
        return;
    if (m_reading) {
        // Events of a live call arrive in bursts: one more read after this one covers them all.
        m_reloadPending = true;
        return;
    }
    m_reading = true;
    const int request = ++m_request;
    const qint64 id = m_thread.id;
    runOnWorker(
        m_runtime.reader(), this,
        [id](SqlContext &sql) {
            ThreadRead read;
            read.entries = ConversationRepository::thread(sql, id, entryLimit);
            read.live = LiveCalls::forConversation(sql, id);
            return read;
        },
        [this, request](ThreadRead read, const QString &error) {
            m_reading = false;
            const bool again = std::exchange(m_reloadPending, false);
            if (request == m_request) {
                if (!error.isEmpty()) {
                    m_browser->setPlainText(tr("Could not read the conversation: %1").arg(error));
                } else {
                    m_entries = std::move(read.entries);
                    m_live = std::move(read.live);
                    m_turnOfMessage.clear();
                    for (const auto &call : std::as_const(m_live)) {
                        for (const auto &turn : call.turns) {
                            if (turn.messageId > 0)
                                m_turnOfMessage.insert(turn.messageId, turn);
                        }
                    }
                    render();
                    if (anyCallLive())
                        m_liveClock->start();
                    else
                        m_liveClock->stop();
                    Q_EMIT loaded();
                }
            }
            if (again)
                reload();
        });
}

QString MessageThreadView::entryHtml(const ThreadEntry &entry) const
{
    const auto base = palette().color(QPalette::Base);
    const auto text = palette().color(QPalette::Text);
    const auto muted = mix(base, text, 0.55);
    const bool outbound = entry.direction == Direction::Outbound;
    const auto time
        = QLocale().toString(QDateTime::fromMSecsSinceEpoch(entry.atMs), QStringLiteral("d MMM HH:mm"));
    QString inner;
    QString meta = time;
    QString background;
    if (entry.kind == ThreadEntry::Kind::Call) {
        background = mix(base, ConversationDelegate::channelColor(Channel::Voice), 0.14);
        const auto label = outbound ? tr("Outgoing call") : tr("Incoming call");
        inner = QStringLiteral("<b>☎ %1</b>").arg(label.toHtmlEscaped());
        QStringList facts;
        const auto live = m_live.constFind(entry.id);
        if (entry.durationSeconds >= 0)
            facts.append(durationText(entry.durationSeconds));
        if (live != m_live.constEnd())
            facts.append(QStringLiteral("<span class='liveState'>%1</span>")
                             .arg(liveStateText(*live, QDateTime::currentMSecsSinceEpoch()).toHtmlEscaped()));
        else
            facts.append(callStatusName(entry.callStatus).toHtmlEscaped());
        if (!facts.isEmpty())
            inner += QStringLiteral(" · ") + facts.join(QStringLiteral(" · "));
        inner += recordingHtml(entry, muted);
        // A call whose turns are in the thread shows its summary only, not the whole transcript again.
        const bool turnsShown
            = live != m_live.constEnd() && !live->turns.isEmpty() && live->turns.constFirst().messageId > 0;
        const bool isTranscript = entry.body.startsWith(QLatin1String("agent: "))
            || entry.body.startsWith(QLatin1String("user: "));
        if (!entry.body.isEmpty() && entry.body != entry.transcript && !(turnsShown && isTranscript))
            inner += QStringLiteral("<br>") + escape(entry.body);
        inner += analysisLine(entry, muted);
    } else {
        background = outbound ? mix(base, ConversationDelegate::channelColor(Channel::Email), 0.18)
                              : mix(base, text, 0.07);
        if (!entry.subject.isEmpty())
            inner += QStringLiteral("<b>%1</b><br>").arg(escape(entry.subject));
        inner += escape(entry.body.isEmpty() ? tr("(no text)") : entry.body);
        const auto turn = m_turnOfMessage.constFind(entry.id);
        if (turn != m_turnOfMessage.constEnd()) {
            // A turn of an AI-agent call: who spoke, and whether the caller cut the agent off.
            meta += QStringLiteral(" · ")
                + (turn->role == CallTurnKind::Agent ? tr("AI agent") : tr("Caller")).toHtmlEscaped();
            if (turn->interrupted)
                meta += QStringLiteral(" · <span style='color:#c77700'>%1</span>")
                            .arg(tr("interrupted").toHtmlEscaped());
        } else if (outbound) {
            const auto ticks = statusTicks(entry.messageStatus);
            const bool failed = isFinalMessageStatus(entry.messageStatus);
            meta += QStringLiteral(" <span style='color:%1' title='%2'>%3 %2</span>")
                        .arg(failed ? QStringLiteral("#d93f3f") : muted,
                            messageStatusName(entry.messageStatus).toHtmlEscaped(), ticks);
            if (failed && !entry.error.isEmpty())
                meta += QStringLiteral("<br><span style='color:#d93f3f'>%1</span>").arg(escape(entry.error));
            if (failed)
                meta += QStringLiteral(" · <a href='retry:%1'>%2</a>")
                            .arg(QString::number(entry.id), tr("Retry").toHtmlEscaped());
        }
    }
    if (entry.kind == ThreadEntry::Kind::Message)
        inner += analysisLine(entry, muted);
    // Nested tables: Qt's rich text has no CSS floats, but honours cell alignment and colours.
    const auto align = outbound ? QStringLiteral("right") : QStringLiteral("left");
    return QStringLiteral("<table width='100%' cellspacing='0' cellpadding='0'><tr><td align='%1'>"
                          "<table cellspacing='0' cellpadding='8' bgcolor='%2' style='margin: 4px 0px;'>"
                          "<tr><td>%3<br><span style='color:%4; font-size:small'>%5</span></td></tr></table>"
                          "</td></tr></table>")
        .arg(align, background, inner, muted, meta);
}

void MessageThreadView::retryMessage(qint64 messageId)
{
    for (const auto &entry : m_entries) {
        if (entry.kind == ThreadEntry::Kind::Message && entry.id == messageId) {
            m_composer->retry(entry);
            return;
        }
    }
}

// --- recordings ---------------------------------------------------------------------------------

QString MessageThreadView::recordingText(const ThreadEntry &entry)
{
    if (entry.recordingId == 0 || !entry.recordingState)
        return {};
    switch (*entry.recordingState) {
    case RecordingState::Queued:
    case RecordingState::Downloading:
        return tr("Recording downloading…");
    case RecordingState::Failed:
        return tr("Recording failed: %1").arg(entry.recordingError);
    case RecordingState::Refused:
        return tr("Recording refused: %1").arg(entry.recordingError);
    case RecordingState::Pruned:
        return tr("Recording deleted by the retention setting");
    case RecordingState::Stored:
        break;
    }
    return {};
}

QString MessageThreadView::transcriptionText(const ThreadEntry &entry)
{
    if (!entry.transcriptionState)
        return {};
    switch (*entry.transcriptionState) {
    case TranscriptionState::Queued:
    case TranscriptionState::Running:
        return tr("Transcribing…");
    case TranscriptionState::Failed:
    case TranscriptionState::Refused:
        return tr("Transcription failed: %1").arg(entry.transcriptionError);
    case TranscriptionState::Done:
        break;
    }
    return {};
}

QString MessageThreadView::recordingHtml(const ThreadEntry &entry, const QString &muted) const
{
    static const QString red = QStringLiteral("#d93f3f");
    QString html;
    const bool stored = entry.recordingState == RecordingState::Stored;
    if (entry.recordingId > 0 && stored) {
        html
            += QStringLiteral("<br><a href='recording:play:%1'>▶ %2</a> · <a href='recording:save:%1'>%3</a>")
                   .arg(QString::number(entry.recordingId), tr("Play recording").toHtmlEscaped(),
                       tr("Save as…").toHtmlEscaped());
    } else if (entry.recordingId > 0) {
        const bool failed = entry.recordingState != RecordingState::Queued
            && entry.recordingState != RecordingState::Downloading;
        html += QStringLiteral("<br><span style='color:%1'>%2</span>")
                    .arg(failed ? red : muted, recordingText(entry).toHtmlEscaped());
    } else if (!entry.recordingUrl.isEmpty()) {
        // Not kept here (before recordings were kept): the provider's link.
        html += QStringLiteral("<br><a href=\"%1\">▶ %2</a>")
                    .arg(entry.recordingUrl.toHtmlEscaped(), tr("Play recording").toHtmlEscaped());
    }
    if (const auto text = transcriptionText(entry); !text.isEmpty()) {
        const bool failed = entry.transcriptionState == TranscriptionState::Failed
            || entry.transcriptionState == TranscriptionState::Refused;
        html += QStringLiteral("<br><span style='color:%1'>%2</span>")
                    .arg(failed ? red : muted, text.toHtmlEscaped());
    }
    // A live call's turns are in the thread already: its transcript is not repeated under it.
    const auto live = m_live.constFind(entry.id);
    const bool turnsShown
        = live != m_live.constEnd() && !live->turns.isEmpty() && live->turns.constFirst().messageId > 0;
    const auto transcript = turnsShown ? QString() : entry.transcript.trimmed();
    if (!transcript.isEmpty()) {
        // The first lines, and the whole transcript on demand.
        constexpr int previewCharacters = 240;
        const auto lines = transcript.split(QLatin1Char('\n'));
        auto preview = lines.mid(0, 2).join(QLatin1Char('\n'));
        if (preview.size() > previewCharacters)
            preview = preview.left(previewCharacters).trimmed() + QStringLiteral("…");
        const bool longer = preview != transcript;
        const bool open = m_openTranscripts.contains(entry.id);
        html += QStringLiteral("<br><span style='color:%1'><b>%2</b></span><br>")
                    .arg(muted, tr("Transcript").toHtmlEscaped());
        html += escape(open || !longer ? transcript : preview);
        if (longer)
            html += QStringLiteral(" <a href='recording:transcript:%1'>%2</a>")
                        .arg(QString::number(entry.id),
                            (open ? tr("Show less") : tr("Show all")).toHtmlEscaped());
    }
    return html;
}

const ThreadEntry *MessageThreadView::recordingEntry(qint64 recordingId) const
{
    for (const auto &entry : m_entries) {
        if (entry.kind == ThreadEntry::Kind::Call && entry.recordingId == recordingId && recordingId > 0)
            return &entry;
    }
    return nullptr;
}

void MessageThreadView::recordingLink(const QString &action)
{
    const auto verb = action.section(QLatin1Char(':'), 0, 0);
    const auto id = action.section(QLatin1Char(':'), 1).toLongLong();
    if (verb == QLatin1String("play")) {
        playRecording(id);
    } else if (verb == QLatin1String("save")) {
        saveRecording(id);
    } else if (verb == QLatin1String("transcript")) {
        if (!m_openTranscripts.remove(id))
            m_openTranscripts.insert(id);
        const auto position = m_browser->verticalScrollBar()->value();
        render();
        m_browser->verticalScrollBar()->setValue(position);
    }
}

bool MessageThreadView::playRecording(qint64 recordingId)
{
    const auto *entry = recordingEntry(recordingId);
    if (!entry || entry->recordingState != RecordingState::Stored || !QFileInfo::exists(entry->recordingFile))
        return false;
    const auto url = QUrl::fromLocalFile(entry->recordingFile);
    return m_openUrl ? m_openUrl(url) : QDesktopServices::openUrl(url);
}

bool MessageThreadView::saveRecording(qint64 recordingId, const QString &target)
{
    const auto *entry = recordingEntry(recordingId);
    if (!entry || entry->recordingState != RecordingState::Stored || !QFileInfo::exists(entry->recordingFile))
        return false;
    const auto source = entry->recordingFile;
    auto path = target;
    if (path.isEmpty()) {
        const auto suffix = QFileInfo(source).suffix();
        const auto suggested = QDir(QStandardPaths::writableLocation(QStandardPaths::MusicLocation))
                                   .filePath(QStringLiteral("recording-%1.%2").arg(entry->id).arg(suffix));
        path = QFileDialog::getSaveFileName(
            this, tr("Save recording"), suggested, tr("Audio (*.%1)").arg(suffix));
        if (path.isEmpty())
            return false;
    }
    if (QFileInfo(path).absoluteFilePath() == QFileInfo(source).absoluteFilePath())
        return true;
    QFile::remove(path);
    if (!QFile::copy(source, path)) {
        if (target.isEmpty())
            QMessageBox::warning(
                this, tr("Save recording"), tr("Could not save the recording to %1.").arg(path));
        return false;
    }
    return true;
}

void MessageThreadView::render()
{
    QString html;
    if (m_entries.size() >= size_t(entryLimit))
        html += QStringLiteral("<p align='center' style='color:%1'>%2</p>")
                    .arg(palette().color(QPalette::PlaceholderText).name(),
                        tr("Showing the latest %1 entries.").arg(entryLimit).toHtmlEscaped());
    // Unknown call events go in the thread at their time, as small notes; a silence before the turn
    // after it.
    QList<CallEventEntry> notes;
    for (const auto &call : std::as_const(m_live))
        notes += call.events;
    std::sort(notes.begin(), notes.end(),
        [](const CallEventEntry &a, const CallEventEntry &b) { return a.atMs < b.atMs; });
    qsizetype next = 0;
    for (const auto &entry : m_entries) {
        for (; next < notes.size() && notes[next].atMs < entry.atMs; ++next)
            html += noteHtml(tr("event %1").arg(notes[next].type));
        const auto turn = m_turnOfMessage.constFind(entry.id);
        if (entry.kind == ThreadEntry::Kind::Message && turn != m_turnOfMessage.constEnd()
            && turn->silenceBeforeSeconds > 0)
            html += noteHtml(tr("Silence · %1 s").arg(turn->silenceBeforeSeconds));
        html += entryHtml(entry);
    }
    for (; next < notes.size(); ++next)
        html += noteHtml(tr("event %1").arg(notes[next].type));
    if (m_entries.empty())
        html = tr("No messages in this thread yet.").toHtmlEscaped();
    m_browser->setHtml(html);
    // Newest at the bottom, in sight.
    m_browser->verticalScrollBar()->setValue(m_browser->verticalScrollBar()->maximum());
}

} // namespace sb
