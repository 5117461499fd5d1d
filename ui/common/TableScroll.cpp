#include "TableScroll.h"

#include <QScrollBar>
#include <QTableView>

namespace sb {

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
