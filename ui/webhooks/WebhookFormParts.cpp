#include "WebhookFormParts.h"

#include "common/DisplayText.h"
#include "domain/EventCatalog.h"

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace sb {

EventTypePicker::EventTypePicker(QWidget *parent)
    : QWidget(parent)
{
    m_tree = new QTreeWidget(this);
    m_tree->setObjectName(QStringLiteral("eventTypeTree"));
    m_tree->setColumnCount(2);
    m_tree->setHeaderLabels({tr("Event"), tr("Raised when")});
    m_tree->setRootIsDecorated(true);
    m_tree->setUniformRowHeights(true);
    QTreeWidgetItem *group = nullptr;
    for (const auto &event : EventCatalog::all()) {
        if (!group || group->text(0) != event.group) {
            group = new QTreeWidgetItem(m_tree, {event.group});
            group->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsAutoTristate);
            group->setCheckState(0, Qt::Unchecked);
            group->setExpanded(true);
        }
        auto *item = new QTreeWidgetItem(group, {event.name, event.description});
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
        item->setCheckState(0, Qt::Unchecked);
        item->setData(0, Qt::UserRole, event.name);
        item->setToolTip(1, event.description);
    }
    m_tree->header()->resizeSection(
        0, fontMetrics().horizontalAdvance(QStringLiteral("conversation.completedMMMMMM")));
    m_count = new QLabel(this);
    m_count->setForegroundRole(QPalette::PlaceholderText);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tree, 1);
    layout->addWidget(m_count);
    connect(m_tree, &QTreeWidget::itemChanged, this, [this] {
        m_count->setText(tr("%n event type(s) selected", nullptr, int(selected().size())));
        Q_EMIT changed();
    });
    m_count->setText(tr("%n event type(s) selected", nullptr, 0));
}

QStringList EventTypePicker::selected() const
{
    QStringList names;
    for (int g = 0; g < m_tree->topLevelItemCount(); ++g) {
        const auto *group = m_tree->topLevelItem(g);
        for (int i = 0; i < group->childCount(); ++i) {
            if (group->child(i)->checkState(0) == Qt::Checked)
                names.append(group->child(i)->data(0, Qt::UserRole).toString());
        }
    }
    return names;
}

void EventTypePicker::setSelected(const QStringList &names)
{
    for (int g = 0; g < m_tree->topLevelItemCount(); ++g) {
        auto *group = m_tree->topLevelItem(g);
        for (int i = 0; i < group->childCount(); ++i) {
            auto *item = group->child(i);
            item->setCheckState(
                0, names.contains(item->data(0, Qt::UserRole).toString()) ? Qt::Checked : Qt::Unchecked);
        }
    }
}

HeadersEditor::HeadersEditor(QWidget *parent)
    : QWidget(parent)
{
    m_table = new QTableWidget(0, 2, this);
    m_table->setObjectName(QStringLiteral("headersEditor"));
    m_table->setHorizontalHeaderLabels({tr("Header"), tr("Value")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->resizeSection(0, 200);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    auto *add = new QPushButton(tr("Add header"), this);
    auto *remove = new QPushButton(tr("Remove"), this);
    add->setObjectName(QStringLiteral("addHeader"));
    connect(add, &QPushButton::clicked, this, [this] {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        m_table->setItem(row, 0, new QTableWidgetItem);
        m_table->setItem(row, 1, new QTableWidgetItem);
        m_table->editItem(m_table->item(row, 0));
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        if (m_table->currentRow() >= 0)
            m_table->removeRow(m_table->currentRow());
        Q_EMIT changed();
    });
    connect(m_table, &QTableWidget::itemChanged, this, &HeadersEditor::changed);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);
}

QJsonObject HeadersEditor::headers() const
{
    QJsonObject headers;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const auto name = m_table->item(row, 0) ? m_table->item(row, 0)->text().trimmed() : QString();
        const auto value = m_table->item(row, 1) ? m_table->item(row, 1)->text() : QString();
        if (!name.isEmpty() || !value.isEmpty())
            headers.insert(name, value); // an empty name is reported by applyConfigJson
    }
    return headers;
}

void HeadersEditor::setHeaders(const QJsonObject &headers)
{
    m_table->setRowCount(0);
    for (auto it = headers.begin(); it != headers.end(); ++it) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        m_table->setItem(row, 0, new QTableWidgetItem(it.key()));
        m_table->setItem(row, 1, new QTableWidgetItem(it.value().toString()));
    }
}

RetryEditor::RetryEditor(QWidget *parent)
    : QWidget(parent)
{
    // Ranges as RetryPolicy::fromJson accepts them.
    m_attempts = new QSpinBox(this);
    m_attempts->setObjectName(QStringLiteral("retryAttempts"));
    m_attempts->setRange(1, 50);
    m_initial = new QDoubleSpinBox(this);
    m_initial->setObjectName(QStringLiteral("retryInitial"));
    m_initial->setRange(0, 86400);
    m_initial->setDecimals(1);
    m_initial->setSuffix(tr(" s"));
    m_factor = new QDoubleSpinBox(this);
    m_factor->setObjectName(QStringLiteral("retryFactor"));
    m_factor->setRange(1, 100);
    m_factor->setDecimals(1);
    m_factor->setPrefix(tr("× "));
    m_max = new QDoubleSpinBox(this);
    m_max->setObjectName(QStringLiteral("retryMax"));
    m_max->setRange(1, 7 * 86400);
    m_max->setDecimals(0);
    m_max->setSuffix(tr(" s"));
    m_preview = new QLabel(this);
    m_preview->setObjectName(QStringLiteral("retryPreview"));
    m_preview->setWordWrap(true);
    m_preview->setTextFormat(Qt::PlainText);
    auto *form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("Attempts (including the first)"), m_attempts);
    form->addRow(tr("First retry after"), m_initial);
    form->addRow(tr("Each further delay"), m_factor);
    form->addRow(tr("Longest delay"), m_max);
    form->addRow(tr("Schedule"), m_preview);
    for (auto *spin :
        {static_cast<QAbstractSpinBox *>(m_attempts), static_cast<QAbstractSpinBox *>(m_initial),
            static_cast<QAbstractSpinBox *>(m_factor), static_cast<QAbstractSpinBox *>(m_max)}) {
        connect(spin, &QAbstractSpinBox::editingFinished, this, &RetryEditor::changed);
    }
    connect(m_attempts, &QSpinBox::valueChanged, this, &RetryEditor::updatePreview);
    for (auto *spin : {m_initial, m_factor, m_max})
        connect(spin, &QDoubleSpinBox::valueChanged, this, &RetryEditor::updatePreview);
    setPolicy(RetryPolicy {});
}

RetryPolicy RetryEditor::policy() const
{
    RetryPolicy policy;
    policy.maxAttempts = m_attempts->value();
    policy.initialDelay = m_initial->value();
    policy.backoffFactor = m_factor->value();
    policy.maxDelay = m_max->value();
    return policy;
}

void RetryEditor::setPolicy(const RetryPolicy &policy)
{
    m_attempts->setValue(policy.maxAttempts);
    m_initial->setValue(policy.initialDelay);
    m_factor->setValue(policy.backoffFactor);
    m_max->setValue(policy.maxDelay);
    updatePreview();
}

QString RetryEditor::preview() const
{
    return m_preview->text();
}

void RetryEditor::updatePreview()
{
    const auto delays = policy().schedule();
    if (delays.isEmpty()) {
        m_preview->setText(tr("One attempt only: a failed delivery is not retried."));
    } else {
        QStringList steps;
        double total = 0;
        for (const double delay : delays) {
            steps.append(display::delay(delay));
            total += delay;
        }
        m_preview->setText(
            tr("Retries after %1 — gives up %2 after the first attempt (each delay ±20% jitter).")
                .arg(steps.join(QStringLiteral(", ")), display::delay(total)));
    }
    Q_EMIT changed();
}

} // namespace sb
