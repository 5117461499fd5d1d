#include "DetailWidgets.h"

#include <QCoreApplication>
#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTableWidget>
#include <QVBoxLayout>

namespace sb::detail {

QPlainTextEdit *monospaceText(QWidget *parent, const QString &objectName)
{
    auto *text = new QPlainTextEdit(parent);
    text->setObjectName(objectName);
    text->setReadOnly(true);
    text->setLineWrapMode(QPlainTextEdit::NoWrap);
    text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    text->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return text;
}

QLabel *selectableLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setWordWrap(true);
    return label;
}

QLabel *placeholderLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setAlignment(Qt::AlignCenter);
    label->setWordWrap(true);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

QLabel *titleLabel(QWidget *parent, const QString &objectName)
{
    auto *title = new QLabel(parent);
    title->setObjectName(objectName);
    title->setTextFormat(Qt::PlainText);
    title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto font = title->font();
    font.setPointSizeF(font.pointSizeF() * 1.25);
    font.setBold(true);
    title->setFont(font);
    return title;
}

QTableWidget *headersTable(QWidget *parent, const QString &objectName)
{
    auto *table = new QTableWidget(0, 2, parent);
    table->setObjectName(objectName);
    table->setHorizontalHeaderLabels({QCoreApplication::translate("sb::detail", "Name"),
        QCoreApplication::translate("sb::detail", "Value")});
    table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    table->horizontalHeader()->setStretchLastSection(true);
    table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 8);
    table->setShowGrid(false);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    return table;
}

void fillHeaders(QTableWidget *table, const QList<QPair<QByteArray, QByteArray>> &headers)
{
    QList<QPair<QString, QString>> text;
    text.reserve(headers.size());
    for (const auto &[name, value] : headers)
        text.append({QString::fromLatin1(name), QString::fromUtf8(value)});
    fillHeaders(table, text);
}

void fillHeaders(QTableWidget *table, const QList<QPair<QString, QString>> &headers)
{
    table->setRowCount(int(headers.size()));
    for (int i = 0; i < headers.size(); ++i) {
        table->setItem(i, 0, new QTableWidgetItem(headers[i].first));
        table->setItem(i, 1, new QTableWidgetItem(headers[i].second));
    }
}

QString dash(const QString &text)
{
    return text.isEmpty() ? QStringLiteral("—") : text;
}

QString summaryRow(const QString &name, const QString &value)
{
    return QStringLiteral("<tr><td style='padding-right:14px'><b>%1</b></td><td>%2</td></tr>")
        .arg(name.toHtmlEscaped(), dash(value).toHtmlEscaped());
}

QWidget *bodyPage(QLabel **caption, QPlainTextEdit **text, const QString &objectName)
{
    auto *page = new QWidget;
    *caption = new QLabel(page);
    (*caption)->setObjectName(objectName + QStringLiteral("Caption"));
    (*caption)->setForegroundRole(QPalette::PlaceholderText);
    *text = monospaceText(page, objectName);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 6, 0, 0);
    layout->addWidget(*caption);
    layout->addWidget(*text, 1);
    return page;
}

} // namespace sb::detail
