#pragma once

#include "base/captureevent.h"

#include <QString>

namespace sockscope {

// Payload that a connection lost, never reset while the session lives, so a
// loss is always visible.
struct DropCount {
    qint64 events = 0; // Data events with at least one byte not kept
    qint64 bytes = 0;  // payload bytes not kept
    qint64 lastTimeUs = 0;

    void add(qint64 droppedBytes, qint64 timeUs);
    friend bool operator==(const DropCount&, const DropCount&) = default;
};

// Why a connection's payload is missing, counted apart so that the window
// can say which it was.
struct ConnectionDrops {
    int conn = 0;
    DropCount evicted; // the capture budget made room for other data
    DropCount notKept; // the keep policy, a full disk, or a budget full of protected heads
    QString notKeptReason;
};

// The Drop event that tells what conn lost, and why.
CaptureEvent dropEventOf(const ConnectionDrops& drops);

} // namespace sockscope
