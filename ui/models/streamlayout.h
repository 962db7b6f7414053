#pragma once

#include "base/captureevent.h"
#include "models/streampage.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <functional>

namespace sockscope {

inline constexpr int kHexBytesPerRow = 16;
inline constexpr int kRawBytesPerRow = 32;

// What one row shows: a gap's note, or bytes in pieces of one direction.
struct StreamRow {
    struct Piece {
        qsizetype first = 0; // Hex, Raw: the piece's first byte in bytes
        qsizetype count = 0;
        QString text; // Text: the escaped characters
        Direction dir = Direction::None;
        bool chunkStart = false; // a chunk's first byte starts the piece
    };
    qint64 offset = 0; // in the stream
    qint64 end = 0;    // past the last byte, a '\n' that ends the row included
    bool gap = false;
    QByteArray bytes; // Hex, Raw
    QList<Piece> pieces;
};

// Cuts the stream into rows of text or of bytes, reading it through two
// pages: one for where the view is, one for the stream's end (which the
// scroll range needs after every live batch) so that neither evicts the other.
// A class of its own, below the widgets, because where rows start and what
// they hold needs no widget, font or palette: the Follow stream view asks.
class StreamLayout final {
public:
    void reset(const CaptureStore* store, int conn, qint64 length);
    void setLength(qint64 length);
    // Text rows: escaped characters wrapped at columns, a '\n' ending a row.
    void setTextRows(int columns);
    // Hex and Raw rows: bytesPerRow bytes each, from each multiple of it.
    // hexLine() and rawLine() format kHexBytesPerRow and kRawBytesPerRow.
    void setByteRows(int bytesPerRow);
    // The most bytes a row holds.
    int bytesPerRow() const;

    // Up to count rows, from the one holding top.
    QList<StreamRow> rowsFrom(qint64 top, int count);
    // Where the row holding offset starts.
    qint64 rowStart(qint64 offset) { return rowsUp(m_view, offset + 1, 1); }
    // Where the row count rows above the one starting at top starts (0 at most).
    qint64 rowsAbove(qint64 top, int count) { return rowsUp(m_view, top, count); }
    // The top offset that shows the stream's last rows filling rows rows.
    qint64 endTop(int rows) { return rowsUp(m_tail, m_tail.length(), rows); }

private:
    using Sink = std::function<bool(StreamRow&&)>;
    struct Anchor;
    struct Writer;

    // The latest row start at or before at: a gap's bounds and multiples of
    // the row size in Hex and Raw; in Text a gap's bounds, the byte after a
    // '\n', or else the block that at is in.
    Anchor anchorFor(StreamPage& page, qint64 at);
    // Lays out rows from anchor up to stopAt, reading the page to readTo
    // first (and on as needed), until the sink returns false.
    void forEachRow(StreamPage& page, Anchor anchor, qint64 readTo, qint64 stopAt,
                    const Sink& sink);
    // Returns where it stopped: the span's end, end, or a character that
    // needs bytes from past the page (the page has read them; look the span
    // up again).
    qint64 layOutText(StreamPage& page, qsizetype index, qint64 at, qint64 end, Writer& writer);
    qint64 layOutBytes(const StreamSpan& span, qint64 at, qint64 end, Writer& writer);
    // The start of the row count rows before the one ending at upTo (0 at
    // most), going back one anchor at a time.
    qint64 rowsUp(StreamPage& page, qint64 upTo, int count);

    StreamPage m_view;
    StreamPage m_tail;
    bool m_textRows = true;
    int m_columns = 80;               // text rows
    int m_rowBytes = kHexBytesPerRow; // byte rows
};

// hexdump -C's layout: the row's offset, 16 hex cells (a space more after
// the eighth) and the ASCII column. Each byte sits in the column of its
// offset, so a row cut short by a gap stays aligned with the others.
QString hexLine(qint64 offset, QByteArrayView bytes, int offsetDigits);
// Raw hex: two digits a byte, each byte in the column of its offset.
QString rawLine(qint64 offset, QByteArrayView bytes);
// Where in a hexLine the hex cell of the byte in column starts, the ASCII
// column starts, and the line ends.
int hexColumn(int column, int offsetDigits);
int asciiColumn(int offsetDigits);
int hexLineChars(int offsetDigits);

// Text mode's escaping with lines kept as lines: a '\n' ends one, unseen.
void appendEscapedLines(QString& text, QByteArrayView bytes);

} // namespace sockscope
