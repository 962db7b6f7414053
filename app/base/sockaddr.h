#pragma once

#include "base/captureevent.h"

#include <QHostAddress>
#include <QString>

#include <sys/socket.h>

namespace sockscope {

// Small bridges between QHostAddress and the BSD socket API.
socklen_t toSockaddr(const QHostAddress& address, quint16 port, sockaddr_storage* out);
// No address when the query fails (the socket is already gone).
SocketAddress localAddressOf(int fd);
SocketAddress peerAddressOf(int fd);

// "Connection refused (ECONNREFUSED)": the reason people search for.
QString errnoText(int error);
// The stable code scripts see: refused, reset, timeout, ...
ErrorCode errnoCode(int error);

} // namespace sockscope
