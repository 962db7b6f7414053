#pragma once

// For the tests of a relay's hold: a person's command, framed by lines.
#include "engine/interceptcommand.h"

namespace sockscope {

inline InterceptCommand command(InterceptCommand::Kind kind, int conn, int message = 0,
                                const QByteArray& payload = {}) {
    InterceptCommand c;
    c.kind = kind;
    c.conn = conn;
    c.message = message;
    c.payload = payload;
    c.framing = FramingRule{}; // lines
    return c;
}

} // namespace sockscope
