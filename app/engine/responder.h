#pragma once

#include "engine/config.h"
#include "engine/connectionaction.h"

namespace sockscope {

// Decides how an accepted connection answers by itself, per its listener's
// config:
//   manual  - only capture; the person decides what to send and when to close
//   echo    - send every received byte back; after the peer's FIN, finish
//             sending and close
//   discard - read and drop; close after the peer's FIN
//   reply   - on the first received bytes (the request) or the peer's FIN,
//             send the reply file once, then shut down the write side; the
//             file is streamed a chunk at a time as the peer takes it, each
//             connection reading it on its own, so memory does not grow
//             with the file's size or the number of connections; the
//             connection closes when the client closes its side
// It only decides: it returns actions and never touches a connection, so
// it cannot be destroyed while one of its own calls is on the stack, and it
// is tested without sockets. The session tells it each event after
// recording it and applies the actions at once, so the answer follows what
// caused it in the capture.
class Responder final {
public:
    Responder(int conn, const ResponderConfig& config)
        : m_conn(conn)
        , m_config(config) {}

    bool isManual() const { return m_config.kind == ResponderConfig::Kind::Manual; }
    ConnectionActions onReceived(const QByteArray& bytes);
    ConnectionActions onPeerFinished();

private:
    ConnectionActions replyOnce();

    int m_conn;
    ResponderConfig m_config; // a copy: the listener may stop before its connections
    bool m_replied = false;
};

} // namespace sockscope
