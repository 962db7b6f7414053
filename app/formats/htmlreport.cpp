#include "formats/htmlreport.h"

#include "base/connectionending.h"
#include "base/payloadtext.h"
#include "base/version.h"
#include "formats/chunkwriter.h"
#include "formats/sessionsummary.h"

#include <QHash>
#include <QIODevice>

namespace sockscope {

namespace {

constexpr char kHead[] = R"(<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="color-scheme" content="light dark">
<title>SockScope session report</title>
<style>
:root { --bg: #ffffff; --fg: #1d1d1f; --muted: #6b6b70; --line: #d8d8dc;
  --in-bg: #e9f1ff; --in-edge: #2f6fde; --out-bg: #fdeee4; --out-edge: #d05a10;
  --bad: #b3261e; --head-bg: #f3f3f5; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #1c1c1e; --fg: #e8e8ea; --muted: #9c9ca3; --line: #3a3a3e;
    --in-bg: #1a2940; --in-edge: #78a6ff; --out-bg: #3a2416; --out-edge: #ff9a5c;
    --bad: #ff8a80; --head-bg: #2a2a2e; }
}
body { background: var(--bg); color: var(--fg); margin: 2em auto; max-width: 72em;
  padding: 0 1em; font: 15px/1.45 system-ui, sans-serif; }
h1, h2, h3 { font-weight: 600; }
h3 { margin-top: 2em; border-bottom: 1px solid var(--line); }
table { border-collapse: collapse; width: 100%; margin: 0.5em 0 1.5em; }
th, td { border: 1px solid var(--line); padding: 0.25em 0.5em; text-align: left;
  vertical-align: top; }
th { background: var(--head-bg); }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
a { color: inherit; }
.meta, .event, .ts { color: var(--muted); }
.event { margin: 0.4em 0; }
.bad { color: var(--bad); }
.chunk { margin: 0.5em 0; padding: 0.3em 0.6em; border-left: 4px solid; border-radius: 3px; }
.chunk.in { background: var(--in-bg); border-color: var(--in-edge); }
.chunk.out { background: var(--out-bg); border-color: var(--out-edge); margin-left: 3em; }
.chunk p { margin: 0; font-size: 90%; }
pre { margin: 0.3em 0 0; white-space: pre-wrap; overflow-wrap: anywhere;
  font: 13px/1.35 ui-monospace, monospace; }
.legend span { padding: 0 0.5em; border-left: 4px solid; margin-right: 1em; }
.legend .in { background: var(--in-bg); border-color: var(--in-edge); }
.legend .out { background: var(--out-bg); border-color: var(--out-edge); }
</style>
</head>
<body>
)";

// HTML-escaped, with the characters of the payload text rule shown as
// \u{xxxx}: a captured string must neither change the markup nor reorder or
// hide part of the page.
QString esc(const QString& text) {
    return withEscapedCharacters(text.toHtmlEscaped());
}

QString timeText(qint64 timeUs) {
    return formatTimestampUs(timeUs);
}

QString durationText(qint64 us) {
    return QStringLiteral("%1 s").arg(double(us) / 1e6, 0, 'f', 6);
}

class ReportWriter final {
public:
    ReportWriter(const EventBatch& events, QIODevice& device)
        : m_events(events)
        , m_writer(device) {}

    bool write(qint64 exportTimeUs) {
        const SessionSummary summary = summarizeSession(m_events);
        m_writer.append(kHead);
        put(QStringLiteral("<h1>SockScope session report</h1>\n<p class=\"meta\">Exported %1 by "
                           "SockScope %2. %3 events")
                .arg(timeText(exportTimeUs), QStringLiteral(SOCKSCOPE_VERSION))
                .arg(m_events.size()));
        if (summary.firstUs != 0)
            put(QStringLiteral(" from %1 to %2")
                    .arg(timeText(summary.firstUs), timeText(summary.lastUs)));
        put(QStringLiteral(". Times are UTC, taken when SockScope saw each event.</p>\n"));
        writeListeners(summary);
        writeConnections(summary);
        writeDrops(summary);
        writeListenerErrors(summary);
        writeConversations(summary);
        put(QStringLiteral("</body>\n</html>\n"));
        return m_writer.flush();
    }

private:
    // Captured text goes only into the last arg() of a chain or into one
    // multi-argument arg(): a "%2" inside it must not be substituted again.
    void put(const QString& html) {
        m_writer.append(html.toUtf8());
        m_writer.flushIfFull();
    }

    void writeListeners(const SessionSummary& s) {
        put(QStringLiteral("<h2>Listeners</h2>\n"));
        if (s.listeners.isEmpty()) {
            put(QStringLiteral("<p>None.</p>\n"));
            return;
        }
        put(QStringLiteral("<table>\n<tr><th>Listener</th><th>Address:port</th><th>Backlog</th>"
                           "<th>Responder</th><th>Started</th><th>Stopped</th></tr>\n"));
        for (const ListenerSummary& l : s.listeners) {
            put(QStringLiteral("<tr><td class=\"num\">%1</td><td>%2</td><td class=\"num\">%3</td>"
                               "<td>%4</td><td>%5</td><td>%6</td></tr>\n")
                    .arg(QString::number(l.id), esc(l.local.toString()), QString::number(l.backlog),
                         esc(l.responder), timeText(l.openedUs),
                         l.closedUs ? timeText(l.closedUs) : QStringLiteral("still listening")));
        }
        put(QStringLiteral("</table>\n"));
    }

    void writeConnections(const SessionSummary& s) {
        put(QStringLiteral("<h2>Connections</h2>\n"));
        if (s.connections.isEmpty()) {
            put(QStringLiteral("<p>None.</p>\n"));
            return;
        }
        put(QStringLiteral("<table>\n<tr><th>Conn</th><th>Opened by</th><th>Local</th>"
                           "<th>Peer</th><th>Ephemeral port</th><th>Bytes in</th>"
                           "<th>Bytes out</th><th>Started</th><th>Duration</th>"
                           "<th>How it ended</th></tr>\n"));
        for (const ConnectionSummary& c : s.connections) {
            QString openedBy = c.listener
                                   ? QStringLiteral("peer, accepted by listener %1").arg(c.listener)
                                   : QStringLiteral("SockScope, to %1").arg(esc(c.target));
            if (c.pair != 0)
                openedBy += c.listener ? QStringLiteral("; relayed to conn %1").arg(c.pair)
                                       : QStringLiteral("; the upstream of conn %1").arg(c.pair);
            const QString ended =
                c.ending.isEmpty() ? QStringLiteral("open at export") : esc(c.ending);
            const QString duration = durationText((c.endUs ? c.endUs : c.lastUs) - c.startUs) +
                                     (c.endUs ? QString() : QStringLiteral(" so far"));
            put(QStringLiteral("<tr><td class=\"num\"><a href=\"#conn-%1\">%1</a></td><td>%2</td>"
                               "<td>%3</td><td>%4</td><td class=\"num\">%5</td>"
                               "<td class=\"num\">%6</td><td class=\"num\">%7</td><td>%8</td>"
                               "<td class=\"num\">%9</td>")
                    .arg(c.id)
                    .arg(openedBy, esc(c.local.toString()), esc(c.peer.toString()),
                         c.ephemeralPort ? QString::number(c.ephemeralPort) : QString(),
                         QString::number(c.bytesIn), QString::number(c.bytesOut),
                         timeText(c.startUs), duration));
            put(QStringLiteral("<td>%1</td></tr>\n").arg(ended));
        }
        put(QStringLiteral("</table>\n"));
    }

    void writeDrops(const SessionSummary& s) {
        if (s.drops.isEmpty())
            return;
        put(QStringLiteral("<h2 class=\"bad\">Dropped by the capture budget</h2>\n<table>\n"
                           "<tr><th>Conn</th><th>Events</th><th>Payload bytes</th>"
                           "<th>Last dropped</th><th>Why</th></tr>\n"));
        for (const CaptureEvent& d : s.drops) {
            put(QStringLiteral("<tr><td class=\"num\">%1</td><td class=\"num\">%2</td>"
                               "<td class=\"num\">%3</td><td>%4</td><td>%5</td></tr>\n")
                    .arg(d.conn ? QString::number(d.conn) : QStringLiteral("listeners"))
                    .arg(d.count)
                    .arg(d.size)
                    .arg(timeText(d.timeUs), esc(d.message)));
        }
        put(QStringLiteral("</table>\n"));
    }

    void writeListenerErrors(const SessionSummary& s) {
        if (s.listenerErrors.isEmpty())
            return;
        put(QStringLiteral("<h2 class=\"bad\">Errors</h2>\n"));
        for (const CaptureEvent& e : s.listenerErrors)
            writeEvent(e);
    }

    void writeConversations(const SessionSummary& s) {
        QHash<int, QList<qsizetype>> byConn;
        for (qsizetype i = 0; i < m_events.size(); ++i) {
            if (m_events[i].conn != 0 && m_events[i].kind != EventKind::Drop)
                byConn[m_events[i].conn].append(i);
        }
        put(QStringLiteral("<h2>Conversations</h2>\n<p class=\"legend\"><span class=\"in\">in: "
                           "received by SockScope</span><span class=\"out\">out: sent by "
                           "SockScope</span></p>\n"));
        for (const ConnectionSummary& c : s.connections) {
            put(QStringLiteral("<h3 id=\"conn-%1\">Connection %1: local %2, peer %3</h3>\n")
                    .arg(c.id)
                    .arg(esc(c.local.toString()), esc(c.peer.toString())));
            for (const qsizetype index : byConn.value(c.id)) {
                if (!m_writer.flushIfFull())
                    return;
                writeEvent(m_events[index]);
            }
        }
    }

    void writeEvent(const CaptureEvent& e) {
        if (e.kind == EventKind::Data) {
            writeChunk(e);
            return;
        }
        if (e.kind == EventKind::Wire)
            return; // the TLS records: the conversation above is their plaintext
        QString what;
        switch (e.kind) {
        case EventKind::Accept:
            what = QStringLiteral("accepted by listener %1 from %2")
                       .arg(e.listener)
                       .arg(esc(e.peer.toString()));
            break;
        case EventKind::Connect:
            what = QStringLiteral("connecting to %1").arg(esc(e.target));
            break;
        case EventKind::Connected:
            what = QStringLiteral("connected from %1 to %2")
                       .arg(esc(e.local.toString()), esc(e.peer.toString()));
            break;
        case EventKind::Error:
            what = QStringLiteral("<span class=\"bad\">%1: %2</span>")
                       .arg(esc(e.error == ErrorCode::None ? QStringLiteral("error")
                                                           : errorCodeName(e.error)),
                            esc(e.message));
            if (!e.local.isNull())
                what += QStringLiteral(" (%1)").arg(esc(e.local.toString()));
            break;
        case EventKind::HalfClose:
            what = esc(ConnectionEnding::halfCloseText(e.by, ConnectionEnding::Wording::English));
            break;
        case EventKind::Tls:
            what = e.tls ? tlsText(*e.tls) : QStringLiteral("TLS");
            break;
        case EventKind::Close:
            what = esc(ConnectionEnding::closeText(e, ConnectionEnding::Wording::English));
            if (!e.message.isEmpty())
                what += QStringLiteral(": %1").arg(esc(e.message));
            break;
        default:
            what = esc(eventKindName(e.kind));
            break;
        }
        put(QStringLiteral("<p class=\"event\"><span class=\"ts\">%1</span> %2</p>\n")
                .arg(timeText(e.timeUs), what));
    }

    static QString tlsText(const TlsSummary& t) {
        if (!t.ok)
            return QStringLiteral("<span class=\"bad\">TLS handshake failed: %1</span>")
                .arg(esc(t.failure));
        if (t.version.isEmpty()) { // a listener's own certificate
            const TlsCertificate own = t.chain.value(0);
            return QStringLiteral("TLS with %1 (SHA-256 %2)")
                .arg(esc(own.subject), esc(own.sha256));
        }
        QStringList parts{t.version, t.cipher};
        if (!t.alpn.isEmpty())
            parts.append(QStringLiteral("ALPN ") + t.alpn);
        if (!t.sni.isEmpty())
            parts.append(QStringLiteral("SNI ") + t.sni);
        parts.append(QStringLiteral("verify ") + t.verify);
        return esc(QStringLiteral("TLS ") + parts.join(QStringLiteral(", ")));
    }

    void writeChunk(const CaptureEvent& e) {
        const bool in = e.dir == Direction::In;
        put(QStringLiteral("<div class=\"chunk %1\"><p><span class=\"ts\">%2</span> %3 %4 "
                           "bytes</p>")
                .arg(in ? QStringLiteral("in") : QStringLiteral("out"), timeText(e.timeUs),
                     in ? QStringLiteral("in &larr; peer") : QStringLiteral("out &rarr; peer"))
                .arg(e.size));
        const qsizetype budget = std::min(kHtmlChunkShownBytes, kHtmlReportShownBytes - m_shown);
        if (e.size == 0) {
            put(QStringLiteral("</div>\n"));
            return;
        }
        if (budget <= 0 || e.data.isEmpty()) {
            put(QStringLiteral("<p>Not shown: the report's payload limit is reached. The JSON "
                               "Lines export holds every byte.</p></div>\n"));
            return;
        }
        QByteArrayView shown = QByteArrayView(e.data).first(std::min(budget, e.data.size()));
        QString body;
        if (isPrintableUtf8(e.data)) {
            // Cut on a character boundary: back up over continuation bytes.
            while (shown.size() < e.data.size() && shown.size() > 0 &&
                   (quint8(e.data[shown.size()]) & 0xc0) == 0x80)
                shown.chop(1);
            body = esc(QString::fromUtf8(shown));
            if (shown.size() < e.size)
                body += QStringLiteral("\n… +%1 bytes not shown").arg(e.size - shown.size());
        } else {
            body = esc(hexDump(shown, shown.size()));
            if (shown.size() < e.size)
                body += QStringLiteral("\n… +%1 bytes not shown").arg(e.size - shown.size());
        }
        m_shown += shown.size();
        put(QStringLiteral("<pre>%1</pre></div>\n").arg(body));
    }

    const EventBatch& m_events;
    ChunkWriter m_writer;
    qsizetype m_shown = 0;
};

} // namespace

bool writeHtmlReport(const EventSource& source, QIODevice& device, qint64 exportTimeUs) {
    // The page shows at most kHtmlReportShownBytes of payload, so only that
    // much is read: the events are held with their payloads cut.
    EventBatch events;
    qsizetype loaded = 0;
    source.forEachEvent([&](const CaptureEvent& e) {
        events.append(e);
        if (e.kind == EventKind::Data) {
            // A few bytes past the shown part, cut where no UTF-8 character
            // is split, so the page can still tell text from binary.
            const qsizetype room = kHtmlReportShownBytes - loaded;
            qsizetype keep =
                room <= 0 ? 0 : std::min(e.data.size(), std::min(room, kHtmlChunkShownBytes) + 4);
            while (keep > 0 && keep < e.data.size() && (quint8(e.data[keep]) & 0xc0) == 0x80)
                --keep;
            events.last().data = e.data.first(keep);
            loaded += std::min(keep, kHtmlChunkShownBytes);
        }
        return true;
    });
    ReportWriter report(events, device);
    return report.write(exportTimeUs);
}

} // namespace sockscope
