#include "RecordTable.h"

#include <QHeaderView>
#include <QScrollBar>
#include <QTableView>

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

} // namespace sb
