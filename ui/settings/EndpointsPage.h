#pragma once

#include <QWidget>

class QLabel;
class QTreeWidget;

namespace sb {

class Runtime;

// The full URL of every provider endpoint, to paste into the provider's console, each with a Copy
// button. Built on the public URL when one is set, else on the listen address.
class EndpointsPage : public QWidget
{
    Q_OBJECT
public:
    explicit EndpointsPage(Runtime &runtime, QWidget *parent = nullptr);

    QTreeWidget *list() const { return m_list; }

public Q_SLOTS:
    void rebuild();

private:
    Runtime &m_runtime;
    QLabel *m_base;
    QTreeWidget *m_list;
};

} // namespace sb
