#pragma once

#include "base/captureevent.h"

#include <QAbstractScrollArea>
#include <QStringList>

#include <memory>
#include <optional>

class QPainter;

namespace sockscope {

class SessionSource;
class StreamLayout;
struct StreamRow;

// One connection's whole conversation, like Wireshark's "Follow TCP Stream":
// the stream (both directions' bytes in the order they passed) with each
// direction in its colour, as text, a hex dump or raw hex.
//
// Paged: the vertical scroll bar maps to a byte offset in the stream, and a
// paint lays out and reads from the capture store only the rows on screen
// (plus a few KiB before them to find where the top row starts), so a 4 GiB
// connection or a 100 MB line without a newline opens at once.
class FollowStreamView final : public QAbstractScrollArea {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FollowStreamView)
public:
    enum class Mode {
        Text, // printable text with escapes, wrapped at the view's width
        Hex,  // hexdump -C rows of 16 bytes: offset, hex, ASCII
        Raw,  // continuous hex digits, 32 bytes a row
    };
    Q_ENUM(Mode)

    explicit FollowStreamView(const SessionSource* source, QWidget* parent = nullptr);
    ~FollowStreamView() override;

    // Shows conn's stream from its start; 0 shows the hint.
    void setConnection(int conn);
    int connection() const { return m_conn; }
    // Live updates: picks up the current connection's new bytes, and stays
    // at the end if the view was there.
    void appendBatch(const sockscope::EventBatch& events);

    Mode mode() const { return m_mode; }
    void setMode(Mode mode);
    // Marks where each recv or send chunk starts, which the stream
    // otherwise hides.
    bool showsChunkBoundaries() const { return m_showChunkBoundaries; }
    void setShowChunkBoundaries(bool show);

    // The stream offset of the top row's first byte.
    qint64 topOffset() const { return m_top; }
    // Scrolls so that the row holding offset is the top row (or as close
    // as the stream's end allows).
    void scrollToOffset(qint64 offset);

    // The rows on screen as plain text, as painted: gaps as their notes,
    // hex rows in hexdump -C layout.
    QStringList visibleRows() const;
    void copyVisible() const;
    // The conversation as text for callers that read it rather than page
    // it: the stream from its start up to kMaxPlainTextBytes of kept bytes,
    // escaped as in Text mode, lines unwrapped, gaps as notes. Reads that
    // much from the store.
    static constexpr qint64 kMaxPlainTextBytes = 1024 * 1024;
    QString toPlainText() const;

    // Writes the kept bytes of the stream, one direction (In, Out) or both
    // (None), to path, reading the store in bounded slices. On failure
    // returns false and sets error to a message naming path and the reason.
    bool saveStream(const QString& path, Direction which, QString* error) const;

Q_SIGNALS:
    void modeChanged(sockscope::FollowStreamView::Mode mode);
    void showChunkBoundariesChanged(bool show);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;
    void changeEvent(QEvent* event) override;
    void scrollContentsBy(int dx, int dy) override;

private:
    // Rows fully on screen (at least 1) and rows painted (one more, cut).
    int fullRows() const;
    int paintedRows() const { return fullRows() + 1; }
    // What Page Up and Page Down move by: a screen less one row of context.
    int pageRows() const;
    int textColumns() const;
    // Hex digits of the offset column: 8, more past 4 GiB.
    int offsetDigits() const;
    // Row boundaries depend on the mode and the width: start over from the
    // row holding the top offset.
    void relayout();
    void setTop(qint64 top);
    void scrollRows(int rows);
    void scrollToEnd();
    // The top offset at the stream's end: its last rows fill the view.
    qint64 endTop() const;
    qint64 scrollGranularity() const;
    void syncScrollBars();
    void onScrollAction(int action);
    const QList<StreamRow>& rows() const;

    QString rowText(const StreamRow& row) const;
    QString gapNote(qint64 bytes) const;
    void paintHint(QPainter& painter, const QString& text) const;
    void paintRow(QPainter& painter, const StreamRow& row, int y) const;
    void paintTextRow(QPainter& painter, const StreamRow& row, int y) const;
    void paintHexRow(QPainter& painter, const StreamRow& row, int y) const;
    void paintChunkMarker(QPainter& painter, int x, int y, Direction dir) const;
    void saveInteractively(Direction which);

    const SessionSource* m_source = nullptr;
    std::unique_ptr<StreamLayout> m_layout;
    int m_conn = 0;
    qint64 m_length = 0; // the stream's length as last read from the store
    Mode m_mode = Mode::Text;
    bool m_showChunkBoundaries = false;
    qint64 m_top = 0;
    bool m_syncingScrollBars = false;
    int m_wheelDelta = 0; // eighths of a degree not yet scrolled
    // Caches of what the store and the geometry give, cleared when they change.
    mutable std::optional<qint64> m_endTop;
    mutable std::unique_ptr<QList<StreamRow>> m_rows;
};

} // namespace sockscope
