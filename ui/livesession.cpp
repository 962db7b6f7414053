#include "livesession.h"

#include "net/engine.h"

namespace sockscope {

LiveSession::LiveSession(Engine* engine, QObject* parent)
    : SessionSource(parent)
    , m_engine(engine) {
    m_engine->yieldToWindow();
    connect(engine, &Engine::batchReady, this, &SessionSource::batchReady);
}

const CaptureStore& LiveSession::store() const {
    return m_engine->store();
}

} // namespace sockscope
