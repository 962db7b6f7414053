#pragma once

#include "capture/eventsource.h"

class QIODevice;

namespace sockscope {

// A self-contained HTML page for people: a summary of listeners and
// connections, then each connection's conversation. No scripts, inline CSS
// only, every captured string escaped. Payloads are shown up to these
// bounds, so that the page stays one a browser can open; the JSON Lines
// export is the lossless one.
inline constexpr qsizetype kHtmlChunkShownBytes = 64 * 1024;
inline constexpr qsizetype kHtmlReportShownBytes = 16 * 1024 * 1024;

bool writeHtmlReport(const EventSource& events, QIODevice& device, qint64 exportTimeUs);

} // namespace sockscope
