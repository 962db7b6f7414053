#include "formats/csvwriter.h"

#include "base/payloadtext.h"
#include "formats/chunkwriter.h"
#include "formats/textencoding.h"

#include <QIODevice>

namespace sockscope {

namespace {
QString messageColumn(const CaptureEvent& e) {
    if (e.kind == EventKind::Listen)
        return e.responder;
    if (e.kind == EventKind::Rule)
        return e.message.isEmpty() ? e.responder : e.responder + QStringLiteral(": ") + e.message;
    return e.message;
}

constexpr char kHeaderRow[] = "\"seq\",\"ts\",\"event\",\"conn\",\"listener\",\"dir\",\"by\","
                              "\"local\",\"peer\",\"size\",\"data_hex\",\"data_text\",\"error\","
                              "\"message\",\"count\",\"backlog\",\"reset\",\"pair\"\r\n";

bool needsNeutralising(char first) {
    switch (first) {
    case '=':
    case '+':
    case '-':
    case '@':
    case '\t':
    case '\r':
    case '\'':
        return true;
    default:
        return false;
    }
}

// Builds each cell in a reused scratch buffer, then quotes it into the row.
class RowBuilder final {
public:
    explicit RowBuilder(QByteArray& out)
        : m_out(out) {}

    QByteArray& cell() {
        m_cell.resize(0);
        return m_cell;
    }

    void endCell(bool last = false) {
        m_out.append('"');
        if (!m_cell.isEmpty() && needsNeutralising(m_cell.front()))
            m_out.append('\'');
        qsizetype from = 0;
        for (qsizetype quote = m_cell.indexOf('"'); quote >= 0;
             quote = m_cell.indexOf('"', quote + 1)) {
            m_out.append(m_cell.constData() + from, quote + 1 - from);
            m_out.append('"');
            from = quote + 1;
        }
        m_out.append(m_cell.constData() + from, m_cell.size() - from);
        m_out.append(last ? "\"\r\n" : "\",", last ? 3 : 2);
    }

    // Zero means "not set" and leaves the cell empty unless always is set.
    void number(qint64 value, bool always = false, bool last = false) {
        QByteArray& c = cell();
        if (value != 0 || always)
            appendNumber(c, value);
        endCell(last);
    }

    void text(QStringView value, bool last = false) {
        cell().append(value.toUtf8());
        endCell(last);
    }

private:
    QByteArray& m_out;
    QByteArray m_cell;
};

} // namespace

bool writeCsvSession(const EventSource& events, QIODevice& device) {
    ChunkWriter writer(device);
    writer.append(kHeaderRow);
    RowBuilder row(writer.buffer());
    return events.forEachEvent([&](const CaptureEvent& e) {
        row.number(qint64(e.seq));
        appendTimestamp(row.cell(), e.timeUs);
        row.endCell();
        row.text(eventKindName(e.kind));
        row.number(e.conn);
        row.number(e.listener);
        row.text(directionName(e.dir));
        row.text(closerName(e.by));
        row.text(e.local.toString());
        row.text(e.kind == EventKind::Connect ? e.target : e.peer.toString());
        row.number(e.size, e.kind == EventKind::Data);
        appendHex(row.cell(), e.data);
        row.endCell();
        appendEscapedText(row.cell(), e.data);
        row.endCell();
        row.text(errorCodeName(e.error));
        // The format's documented place for a listener's responder, and
        // for the rule that answered (with why it stopped, if it did).
        row.text(messageColumn(e));
        row.number(e.count);
        row.number(e.backlog);
        row.text(e.reset ? QStringLiteral("true") : QString());
        row.number(e.pair, false, true);
        return writer.flushIfFull();
    }) && writer.flush();
}

} // namespace sockscope
