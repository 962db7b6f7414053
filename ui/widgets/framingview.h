#pragma once

#include "base/captureevent.h"
#include "capture/capturestore.h"
#include "capture/streamframer.h"

#include <QTimer>
#include <QWidget>

#include <memory>
#include <optional>

class QLabel;
class QTableWidget;

namespace sockscope {

class FramingPicker;
class SessionSource;

// The selected connection's byte stream cut back into messages: as the
// chunks were read, by lines, by a delimiter or by a length prefix. Shows
// that TCP keeps no message boundaries: the same bytes read in odd pieces
// frame into the same messages, and whatever follows the last whole message
// is an incomplete tail. Both directions, in the order messages completed.
class FramingView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FramingView)
public:
    enum Column {
        DirectionColumn,
        OffsetColumn,
        SizeColumn,
        TimeColumn,
        PreviewColumn,
        ColumnCount
    };
    explicit FramingView(const SessionSource* source, QWidget* parent = nullptr);

    void setConnection(int conn);
    void appendBatch(const sockscope::EventBatch& events);

    QTableWidget* table() const { return m_table; }
    QLabel* tailLabel() const { return m_tail; }

protected:
    void showEvent(QShowEvent* event) override;

private:
    // The table shows at most this many messages: a flood of tiny frames
    // made 262,144 rows and 700 MB from 1 MiB. Framing stops there, says so,
    // and costs no more memory or reading.
    static constexpr int kMaxRows = 10'000;
    // Framing reads the store a page at a time, at most kSliceBytes per pass
    // of the event loop.
    static constexpr qint64 kPageBytes = 1 << 20;
    static constexpr qint64 kSliceBytes = 4 * kPageBytes;

    struct Stream {
        std::unique_ptr<StreamFramer> framer; // null: chunks as read
        qint64 offset = 0;                    // chunks as read: bytes so far
    };
    void reframe();
    void frameSlice();
    bool isDone() const;
    void appendSegment(const StreamSegment& segment);
    void addRow(Direction dir, qint64 offset, qint64 size, qint64 timeUs, const QString& preview);
    void updateTail(qint64 length);
    Stream& streamOf(Direction dir) { return dir == Direction::In ? m_in : m_out; }

    const SessionSource* m_source = nullptr;
    FramingPicker* m_picker = nullptr;
    QTableWidget* m_table = nullptr;
    QLabel* m_tail = nullptr;
    int m_conn = 0;
    qint64 m_position = 0; // stream bytes framed so far
    QTimer m_slice;
    Stream m_in;
    Stream m_out;
};

} // namespace sockscope
