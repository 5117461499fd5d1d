#pragma once

#include "domain/RetryPolicy.h"

#include <QJsonObject>
#include <QStringList>
#include <QWidget>

class QDoubleSpinBox;
class QLabel;
class QSpinBox;
class QTableWidget;
class QTreeWidget;

namespace sb {

// The event catalog as a checkable tree, one branch per group (CRM, Messaging, Calls, …).
class EventTypePicker : public QWidget
{
    Q_OBJECT
public:
    explicit EventTypePicker(QWidget *parent = nullptr);
    QStringList selected() const;
    void setSelected(const QStringList &names);
    QTreeWidget *tree() const { return m_tree; }

Q_SIGNALS:
    void changed();

private:
    QTreeWidget *m_tree;
    QLabel *m_count;
};

// Custom headers sent with every delivery: name/value rows to add and remove.
class HeadersEditor : public QWidget
{
    Q_OBJECT
public:
    explicit HeadersEditor(QWidget *parent = nullptr);
    QJsonObject headers() const;
    void setHeaders(const QJsonObject &headers);
    QTableWidget *table() const { return m_table; }

Q_SIGNALS:
    void changed();

private:
    QTableWidget *m_table;
};

// Attempts, delays and backoff with the schedule they produce, as RetryPolicy computes it.
class RetryEditor : public QWidget
{
    Q_OBJECT
public:
    explicit RetryEditor(QWidget *parent = nullptr);
    RetryPolicy policy() const;
    void setPolicy(const RetryPolicy &policy);
    QString preview() const;

Q_SIGNALS:
    void changed();

private:
    void updatePreview();

    QSpinBox *m_attempts;
    QDoubleSpinBox *m_initial;
    QDoubleSpinBox *m_factor;
    QDoubleSpinBox *m_max;
    QLabel *m_preview;
};

} // namespace sb
