// libFuzzer target: hex typed or pasted by a person.
#include "base/payloadtext.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const QString text = QString::fromUtf8(reinterpret_cast<const char*>(data), qsizetype(size));
    QString error;
    const auto bytes = sockscope::parseHexInput(text, &error);
    if (!bytes && error.isEmpty())
        __builtin_trap(); // a refusal must say why
    if (bytes && bytes->size() > text.size() / 2)
        __builtin_trap(); // two digits per byte at least
    QString escapeError;
    sockscope::unescapeText(text, &escapeError);
    return 0;
}
