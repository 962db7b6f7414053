#pragma once

#include <QByteArrayView>
#include <QtGlobal>

#include <optional>

namespace sockscope {

// The ports the kernel hands out to sockets that connect without binding:
// the HOWTO's "dynamically allocated port".
struct PortRange {
    quint16 first = 0;
    quint16 last = 0;

    bool contains(quint16 port) const { return port >= first && port <= last; }
    bool operator==(const PortRange&) const = default;
};

// The text of /proc/sys/net/ipv4/ip_local_port_range: "32768\t60999\n".
std::optional<PortRange> parsePortRange(QByteArrayView text);
std::optional<PortRange> readEphemeralPortRange();

// net.core.somaxconn: listen() silently lowers a larger backlog to it.
std::optional<int> readSomaxconn();

} // namespace sockscope
