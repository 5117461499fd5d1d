#pragma once

#include <QWidget>

namespace sb {

// One page of the main window's stack. The window forwards its global actions (F5, Ctrl+F) to the
// current page, so a new view only overrides what it supports.
class ConsoleView : public QWidget
{
    Q_OBJECT
public:
    using QWidget::QWidget;

    // Re-reads what may have changed outside the live event stream.
    virtual void refresh() { }
    // Moves the keyboard focus to the page's search box; false when it has none.
    virtual bool focusSearch() { return false; }
};

} // namespace sb
