#include "engine/relaypair.h"

namespace sockscope {

using Kind = ConnectionAction::Kind;

ConnectionActions RelayPair::onStarted() const {
    return {ConnectionAction::of(Kind::HoldReading, m_client)};
}

ConnectionActions RelayPair::onConnected(int conn) const {
    if (conn != m_upstream)
        return {};
    return {ConnectionAction::of(Kind::ReleaseReading, m_client)};
}

ConnectionActions RelayPair::onReceived(int conn, const QByteArray& bytes) const {
    return {ConnectionAction::send(other(conn), bytes)};
}

ConnectionActions RelayPair::onPeerFinished(int conn) const {
    return {ConnectionAction::of(Kind::HalfClose, other(conn))};
}

ConnectionActions RelayPair::onClosed(int conn) const {
    return {ConnectionAction::of(Kind::Close, other(conn))};
}

ConnectionActions RelayPair::onFailed(int conn) const {
    return {ConnectionAction::of(Kind::Reset, other(conn))};
}

ConnectionActions RelayPair::onBacklogChanged(int conn, bool backlogged) const {
    return {
        ConnectionAction::of(backlogged ? Kind::HoldReading : Kind::ReleaseReading, other(conn))};
}

} // namespace sockscope
