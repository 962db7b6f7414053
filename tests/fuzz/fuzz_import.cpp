// libFuzzer target: the session importer must reject any input cleanly,
// within its memory bounds, and never crash.
#include "formats/jsonlreader.h"

#include <QBuffer>
#include <QString>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    QByteArray bytes =
        QByteArray::fromRawData(reinterpret_cast<const char*>(data), qsizetype(size));
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::ReadOnly);
    QString error;
    const auto events = sockscope::readJsonlSession(buffer, &error);
    // Exactly one of the two outcomes: events, or an error that says why.
    if (events.has_value() == !error.isEmpty())
        __builtin_trap();
    return 0;
}
