#include "base/captureevent.h"

#include <QDateTime>
#include <QTimeZone>

#include <array>
#include <chrono>

namespace sockscope {

namespace {
constexpr std::array kKindNames{u"listen",     u"accept", u"connect", u"connected", u"data",
                                u"half-close", u"close",  u"error",   u"drop",      u"intercept",
                                u"tls",        u"wire",   u"rule"};
static_assert(kKindNames.size() == std::size_t(EventKind::Rule) + 1);
constexpr std::array kDirectionNames{u"", u"in", u"out"};
constexpr std::array kCloserNames{u"", u"local", u"peer"};
constexpr std::array kErrorCodeNames{u"",
                                     u"refused",
                                     u"reset",
                                     u"broken-pipe",
                                     u"timeout",
                                     u"unreachable",
                                     u"host-not-found",
                                     u"cancelled",
                                     u"in-use",
                                     u"privileged",
                                     u"access",
                                     u"address-not-available",
                                     u"bad-address",
                                     u"out-of-descriptors",
                                     u"listen-failed",
                                     u"accept-failed",
                                     u"poll-failed",
                                     u"socket-error",
                                     u"capture-failed",
                                     u"record-failed",
                                     u"file-read-failed",
                                     u"tls-failed",
                                     u"tls-config",
                                     u"other"};
static_assert(kErrorCodeNames.size() == std::size_t(ErrorCode::Other) + 1);

template <typename Enum, std::size_t N>
std::optional<Enum> lookup(const std::array<const char16_t*, N>& names, QStringView name) {
    for (std::size_t i = 0; i < N; ++i) {
        if (name == QStringView(names[i]))
            return static_cast<Enum>(i);
    }
    return std::nullopt;
}
} // namespace

EventBatch withPayloadPreviews(const EventBatch& events, qsizetype maxBytes) {
    EventBatch out = events; // shared until a payload is cut: bursts of accepts copy nothing
    for (qsizetype i = 0; i < events.size(); ++i) {
        // A payload that fits is shared, not copied: the window's rows then
        // cost nothing beyond the store, and a queued batch holds at most
        // maxBytes per event either way.
        const CaptureEvent& e = events[i];
        if (e.carriesPayload() && e.data.size() > maxBytes)
            out[i].data = QByteArray(e.data.constData(), maxBytes);
    }
    return out;
}

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

QString errorCodeName(ErrorCode code) {
    return QString::fromUtf16(kErrorCodeNames[static_cast<std::size_t>(code)]);
}
ErrorCode errorCodeFromName(QStringView name) {
    return lookup<ErrorCode>(kErrorCodeNames, name).value_or(ErrorCode::Other);
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
    // Strict form only: 2026-11-25T12:47:26.123456Z (27 characters). Parsed
    // by hand: QDateTime::fromString consults the local time zone on every
    // call, which made importing a million events take half a minute.
    if (text.size() != 27 || text[4] != u'-' || text[7] != u'-' || text[10] != u'T' ||
        text[13] != u':' || text[16] != u':' || text[19] != u'.' || text[26] != u'Z')
        return std::nullopt;
    // ASCII digits only: QChar::isDigit() also takes other scripts' digits,
    // which the writer would turn into different text. A non-digit makes the
    // field -1, which no check below lets through (QDate takes year -1, so
    // the year is checked on its own).
    auto number = [text](qsizetype from, qsizetype length) -> int {
        int value = 0;
        for (QChar c : text.sliced(from, length)) {
            if (c < u'0' || c > u'9')
                return -1;
            value = value * 10 + (c.unicode() - u'0');
        }
        return value;
    };
    const int year = number(0, 4);
    if (year < 1)
        return std::nullopt;
    const QDate date(year, number(5, 2), number(8, 2));
    const int hour = number(11, 2);
    const int minute = number(14, 2);
    const int second = number(17, 2);
    const int micros = number(20, 6);
    if (!date.isValid() || !QTime::isValid(hour, minute, second) || micros < 0)
        return std::nullopt;
    const qint64 seconds =
        date.startOfDay(QTimeZone::utc()).toSecsSinceEpoch() + hour * 3600 + minute * 60 + second;
    return seconds * 1000000 + micros;
}

qint64 currentTimeUs() {
    using namespace std::chrono;
    return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

} // namespace sockscope
