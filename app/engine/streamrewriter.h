#pragma once

#include "engine/rewriterule.h"

namespace sockscope {

// Applies a relay's rewrite rules to one direction of a stream, so that a
// pattern split across reads still matches, with no hold by a person:
//   - text and hex rules work on the stream itself: after each read, the
//     bytes that could still be the start of a match are kept back (never
//     more than the longest pattern less one byte) and the rest goes on;
//   - with a regex rule the stream is framed by lines, since a regex has no
//     longest match: a line goes on once its '\n' has arrived, rewritten by
//     every rule in order. A line longer than kMaxLine goes on unchanged,
//     so that a binary stream without newlines is never held without bound.
// finish() gives back what is kept: at the sender's FIN, and when the
// relay has been idle for a moment (RelayPair::flushKept), so that a last
// line without '\n' or the start of a pattern never waits for ever.
class StreamRewriter final {
public:
    static constexpr qsizetype kMaxLine = 1024 * 1024;

    explicit StreamRewriter(RewriteRules rules);

    bool keepsBytes() const { return !m_kept.isEmpty(); }
    QByteArray feed(const QByteArray& bytes);
    QByteArray finish();

private:
    QByteArray rewriteStream(bool final);
    QByteArray rewriteLine(const QByteArray& line) const;

    RewriteRules m_rules;
    bool m_byLine = false;
    QByteArray m_kept;
};

} // namespace sockscope
