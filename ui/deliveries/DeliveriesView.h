#pragma once

#include "DeliveryQueries.h"
#include "common/ConsoleView.h"

class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QSplitter;
class QStackedWidget;
class QTableView;
class QTimer;

namespace sb {

class DeliveryDetailPane;
class DeliveryLogModel;
class OutboundLogModel;
class SendLogModel;
class EmptyState;
class Runtime;

// The outbound log: webhook deliveries and, under the Channel filter, sends (SMS, email, push, chat,
// voice) with each provider attempt. Filters (webhook, status, event type, time range) and search done
// in SQL, the table of deliveries, and a detail pane with every attempt; Retry (Ctrl+R), Retry
// failed on the filtered set, Copy as curl.
class DeliveriesView : public ConsoleView
{
    Q_OBJECT
public:
    DeliveriesView(QSqlDatabase db, Runtime &runtime, QWidget *parent = nullptr);
    ~DeliveriesView() override;

    void refresh() override;
    bool focusSearch() override;

    DeliveryLogModel *model() const { return m_model; }
    SendLogModel *sends() const { return m_sends; }
    OutboundLogModel *all() const { return m_all; }
    // The Channel filter: webhook deliveries (LogChannel {}), the sends of one channel, or everything
    // (std::nullopt: deliveries and sends of every channel in one list).
    void showChannel(std::optional<LogChannel> channel);
    // What the table shows.
    enum class Mode
    {
        All,
        Webhooks,
        Sends
    };
    Mode mode() const;
    bool showingSends() const { return mode() == Mode::Sends; }
    OutboxFilter currentSendFilter() const;
    QTableView *table() const { return m_table; }
    DeliveryDetailPane *detail() const { return m_detail; }
    DeliveryFilter currentFilter() const;
    // Shows only this configuration's deliveries (e.g. from the Webhooks view).
    void showConfig(qint64 configId);
    // Selects this delivery (e.g. from the Dashboard's recent failures). When it is not among the
    // loaded rows the log is narrowed to it by its id, an indexed lookup however old it is.
    void showDelivery(const QString &id);
    // Re-queues the selected delivery (Ctrl+R).
    void retrySelected();
    // Re-queues every failed delivery matching the filters; `confirm` asks first.
    void retryFailed(bool confirm = true);

private:
    QWidget *buildToolbar();
    void buildTable();
    void loadConfigNames();
    void applyFilter();
    void applyChannel();
    void connectSelection();
    void updateState();
    void retry(const QString &id);
    QString selectedId() const;
    void selectPending();

    QSqlDatabase m_db;
    Runtime &m_runtime;
    DeliveryLogModel *m_model;
    SendLogModel *m_sends;
    OutboundLogModel *m_all;
    QComboBox *m_channel;
    QStackedWidget *m_stack;
    EmptyState *m_empty;
    QSplitter *m_splitter;
    QTableView *m_table;
    DeliveryDetailPane *m_detail;
    QLineEdit *m_search;
    QComboBox *m_config;
    QComboBox *m_status;
    QComboBox *m_eventType;
    QComboBox *m_source;
    QComboBox *m_period;
    QDateTimeEdit *m_from;
    QDateTimeEdit *m_to;
    QLabel *m_count;
    QPushButton *m_retryFailed;
    QTimer *m_searchTimer;
    QString m_message; // the outcome of the last retry, shown beside the count
    QString m_pendingSelection; // showDelivery's id, selected once its row is loaded
};

} // namespace sb
