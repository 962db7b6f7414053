#include "system/procnettcp.h"

#include "base/endpoint.h"
#include "base/fileerror.h"

#include <QFile>
#include <QHostAddress>
#include <QtEndian>

#include <charconv>
#include <cstring>

namespace sockscope {

namespace {

// Splits a line into whitespace-separated fields without allocating.
class Fields {
public:
    explicit Fields(QByteArrayView line)
        : m_line(line) {}
    QByteArrayView next() {
        while (m_pos < m_line.size() && m_line[m_pos] == ' ')
            ++m_pos;
        const qsizetype start = m_pos;
        while (m_pos < m_line.size() && m_line[m_pos] != ' ')
            ++m_pos;
        return m_line.sliced(start, m_pos - start);
    }

private:
    QByteArrayView m_line;
    qsizetype m_pos = 0;
};

template <typename T> bool parseNumber(QByteArrayView text, int base, T* out) {
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, *out, base);
    return ec == std::errc() && ptr == end && !text.isEmpty();
}

// One address word as the kernel printed it: the host-order value of four
// network-order bytes. Copying it back to memory recovers those bytes on any
// architecture, since the kernel and we share the byte order.
bool parseWord(QByteArrayView hex, uchar* bytes) {
    quint32 word = 0;
    if (hex.size() != 8 || !parseNumber(hex, 16, &word))
        return false;
    std::memcpy(bytes, &word, sizeof(word));
    return true;
}

bool parseEndpoint(QByteArrayView text, QAbstractSocket::NetworkLayerProtocol family,
                   QString* endpoint, quint16* port) {
    const qsizetype colon = text.indexOf(':');
    if (colon < 0 || !parseNumber(text.sliced(colon + 1), 16, port))
        return false;
    const QByteArrayView hex = text.first(colon);
    QHostAddress address;
    if (family == QAbstractSocket::IPv4Protocol) {
        uchar bytes[4];
        if (!parseWord(hex, bytes))
            return false;
        address.setAddress(qFromBigEndian<quint32>(bytes));
    } else {
        Q_IPV6ADDR bytes;
        if (hex.size() != 32)
            return false;
        for (int word = 0; word < 4; ++word) {
            if (!parseWord(hex.sliced(word * 8, 8), bytes.c + word * 4))
                return false;
        }
        address.setAddress(bytes);
    }
    // formatEndpoint shows "::" as 0.0.0.0 (Qt converts the unspecified
    // address to IPv4), which would hide an IPv6 or dual-stack listener.
    const bool unspecified6 =
        family == QAbstractSocket::IPv6Protocol && address == QHostAddress::AnyIPv6;
    *endpoint =
        unspecified6 ? QStringLiteral("[::]:%1").arg(*port) : formatEndpoint(address, *port);
    return true;
}

std::optional<SystemSocket> parseLine(QByteArrayView line,
                                      QAbstractSocket::NetworkLayerProtocol family,
                                      std::optional<TcpState> onlyState) {
    // "sl local rem st tx:rx tr:when retrnsmt uid timeout inode ..."
    Fields fields(line);
    const QByteArrayView slot = fields.next();
    if (!slot.endsWith(':'))
        return std::nullopt; // the header
    const QByteArrayView local = fields.next();
    const QByteArrayView remote = fields.next();
    quint8 state = 0;
    if (!parseNumber(fields.next(), 16, &state))
        return std::nullopt;
    if (onlyState && TcpState(state) != *onlyState)
        return std::nullopt;
    SystemSocket socket;
    socket.family = family;
    socket.state = TcpState(state);
    const QByteArrayView queues = fields.next();
    const qsizetype colon = queues.indexOf(':');
    if (colon < 0 || !parseNumber(queues.first(colon), 16, &socket.txQueue) ||
        !parseNumber(queues.sliced(colon + 1), 16, &socket.rxQueue))
        return std::nullopt;
    fields.next(); // tr:tm->when
    fields.next(); // retrnsmt
    if (!parseNumber(fields.next(), 10, &socket.uid))
        return std::nullopt;
    fields.next(); // timeout
    if (!parseNumber(fields.next(), 10, &socket.inode))
        return std::nullopt;
    if (!parseEndpoint(local, family, &socket.local, &socket.localPort) ||
        !parseEndpoint(remote, family, &socket.remote, &socket.remotePort))
        return std::nullopt;
    return socket;
}

} // namespace

QList<SystemSocket> parseProcNetTcp(QByteArrayView text,
                                    QAbstractSocket::NetworkLayerProtocol family,
                                    std::optional<TcpState> onlyState) {
    QList<SystemSocket> sockets;
    qsizetype start = 0;
    while (start < text.size()) {
        qsizetype end = text.indexOf('\n', start);
        if (end < 0)
            end = text.size();
        if (auto socket = parseLine(text.sliced(start, end - start), family, onlyState))
            sockets.append(std::move(*socket));
        start = end + 1;
    }
    return sockets;
}

QList<SystemSocket> readProcNetTcp(QString* error, std::optional<TcpState> onlyState) {
    QList<SystemSocket> sockets;
    const std::pair<const char*, QAbstractSocket::NetworkLayerProtocol> tables[] = {
        {"/proc/net/tcp", QAbstractSocket::IPv4Protocol},
        {"/proc/net/tcp6", QAbstractSocket::IPv6Protocol}};
    for (const auto& [path, family] : tables) {
        QFile file(QString::fromLatin1(path));
        if (!file.open(QIODevice::ReadOnly)) {
            // A kernel without IPv6 has no tcp6 table: that is not an error.
            if (family == QAbstractSocket::IPv6Protocol && !file.exists())
                continue;
            *error = QStringLiteral("cannot read %1: %2").arg(file.fileName(), fileErrorText(file));
            continue;
        }
        sockets += parseProcNetTcp(file.readAll(), family, onlyState);
    }
    return sockets;
}

} // namespace sockscope
