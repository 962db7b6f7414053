#include "livesession.h"

#include "capture/capturestore.h"
#include "net/engine.h"

namespace sockscope {

LiveSession::LiveSession(Engine* engine, QObject* parent)
    : SessionSource(parent)
    , m_engine(engine) {
    m_engine->yieldToWindow();
    connect(engine, &Engine::batchReady, this, &SessionSource::batchReady);
}

EventBatch LiveSession::events() const {
    return m_engine->store().snapshot();
}

EventBatch LiveSession::dataOf(int conn) const {
    return m_engine->store().dataOf(conn);
}

std::optional<QByteArray> LiveSession::payloadOf(quint64 seq) const {
    const std::optional<CaptureEvent> event = m_engine->store().event(seq);
    if (!event)
        return std::nullopt;
    return event->data;
}

} // namespace sockscope
