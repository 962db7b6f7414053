#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <array>

namespace sockscope {

// Bytes to look for in payloads, exactly or with ASCII letters in either
// case (payloads are bytes, not text: only A-Z and a-z fold). Horspool's
// search, so that filtering 100,000 rows' previews skips ahead instead of
// comparing at every byte.
class BytePattern final {
public:
    BytePattern() = default;
    BytePattern(QByteArray bytes, bool ignoreAsciiCase);

    bool isEmpty() const { return m_bytes.isEmpty(); }
    const QByteArray& bytes() const { return m_bytes; }
    bool ignoresAsciiCase() const { return m_ignoreCase; }
    // An empty pattern is found everywhere.
    bool isFoundIn(QByteArrayView haystack) const;

private:
    quint8 fold(char c) const;

    QByteArray m_bytes; // folded to lower case when ignoring case
    bool m_ignoreCase = false;
    std::array<qsizetype, 256> m_skip{};
};

} // namespace sockscope
