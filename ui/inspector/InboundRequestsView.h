#pragma once

#include "InboundQueries.h"
#include "common/ConsoleView.h"

#include <QSqlDatabase>

class QComboBox;
class QLabel;
class QLineEdit;
class QSplitter;
class QStackedWidget;
class QTableView;
class QTimer;

namespace sb {

class EmptyState;
class Runtime;
struct ReplayOutcome;
class InboundDetailPane;
class InboundRequestModel;

// The raw request inspector: every request that reached the server, live, with a detail pane.
class InboundRequestsView : public ConsoleView
{
    Q_OBJECT
public:
    // `db` is the GUI thread's read-only connection.
    InboundRequestsView(QSqlDatabase db, Runtime &runtime, QWidget *parent = nullptr);
    ~InboundRequestsView() override;

    void refresh() override;
    bool focusSearch() override;

    InboundRequestModel *model() const { return m_model; }
    InboundFilter currentFilter() const;
    QTableView *table() const { return m_table; }
    InboundDetailPane *detail() const { return m_detail; }
    // The id of the selected request, empty when none.
    QString selectedId() const;
    // Selects this request, clearing filters that hide it and reading older pages (a bounded
    // number) until it is loaded. False when it is not among the newest stored requests.
    bool showRequest(const QString &id);
    // Re-runs the request through its handler (the detail pane's Replay button); the new record
    // is selected when it arrives.
    void replay(const QString &id);

private:
    QWidget *buildToolbar();
    void buildTable();
    void onSelectionChanged();
    void updateState();
    void applyFilter();
    void onReplayed(const ReplayOutcome &outcome);

    Runtime &m_runtime;
    InboundRequestModel *m_model;
    QStackedWidget *m_stack;
    EmptyState *m_empty;
    QSplitter *m_splitter;
    QTableView *m_table;
    InboundDetailPane *m_detail;
    QLineEdit *m_search;
    QComboBox *m_statusFilter;
    QLabel *m_count;
    QTimer *m_searchTimer;
    QString m_replayNotice; // the outcome of the last replay, shown on the new record
};

} // namespace sb
