#include "ConversationsView.h"

#include "ConversationDelegate.h"
#include "ConversationListModel.h"
#include "MessageThreadView.h"
#include "ReplyComposer.h"
#include "common/EmptyState.h"
#include "runtime/Runtime.h"

#include <QListView>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace sb {

ConversationsView::ConversationsView(Runtime &runtime, QWidget *parent)
    : ConsoleView(parent)
{
    m_model = new ConversationListModel(runtime, this);
    m_empty = new EmptyState(tr("No conversations yet"),
        tr("Threads appear here when a lead texts, emails or calls: point Twilio, SignalWire or Mailgun at "
           "the "
           "webhook URLs listed under Settings → Provider endpoints and set their secrets. To try it "
           "locally, start "
           "Switchboard with --accept-unverified twilio and send:"),
        this);
    m_empty->setCommand(
        QStringLiteral("curl -X POST %1/api/webhooks/twilio/sms -d From=%2B15550100 -d To=%2B15550199 "
                       "-d MessageSid=SM0001 --data-urlencode 'Body=Hello there'")
            .arg(runtime.listenUrl()));

    m_list = new QListView(this);
    m_list->setObjectName(QStringLiteral("conversationList"));
    m_list->setModel(m_model);
    m_list->setItemDelegate(new ConversationDelegate(m_list));
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setUniformItemSizes(true);
    m_list->setMinimumWidth(260);
    m_thread = new MessageThreadView(runtime, this);
    connect(m_thread->composer(), &ReplyComposer::openChannelSettings, this,
        &ConversationsView::openChannelSettings);
    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->addWidget(m_list);
    m_splitter->addWidget(m_thread);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setChildrenCollapsible(false);

    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_empty);
    m_stack->addWidget(m_splitter);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);

    // Selection, not the current index: a view makes the first row current on its own, and opening a
    // thread marks it read.
    connect(m_list->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        &ConversationsView::onSelectionChanged);
    connect(m_model, &ConversationListModel::pageLoaded, this, &ConversationsView::updateState);
    connect(m_model, &ConversationListModel::rowsInserted, this, &ConversationsView::updateState);
    connect(m_model, &ConversationListModel::modelReset, this, &ConversationsView::updateState);
    connect(m_model, &ConversationListModel::threadsChanged, this, [this](const QList<qint64> &ids) {
        const qint64 open = m_thread->conversationId();
        if (open <= 0 || !ids.contains(open))
            return;
        const int row = m_model->rowOfId(open);
        if (row >= 0)
            m_thread->load(m_model->rowAt(row));
        if (isVisible())
            m_model->markRead(open); // the user is looking at it
    });

    QSettings settings;
    if (!m_splitter->restoreState(settings.value(QStringLiteral("conversations/splitter")).toByteArray()))
        m_splitter->setSizes({340, 700});
    m_model->fetchMore();
    updateState();
}

ConversationsView::~ConversationsView()
{
    QSettings().setValue(QStringLiteral("conversations/splitter"), m_splitter->saveState());
}

void ConversationsView::onSelectionChanged()
{
    const auto selected = m_list->selectionModel()->selectedIndexes();
    const auto index = selected.isEmpty() ? QModelIndex() : selected.first();
    if (!index.isValid()) {
        m_thread->clear();
        return;
    }
    const auto &row = m_model->rowAt(index.row());
    m_thread->load(row);
    m_model->markRead(row.id);
}

void ConversationsView::updateState()
{
    const bool empty = m_model->rowCount() == 0 && m_model->reachedEnd();
    m_stack->setCurrentIndex(empty ? 0 : 1);
}

void ConversationsView::refresh()
{
    m_model->reload();
    m_thread->reload();
}

} // namespace sb
