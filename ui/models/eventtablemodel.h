#pragma once

#include "base/captureevent.h"

#include <QAbstractTableModel>

#include <deque>
#include <functional>

namespace sockscope {

// A table of events, one per row, that can lose the rows of whole
// connections at once (Clear closed) without a reset.
class EventTableModel : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventTableModel)
public:
    // Above this many separate runs of rows to remove, one layout change
    // replaces the ranged removals: each removal costs a
    // QSortFilterProxyModel above the model O(rows), and erasing a run from
    // the middle of the deque O(rows) too, so 100,000 rows interleaved with
    // other connections' would cost seconds.
    static constexpr int kMaxRangedRemovals = 16;

    int rowCount(const QModelIndex& parent = {}) const override;

protected:
    explicit EventTableModel(QObject* parent = nullptr);
    ~EventTableModel() override;

    // Removes every row for which remove is true: ranged removals, back to
    // front, or a single layout change when the rows are too scattered.
    // Returns the number of rows removed.
    qsizetype removeRowsWhere(const std::function<bool(const CaptureEvent&)>& remove);

    std::deque<CaptureEvent> m_rows;
};

} // namespace sockscope
