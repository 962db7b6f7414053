#pragma once

#include <QString>

namespace sockscope {

// Local wall-clock time of day with microseconds, "HH:mm:ss.zzzzzz", for
// tables where the date is noise and ordering within a millisecond matters.
QString formatLocalTimeUs(qint64 timeUs);

} // namespace sockscope
