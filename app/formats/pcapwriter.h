#pragma once

#include "capture/eventsource.h"

class QIODevice;

namespace sockscope {

// Classic pcap (nanosecond timestamps, LINKTYPE_RAW) in which every
// connection is a synthesized TCP flow: handshake, data segments with
// consistent sequence numbers, FIN or RST. Timestamps are the times
// SockScope saw each event, not wire times (docs/session-format.md).
bool writePcapSession(const EventSource& events, QIODevice& device);

} // namespace sockscope
