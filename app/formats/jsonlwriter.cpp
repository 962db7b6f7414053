#include "formats/jsonlwriter.h"

#include "base/version.h"
#include "formats/chunkwriter.h"
#include "formats/jsonlfields.h"
#include "formats/textencoding.h"
#include "formats/tlsjson.h"

#include <QJsonDocument>

#include <QIODevice>

namespace sockscope {

namespace {

void appendKey(QByteArray& out, const char* key) {
    out.append(",\"", 2);
    out.append(key);
    out.append("\":", 2);
}

void appendJsonChar(QByteArray& out, char c) {
    switch (c) {
    case '"':
        out.append("\\\"", 2);
        return;
    case '\\':
        out.append("\\\\", 2);
        return;
    case '\n':
        out.append("\\n", 2);
        return;
    case '\r':
        out.append("\\r", 2);
        return;
    case '\t':
        out.append("\\t", 2);
        return;
    default:
        break;
    }
    if (quint8(c) < 0x20) {
        constexpr char hex[] = "0123456789abcdef";
        const char escaped[] = {'\\', 'u', '0', '0', hex[quint8(c) >> 4], hex[c & 0xf]};
        out.append(escaped, sizeof escaped);
        return;
    }
    out.append(c); // UTF-8 continuation and lead bytes pass through unchanged
}

// Most fields are ASCII: those are escaped character by character without
// any conversion; non-ASCII runs go through toUtf8(). A lone UTF-16
// surrogate is no text, yet a JSON string may hold one ("\ud800") and the
// importer keeps it: it is written as that escape, since toUtf8() would make
// it '?' and the export would not read back as what was imported.
void appendJsonString(QByteArray& out, QStringView text) {
    out.append('"');
    qsizetype i = 0;
    while (i < text.size()) {
        if (text[i].unicode() < 0x80) {
            appendJsonChar(out, char(text[i].unicode()));
            ++i;
            continue;
        }
        qsizetype end = i;
        while (end < text.size() && text[end].unicode() >= 0x80) {
            if (text[end].isHighSurrogate() && end + 1 < text.size() &&
                text[end + 1].isLowSurrogate())
                end += 2;
            else if (text[end].isSurrogate())
                break;
            else
                ++end;
        }
        if (end > i) {
            out.append(text.sliced(i, end - i).toUtf8()); // no byte of it needs escaping
            i = end;
            continue;
        }
        constexpr char hex[] = "0123456789abcdef";
        const char16_t u = text[i].unicode();
        const char escaped[] = {
            '\\', 'u', hex[u >> 12], hex[(u >> 8) & 0xf], hex[(u >> 4) & 0xf], hex[u & 0xf]};
        out.append(escaped, sizeof escaped);
        ++i;
    }
    out.append('"');
}

void appendStringField(QByteArray& out, const char* key, QStringView value, bool required) {
    if (value.isEmpty() && !required)
        return;
    appendKey(out, key);
    appendJsonString(out, value);
}

void appendNumberField(QByteArray& out, const char* key, qint64 value, bool required) {
    if (value == 0 && !required)
        return;
    appendKey(out, key);
    appendNumber(out, value);
}

} // namespace

void appendJsonlLine(QByteArray& out, const CaptureEvent& e) {
    const JsonlRequired req = jsonlRequiredFields(e.kind);
    out.append("{\"ts\":\"", 7);
    appendTimestamp(out, e.timeUs);
    out.append('"');
    appendNumberField(out, "seq", qint64(e.seq), false);
    appendStringField(out, "event", eventKindName(e.kind), true);
    appendNumberField(out, "conn", e.conn, req.conn);
    appendNumberField(out, "listener", e.listener, req.listener);
    if (e.dir != Direction::None || req.dir)
        appendStringField(out, "dir", directionName(e.dir), true);
    if (e.by != Closer::None)
        appendStringField(out, "by", closerName(e.by), true);
    if (e.reset) {
        appendKey(out, "reset");
        out.append("true", 4);
    }
    appendStringField(out, "local", e.local.toString(), req.local);
    // A Connect's peer is the target as typed, which may be a host name.
    appendStringField(out, "peer", e.kind == EventKind::Connect ? e.target : e.peer.toString(),
                      req.peer);
    appendNumberField(out, "size", e.size, req.size);
    appendNumberField(out, "count", e.count, req.count);
    appendNumberField(out, "backlog", e.backlog, false);
    appendStringField(out, "error", errorCodeName(e.error), false);
    appendStringField(out, "message", e.message, req.message);
    appendStringField(out, "responder", e.responder, false);
    appendNumberField(out, "pair", e.pair, false);
    if (e.tls) {
        appendKey(out, "tls");
        out.append(QJsonDocument(tlsToJson(*e.tls)).toJson(QJsonDocument::Compact));
    }
    if (!e.data.isEmpty() || req.data) {
        appendKey(out, "data");
        out.append('"');
        out.append(e.data.toBase64());
        out.append('"');
    }
    out.append("}\n", 2);
}

QByteArray jsonlLine(const CaptureEvent& event) {
    QByteArray line;
    line.reserve(160 + event.data.size() * 4 / 3);
    appendJsonlLine(line, event);
    return line;
}

QByteArray jsonlHeaderLine(qint64 exportTimeUs) {
    QByteArray line = "{\"ts\":\"";
    appendTimestamp(line, exportTimeUs);
    line += "\",\"event\":\"header\",\"format\":\"";
    line += kJsonlFormatName;
    line += "\",\"version\":";
    appendNumber(line, kJsonlFormatVersion);
    line += ",\"generator\":\"SockScope " SOCKSCOPE_VERSION "\"}\n";
    return line;
}

bool writeJsonlSession(const EventSource& events, QIODevice& device, qint64 exportTimeUs) {
    ChunkWriter writer(device);
    writer.append(jsonlHeaderLine(exportTimeUs));
    return events.forEachEvent([&](const CaptureEvent& event) {
        appendJsonlLine(writer.buffer(), event);
        return writer.flushIfFull();
    }) && writer.flush();
}

} // namespace sockscope
