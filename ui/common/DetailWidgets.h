#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

class QLabel;
class QPlainTextEdit;
class QTableWidget;
class QWidget;

namespace sb::detail {

// The building blocks of the detail panes (deliveries, webhooks): read-only, selectable, sized
// for reading stored requests.
QPlainTextEdit *monospaceText(QWidget *parent, const QString &objectName);
QLabel *selectableLabel(QWidget *parent);
// A two-column Name/Value table for HTTP headers.
QTableWidget *headersTable(QWidget *parent, const QString &objectName);
void fillHeaders(QTableWidget *table, const QList<QPair<QByteArray, QByteArray>> &headers);
// A label + body text pair on one page, the body pretty-printed by PayloadText.
QWidget *bodyPage(QLabel **caption, QPlainTextEdit **text, const QString &objectName);

} // namespace sb::detail
