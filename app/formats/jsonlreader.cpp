#include "formats/jsonlreader.h"

#include "capture/capturestore.h"
#include "formats/jsonlfields.h"
#include "formats/jsonlwriter.h"
#include "formats/tlsjson.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <algorithm>
#include <array>
#include <limits>
#include <memory>
#include <string_view>
#include <unordered_map>

namespace sockscope {

namespace {

constexpr qsizetype kReadChunk = 1 << 20;
constexpr qint64 kMaxInt = std::numeric_limits<int>::max();
constexpr qint64 kMaxInt64 = std::numeric_limits<qint64>::max();

// Splits the device into lines without trusting it: a line counts only once
// its '\n' has been read, and no line may grow past the limit.
class LineReader final {
public:
    enum class Status { Line, End, Truncated, TooLong, ReadFailed };

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
                m_lineOffset = m_bufferOffset + m_start;
                m_start = end + 1;
                m_scanned = 0;
                return Status::Line;
            }
            m_scanned = m_buffer.size() - m_start;
            m_buffer.remove(0, m_start);
            m_bufferOffset += m_start;
            m_start = 0;
            const qsizetype old = m_buffer.size();
            m_buffer.resize(old + kReadChunk);
            const qint64 got = m_device.read(m_buffer.data() + old, kReadChunk);
            m_buffer.resize(old + std::max<qint64>(got, 0));
            if (got < 0)
                return Status::ReadFailed;
            if (got == 0)
                return m_buffer.isEmpty() ? Status::End : Status::Truncated;
        }
    }

    // Where the last line returned starts in the device.
    qint64 lineOffset() const { return m_lineOffset; }
    qint64 restOffset() const { return m_bufferOffset + m_start; }
    // After Truncated: the bytes after the last '\n'.
    QByteArrayView rest() const { return QByteArrayView(m_buffer).sliced(m_start); }

private:
    QIODevice& m_device;
    QByteArray m_buffer;
    qsizetype m_start = 0;     // first byte of the current line
    qsizetype m_scanned = 0;   // bytes after m_start known to hold no '\n'
    qint64 m_bufferOffset = 0; // the device offset of m_buffer[0]
    qint64 m_lineOffset = 0;
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

// Sessions hold many events per second, so the date and time part, which
// parseTimestampUs() checks field by field (a real day, a real hour), is
// parsed once per distinct second and only the fraction for every event.
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

    void boolean(QLatin1StringView key, bool required, bool* out) {
        const QJsonValue value = m_object.value(key);
        if (absent(key, value, required))
            return;
        if (!value.isBool()) {
            fail(QStringLiteral("'%1' must be true or false").arg(key));
            return;
        }
        *out = value.toBool();
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

    // "ADDR:PORT"; an empty string is no address (the socket was gone).
    void address(QLatin1StringView key, bool required, SocketAddress* out) {
        QString text;
        string(key, required, &text);
        if (!ok() || text.isEmpty())
            return;
        const std::optional<SocketAddress> address = SocketAddress::fromString(text);
        if (!address) {
            fail(QStringLiteral("'%1' must be ADDR:PORT like 127.0.0.1:80 or [::1]:80, not "
                                "\"%2\"")
                     .arg(key, text.left(60)));
            return;
        }
        *out = *address;
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
    if (f.ok() && (version < 1 || version > kJsonlFormatVersion)) {
        f.fail(QStringLiteral("unsupported format version %1 (this SockScope reads versions 1 "
                              "to %2)")
                   .arg(version)
                   .arg(kJsonlFormatVersion));
    }
    *problem = f.problem();
    return f.ok();
}

// payloadInFile: the data field was blanked out and is checked by the caller.
std::optional<CaptureEvent> parseEvent(const QJsonObject& object, TimestampParser& timestamps,
                                       bool payloadInFile, QString* problem) {
    Fields f(object, timestamps);
    CaptureEvent e;
    QString event;
    f.timestamp(&e.timeUs);
    f.string("event"_L1, true, &event);
    const std::optional<EventKind> kind = eventKindFromName(event);
    // Intercept events are live only; version 1 has none.
    if (f.ok() && (!kind || *kind == EventKind::Intercept))
        f.fail(QStringLiteral("unknown event \"%1\"").arg(event.left(40)));
    if (!f.ok()) {
        *problem = f.problem();
        return std::nullopt;
    }
    e.kind = *kind;
    const JsonlRequired req = jsonlRequiredFields(e.kind);
    f.integer("seq"_L1, false, kMaxInt64, &e.seq);
    // One below the int's top: the capture store keys a connection's TLS
    // records below every id, and the top one would meet its "every
    // connection" key.
    f.integer("conn"_L1, req.conn, kMaxInt - 1, &e.conn);
    f.integer("listener"_L1, req.listener, kMaxInt, &e.listener);
    f.name("dir"_L1, req.dir, &directionFromName, "\"in\" or \"out\"", &e.dir);
    f.name("by"_L1, false, &closerFromName, "\"local\" or \"peer\"", &e.by);
    f.boolean("reset"_L1, false, &e.reset);
    f.address("local"_L1, req.local, &e.local);
    if (e.kind == EventKind::Connect)
        f.string("peer"_L1, req.peer, &e.target); // as typed: may be a host name
    else
        f.address("peer"_L1, req.peer, &e.peer);
    f.integer("size"_L1, req.size, kMaxInt64, &e.size);
    f.integer("count"_L1, req.count, kMaxInt64, &e.count);
    f.integer("backlog"_L1, false, kMaxInt, &e.backlog);
    QString error;
    f.string("error"_L1, false, &error);
    if (!error.isEmpty())
        e.error = errorCodeFromName(error);
    f.string("message"_L1, req.message, &e.message);
    f.string("responder"_L1, false, &e.responder);
    f.integer("pair"_L1, false, kMaxInt, &e.pair);
    f.base64("data"_L1, req.data, &e.data);
    if (const QJsonValue tls = object.value("tls"_L1); f.ok() && !tls.isUndefined()) {
        QString tlsProblem;
        std::optional<TlsSummary> summary =
            tls.isObject() ? tlsFromJson(tls.toObject(), &tlsProblem) : std::nullopt;
        if (!summary) {
            *problem = tls.isObject() ? tlsProblem : QStringLiteral("'tls' must be an object");
            return std::nullopt;
        }
        e.tls = std::make_shared<const TlsSummary>(std::move(*summary));
    }
    if (f.ok() && e.carriesPayload() && !payloadInFile && e.size != e.data.size()) {
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

// Where a line's base64 payload lies, so that an import can leave it in the
// file: the value of the first "data" key. In valid JSON that byte pattern
// can only be the key itself (a quote inside a string is escaped), and the
// rest of the line is still checked as JSON with the value blanked out.
struct PayloadSpan {
    qsizetype start = -1; // in the line; -1: no data field
    qsizetype length = 0;
};

PayloadSpan findPayloadSpan(QByteArrayView line) {
    static constexpr QByteArrayView kKey = "\"data\"";
    // JSON allows whitespace around the colon ("data":\t"QQ=="): a span
    // missed there left an import's payload neither in the file nor in
    // memory (found by fuzz_export).
    const auto skipSpace = [&line](qsizetype at) {
        while (at < line.size() && (line[at] == ' ' || line[at] == '\t' || line[at] == '\r'))
            ++at;
        return at;
    };
    for (qsizetype key = line.indexOf(kKey); key >= 0; key = line.indexOf(kKey, key + 1)) {
        qsizetype at = skipSpace(key + kKey.size());
        if (at >= line.size() || line[at] != ':')
            continue;
        at = skipSpace(at + 1);
        if (at >= line.size() || line[at] != '"')
            continue;
        const qsizetype start = at + 1;
        const qsizetype end = line.indexOf('"', start);
        if (end < 0)
            return {};
        return {start, end - start};
    }
    return {};
}

// A table, not comparisons: an import checks every character of every
// payload, several GiB of them.
constexpr std::array<bool, 256> kBase64Chars = [] {
    std::array<bool, 256> table{};
    for (const char c :
         std::string_view("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"))
        table[quint8(c)] = true;
    return table;
}();

// The decoded size of canonical base64 text, checked without decoding it
// all: only the last group is decoded, to refuse stray bits.
std::optional<qint64> canonicalBase64Size(QByteArrayView text) {
    if (text.size() % 4 != 0)
        return std::nullopt;
    if (text.isEmpty())
        return 0;
    const qsizetype pads = text.endsWith("==") ? 2 : text.endsWith('=') ? 1 : 0;
    for (qsizetype i = 0; i < text.size() - pads; ++i) {
        if (!kBase64Chars[quint8(text[i])])
            return std::nullopt;
    }
    const QByteArray last = text.last(4).toByteArray();
    auto decoded = QByteArray::fromBase64Encoding(last, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || !isCanonicalBase64(last, decoded.decoded))
        return std::nullopt;
    return text.size() / 4 * 3 - pads;
}

// The store finds a connection's chunk by its seq (a binary search), so
// each chunk of a connection needs its own, in order. All three rules were
// found by fuzz_storefile.
class SeqOrder final {
public:
    // False, with the problem, for data whose seq goes back on its connection.
    bool place(CaptureEvent& event, QString* problem) {
        if (event.carriesPayload()) {
            // A connection's records are a stream of their own.
            quint64& last =
                (event.kind == EventKind::Wire ? m_lastWireSeq : m_lastDataSeq)[event.conn];
            // None (a hand-written file; the store reads seq 0 as "no chunk")
            // or the one before again (the second chunk showed the first's
            // bytes): the next after the highest so far.
            if (event.seq == 0 || event.seq == last)
                event.seq = m_highest + 1;
            // Going back: the chunk was left out of every export.
            if (event.seq < last) {
                *problem = QStringLiteral("'seq' %1 comes after %2 on connection %3: a "
                                          "connection's data must be in seq order")
                               .arg(event.seq)
                               .arg(last)
                               .arg(event.conn);
                return false;
            }
            last = event.seq;
        }
        m_highest = std::max(m_highest, event.seq);
        return true;
    }

private:
    std::unordered_map<int, quint64> m_lastDataSeq;
    std::unordered_map<int, quint64> m_lastWireSeq;
    quint64 m_highest = 0;
};

// Reads every line; for each event calls onEvent(event, payloadOffset).
// With keepPayloadInFile, a Data event's payload is not decoded: data stays
// empty and payloadOffset is where its base64 starts in the device.
template <typename OnEvent>
bool readSession(QIODevice& device, bool keepPayloadInFile, OnEvent onEvent, QString* error,
                 qint64* ignoredTail) {
    LineReader reader(device);
    TimestampParser timestamps;
    SeqOrder seqs;
    qint64 held = 0; // what the events keep in memory besides payload: texts, TLS details
    for (qint64 number = 1;; ++number) {
        QByteArrayView line;
        QString problem;
        bool lastLine = false;
        switch (reader.next(&line)) {
        case LineReader::Status::Line:
            break;
        case LineReader::Status::End:
            if (number > 1)
                return true;
            *error = QStringLiteral("the file is empty, not a SockScope session");
            return false;
        case LineReader::Status::Truncated:
            // A recording cut by a crash: a line that is whole but for its
            // '\n' still counts, a partial one is ignored and reported.
            line = reader.rest();
            lastLine = true;
            break;
        case LineReader::Status::TooLong:
            *error = lineProblem(
                number,
                QStringLiteral("longer than %1 MiB, refused").arg(kMaxJsonlLineBytes >> 20));
            return false;
        case LineReader::Status::ReadFailed:
            *error = lineProblem(number, u"cannot read: "_s + device.errorString());
            return false;
        }
        PayloadSpan span;
        QByteArray blanked;
        QByteArrayView parsed = line;
        // Both readers blank the payload out and check it the same way, so a
        // line that one of them takes the other takes too (a second "data"
        // key, which JSON parsing would let win, is refused by both; found
        // by fuzz_storefile).
        if ((span = findPayloadSpan(line)).start >= 0) {
            blanked = line.first(span.start).toByteArray();
            blanked += line.sliced(span.start + span.length);
            parsed = blanked;
        }
        const std::optional<QJsonObject> object = parseObject(parsed, &problem);
        std::optional<CaptureEvent> event;
        if (object && number == 1 && checkHeader(*object, timestamps, &problem)) {
            if (lastLine)
                return true;
            continue;
        }
        if (object && number > 1)
            event = parseEvent(*object, timestamps, span.start >= 0, &problem);
        if (event && span.start >= 0) {
            // The blanked value must have been the data field, and valid.
            const std::optional<qint64> size =
                canonicalBase64Size(line.sliced(span.start, span.length));
            if (!event->data.isEmpty() || !object->value("data"_L1).isString())
                problem = QStringLiteral("'data' appears more than once");
            else if (!size)
                problem = QStringLiteral("'data' is not valid base64");
            else if (event->carriesPayload() && *size != event->size)
                problem = QStringLiteral("'size' is %1 but 'data' holds %2 bytes")
                              .arg(event->size)
                              .arg(*size);
            if (!problem.isEmpty())
                event.reset();
            else if (!keepPayloadInFile)
                event->data =
                    QByteArray::fromBase64(line.sliced(span.start, span.length).toByteArray());
        }
        if (event && !seqs.place(*event, &problem))
            event.reset();
        if (event) {
            held +=
                qint64(event->message.size() + event->target.size() + event->responder.size()) * 2 +
                (event->tls ? heldBytes(*event->tls) : 0);
            if (held > kMaxJsonlHeldBytes) {
                problem = QStringLiteral("the events' texts and TLS details need more than %1 MiB "
                                         "of memory, refused")
                              .arg(kMaxJsonlHeldBytes >> 20);
                event.reset();
            }
        }
        if (!event) {
            if (lastLine && number > 1) {
                *ignoredTail = line.size();
                return true;
            }
            *error = lineProblem(number, problem);
            return false;
        }
        const qint64 payloadOffset = span.start >= 0 ? reader.lineOffset() + span.start : -1;
        if (!onEvent(std::move(*event), lastLine ? reader.restOffset() + span.start : payloadOffset,
                     number, error))
            return false;
        if (lastLine)
            return true;
    }
}

} // namespace

std::optional<EventBatch> readJsonlSession(QIODevice& device, QString* error,
                                           qint64* ignoredTailBytes) {
    EventBatch events;
    qint64 cost = 0;
    qint64 ignored = 0;
    const auto keep = [&](CaptureEvent&& event, qint64, qint64 number, QString* problem) {
        cost += CaptureStore::kEventOverhead + event.data.size();
        if (cost > kMaxJsonlImportCost) {
            *problem = lineProblem(number, QStringLiteral("the session needs more than %1 MiB of "
                                                          "memory, refused")
                                               .arg(kMaxJsonlImportCost >> 20));
            return false;
        }
        events.append(std::move(event));
        return true;
    };
    if (!readSession(device, false, keep, error, &ignored))
        return std::nullopt;
    if (ignoredTailBytes)
        *ignoredTailBytes = ignored;
    return events;
}

std::optional<EventBatch> readJsonlSession(const QString& path, QString* error,
                                           qint64* ignoredTailBytes) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot open '%1': %2").arg(path, file.errorString());
        return std::nullopt;
    }
    return readJsonlSession(file, error, ignoredTailBytes);
}

QString partialTailNote(qint64 ignoredTailBytes) {
    return QStringLiteral("the last %1 bytes of the file, a partial line as a crash leaves it, "
                          "were ignored; every complete event was read")
        .arg(ignoredTailBytes);
}

std::unique_ptr<CaptureStore> importJsonlSession(const QString& path, QString* error,
                                                 qint64* ignoredTailBytes) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot open '%1': %2").arg(path, file.errorString());
        return nullptr;
    }
    std::optional<PayloadFile> payloads =
        PayloadFile::openForReading(path, PayloadFile::Encoding::Base64, error);
    if (!payloads)
        return nullptr;
    auto store = std::make_unique<CaptureStore>(std::move(*payloads), kMaxInt64);
    qint64 events = 0;
    const auto index = [&](CaptureEvent&& event, qint64 payloadOffset, qint64 number,
                           QString* problem) {
        if (++events > kMaxJsonlImportEvents) {
            *problem = lineProblem(
                number, QStringLiteral("more than %1 events, refused").arg(kMaxJsonlImportEvents));
            return false;
        }
        if (event.carriesPayload())
            store->appendIndexed(event, payloadOffset);
        else
            store->append(event);
        return true;
    };
    qint64 ignored = 0;
    if (!readSession(file, true, index, error, &ignored))
        return nullptr;
    if (ignoredTailBytes)
        *ignoredTailBytes = ignored;
    return store;
}

} // namespace sockscope
