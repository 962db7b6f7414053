#include "base/dropcount.h"

#include <QStringList>

#include <algorithm>

namespace sockscope {

CaptureEvent dropEventOf(const ConnectionDrops& drops) {
    CaptureEvent drop;
    drop.kind = EventKind::Drop;
    drop.conn = drops.conn;
    drop.timeUs = std::max(drops.evicted.lastTimeUs, drops.notKept.lastTimeUs);
    drop.size = drops.evicted.bytes + drops.notKept.bytes;
    drop.count = drops.evicted.events + drops.notKept.events;
    QStringList why;
    if (drops.evicted.events > 0)
        why.append(QStringLiteral("capture budget exceeded: oldest data of the busiest "
                                  "connections dropped (%1 bytes)")
                       .arg(drops.evicted.bytes));
    if (drops.notKept.events > 0)
        why.append(
            QStringLiteral("%1 (%2 bytes)").arg(drops.notKeptReason).arg(drops.notKept.bytes));
    drop.message = why.join(QStringLiteral("; "));
    return drop;
}

void DropCount::add(qint64 droppedBytes, qint64 timeUs) {
    events += 1;
    bytes += droppedBytes;
    lastTimeUs = std::max(lastTimeUs, timeUs);
}

} // namespace sockscope
