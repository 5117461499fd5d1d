#include "EmptyState.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

namespace sb {

EmptyState::EmptyState(const QString &title, const QString &explanation, QWidget *parent)
    : ConsoleView(parent)
{
    auto *titleLabel = new QLabel(title, this);
    titleLabel->setObjectName(QStringLiteral("emptyStateTitle"));
    auto titleFont = titleLabel->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    titleLabel->setFont(titleFont);
    titleLabel->setAlignment(Qt::AlignCenter);

    auto *text = new QLabel(explanation, this);
    text->setObjectName(QStringLiteral("emptyStateText"));
    text->setWordWrap(true);
    text->setAlignment(Qt::AlignCenter);
    text->setTextFormat(Qt::PlainText);
    text->setForegroundRole(QPalette::PlaceholderText);

    // The command sits in a sunken box so it reads as something to paste, not prose.
    auto *commandBox = new QFrame(this);
    commandBox->setFrameShape(QFrame::StyledPanel);
    commandBox->setBackgroundRole(QPalette::Base);
    commandBox->setAutoFillBackground(true);
    m_commandLabel = new QLabel(commandBox);
    m_commandLabel->setObjectName(QStringLiteral("emptyStateCommand"));
    m_commandLabel->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_commandLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_commandLabel->setTextFormat(Qt::PlainText);
    m_commandLabel->setWordWrap(true);
    m_copy = new QPushButton(tr("Copy"), commandBox);
    auto *commandLayout = new QHBoxLayout(commandBox);
    commandLayout->addWidget(m_commandLabel, 1);
    commandLayout->addWidget(m_copy, 0, Qt::AlignTop);
    commandBox->hide();
    connect(m_copy, &QPushButton::clicked, this, [this] {
        QApplication::clipboard()->setText(m_command);
        m_copy->setText(tr("Copied"));
        QTimer::singleShot(1500, m_copy, [button = m_copy] { button->setText(tr("Copy")); });
    });

    // A fixed-width column: a word-wrapped QLabel centred on its own gets squeezed to a sliver.
    auto *column = new QWidget(this);
    column->setFixedWidth(640);
    auto *columnLayout = new QVBoxLayout(column);
    columnLayout->setContentsMargins(0, 0, 0, 0);
    columnLayout->addWidget(titleLabel);
    columnLayout->addSpacing(8);
    columnLayout->addWidget(text);
    columnLayout->addSpacing(16);
    columnLayout->addWidget(commandBox);

    auto *row = new QHBoxLayout;
    row->addStretch(1);
    row->addWidget(column);
    row->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addStretch(2);
    layout->addLayout(row);
    layout->addStretch(3);
}

void EmptyState::setCommand(const QString &command)
{
    m_command = command;
    m_commandLabel->setText(command);
    m_commandLabel->parentWidget()->setVisible(!command.isEmpty());
}

} // namespace sb
