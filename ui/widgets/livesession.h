#pragma once

#include "sessionsource.h"

#include <QPointer>

namespace sockscope {

// The running session: the engine's batches as they come, its capture store
// for export, follow stream and the other views.
class LiveSession final : public SessionSource {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LiveSession)
public:
    explicit LiveSession(Engine* engine, QObject* parent = nullptr);
    ~LiveSession() override;

    const CaptureStore& store() const override;
    Engine* engine() const override;
    QString filePath() const override { return {}; }
    void replay() override {}
    void acknowledgeBatch() override;

private:
    QPointer<Engine> m_engine; // may outlive the window, or not
};

} // namespace sockscope
