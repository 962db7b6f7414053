#pragma once

#include "base/captureevent.h"

#include <QFlags>

namespace sockscope {

// The lifecycle of one TCP connection as a value, with one transition
// function and no sockets: Connection feeds it what happened (the peer's
// FIN, the write queue drained, a person's half-close, close, abort or
// reset, a hold on reading set or lifted) and performs the effects it
// returns (shutdown(SHUT_WR), the observer's calls, releasing the
// descriptor, the poll interest). The rules of docs/design.md "Lifecycle
// rules" live here, in one place, tested row by row
// (tests/tst_connectionstate.cpp); before, they were a phase and six
// booleans changed in four functions.
//
// The two directions of a TCP connection end separately, so each has its
// own state.
//
// Read side: open or at EOF (the peer's FIN), plus a set of holds. A hold
// is not a state of its own because holds are independent and can be set
// together: a person's pause, our own write backlog (an echo whose peer
// does not read), and another connection's backlog (a relay's other leg
// that cannot keep up). Each is set and lifted by its own party, and
// reading resumes only when none is left, so a paused connection stays
// paused when back-pressure lifts. As an enum that would take a state for
// every combination and a rule for every lift. EOF ends reading whatever
// holds it; the holds stay, as nothing reads after EOF anyway.
//
// Write side: open (takes data), draining then half-close, draining then
// close, shut (our FIN is sent). Data is taken only while open; the two
// draining states write what was queued before the request, then shut.
class ConnectionState final {
public:
    enum class Phase : quint8 { Resolving, Connecting, Open, Finished };
    // What the read side does now, derived from EOF and the holds.
    enum class Read : quint8 { Reading, Held, Eof };
    enum class Write : quint8 { Open, DrainThenHalfClose, DrainThenClose, Shut };
    enum class Hold : quint8 {
        User = 1 << 0,            // a person paused reading
        OwnBacklog = 1 << 1,      // our write queue is over its high-water mark
        OtherConnection = 1 << 2, // another connection's is (a relay's other leg)
    };
    Q_DECLARE_FLAGS(Holds, Hold)

    enum class Input : quint8 {
        Resolved,        // the host name resolved: connecting
        Connected,       // the non-blocking connect completed
        PeerFin,         // a read returned 0: the peer's FIN
        QueueDrained,    // a flush left nothing queued to write
        HalfClose,       // asked: shut our write side once the queue is written
        Close,           // asked: close once the queue is written; while connecting, cancel
        Abort,           // asked: close now, dropping the queue (a stalled graceful close)
        Reset,           // asked: close with an RST, dropping the queue
        Fail,            // an error ended it (connect, read, write, file, poll)
        Pause,           // a person paused reading ...
        Resume,          // ... and resumed it
        BacklogHigh,     // our write queue went over its high-water mark ...
        BacklogLow,      // ... and under its low-water mark
        HeldByOther,     // another connection's write queue is backlogged ...
        ReleasedByOther, // ... and no longer is
    };

    // What the connection does after a transition, in this order (the
    // order of the bits). Every ending (Cancel, ReportFailure, SendReset,
    // Finish) comes only with the transition into Finished, so each
    // connection ends exactly once, however its observer re-enters it.
    enum class Effect : quint16 {
        ReportPeerHalfClose = 1 << 0,  // observer: half-close by=peer
        ShutdownWrite = 1 << 1,        // shutdown(SHUT_WR) through the transport
        ReportLocalHalfClose = 1 << 2, // observer: half-close by=local
        Flush = 1 << 3,                // write the queue; drained: Input::QueueDrained
        Cancel = 1 << 4,               // the connect is cancelled: release, report "cancelled"
        ReportFailure = 1 << 5,        // release, report the error
        SendReset = 1 << 6,            // SO_LINGER {1, 0}, release, report the reset
        Finish = 1 << 7,               // release, report close by=closer()
        UpdateInterest = 1 << 8,       // what to poll for may have changed
    };
    Q_DECLARE_FLAGS(Effects, Effect)

    struct Transition;

    // An accepted connection: open from the start.
    static ConnectionState accepted();
    // An outgoing one, resolving its host first. closeAtPeerFin: close
    // gracefully at the peer's FIN (ClientConfig::closeAfterPeerFinished).
    static ConnectionState outgoing(bool closeAtPeerFin);

    // The one transition function.
    Transition apply(Input input) const;

    Phase phase() const { return m_phase; }
    Read read() const;
    Write write() const { return m_write; }
    Holds holds() const { return m_holds; }
    // Whose FIN came first; Local when neither did (an abort, a reset).
    Closer closer() const { return m_firstFin == Closer::None ? Closer::Local : m_firstFin; }
    // Whether send() is taken: not once a half-close or close was asked.
    bool takesData() const { return m_phase != Phase::Finished && m_write == Write::Open; }
    bool wantsToRead() const { return m_phase == Phase::Open && read() == Read::Reading; }
    // A half-close or close waits for the queue: our FIN follows once it is written.
    bool draining() const {
        return m_write == Write::DrainThenHalfClose || m_write == Write::DrainThenClose;
    }

private:
    ConnectionState(Phase phase, bool closeAtPeerFin);
    void setHold(Hold hold, bool on);

    Phase m_phase;
    Write m_write = Write::Open;
    bool m_eof = false;
    Holds m_holds;
    Closer m_firstFin = Closer::None;
    bool m_closeAtPeerFin;
};

struct ConnectionState::Transition {
    ConnectionState state;
    Effects effects;
};

Q_DECLARE_OPERATORS_FOR_FLAGS(ConnectionState::Holds)
Q_DECLARE_OPERATORS_FOR_FLAGS(ConnectionState::Effects)

} // namespace sockscope
