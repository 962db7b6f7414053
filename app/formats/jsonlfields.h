#pragma once

#include "base/captureevent.h"

namespace sockscope {

// The fields each JSON Lines event must carry. The writer emits them even
// when zero or empty and the reader refuses lines without them; all other
// fields are written only when set.
struct JsonlRequired {
    bool conn = false;
    bool listener = false;
    bool local = false;
    bool peer = false;
    bool dir = false;
    bool size = false;
    bool data = false;
    bool count = false;
    bool message = false;
};

constexpr JsonlRequired jsonlRequiredFields(EventKind kind) {
    switch (kind) {
    case EventKind::Listen:
        return {.listener = true, .local = true};
    case EventKind::Accept:
        return {.conn = true, .listener = true, .local = true, .peer = true};
    case EventKind::Connect:
        return {.conn = true, .peer = true};
    case EventKind::Connected:
        return {.conn = true, .local = true, .peer = true};
    case EventKind::Data:
    case EventKind::Wire:
        return {.conn = true, .dir = true, .size = true, .data = true};
    case EventKind::Tls:
        return {.conn = true};
    case EventKind::HalfClose:
        return {.conn = true};
    case EventKind::Close:
        return {};
    case EventKind::Error:
        return {.message = true};
    case EventKind::Drop:
        return {.size = true, .count = true};
    case EventKind::Intercept: // live only: never written, refused when read
        return {};
    case EventKind::Rule: // count: the message's number; responder: the rule
        return {.conn = true, .count = true};
    }
    return {};
}

} // namespace sockscope
