#pragma once

#include "system/kernelsettings.h"
#include "system/systemsocket.h"

#include <QByteArray>

#include <cstdio>

namespace sockscope {

// `sockscope --list-sockets`: one line per socket of the machine, in the
// headless style (first word names the line, then key=value fields):
//   socket state=LISTEN local=127.0.0.1:631 remote=0.0.0.0:0 rx-queue=0 tx-queue=0
//          uid=0 inode=123 pid=456 process=cupsd
// pid and process are left out where the owner is unknown (another user's
// process, or none: TIME_WAIT). A process name with spaces or escapes is quoted.
QByteArray formatSystemSocketLine(const SystemSocket& socket);
// The last line: "ephemeral-ports first=32768 last=60999".
QByteArray formatPortRangeLine(const PortRange& range);

// Prints the listing; returns the exit code: 0, or 1 when no table could be read.
int listSystemSockets(std::FILE* out, std::FILE* err);

} // namespace sockscope
