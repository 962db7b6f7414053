#pragma once

#include "capture/eventsource.h"

class QIODevice;

namespace sockscope {

// Classic pcap (nanosecond timestamps, LINKTYPE_RAW) in which every
// connection is a synthesized TCP flow: handshake, data segments with
// consistent sequence numbers, FIN or RST. Timestamps are the times
// SockScope saw each event, not wire times (docs/session-format.md).
// The plaintext, as if it had crossed the wire: TLS connections too.
bool writePcapSession(const EventSource& events, QIODevice& device);
// The same flows in pcapng, where a TLS connection carries its real TLS
// records (its wire events) and the file carries their secrets in a
// Decryption Secrets Block: Wireshark dissects the handshake and decrypts
// the records with no key log file of its own.
bool writePcapngSession(const EventSource& events, QIODevice& device);

} // namespace sockscope
