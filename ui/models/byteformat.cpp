#include "models/byteformat.h"

#include <array>

namespace sockscope {

QString formatBytes(qint64 bytes) {
    // Unsigned magnitude: negating the smallest qint64 would overflow.
    const QString sign = bytes < 0 ? QStringLiteral("-") : QString();
    const quint64 magnitude = bytes < 0 ? 0 - quint64(bytes) : quint64(bytes);
    if (magnitude < 1024)
        return sign + QString::number(magnitude) + QStringLiteral(" B");
    static constexpr std::array kUnits{u"KiB", u"MiB", u"GiB", u"TiB", u"PiB", u"EiB"};
    double value = double(magnitude) / 1024;
    std::size_t unit = 0;
    // Round first so that 1023.96 KiB is shown as "1.0 MiB", not "1024.0 KiB".
    while (unit + 1 < kUnits.size() && value >= 1023.95) {
        value /= 1024;
        ++unit;
    }
    return sign + QString::number(value, 'f', 1) + u' ' + QString::fromUtf16(kUnits[unit]);
}

} // namespace sockscope
