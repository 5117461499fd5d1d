#pragma once

#include <QLabel>

namespace sb {

class Runtime;

// "Live: N" in the status bar: the /ws and SSE clients connected now (LiveHub's count).
class LiveClientsLabel : public QLabel
{
    Q_OBJECT
public:
    explicit LiveClientsLabel(Runtime &runtime, QWidget *parent = nullptr);

    int count() const { return m_count; }

private:
    void display(int count);

    int m_count = 0;
};

} // namespace sb
