#include "capture/bytepattern.h"

namespace sockscope {

BytePattern::BytePattern(QByteArray bytes, bool ignoreAsciiCase)
    : m_bytes(ignoreAsciiCase ? bytes.toLower() : std::move(bytes))
    , m_ignoreCase(ignoreAsciiCase) {
    const qsizetype n = m_bytes.size();
    m_skip.fill(n);
    for (qsizetype i = 0; i + 1 < n; ++i) {
        const auto c = quint8(m_bytes[i]);
        m_skip[c] = n - 1 - i;
        // The table is indexed by folded bytes, so both cases skip alike.
        if (m_ignoreCase && c >= 'a' && c <= 'z')
            m_skip[c - 'a' + 'A'] = n - 1 - i;
    }
}

quint8 BytePattern::fold(char c) const {
    const auto byte = quint8(c);
    return m_ignoreCase && byte >= 'A' && byte <= 'Z' ? quint8(byte - 'A' + 'a') : byte;
}

bool BytePattern::isFoundIn(QByteArrayView haystack) const {
    const qsizetype n = m_bytes.size();
    if (n == 0)
        return true;
    if (!m_ignoreCase)
        return haystack.indexOf(m_bytes) >= 0;
    const char* needle = m_bytes.constData();
    const char* hay = haystack.data();
    for (qsizetype at = 0; at + n <= haystack.size();) {
        qsizetype i = n - 1;
        while (i >= 0 && fold(hay[at + i]) == quint8(needle[i]))
            --i;
        if (i < 0)
            return true;
        at += m_skip[quint8(hay[at + n - 1])];
    }
    return false;
}

} // namespace sockscope
