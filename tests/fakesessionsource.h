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
    void clear() { m_events.clear(); }

    EventBatch events() const override { return m_events; }
    EventBatch dataOf(int conn) const override {
        EventBatch data;
        for (const CaptureEvent& e : m_events) {
            if (e.kind == EventKind::Data && e.conn == conn)
                data += e;
        }
        return data;
    }
    std::optional<QByteArray> payloadOf(quint64 seq) const override {
        for (const CaptureEvent& e : m_events) {
            if (e.kind == EventKind::Data && e.seq == seq)
                return e.data;
        }
        return std::nullopt;
    }
    Engine* engine() const override { return nullptr; }
    QString filePath() const override { return {}; }
    void replay() override {}

private:
    EventBatch m_events;
};

} // namespace sockscope
