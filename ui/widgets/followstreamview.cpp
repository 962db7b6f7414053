#include "followstreamview.h"

#include "base/fileerror.h"
#include "base/payloadtext.h"
#include "capture/capturestore.h"
#include "models/byteformat.h"
#include "models/palettecolors.h"
#include "sessionfolder.h"
#include "sessionsource.h"

#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QDir>
#include <QFileDialog>
#include <QFontDatabase>
#include <QFontMetricsF>
#include <QMenu>
#include <QMessageBox>
#include <QPainter>
#include <QSaveFile>
#include <QScopedValueRollback>
#include <QScrollBar>

#include <algorithm>
#include <functional>

namespace sockscope {

namespace {

// Text rows start after a '\n', at a gap's bounds, and, in a line with no
// '\n' for kTextBlock bytes, at each multiple of kTextBlock. So the row
// holding an offset is always found by laying out at most two blocks before
// it, whatever the line's length.
constexpr qint64 kTextBlock = 4096;
constexpr int kHexBytesPerRow = 16;
constexpr int kRawBytesPerRow = 32;
// The least a page grows by when a layout runs past its end.
constexpr qint64 kMinRead = 4096;
// The store cannot say where a gap ends; reading on in steps that double up
// to this finds it, at the cost of reading at most this much past it.
constexpr qint64 kMaxGapStep = 256 * 1024;
// Past this many bytes a page starts over instead of growing.
constexpr qint64 kMaxPageBytes = 1024 * 1024;
// Saving or copying a whole stream reads it in slices of this size, so that
// memory stays bounded whatever its length.
constexpr qint64 kReadSlice = 1024 * 1024;
// Scroll bars hold an int: longer streams scroll in steps of several bytes.
constexpr qint64 kMaxScrollValue = 1 << 30;
constexpr int kMargin = 4;

constexpr char16_t kHexDigits[] = u"0123456789abcdef";

// Adjacent stream segments merged: a run of one direction's bytes, or a gap.
struct Span {
    qint64 offset = 0;
    qint64 size = 0;
    Direction dir = Direction::None;
    bool gap = false;
    QByteArray bytes;          // size bytes; empty for a gap
    QList<qint64> chunkStarts; // stream offsets of chunks' first bytes, sorted

    qint64 end() const { return offset + size; }
    bool startsChunkAt(qint64 at) const {
        return std::binary_search(chunkStarts.cbegin(), chunkStarts.cend(), at);
    }
};

bool canJoin(const Span& first, const Span& second) {
    return first.end() == second.offset && first.gap == second.gap &&
           (first.gap || first.dir == second.dir);
}

void appendSpans(QList<Span>& spans, QList<Span> more) {
    for (Span& span : more) {
        if (spans.isEmpty() || !canJoin(spans.last(), span)) {
            spans.append(std::move(span));
            continue;
        }
        Span& last = spans.last();
        last.size += span.size;
        last.bytes += span.bytes;
        last.chunkStarts += span.chunkStarts;
    }
}

// A contiguous part of one connection's stream as read from the store, kept
// so that repaints and small scrolls read nothing twice. Bytes read stay as
// read even if the store evicts them later; a new page reads afresh.
class StreamPage final {
public:
    void reset(const CaptureStore* store, int conn, qint64 length) {
        m_store = store;
        m_conn = conn;
        m_length = length;
        m_spans.clear();
        m_from = 0;
        m_to = 0;
    }
    // The stream grew: what the page holds stays true.
    void setLength(qint64 length) { m_length = length; }
    qint64 length() const { return m_length; }
    qint64 to() const { return m_to; }
    const QList<Span>& spans() const { return m_spans; }

    // Makes the page hold [from, to), clamped to the stream, reading only
    // what it lacks; a range away from the page starts it over.
    void cover(qint64 from, qint64 to) {
        from = std::clamp<qint64>(from, 0, m_length);
        to = std::clamp<qint64>(to, from, m_length);
        if (from == to)
            return;
        if (m_spans.isEmpty() || from > m_to || to < m_from || heldBytes() > kMaxPageBytes) {
            m_spans = read(from, to);
            m_from = from;
            m_to = m_spans.isEmpty() ? from : m_spans.last().end();
        } else {
            if (from < m_from)
                prependRead(from);
            if (to > m_to)
                appendRead(to);
        }
        completeGaps();
    }
    // Reads on past the page's end, at least bytes; false if nothing was
    // left to read.
    bool extend(qint64 bytes) {
        const qint64 before = m_to;
        if (m_to < m_length)
            appendRead(std::min(m_length, m_to + std::max(bytes, kMinRead)));
        completeGaps();
        return m_to > before;
    }
    // The span holding offset, or -1 outside the page.
    qsizetype indexAt(qint64 offset) const {
        const auto after =
            std::upper_bound(m_spans.cbegin(), m_spans.cend(), offset,
                             [](qint64 at, const Span& span) { return at < span.offset; });
        if (after == m_spans.cbegin())
            return -1;
        const qsizetype index = std::distance(m_spans.cbegin(), after) - 1;
        return offset < m_spans[index].end() ? index : -1;
    }

private:
    QList<Span> read(qint64 from, qint64 to) const {
        QList<Span> spans;
        for (StreamSegment& segment : m_store->streamRange(m_conn, from, to - from)) {
            Span span;
            span.offset = segment.offset;
            span.size = segment.size;
            span.gap = segment.isGap();
            span.dir = segment.dir;
            span.bytes = std::move(segment.bytes);
            if (!span.gap && segment.offsetInChunk == 0)
                span.chunkStarts.append(segment.offset);
            appendSpans(spans, {std::move(span)});
        }
        return spans;
    }
    // Both return whether the page grew: the store covers every range it is
    // asked for, but a loop must not rely on it.
    bool prependRead(qint64 from) {
        QList<Span> spans = read(from, m_from);
        if (spans.isEmpty())
            return false;
        appendSpans(spans, std::move(m_spans));
        m_spans = std::move(spans);
        m_from = m_spans.first().offset;
        return true;
    }
    bool appendRead(qint64 to) {
        const qint64 before = m_to;
        appendSpans(m_spans, read(m_to, to));
        m_to = m_spans.isEmpty() ? m_to : m_spans.last().end();
        return m_to > before;
    }
    // A gap at either end of the page may reach beyond it; its note must say
    // its whole size, so read on until something was kept (or the stream
    // ends). Gaps cost no reading, only the bytes past them do.
    void completeGaps() {
        qint64 step = kMinRead;
        while (!m_spans.isEmpty() && m_spans.first().gap && m_from > 0 &&
               prependRead(std::max<qint64>(0, m_from - step)))
            step = std::min(step * 2, kMaxGapStep);
        step = kMinRead;
        while (!m_spans.isEmpty() && m_spans.last().gap && m_to < m_length &&
               appendRead(std::min(m_length, m_to + step)))
            step = std::min(step * 2, kMaxGapStep);
    }
    qint64 heldBytes() const {
        qint64 held = 0;
        for (const Span& span : m_spans)
            held += span.bytes.size();
        return held;
    }

    const CaptureStore* m_store = nullptr;
    int m_conn = 0;
    qint64 m_length = 0;
    qint64 m_from = 0;
    qint64 m_to = 0;
    QList<Span> m_spans;
};

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

// Text mode's escaping with lines kept as lines: a '\n' ends one, unseen.
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

int hexColumn(int column, int offsetDigits) {
    return offsetDigits + 2 + 3 * column + (column >= 8 ? 1 : 0);
}

int asciiColumn(int offsetDigits) {
    return offsetDigits + 53;
}

int hexLineChars(int offsetDigits) {
    return asciiColumn(offsetDigits) + kHexBytesPerRow + 1;
}

void setHexByte(QString& line, int at, quint8 byte) {
    line[at] = QChar(kHexDigits[byte >> 4]);
    line[at + 1] = QChar(kHexDigits[byte & 0xf]);
}

// hexdump -C's layout: the row's offset, 16 hex cells (a space more after
// the eighth) and the ASCII column. Each byte sits in the column of its
// offset, so a row cut short by a gap stays aligned with the others.
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

} // namespace

// What one row shows: a gap's note, or bytes in pieces of one direction.
struct FollowStreamView::Row {
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

// Cuts the stream into rows for a mode and width, reading it through two
// pages: one for where the view is, one for the stream's end (which the
// scroll range needs after every live batch) so that neither evicts the other.
class FollowStreamView::Layout final {
public:
    void reset(const CaptureStore* store, int conn, qint64 length) {
        m_view.reset(store, conn, length);
        m_tail.reset(store, conn, length);
    }
    void setLength(qint64 length) {
        m_view.setLength(length);
        m_tail.setLength(length);
    }
    void configure(Mode mode, int columns) {
        m_mode = mode;
        m_columns = columns;
    }
    int bytesPerRow() const {
        switch (m_mode) {
        case Mode::Text:
            // A character is at most 3 bytes a column, and a row may end in '\n'.
            return 3 * m_columns + 1;
        case Mode::Hex:
            return kHexBytesPerRow;
        case Mode::Raw:
            return kRawBytesPerRow;
        }
        return kHexBytesPerRow;
    }

    // Up to count rows, from the one holding top.
    QList<Row> rowsFrom(qint64 top, int count) {
        QList<Row> rows;
        if (top >= m_view.length())
            return rows;
        forEachRow(m_view, anchorFor(m_view, top), top + qint64(count) * bytesPerRow(),
                   m_view.length(), [&](Row&& row) {
                       if (row.end > top)
                           rows.append(std::move(row));
                       return rows.size() < count;
                   });
        return rows;
    }
    // Where the row holding offset starts.
    qint64 rowStart(qint64 offset) { return rowsUp(m_view, offset + 1, 1); }
    // Where the row count rows above the one starting at top starts (0 at most).
    qint64 rowsAbove(qint64 top, int count) { return rowsUp(m_view, top, count); }
    // The top offset that shows the stream's last rows filling rows rows.
    qint64 endTop(int rows) { return rowsUp(m_tail, m_tail.length(), rows); }

private:
    using Sink = std::function<bool(Row&&)>;

    // Where a layout may start: a row start known without laying out
    // anything before it.
    struct Anchor {
        qint64 offset = 0;
        bool afterLineBreak = false; // Text: a '\n' or a gap just before it
    };

    // The rows being laid out, handed to the sink as each one ends.
    struct Writer {
        int columns = 0;
        const Sink& sink;
        Row row;
        int column = 0;
        qint64 lastLineBreak = 0;
        bool stopped = false;

        void endRow(qint64 next) {
            if (row.end > row.offset && !stopped)
                stopped = !sink(std::move(row));
            row = Row();
            row.offset = next;
            row.end = next;
            column = 0;
        }
        void addGap(const Span& span) {
            endRow(span.offset);
            Row note;
            note.offset = span.offset;
            note.end = span.end();
            note.gap = true;
            if (!stopped)
                stopped = !sink(std::move(note));
            endRow(span.end());
            lastLineBreak = span.end();
        }
        Row::Piece& pieceFor(const Span& span, qint64 at) {
            const bool chunkStart = span.startsChunkAt(at);
            if (row.pieces.isEmpty() || row.pieces.last().dir != span.dir || chunkStart) {
                Row::Piece piece;
                piece.first = row.bytes.size();
                piece.dir = span.dir;
                piece.chunkStart = chunkStart;
                row.pieces.append(piece);
            }
            return row.pieces.last();
        }
        void addCharacter(const Span& span, qint64 at, qsizetype length, const QString& text) {
            if (column > 0 && column + text.size() > columns)
                endRow(at);
            pieceFor(span, at).text += text;
            column += int(text.size());
            row.end = at + length;
        }
        // The '\n' ends the row unseen; a piece marks its chunk if it starts one.
        void addNewline(const Span& span, qint64 at) {
            pieceFor(span, at);
            row.end = at + 1;
            lastLineBreak = at + 1;
            endRow(at + 1);
        }
        void addByte(const Span& span, qint64 at) {
            pieceFor(span, at).count += 1;
            row.bytes.append(span.bytes[at - span.offset]);
            row.end = at + 1;
        }
    };

    // The latest row start at or before at: a gap's bounds and multiples of
    // the row size in Hex and Raw; in Text a gap's bounds, the byte after a
    // '\n', or else the block that at is in.
    Anchor anchorFor(StreamPage& page, qint64 at) {
        const qint64 grid = m_mode == Mode::Text ? kTextBlock : bytesPerRow();
        const qint64 block = at - at % grid;
        const qint64 lookFrom =
            m_mode == Mode::Text ? std::max<qint64>(0, block - kTextBlock) : block;
        page.cover(lookFrom, at + 1);
        for (qsizetype i = page.indexAt(at); i >= 0; --i) {
            const Span& span = page.spans()[i];
            if (span.gap)
                return {span.offset <= at && at < span.end() ? span.offset : span.end(), true};
            const qint64 searchEnd = std::min(at, span.end()) - span.offset;
            if (m_mode == Mode::Text && searchEnd > 0) {
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

    // Lays out rows from anchor up to stopAt, reading the page to readTo
    // first (and on as needed), until the sink returns false.
    void forEachRow(StreamPage& page, Anchor anchor, qint64 readTo, qint64 stopAt,
                    const Sink& sink) {
        page.cover(anchor.offset, readTo);
        Writer writer{m_columns, sink, Row(), 0, 0, false};
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
            const Span& span = page.spans()[index];
            if (span.gap) {
                writer.addGap(span);
                at = span.end();
            } else if (m_mode == Mode::Text) {
                at = layOutText(page, index, at, end, writer);
            } else {
                at = layOutBytes(span, at, end, writer);
            }
        }
        writer.endRow(at);
    }

    // Returns where it stopped: the span's end, end, or a character that
    // needs bytes from past the page (the page has read them; look the span
    // up again).
    qint64 layOutText(StreamPage& page, qsizetype index, qint64 at, qint64 end, Writer& writer) {
        const Span& span = page.spans()[index];
        const QByteArrayView bytes(span.bytes);
        const bool lastSpan = index == page.spans().size() - 1;
        while (!writer.stopped && at < std::min(end, span.end())) {
            const qsizetype pos = at - span.offset;
            if (quint8(bytes[pos]) >= 0x80 && span.end() - at < 4 && lastSpan &&
                page.extend(kMinRead))
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

    qint64 layOutBytes(const Span& span, qint64 at, qint64 end, Writer& writer) {
        const int perRow = bytesPerRow();
        for (; !writer.stopped && at < std::min(end, span.end()); ++at) {
            if (at % perRow == 0)
                writer.endRow(at);
            writer.addByte(span, at);
        }
        return at;
    }

    // The start of the row count rows before the one ending at upTo (0 at
    // most), going back one anchor at a time.
    qint64 rowsUp(StreamPage& page, qint64 upTo, int count) {
        QList<qint64> starts;
        while (upTo > 0) {
            const Anchor anchor = anchorFor(page, upTo - 1);
            starts.clear();
            forEachRow(page, anchor, upTo, upTo, [&](Row&& row) {
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

    StreamPage m_view;
    StreamPage m_tail;
    Mode m_mode = Mode::Text;
    int m_columns = 80;
};

FollowStreamView::FollowStreamView(const SessionSource* source, QWidget* parent)
    : QAbstractScrollArea(parent)
    , m_source(source)
    , m_layout(std::make_unique<Layout>()) {
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setFocusPolicy(Qt::StrongFocus);
    setAccessibleName(tr("Follow stream"));
    connect(verticalScrollBar(), &QScrollBar::actionTriggered, this,
            &FollowStreamView::onScrollAction);
    relayout();
}

FollowStreamView::~FollowStreamView() = default;

void FollowStreamView::setConnection(int conn) {
    if (conn == m_conn)
        return;
    m_conn = conn;
    const CaptureStore* store = conn == 0 ? nullptr : &m_source->store();
    m_length = store ? store->streamLength(conn) : 0;
    m_layout->reset(store, conn, m_length);
    m_top = 0;
    relayout();
}

void FollowStreamView::appendBatch(const EventBatch& events) {
    if (m_conn == 0)
        return;
    const bool ours = std::any_of(events.cbegin(), events.cend(), [this](const CaptureEvent& e) {
        return e.kind == EventKind::Data && e.conn == m_conn;
    });
    if (!ours)
        return;
    const qint64 length = m_source->store().streamLength(m_conn);
    if (length == m_length)
        return;
    const bool follow = m_top >= endTop();
    m_length = length;
    m_layout->setLength(length);
    m_endTop.reset();
    m_rows.reset();
    if (follow)
        m_top = endTop();
    syncScrollBars();
    viewport()->update();
}

void FollowStreamView::setMode(Mode mode) {
    if (mode == m_mode)
        return;
    m_mode = mode;
    relayout();
    Q_EMIT modeChanged(mode);
}

void FollowStreamView::setShowChunkBoundaries(bool show) {
    if (show == m_showChunkBoundaries)
        return;
    m_showChunkBoundaries = show;
    viewport()->update();
    Q_EMIT showChunkBoundariesChanged(show);
}

void FollowStreamView::scrollToOffset(qint64 offset) {
    if (m_length > 0)
        setTop(m_layout->rowStart(std::clamp<qint64>(offset, 0, m_length - 1)));
}

QStringList FollowStreamView::visibleRows() const {
    QStringList texts;
    for (const Row& row : rows())
        texts.append(rowText(row));
    return texts;
}

void FollowStreamView::copyVisible() const {
    QGuiApplication::clipboard()->setText(visibleRows().join(u'\n'));
}

QString FollowStreamView::toPlainText() const {
    if (m_conn == 0)
        return {};
    QString text;
    // One direction's bytes are escaped together, so that a character split
    // between two reads stays whole; a gap's size adds up across slices.
    QByteArray run;
    Direction runDir = Direction::None;
    qint64 gap = 0;
    const auto endRun = [&] {
        appendEscapedLines(text, run);
        run.clear();
    };
    const auto endGap = [&] {
        if (gap == 0)
            return;
        if (!text.isEmpty() && !text.endsWith(u'\n'))
            text += u'\n';
        text += gapNote(gap) + u'\n';
        gap = 0;
    };
    qint64 shown = 0;
    qint64 at = 0;
    while (at < m_length && shown < kMaxPlainTextBytes) {
        const QList<StreamSegment> segments = m_source->store().streamRange(m_conn, at, kReadSlice);
        if (segments.isEmpty())
            break;
        for (const StreamSegment& segment : segments) {
            if (segment.isGap()) {
                endRun();
                gap += segment.size;
                at = segment.offset + segment.size;
                continue;
            }
            endGap();
            if (segment.dir != runDir) {
                endRun();
                runDir = segment.dir;
            }
            const qint64 take = std::min(segment.size, kMaxPlainTextBytes - shown);
            run += segment.bytes.first(take);
            shown += take;
            at = segment.offset + take;
            if (shown == kMaxPlainTextBytes)
                break;
        }
    }
    endRun();
    endGap();
    if (at < m_length)
        text += tr("\n[%1 more not shown]").arg(formatBytes(m_length - at));
    return text;
}

bool FollowStreamView::saveStream(const QString& path, Direction which, QString* error) const {
    const auto fail = [&](const QString& reason) {
        if (error)
            *error = tr("Could not save the stream to %1: %2")
                         .arg(QDir::toNativeSeparators(path), reason);
        return false;
    };
    if (m_conn == 0)
        return fail(tr("no connection is selected"));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(fileErrorText(file));
    const CaptureStore& store = m_source->store();
    const qint64 length = store.streamLength(m_conn);
    for (qint64 offset = 0; offset < length; offset += kReadSlice) {
        for (const StreamSegment& segment : store.streamRange(m_conn, offset, kReadSlice)) {
            if (segment.isGap() || (which != Direction::None && segment.dir != which))
                continue;
            if (file.write(segment.bytes) != segment.bytes.size())
                return fail(fileWriteErrorText(file));
        }
    }
    if (!file.commit())
        return fail(fileWriteErrorText(file));
    if (error)
        error->clear();
    return true;
}

void FollowStreamView::paintEvent(QPaintEvent* /*event*/) {
    QPainter painter(viewport());
    if (m_conn == 0) {
        paintHint(painter, tr("Select a connection to follow its conversation. Blue: received "
                              "from the peer. Orange: sent by SockScope."));
        return;
    }
    if (m_length == 0) {
        paintHint(painter, tr("Nothing has passed on this connection yet."));
        return;
    }
    painter.translate(-horizontalScrollBar()->value(), 0);
    const int lineHeight = fontMetrics().lineSpacing();
    int y = 0;
    for (const Row& row : rows()) {
        paintRow(painter, row, y);
        y += lineHeight;
    }
}

void FollowStreamView::resizeEvent(QResizeEvent* event) {
    QAbstractScrollArea::resizeEvent(event);
    relayout();
}

void FollowStreamView::keyPressEvent(QKeyEvent* event) {
    if (event->matches(QKeySequence::Copy)) {
        copyVisible();
    } else if (event->key() == Qt::Key_Up) {
        scrollRows(-1);
    } else if (event->key() == Qt::Key_Down) {
        scrollRows(1);
    } else if (event->key() == Qt::Key_PageUp) {
        scrollRows(-pageRows());
    } else if (event->key() == Qt::Key_PageDown) {
        scrollRows(pageRows());
    } else if (event->key() == Qt::Key_Home) {
        setTop(0);
    } else if (event->key() == Qt::Key_End) {
        scrollToEnd();
    } else {
        QAbstractScrollArea::keyPressEvent(event);
        return;
    }
    event->accept();
}

void FollowStreamView::wheelEvent(QWheelEvent* event) {
    if (event->angleDelta().y() == 0) {
        QAbstractScrollArea::wheelEvent(event);
        return;
    }
    // Touchpads send small deltas: scroll whole rows once they add up to a notch.
    m_wheelDelta += event->angleDelta().y();
    const int notches = m_wheelDelta / QWheelEvent::DefaultDeltasPerStep;
    m_wheelDelta -= notches * QWheelEvent::DefaultDeltasPerStep;
    scrollRows(-notches * QApplication::wheelScrollLines());
    event->accept();
}

void FollowStreamView::contextMenuEvent(QContextMenuEvent* event) {
    QMenu menu(this);
    menu.addAction(tr("&Copy visible rows"), this, &FollowStreamView::copyVisible)
        ->setEnabled(m_length > 0);
    menu.addSeparator();
    auto* modes = new QActionGroup(&menu);
    const std::pair<Mode, QString> modeNames[] = {{Mode::Text, tr("As &text")},
                                                  {Mode::Hex, tr("As &hex dump")},
                                                  {Mode::Raw, tr("As &raw hex")}};
    for (const auto& [mode, name] : modeNames) {
        QAction* action = menu.addAction(name, this, [this, mode = mode] { setMode(mode); });
        action->setCheckable(true);
        action->setChecked(mode == m_mode);
        modes->addAction(action);
    }
    QAction* chunks = menu.addAction(tr("Show c&hunk boundaries"), this,
                                     &FollowStreamView::setShowChunkBoundaries);
    chunks->setCheckable(true);
    chunks->setChecked(m_showChunkBoundaries);
    menu.addSeparator();
    QMenu* save = menu.addMenu(tr("&Save this stream"));
    save->setEnabled(m_conn != 0);
    save->addAction(tr("&Both directions…"), this, [this] { saveInteractively(Direction::None); });
    save->addAction(tr("&Received only…"), this, [this] { saveInteractively(Direction::In); });
    save->addAction(tr("&Sent only…"), this, [this] { saveInteractively(Direction::Out); });
    menu.exec(event->globalPos());
}

void FollowStreamView::changeEvent(QEvent* event) {
    QAbstractScrollArea::changeEvent(event);
    // Colours are mixed from the palette at each paint, so a switch between
    // light and dark themes needs only a repaint; a new font moves every row.
    if (event->type() == QEvent::PaletteChange)
        viewport()->update();
    else if (event->type() == QEvent::FontChange)
        relayout();
}

void FollowStreamView::scrollContentsBy(int dx, int dy) {
    if (dx != 0)
        viewport()->update();
    if (dy == 0 || m_syncingScrollBars || m_length == 0)
        return;
    // The slider was dragged (or wheeled): show the row at its offset, and
    // leave the slider where the hand put it.
    const QScrollBar* bar = verticalScrollBar();
    const qint64 granularity = scrollGranularity();
    if (bar->value() == m_top / granularity)
        return;
    const qint64 top = bar->value() >= bar->maximum()
                           ? endTop()
                           : std::min(m_layout->rowStart(bar->value() * granularity), endTop());
    if (top != m_top) {
        m_top = top;
        m_rows.reset();
        viewport()->update();
    }
}

int FollowStreamView::fullRows() const {
    return std::max(1, viewport()->height() / fontMetrics().lineSpacing());
}

int FollowStreamView::pageRows() const {
    return std::max(1, fullRows() - 1);
}

int FollowStreamView::textColumns() const {
    // The real advance, not the rounded one: rounded down, a row of 140
    // characters overran the view by a character.
    const qreal charWidth = std::max(1.0, QFontMetricsF(font()).horizontalAdvance(u'0'));
    return std::max(8, int((viewport()->width() - 2 * kMargin) / charWidth));
}

int FollowStreamView::offsetDigits() const {
    const qint64 last = std::max<qint64>(0, m_length - 1);
    return std::max(8, int(QString::number(last, 16).size()));
}

void FollowStreamView::relayout() {
    m_layout->configure(m_mode, textColumns());
    m_endTop.reset();
    m_rows.reset();
    m_top =
        m_length == 0 ? 0 : std::min(m_layout->rowStart(std::min(m_top, m_length - 1)), endTop());
    syncScrollBars();
    viewport()->update();
}

void FollowStreamView::setTop(qint64 top) {
    top = std::clamp<qint64>(top, 0, endTop());
    if (top == m_top)
        return;
    m_top = top;
    m_rows.reset();
    syncScrollBars();
    viewport()->update();
}

void FollowStreamView::scrollRows(int rows) {
    if (m_length == 0 || rows == 0)
        return;
    if (rows < 0) {
        setTop(m_layout->rowsAbove(m_top, -rows));
        return;
    }
    // Down only as far as keeps the viewport full.
    const QList<Row> ahead = m_layout->rowsFrom(m_top, fullRows() + rows);
    const int move = std::clamp(int(ahead.size()) - fullRows(), 0, rows);
    if (move > 0)
        setTop(ahead[move].offset);
}

void FollowStreamView::scrollToEnd() {
    setTop(endTop());
}

qint64 FollowStreamView::endTop() const {
    if (!m_endTop)
        m_endTop = m_length == 0 ? 0 : m_layout->endTop(fullRows());
    return *m_endTop;
}

qint64 FollowStreamView::scrollGranularity() const {
    const qint64 unit = m_mode == Mode::Text ? 1 : m_layout->bytesPerRow();
    return std::max(unit, (m_length + kMaxScrollValue - 1) / kMaxScrollValue);
}

void FollowStreamView::syncScrollBars() {
    const QScopedValueRollback syncing(m_syncingScrollBars, true);
    const qint64 granularity = scrollGranularity();
    const qint64 end = endTop();
    QScrollBar* vertical = verticalScrollBar();
    vertical->setRange(0, int(end / granularity));
    vertical->setPageStep(int(std::max<qint64>(1, (m_length - end) / granularity)));
    const qint64 rowBytes = m_mode == Mode::Text ? textColumns() : m_layout->bytesPerRow();
    vertical->setSingleStep(int(std::max<qint64>(1, rowBytes / granularity)));
    vertical->setValue(int(m_top / granularity));

    const int charWidth = fontMetrics().horizontalAdvance(u'0');
    const int lineChars = m_mode == Mode::Hex   ? hexLineChars(offsetDigits())
                          : m_mode == Mode::Raw ? 2 * kRawBytesPerRow
                                                : 0;
    const int width = lineChars == 0 ? 0 : lineChars * charWidth + 2 * kMargin;
    QScrollBar* horizontal = horizontalScrollBar();
    horizontal->setRange(0, std::max(0, width - viewport()->width()));
    horizontal->setPageStep(viewport()->width());
    horizontal->setSingleStep(charWidth);
}

void FollowStreamView::onScrollAction(int action) {
    switch (action) {
    case QAbstractSlider::SliderSingleStepAdd:
        scrollRows(1);
        break;
    case QAbstractSlider::SliderSingleStepSub:
        scrollRows(-1);
        break;
    case QAbstractSlider::SliderPageStepAdd:
        scrollRows(pageRows());
        break;
    case QAbstractSlider::SliderPageStepSub:
        scrollRows(-pageRows());
        break;
    case QAbstractSlider::SliderToMinimum:
        setTop(0);
        break;
    case QAbstractSlider::SliderToMaximum:
        scrollToEnd();
        break;
    default:
        return; // a drag: scrollContentsBy() follows the value
    }
    // The slider goes where the rows went, not where a step of bytes would.
    const QScopedValueRollback syncing(m_syncingScrollBars, true);
    verticalScrollBar()->setSliderPosition(int(m_top / scrollGranularity()));
}

const QList<FollowStreamView::Row>& FollowStreamView::rows() const {
    if (!m_rows) {
        m_rows = std::make_unique<QList<Row>>(
            m_length == 0 ? QList<Row>() : m_layout->rowsFrom(m_top, paintedRows()));
    }
    return *m_rows;
}

QString FollowStreamView::rowText(const Row& row) const {
    if (row.gap)
        return gapNote(row.end - row.offset);
    switch (m_mode) {
    case Mode::Text: {
        QString text;
        for (const Row::Piece& piece : row.pieces)
            text += piece.text;
        return text;
    }
    case Mode::Hex:
        return hexLine(row.offset, row.bytes, offsetDigits());
    case Mode::Raw:
        return rawLine(row.offset, row.bytes);
    }
    return {};
}

QString FollowStreamView::gapNote(qint64 bytes) const {
    return tr("[%1 not kept]").arg(formatBytes(bytes));
}

void FollowStreamView::paintHint(QPainter& painter, const QString& text) const {
    painter.setPen(palette().color(QPalette::PlaceholderText));
    painter.drawText(viewport()->rect().adjusted(kMargin, kMargin, -kMargin, -kMargin),
                     Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, text);
}

void FollowStreamView::paintRow(QPainter& painter, const Row& row, int y) const {
    if (!row.gap) {
        if (m_mode == Mode::Text)
            paintTextRow(painter, row, y);
        else
            paintHexRow(painter, row, y);
        return;
    }
    // Missing bytes are said to be missing, never drawn as zeros.
    QFont italic = font();
    italic.setItalic(true);
    painter.setFont(italic);
    painter.setPen(palette().color(QPalette::PlaceholderText));
    painter.drawText(kMargin, y + fontMetrics().ascent(), rowText(row));
    painter.setFont(font());
}

void FollowStreamView::paintTextRow(QPainter& painter, const Row& row, int y) const {
    const QFontMetrics metrics = fontMetrics();
    int x = kMargin;
    for (const Row::Piece& piece : row.pieces) {
        const int width = metrics.horizontalAdvance(piece.text);
        painter.fillRect(QRect(x, y, width, metrics.lineSpacing()),
                         directionBackground(palette(), piece.dir));
        painter.setPen(directionForeground(palette(), piece.dir));
        painter.drawText(x, y + metrics.ascent(), piece.text);
        if (piece.chunkStart && m_showChunkBoundaries)
            paintChunkMarker(painter, x, y, piece.dir);
        x += width;
    }
}

void FollowStreamView::paintHexRow(QPainter& painter, const Row& row, int y) const {
    const QFontMetrics metrics = fontMetrics();
    const int charWidth = metrics.horizontalAdvance(u'0');
    const int baseline = y + metrics.ascent();
    const QString line = rowText(row);
    const auto xOf = [&](int column) {
        return kMargin + column * charWidth;
    };
    const auto paintColumns = [&](int from, int to, Direction dir) {
        painter.fillRect(QRect(xOf(from), y, (to - from) * charWidth, metrics.lineSpacing()),
                         directionBackground(palette(), dir));
        painter.setPen(directionForeground(palette(), dir));
        painter.drawText(xOf(from), baseline, line.mid(from, to - from));
    };
    const bool hex = m_mode == Mode::Hex;
    const int digits = offsetDigits();
    if (hex) {
        painter.setPen(palette().color(QPalette::Text));
        painter.drawText(xOf(0), baseline, line.left(digits));
        painter.drawText(xOf(asciiColumn(digits) - 1), baseline, QStringLiteral("|"));
        painter.drawText(xOf(hexLineChars(digits) - 1), baseline, QStringLiteral("|"));
    }
    const int firstColumn = int(row.offset % m_layout->bytesPerRow());
    for (const Row::Piece& piece : row.pieces) {
        const int first = firstColumn + int(piece.first);
        const int last = first + int(piece.count) - 1;
        const int from = hex ? hexColumn(first, digits) : 2 * first;
        // A hex cell's trailing space joins it to the next cell of its piece.
        const int to = hex ? hexColumn(last, digits) + 3 : 2 * last + 2;
        paintColumns(from, to, piece.dir);
        if (hex)
            paintColumns(asciiColumn(digits) + first, asciiColumn(digits) + last + 1, piece.dir);
        if (piece.chunkStart && m_showChunkBoundaries) {
            paintChunkMarker(painter, xOf(from) - (hex ? charWidth / 2 : 0), y, piece.dir);
            if (hex)
                paintChunkMarker(painter, xOf(asciiColumn(digits) + first), y, piece.dir);
        }
    }
}

void FollowStreamView::paintChunkMarker(QPainter& painter, int x, int y, Direction dir) const {
    painter.fillRect(QRect(x, y, 2, fontMetrics().lineSpacing()),
                     directionForeground(palette(), dir));
}

void FollowStreamView::saveInteractively(Direction which) {
    const QString suffix = which == Direction::In    ? QStringLiteral("-received")
                           : which == Direction::Out ? QStringLiteral("-sent")
                                                     : QString();
    const QString name = QStringLiteral("connection-%1%2.bin").arg(m_conn).arg(suffix);
    const QString path = QFileDialog::getSaveFileName(this, tr("Save this stream"),
                                                      QDir(sessionFolder()).filePath(name));
    if (path.isEmpty())
        return;
    rememberSessionFolder(path);
    QString error;
    QApplication::setOverrideCursor(Qt::WaitCursor);
    const bool saved = saveStream(path, which, &error);
    QApplication::restoreOverrideCursor();
    if (!saved)
        QMessageBox::warning(this, tr("Save this stream"), error);
}

} // namespace sockscope
