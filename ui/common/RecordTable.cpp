#include "RecordTable.h"

#include <QAbstractProxyModel>
#include <QHeaderView>
#include <QLineEdit>
#include <QScrollBar>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace sb {

void setUpRecordTable(QTableView *table, int rowPadding)
{
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setAlternatingRowColors(true);
    table->setShowGrid(false);
    table->setWordWrap(false);
    table->setTextElideMode(Qt::ElideRight);
    table->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    table->verticalHeader()->hide();
    table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + rowPadding);
    auto *header = table->horizontalHeader();
    header->setHighlightSections(false);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    header->setStretchLastSection(true);
}

void sizeColumns(QTableView *table, std::initializer_list<std::pair<int, QString>> samples, int padding,
    const QString &minimum)
{
    const auto metrics = table->fontMetrics();
    const auto width
        = [&metrics, padding](const QString &sample) { return metrics.horizontalAdvance(sample) + padding; };
    auto *header = table->horizontalHeader();
    for (const auto &[column, sample] : samples) {
        const auto title = table->model()->headerData(column, Qt::Horizontal).toString();
        header->resizeSection(column, std::max(width(sample), width(title)));
    }
    header->setMinimumSectionSize(width(minimum));
}

RecordViewFrame layOutRecordView(
    QWidget *view, QWidget *empty, QWidget *toolbar, QTableView *table, QWidget *detail)
{
    auto *content = new QWidget(view);
    auto *splitter = new QSplitter(Qt::Vertical, content);
    splitter->addWidget(table);
    splitter->addWidget(detail);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->addWidget(toolbar);
    contentLayout->addWidget(splitter, 1);
    auto *stack = new QStackedWidget(view);
    stack->addWidget(empty);
    stack->addWidget(content);
    auto *layout = new QVBoxLayout(view);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(stack);
    return {stack, splitter};
}

QLineEdit *searchField(
    QWidget *parent, const QString &objectName, const QString &placeholder, int minimumWidth)
{
    auto *field = new QLineEdit(parent);
    field->setObjectName(objectName);
    field->setPlaceholderText(placeholder);
    field->setClearButtonEnabled(true);
    field->setMinimumWidth(minimumWidth);
    return field;
}

QTimer *applyWhenTypingPauses(QLineEdit *field, QObject *context, std::function<void()> apply)
{
    auto *timer = new QTimer(context);
    timer->setSingleShot(true);
    timer->setInterval(250);
    QObject::connect(timer, &QTimer::timeout, context, std::move(apply));
    QObject::connect(field, &QLineEdit::textChanged, timer, qOverload<>(&QTimer::start));
    return timer;
}

void restoreTableLayout(
    const QString &key, QSplitter *splitter, QTableView *table, const QList<int> &defaultSizes)
{
    QSettings settings;
    if (splitter && !splitter->restoreState(settings.value(key + QStringLiteral("/splitter")).toByteArray()))
        splitter->setSizes(defaultSizes);
    table->horizontalHeader()->restoreState(settings.value(key + QStringLiteral("/columns")).toByteArray());
}

void saveTableLayout(const QString &key, const QSplitter *splitter, const QTableView *table)
{
    QSettings settings;
    if (splitter)
        settings.setValue(key + QStringLiteral("/splitter"), splitter->saveState());
    settings.setValue(key + QStringLiteral("/columns"), table->horizontalHeader()->saveState());
}

void keepRowsInPlace(QTableView *table, int first, int last)
{
    auto *bar = table->verticalScrollBar();
    if (first != 0 || bar->value() == 0)
        return;
    int shift = 0;
    for (int row = first; row <= last; ++row)
        shift += table->rowHeight(row);
    // The range is updated later with the layout; extend it now so the new value is not clamped.
    bar->setMaximum(bar->maximum() + shift);
    bar->setValue(bar->value() + shift);
}

int liveRowsToKeep(const QTableView *table, int cap)
{
    const auto sourceRow = [](const QModelIndex &index) {
        if (const auto *proxy = qobject_cast<const QAbstractProxyModel *>(index.model()))
            return proxy->mapToSource(index).row();
        return index.row();
    };
    int keep = cap;
    // Hidden (another section is shown), nobody reads it: only the selection is kept.
    if (table->isVisible() && table->model()->rowCount() > 0) {
        auto bottom = table->indexAt(QPoint(0, table->viewport()->height() - 1));
        if (!bottom.isValid()) // scrolled to the end of what is loaded
            bottom = table->model()->index(table->model()->rowCount() - 1, 0);
        keep = std::max(keep, sourceRow(bottom) + 1);
    }
    if (const auto *selection = table->selectionModel()) {
        for (const auto &index : selection->selectedRows())
            keep = std::max(keep, sourceRow(index) + 1);
    }
    return keep;
}

} // namespace sb
