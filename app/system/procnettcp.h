#pragma once

#include "system/systemsocket.h"

#include <QByteArrayView>
#include <QList>

#include <optional>

namespace sockscope {

// Parses the text of /proc/net/tcp (family IPv4) or /proc/net/tcp6 (IPv6).
// The kernel prints each address as the in-memory words of its network-order
// bytes, so on x86 127.0.0.1 reads "0100007F", and an IPv6 address is four
// such 32-bit words. Ports are plain hex. Lines that do not parse (the
// header, anything a future kernel adds) are skipped. With onlyState, other
// sockets are skipped before their addresses are formatted.
QList<SystemSocket> parseProcNetTcp(QByteArrayView text,
                                    QAbstractSocket::NetworkLayerProtocol family,
                                    std::optional<TcpState> onlyState = std::nullopt);

// Both tables of this process's network namespace. The kernel builds them
// page by page, so a socket that opens or closes meanwhile may be missing or
// listed twice. error names a table that could not be read.
QList<SystemSocket> readProcNetTcp(QString* error,
                                   std::optional<TcpState> onlyState = std::nullopt);

} // namespace sockscope
