#pragma once

#include "base/captureevent.h"

#include <QByteArray>

namespace sockscope {

// One line per event for headless mode, first word the event, then
// key=value fields; values with spaces or escapes are quoted. A bound
// listener prints exactly "listening ADDR:PORT" so scripts can use port 0.
QByteArray formatEventLine(const CaptureEvent& event);

} // namespace sockscope
