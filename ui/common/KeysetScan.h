#pragma once

#include <QElapsedTimer>
#include <QString>
#include <vector>

namespace sb {

// Where a newest-first scan of a log numbered by `seq` stands: older rows are read below `cursor`
// and down to `floor`; `wanted` rows are still missing from the page being filled.
struct KeysetScan
{
    qint64 cursor = 0;
    qint64 floor = 0;
    int wanted = 0;

    bool exhausted() const { return cursor <= floor; }

    // Reads older rows window by window (`window` seqs per query, so a filter that matches rarely
    // never makes one query read the whole table) until the page is full, the floor is reached or
    // `budgetMs` of GUI time is spent. `page(below, low, limit, error)` returns rows with
    // low <= seq < below, newest first, at most `limit`. Rows found so far are returned on error.
    template <typename Row, typename Page>
    std::vector<Row> slice(qint64 window, int budgetMs, Page &&page, QString *error)
    {
        QElapsedTimer clock;
        clock.start();
        std::vector<Row> found;
        while (wanted > 0 && cursor > floor && clock.elapsed() < budgetMs) {
            const qint64 low = cursor - floor > window ? cursor - window : floor;
            auto rows = page(cursor, low, wanted, error);
            if (!error->isEmpty())
                break;
            const bool full = int(rows.size()) == wanted;
            cursor = full ? rows.back().seq : low;
            wanted -= int(rows.size());
            for (auto &row : rows)
                found.push_back(std::move(row));
        }
        return found;
    }
};

} // namespace sb
