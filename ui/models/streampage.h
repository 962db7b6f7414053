#pragma once

#include "base/captureevent.h"

#include <QByteArray>
#include <QList>

#include <algorithm>

namespace sockscope {

class CaptureStore;

// Adjacent stream segments merged: a run of one direction's bytes, or a gap.
struct StreamSpan {
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

// A contiguous part of one connection's stream as read from the store, kept
// so that repaints and small scrolls read nothing twice. Bytes read stay as
// read even if the store evicts them later; a new page reads afresh. What
// lets the Follow stream view show a stream of any length while holding
// only a bounded part of it.
class StreamPage final {
public:
    // The least a page grows by when a layout runs past its end.
    static constexpr qint64 kMinRead = 4096;

    void reset(const CaptureStore* store, int conn, qint64 length);
    // The stream grew: what the page holds stays true.
    void setLength(qint64 length) { m_length = length; }
    qint64 length() const { return m_length; }
    const QList<StreamSpan>& spans() const { return m_spans; }

    // Makes the page hold [from, to), clamped to the stream, reading only
    // what it lacks; a range away from the page starts it over.
    void cover(qint64 from, qint64 to);
    // Reads on past the page's end, at least bytes; false if nothing was
    // left to read.
    bool extend(qint64 bytes);
    // The span holding offset, or -1 outside the page.
    qsizetype indexAt(qint64 offset) const;

private:
    QList<StreamSpan> read(qint64 from, qint64 to) const;
    // Both return whether the page grew: the store covers every range it is
    // asked for, but a loop must not rely on it.
    bool prependRead(qint64 from);
    bool appendRead(qint64 to);
    // A gap at either end of the page may reach beyond it; its note must say
    // its whole size, so read on until something was kept (or the stream
    // ends). Gaps cost no reading, only the bytes past them do.
    void completeGaps();
    qint64 heldBytes() const;

    const CaptureStore* m_store = nullptr;
    int m_conn = 0;
    qint64 m_length = 0;
    qint64 m_from = 0;
    qint64 m_to = 0;
    QList<StreamSpan> m_spans;
};

} // namespace sockscope
