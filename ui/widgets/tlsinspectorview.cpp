#include "tlsinspectorview.h"

#include "base/payloadtext.h"
#include "capture/capturestore.h"
#include "sessionsource.h"

#include <QFontDatabase>
#include <QLocale>

namespace sockscope {

namespace {
QString esc(const QString& text) {
    return text.toHtmlEscaped();
}

QString row(const QString& label, const QString& value) {
    return QStringLiteral("<tr><th align=\"left\" valign=\"top\">%1</th><td>%2</td></tr>")
        .arg(esc(label), value);
}

QString hexBlock(const QByteArray& bytes) {
    return QStringLiteral("<pre>%1</pre>").arg(esc(hexDump(bytes, 4096)));
}
} // namespace

TlsInspectorView::TlsInspectorView(const SessionSource* source, QWidget* parent)
    : QTextBrowser(parent)
    , m_source(source) {
    setAccessibleName(tr("TLS handshake"));
    setPlaceholderText(tr("Select a TLS connection to see its handshake."));
    setOpenLinks(false);
}

void TlsInspectorView::setConnection(int conn) {
    m_conn = conn;
    if (!m_indexed) {
        // Once, for what came before this view saw batches (a saved
        // session): the lifecycle events only, so no payload is read;
        // batches keep the index current from here.
        m_source->store().forEachLifecycleEvent([this](const CaptureEvent& e) {
            if (e.kind == EventKind::Tls && e.conn != 0)
                m_summaries.insert(e.conn, e.tls);
            return true;
        });
        m_indexed = true;
    }
    show(m_summaries.value(conn));
}

void TlsInspectorView::appendBatch(const EventBatch& events) {
    for (const CaptureEvent& e : events) {
        if (e.kind != EventKind::Tls || e.conn == 0)
            continue;
        m_summaries.insert(e.conn, e.tls);
        if (e.conn == m_conn)
            show(e.tls);
    }
}

void TlsInspectorView::show(const std::shared_ptr<const TlsSummary>& summary) {
    if (!summary) {
        setHtml(m_conn == 0 ? QString()
                            : tr("<p>Connection #%1 has no TLS handshake: it is plain TCP, or "
                                 "its handshake has not ended yet.</p>")
                                  .arg(m_conn));
        return;
    }
    setHtml(html(*summary));
}

QString TlsInspectorView::html(const TlsSummary& t) {
    QString out;
    out += t.ok ? tr("<h3>TLS handshake completed</h3>")
                : tr("<h3 style=\"color:#b00020\">TLS handshake failed</h3><p>%1</p>")
                      .arg(esc(t.failure));
    out += QStringLiteral("<table cellspacing=\"2\" cellpadding=\"2\">");
    out += row(tr("Our side"), t.client ? tr("client") : tr("server"));
    out += row(tr("Version"), esc(t.version));
    out += row(tr("Cipher suite"), esc(t.cipher));
    out += row(tr("ALPN"), t.alpn.isEmpty() ? tr("none") : esc(t.alpn));
    out += row(t.client ? tr("SNI sent") : tr("SNI received"),
               t.sni.isEmpty() ? tr("none") : esc(t.sni));
    out += row(tr("Server temp key"), esc(t.tempKey));
    out += row(tr("Verification"), esc(t.verify));
    out += row(tr("Duration"),
               tr("%1 ms").arg(QLocale().toString(double(t.durationUs) / 1000.0, 'f', 2)));
    out += row(tr("Alerts"), t.alerts.isEmpty() ? tr("none") : esc(t.alerts.join(u"; ")));
    out += QStringLiteral("</table>");
    if (!t.chain.isEmpty()) {
        out += tr("<h4>Peer certificate chain</h4>");
        for (const TlsCertificate& c : t.chain) {
            out += QStringLiteral("<table cellspacing=\"2\" cellpadding=\"2\">");
            out += row(tr("Depth"), QString::number(c.depth));
            out += row(tr("Subject"), esc(c.subject));
            out += row(tr("Issuer"), esc(c.issuer));
            out += row(tr("Valid"), tr("%1 to %2").arg(esc(c.notBefore), esc(c.notAfter)));
            out += row(tr("Names"), esc(c.names.join(u", ")));
            out += row(tr("SHA-256"), QStringLiteral("<tt>%1</tt>").arg(esc(c.sha256)));
            out += row(
                tr("Verify"),
                c.verify == u"ok"
                    ? tr("ok")
                    : QStringLiteral("<span style=\"color:#b00020\">%1</span>").arg(esc(c.verify)));
            out += QStringLiteral("</table><br/>");
        }
    }
    if (!t.clientHello.isEmpty())
        out += tr("<h4>ClientHello (%1 bytes)</h4>").arg(t.clientHello.size()) +
               hexBlock(t.clientHello);
    if (!t.serverHello.isEmpty())
        out += tr("<h4>ServerHello (%1 bytes)</h4>").arg(t.serverHello.size()) +
               hexBlock(t.serverHello);
    return out;
}

} // namespace sockscope
