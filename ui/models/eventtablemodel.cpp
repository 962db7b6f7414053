#include "models/eventtablemodel.h"

#include <algorithm>
#include <utility>
#include <vector>

namespace sockscope {

EventTableModel::EventTableModel(QObject* parent)
    : QAbstractTableModel(parent) {
}

EventTableModel::~EventTableModel() = default;

int EventTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

qsizetype EventTableModel::removeRowsWhere(const std::function<bool(const CaptureEvent&)>& remove) {
    // Runs of rows to remove, as [first, end) row numbers, front to back.
    std::vector<std::pair<int, int>> runs;
    qsizetype removed = 0;
    const int count = int(m_rows.size());
    for (int row = 0; row < count; ++row) {
        if (!remove(m_rows[std::size_t(row)]))
            continue;
        if (!runs.empty() && runs.back().second == row)
            runs.back().second = row + 1;
        else
            runs.emplace_back(row, row + 1);
        ++removed;
    }
    if (runs.empty())
        return 0;
    if (runs.size() <= std::size_t(kMaxRangedRemovals)) {
        // Back to front: the runs still to remove keep their row numbers.
        for (auto run = runs.rbegin(); run != runs.rend(); ++run) {
            beginRemoveRows({}, run->first, run->second - 1);
            m_rows.erase(m_rows.begin() + run->first, m_rows.begin() + run->second);
            endRemoveRows();
        }
        return removed;
    }

    Q_EMIT layoutAboutToBeChanged();
    // A kept row moves up by the number of removed rows before it.
    const auto newRow = [&runs](int row) {
        const auto after =
            std::upper_bound(runs.begin(), runs.end(), row,
                             [](int r, const std::pair<int, int>& run) { return r < run.first; });
        if (after != runs.begin() && row < std::prev(after)->second)
            return -1;
        int shift = 0;
        for (auto run = runs.begin(); run != after; ++run)
            shift += run->second - run->first;
        return row - shift;
    };
    const QModelIndexList before = persistentIndexList();
    QModelIndexList moved;
    moved.reserve(before.size());
    for (const QModelIndex& index : before) {
        const int row = newRow(index.row());
        moved << (row < 0 ? QModelIndex() : createIndex(row, index.column()));
    }
    std::size_t write = std::size_t(runs.front().first);
    for (std::size_t i = 0; i + 1 <= runs.size(); ++i) {
        const std::size_t keepFrom = std::size_t(runs[i].second);
        const std::size_t keepTo =
            i + 1 < runs.size() ? std::size_t(runs[i + 1].first) : m_rows.size();
        for (std::size_t from = keepFrom; from < keepTo; ++from)
            m_rows[write++] = std::move(m_rows[from]);
    }
    m_rows.erase(m_rows.begin() + qsizetype(write), m_rows.end());
    changePersistentIndexList(before, moved);
    Q_EMIT layoutChanged();
    return removed;
}

} // namespace sockscope
