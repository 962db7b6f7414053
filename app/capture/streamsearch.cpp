#include "capture/streamsearch.h"

#include "capture/capturestore.h"

#include <QByteArrayMatcher>

namespace sockscope {

StreamSearch::StreamSearch(const CaptureStore& store, int conn, QByteArray pattern)
    : m_store(store)
    , m_conn(conn)
    , m_pattern(std::move(pattern)) {
}

StreamSearch::Result StreamSearch::run(const Progress& progress) {
    Result result;
    if (m_pattern.isEmpty())
        return result;
    const QByteArrayMatcher matcher(m_pattern);
    const qint64 total = m_store.streamLength(m_conn);
    // The last pattern-1 bytes of a page are kept, so a match across a page
    // boundary is found; a gap (payload not kept) breaks any match.
    QByteArray carry;
    qint64 carryOffset = 0;
    for (qint64 at = 0; at < total; at += kPageBytes) {
        if (m_cancelled) {
            result.cancelled = true;
            return result;
        }
        for (const StreamSegment& segment : m_store.streamRange(m_conn, at, kPageBytes)) {
            if (segment.isGap()) {
                carry.clear();
                continue;
            }
            if (carry.isEmpty())
                carryOffset = segment.offset;
            carry += segment.bytes;
            for (qsizetype from = 0;;) {
                const qsizetype hit = matcher.indexIn(carry, from);
                if (hit < 0)
                    break;
                if (result.offsets.size() < kMaxKeptMatches)
                    result.offsets.append(carryOffset + hit);
                ++result.matches;
                from = hit + 1;
            }
            const qsizetype keep = std::min<qsizetype>(carry.size(), m_pattern.size() - 1);
            carryOffset += carry.size() - keep;
            carry = carry.right(keep);
        }
        result.searched = std::min(total, at + kPageBytes);
        if (progress)
            progress(result.searched, total);
    }
    return result;
}

} // namespace sockscope
