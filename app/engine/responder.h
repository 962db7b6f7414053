#pragma once

#include "engine/config.h"

namespace sockscope {

class Connection;

// Makes an accepted connection answer by itself, per its listener's config:
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
// The session calls it after recording each event, so the answer follows
// what caused it in the capture.
class Responder {
public:
    explicit Responder(const ResponderConfig& config)
        : m_config(config) {}

    bool isManual() const { return m_config.kind == ResponderConfig::Kind::Manual; }
    void onReceived(Connection* connection, const QByteArray& bytes);
    void onPeerFinished(Connection* connection);

private:
    void replyOnce(Connection* connection);

    ResponderConfig m_config; // a copy: the listener may stop before its connections
    bool m_replied = false;
};

} // namespace sockscope
