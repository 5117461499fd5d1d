#include "InboundRequestModel.h"

#include "InboundQueries.h"
#include "common/DisplayText.h"
#include "domain/EventBus.h"
#include "domain/InboundRecord.h"

#include <QColor>
#include <QDateTime>
#include <QLocale>
#include <algorithm>
#include <limits>

namespace sb {

namespace {

QString sizeText(qint64 bytes)
{
    // "40 B", not the locale's "40 bytes": the column is narrow and the unit is obvious.
    if (bytes < 1024)
        return InboundRequestModel::tr("%1 B").arg(bytes);
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

} // namespace

InboundRequestModel::InboundRequestModel(QSqlDatabase db, EventBus &bus, QObject *parent)
    : KeysetLogModel("inbound view", parent)
    , m_db(std::move(db))
{
    // Connected before the first page is read: every commit after this point arrives as a signal,
    // and every earlier one is in the database when the page query runs. Duplicates are dropped by seq.
    connect(&bus, &EventBus::inboundRecorded, this, &InboundRequestModel::addRecorded, Qt::QueuedConnection);
    reset();
}

void InboundRequestModel::reset()
{
    m_rows.clear();
    QString error;
    const auto [low, high] = InboundQueries::seqRange(m_db, &error);
    // Pages read what is stored now; whatever is committed later arrives through the bus.
    m_newestSeq = high;
    restartScan(low, high);
    if (!error.isEmpty())
        fail(error);
}

void InboundRequestModel::setFilter(const InboundFilter &filter)
{
    beginResetModel();
    m_filter = filter;
    reset();
    endResetBeforeFirstPage();
    Q_EMIT reachedEndChanged(reachedEnd());
    fetchMore();
}

int InboundRequestModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QColor InboundRequestModel::statusColor(const QString &status)
{
    const auto known = inboundStatusFromName(status);
    if (known == InboundStatus::Processed)
        return display::good();
    if (known == InboundStatus::Duplicate)
        return display::waiting();
    return display::bad();
}

QString InboundRequestModel::statusLabel(const QString &status)
{
    switch (inboundStatusFromName(status).value_or(InboundStatus::Rejected)) {
    case InboundStatus::Processed:
        return tr("processed");
    case InboundStatus::Duplicate:
        return tr("duplicate");
    case InboundStatus::Rejected:
        break;
    }
    return inboundStatusFromName(status) ? tr("rejected") : status;
}

QString InboundRequestModel::verificationLabel(const QString &verification)
{
    if (verification == QLatin1String("not_required"))
        return tr("not required");
    if (verification == QLatin1String("verified"))
        return tr("verified");
    if (verification == QLatin1String("unverified"))
        return tr("accepted unverified");
    if (verification == QLatin1String("missing_secret"))
        return tr("no secret configured");
    if (verification == QLatin1String("invalid"))
        return tr("invalid signature");
    return verification;
}

QVariant InboundRequestModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const auto &row = m_rows[size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Time:
            return display::compactTime(row.receivedAtMs);
        case Method:
            return row.method;
        case Path:
            return row.path;
        case Provider:
            return row.provider;
        case Event:
            return row.eventType;
        case Status:
            return statusLabel(row.status);
        case HttpStatus:
            return row.responseStatus;
        case Verification:
            return verificationLabel(row.verification);
        case Size:
            return sizeText(row.bodySize);
        case Client:
            return row.clientIp;
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == Time)
            return QLocale().toString(QDateTime::fromMSecsSinceEpoch(row.receivedAtMs),
                QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz t"));
        if (index.column() == Path)
            return row.path;
        if (index.column() == Size)
            return tr(
                "%n byte(s)", nullptr, int(std::min<qint64>(row.bodySize, std::numeric_limits<int>::max())));
        break;
    case Qt::DecorationRole:
        if (index.column() == Status)
            return display::statusDot(statusColor(row.status));
        break;
    case Qt::ForegroundRole:
        if (index.column() == HttpStatus && row.responseStatus >= 400)
            return statusColor(inboundStatusName(InboundStatus::Rejected));
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == HttpStatus || index.column() == Size)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case RecordIdRole:
        return row.id;
    case SeqRole:
        return row.seq;
    case StatusRole:
        return row.status;
    }
    return {};
}

QVariant InboundRequestModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Time:
        return tr("Time");
    case Method:
        return tr("Method");
    case Path:
        return tr("Path");
    case Provider:
        return tr("Provider");
    case Event:
        return tr("Event");
    case Status:
        return tr("Status");
    case HttpStatus:
        return tr("HTTP");
    case Verification:
        return tr("Verification");
    case Size:
        return tr("Size");
    case Client:
        return tr("Client");
    }
    return {};
}

std::vector<InboundSummary> InboundRequestModel::readPage(qint64 below, qint64 low, int limit, QString *error)
{
    return InboundQueries::page(m_db, m_filter, below, low, limit, error);
}

void InboundRequestModel::addRecorded(const QList<InboundSummary> &requests)
{
    std::vector<InboundSummary> fresh;
    fresh.reserve(size_t(requests.size()));
    for (const auto &request : requests) {
        // Already read by a page query whose snapshot included this commit.
        if (request.seq > m_newestSeq && m_filter.matches(request))
            fresh.push_back(request);
    }
    std::sort(fresh.begin(), fresh.end(), [](const auto &a, const auto &b) { return a.seq > b.seq; });
    insertNewest(std::move(fresh));
}

void InboundRequestModel::refresh()
{
    clearFailure();
    for (;;) {
        QString error;
        auto rows = InboundQueries::newerThan(m_db, m_newestSeq, pageSize, &error);
        if (!error.isEmpty())
            return fail(error);
        const bool more = int(rows.size()) == pageSize;
        const qint64 newest = rows.empty() ? m_newestSeq : rows.back().seq;
        std::erase_if(rows, [this](const InboundSummary &row) { return !m_filter.matches(row); });
        std::reverse(rows.begin(), rows.end());
        insertNewest(std::move(rows));
        m_newestSeq = std::max(m_newestSeq, newest);
        if (!more)
            break;
    }
}

void InboundRequestModel::insertNewest(std::vector<InboundSummary> newestFirst)
{
    if (newestFirst.empty())
        return;
    beginInsertRows({}, 0, int(newestFirst.size()) - 1);
    m_newestSeq = newestFirst.front().seq;
    for (auto it = newestFirst.rbegin(); it != newestFirst.rend(); ++it)
        m_rows.push_front(std::move(*it));
    endInsertRows();
}

int InboundRequestModel::rowOfId(const QString &id) const
{
    for (size_t i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].id == id)
            return int(i);
    }
    return -1;
}

} // namespace sb
