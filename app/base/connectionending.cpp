#include "base/connectionending.h"

#include <QCoreApplication>

namespace sockscope {

namespace {

// Marked for lupdate (ui/CMakeLists.txt lists this file); the window looks
// them up in this context, the exports keep the English.
constexpr char kContext[] = "sockscope::ConnectionEnding";

QString worded(const char* source, ConnectionEnding::Wording wording) {
    if (wording == ConnectionEnding::Wording::Translated)
        return QCoreApplication::translate(kContext, source);
    return QString::fromUtf8(source);
}

const char* endingSource(ConnectionEnding::Kind kind) {
    using Kind = ConnectionEnding::Kind;
    switch (kind) {
    case Kind::Open:
        break;
    case Kind::PeerHalfClosed:
        return QT_TRANSLATE_NOOP("sockscope::ConnectionEnding", "Peer half-closed");
    case Kind::WeHalfClosed:
        return QT_TRANSLATE_NOOP("sockscope::ConnectionEnding", "We half-closed");
    case Kind::PeerFirst:
        return QT_TRANSLATE_NOOP("sockscope::ConnectionEnding", "Peer half-closed, then we closed");
    case Kind::WeFirst:
        return QT_TRANSLATE_NOOP("sockscope::ConnectionEnding",
                                 "We half-closed, then the peer closed");
    case Kind::WeClosed:
        return QT_TRANSLATE_NOOP("sockscope::ConnectionEnding", "We closed");
    case Kind::Closed:
        return QT_TRANSLATE_NOOP("sockscope::ConnectionEnding", "Closed");
    case Kind::WeReset:
        break; // depends on the FINs before it: resetSource()
    }
    return nullptr;
}

const char* resetSource(Closer firstFin, bool ourFin) {
    if (firstFin == Closer::Peer)
        return QT_TRANSLATE_NOOP("sockscope::ConnectionEnding",
                                 "Peer half-closed, then we reset the connection");
    if (ourFin)
        return QT_TRANSLATE_NOOP("sockscope::ConnectionEnding",
                                 "We half-closed, then reset the connection");
    return QT_TRANSLATE_NOOP("sockscope::ConnectionEnding", "We reset the connection");
}

} // namespace

void ConnectionEnding::observe(const CaptureEvent& event) {
    if (m_closed)
        return;
    switch (event.kind) {
    case EventKind::HalfClose:
        if (m_first == Closer::None)
            m_first = event.by;
        if (event.by == Closer::Peer)
            m_peerFin = true;
        else if (event.by == Closer::Local)
            m_ourFin = true;
        return;
    case EventKind::Close:
        // No half-close before it (an abort, or a capture that lost them):
        // its `by` still says whose FIN came first.
        if (m_first == Closer::None)
            m_first = event.by;
        m_closed = true;
        m_reset = event.reset;
        return;
    default:
        return;
    }
}

ConnectionEnding::Kind ConnectionEnding::kind() const {
    if (!m_closed) {
        switch (m_first) {
        case Closer::Peer:
            return Kind::PeerHalfClosed;
        case Closer::Local:
            return Kind::WeHalfClosed;
        case Closer::None:
            break;
        }
        return Kind::Open;
    }
    if (m_reset)
        return Kind::WeReset;
    switch (m_first) {
    case Closer::Peer:
        // After the peer's FIN SockScope closes its socket: with its own FIN
        // (Close, Half-close, a responder done) or without (an abort).
        return Kind::PeerFirst;
    case Closer::Local:
        // Close on an open connection ends it right after our FIN.
        return m_peerFin ? Kind::WeFirst : Kind::WeClosed;
    case Closer::None:
        break;
    }
    return Kind::Closed;
}

QString ConnectionEnding::text(Wording wording) const {
    const Kind k = kind();
    const char* source = k == Kind::WeReset ? resetSource(m_first, m_ourFin) : endingSource(k);
    return source ? worded(source, wording) : QString();
}

QString ConnectionEnding::halfCloseText(Closer by, Wording wording) {
    switch (by) {
    case Closer::Peer:
        return worded(
            QT_TRANSLATE_NOOP("sockscope::ConnectionEnding", "peer shut down its sending side"),
            wording);
    case Closer::Local:
        return worded(
            QT_TRANSLATE_NOOP("sockscope::ConnectionEnding", "we shut down our sending side"),
            wording);
    case Closer::None:
        break;
    }
    return worded(
        QT_TRANSLATE_NOOP("sockscope::ConnectionEnding", "one side shut down its sending side"),
        wording);
}

QString ConnectionEnding::closeText(Closer by, Wording wording) {
    switch (by) {
    case Closer::Peer:
        return worded(
            QT_TRANSLATE_NOOP("sockscope::ConnectionEnding", "closed; the peer's FIN came first"),
            wording);
    case Closer::Local:
        return worded(
            QT_TRANSLATE_NOOP("sockscope::ConnectionEnding", "closed; our FIN came first"),
            wording);
    case Closer::None:
        break;
    }
    return worded(QT_TRANSLATE_NOOP("sockscope::ConnectionEnding", "closed"), wording);
}

QString ConnectionEnding::closeText(const CaptureEvent& close, Wording wording) {
    if (close.reset)
        return worded(
            QT_TRANSLATE_NOOP("sockscope::ConnectionEnding", "we reset the connection (RST)"),
            wording);
    return closeText(close.by, wording);
}

} // namespace sockscope
