#include "cli/eventprinter.h"

#include "base/payloadtext.h"
#include "cli/linequoting.h"

#include <algorithm>

namespace sockscope {

namespace {
constexpr int kPreviewChars = 80;

// A preview already has its backslashes escaped by escapedPreview(); only
// quotes remain to escape.
QString quotedPreview(const QString& preview) {
    QString escaped = preview;
    escaped.replace(u'"', QStringLiteral("\\\""));
    return u'"' + escaped + u'"';
}

void field(QString& line, QStringView key, const QString& value) {
    if (!value.isEmpty())
        line += u' ' + key.toString() + u'=' + value;
}

void field(QString& line, QStringView key, qint64 value) {
    if (value != 0)
        line += u' ' + key.toString() + u'=' + QString::number(value);
}

// A value that may hold spaces (a verify reason, a rule's name) is quoted; "none"
// when empty.
QString tokenValue(const QString& value) {
    if (value.isEmpty())
        return QStringLiteral("none");
    // A peer chooses some of these (the SNI it sends): anything but plain
    // printable ASCII without spaces or quotes is quoted and escaped, so a
    // value cannot end the line or fake the next one.
    const bool plain = std::all_of(value.cbegin(), value.cend(), [](QChar c) {
        return c.unicode() > 0x20 && c.unicode() < 0x7f && c != u'"' && c != u'\\';
    });
    return plain ? value : quotedText(value);
}

QByteArray formatTlsLine(const CaptureEvent& e) {
    const TlsSummary& t = *e.tls;
    if (e.conn == 0) { // a TLS listener's own certificate, after its listening line
        const TlsCertificate own = t.chain.value(0);
        return QStringLiteral("tls listener=%1 cert=%2 sha256=%3\n")
            .arg(e.listener)
            .arg(tokenValue(own.subject), own.sha256)
            .toUtf8();
    }
    return QStringLiteral("tls conn=%1 version=%2 cipher=%3 alpn=%4 sni=%5 verify=%6\n")
        .arg(e.conn)
        .arg(tokenValue(t.version), tokenValue(t.cipher), tokenValue(t.alpn), tokenValue(t.sni),
             tokenValue(t.verify))
        .toUtf8();
}
} // namespace

QByteArray formatEventLine(const CaptureEvent& e) {
    if (e.kind == EventKind::Listen) {
        QByteArray line = "listening " + e.local.toString().toUtf8() + '\n';
        if (e.tls)
            line += formatTlsLine(e);
        return line;
    }
    // Records are the pcapng export's; a failed handshake's summary is the
    // capture's, and its error line says why.
    if (e.kind == EventKind::Wire || (e.kind == EventKind::Tls && (!e.tls || !e.tls->ok)))
        return {};
    if (e.kind == EventKind::Tls)
        return formatTlsLine(e);
    QString line = eventKindName(e.kind);
    field(line, u"conn", e.conn);
    field(line, u"listener", e.listener);
    field(line, u"pair", e.pair);
    field(line, u"local", e.local.toString());
    field(line, u"peer", e.kind == EventKind::Connect ? e.target : e.peer.toString());
    field(line, u"dir", directionName(e.dir));
    field(line, u"by", closerName(e.by));
    switch (e.kind) {
    case EventKind::Data:
        field(line, u"size", e.size);
        line +=
            QStringLiteral(" text=") + quotedPreview(escapedPreview(e.data, kPreviewChars, e.size));
        break;
    case EventKind::Drop:
        line += QStringLiteral(" events=%1 bytes=%2").arg(e.count).arg(e.size);
        break;
    case EventKind::Close:
        // Our Abort: an RST, not a FIN; the message says what it dropped.
        if (e.reset)
            line += QStringLiteral(" reset=true message=") + quotedText(e.message);
        break;
    case EventKind::Error:
        field(line, u"code", errorCodeName(e.error));
        line += QStringLiteral(" message=") + quotedText(e.message);
        break;
    case EventKind::Rule:
        // A rule's name is the rules file's text: quoted unless plain.
        line += QStringLiteral(" index=%1 rule=%2").arg(e.count).arg(tokenValue(e.responder));
        if (!e.message.isEmpty())
            line += QStringLiteral(" message=") + quotedText(e.message);
        break;
    default:
        break;
    }
    return line.toUtf8() + '\n';
}

} // namespace sockscope
