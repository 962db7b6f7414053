#pragma once

// Test support: a read-only SessionSource over a real CaptureStore filled
// with the test's events, for views that read a connection's history.
#include "capture/capturestore.h"
#include "sessionsource.h"

#include <functional>
#include <memory>

namespace sockscope {

class FakeSessionSource final : public SessionSource {
public:
    explicit FakeSessionSource(const EventBatch& events = {}, QObject* parent = nullptr)
        : SessionSource(parent) {
        add(events);
    }
    ~FakeSessionSource() override {
        if (m_beforeStoreGoes)
            m_beforeStoreGoes();
    }

    void add(const EventBatch& events) {
        for (const CaptureEvent& e : events)
            m_store->append(e);
    }
    void add(const CaptureEvent& event) { m_store->append(event); }
    // Runs as the session is destroyed, while its store still exists.
    void setBeforeStoreGoes(std::function<void()> check) { m_beforeStoreGoes = std::move(check); }
    void clear() { m_store = std::make_unique<CaptureStore>(); }
    void setKeepPolicy(int conn, const KeepPolicy& keep) { m_store->setKeepPolicy(conn, keep); }

    const CaptureStore& store() const override { return *m_store; }
    Engine* engine() const override { return nullptr; }
    QString filePath() const override { return {}; }
    void replay() override {}

private:
    std::unique_ptr<CaptureStore> m_store = std::make_unique<CaptureStore>();
    std::function<void()> m_beforeStoreGoes;
};

} // namespace sockscope
