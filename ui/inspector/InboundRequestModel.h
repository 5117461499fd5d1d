#pragma once

#include "InboundQueries.h"
#include "common/KeysetLogModel.h"
#include "domain/DomainEvent.h"

#include <QColor>
#include <QSqlDatabase>

namespace sb {

class EventBus;

// The stored inbound requests, newest first, filtered in SQL and paged as KeysetLogModel does;
// requests committed while the console runs arrive from the EventBus and are inserted at the top,
// never by a reset, so selections and scroll positions hold.
class InboundRequestModel : public KeysetLogModel<InboundSummary>
{
    Q_OBJECT
public:
    enum Column
    {
        Time,
        Method,
        Path,
        Provider,
        Event,
        Status,
        HttpStatus,
        Verification,
        Size,
        Client,
        ColumnCount
    };
    enum Role
    {
        RecordIdRole = Qt::UserRole + 1, // evt_… id of the stored request
        SeqRole,
        StatusRole, // processed | duplicate | rejected, untranslated
    };

    // `db` must be a connection of the calling (GUI) thread; queries on it are short keyset pages.
    InboundRequestModel(QSqlDatabase db, EventBus &bus, QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Replaces the rows with the first page matching `filter`, read in SQL (a reset: it is a new
    // question); requests arriving live are shown when they match it.
    void setFilter(const InboundFilter &filter);
    const InboundFilter &filter() const { return m_filter; }

    const InboundSummary &summaryAt(int row) const { return m_rows.at(size_t(row)); }
    int rowOfId(const QString &id) const;

    static QString statusLabel(const QString &status);
    static QColor statusColor(const QString &status);
    static QString verificationLabel(const QString &verification);

public Q_SLOTS:
    // Requests just committed by the writer (EventBus::inboundRecorded), in any order.
    void addRecorded(const QList<sb::InboundSummary> &requests);
    // Reads requests newer than the newest row, for anything written outside this process.
    void refresh();

protected:
    bool isFiltered() const override { return !m_filter.isEmpty(); }
    std::vector<InboundSummary> readPage(qint64 below, qint64 low, int limit, QString *error) override;

private:
    void reset();
    void insertNewest(std::vector<InboundSummary> newestFirst);

    QSqlDatabase m_db;
    InboundFilter m_filter;
    qint64 m_newestSeq = 0; // everything up to here is in m_rows or older than its tail
};

} // namespace sb
