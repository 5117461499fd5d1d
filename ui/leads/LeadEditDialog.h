#pragma once

#include "LeadChange.h"
#include "LeadQueries.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace sb {

class SqlWorker;

// Edits one lead. The rules are the CRM commands' own: the form saves through them and shows
// their message when they refuse (e.g. an invalid email), staying open to correct it.
class LeadEditDialog : public QDialog
{
    Q_OBJECT
public:
    LeadEditDialog(const LeadDetail &lead, SqlWorker &writer, QWidget *parent = nullptr);

    // What would be saved now (changed fields only).
    LeadChange change() const;
    QString errorText() const;

public Q_SLOTS:
    void save();

private:
    QLineEdit *lineEdit(const QString &objectName, const QString &text);
    QComboBox *enumCombo(const QString &objectName, const QStringList &values,
        QString (*label)(const QString &), const QString &current, bool allowNone);
    void updateRemarks();

    SqlWorker &m_writer;
    LeadRow m_original;
    QLineEdit *m_firstName;
    QLineEdit *m_lastName;
    QLineEdit *m_company;
    QLineEdit *m_email;
    QLineEdit *m_phone;
    QComboBox *m_source;
    QComboBox *m_priority;
    QComboBox *m_status;
    QLineEdit *m_remarks;
    QLineEdit *m_expectedValue;
    QLabel *m_error;
    QDialogButtonBox *m_buttons;
};

} // namespace sb
