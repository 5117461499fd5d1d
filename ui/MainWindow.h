#pragma once

#include <QMainWindow>

namespace sb {

class Runtime;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(Runtime &runtime, QWidget *parent = nullptr);

private:
    Runtime &m_runtime;
};

} // namespace sb
