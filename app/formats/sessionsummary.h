#pragma once

#include "base/captureevent.h"
#include "base/connectionending.h"

namespace sockscope {

// What a session amounted to, per listener and per connection, for reports.
// Derived from the events alone, so it also works on imported sessions.

struct ListenerSummary {
    int id = 0;
    SocketAddress local;
    int backlog = 0;
    QString responder;
    qint64 openedUs = 0;
    qint64 closedUs = 0; // 0: still listening at export
};

struct ConnectionSummary {
    int id = 0;
    int listener = 0; // 0: an outgoing client
    QString target;   // outgoing: the host:port as typed
    int pair = 0;     // a relay leg: the other connection of its pair
    SocketAddress local;
    SocketAddress peer;
    quint16 ephemeralPort = 0; // the peer's for accepted, ours for outgoing; 0 unknown
    qint64 bytesIn = 0;
    qint64 bytesOut = 0;
    qint64 startUs = 0;
    qint64 endUs = 0; // time of the close or error; 0 while open
    qint64 lastUs = 0;
    // How it ended, in English: "Peer half-closed, then we closed", "reset:
    // …", "We half-closed, then reset: …"; empty while nothing ended it.
    QString ending;
    ConnectionEnding closing; // its FINs and close so far
    bool failed = false;      // an error ended it; what follows changes nothing
};

struct SessionSummary {
    QList<ListenerSummary> listeners;     // in the order they started
    QList<ConnectionSummary> connections; // in the order they appeared
    EventBatch drops;
    EventBatch listenerErrors; // errors not about a connection
    qint64 firstUs = 0;
    qint64 lastUs = 0;
};

SessionSummary summarizeSession(const EventBatch& events);

} // namespace sockscope
