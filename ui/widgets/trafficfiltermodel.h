#pragma once

#include "base/captureevent.h"
#include "capture/bytepattern.h"

#include <QHash>
#include <QSortFilterProxyModel>

namespace sockscope {

class SessionSource;
class TrafficModel;

// The traffic table's view of TrafficModel, narrowed to the chunks of one
// connection (or all), of one listener's connections (or the outgoing
// clients), of one direction, and, if asked, to those whose payload holds a
// pattern.
//
// A row holds a 256-byte preview; the rest of a payload is read from the
// capture, at most kPayloadReadBudget per pattern (rows that arrive later
// draw on what is left), so that filtering 100,000 rows of large chunks
// stays quick: it runs again at each pause in typing, where Find's one
// search may read more. Beyond it, rows match on their preview only, and
// payloadBudgetSpent() says so. What a payload held is remembered until the
// pattern changes, so narrowing by direction or connection reads nothing
// again.
class TrafficFilterModel final : public QSortFilterProxyModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrafficFilterModel)
public:
    static constexpr qint64 kPayloadReadBudget = 16ll << 20;
    // setListener(): the connections no listener accepted.
    static constexpr int kOutgoingClients = -1;

    struct Filter {
        int conn = 0;                    // 0: every connection
        int listener = 0;                // 0: any; kOutgoingClients: none
        Direction dir = Direction::None; // None: both
        BytePattern pattern;             // narrows only with onlyMatching
        bool onlyMatching = false;

        bool narrowsToPattern() const { return onlyMatching && !pattern.isEmpty(); }
        // Whether the same rows pass both.
        bool sameRows(const Filter& other) const;
    };

    explicit TrafficFilterModel(const SessionSource* source, QObject* parent = nullptr);

    void setSourceModel(QAbstractItemModel* model) override;

    void setFilter(const Filter& filter);
    const Filter& filter() const { return m_filter; }
    int connection() const { return m_filter.conn; }
    // Whether a payload holds the pattern: in its preview, or in the whole
    // payload while *readBudget lasts; *budgetSpent is set when it did not.
    bool matches(const CaptureEvent& chunk, const BytePattern& pattern, qint64* readBudget,
                 bool* budgetSpent) const;
    // True when some payload was checked in its preview only.
    bool payloadBudgetSpent() const { return m_budgetSpent; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    const SessionSource* m_source = nullptr;
    const TrafficModel* m_traffic = nullptr;
    Filter m_filter;
    mutable qint64 m_readBudget = kPayloadReadBudget;
    mutable QHash<quint64, bool> m_payloadHolds; // seq: whether its whole payload holds the pattern
    mutable bool m_budgetSpent = false;
};

} // namespace sockscope
