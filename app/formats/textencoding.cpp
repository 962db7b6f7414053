#include "formats/textencoding.h"

#include "base/captureevent.h"

#include <array>
#include <charconv>

namespace sockscope {

namespace {

constexpr char kHexDigits[] = "0123456789abcdef";

struct Utf8Char {
    qsizetype length = 0; // 0: the byte at this position does not start valid UTF-8
    char32_t codePoint = 0;
};

// Strict decoding (no overlong forms, no surrogates, nothing above U+10FFFF),
// so that what passes as text re-encodes to exactly the same bytes.
Utf8Char decodeUtf8(QByteArrayView bytes, qsizetype at) {
    const auto lead = quint8(bytes[at]);
    if (lead < 0x80)
        return {1, lead};
    qsizetype length = 0;
    char32_t cp = 0;
    char32_t minimum = 0;
    if ((lead & 0xe0) == 0xc0) {
        length = 2;
        cp = lead & 0x1f;
        minimum = 0x80;
    } else if ((lead & 0xf0) == 0xe0) {
        length = 3;
        cp = lead & 0x0f;
        minimum = 0x800;
    } else if ((lead & 0xf8) == 0xf0) {
        length = 4;
        cp = lead & 0x07;
        minimum = 0x10000;
    } else {
        return {};
    }
    if (at + length > bytes.size())
        return {};
    for (qsizetype i = 1; i < length; ++i) {
        const auto next = quint8(bytes[at + i]);
        if ((next & 0xc0) != 0x80)
            return {};
        cp = (cp << 6) | (next & 0x3f);
    }
    if (cp < minimum || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        return {};
    return {length, cp};
}

bool isControl(char32_t cp) {
    return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);
}

// Characters that reorder or break surrounding text, so that a peer could
// make a payload shown as text read differently from its bytes.
bool isLayoutControl(char32_t cp) {
    return cp == 0x061c || cp == 0x200e || cp == 0x200f || (cp >= 0x202a && cp <= 0x202e) ||
           (cp >= 0x2066 && cp <= 0x2069) || cp == 0x2028 || cp == 0x2029;
}

void appendEscapedByte(QByteArray& out, quint8 byte) {
    const char escaped[] = {'\\', 'x', kHexDigits[byte >> 4], kHexDigits[byte & 0xf]};
    out.append(escaped, sizeof escaped);
}

} // namespace

void appendNumber(QByteArray& out, qint64 value) {
    std::array<char, 24> digits{};
    const auto result = std::to_chars(digits.data(), digits.data() + digits.size(), value);
    out.append(digits.data(), result.ptr - digits.data());
}

void appendTimestamp(QByteArray& out, qint64 timeUs) {
    // Floor division, like formatTimestampUs, so that pre-1970 times agree too.
    qint64 seconds = timeUs / 1000000;
    qint64 micros = timeUs % 1000000;
    if (micros < 0) {
        micros += 1000000;
        seconds -= 1;
    }
    thread_local qint64 cachedSeconds = -1;
    thread_local QByteArray cachedPrefix; // "yyyy-MM-ddTHH:mm:ss."
    if (seconds != cachedSeconds || cachedPrefix.isEmpty()) {
        cachedPrefix = formatTimestampUs(seconds * 1000000).chopped(7).toLatin1();
        cachedSeconds = seconds;
    }
    out.append(cachedPrefix);
    std::array<char, 7> tail{};
    for (int i = 5; i >= 0; --i) {
        tail[std::size_t(i)] = char('0' + micros % 10);
        micros /= 10;
    }
    tail[6] = 'Z';
    out.append(tail.data(), tail.size());
}

void appendHex(QByteArray& out, QByteArrayView bytes) {
    const qsizetype start = out.size();
    out.resize(start + bytes.size() * 2);
    char* dst = out.data() + start;
    for (const char c : bytes) {
        const auto byte = quint8(c);
        *dst++ = kHexDigits[byte >> 4];
        *dst++ = kHexDigits[byte & 0xf];
    }
}

void appendEscapedText(QByteArray& out, QByteArrayView bytes) {
    out.reserve(out.size() + bytes.size());
    qsizetype i = 0;
    while (i < bytes.size()) {
        // Plain ASCII runs are copied in one go: most payloads are mostly that.
        qsizetype run = i;
        while (run < bytes.size() && bytes[run] >= 0x20 && bytes[run] < 0x7f && bytes[run] != '\\')
            ++run;
        out.append(bytes.data() + i, run - i);
        i = run;
        if (i == bytes.size())
            break;
        const char c = bytes[i];
        const char* escape = c == '\\'   ? "\\\\"
                             : c == '\n' ? "\\n"
                             : c == '\r' ? "\\r"
                             : c == '\t' ? "\\t"
                                         : nullptr;
        if (escape) {
            out.append(escape, 2);
            ++i;
            continue;
        }
        const Utf8Char ch = decodeUtf8(bytes, i);
        if (ch.length == 0 || isControl(ch.codePoint)) {
            // A C1 control is valid UTF-8 but two bytes long: escape both.
            const qsizetype n = ch.length == 0 ? 1 : ch.length;
            for (qsizetype k = 0; k < n; ++k)
                appendEscapedByte(out, quint8(bytes[i + k]));
            i += n;
            continue;
        }
        out.append(bytes.data() + i, ch.length);
        i += ch.length;
    }
}

bool isPrintableUtf8(QByteArrayView bytes) {
    qsizetype i = 0;
    while (i < bytes.size()) {
        const Utf8Char ch = decodeUtf8(bytes, i);
        if (ch.length == 0)
            return false;
        if (isLayoutControl(ch.codePoint) || (isControl(ch.codePoint) && ch.codePoint != '\n' &&
                                              ch.codePoint != '\r' && ch.codePoint != '\t'))
            return false;
        i += ch.length;
    }
    return true;
}

} // namespace sockscope
