#pragma once

#include "storage/ConversationRepository.h"

#include <QSet>
#include <QWidget>

class QLabel;
class QTextBrowser;

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

    // queued/sending ○, sent ✓, delivered ✓✓, failed/undelivered ✕, read ✓✓ (blue)
    static QString statusTicks(MessageStatus status);
    static QString durationText(int seconds);
    // "Sentiment: negative · Action items: call back; send the quote" under an analysed call or
    // email; empty without an analysis.
    static QString analysisText(const ThreadEntry &entry);

Q_SIGNALS:
    void loaded();
    void taskAccepted(qint64 taskId);

private:
    void render();
    QString entryHtml(const ThreadEntry &entry) const;
    QString analysisLine(const ThreadEntry &entry, const QString &color) const;
    QString actionItemLinks(const ThreadEntry &entry, const QString &color) const;
    void openTaskLink(const QString &path);

    Runtime &m_runtime;
    ConversationRow m_thread;
    std::vector<ThreadEntry> m_entries;
    int m_request = 0;
    QLabel *m_title;
    QLabel *m_subtitle;
    QTextBrowser *m_browser;
    ReplyComposer *m_composer;
    QSet<QString> m_acceptedItems; // ActionItems::sourceRef of the items accepted here
};

} // namespace sb
