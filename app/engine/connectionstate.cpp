#include "engine/connectionstate.h"

namespace sockscope {

ConnectionState::ConnectionState(Phase phase, bool closeAtPeerFin)
    : m_phase(phase)
    , m_closeAtPeerFin(closeAtPeerFin) {
}

ConnectionState ConnectionState::accepted() {
    return ConnectionState(Phase::Open, false);
}

ConnectionState ConnectionState::outgoing(bool closeAtPeerFin) {
    return ConnectionState(Phase::Resolving, closeAtPeerFin);
}

ConnectionState::Read ConnectionState::read() const {
    if (m_eof)
        return Read::Eof;
    return m_holds ? Read::Held : Read::Reading;
}

void ConnectionState::setHold(Hold hold, bool on) {
    m_holds.setFlag(hold, on);
}

ConnectionState::Transition ConnectionState::apply(Input input) const {
    ConnectionState next = *this;
    if (m_phase == Phase::Finished)
        return {next, {}}; // ended once; nothing changes it again
    const auto finish = [&next](Effect ending) -> Transition {
        next.m_phase = Phase::Finished;
        return {next, ending};
    };

    // The same in every phase until the end.
    switch (input) {
    case Input::Pause:
    case Input::Resume:
        next.setHold(Hold::User, input == Input::Pause);
        return {next, Effect::UpdateInterest};
    case Input::BacklogHigh:
    case Input::BacklogLow:
        next.setHold(Hold::OwnBacklog, input == Input::BacklogHigh);
        return {next, Effect::UpdateInterest};
    case Input::HeldByOther:
    case Input::ReleasedByOther:
        next.setHold(Hold::OtherConnection, input == Input::HeldByOther);
        return {next, Effect::UpdateInterest};
    case Input::Fail:
        return finish(Effect::ReportFailure);
    default:
        break;
    }

    if (m_phase != Phase::Open) {
        // Resolving or connecting: there is no peer yet to write to or to
        // reset, so ending it means cancelling the connect; what was sent or
        // asked for meanwhile waits for the connection.
        switch (input) {
        case Input::Resolved:
            if (m_phase == Phase::Resolving)
                next.m_phase = Phase::Connecting;
            return {next, {}};
        case Input::Connected:
            if (m_phase == Phase::Connecting)
                next.m_phase = Phase::Open;
            return {next, {}};
        case Input::HalfClose:
            if (m_write == Write::Open)
                next.m_write = Write::DrainThenHalfClose;
            return {next, {}};
        case Input::Close:
        case Input::Abort:
        case Input::Reset:
            return finish(Effect::Cancel);
        default:
            return {next, {}};
        }
    }

    switch (input) {
    case Input::PeerFin: {
        if (m_eof)
            return {next, {}};
        next.m_eof = true;
        if (next.m_firstFin == Closer::None)
            next.m_firstFin = Closer::Peer;
        Transition t{next, Effect::ReportPeerHalfClose};
        if (m_write == Write::Shut) {
            // FIN both ways: the connection is over.
            t.state.m_phase = Phase::Finished;
            t.effects |= Effect::Finish;
        } else if (m_closeAtPeerFin) {
            // Graceful: what is queued is written first, then our FIN.
            t.state.m_write = Write::DrainThenClose;
            t.effects |= Effect::Flush;
        } else {
            // CLOSE_WAIT: we may still send, and close when asked.
            t.effects |= Effect::UpdateInterest;
        }
        return t;
    }
    case Input::QueueDrained: {
        if (m_write == Write::Open || m_write == Write::Shut)
            return {next, Effect::UpdateInterest};
        next.m_write = Write::Shut;
        if (next.m_firstFin == Closer::None)
            next.m_firstFin = Closer::Local;
        Transition t{next, Effect::ShutdownWrite | Effect::ReportLocalHalfClose};
        if (m_write == Write::DrainThenClose || m_eof) {
            t.state.m_phase = Phase::Finished;
            t.effects |= Effect::Finish;
        } else {
            t.effects |= Effect::UpdateInterest;
        }
        return t;
    }
    case Input::HalfClose:
        if (m_write == Write::Shut)
            return {next, {}};
        if (m_write == Write::Open)
            next.m_write = Write::DrainThenHalfClose;
        return {next, Effect::Flush};
    case Input::Close:
        if (m_write == Write::Shut)
            return finish(Effect::Finish); // our FIN is out; the queue is empty
        next.m_write = Write::DrainThenClose;
        return {next, Effect::Flush};
    case Input::Abort:
        return finish(Effect::Finish);
    case Input::Reset:
        return finish(Effect::SendReset);
    default:
        return {next, {}};
    }
}

} // namespace sockscope
