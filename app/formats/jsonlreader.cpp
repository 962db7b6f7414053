#include "formats/jsonlreader.h"

#include "capture/capturestore.h"
#include "formats/jsonlfields.h"
#include "formats/jsonlwriter.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <limits>

namespace sockscope {

namespace {

constexpr qsizetype kReadChunk = 1 << 20;
constexpr qint64 kMaxInt = std::numeric_limits<int>::max();
constexpr qint64 kMaxInt64 = std::numeric_limits<qint64>::max();

// Splits the device into lines without trusting it: a line counts only once
// its '\n' has been read, and no line may grow past the limit.
class LineReader final {
public:
    enum class Status { Line, End, Truncated, TooLong, FileTooBig, ReadFailed };

    explicit LineReader(QIODevice& device)
        : m_device(device) {}

    // The view stays valid until the next call.
    Status next(QByteArrayView* line) {
        for (;;) {
            const qsizetype end = m_buffer.indexOf('\n', m_start + m_scanned);
            if (end - m_start > kMaxJsonlLineBytes ||
                (end < 0 && m_buffer.size() - m_start > kMaxJsonlLineBytes))
                return Status::TooLong;
            if (end >= 0) {
                *line = QByteArrayView(m_buffer).sliced(m_start, end - m_start);
                m_start = end + 1;
                m_scanned = 0;
                return Status::Line;
            }
            m_scanned = m_buffer.size() - m_start;
            m_buffer.remove(0, m_start);
            m_start = 0;
            const qsizetype old = m_buffer.size();
            m_buffer.resize(old + kReadChunk);
            const qint64 got = m_device.read(m_buffer.data() + old, kReadChunk);
            m_buffer.resize(old + std::max<qint64>(got, 0));
            if (got < 0)
                return Status::ReadFailed;
            if (got == 0)
                return m_buffer.isEmpty() ? Status::End : Status::Truncated;
            m_total += got;
            if (m_total > kMaxJsonlFileBytes)
                return Status::FileTooBig;
        }
    }

private:
    QIODevice& m_device;
    QByteArray m_buffer;
    qsizetype m_start = 0;   // first byte of the current line
    qsizetype m_scanned = 0; // bytes after m_start known to hold no '\n'
    qint64 m_total = 0;
};

// Only the canonical form: padded, and no stray bits in the last group.
bool isCanonicalBase64(const QByteArray& encoded, const QByteArray& decoded) {
    if (encoded.size() % 4 != 0)
        return false;
    if (decoded.isEmpty())
        return encoded.isEmpty();
    const qsizetype lastGroup = decoded.size() % 3 == 0 ? 3 : decoded.size() % 3;
    return decoded.right(lastGroup).toBase64() == encoded.right(4);
}

// parseTimestampUs() takes microseconds per call (it goes through local time),
// and sessions hold many events per second: the date and time part is
// therefore parsed once per distinct second, the fraction by hand.
class TimestampParser final {
public:
    std::optional<qint64> parse(QStringView text) {
        if (text.size() != 27 || text[19] != u'.' || text[26] != u'Z')
            return std::nullopt;
        qint64 micros = 0;
        for (const QChar c : text.sliced(20, 6)) {
            if (c < u'0' || c > u'9')
                return std::nullopt;
            micros = micros * 10 + (c.unicode() - u'0');
        }
        const QStringView prefix = text.first(19);
        if (prefix != m_prefix) {
            const std::optional<qint64> second =
                parseTimestampUs(prefix.toString() + QStringLiteral(".000000Z"));
            if (!second)
                return std::nullopt;
            m_prefix = prefix.toString();
            m_secondUs = *second;
        }
        return m_secondUs + micros;
    }

private:
    QString m_prefix;
    qint64 m_secondUs = 0;
};

// Field access that records the first problem; every getter leaves the
// output untouched when the field is absent and optional.
class Fields final {
public:
    Fields(const QJsonObject& object, TimestampParser& timestamps)
        : m_object(object)
        , m_timestamps(timestamps) {}

    const QString& problem() const { return m_problem; }
    bool ok() const { return m_problem.isEmpty(); }

    bool has(QLatin1StringView key) const { return m_object.contains(key); }

    template <typename Int>
    void integer(QLatin1StringView key, bool required, qint64 max, Int* out) {
        const QJsonValue value = m_object.value(key);
        if (absent(key, value, required))
            return;
        const qint64 n = value.toInteger(-1);
        if (!value.isDouble() || n < 0 || n > max) {
            fail(QStringLiteral("'%1' must be an integer from 0 to %2").arg(key).arg(max));
            return;
        }
        *out = Int(n);
    }

    void string(QLatin1StringView key, bool required, QString* out) {
        const QJsonValue value = m_object.value(key);
        if (absent(key, value, required))
            return;
        if (!value.isString()) {
            fail(QStringLiteral("'%1' must be a string").arg(key));
            return;
        }
        *out = value.toString();
    }

    template <typename Enum>
    void name(QLatin1StringView key, bool required, std::optional<Enum> (*parse)(QStringView),
              const char* allowed, Enum* out) {
        QString text;
        string(key, required, &text);
        if (!ok() || !has(key))
            return;
        const std::optional<Enum> value = parse(text);
        if (!value || text.isEmpty()) {
            fail(QStringLiteral("'%1' must be %2, not \"%3\"")
                     .arg(key, QLatin1StringView(allowed), text.left(40)));
            return;
        }
        *out = *value;
    }

    void timestamp(qint64* out) {
        QString text;
        string(QLatin1StringView("ts"), true, &text);
        if (!ok())
            return;
        const std::optional<qint64> us = m_timestamps.parse(text);
        if (!us) {
            fail(QStringLiteral("'ts' must look like 2026-11-25T12:47:26.123456Z, not \"%1\"")
                     .arg(text.left(40)));
            return;
        }
        *out = *us;
    }

    void base64(QLatin1StringView key, bool required, QByteArray* out) {
        QString text;
        string(key, required, &text);
        if (!ok() || !has(key))
            return;
        const QByteArray encoded = text.toLatin1();
        auto decoded =
            QByteArray::fromBase64Encoding(encoded, QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded || !isCanonicalBase64(encoded, decoded.decoded)) {
            fail(QStringLiteral("'%1' is not valid base64").arg(key));
            return;
        }
        *out = std::move(decoded.decoded);
    }

    void fail(const QString& problem) {
        if (m_problem.isEmpty())
            m_problem = problem;
    }

private:
    bool absent(QLatin1StringView key, const QJsonValue& value, bool required) {
        if (!ok())
            return true;
        if (!value.isUndefined())
            return false;
        if (required)
            fail(QStringLiteral("missing '%1'").arg(key));
        return true;
    }

    const QJsonObject& m_object;
    TimestampParser& m_timestamps;
    QString m_problem;
};

using namespace Qt::StringLiterals;

std::optional<QJsonObject> parseObject(QByteArrayView line, QString* problem) {
    QJsonParseError parseError;
    const QJsonDocument doc =
        QJsonDocument::fromJson(QByteArray::fromRawData(line.data(), line.size()), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *problem = QStringLiteral("not valid JSON (%1 at column %2)")
                       .arg(parseError.errorString())
                       .arg(parseError.offset + 1);
        return std::nullopt;
    }
    if (!doc.isObject()) {
        *problem = QStringLiteral("not a JSON object");
        return std::nullopt;
    }
    return doc.object();
}

bool checkHeader(const QJsonObject& object, TimestampParser& timestamps, QString* problem) {
    Fields f(object, timestamps);
    QString event;
    QString format;
    qint64 version = 0;
    qint64 ts = 0;
    f.string("event"_L1, false, &event);
    f.string("format"_L1, false, &format);
    if (event != "header"_L1 || format != QLatin1StringView(kJsonlFormatName)) {
        *problem = QStringLiteral("not a SockScope session: the first line must be the "
                                  "\"sockscope-session\" header");
        return false;
    }
    f.integer("version"_L1, true, kMaxInt64, &version);
    f.timestamp(&ts);
    if (f.ok() && version != kJsonlFormatVersion) {
        f.fail(QStringLiteral("unsupported format version %1 (this SockScope reads version %2)")
                   .arg(version)
                   .arg(kJsonlFormatVersion));
    }
    *problem = f.problem();
    return f.ok();
}

std::optional<CaptureEvent> parseEvent(const QJsonObject& object, TimestampParser& timestamps,
                                       QString* problem) {
    Fields f(object, timestamps);
    CaptureEvent e;
    QString event;
    f.timestamp(&e.timeUs);
    f.string("event"_L1, true, &event);
    const std::optional<EventKind> kind = eventKindFromName(event);
    if (f.ok() && !kind)
        f.fail(QStringLiteral("unknown event \"%1\"").arg(event.left(40)));
    if (!f.ok()) {
        *problem = f.problem();
        return std::nullopt;
    }
    e.kind = *kind;
    const JsonlRequired req = jsonlRequiredFields(e.kind);
    f.integer("seq"_L1, false, kMaxInt64, &e.seq);
    f.integer("conn"_L1, req.conn, kMaxInt, &e.conn);
    f.integer("listener"_L1, req.listener, kMaxInt, &e.listener);
    f.name("dir"_L1, req.dir, &directionFromName, "\"in\" or \"out\"", &e.dir);
    f.name("by"_L1, false, &closerFromName, "\"local\" or \"peer\"", &e.by);
    f.string("local"_L1, req.local, &e.local);
    f.string("peer"_L1, req.peer, &e.peer);
    f.integer("size"_L1, req.size, kMaxInt64, &e.size);
    f.integer("count"_L1, req.count, kMaxInt64, &e.count);
    f.integer("backlog"_L1, false, kMaxInt, &e.backlog);
    f.string("error"_L1, false, &e.error);
    if (e.kind == EventKind::Listen)
        f.string("responder"_L1, false, &e.message);
    else
        f.string("message"_L1, req.message, &e.message);
    f.base64("data"_L1, req.data, &e.data);
    if (f.ok() && e.kind == EventKind::Data && e.size != e.data.size()) {
        f.fail(QStringLiteral("'size' is %1 but 'data' holds %2 bytes")
                   .arg(e.size)
                   .arg(e.data.size()));
    }
    *problem = f.problem();
    if (!f.ok())
        return std::nullopt;
    return e;
}

QString lineProblem(qint64 line, const QString& problem) {
    return QStringLiteral("line %1: %2").arg(line).arg(problem);
}

} // namespace

std::optional<EventBatch> readJsonlSession(QIODevice& device, QString* error) {
    if (!device.isSequential() && device.size() > kMaxJsonlFileBytes) {
        *error = QStringLiteral("the file is %1 MiB; SockScope reads sessions of up to %2 MiB")
                     .arg(device.size() >> 20)
                     .arg(kMaxJsonlFileBytes >> 20);
        return std::nullopt;
    }
    LineReader reader(device);
    TimestampParser timestamps;
    EventBatch events;
    qint64 cost = 0;
    for (qint64 number = 1;; ++number) {
        QByteArrayView line;
        QString problem;
        switch (reader.next(&line)) {
        case LineReader::Status::Line:
            break;
        case LineReader::Status::End:
            if (number > 1)
                return events;
            *error = QStringLiteral("the file is empty, not a SockScope session");
            return std::nullopt;
        case LineReader::Status::Truncated:
            *error = lineProblem(number, u"truncated: the file ends in the middle of a line"_s);
            return std::nullopt;
        case LineReader::Status::TooLong:
            *error = lineProblem(
                number,
                QStringLiteral("longer than %1 MiB, refused").arg(kMaxJsonlLineBytes >> 20));
            return std::nullopt;
        case LineReader::Status::FileTooBig:
            *error = lineProblem(
                number,
                QStringLiteral("the file exceeds %1 MiB, refused").arg(kMaxJsonlFileBytes >> 20));
            return std::nullopt;
        case LineReader::Status::ReadFailed:
            *error = lineProblem(number, u"cannot read: "_s + device.errorString());
            return std::nullopt;
        }
        const std::optional<QJsonObject> object = parseObject(line, &problem);
        if (object && number == 1 && checkHeader(*object, timestamps, &problem))
            continue;
        std::optional<CaptureEvent> event;
        if (object && number > 1)
            event = parseEvent(*object, timestamps, &problem);
        if (!event) {
            *error = lineProblem(number, problem);
            return std::nullopt;
        }
        cost += CaptureStore::kEventOverhead + event->data.size();
        if (cost > kMaxJsonlImportCost) {
            *error = lineProblem(number, QStringLiteral("the session needs more than %1 MiB of "
                                                        "memory, refused")
                                             .arg(kMaxJsonlImportCost >> 20));
            return std::nullopt;
        }
        events.append(std::move(*event));
    }
}

std::optional<EventBatch> readJsonlSession(const QString& path, QString* error) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot open '%1': %2").arg(path, file.errorString());
        return std::nullopt;
    }
    return readJsonlSession(file, error);
}

} // namespace sockscope
