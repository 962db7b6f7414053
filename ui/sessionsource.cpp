#include "sessionsource.h"

namespace sockscope {

SessionSource::SessionSource(QObject* parent)
    : QObject(parent) {
}

SessionSource::~SessionSource() = default;

} // namespace sockscope
