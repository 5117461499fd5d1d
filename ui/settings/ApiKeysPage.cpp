#include "ApiKeysPage.h"

#include "common/WorkerQuery.h"
#include "runtime/Runtime.h"
#include "security/ApiKeys.h"
#include "storage/ApiKeyRepository.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace sb {

namespace {

QString when(qint64 ms)
{
    return ms > 0 ? QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms), QStringLiteral("yyyy-MM-dd HH:mm"))
                  : QString();
}

} // namespace

ApiKeysPage::ApiKeysPage(Runtime &runtime, QWidget *parent)
    : QWidget(parent)
    , m_runtime(runtime)
{
    auto *intro = new QLabel(
        tr("API routes (/api/...) need one of these keys in Authorization: Bearer or X-API-Key. "
           "A read key may only read (GET, the live streams); a write key may also change data and "
           "raise events; key management, external services and webhook configurations need an admin "
           "key. Only a hash is stored: a new key is shown once. Last use is written at most once a "
           "minute."),
        this);
    intro->setWordWrap(true);
    intro->setForegroundRole(QPalette::PlaceholderText);
    m_links = new QLabel(this);
    m_links->setObjectName(QStringLiteral("apiLinks"));
    m_links->setTextFormat(Qt::RichText);
    m_links->setOpenExternalLinks(true);
    m_links->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_links->setWordWrap(true);
    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("apiKeysList"));
    m_list->setRootIsDecorated(false);
    m_list->setHeaderLabels(
        {tr("Name"), tr("Scope"), tr("Key starts with"), tr("Created"), tr("Last used"), tr("Revoked")});
    m_list->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_list->header()->setStretchLastSection(false);
    auto *create = new QPushButton(tr("Create key…"), this);
    create->setObjectName(QStringLiteral("apiKeyCreate"));
    connect(create, &QPushButton::clicked, this, &ApiKeysPage::askAndCreate);
    m_revoke = new QPushButton(tr("Revoke"), this);
    m_revoke->setObjectName(QStringLiteral("apiKeyRevoke"));
    m_revoke->setEnabled(false);
    connect(m_revoke, &QPushButton::clicked, this, &ApiKeysPage::revokeSelected);
    connect(m_list, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        m_revoke->setEnabled(
            item && item->text(RevokedColumn).isEmpty() && !item->data(0, Qt::UserRole).toString().isEmpty());
    });
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(create);
    buttons->addWidget(m_revoke);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_links);
    layout->addWidget(intro);
    layout->addLayout(buttons);
    layout->addWidget(m_list, 1);
    reload();
}

void ApiKeysPage::showEvent(QShowEvent *event)
{
    updateLinks(); // the listening address and the public URL may have changed in Settings
    QWidget::showEvent(event);
}

void ApiKeysPage::updateLinks()
{
    const auto link = [](const QString &base, const char *path) {
        QString url = base;
        while (url.endsWith(QLatin1Char('/')))
            url.chop(1);
        url += QLatin1String(path);
        return QStringLiteral("<a href=\"%1\">%1</a>").arg(url.toHtmlEscaped());
    };
    const auto lines = [&](const QString &base) {
        return tr("API base URL %1 · interactive documentation %2 · OpenAPI document %3")
            .arg(link(base, "/api"), link(base, "/docs"), link(base, "/openapi.json"));
    };
    QString text;
    const auto local = m_runtime.listenUrl();
    if (!local.isEmpty())
        text = tr("On this machine: %1").arg(lines(local));
    if (text.isEmpty())
        text = tr("The server is not listening: the API is unavailable.");
    m_links->setText(text);
}

void ApiKeysPage::reload()
{
    runOnWorker(
        m_runtime.reader(), this, [](SqlContext &sql) { return ApiKeyRepository::list(sql); },
        [this](QList<StoredApiKey> rows, const QString &error) {
            m_list->clear();
            if (!error.isEmpty()) {
                new QTreeWidgetItem(m_list, {tr("Could not read the keys: %1").arg(error)});
                return;
            }
            for (const auto &row : rows) {
                auto *item = new QTreeWidgetItem(m_list,
                    {row.name, apiScopeName(row.scope), row.prefix + QStringLiteral("…"),
                        when(row.createdAtMs), when(row.lastUsedAtMs), when(row.revokedAtMs)});
                item->setData(0, Qt::UserRole, row.id);
                if (!row.lastUsedClient.isEmpty())
                    item->setToolTip(LastUsedColumn, tr("Last used by %1").arg(row.lastUsedClient));
                if (row.revokedAtMs > 0) {
                    for (int column = 0; column < ColumnCount; ++column)
                        item->setForeground(column, palette().color(QPalette::PlaceholderText));
                }
            }
            m_revoke->setEnabled(false);
            Q_EMIT reloaded();
        });
}

void ApiKeysPage::askAndCreate()
{
    QDialog dialog(this);
    dialog.setWindowTitle(tr("New API key"));
    auto *name = new QLineEdit(&dialog);
    name->setObjectName(QStringLiteral("apiKeyName"));
    name->setPlaceholderText(tr("What is the key for (e.g. “CRM sync”)?"));
    auto *scope = new QComboBox(&dialog);
    scope->setObjectName(QStringLiteral("apiKeyScope"));
    scope->addItem(tr("read — GET routes and live streams"), int(ApiScope::Read));
    scope->addItem(tr("write — also changes and raised events"), int(ApiScope::Write));
    scope->addItem(tr("admin — everything, including keys"), int(ApiScope::Admin));
    scope->setCurrentIndex(1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Create"));
    buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    connect(name, &QLineEdit::textChanged, &dialog, [buttons](const QString &text) {
        buttons->button(QDialogButtonBox::Ok)->setEnabled(!text.trimmed().isEmpty());
    });
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto *form = new QFormLayout(&dialog);
    form->addRow(tr("Name"), name);
    form->addRow(tr("Scope"), scope);
    form->addRow(buttons);
    if (dialog.exec() == QDialog::Accepted && !name->text().trimmed().isEmpty())
        create(name->text().trimmed(), ApiScope(scope->currentData().toInt()));
}

void ApiKeysPage::create(const QString &name, ApiScope scope)
{
    auto created = std::make_shared<ApiKeyRepository::Created>();
    SqlJob job;
    job.replyContext = this;
    job.run = [keys = &m_runtime.apiKeys(), name, scope, created](SqlContext &sql) -> ApiResult {
        // The registry stores the hash on the writer's connection and starts accepting the key.
        *created = ApiKeyRepository::create(sql, *keys, name, scope);
        return ApiResponse {};
    };
    job.done = [this, created](const ApiResult &result) {
        if (const auto *error = std::get_if<ApiError>(&result)) {
            QMessageBox::warning(this, tr("API key not created"), error->message);
            return;
        }
        reload();
        Q_EMIT keyCreated(created->id, created->key);
        if (isVisible())
            showKeyOnce(created->key);
    };
    m_runtime.writer().submit(std::move(job));
}

void ApiKeysPage::showKeyOnce(const QString &key)
{
    QDialog dialog(this);
    dialog.setWindowTitle(tr("New API key"));
    auto *text = new QLabel(tr("Copy the key now: it is shown only once and cannot be recovered."), &dialog);
    auto *field = new QLineEdit(key, &dialog);
    field->setReadOnly(true);
    field->setMinimumWidth(field->fontMetrics().horizontalAdvance(key) + 40);
    auto *copy = new QPushButton(tr("Copy"), &dialog);
    connect(copy, &QPushButton::clicked, &dialog, [key] { QApplication::clipboard()->setText(key); });
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, &dialog);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::accept);
    auto *row = new QHBoxLayout;
    row->addWidget(field, 1);
    row->addWidget(copy);
    auto *layout = new QVBoxLayout(&dialog);
    layout->addWidget(text);
    layout->addLayout(row);
    layout->addWidget(buttons);
    dialog.exec();
}

void ApiKeysPage::revokeSelected()
{
    auto *item = m_list->currentItem();
    if (!item)
        return;
    const auto answer = QMessageBox::question(this, tr("Revoke API key"),
        tr("Revoke “%1”? Clients using it are refused from now on. This cannot be undone.")
            .arg(item->text(0)));
    if (answer == QMessageBox::Yes)
        revoke(item->data(0, Qt::UserRole).toString());
}

void ApiKeysPage::revoke(const QString &id)
{
    SqlJob job;
    job.replyContext = this;
    job.run = [keys = &m_runtime.apiKeys(), id](SqlContext &sql) -> ApiResult {
        ApiKeyRepository::revoke(sql, *keys, id);
        return ApiResponse {};
    };
    job.done = [this, id](const ApiResult &result) {
        if (const auto *error = std::get_if<ApiError>(&result)) {
            QMessageBox::warning(this, tr("API key not revoked"), error->message);
            return;
        }
        reload();
        Q_EMIT keyRevoked(id);
    };
    m_runtime.writer().submit(std::move(job));
}

} // namespace sb
