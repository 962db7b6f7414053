#pragma once

#include "engine/filesource.h"

#include <QByteArray>
#include <QVarLengthArray>

#include <memory>
#include <utility>

namespace sockscope {

// What should happen to a connection, decided by a responder (or a person)
// and carried out by the Session once the decision maker has returned, so
// that nothing acts on a connection from inside that connection's own
// callback. It names its connection by id: a relay acts on the other leg,
// and the connection may be gone by the time the action is applied.
struct ConnectionAction {
    enum class Kind {
        Send,
        SendFile,
        HalfClose,
        Close,
        Reset,
        PauseReading,   // a person's pause ...
        ResumeReading,  // ... and resume
        HoldReading,    // another connection cannot take more (a relay's other leg) ...
        ReleaseReading, // ... and can again; independent of a person's pause
        // The actions after this one on the same connection wait delayMs
        // (a rule's delayed reply); so do later ones, so order is kept.
        Wait
    };

    Kind kind = Kind::Send;
    int conn = 0;
    QByteArray bytes;                       // Send
    std::shared_ptr<const FileSource> file; // SendFile
    int delayMs = 0;                        // Wait

    static ConnectionAction send(int conn, const QByteArray& bytes) {
        return {Kind::Send, conn, bytes, {}, 0};
    }
    static ConnectionAction sendFile(int conn, std::shared_ptr<const FileSource> file) {
        return {Kind::SendFile, conn, {}, std::move(file), 0};
    }
    static ConnectionAction wait(int conn, int delayMs) {
        return {Kind::Wait, conn, {}, {}, delayMs};
    }
    static ConnectionAction of(Kind kind, int conn) { return {kind, conn, {}, {}, 0}; }

    friend bool operator==(const ConnectionAction&, const ConnectionAction&) = default;
};

// Inline room for two: what a responder returns costs no allocation per read.
using ConnectionActions = QVarLengthArray<ConnectionAction, 2>;

} // namespace sockscope
