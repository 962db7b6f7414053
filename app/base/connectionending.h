#pragma once

#include "base/captureevent.h"

namespace sockscope {

// How a connection ended, told as what happened. A close event's `by` is
// only whose FIN came first, so "closed by peer" read the wrong way round:
// the peer half-closes, we press Close, and it said "by peer". Fed one
// connection's events in order; it keeps which FINs it saw, and whose came
// first, from the half-close events, and the close. Its words are the one
// source for the window (translated) and the exports (English).
class ConnectionEnding final {
public:
    enum class Kind : quint8 {
        Open,           // no FIN and no close yet
        PeerHalfClosed, // the peer's FIN; we can still send
        WeHalfClosed,   // our FIN; the peer can still send
        PeerFirst,      // the peer half-closed, then we closed
        WeFirst,        // we half-closed, then the peer closed
        WeClosed,       // we closed before any FIN from the peer
        Closed,         // closed, with no word of whose FIN came first
        WeReset,        // we sent an RST (Abort), with or without a FIN before it
    };
    enum class Wording : quint8 { English, Translated };

    // Half-close and close events count; any other event is ignored.
    void observe(const CaptureEvent& event);

    Kind kind() const;
    bool isClosed() const { return m_closed; }
    // "Peer half-closed, then we closed"; empty while Open.
    QString text(Wording wording) const;

    // One event on its own, without the events before it.
    // "peer shut down its sending side"
    static QString halfCloseText(Closer by, Wording wording);
    // "closed; the peer's FIN came first"
    static QString closeText(Closer by, Wording wording);
    // As above, or "we reset the connection (RST)" for a reset.
    static QString closeText(const CaptureEvent& close, Wording wording);

private:
    Closer m_first = Closer::None; // whose FIN came first
    bool m_peerFin = false;
    bool m_ourFin = false;
    bool m_closed = false;
    bool m_reset = false; // the close was our RST
};

} // namespace sockscope
