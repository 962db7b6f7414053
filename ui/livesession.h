#pragma once

#include "sessionsource.h"

namespace sockscope {

// The running session: the engine's batches as they come, its capture store
// for export, follow stream and the other views.
class LiveSession final : public SessionSource {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LiveSession)
public:
    explicit LiveSession(Engine* engine, QObject* parent = nullptr);

    const CaptureStore& store() const override;
    Engine* engine() const override { return m_engine; }
    QString filePath() const override { return {}; }
    void replay() override {}
    void acknowledgeBatch() override;

private:
    Engine* m_engine = nullptr;
};

} // namespace sockscope
