#pragma once

#include <QWidget>

class QLabel;
class QPushButton;
class QSpinBox;

namespace sb {

class Runtime;

// Settings → Recordings: where call recordings are kept, how long (recordings.retention_days; 0 keeps
// them forever), the disk they use ("312 recordings, 1.2 GB") and "Prune now", which runs the
// retention job at once.
class RecordingsPage : public QWidget
{
    Q_OBJECT
public:
    explicit RecordingsPage(Runtime &runtime, QWidget *parent = nullptr);

    QSpinBox *retentionBox() const { return m_retention; }
    QLabel *usageLabel() const { return m_usage; }
    QLabel *resultLabel() const { return m_result; }
    QPushButton *saveButton() const { return m_save; }
    QPushButton *pruneButton() const { return m_prune; }

    // "312 recordings, 1.2 GB" in the UI language.
    static QString usageText(int files, qint64 bytes);

public Q_SLOTS:
    void reload();
    void save();
    void prune();

Q_SIGNALS:
    void loaded();
    void saved();
    void pruned(int count);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void showUsage(int files, qint64 bytes);

    Runtime &m_runtime;
    QSpinBox *m_retention;
    QLabel *m_usage;
    QLabel *m_result;
    QPushButton *m_save;
    QPushButton *m_prune;
};

} // namespace sb
