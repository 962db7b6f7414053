#pragma once

#include "capture/streamframer.h"

#include <QByteArray>

#include <optional>

namespace sockscope {

// A person's command to a relay pair's hold (InterceptQueue). A direction
// is named by the leg its bytes arrive on: the client's leg for client →
// server, the upstream leg for server → client.
struct InterceptCommand {
    enum class Kind : quint8 {
        Hold,        // framing: how to cut messages; nullopt: chunks as read
        StopHolding, // and release everything held
        Release,     // message
        ReleaseAll,
        Drop,   // message
        Edit,   // message, payload
        Inject, // payload: a new message, framed, behind whatever waits
    };
    Kind kind = Kind::Hold;
    int conn = 0;
    int message = 0;
    QByteArray payload;
    std::optional<FramingRule> framing;
};

} // namespace sockscope
