#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

class QLabel;
class QPlainTextEdit;
class QTableWidget;
class QWidget;

namespace sb::detail {

// The building blocks of the detail panes (deliveries, webhooks): read-only, selectable, sized
// for reading stored requests.
QPlainTextEdit *monospaceText(QWidget *parent, const QString &objectName);
QLabel *selectableLabel(QWidget *parent);
// The centred grey text a pane shows while nothing is selected.
QLabel *placeholderLabel(QWidget *parent);
// A pane's title: large, bold, selectable.
QLabel *titleLabel(QWidget *parent, const QString &objectName);
// A two-column Name/Value table for HTTP headers.
QTableWidget *headersTable(QWidget *parent, const QString &objectName);
void fillHeaders(QTableWidget *table, const QList<QPair<QByteArray, QByteArray>> &headers);
void fillHeaders(QTableWidget *table, const QList<QPair<QString, QString>> &headers);
// "—" for a value that is not there.
QString dash(const QString &text);
// One "<b>name</b> value" row of a pane's summary table (HTML-escaped, "—" when empty).
QString summaryRow(const QString &name, const QString &value);
// A label + body text pair on one page, the body pretty-printed by PayloadText.
QWidget *bodyPage(QLabel **caption, QPlainTextEdit **text, const QString &objectName);

} // namespace sb::detail
