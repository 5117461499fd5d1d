#pragma once

#include "ConsoleView.h"

class QLabel;
class QPushButton;

namespace sb {

// A centred explanation shown where a view has nothing to display yet: what will appear here and
// how to make it appear. Never fake data.
class EmptyState : public ConsoleView
{
    Q_OBJECT
public:
    explicit EmptyState(const QString &title, const QString &explanation, QWidget *parent = nullptr);

    // A command the user can copy (e.g. a curl line), shown in a monospace box with a Copy button.
    void setCommand(const QString &command);
    QString command() const { return m_command; }

private:
    QLabel *m_commandLabel;
    QPushButton *m_copy;
    QString m_command;
};

} // namespace sb
