#include "models/streamlayout.h"

#include "base/payloadtext.h"

#include <algorithm>

namespace sockscope {

namespace {

// Text rows start after a '\n', at a gap's bounds, and, in a line with no
// '\n' for kTextBlock bytes, at each multiple of kTextBlock. So the row
// holding an offset is always found by laying out at most two blocks before
// it, whatever the line's length.
constexpr qint64 kTextBlock = 4096;

constexpr char16_t kHexDigits[] = u"0123456789abcdef";

// How many bytes the character at bytes[pos] takes, as escapedPreview
// groups them: an invalid byte alone.
qsizetype utf8Length(QByteArrayView bytes, qsizetype pos) {
    return std::max<qsizetype>(decodeUtf8(bytes, pos).length, 1);
}

// One character as shown. Peers may send terminal escapes or bidi
// overrides: escapedPreview shows them instead of obeying them. Plain ASCII,
// which it keeps as is, skips the call.
QString escapedCharacter(QByteArrayView bytes) {
    const char byte = bytes.front();
    if (bytes.size() == 1 && byte >= 0x20 && byte < 0x7f && byte != '\\')
        return QString(QChar::fromLatin1(byte));
    return escapedPreview(bytes, 64);
}

void setHexByte(QString& line, int at, quint8 byte) {
    line[at] = QChar(kHexDigits[byte >> 4]);
    line[at + 1] = QChar(kHexDigits[byte & 0xf]);
}

} // namespace

// Where a layout may start: a row start known without laying out anything
// before it.
struct StreamLayout::Anchor {
    qint64 offset = 0;
    bool afterLineBreak = false; // Text: a '\n' or a gap just before it
};

// The rows being laid out, handed to the sink as each one ends.
struct StreamLayout::Writer {
    int columns = 0;
    const Sink& sink;
    StreamRow row;
    int column = 0;
    qint64 lastLineBreak = 0;
    bool stopped = false;

    void endRow(qint64 next) {
        if (row.end > row.offset && !stopped)
            stopped = !sink(std::move(row));
        row = StreamRow();
        row.offset = next;
        row.end = next;
        column = 0;
    }
    void addGap(const StreamSpan& span) {
        endRow(span.offset);
        StreamRow note;
        note.offset = span.offset;
        note.end = span.end();
        note.gap = true;
        if (!stopped)
            stopped = !sink(std::move(note));
        endRow(span.end());
        lastLineBreak = span.end();
    }
    StreamRow::Piece& pieceFor(const StreamSpan& span, qint64 at) {
        const bool chunkStart = span.startsChunkAt(at);
        if (row.pieces.isEmpty() || row.pieces.last().dir != span.dir || chunkStart) {
            StreamRow::Piece piece;
            piece.first = row.bytes.size();
            piece.dir = span.dir;
            piece.chunkStart = chunkStart;
            row.pieces.append(piece);
        }
        return row.pieces.last();
    }
    void addCharacter(const StreamSpan& span, qint64 at, qsizetype length, const QString& text) {
        if (column > 0 && column + text.size() > columns)
            endRow(at);
        pieceFor(span, at).text += text;
        column += int(text.size());
        row.end = at + length;
    }
    // The '\n' ends the row unseen; a piece marks its chunk if it starts one.
    void addNewline(const StreamSpan& span, qint64 at) {
        pieceFor(span, at);
        row.end = at + 1;
        lastLineBreak = at + 1;
        endRow(at + 1);
    }
    void addByte(const StreamSpan& span, qint64 at) {
        pieceFor(span, at).count += 1;
        row.bytes.append(span.bytes[at - span.offset]);
        row.end = at + 1;
    }
};

void StreamLayout::reset(const CaptureStore* store, int conn, qint64 length) {
    m_view.reset(store, conn, length);
    m_tail.reset(store, conn, length);
}

void StreamLayout::setLength(qint64 length) {
    m_view.setLength(length);
    m_tail.setLength(length);
}

void StreamLayout::setTextRows(int columns) {
    m_textRows = true;
    m_columns = columns;
}

void StreamLayout::setByteRows(int bytesPerRow) {
    m_textRows = false;
    m_rowBytes = bytesPerRow;
}

int StreamLayout::bytesPerRow() const {
    // A character is at most 3 bytes a column, and a row may end in '\n'.
    return m_textRows ? 3 * m_columns + 1 : m_rowBytes;
}

QList<StreamRow> StreamLayout::rowsFrom(qint64 top, int count) {
    QList<StreamRow> rows;
    if (top >= m_view.length())
        return rows;
    forEachRow(m_view, anchorFor(m_view, top), top + qint64(count) * bytesPerRow(), m_view.length(),
               [&](StreamRow&& row) {
                   if (row.end > top)
                       rows.append(std::move(row));
                   return rows.size() < count;
               });
    return rows;
}

StreamLayout::Anchor StreamLayout::anchorFor(StreamPage& page, qint64 at) {
    const qint64 grid = m_textRows ? kTextBlock : bytesPerRow();
    const qint64 block = at - at % grid;
    const qint64 lookFrom = m_textRows ? std::max<qint64>(0, block - kTextBlock) : block;
    page.cover(lookFrom, at + 1);
    for (qsizetype i = page.indexAt(at); i >= 0; --i) {
        const StreamSpan& span = page.spans()[i];
        if (span.gap)
            return {span.offset <= at && at < span.end() ? span.offset : span.end(), true};
        const qint64 searchEnd = std::min(at, span.end()) - span.offset;
        if (m_textRows && searchEnd > 0) {
            const qsizetype newline = span.bytes.lastIndexOf('\n', searchEnd - 1);
            if (newline >= 0) {
                const qint64 lineStart = span.offset + newline + 1;
                return lineStart > lookFrom ? Anchor{lineStart, true} : Anchor{block, false};
            }
        }
        if (span.offset <= lookFrom)
            break;
    }
    return {block, false};
}

void StreamLayout::forEachRow(StreamPage& page, Anchor anchor, qint64 readTo, qint64 stopAt,
                              const Sink& sink) {
    page.cover(anchor.offset, readTo);
    Writer writer{m_columns, sink, StreamRow(), 0, 0, false};
    writer.endRow(anchor.offset);
    writer.lastLineBreak = anchor.afterLineBreak ? anchor.offset : anchor.offset - kTextBlock;
    const qint64 end = std::min(stopAt, page.length());
    qint64 at = anchor.offset;
    while (!writer.stopped && at < end) {
        const qsizetype index = page.indexAt(at);
        if (index < 0) {
            if (!page.extend(readTo - at))
                break;
            continue;
        }
        const StreamSpan& span = page.spans()[index];
        if (span.gap) {
            writer.addGap(span);
            at = span.end();
        } else if (m_textRows) {
            at = layOutText(page, index, at, end, writer);
        } else {
            at = layOutBytes(span, at, end, writer);
        }
    }
    writer.endRow(at);
}

qint64 StreamLayout::layOutText(StreamPage& page, qsizetype index, qint64 at, qint64 end,
                                Writer& writer) {
    const StreamSpan& span = page.spans()[index];
    const QByteArrayView bytes(span.bytes);
    const bool lastSpan = index == page.spans().size() - 1;
    while (!writer.stopped && at < std::min(end, span.end())) {
        const qsizetype pos = at - span.offset;
        if (quint8(bytes[pos]) >= 0x80 && span.end() - at < 4 && lastSpan &&
            page.extend(StreamPage::kMinRead))
            return at;
        if (at % kTextBlock == 0 && writer.lastLineBreak <= at - kTextBlock)
            writer.endRow(at);
        if (bytes[pos] == '\n') {
            writer.addNewline(span, at);
            ++at;
            continue;
        }
        qsizetype length = utf8Length(bytes, pos);
        // Nor may a character straddle a block's start where a row starts.
        const qint64 nextBlock = at - at % kTextBlock + kTextBlock;
        if (at + length > nextBlock && writer.lastLineBreak <= nextBlock - kTextBlock)
            length = nextBlock - at;
        writer.addCharacter(span, at, length, escapedCharacter(bytes.sliced(pos, length)));
        at += length;
    }
    return at;
}

qint64 StreamLayout::layOutBytes(const StreamSpan& span, qint64 at, qint64 end, Writer& writer) {
    const int perRow = bytesPerRow();
    for (; !writer.stopped && at < std::min(end, span.end()); ++at) {
        if (at % perRow == 0)
            writer.endRow(at);
        writer.addByte(span, at);
    }
    return at;
}

qint64 StreamLayout::rowsUp(StreamPage& page, qint64 upTo, int count) {
    QList<qint64> starts;
    while (upTo > 0) {
        const Anchor anchor = anchorFor(page, upTo - 1);
        starts.clear();
        forEachRow(page, anchor, upTo, upTo, [&](StreamRow&& row) {
            starts.append(row.offset);
            return true;
        });
        if (starts.size() >= count)
            return starts[starts.size() - count];
        if (starts.isEmpty())
            return anchor.offset;
        count -= int(starts.size());
        upTo = anchor.offset;
    }
    return 0;
}

QString hexLine(qint64 offset, QByteArrayView bytes, int offsetDigits) {
    const int first = int(offset % kHexBytesPerRow);
    QString line(hexLineChars(offsetDigits), u' ');
    line.replace(0, offsetDigits,
                 QString::number(offset - first, 16).rightJustified(offsetDigits, u'0'));
    line[asciiColumn(offsetDigits) - 1] = u'|';
    line[hexLineChars(offsetDigits) - 1] = u'|';
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const int column = first + int(i);
        const quint8 byte = quint8(bytes[i]);
        setHexByte(line, hexColumn(column, offsetDigits), byte);
        line[asciiColumn(offsetDigits) + column] =
            byte >= 0x20 && byte < 0x7f ? QChar(char16_t(byte)) : QChar(u'.');
    }
    return line;
}

QString rawLine(qint64 offset, QByteArrayView bytes) {
    const int first = int(offset % kRawBytesPerRow);
    QString line(2 * kRawBytesPerRow, u' ');
    for (qsizetype i = 0; i < bytes.size(); ++i)
        setHexByte(line, 2 * (first + int(i)), quint8(bytes[i]));
    return line;
}

int hexColumn(int column, int offsetDigits) {
    return offsetDigits + 2 + 3 * column + (column >= 8 ? 1 : 0);
}

int asciiColumn(int offsetDigits) {
    return offsetDigits + 53;
}

int hexLineChars(int offsetDigits) {
    return asciiColumn(offsetDigits) + kHexBytesPerRow + 1;
}

void appendEscapedLines(QString& text, QByteArrayView bytes) {
    qsizetype start = 0;
    for (qsizetype newline = bytes.indexOf('\n'); newline >= 0;
         newline = bytes.indexOf('\n', start)) {
        text += escapedText(bytes.sliced(start, newline - start));
        text += u'\n';
        start = newline + 1;
    }
    text += escapedText(bytes.sliced(start));
}

} // namespace sockscope
