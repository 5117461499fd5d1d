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

EmptyState::EmptyState(const QString &title, const QString &explanation, QWidget *parent) : ConsoleView(parent)
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
    text->setMaximumWidth(560);
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
    commandBox->setMaximumWidth(720);
    commandBox->hide();
    connect(m_copy, &QPushButton::clicked, this, [this] {
        QApplication::clipboard()->setText(m_command);
        m_copy->setText(tr("Copied"));
        QTimer::singleShot(1500, m_copy, [button = m_copy] { button->setText(tr("Copy")); });
    });

    auto *layout = new QVBoxLayout(this);
    layout->addStretch(2);
    layout->addWidget(titleLabel, 0, Qt::AlignHCenter);
    layout->addSpacing(8);
    layout->addWidget(text, 0, Qt::AlignHCenter);
    layout->addSpacing(16);
    layout->addWidget(commandBox, 0, Qt::AlignHCenter);
    layout->addStretch(3);
}

void EmptyState::setCommand(const QString &command)
{
    m_command = command;
    m_commandLabel->setText(command);
    m_commandLabel->parentWidget()->setVisible(!command.isEmpty());
}

} // namespace sb
