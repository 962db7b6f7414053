#include "livesession.h"

#include "net/engine.h"

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

void LiveSession::acknowledgeBatch() {
    m_engine->acknowledgeBatch();
}

const CaptureStore& LiveSession::store() const {
    return m_engine->store();
}

} // namespace sockscope
