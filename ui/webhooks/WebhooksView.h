#pragma once

#include "common/ConsoleView.h"

#include <QSqlDatabase>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QTableView;

namespace sb {

class Runtime;
class WebhookConfigModel;
struct WebhookConfig;

// Outbound webhook configurations: the table with how each is doing, New/Edit/Pause/Delete,
// and a Test panel that sends a sample event to the selected one and shows the answer in place.
class WebhooksView : public ConsoleView
{
    Q_OBJECT
public:
    WebhooksView(QSqlDatabase db, Runtime &runtime, QWidget *parent = nullptr);
    ~WebhooksView() override;

    void refresh() override;

    WebhookConfigModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QPushButton *testButton() const { return m_test; }
    QComboBox *testEventType() const { return m_testEvent; }
    // The test result as shown: "HTTP 200 · 12 ms" and the response body.
    QString testStatusText() const;
    QString testBodyText() const;

    // Opens the form for a new configuration (or the selected one); returns the dialog so tests
    // can fill it in. It deletes itself when closed.
    class WebhookConfigDialog *openEditor(bool createNew);
    void selectConfig(qint64 id);
    void deleteSelected(bool confirm = true);
    void toggleSelected();
    void sendTest();

Q_SIGNALS:
    // "Show deliveries": the Deliveries view filtered to this configuration.
    void showDeliveriesRequested(qint64 configId);

private:
    QWidget *buildToolbar();
    QWidget *buildBottom();
    void buildTable();
    void onSelectionChanged();
    void updateState();
    const WebhookConfig *selected() const;

    Runtime &m_runtime;
    WebhookConfigModel *m_model;
    QStackedWidget *m_tableStack;
    QTableView *m_table;
    QPushButton *m_edit;
    QPushButton *m_toggle;
    QPushButton *m_delete;
    QPushButton *m_deliveries;
    QLabel *m_count;
    QLabel *m_summary;
    QComboBox *m_testEvent;
    QPushButton *m_test;
    QLabel *m_testStatus;
    QPlainTextEdit *m_testBody;
    QWidget *m_bottom;
};

} // namespace sb
