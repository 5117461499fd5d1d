#include "KeysetLogModel.h"

#include "UiLog.h"

#include <QScopedValueRollback>

namespace sb {

LogModelBase::LogModelBase(const char *name, QObject *parent)
    : QAbstractTableModel(parent)
    , m_name(name)
{
    m_scanTimer.setSingleShot(true);
    m_scanTimer.setInterval(0);
    connect(&m_scanTimer, &QTimer::timeout, this, &LogModelBase::scanSlice);
}

bool LogModelBase::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_reachedEnd && !m_failed && !m_fetching && m_scan.wanted == 0;
}

void LogModelBase::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    m_scan.wanted = pageSize;
    scanSlice();
}

void LogModelBase::restartScan(qint64 low, qint64 high)
{
    m_scanTimer.stop();
    clearFailure();
    m_scan.wanted = 0;
    m_scan.floor = low;
    m_scan.cursor = high + 1;
    m_reachedEnd = high == 0;
}

void LogModelBase::endResetBeforeFirstPage()
{
    const QScopedValueRollback fetching(m_fetching, true);
    endResetModel();
}

void LogModelBase::scanSlice()
{
    if (m_scan.wanted == 0 || m_reachedEnd || m_failed)
        return;
    // Views and testers may ask again from inside rowsAboutToBeInserted; that page is not in yet.
    const QScopedValueRollback fetching(m_fetching, true);
    const bool wasScanning = isScanning();
    // Unfiltered, the primary key answers at once; filtered, one window of seqs at a time.
    QString error;
    appendOlder(isFiltered() ? windowSeqs : std::numeric_limits<qint64>::max(), &error);
    if (!error.isEmpty())
        return fail(error);
    if (m_scan.exhausted()) {
        m_reachedEnd = true;
        m_scan.wanted = 0;
        Q_EMIT reachedEndChanged(true);
    } else if (m_scan.wanted > 0) {
        m_scanTimer.start(); // the rest of this page on the next turn: the GUI stays responsive
    }
    if (wasScanning != isScanning())
        Q_EMIT scanningChanged(isScanning());
}

void LogModelBase::continueBelow(qint64 seq)
{
    m_scan.cursor = seq;
    if (m_reachedEnd) {
        m_reachedEnd = false;
        Q_EMIT reachedEndChanged(false);
    }
}

void LogModelBase::fail(const QString &message)
{
    m_failed = true;
    m_scan.wanted = 0;
    m_lastError = message;
    qCWarning(lcUi, "%s: %s", m_name, qPrintable(message));
    Q_EMIT loadFailed(message);
}

void LogModelBase::clearFailure()
{
    m_failed = false;
    m_lastError.clear();
}

} // namespace sb
