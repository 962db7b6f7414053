#pragma once

// Test support: a read-only SessionSource over a fixed list of events, for
// views that read a connection's history from their source.
#include "sessionsource.h"

namespace sockscope {

class FakeSessionSource final : public SessionSource {
public:
    explicit FakeSessionSource(EventBatch events = {})
        : m_events(std::move(events)) {}

    void add(const EventBatch& events) { m_events += events; }

    EventBatch events() const override { return m_events; }
    EventBatch dataOf(int conn) const override {
        EventBatch data;
        for (const CaptureEvent& e : m_events) {
            if (e.kind == EventKind::Data && e.conn == conn)
                data += e;
        }
        return data;
    }
    Engine* engine() const override { return nullptr; }
    QString filePath() const override { return {}; }
    void replay() override {}

private:
    EventBatch m_events;
};

} // namespace sockscope
