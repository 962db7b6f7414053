#include "sessionsource.h"

namespace sockscope {

SessionSource::SessionSource(QObject* parent)
    : QObject(parent) {
}

SessionSource::~SessionSource() = default;

std::optional<QByteArray> SessionSource::fullPayload(const CaptureEvent& event) const {
    if (!event.isPreview())
        return event.data;
    return payloadOf(event.seq);
}

} // namespace sockscope
