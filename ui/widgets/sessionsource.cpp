#include "sessionsource.h"

#include "capture/capturestore.h"

namespace sockscope {

SessionSource::SessionSource(QObject* parent)
    : QObject(parent) {
}

SessionSource::~SessionSource() = default;

std::optional<QByteArray> SessionSource::fullPayload(const CaptureEvent& event) const {
    if (!event.isPreview())
        return event.data;
    return store().payload(event.conn, event.seq);
}

} // namespace sockscope
