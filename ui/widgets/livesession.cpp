#include "livesession.h"

#include "engine/engine.h"

namespace sockscope {

LiveSession::LiveSession(Engine* engine, QObject* parent)
    : SessionSource(parent)
    , m_engine(engine) {
    m_engine->yieldToWindow();
    // The window's pacer may hold a batch over several passes of the event
    // loop: it says when it is done (MainWindow wires BatchPacer::batchHandedOn).
    m_engine->setManualAcknowledgement(true);
    connect(engine, &Engine::batchReady, this, &SessionSource::batchReady);
}

LiveSession::~LiveSession() {
    // An engine that outlives its window must not wait for it.
    if (m_engine)
        m_engine->setManualAcknowledgement(false);
}

void LiveSession::acknowledgeBatch() {
    if (m_engine)
        m_engine->acknowledgeBatch();
}

Engine* LiveSession::engine() const {
    return m_engine;
}

const CaptureStore& LiveSession::store() const {
    return m_engine->store();
}

} // namespace sockscope
