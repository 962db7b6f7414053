#pragma once

#include "capture/captureevent.h"
#include "net/sessionstats.h"

#include <QAbstractTableModel>

#include <deque>

namespace sockscope {

// The session's Data events, one row each in seq order, each with a preview
// of its payload. At most kMaxRows: the oldest rows leave the table (the
// capture store keeps their payload for Follow stream and the exports), so
// the window's memory stays flat however long a flood goes on.
class TrafficModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrafficModel)
public:
    enum Column { TimeColumn, ConnColumn, DirectionColumn, SizeColumn, PreviewColumn, ColumnCount };
    enum Role {
        SeqRole = Qt::UserRole + 1, // quint64
        ConnRole,                   // int
        DirectionRole,              // int(Direction)
        PayloadRole,                // QByteArray: as the batch carried it, maybe a preview
        TimeUsRole                  // qint64
    };
    static constexpr int kPreviewChars = 200;
    static constexpr qsizetype kMaxRows = 100'000;

    explicit TrafficModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    void applyBatch(const sockscope::EventBatch& events, const sockscope::SessionStats& stats);
    const sockscope::CaptureEvent& eventAt(int row) const;
    void clear();

private:
    void trimTo(qsizetype rows);

    std::deque<CaptureEvent> m_rows;
};

} // namespace sockscope
