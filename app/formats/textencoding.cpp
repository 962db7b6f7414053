#include "formats/textencoding.h"

#include "base/captureevent.h"

#include <array>
#include <charconv>

namespace sockscope {

namespace {

constexpr char kHexDigits[] = "0123456789abcdef";

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

} // namespace sockscope
