#pragma once

#include "capture/capturestore.h"

#include <QByteArray>
#include <QString>

#include <optional>
#include <vector>

namespace sockscope {

// One side's bytes between two turns of the other side: what the client
// sent before the server answered, or the answer.
struct ReplayTurn {
    bool fromClient = true;
    QByteArray bytes;
    qint64 timeUs = 0; // when its first byte passed, in the original
};

// A recorded conversation, as the client and the server took turns.
struct ReplayConversation {
    int conn = 0; // its id in the file (JSON Lines) or the stream's number (YAML)
    std::vector<ReplayTurn> turns;
};

// The conversations of a saved session, in the order they started:
// SockScope's JSON Lines (docs/session-format.md; a relay's upstream legs
// are left out, their client legs hold the same conversation) or
// Wireshark's Follow TCP Stream YAML (tshark -q -z follow,tcp,yaml,N, peer 0
// the client). The format is told by the first character: '{' is JSON.
// nullopt with *error naming the file and the fault.
std::optional<std::vector<ReplayConversation>> loadReplayConversations(const QString& path,
                                                                       QString* error);

// The conversations of a capture (the window's session, live or saved), as
// above; onlyConn != 0: that connection's alone (none if it is a relay's
// upstream leg). nullopt when their bytes add up to more than maxBytes (a
// replay holds them all in memory), told from the streams' lengths before
// any payload is read, so a 4 GiB capture is refused at once.
std::optional<std::vector<ReplayConversation>> replayConversations(const CaptureStore& store,
                                                                   int onlyConn, qint64 maxBytes);
// The server the session's first outgoing client (or onlyConn, if it is
// one) connected to, as typed; empty when there is none.
QString recordedServer(const EventSource& events, int onlyConn = 0);

// The same, from Follow TCP Stream YAML text.
std::optional<ReplayConversation> parseFollowYaml(const QByteArray& yaml, QString* error);

} // namespace sockscope
