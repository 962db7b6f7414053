#pragma once

#include <QHostAddress>
#include <QString>

#include <sys/socket.h>

namespace sockscope {

// Small bridges between QHostAddress and the BSD socket API.
socklen_t toSockaddr(const QHostAddress& address, quint16 port, sockaddr_storage* out);
QString endpointOf(const sockaddr_storage& address); // "addr:port"
QString localEndpointOf(int fd);
QString peerEndpointOf(int fd);

// "Connection refused (ECONNREFUSED)": the reason people search for.
QString errnoText(int error);
// Stable short code for scripts: "refused", "reset", "timeout", ...
QString errnoCode(int error);

} // namespace sockscope
