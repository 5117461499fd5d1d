#include "CampaignListModel.h"

#include <QApplication>
#include <QDateTime>
#include <QLocale>
#include <QPainter>
#include <QStyleOptionProgressBar>

namespace sb {

QString CampaignLabels::state(const QString &name)
{
    switch (campaignStateFromName(name).value_or(CampaignState::Draft)) {
    case CampaignState::Draft:
        return tr("Draft");
    case CampaignState::Scheduled:
        return tr("Scheduled");
    case CampaignState::Running:
        return tr("Running");
    case CampaignState::Paused:
        return tr("Paused");
    case CampaignState::Completed:
        return tr("Completed");
    case CampaignState::Cancelled:
        return tr("Cancelled");
    }
    return name;
}

QString CampaignLabels::recipientState(const QString &name)
{
    if (name == QLatin1String("skippedDoNotContact"))
        return tr("Skipped (do not contact)");
    const auto state = recipientStateFromName(name);
    if (!state)
        return name;
    switch (*state) {
    case RecipientState::Queued:
        return tr("Queued");
    case RecipientState::Sent:
        return tr("Sent");
    case RecipientState::Delivered:
        return tr("Delivered");
    case RecipientState::Opened:
        return tr("Opened");
    case RecipientState::Clicked:
        return tr("Clicked");
    case RecipientState::Replied:
        return tr("Replied");
    case RecipientState::Bounced:
        return tr("Bounced");
    case RecipientState::Failed:
        return tr("Failed");
    case RecipientState::Unsubscribed:
        return tr("Unsubscribed");
    }
    return name;
}

QString CampaignLabels::channel(const QString &name)
{
    if (name == QLatin1String("sms"))
        return tr("SMS");
    if (name == QLatin1String("email"))
        return tr("Email");
    return name;
}

QString CampaignLabels::messages(qint64 count, const QString &channel)
{
    if (channel == QLatin1String("email"))
        return count == 1 ? tr("1 email") : tr("%1 emails").arg(count);
    return count == 1 ? tr("1 SMS") : tr("%1 SMS").arg(count);
}

QString CampaignLabels::audience(qint64 eligible, qint64 doNotContact)
{
    const QString leads = eligible == 1 ? tr("1 lead") : tr("%1 leads").arg(eligible);
    return tr("%1 · %2 do-not-contact excluded").arg(leads).arg(doNotContact);
}

QString CampaignLabels::duration(qint64 seconds)
{
    if (seconds < 1)
        return tr("under a second");
    const qint64 hours = seconds / 3600;
    const qint64 minutes = (seconds % 3600) / 60;
    const qint64 rest = seconds % 60;
    if (hours > 0)
        return minutes > 0 ? tr("about %1 h %2 min").arg(hours).arg(minutes) : tr("about %1 h").arg(hours);
    if (minutes > 0)
        return rest > 0 ? tr("about %1 min %2 s").arg(minutes).arg(rest) : tr("about %1 min").arg(minutes);
    return tr("about %1 s").arg(rest);
}

QString CampaignLabels::expectedDuration(qint64 recipients, qint64 throttlePerMinute)
{
    if (throttlePerMinute <= 0)
        return tr("as fast as the provider accepts them");
    return duration(recipients * 60 / throttlePerMinute);
}

namespace {

QString shortTime(const QJsonValue &iso)
{
    if (!iso.isString())
        return {};
    const auto time = QDateTime::fromString(iso.toString(), Qt::ISODateWithMs);
    if (!time.isValid())
        return {};
    return QLocale().toString(time.toLocalTime(), QLocale::ShortFormat);
}

} // namespace

int CampaignListModel::progressPerMille(const QJsonObject &progress)
{
    const auto total = progress.value(QStringLiteral("total")).toInteger();
    if (total <= 0)
        return -1;
    const auto queued = progress.value(QStringLiteral("queued")).toInteger();
    return int((total - queued) * 1000 / total);
}

void CampaignListModel::setCampaigns(const QList<QJsonObject> &campaigns)
{
    QList<qint64> oldIds, newIds;
    for (const auto &row : std::as_const(m_rows))
        oldIds.append(row.value(QStringLiteral("id")).toInteger());
    for (const auto &row : campaigns)
        newIds.append(row.value(QStringLiteral("id")).toInteger());
    if (oldIds == newIds) {
        for (int row = 0; row < campaigns.size(); ++row) {
            if (m_rows.at(row) == campaigns.at(row))
                continue;
            m_rows[row] = campaigns.at(row);
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        }
        return;
    }
    beginResetModel();
    m_rows = campaigns;
    endResetModel();
}

int CampaignListModel::rowOf(qint64 id) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).value(QStringLiteral("id")).toInteger() == id)
            return row;
    }
    return -1;
}

int CampaignListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CampaignListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CampaignListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const auto &row = m_rows.at(index.row());
    const auto progress = row.value(QStringLiteral("progress")).toObject();
    const auto total = progress.value(QStringLiteral("total")).toInteger();
    const auto state = row.value(QStringLiteral("state")).toString();
    if (role == IdRole)
        return row.value(QStringLiteral("id")).toInteger();
    if (role == JsonRole)
        return row;
    if (role == ProgressRole)
        return progressPerMille(progress);
    if (role == Qt::TextAlignmentRole && index.column() == RecipientsColumn)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && index.column() == RecipientsColumn
        && row.contains(QStringLiteral("audienceCount")))
        return tr("%1 leads match the audience now; %2 do-not-contact leads are excluded")
            .arg(row.value(QStringLiteral("audienceCount")).toInteger())
            .arg(row.value(QStringLiteral("audienceDoNotContact")).toInteger());
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(index.column())) {
    case NameColumn:
        return row.value(QStringLiteral("name")).toString();
    case ChannelColumn: {
        const auto service = row.value(QStringLiteral("serviceName")).toString();
        const auto channel = CampaignLabels::channel(row.value(QStringLiteral("channel")).toString());
        return service.isEmpty() ? channel : QStringLiteral("%1 · %2").arg(channel, service);
    }
    case StateColumn:
        return CampaignLabels::state(state);
    case ProgressColumn: {
        if (total <= 0)
            return tr("Not started");
        const auto done = total - progress.value(QStringLiteral("queued")).toInteger();
        return tr("%1 of %2").arg(done).arg(total);
    }
    case RecipientsColumn:
        if (total > 0 || !row.contains(QStringLiteral("audienceCount")))
            return QString::number(total);
        return tr("~%1").arg(row.value(QStringLiteral("audienceCount")).toInteger());
    case CreatedColumn:
        return shortTime(row.value(QStringLiteral("createdAt")));
    case StartedColumn: {
        const auto started = shortTime(row.value(QStringLiteral("startedAt")));
        if (started.isEmpty() && state == campaignStateName(CampaignState::Scheduled))
            return tr("at %1").arg(shortTime(row.value(QStringLiteral("scheduledAt"))));
        return started;
    }
    case ColumnCount:
        break;
    }
    return {};
}

QVariant CampaignListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case NameColumn:
        return tr("Name");
    case ChannelColumn:
        return tr("Channel");
    case StateColumn:
        return tr("State");
    case ProgressColumn:
        return tr("Progress");
    case RecipientsColumn:
        return tr("Recipients");
    case CreatedColumn:
        return tr("Created");
    case StartedColumn:
        return tr("Started");
    case ColumnCount:
        break;
    }
    return {};
}

void CampaignProgressDelegate::paint(
    QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const int perMille = index.data(CampaignListModel::ProgressRole).toInt();
    if (perMille < 0) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    // The selection background first, then the bar inset in the cell.
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);
    QStyleOptionProgressBar bar;
    bar.rect = option.rect.adjusted(4, 3, -4, -3);
    bar.minimum = 0;
    bar.maximum = 1000;
    bar.progress = perMille;
    bar.text = index.data(Qt::DisplayRole).toString();
    bar.textVisible = true;
    bar.textAlignment = Qt::AlignCenter;
    bar.state = option.state | QStyle::State_Horizontal;
    bar.palette = option.palette;
    style->drawControl(QStyle::CE_ProgressBar, &bar, painter, widget);
}

} // namespace sb
