#pragma once

#include "base/captureevent.h"

#include <functional>

namespace sockscope {

// Returns false to stop the walk.
using EventVisitor = std::function<bool(const CaptureEvent&)>;

// A session's events in order, each Data event with its whole payload,
// read one at a time: exporters and recorders walk a multi-GiB capture
// without holding it in memory.
class EventSource {
public:
    virtual ~EventSource() = default;
    // False when the visitor stopped the walk.
    virtual bool forEachEvent(const EventVisitor& visit) const = 0;
    // Only the events that carry no payload (no Data, no Wire), in order:
    // a first pass that reads nothing from disk (the pcapng export's secrets).
    virtual bool forEachLifecycleEvent(const EventVisitor& visit) const {
        return forEachEvent(
            [&visit](const CaptureEvent& e) { return e.carriesPayload() || visit(e); });
    }
};

// Events already in memory: small sessions, tests, fuzzing.
class BatchEventSource final : public EventSource {
public:
    explicit BatchEventSource(EventBatch events)
        : m_events(std::move(events)) {}
    bool forEachEvent(const EventVisitor& visit) const override {
        for (const CaptureEvent& event : m_events) {
            if (!visit(event))
                return false;
        }
        return true;
    }

private:
    const EventBatch m_events; // shared, not copied
};

} // namespace sockscope
