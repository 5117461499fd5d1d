#pragma once

#include "common/ConsoleView.h"

class QLabel;
class QListView;
class QSplitter;
class QStackedWidget;

namespace sb {

class ConversationListModel;
class EmptyState;
class MessageThreadView;
class Runtime;

// SMS, email and call threads with each lead: the thread list beside the chat of the selected one,
// both live.
class ConversationsView : public ConsoleView
{
    Q_OBJECT
public:
    explicit ConversationsView(Runtime &runtime, QWidget *parent = nullptr);
    ~ConversationsView() override;

    void refresh() override;

    ConversationListModel *model() const { return m_model; }
    QListView *list() const { return m_list; }
    MessageThreadView *thread() const { return m_thread; }

Q_SIGNALS:
    // The composer's "Settings → Channels" button.
    void openChannelSettings();

private:
    void updateState();
    void onSelectionChanged();

    ConversationListModel *m_model;
    QStackedWidget *m_stack;
    EmptyState *m_empty;
    QSplitter *m_splitter;
    QListView *m_list;
    MessageThreadView *m_thread;
};

} // namespace sb
