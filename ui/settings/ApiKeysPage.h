#pragma once

#include "security/ApiKeys.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QTreeWidget;

namespace sb {

class Runtime;

// API keys: the list (name, scope, prefix, created, last used and by which client, revoked), Create
// with a name and a scope (the key is shown once) and Revoke (revoked_at is set and the running registry
// reloaded, so the key stops working at once).
class ApiKeysPage : public QWidget
{
    Q_OBJECT
public:
    explicit ApiKeysPage(Runtime &runtime, QWidget *parent = nullptr);

    QTreeWidget *list() const { return m_list; }
    // The API base URL, the /docs page and /openapi.json on this instance's listening address (admin
    // routes answer on this machine only unless --admin-remote).
    QLabel *apiLinks() const { return m_links; }
    // The list's columns.
    enum Column
    {
        NameColumn,
        ScopeColumn,
        PrefixColumn,
        CreatedColumn,
        LastUsedColumn,
        RevokedColumn,
        ColumnCount
    };

public Q_SLOTS:
    void reload();
    // Creates a key named `name` with `scope` without asking; the key is passed to keyCreated().
    void create(const QString &name, ApiScope scope = ApiScope::Admin);
    void revoke(const QString &id);

Q_SIGNALS:
    void reloaded();
    void keyCreated(const QString &id, const QString &key);
    void keyRevoked(const QString &id);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void updateLinks();
    void askAndCreate();
    void revokeSelected();
    void showKeyOnce(const QString &key);

    Runtime &m_runtime;
    QTreeWidget *m_list;
    QPushButton *m_revoke;
    QLabel *m_links;
};

} // namespace sb
