#include "capture/captureevent.h"

#include <QDateTime>
#include <QTimeZone>

#include <array>
#include <chrono>

namespace sockscope {

namespace {
constexpr std::array kKindNames{u"listen",     u"accept", u"connect", u"connected", u"data",
                                u"half-close", u"close",  u"error",   u"drop"};
constexpr std::array kDirectionNames{u"", u"in", u"out"};
constexpr std::array kCloserNames{u"", u"local", u"peer"};

template <typename Enum, std::size_t N>
std::optional<Enum> lookup(const std::array<const char16_t*, N>& names, QStringView name) {
    for (std::size_t i = 0; i < N; ++i) {
        if (name == QStringView(names[i]))
            return static_cast<Enum>(i);
    }
    return std::nullopt;
}
} // namespace

QString eventKindName(EventKind kind) {
    return QString::fromUtf16(kKindNames[static_cast<std::size_t>(kind)]);
}
std::optional<EventKind> eventKindFromName(QStringView name) {
    return lookup<EventKind>(kKindNames, name);
}
QString directionName(Direction dir) {
    return QString::fromUtf16(kDirectionNames[static_cast<std::size_t>(dir)]);
}
std::optional<Direction> directionFromName(QStringView name) {
    return lookup<Direction>(kDirectionNames, name);
}
QString closerName(Closer by) {
    return QString::fromUtf16(kCloserNames[static_cast<std::size_t>(by)]);
}
std::optional<Closer> closerFromName(QStringView name) {
    return lookup<Closer>(kCloserNames, name);
}

QString formatTimestampUs(qint64 timeUs) {
    // Floor division keeps pre-1970 values (only seen in hostile imports) well formed.
    qint64 ms = timeUs / 1000;
    qint64 micros = timeUs % 1000;
    if (micros < 0) {
        micros += 1000;
        ms -= 1;
    }
    const QDateTime dt = QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc());
    return dt.toString(u"yyyy-MM-ddTHH:mm:ss.zzz") +
           QString::number(micros).rightJustified(3, u'0') + u'Z';
}

std::optional<qint64> parseTimestampUs(QStringView text) {
    // Strict form only: 2026-11-25T12:47:26.123456Z (27 characters).
    if (text.size() != 27 || text[19] != u'.' || text[26] != u'Z')
        return std::nullopt;
    QDateTime dt = QDateTime::fromString(text.first(19).toString(), u"yyyy-MM-ddTHH:mm:ss");
    if (!dt.isValid())
        return std::nullopt;
    dt.setTimeZone(QTimeZone::utc());
    bool ok = false;
    const qint64 micros = text.sliced(20, 6).toLongLong(&ok);
    if (!ok || micros < 0)
        return std::nullopt;
    return dt.toMSecsSinceEpoch() * 1000 + micros;
}

qint64 currentTimeUs() {
    using namespace std::chrono;
    return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

} // namespace sockscope
