#include "WebhookConfigModel.h"

#include "common/DisplayText.h"
#include "common/UiLog.h"
#include "domain/EventBus.h"
#include "storage/DeliveryMapper.h"
#include "storage/SqlWorker.h"
#include "storage/WebhookConfigRepository.h"

#include <QLocale>
#include <QSqlRecord>
#include <algorithm>

namespace sb {

WebhookConfigModel::WebhookConfigModel(
    QSqlDatabase db, const Clock &clock, const SecretStore &secrets, EventBus &bus, QObject *parent)
    : QAbstractTableModel(parent)
    , m_db(std::move(db))
    , m_clock(clock)
    , m_secrets(secrets)
{
    m_statsTimer.setSingleShot(true);
    m_statsTimer.setInterval(1000);
    connect(&m_statsTimer, &QTimer::timeout, this, &WebhookConfigModel::reloadStats);
    connect(&bus, &EventBus::configsChanged, this, &WebhookConfigModel::reload);
    // A delivery outcome may also have disabled its configuration (failures, 410 Gone).
    connect(&bus, &EventBus::deliveryUpdated, this, [this] {
        if (!m_statsTimer.isActive())
            m_statsTimer.start();
    });
    reload();
}

int WebhookConfigModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int WebhookConfigModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString WebhookConfigModel::statusLabel(const WebhookConfig &config)
{
    if (config.status == WebhookStatus::Active)
        return tr("active");
    if (config.status == WebhookStatus::Inactive)
        return tr("paused");
    if (!config.disabledReason.isEmpty())
        return tr("disabled: %1").arg(config.disabledReason);
    return tr("disabled");
}

QVariant WebhookConfigModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const auto &[config, stats] = m_rows[size_t(index.row())];
    const int decided = stats.delivered + stats.failed;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Name:
            return config.name;
        case Url:
            return config.url;
        case Events:
            if (config.eventTypes.size() <= 2)
                return config.eventTypes.join(QStringLiteral(", "));
            return tr("%1, %2 +%3")
                .arg(config.eventTypes[0], config.eventTypes[1])
                .arg(config.eventTypes.size() - 2);
        case Status:
            return statusLabel(config);
        case SuccessRate:
            if (decided == 0)
                return tr("no deliveries");
            return QStringLiteral("%1 %").arg(QLocale().toString(100.0 * stats.delivered / decided, 'f', 0));
        case LastDelivery:
            return stats.lastAt == 0 ? tr("never") : display::compactTime(stats.lastAt);
        }
        break;
    case Qt::ToolTipRole:
        switch (index.column()) {
        case Events:
            return config.eventTypes.join(QLatin1Char('\n'));
        case Url:
            return config.url;
        case Status:
            return config.disabledReason.isEmpty() ? QVariant() : QVariant(config.disabledReason);
        case SuccessRate:
            return tr("%1 delivered, %2 failed among the latest %3 deliveries (tests excluded)")
                .arg(stats.delivered)
                .arg(stats.failed)
                .arg(statsSample);
        case LastDelivery:
            return stats.lastAt == 0 ? QVariant() : QVariant(display::fullTime(stats.lastAt));
        }
        break;
    case Qt::DecorationRole:
        if (index.column() == Status) {
            return display::statusDot(config.isActive()        ? display::good()
                    : config.status == WebhookStatus::Inactive ? display::idle()
                                                               : display::bad());
        }
        if (index.column() == LastDelivery && !stats.lastStatus.isEmpty()) {
            return display::statusDot(stats.lastStatus == deliveryStatusName(DeliveryStatus::Delivered)
                    ? display::good()
                    : stats.lastStatus == deliveryStatusName(DeliveryStatus::Pending) ? display::waiting()
                                                                                      : display::bad());
        }
        break;
    case Qt::ForegroundRole:
        if (index.column() == SuccessRate && decided > 0 && stats.delivered * 10 < decided * 9)
            return display::bad(); // under 90 %
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == SuccessRate)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case ConfigIdRole:
        return config.id;
    case StatusRole:
        return webhookStatusName(config.status);
    }
    return {};
}

QVariant WebhookConfigModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name:
        return tr("Name");
    case Url:
        return tr("Target URL");
    case Events:
        return tr("Events");
    case Status:
        return tr("Status");
    case SuccessRate:
        return tr("Success");
    case LastDelivery:
        return tr("Last delivery");
    }
    return {};
}

int WebhookConfigModel::rowOfId(qint64 id) const
{
    for (size_t i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].config.id == id)
            return int(i);
    }
    return -1;
}

WebhookConfigModel::Stats WebhookConfigModel::readStats(qint64 configId)
{
    // The (config_id, seq) index hands over the newest rows of this configuration directly.
    SqlContext context(m_db, m_clock);
    auto &query
        = context.run(QStringLiteral("SELECT id, status, updated_at FROM deliveries WHERE config_id = ? "
                                     "AND is_test = 0 ORDER BY seq DESC LIMIT ?"),
            {configId, statsSample});
    Stats stats;
    while (query.next()) {
        const auto delivery = DeliveryMapper::fromRecord(query.record());
        if (stats.lastAt == 0) {
            stats.lastAt = delivery.updatedAt;
            stats.lastStatus = deliveryStatusName(delivery.status);
        }
        stats.delivered += delivery.status == DeliveryStatus::Delivered ? 1 : 0;
        stats.failed += delivery.status == DeliveryStatus::Failed ? 1 : 0;
    }
    query.finish();
    return stats;
}

void WebhookConfigModel::reload()
{
    QList<WebhookConfig> configs;
    try {
        SqlContext context(m_db, m_clock, &m_secrets);
        configs = WebhookConfigRepository::list(context, QString(), false, 0, -1); // newest first
        m_lastError.clear();
    } catch (const SqlError &e) {
        m_lastError = e.message();
        qCWarning(lcUi, "webhooks view: %s", qPrintable(m_lastError));
        return;
    }
    // Merge by id (both lists are id descending): removals, then updates and inserts in place.
    for (int row = rowCount() - 1; row >= 0; --row) {
        const auto id = m_rows[size_t(row)].config.id;
        if (std::none_of(configs.begin(), configs.end(), [id](const auto &c) { return c.id == id; })) {
            beginRemoveRows({}, row, row);
            m_rows.erase(m_rows.begin() + row);
            endRemoveRows();
        }
    }
    for (int i = 0; i < configs.size(); ++i) {
        if (i < rowCount() && m_rows[size_t(i)].config.id == configs[i].id) {
            m_rows[size_t(i)].config = configs[i];
            m_rows[size_t(i)].stats = readStats(configs[i].id);
            Q_EMIT dataChanged(index(i, 0), index(i, ColumnCount - 1));
            continue;
        }
        beginInsertRows({}, i, i);
        m_rows.insert(m_rows.begin() + i, Row {configs[i], readStats(configs[i].id)});
        endInsertRows();
    }
}

void WebhookConfigModel::reloadStats()
{
    // Statuses too: the dispatcher disables a configuration after too many failures.
    reload();
}

} // namespace sb
