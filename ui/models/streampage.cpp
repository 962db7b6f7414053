#include "models/streampage.h"

#include "capture/capturestore.h"

#include <algorithm>

namespace sockscope {

namespace {

// The store cannot say where a gap ends; reading on in steps that double up
// to this finds it, at the cost of reading at most this much past it.
constexpr qint64 kMaxGapStep = 256 * 1024;
// Past this many bytes a page starts over instead of growing.
constexpr qint64 kMaxPageBytes = 1024 * 1024;

bool canJoin(const StreamSpan& first, const StreamSpan& second) {
    return first.end() == second.offset && first.gap == second.gap &&
           (first.gap || first.dir == second.dir);
}

void appendSpans(QList<StreamSpan>& spans, QList<StreamSpan> more) {
    for (StreamSpan& span : more) {
        if (spans.isEmpty() || !canJoin(spans.last(), span)) {
            spans.append(std::move(span));
            continue;
        }
        StreamSpan& last = spans.last();
        last.size += span.size;
        last.bytes += span.bytes;
        last.chunkStarts += span.chunkStarts;
    }
}

} // namespace

void StreamPage::reset(const CaptureStore* store, int conn, qint64 length) {
    m_store = store;
    m_conn = conn;
    m_length = length;
    m_spans.clear();
    m_from = 0;
    m_to = 0;
}

void StreamPage::cover(qint64 from, qint64 to) {
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

bool StreamPage::extend(qint64 bytes) {
    const qint64 before = m_to;
    if (m_to < m_length)
        appendRead(std::min(m_length, m_to + std::max(bytes, kMinRead)));
    completeGaps();
    return m_to > before;
}

qsizetype StreamPage::indexAt(qint64 offset) const {
    const auto after =
        std::upper_bound(m_spans.cbegin(), m_spans.cend(), offset,
                         [](qint64 at, const StreamSpan& span) { return at < span.offset; });
    if (after == m_spans.cbegin())
        return -1;
    const qsizetype index = std::distance(m_spans.cbegin(), after) - 1;
    return offset < m_spans[index].end() ? index : -1;
}

QList<StreamSpan> StreamPage::read(qint64 from, qint64 to) const {
    QList<StreamSpan> spans;
    for (StreamSegment& segment : m_store->streamRange(m_conn, from, to - from)) {
        StreamSpan span;
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

bool StreamPage::prependRead(qint64 from) {
    QList<StreamSpan> spans = read(from, m_from);
    if (spans.isEmpty())
        return false;
    appendSpans(spans, std::move(m_spans));
    m_spans = std::move(spans);
    m_from = m_spans.first().offset;
    return true;
}

bool StreamPage::appendRead(qint64 to) {
    const qint64 before = m_to;
    appendSpans(m_spans, read(m_to, to));
    m_to = m_spans.isEmpty() ? m_to : m_spans.last().end();
    return m_to > before;
}

void StreamPage::completeGaps() {
    qint64 step = kMinRead;
    while (!m_spans.isEmpty() && m_spans.first().gap && m_from > 0 &&
           prependRead(std::max<qint64>(0, m_from - step)))
        step = std::min(step * 2, kMaxGapStep);
    step = kMinRead;
    while (!m_spans.isEmpty() && m_spans.last().gap && m_to < m_length &&
           appendRead(std::min(m_length, m_to + step)))
        step = std::min(step * 2, kMaxGapStep);
}

qint64 StreamPage::heldBytes() const {
    qint64 held = 0;
    for (const StreamSpan& span : m_spans)
        held += span.bytes.size();
    return held;
}

} // namespace sockscope
