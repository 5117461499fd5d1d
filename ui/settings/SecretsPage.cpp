#include "SecretsPage.h"

#include "ProviderEndpoints.h"
#include "common/WorkerQuery.h"
#include "runtime/Runtime.h"

#include <QAction>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace sb {

SecretsPage::SecretsPage(Runtime &runtime, QWidget *parent)
    : QWidget(parent)
    , m_runtime(runtime)
{
    auto *intro
        = new QLabel(tr("Every webhook family needs its secret: without it callbacks are answered 401 and "
                        "recorded, so they can be replayed from Inbound requests once the secret is set. "
                        "Environment variables of the same name override what is saved here."),
            this);
    intro->setWordWrap(true);
    intro->setForegroundRole(QPalette::PlaceholderText);
    auto *storage = new QLabel(tr("Stored: %1").arg(runtime.secrets().storageDescription()), this);
    storage->setObjectName(QStringLiteral("secretStorage"));
    storage->setWordWrap(true);
    storage->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *grid = new QGridLayout;
    grid->setColumnStretch(1, 1);
    // The settings that verify an endpoint; the others (allow-lists, auto-replies, …) are optional.
    for (const auto &endpoint : ProviderEndpoints::all()) {
        if (!endpoint.secret.isEmpty())
            m_required.insert(endpoint.secret);
    }
    int row = 0;
    for (const auto &name : SecretStore::knownNames()) {
        const bool secret = name.contains(QLatin1String("SECRET")) || name.contains(QLatin1String("TOKEN"))
            || name.contains(QLatin1String("KEY"));
        auto *label = new QLabel(name, this);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        auto *edit = new QLineEdit(runtime.secrets().value(name), this);
        edit->setObjectName(QStringLiteral("secret_") + name);
        edit->setEchoMode(secret ? QLineEdit::Password : QLineEdit::Normal);
        edit->setPlaceholderText(tr("not set"));
        auto *reveal = edit->addAction(
            style()->standardIcon(QStyle::SP_FileDialogContentsView), QLineEdit::TrailingPosition);
        reveal->setCheckable(true);
        reveal->setVisible(secret);
        reveal->setToolTip(tr("Show or hide the secret"));
        connect(reveal, &QAction::toggled, edit,
            [edit](bool shown) { edit->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password); });
        auto *save = new QPushButton(tr("Save"), this);
        save->setObjectName(QStringLiteral("saveSecret_") + name);
        connect(save, &QPushButton::clicked, this, [this, name] { this->save(name); });
        connect(edit, &QLineEdit::returnPressed, this, [this, name] { this->save(name); });
        auto *state = new QLabel(this);
        state->setForegroundRole(QPalette::PlaceholderText);
        m_edits.insert(name, edit);
        m_states.insert(name, state);
        grid->addWidget(label, row, 0);
        grid->addWidget(edit, row, 1);
        grid->addWidget(save, row, 2);
        grid->addWidget(state, row, 3);
        describe(name);
        ++row;
    }
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(storage);
    layout->addLayout(grid);
    layout->addStretch(1);
}

void SecretsPage::describe(const QString &name)
{
    auto *state = m_states.value(name);
    if (m_runtime.options().environment.contains(name))
        state->setText(tr("from the environment"));
    else if (m_runtime.secrets().has(name))
        state->setText(tr("set"));
    else if (m_required.contains(name))
        state->setText(tr("missing — callbacks are refused"));
    else
        state->setText(tr("not set (optional)"));
}

void SecretsPage::save(const QString &name)
{
    const auto value = m_edits.value(name)->text().trimmed();
    // Sealed by the secret store on its way to the database, on the writer's connection.
    runOnWorker(
        m_runtime.writer(), this,
        [secrets = &m_runtime.secrets(), name, value](
            SqlContext &sql) { return secrets->save(sql, name, value); },
        [this, name, value](bool, const QString &error) {
            auto *state = m_states.value(name);
            if (!error.isEmpty()) {
                state->setText(tr("not saved: %1").arg(error));
                return;
            }
            // Stored first, then used: a crash in between loses nothing.
            m_runtime.secrets().set(name, value);
            describe(name);
            state->setText(state->text() + tr(" · saved"));
            Q_EMIT saved(name);
        });
}

} // namespace sb
