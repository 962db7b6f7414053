#pragma once

#include "base/captureevent.h"
#include "base/sessionstats.h"
#include "models/eventtablemodel.h"

#include <QHash>
#include <QList>
#include <QSet>

namespace sockscope {

// The session's Data events, one row each in seq order, each with a preview
// of its payload. At most kMaxRows: the oldest rows leave the table (the
// capture store keeps their payload for Follow stream and the exports), so
// the window's memory stays flat however long a flood goes on. It also
// remembers the session's listeners and which one accepted each connection,
// so that the table can be narrowed to one listener's traffic. Each row
// shows its direction by arrow and colour, and its preview in a fixed font.
class TrafficModel final : public EventTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrafficModel)
public:
    enum Column { TimeColumn, ConnColumn, DirectionColumn, SizeColumn, PreviewColumn, ColumnCount };
    enum Role {
        SeqRole = Qt::UserRole + 1, // quint64
        ConnRole,                   // int
        DirectionRole,              // int(Direction)
        PayloadRole,                // QByteArray: as the batch carried it, maybe a preview
        TimeUsRole,                 // qint64
        ListenerRole                // int: the listener that accepted the connection, else 0
    };
    struct Listener {
        int id = 0;
        SocketAddress local;
    };
    static constexpr int kPreviewChars = 200;
    static constexpr qsizetype kMaxRows = 100'000;

    explicit TrafficModel(QObject* parent = nullptr);

    // "→ out" or "← in", as the Direction column shows it.
    static QString directionText(sockscope::Direction dir);

    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    void applyBatch(const sockscope::EventBatch& events, const sockscope::SessionStats& stats);
    const sockscope::CaptureEvent& eventAt(int row) const;
    void clear();
    // Clear closed: the rows of these connections leave the table, and these
    // listeners leave listeners().
    void removeConnections(const QSet<int>& conns, const QSet<int>& listeners);

    // The listener that accepted conn; 0 for an outgoing client.
    int listenerOf(int conn) const { return m_listenerOf.value(conn); }
    // The listeners seen bound, in start order.
    const QList<Listener>& listeners() const { return m_listeners; }

Q_SIGNALS:
    void listenersChanged();

private:
    void trimTo(qsizetype rows);
    void learnListeners(const EventBatch& events);

    QList<Listener> m_listeners;
    QHash<int, int> m_listenerOf;
};

} // namespace sockscope
