#include "net/sockaddr.h"

#include "net/endpoint.h"

#include <netinet/in.h>

#include <cerrno>
#include <cstring>

namespace sockscope {

socklen_t toSockaddr(const QHostAddress& address, quint16 port, sockaddr_storage* out) {
    std::memset(out, 0, sizeof(*out));
    if (address.protocol() == QAbstractSocket::IPv4Protocol) {
        auto* in4 = reinterpret_cast<sockaddr_in*>(out);
        in4->sin_family = AF_INET;
        in4->sin_port = htons(port);
        in4->sin_addr.s_addr = htonl(address.toIPv4Address());
        return sizeof(sockaddr_in);
    }
    auto* in6 = reinterpret_cast<sockaddr_in6*>(out);
    in6->sin6_family = AF_INET6;
    in6->sin6_port = htons(port);
    const Q_IPV6ADDR bytes = address.toIPv6Address();
    std::memcpy(&in6->sin6_addr, &bytes, sizeof(bytes));
    in6->sin6_scope_id = address.scopeId().toUInt();
    return sizeof(sockaddr_in6);
}

namespace {
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

// "a.b.c.d:port" by hand: QHostAddress::toString() was a third of the
// engine's work per accepted connection, and inet_ntop + snprintf still
// a quarter (callgrind).
QString formatIPv4Endpoint(const void* address, quint16 port) {
    const auto* bytes = static_cast<const unsigned char*>(address);
    char text[sizeof("255.255.255.255:65535")];
    char* out = text;
    for (int i = 0; i < 4; ++i) {
        if (i > 0)
            *out++ = '.';
        out = appendNumber(out, bytes[i]);
    }
    *out++ = ':';
    out = appendNumber(out, port);
    return QString::fromLatin1(text, out - text);
}
} // namespace

QString endpointOf(const sockaddr_storage& storage) {
    if (storage.ss_family == AF_INET) {
        const auto* in4 = reinterpret_cast<const sockaddr_in*>(&storage);
        return formatIPv4Endpoint(&in4->sin_addr, ntohs(in4->sin_port));
    }
    const auto* in6 = reinterpret_cast<const sockaddr_in6*>(&storage);
    if (storage.ss_family == AF_INET6 && IN6_IS_ADDR_V4MAPPED(&in6->sin6_addr))
        return formatIPv4Endpoint(&in6->sin6_addr.s6_addr[12], ntohs(in6->sin6_port));
    const QHostAddress address(reinterpret_cast<const sockaddr*>(&storage));
    const quint16 port = storage.ss_family == AF_INET6
                             ? ntohs(reinterpret_cast<const sockaddr_in6*>(&storage)->sin6_port)
                             : ntohs(reinterpret_cast<const sockaddr_in*>(&storage)->sin_port);
    return formatEndpoint(address, port);
}

namespace {
QString endpointOf(int fd, int (*query)(int, sockaddr*, socklen_t*)) {
    sockaddr_storage storage{};
    socklen_t length = sizeof(storage);
    if (query(fd, reinterpret_cast<sockaddr*>(&storage), &length) != 0)
        return QString();
    return sockscope::endpointOf(storage);
}
} // namespace

QString localEndpointOf(int fd) {
    return endpointOf(fd, &::getsockname);
}
QString peerEndpointOf(int fd) {
    return endpointOf(fd, &::getpeername);
}

QString errnoText(int error) {
    const char* name = strerrorname_np(error);
    return QStringLiteral("%1 (%2)").arg(QString::fromLocal8Bit(std::strerror(error)),
                                         name ? QString::fromLatin1(name) : QString::number(error));
}

QString errnoCode(int error) {
    switch (error) {
    case ECONNREFUSED:
        return QStringLiteral("refused");
    case ECONNRESET:
        return QStringLiteral("reset");
    case EPIPE:
        return QStringLiteral("broken-pipe");
    case ETIMEDOUT:
        return QStringLiteral("timeout");
    case EHOSTUNREACH:
    case ENETUNREACH:
        return QStringLiteral("unreachable");
    case EADDRNOTAVAIL:
        return QStringLiteral("address-not-available");
    case EMFILE:
    case ENFILE:
        return QStringLiteral("out-of-descriptors");
    default:
        return QStringLiteral("socket-error");
    }
}

} // namespace sockscope
