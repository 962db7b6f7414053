#include "system/systemsnapshot.h"

#include "base/captureevent.h"
#include "system/procnettcp.h"
#include "system/socketownerfinder.h"

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
