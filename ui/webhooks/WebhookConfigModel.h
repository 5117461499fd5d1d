#pragma once

#include "domain/WebhookConfig.h"

#include <QAbstractTableModel>
#include <QSqlDatabase>
#include <QTimer>
#include <vector>

namespace sb {

class Clock;
class EventBus;
class SecretStore;

// The webhook configurations (a handful of rows, newest first) with how their recent deliveries
// went. Changes (EventBus::configsChanged) are merged row by row; delivery outcomes refresh the
// statistics columns at most once a second.
class WebhookConfigModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        Name,
        Url,
        Events,
        Status,
        SuccessRate,
        LastDelivery,
        ColumnCount
    };
    enum Role
    {
        ConfigIdRole = Qt::UserRole + 1,
        StatusRole
    };
    static constexpr int statsSample = 100; // success rate over this many latest deliveries

    struct Stats
    {
        int delivered = 0;
        int failed = 0;
        qint64 lastAt = 0;
        QString lastStatus;
    };

    // `secrets` reveals the signing secrets the view masks and the edit dialog needs.
    WebhookConfigModel(QSqlDatabase db, const Clock &clock, const SecretStore &secrets, EventBus &bus,
        QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    const WebhookConfig &configAt(int row) const { return m_rows.at(size_t(row)).config; }
    int rowOfId(qint64 id) const;
    QString lastError() const { return m_lastError; }

    static QString statusLabel(const WebhookConfig &config);

public Q_SLOTS:
    void reload();
    void reloadStats();

private:
    struct Row
    {
        WebhookConfig config;
        Stats stats;
    };
    Stats readStats(qint64 configId);

    QSqlDatabase m_db;
    const Clock &m_clock;
    const SecretStore &m_secrets;
    std::vector<Row> m_rows; // id descending
    QTimer m_statsTimer;
    QString m_lastError;
};

} // namespace sb
