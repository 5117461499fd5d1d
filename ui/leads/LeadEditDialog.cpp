#include "LeadEditDialog.h"

#include "LeadLabels.h"
#include "leads/LeadCommands.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleValidator>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace sb {

LeadEditDialog::LeadEditDialog(const LeadDetail &lead, SqlWorker &writer, QWidget *parent)
    : QDialog(parent)
    , m_writer(writer)
    , m_original(lead.lead)
{
    setObjectName(QStringLiteral("leadEditDialog"));
    setWindowTitle(tr("Edit lead #%1").arg(m_original.id));
    auto *form = new QFormLayout;
    m_firstName = lineEdit(QStringLiteral("leadFirstName"), m_original.firstName);
    m_lastName = lineEdit(QStringLiteral("leadLastName"), m_original.lastName);
    m_company = lineEdit(QStringLiteral("leadCompany"), m_original.company);
    m_email = lineEdit(QStringLiteral("leadEmail"), m_original.email);
    m_phone = lineEdit(QStringLiteral("leadPhone"), m_original.phone);
    m_phone->setPlaceholderText(tr("+15550100"));
    m_source = enumCombo(
        QStringLiteral("leadSource"), leadSources(), &LeadLabels::source, m_original.source, true);
    m_priority = enumCombo(QStringLiteral("leadPriority"), leadPriorities(), &LeadLabels::priority,
        leadPriorityName(m_original.priority), false);
    m_status = enumCombo(QStringLiteral("leadStatus"), leadStatuses(), &LeadLabels::status,
        leadStatusName(m_original.status), false);
    m_remarks = lineEdit(QStringLiteral("leadRemarks"), QString());
    m_remarks->setPlaceholderText(tr("Why the status changes (kept in the status history)"));
    m_expectedValue = lineEdit(QStringLiteral("leadExpectedValue"),
        m_original.expectedValue.isNull() ? QString()
                                          : QLocale().toString(m_original.expectedValue.toDouble(), 'f', 2));
    auto *validator = new QDoubleValidator(0, 1e12, 2, m_expectedValue);
    validator->setNotation(QDoubleValidator::StandardNotation);
    m_expectedValue->setValidator(validator);

    form->addRow(tr("First name"), m_firstName);
    form->addRow(tr("Last name"), m_lastName);
    form->addRow(tr("Company"), m_company);
    form->addRow(tr("Email"), m_email);
    form->addRow(tr("Phone"), m_phone);
    form->addRow(tr("Source"), m_source);
    form->addRow(tr("Priority"), m_priority);
    form->addRow(tr("Expected value"), m_expectedValue);
    form->addRow(tr("Status"), m_status);
    form->addRow(tr("Remarks"), m_remarks);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("leadEditError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("QLabel { color: #d93f3f; }"));
    m_error->hide();
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &LeadEditDialog::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_status, &QComboBox::currentIndexChanged, this, &LeadEditDialog::updateRemarks);
    updateRemarks();

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);
    setMinimumWidth(440);
}

QLineEdit *LeadEditDialog::lineEdit(const QString &objectName, const QString &text)
{
    auto *edit = new QLineEdit(text, this);
    edit->setObjectName(objectName);
    return edit;
}

QComboBox *LeadEditDialog::enumCombo(const QString &objectName, const QStringList &values,
    QString (*label)(const QString &), const QString &current, bool allowNone)
{
    auto *combo = new QComboBox(this);
    combo->setObjectName(objectName);
    if (allowNone || !values.contains(current))
        combo->addItem(current.isEmpty() ? tr("(not set)") : label(current), current);
    for (const auto &value : values) {
        if (combo->findData(value) < 0)
            combo->addItem(label(value), value);
    }
    combo->setCurrentIndex(combo->findData(current));
    return combo;
}

void LeadEditDialog::updateRemarks()
{
    const bool statusChanges = m_status->currentData().toString() != leadStatusName(m_original.status);
    m_remarks->setEnabled(statusChanges);
}

LeadChange LeadEditDialog::change() const
{
    LeadChange change;
    change.leadId = m_original.id;
    const auto text = [&change](const char *key, const QLineEdit *edit, const QString &original) {
        const auto value = edit->text().trimmed();
        if (value != original)
            change.fields.insert(QLatin1String(key), value);
    };
    text("first_name", m_firstName, m_original.firstName);
    text("last_name", m_lastName, m_original.lastName);
    text("company_name", m_company, m_original.company);
    text("email", m_email, m_original.email);
    text("phone", m_phone, m_original.phone);
    const auto source = m_source->currentData().toString();
    if (source != m_original.source && !source.isEmpty())
        change.fields.insert(QStringLiteral("source"), source);
    const auto priority = m_priority->currentData().toString();
    if (priority != leadPriorityName(m_original.priority))
        change.fields.insert(QStringLiteral("priority"), priority);
    const auto valueText = m_expectedValue->text().trimmed();
    if (!valueText.isEmpty()) {
        bool ok = false;
        const double value = QLocale().toDouble(valueText, &ok);
        if (ok
            && (m_original.expectedValue.isNull()
                || qAbs(value - m_original.expectedValue.toDouble()) >= 0.005))
            change.fields.insert(QStringLiteral("expected_value"), value);
    }
    const auto status = m_status->currentData().toString();
    if (status != leadStatusName(m_original.status)) {
        change.newStatus = status;
        change.remarks = m_remarks->text().trimmed();
    }
    return change;
}

QString LeadEditDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void LeadEditDialog::save()
{
    const auto pending = change();
    if (pending.isEmpty()) {
        accept();
        return;
    }
    m_buttons->setEnabled(false);
    m_error->hide();
    pending.save(m_writer, this, [this](const QString &error) {
        m_buttons->setEnabled(true);
        if (error.isEmpty()) {
            accept();
            return;
        }
        m_error->setText(tr("Not saved: %1").arg(error));
        m_error->show();
    });
}

} // namespace sb
