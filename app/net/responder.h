#pragma once

#include "net/config.h"

namespace sockscope {

class Connection;

// Makes an accepted connection answer by itself, per its listener's config:
//   manual  - only capture; the person decides what to send and when to close
//   echo    - send every received byte back; after the peer's FIN, finish
//             sending and close
//   discard - read and drop; close after the peer's FIN
//   reply   - on the first received bytes (the request) or the peer's FIN,
//             send the reply file once, then shut down the write side; the
//             connection closes when the client closes its side
void attachResponder(Connection* connection, const ResponderConfig& config);

} // namespace sockscope
