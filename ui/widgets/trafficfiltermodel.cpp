#include "trafficfiltermodel.h"

#include "models/trafficmodel.h"
#include "sessionsource.h"

namespace sockscope {

TrafficFilterModel::TrafficFilterModel(const SessionSource* source, QObject* parent)
    : QSortFilterProxyModel(parent)
    , m_source(source) {
}

void TrafficFilterModel::setSourceModel(QAbstractItemModel* model) {
    m_traffic = qobject_cast<const TrafficModel*>(model);
    Q_ASSERT(m_traffic);
    QSortFilterProxyModel::setSourceModel(model);
}

bool TrafficFilterModel::Filter::sameRows(const Filter& other) const {
    if (conn != other.conn || listener != other.listener || dir != other.dir ||
        narrowsToPattern() != other.narrowsToPattern())
        return false;
    return !narrowsToPattern() || (pattern.bytes() == other.pattern.bytes() &&
                                   pattern.ignoresAsciiCase() == other.pattern.ignoresAsciiCase());
}

void TrafficFilterModel::setFilter(const Filter& filter) {
    const bool same = filter.sameRows(m_filter);
    if (filter.pattern.bytes() != m_filter.pattern.bytes() ||
        filter.pattern.ignoresAsciiCase() != m_filter.pattern.ignoresAsciiCase()) {
        m_payloadHolds.clear();
        m_readBudget = kPayloadReadBudget;
        m_budgetSpent = false;
    }
    m_filter = filter;
    if (same)
        return;
    // A full re-map, O(rows): invalidateRowsFilter() removes and inserts
    // each changed interval on its own, O(rows) each, and a filter change
    // over interleaved connections makes tens of thousands of them.
    invalidate();
}

bool TrafficFilterModel::matches(const CaptureEvent& chunk, const BytePattern& pattern,
                                 qint64* readBudget, bool* budgetSpent) const {
    if (pattern.isFoundIn(chunk.data))
        return true;
    if (!chunk.isPreview())
        return false;
    if (*readBudget < chunk.size) {
        *budgetSpent = true;
        return false;
    }
    *readBudget -= chunk.size;
    // A payload the capture no longer holds can only be searched in what
    // its row kept.
    const std::optional<QByteArray> payload = m_source->fullPayload(chunk);
    return payload && pattern.isFoundIn(*payload);
}

bool TrafficFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
    if (sourceParent.isValid())
        return false;
    const CaptureEvent& chunk = m_traffic->eventAt(sourceRow);
    const Filter& f = m_filter;
    if (f.conn != 0 && chunk.conn != f.conn)
        return false;
    if (f.dir != Direction::None && chunk.dir != f.dir)
        return false;
    if (f.listener != 0 &&
        m_traffic->listenerOf(chunk.conn) != (f.listener == kOutgoingClients ? 0 : f.listener))
        return false;
    if (!f.narrowsToPattern())
        return true;
    if (const auto known = m_payloadHolds.constFind(chunk.seq); known != m_payloadHolds.cend())
        return *known;
    const qint64 before = m_readBudget;
    const bool holds = matches(chunk, f.pattern, &m_readBudget, &m_budgetSpent);
    // Only what cost a read is worth remembering; a preview is searched again.
    if (m_readBudget != before)
        m_payloadHolds.insert(chunk.seq, holds);
    return holds;
}

} // namespace sockscope
