#pragma once

#include <QtGlobal>

namespace sockscope {

// A listener's accept queue as the kernel sees it: the HOWTO's backlog at work.
struct ListenerQueue {
    bool paused = false; // SockScope is not accepting (pauseAccepting)
    // Connections the kernel completed that SockScope has not accepted yet
    // (the LISTEN socket's receive queue); -1 when the kernel could not tell.
    int queued = 0;
    // The kernel's limit: the requested backlog, lowered to net.core.somaxconn.
    // Linux queues one connection more than this; further SYNs are dropped, so
    // those clients retry and stay in SYN_SENT.
    int backlog = 0;

    bool operator==(const ListenerQueue&) const = default;
};

} // namespace sockscope
