#include "system/socketlisting.h"

#include "base/payloadtext.h"
#include "system/socketownerfinder.h"
#include "system/systemsnapshot.h"

namespace sockscope {

namespace {
// A process can name itself anything (prctl PR_SET_NAME), so its name must
// not be able to fake fields or lines.
QString shownName(const QString& name) {
    constexpr int kMaxChars = 64;
    QString escaped = escapedPreview(name.toUtf8(), kMaxChars);
    if (escaped == name && !name.contains(u' ') && !name.contains(u'"') && !name.contains(u'='))
        return name;
    escaped.replace(u'"', QStringLiteral("\\\""));
    return u'"' + escaped + u'"';
}
} // namespace

QByteArray formatSystemSocketLine(const SystemSocket& s) {
    QString line = QStringLiteral("socket state=%1 local=%2 remote=%3 rx-queue=%4 tx-queue=%5 "
                                  "uid=%6 inode=%7")
                       .arg(tcpStateName(s.state), s.local, s.remote)
                       .arg(s.rxQueue)
                       .arg(s.txQueue)
                       .arg(s.uid)
                       .arg(s.inode);
    if (s.pid != 0)
        line += QStringLiteral(" pid=%1 process=%2").arg(s.pid).arg(shownName(s.process));
    return line.toUtf8() + '\n';
}

QByteArray formatPortRangeLine(const PortRange& range) {
    return QStringLiteral("ephemeral-ports first=%1 last=%2\n")
        .arg(range.first)
        .arg(range.last)
        .toUtf8();
}

int listSystemSockets(std::FILE* out, std::FILE* err) {
    // A one-off listing can afford the full owner scan that polling avoids.
    SocketOwnerFinder owners(OwnerScan::AllProcesses);
    const SystemSnapshot snapshot = readSystemSnapshot(owners);
    QByteArray text;
    for (const SystemSocket& socket : snapshot.sockets)
        text += formatSystemSocketLine(socket);
    if (snapshot.ephemeralPorts)
        text += formatPortRangeLine(*snapshot.ephemeralPorts);
    std::fwrite(text.constData(), 1, std::size_t(text.size()), out);
    std::fflush(out);
    if (!snapshot.error.isEmpty())
        std::fprintf(err, "sockscope: %s\n", qPrintable(snapshot.error));
    return snapshot.sockets.isEmpty() && !snapshot.error.isEmpty() ? 1 : 0;
}

} // namespace sockscope
