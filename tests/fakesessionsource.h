#pragma once

// Test support: a read-only SessionSource over a real CaptureStore filled
// with the test's events, for views that read a connection's history.
#include "capture/capturestore.h"
#include "sessionsource.h"

#include <memory>

namespace sockscope {

class FakeSessionSource final : public SessionSource {
public:
    explicit FakeSessionSource(const EventBatch& events = {}) { add(events); }

    void add(const EventBatch& events) {
        for (const CaptureEvent& e : events)
            m_store->append(e);
    }
    void clear() { m_store = std::make_unique<CaptureStore>(); }
    void setKeepPolicy(int conn, const KeepPolicy& keep) { m_store->setKeepPolicy(conn, keep); }

    const CaptureStore& store() const override { return *m_store; }
    Engine* engine() const override { return nullptr; }
    QString filePath() const override { return {}; }
    void replay() override {}

private:
    std::unique_ptr<CaptureStore> m_store = std::make_unique<CaptureStore>();
};

} // namespace sockscope
