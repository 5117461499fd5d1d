#pragma once

#include "common/ConsoleView.h"

class QLabel;
class QLineEdit;
class QSplitter;
class QStackedWidget;
class QTableView;
class QTimer;

namespace sb {

class EmptyState;
class LeadDetailPane;
class LeadTableModel;
class Runtime;

// The leads table (sorted and searched in SQL, paged, live) above the detail pane of the selected lead.
class LeadsView : public ConsoleView
{
    Q_OBJECT
public:
    explicit LeadsView(Runtime &runtime, QWidget *parent = nullptr);
    ~LeadsView() override;

    void refresh() override;
    bool focusSearch() override;

    LeadTableModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    LeadDetailPane *detail() const { return m_detail; }
    QLineEdit *searchBox() const { return m_search; }
    qint64 selectedId() const;
    // Selects the lead if it is loaded; false otherwise.
    bool selectLead(qint64 id);

private:
    QWidget *buildToolbar();
    void buildTable();
    void updateState();
    void onSelectionChanged();

    Runtime &m_runtime;
    LeadTableModel *m_model;
    QStackedWidget *m_stack;
    EmptyState *m_empty;
    QSplitter *m_splitter;
    QTableView *m_table;
    LeadDetailPane *m_detail;
    QLineEdit *m_search;
    QLabel *m_count;
    QTimer *m_searchDelay;
};

} // namespace sb
