#pragma once

#include "domain/Campaign.h"

#include <QAbstractTableModel>
#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QStyledItemDelegate>

namespace sb {

// The words the campaigns view shows for the stored names (stored untranslated).
struct CampaignLabels
{
    Q_DECLARE_TR_FUNCTIONS(sb::CampaignLabels)
public:
    static QString state(const QString &name);
    static QString recipientState(const QString &name); // also "skippedDoNotContact"
    static QString channel(const QString &name);
    // "SMS" / "email" as a message count: "312 SMS", "40 emails".
    static QString messages(qint64 count, const QString &channel);
    // "312 leads · 4 do-not-contact excluded"
    static QString audience(qint64 eligible, qint64 doNotContact);
    // A duration for people: "about 5 min 12 s", "about 2 h 5 min", "under a second".
    static QString duration(qint64 seconds);
    // The expected sending time of `recipients` at `throttlePerMinute` (0: as fast as possible).
    static QString expectedDuration(qint64 recipients, qint64 throttlePerMinute);
};

// Campaigns as CampaignQueries::campaigns reads them: name, channel, state, progress (sent + ended of
// total), recipients, created, started.
class CampaignListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        NameColumn,
        ChannelColumn,
        StateColumn,
        ProgressColumn,
        RecipientsColumn,
        CreatedColumn,
        StartedColumn,
        ColumnCount
    };
    enum Role
    {
        IdRole = Qt::UserRole + 1,
        ProgressRole, // 0..1000 (per mille), -1 when there are no recipients yet
        JsonRole
    };

    using QAbstractTableModel::QAbstractTableModel;

    // Replaces the rows, keeping unchanged ones (no reset: the selection stays).
    void setCampaigns(const QList<QJsonObject> &campaigns);
    QJsonObject campaign(int row) const { return m_rows.value(row); }
    int rowOf(qint64 id) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    // Recipients that are done with sending (anything but queued) per mille of the total; -1: none.
    static int progressPerMille(const QJsonObject &progress);

private:
    QList<QJsonObject> m_rows;
};

// Draws the progress column as a bar with "sent of total" on it.
class CampaignProgressDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(
        QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace sb
