// libFuzzer target: what the window shows of arbitrary peer bytes must be
// one line, bounded, and free of control and bidi characters.
#include "base/payloadtext.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const QByteArrayView bytes(reinterpret_cast<const char*>(data), qsizetype(size));
    const QString preview = sockscope::escapedPreview(bytes, 64);
    for (QChar c : preview) {
        const char16_t u = c.unicode();
        if (u < 0x20 || u == 0x7f || (u >= 0x80 && u < 0xa0) || (u >= 0x202a && u <= 0x202e) ||
            (u >= 0x2066 && u <= 0x2069))
            __builtin_trap();
    }
    if (preview.size() > 64 + 32)
        __builtin_trap();
    sockscope::hexDump(bytes, 4096);
    return 0;
}
