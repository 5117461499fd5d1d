#pragma once

#include <QList>
#include <QString>
#include <functional>
#include <initializer_list>
#include <utility>

class QLineEdit;
class QObject;
class QTimer;
class QSplitter;
class QStackedWidget;
class QTableView;
class QWidget;

namespace sb {

// The look shared by the record tables (deliveries, webhooks, …): whole-row single selection,
// alternating rows without a grid, no row numbers, fixed row height, left-aligned headers.
void setUpRecordTable(QTableView *table, int rowPadding = 8);

// Initial column widths from sample contents (ResizeToContents would measure every loaded row),
// never narrower than the column's title; the narrowest a column may be dragged is `minimum`.
void sizeColumns(QTableView *table, std::initializer_list<std::pair<int, QString>> samples, int padding = 24,
    const QString &minimum = QStringLiteral("MMM"));

// A record view's frame, laid out in `view`: page 0 of the stack is `empty` (nothing stored yet),
// page 1 the toolbar above a vertical splitter of the table and its detail pane (table above:
// the columns need the full width, and so do long bodies).
struct RecordViewFrame
{
    QStackedWidget *stack;
    QSplitter *splitter;
};
RecordViewFrame layOutRecordView(
    QWidget *view, QWidget *empty, QWidget *toolbar, QTableView *table, QWidget *detail);

// The search field of a view's toolbar.
QLineEdit *searchField(
    QWidget *parent, const QString &objectName, const QString &placeholder, int minimumWidth);
// Calls `apply` when typing in `field` pauses for 250 ms: one query per pause, not per key. The
// timer is returned so that an immediate apply can cancel the pending one.
QTimer *applyWhenTypingPauses(QLineEdit *field, QObject *context, std::function<void()> apply);

// A table-above-detail view's layout, remembered under `key` (e.g. "deliveries"): splitter sizes
// (`defaultSizes` the first time) and the table's column widths and order.
void restoreTableLayout(
    const QString &key, QSplitter *splitter, QTableView *table, const QList<int> &defaultSizes);
void saveTableLayout(const QString &key, const QSplitter *splitter, const QTableView *table);

// Rows inserted at the top while the user reads older ones must not push the rows under their
// eyes away: shift the scroll position by exactly the inserted height. At the very top the view
// stays put so that new rows come into sight. Connect to the model's rowsInserted.
void keepRowsInPlace(QTableView *table, int first, int last);

// How many rows a live log keeps loaded (DeliveryLogModel, InboundRequestModel): rows inserted at
// the top under sustained ingest would otherwise grow it without bound. `cap`, or more while the
// user reads or has selected a row further down, so rows never disappear under their eyes. In
// source-model rows when the table shows a proxy.
int liveRowsToKeep(const QTableView *table, int cap);
// The live logs' cap, and how far past it they may grow before they are trimmed back to it.
constexpr int liveRowCap = 5000;
constexpr int liveRowSlack = 1000;

} // namespace sb
