#include "base/socketaddress.h"

#include <net/if.h>
#include <netinet/in.h>

#include <algorithm>
#include <cstring>

namespace sockscope {

namespace {

constexpr std::array<quint8, 12> kMappedPrefix{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

char* appendNumber(char* out, unsigned value) {
    char digits[5];
    int count = 0;
    do {
        digits[count++] = char('0' + value % 10);
        value /= 10;
    } while (value != 0);
    while (count > 0)
        *out++ = digits[--count];
    return out;
}

std::optional<quint16> parsePort(QStringView text) {
    if (text.isEmpty() || text.size() > 5)
        return std::nullopt;
    uint port = 0;
    for (QChar c : text) {
        if (c < u'0' || c > u'9')
            return std::nullopt;
        port = port * 10 + uint(c.unicode() - u'0');
    }
    return port <= 65535 ? std::optional<quint16>(quint16(port)) : std::nullopt;
}

// Dotted quad by hand: importing a session parses one per accept, and
// QHostAddress::setAddress costs ten times more.
std::optional<std::array<quint8, 4>> parseIPv4(QStringView text) {
    std::array<quint8, 4> bytes{};
    qsizetype at = 0;
    for (int part = 0; part < 4; ++part) {
        if (part > 0) {
            if (at >= text.size() || text[at] != u'.')
                return std::nullopt;
            ++at;
        }
        const qsizetype from = at;
        uint value = 0;
        while (at < text.size() && text[at] >= u'0' && text[at] <= u'9' && at - from < 3)
            value = value * 10 + uint(text[at++].unicode() - u'0');
        if (at == from || value > 255)
            return std::nullopt;
        bytes[std::size_t(part)] = quint8(value);
    }
    if (at != text.size())
        return std::nullopt;
    return bytes;
}

} // namespace

SocketAddress SocketAddress::fromSockaddr(const sockaddr* address) {
    SocketAddress out;
    if (address->sa_family == AF_INET) {
        sockaddr_in in4;
        std::memcpy(&in4, address, sizeof(in4));
        std::memcpy(out.m_bytes.data(), &in4.sin_addr, 4);
        out.m_port = ntohs(in4.sin_port);
        out.m_family = Family::IPv4;
    } else if (address->sa_family == AF_INET6) {
        sockaddr_in6 in6;
        std::memcpy(&in6, address, sizeof(in6));
        out.m_port = ntohs(in6.sin6_port);
        if (std::equal(kMappedPrefix.begin(), kMappedPrefix.end(), in6.sin6_addr.s6_addr)) {
            std::memcpy(out.m_bytes.data(), in6.sin6_addr.s6_addr + 12, 4);
            out.m_family = Family::IPv4;
        } else {
            std::memcpy(out.m_bytes.data(), in6.sin6_addr.s6_addr, 16);
            out.m_scopeId = in6.sin6_scope_id;
            out.m_family = Family::IPv6;
        }
    }
    return out;
}

SocketAddress SocketAddress::fromHostAddress(const QHostAddress& address, quint16 port) {
    SocketAddress out;
    out.m_port = port;
    bool isIPv4 = false;
    const quint32 v4 = address.toIPv4Address(&isIPv4);
    // Qt's toIPv4Address() also "converts" :: to 0.0.0.0; only a real IPv4
    // or an IPv4-mapped address counts, or a dual-stack listener would hide.
    const bool mapped =
        address.protocol() == QAbstractSocket::IPv6Protocol &&
        std::equal(kMappedPrefix.begin(), kMappedPrefix.end(), address.toIPv6Address().c);
    if (isIPv4 && (address.protocol() == QAbstractSocket::IPv4Protocol || mapped)) {
        out.m_bytes = {quint8(v4 >> 24), quint8(v4 >> 16), quint8(v4 >> 8), quint8(v4)};
        out.m_family = Family::IPv4;
    } else if (address.protocol() == QAbstractSocket::IPv6Protocol ||
               address.protocol() == QAbstractSocket::AnyIPProtocol) {
        const Q_IPV6ADDR v6 = address.toIPv6Address();
        std::copy(std::begin(v6.c), std::end(v6.c), out.m_bytes.begin());
        const QString scope = address.scopeId();
        bool numeric = false;
        out.m_scopeId = scope.toUInt(&numeric);
        if (!numeric && !scope.isEmpty())
            out.m_scopeId = if_nametoindex(qPrintable(scope));
        out.m_family = Family::IPv6;
    } else {
        out.m_port = 0;
    }
    return out;
}

std::optional<SocketAddress> SocketAddress::fromString(QStringView text) {
    QStringView host;
    QStringView portText;
    if (text.startsWith(u'[')) {
        const qsizetype close = text.indexOf(u']');
        if (close < 0 || close + 1 >= text.size() || text[close + 1] != u':')
            return std::nullopt;
        host = text.sliced(1, close - 1);
        portText = text.sliced(close + 2);
    } else {
        const qsizetype colon = text.lastIndexOf(u':');
        if (colon < 0)
            return std::nullopt;
        host = text.first(colon);
        portText = text.sliced(colon + 1);
        const std::optional<std::array<quint8, 4>> v4 = parseIPv4(host);
        const std::optional<quint16> port = parsePort(portText);
        if (!v4 || !port)
            return std::nullopt;
        SocketAddress out;
        std::copy(v4->begin(), v4->end(), out.m_bytes.begin());
        out.m_port = *port;
        out.m_family = Family::IPv4;
        return out;
    }
    const std::optional<quint16> port = parsePort(portText);
    QHostAddress address;
    if (!port || !address.setAddress(host.toString()) ||
        address.protocol() != QAbstractSocket::IPv6Protocol)
        return std::nullopt;
    return fromHostAddress(address, *port);
}

QHostAddress SocketAddress::hostAddress() const {
    switch (m_family) {
    case Family::IPv4:
        return QHostAddress((quint32(m_bytes[0]) << 24) | (quint32(m_bytes[1]) << 16) |
                            (quint32(m_bytes[2]) << 8) | quint32(m_bytes[3]));
    case Family::IPv6: {
        QHostAddress address(m_bytes.data());
        if (m_scopeId != 0)
            address.setScopeId(QString::number(m_scopeId));
        return address;
    }
    case Family::None:
        break;
    }
    return QHostAddress();
}

QString SocketAddress::toString() const {
    if (m_family == Family::IPv4) {
        // By hand: QHostAddress::toString() was a third of the engine's work
        // per accepted connection (callgrind), and exports format millions.
        char text[sizeof("255.255.255.255:65535")];
        char* out = text;
        for (int i = 0; i < 4; ++i) {
            if (i > 0)
                *out++ = '.';
            out = appendNumber(out, m_bytes[std::size_t(i)]);
        }
        *out++ = ':';
        out = appendNumber(out, m_port);
        return QString::fromLatin1(text, out - text);
    }
    if (m_family == Family::IPv6)
        return u'[' + hostAddress().toString() + QStringLiteral("]:") + QString::number(m_port);
    return QString();
}

} // namespace sockscope
