#include "base/sockaddr.h"

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
SocketAddress addressOf(int fd, int (*query)(int, sockaddr*, socklen_t*)) {
    sockaddr_storage storage{};
    socklen_t length = sizeof(storage);
    if (query(fd, reinterpret_cast<sockaddr*>(&storage), &length) != 0)
        return SocketAddress();
    return SocketAddress::fromSockaddr(reinterpret_cast<const sockaddr*>(&storage));
}
} // namespace

SocketAddress localAddressOf(int fd) {
    return addressOf(fd, &::getsockname);
}
SocketAddress peerAddressOf(int fd) {
    return addressOf(fd, &::getpeername);
}

QString errnoText(int error) {
    const char* name = strerrorname_np(error);
    return QStringLiteral("%1 (%2)").arg(QString::fromLocal8Bit(std::strerror(error)),
                                         name ? QString::fromLatin1(name) : QString::number(error));
}

ErrorCode errnoCode(int error) {
    switch (error) {
    case ECONNREFUSED:
        return ErrorCode::Refused;
    case ECONNRESET:
        return ErrorCode::Reset;
    case EPIPE:
        return ErrorCode::BrokenPipe;
    case ETIMEDOUT:
        return ErrorCode::Timeout;
    case EHOSTUNREACH:
    case ENETUNREACH:
        return ErrorCode::Unreachable;
    case EADDRINUSE:
        return ErrorCode::InUse;
    case EADDRNOTAVAIL:
        return ErrorCode::AddressNotAvailable;
    case EMFILE:
    case ENFILE:
        return ErrorCode::OutOfDescriptors;
    default:
        return ErrorCode::SocketError;
    }
}

} // namespace sockscope
