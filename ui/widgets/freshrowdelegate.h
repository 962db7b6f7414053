#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QIcon>
#include <QStyledItemDelegate>
#include <QTimer>

#include <deque>

class QAbstractItemView;

namespace sockscope {

// Paints the connections tree: new rows glow for a moment so a connection
// that just arrived catches the eye (the model greys the rows that are over).
// An address too long for its column loses its start, not its port, and a
// cut-off cell shows its whole text as a tooltip. TLS rows carry a lock
// before their name: open and red where the handshake failed.
class FreshRowDelegate final : public QStyledItemDelegate {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FreshRowDelegate)
public:
    static constexpr int kFadeMs = 2000;
    // Only the newest rows glow: in a burst of thousands of connections the
    // older rows of the burst are no news, and every frame of the fade
    // looks up each glowing row.
    static constexpr int kMaxFreshRows = 256;

    // The view must already have its model.
    explicit FreshRowDelegate(QAbstractItemView* view);

    bool isFresh(const QModelIndex& index) const;

    bool helpEvent(QHelpEvent* event, QAbstractItemView* view, const QStyleOptionViewItem& option,
                   const QModelIndex& index) override;

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override;

private:
    using RowKey = QPair<int, int>; // row kind, id: ids alone repeat across kinds
    static RowKey keyOf(const QModelIndex& index);
    void markInserted(const QModelIndex& parent, int first, int last);
    void forgetOldest();
    void tick();
    qreal strength(const QModelIndex& index) const;

    QAbstractItemView* m_view = nullptr;
    QElapsedTimer m_clock;
    QHash<RowKey, qint64> m_insertedAtMs;
    std::deque<std::pair<RowKey, qint64>> m_insertionOrder; // oldest first
    // Rows stopped glowing before their fade ended (kMaxFreshRows): where
    // they are painted is not known, so the next frame repaints the view.
    bool m_cutShort = false;
    QTimer m_fadeTimer;
    const QIcon m_tlsIcon;
    const QIcon m_tlsHandshakingIcon;
    const QIcon m_tlsFailedIcon;
};

} // namespace sockscope
