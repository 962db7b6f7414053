#include "sysinfo/systemsnapshot.h"

#include "capture/captureevent.h"
#include "sysinfo/procnettcp.h"
#include "sysinfo/socketownerfinder.h"

namespace sockscope {

SystemSnapshot readSystemSnapshot(SocketOwnerFinder& owners) {
    SystemSnapshot snapshot;
    snapshot.timeUs = currentTimeUs();
    snapshot.sockets = readProcNetTcp(&snapshot.error);
    owners.resolve(snapshot.sockets);
    snapshot.ephemeralPorts = readEphemeralPortRange();
    return snapshot;
}

} // namespace sockscope
