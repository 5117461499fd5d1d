#pragma once

#include "domain/RelayTarget.h"

#include <QWidget>
#include <functional>

class QLabel;
class QPushButton;
class QStackedWidget;
class QTreeWidget;
class QTreeWidgetItem;

namespace sb {

class EmptyState;
class Runtime;
class SqlContext;

// Settings → Relay: relay targets per provider route (route, target URL, enabled, last relay), with
// Add / Edit / Remove and an Enabled check box per row. Each accepted callback of a route is
// forwarded raw to its enabled targets by the dispatcher (issue 13 item 9); the relays show in
// the Deliveries view with source "relay". Changes go through RelayCommands on the writer.
class RelayPage : public QWidget
{
    Q_OBJECT
public:
    explicit RelayPage(Runtime &runtime, QWidget *parent = nullptr);

    QTreeWidget *list() const { return m_list; }
    // Shown instead of the list while no relay is set up.
    EmptyState *emptyState() const { return m_empty; }
    bool showsEmptyState() const;
    enum Column
    {
        RouteColumn,
        UrlColumn,
        EnabledColumn,
        LastColumn,
        DescriptionColumn,
        ColumnCount
    };

public Q_SLOTS:
    void reload();
    // Stores a relay without asking (the dialog's OK does the same); refusals go to failed().
    void add(const QJsonObject &fields);
    void change(qint64 id, const QJsonObject &fields);
    void remove(qint64 id);

Q_SIGNALS:
    void reloaded();
    void changed();
    void failed(const QString &message);

private:
    void askAndAdd();
    void askAndEdit();
    void removeSelected();
    // The relay dialog; fills `fields` and returns true on OK.
    bool ask(const QString &title, const RelayTarget &initial, QJsonObject *fields);
    void write(std::function<ApiResult(SqlContext &)> job, const QString &failureTitle);
    qint64 selectedId() const;

    Runtime &m_runtime;
    QStackedWidget *m_stack;
    EmptyState *m_empty;
    QTreeWidget *m_list;
    QPushButton *m_edit;
    QPushButton *m_remove;
    QList<RelayTarget> m_targets;
    bool m_filling = false;
};

} // namespace sb
