#include "models/byteformat.h"

#include <QLocale>

#include <bit>

namespace sockscope {

QString formatBytes(qint64 bytes) {
    // QLocale picks the unit before rounding, so 1023.96 KiB would read
    // "1,024.0 KiB": what rounds up to 1024 of a unit is shown as one of the
    // next, as it reads. Unsigned magnitude: negating the smallest qint64
    // would overflow.
    const quint64 magnitude = bytes < 0 ? 0 - quint64(bytes) : quint64(bytes);
    const int unitShift = magnitude == 0 ? 0 : (std::bit_width(magnitude) - 1) / 10 * 10;
    if (unitShift > 0 && unitShift < 60) {
        const quint64 tenths = (magnitude * 10 + (quint64(1) << (unitShift - 1))) >> unitShift;
        if (tenths >= 10240) {
            const auto next = qint64(quint64(1) << (unitShift + 10));
            bytes = bytes < 0 ? -next : next;
        }
    }
    return QLocale().formattedDataSize(bytes, 1);
}

} // namespace sockscope
