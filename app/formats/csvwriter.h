#pragma once

#include "capture/eventsource.h"

class QIODevice;

namespace sockscope {

// CSV (RFC 4180): a header row, then one row per event; every cell quoted,
// CRLF line ends, UTF-8. Columns in docs/session-format.md. A cell that
// starts with = + - @ tab, CR or ' gets one leading ' so that spreadsheets
// never run it as a formula; readers drop one leading ' to get the value.
bool writeCsvSession(const EventSource& events, QIODevice& device);

} // namespace sockscope
