#pragma once

#include "system/kernelsettings.h"
#include "system/systemsocket.h"

#include <QList>
#include <QMetaType>

namespace sockscope {

class SocketOwnerFinder;

// Every TCP socket of the machine's network namespace at one moment, with
// what the kernel says about the ports it hands out.
struct SystemSnapshot {
    QList<SystemSocket> sockets; // /proc/net/tcp order, then /proc/net/tcp6
    std::optional<PortRange> ephemeralPorts;
    qint64 timeUs = 0; // when it was read, microseconds since the Unix epoch
    QString error;     // why a table could not be read; empty when all went well
};

// Reads the tables and resolves owners with owners' scope. Blocking file
// reads: call it off the GUI thread (SystemSocketsPoller does).
SystemSnapshot readSystemSnapshot(SocketOwnerFinder& owners);

} // namespace sockscope

Q_DECLARE_METATYPE(sockscope::SystemSnapshot)
