#include "engine/connection.h"

#include "base/endpoint.h"
#include "base/sockaddr.h"
#include "engine/plaintransport.h"
#include "engine/tlstransport.h"

#include <QHostInfo>
#include <QTimer>

#include <linux/sockios.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <iterator>
#include <optional>
#include <utility>

namespace sockscope {

namespace {
// Reads per notification before yielding, so one busy peer cannot starve
// the other sockets of this event loop.
constexpr int kReadsPerWakeup = 16;
// Back-pressure: while this much is waiting to be written, stop reading, so
// a peer that floods an echo listener without reading back cannot grow memory.
// Checked after every read, so a queue ends at most one read (256 KiB) above
// it. At 4 MiB (and checked per wake-up, up to 16 reads later), 64 such peers
// held 395-422 MiB; the kernel's own send buffer keeps a fast echo busy.
constexpr qint64 kWriteHighWater = 1024 * 1024;
constexpr qint64 kWriteLowWater = 256 * 1024;

// A file being sent is read this much at a time, and only while less than
// this is queued: with what the kernel buffers, the peer never waits for
// the disk, and 1,000 connections streaming a reply hold 128 MiB at most.
constexpr qint64 kFileChunkBytes = 64 * 1024;
} // namespace

Connection::Connection(int id, qintptr descriptor, const SocketAddress& peer, Poller* poller,
                       ConnectionObserver* observer, std::shared_ptr<const TlsContext> tls,
                       QObject* parent)
    : QObject(parent)
    , m_id(id)
    , m_state(ConnectionState::accepted())
    , m_fd(int(descriptor))
    , m_tls(std::move(tls))
    , m_poll(poller, this)
    , m_observer(observer)
    , m_peer(peer) {
    adopt();
}

Connection::Connection(int id, const ClientConfig& config, Poller* poller,
                       ConnectionObserver* observer, std::shared_ptr<const TlsContext> tls,
                       QObject* parent)
    : QObject(parent)
    , m_id(id)
    , m_state(ConnectionState::outgoing(config.closeAfterPeerFinished))
    , m_tls(std::move(tls))
    , m_poll(poller, this)
    , m_observer(observer)
    , m_client(config) {
    m_connectTimer = new QTimer(this);
    m_connectTimer->setSingleShot(true);
    connect(m_connectTimer, &QTimer::timeout, this, [this] {
        fail(ErrorCode::Timeout, QStringLiteral("no answer from %1 within %2 s")
                                     .arg(target())
                                     .arg(m_client.connectTimeoutMs / 1000.0));
    });
    m_connectTimer->start(m_client.connectTimeoutMs);
    QHostInfo::lookupHost(m_client.host, this, &Connection::onLookedUp);
}

Connection::~Connection() {
    releaseDescriptor();
}

QString Connection::target() const {
    return formatHostPort({m_client.host, m_client.port});
}

QString Connection::describePeer() const {
    return m_peer.isNull() ? target() : m_peer.toString();
}

void Connection::adopt() {
    m_local = localAddressOf(m_fd.get());
    QString error;
    if (m_tls)
        m_transport = TlsTransport::create(m_fd.get(), *m_tls, m_client.host,
                                           static_cast<TransportObserver*>(this), &error);
    else
        m_transport = std::make_unique<PlainTransport>(m_fd.get());
    if (!m_transport) {
        // Without a transport nothing is read or written: the descriptor
        // goes now. Reported from the event loop, as in updateInterest():
        // this may run in the constructor, before the session has recorded
        // the accept that the failure must follow.
        releaseDescriptor();
        const QString message =
            QStringLiteral("cannot start TLS with %1: %2").arg(describePeer(), error);
        QTimer::singleShot(0, this, [this, message] { fail(ErrorCode::TlsFailed, message); });
        return;
    }
    updateInterest();
}

void Connection::wireReceived(const QByteArray& bytes) {
    m_observer->connectionWire(this, Direction::In, bytes);
}

void Connection::wireSent(const QByteArray& bytes) {
    m_observer->connectionWire(this, Direction::Out, bytes);
}

bool Connection::wantsWire() const {
    return m_observer->connectionWantsWire();
}

void Connection::handshakeFinished(const std::shared_ptr<const TlsSummary>& summary) {
    m_observer->connectionSecured(this, summary);
}

void Connection::failTransport(const char* doing) {
    const TransportFailure failure = m_transport->failure(errno);
    fail(failure.code, QStringLiteral("%1 %2 failed: %3")
                           .arg(QLatin1StringView(doing), describePeer(), failure.reason));
}

void Connection::apply(Input input) {
    const ConnectionState::Transition transition = m_state.apply(input);
    m_state = transition.state;
    perform(transition.effects);
}

// In the order of the Effect bits. The state changed before any effect, so
// an observer that re-enters (a responder closing from its callback) meets
// the new state, and its own transition's effects run at once, nested; the
// effects left here then find the descriptor gone and do nothing.
void Connection::perform(Effects effects) {
    using Effect = ConnectionState::Effect;
    if (effects.testFlag(Effect::ReportPeerHalfClose))
        m_observer->connectionHalfClosed(this, Closer::Peer);
    // Our FIN: what must go before it went as the queue drained (flushQueue()).
    if (effects.testFlag(Effect::ShutdownWrite) && m_fd.isValid())
        ::shutdown(m_fd.get(), SHUT_WR);
    if (effects.testFlag(Effect::ReportLocalHalfClose))
        m_observer->connectionHalfClosed(this, Closer::Local);
    if (effects.testFlag(Effect::Flush))
        flushQueue();
    if (effects.testFlag(Effect::Cancel))
        end(ErrorCode::Cancelled, QStringLiteral("connect to %1 cancelled").arg(target()));
    // ReportFailure carries a code and a message, which are not state:
    // fail() performs it.
    if (effects.testFlag(Effect::SendReset))
        sendReset();
    if (effects.testFlag(Effect::Finish)) {
        releaseDescriptor();
        m_observer->connectionClosed(this, m_state.closer());
    }
    if (effects.testFlag(Effect::UpdateInterest))
        updateInterest();
}

void Connection::onLookedUp(const QHostInfo& info) {
    if (m_state.phase() != Phase::Resolving)
        return;
    if (info.error() != QHostInfo::NoError || info.addresses().isEmpty()) {
        fail(ErrorCode::HostNotFound,
             QStringLiteral("host '%1' not found: %2").arg(m_client.host, info.errorString()));
        return;
    }
    if (m_client.bindsSource()) {
        QString error;
        const std::optional<QHostAddress> source =
            m_client.sourceAddress.isEmpty() ? QHostAddress(QHostAddress::Any)
                                             : parseBindAddress(m_client.sourceAddress, &error);
        if (!source) {
            fail(
                ErrorCode::BadAddress,
                QStringLiteral("cannot bind the client to connect to %1: %2").arg(target(), error));
            return;
        }
        m_source = *source;
    }
    for (const QHostAddress& address : info.addresses()) {
        // A bound source decides the family: 127.0.0.1 cannot reach ::1.
        // Only "any6" (and no address at all) goes with either.
        const bool eitherFamily =
            m_source.isNull() || m_source.protocol() == QAbstractSocket::AnyIPProtocol;
        if (!eitherFamily && address.protocol() != m_source.protocol())
            continue;
        sockaddr_storage storage;
        const socklen_t length = toSockaddr(address, m_client.port, &storage);
        m_candidates.append(QByteArray(reinterpret_cast<const char*>(&storage), length));
    }
    if (m_candidates.isEmpty()) {
        const bool v4 = m_source.protocol() == QAbstractSocket::IPv4Protocol;
        fail(ErrorCode::BadAddress,
             QStringLiteral("cannot connect to %1 from %2: '%3' has no %4 address")
                 .arg(target(), formatEndpoint(m_source, m_client.sourcePort), m_client.host,
                      v4 ? QStringLiteral("IPv4") : QStringLiteral("IPv6")));
        return;
    }
    apply(Input::Resolved);
    connectToNextAddress();
}

void Connection::noteConnectFailure(ErrorCode code, const QString& message) {
    m_lastConnectCode = code;
    m_lastConnectError = message;
}

void Connection::connectToNextAddress() {
    releaseDescriptor();
    if (m_candidates.isEmpty()) {
        fail(m_lastConnectCode, m_lastConnectError);
        return;
    }
    const QByteArray candidate = m_candidates.takeFirst();
    const auto* address = reinterpret_cast<const sockaddr*>(candidate.constData());
    m_fd.reset(::socket(address->sa_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
    if (!m_fd.isValid()) {
        noteConnectFailure(errnoCode(errno),
                           QStringLiteral("cannot create a socket: %1").arg(errnoText(errno)));
        connectToNextAddress();
        return;
    }
    if (!applyClientOptions(address->sa_family)) {
        connectToNextAddress();
        return;
    }
    if (::connect(m_fd.get(), address, socklen_t(candidate.size())) != 0 && errno != EINPROGRESS) {
        noteConnectFailure(
            errnoCode(errno),
            QStringLiteral("cannot connect to %1: %2").arg(target(), errnoText(errno)));
        connectToNextAddress();
        return;
    }
    // Completion (or failure) of a non-blocking connect shows as writability.
    updateInterest();
}

bool Connection::applyClientOptions(int family) {
    const int one = 1;
    // The kernel's defaults unless asked: Nagle's algorithm on, no keepalive
    // probes, so what the person sees is what any plain client does.
    if (m_client.noDelay)
        ::setsockopt(m_fd.get(), IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    if (m_client.keepAlive)
        ::setsockopt(m_fd.get(), SOL_SOCKET, SO_KEEPALIVE, &one, sizeof(one));
    if (m_source.isNull())
        return true;
    QHostAddress bindTo = m_source;
    if (bindTo.protocol() == QAbstractSocket::AnyIPProtocol)
        bindTo = QHostAddress(family == AF_INET ? QHostAddress::AnyIPv4 : QHostAddress::AnyIPv6);
    sockaddr_storage storage;
    const socklen_t length = toSockaddr(bindTo, m_client.sourcePort, &storage);
    if (::bind(m_fd.get(), reinterpret_cast<const sockaddr*>(&storage), length) == 0)
        return true;
    const int error = errno;
    const quint16 port = m_client.sourcePort;
    const QString where = QStringLiteral("cannot bind the client to %1 to connect to %2")
                              .arg(formatEndpoint(bindTo, port), target());
    switch (error) {
    case EADDRINUSE:
        noteConnectFailure(
            ErrorCode::InUse,
            port == 0 ? QStringLiteral("%1: no free ephemeral port (EADDRINUSE)").arg(where)
                      : QStringLiteral("%1: port %2 is already in use by another socket, or its "
                                       "last connection is still in TIME_WAIT (EADDRINUSE)")
                            .arg(where)
                            .arg(port));
        break;
    case EADDRNOTAVAIL:
        noteConnectFailure(ErrorCode::AddressNotAvailable,
                           QStringLiteral("%1: %2 is not an address of this machine "
                                          "(EADDRNOTAVAIL)")
                               .arg(where, bindTo.toString()));
        break;
    case EACCES:
        noteConnectFailure(port < 1024 ? ErrorCode::Privileged : ErrorCode::Access,
                           port < 1024 ? QStringLiteral("%1: ports below 1024 are privileged; "
                                                        "run as root or grant "
                                                        "CAP_NET_BIND_SERVICE (EACCES)")
                                             .arg(where)
                                       : QStringLiteral("%1: %2").arg(where, errnoText(error)));
        break;
    default:
        noteConnectFailure(errnoCode(error), QStringLiteral("%1: %2").arg(where, errnoText(error)));
        break;
    }
    return false;
}

void Connection::onConnectWritable() {
    int error = 0;
    socklen_t length = sizeof(error);
    ::getsockopt(m_fd.get(), SOL_SOCKET, SO_ERROR, &error, &length);
    if (error != 0) {
        noteConnectFailure(
            errnoCode(error),
            QStringLiteral("cannot connect to %1: %2").arg(target(), errnoText(error)));
        connectToNextAddress();
        return;
    }
    m_connectTimer->stop();
    apply(Input::Connected);
    m_peer = peerAddressOf(m_fd.get()); // the address that answered, not the name asked for
    adopt();
    m_observer->connectionConnected(this);
    if (!m_client.sendOnConnect.isEmpty())
        send(m_client.sendOnConnect);
    if (m_client.sendFile)
        sendFile(m_client.sendFile);
    if (m_client.halfCloseAfterSend)
        halfClose();
    flushQueue();
}

void Connection::send(const QByteArray& bytes) {
    if (!m_state.takesData() || bytes.isEmpty())
        return;
    m_queued += bytes.size();
    if (m_fileStream) {
        m_afterFile.push_back(bytes);
        m_afterFileBytes += bytes.size();
        return;
    }
    m_queue.push_back(bytes);
    if (m_state.phase() == Phase::Open)
        flushQueue();
}

void Connection::sendFile(const std::shared_ptr<const FileSource>& file) {
    if (!m_state.takesData() || !file || m_fileStream)
        return;
    QString reason;
    std::optional<FileStream> stream = FileStream::start(file, &reason);
    if (!stream) {
        fail(ErrorCode::FileReadFailed,
             QStringLiteral("cannot send '%1': %2").arg(file->path(), reason));
        return;
    }
    if (stream->atEnd())
        return;
    m_fileStream = std::move(stream);
    if (m_state.phase() == Phase::Open)
        flushQueue();
}

void Connection::topUpFromFile() {
    if (!m_fileStream || !m_transport || m_queued - m_afterFileBytes >= kFileChunkBytes)
        return;
    QString reason;
    const std::optional<QByteArray> chunk = m_fileStream->next(kFileChunkBytes, &reason);
    if (!chunk) {
        fail(ErrorCode::FileReadFailed, reason);
        return;
    }
    m_queue.push_back(*chunk);
    m_queued += chunk->size();
    if (!m_fileStream->atEnd())
        return;
    m_fileStream.reset();
    std::move(m_afterFile.begin(), m_afterFile.end(), std::back_inserter(m_queue));
    m_afterFile.clear();
    m_afterFileBytes = 0;
}

void Connection::halfClose() {
    apply(Input::HalfClose);
}

void Connection::close() {
    apply(Input::Close);
}

void Connection::abort() {
    apply(Input::Abort);
}

void Connection::reset() {
    apply(Input::Reset);
}

void Connection::setReadingPaused(bool paused) {
    apply(paused ? Input::Pause : Input::Resume);
}

void Connection::setHeldByOtherConnection(bool held) {
    apply(held ? Input::HeldByOther : Input::ReleasedByOther);
}

void Connection::sendReset() {
    // What the RST throws away, read before the descriptor goes: our queue,
    // the kernel's send queue (sent or not, unacknowledged), and what
    // arrived but was not read (reading paused, or not yet woken up for).
    int unacknowledged = 0;
    int unread = 0;
    ::ioctl(m_fd.get(), SIOCOUTQ, &unacknowledged);
    ::ioctl(m_fd.get(), SIOCINQ, &unread);
    const qint64 dropped = m_queued + unacknowledged;
    const linger hard{1, 0};
    ::setsockopt(m_fd.get(), SOL_SOCKET, SO_LINGER, &hard, sizeof(hard));
    releaseDescriptor();
    m_queue.clear();
    m_frontOffset = 0;
    m_queued = 0;
    m_fileStream.reset();
    m_afterFile.clear();
    m_afterFileBytes = 0;
    QStringList lost;
    if (dropped > 0)
        lost.append(QStringLiteral("%1 bytes the peer had not acknowledged").arg(dropped));
    if (unread > 0)
        lost.append(QStringLiteral("%1 received bytes not yet read").arg(unread));
    const QString message =
        lost.isEmpty() ? QStringLiteral("RST sent (SO_LINGER 0); nothing was left to send or read")
                       : QStringLiteral("RST sent (SO_LINGER 0); dropped %1")
                             .arg(lost.join(QStringLiteral(" and ")));
    m_observer->connectionReset(this, m_state.closer(), message);
}

void Connection::onPollEvents(quint32 events) {
    if (m_state.phase() == Phase::Connecting) {
        onConnectWritable();
        return;
    }
    // Errors and hang-ups count as readiness: the read or write that follows
    // reports them with their reason, after any bytes still queued to read.
    const quint32 failure = EPOLLERR | EPOLLHUP;
    const bool readable = events & (EPOLLIN | failure);
    const bool writable = events & (EPOLLOUT | failure);
    bool flushed = false;
    if (const Transport::Needs needs = m_transport->needs()) {
        Transport::Needs ready;
        ready.setFlag(Transport::Need::Readable,
                      readable && needs.testFlag(Transport::Need::Readable));
        ready.setFlag(Transport::Need::Writable,
                      writable && needs.testFlag(Transport::Need::Writable));
        const bool handshaking = m_transport->handshaking();
        if (ready && !m_transport->advance(ready)) {
            // Past the handshake, a transport's own work is writing (TLS:
            // the records the socket did not take).
            if (m_transport) // else an observer ended it
                failTransport(handshaking ? "TLS handshake with" : "write to");
            return;
        }
        if (!m_transport)
            return; // an observer ended it
        // What waited for the transport goes on: the queue after the
        // handshake, the end of our stream (close_notify) once writable.
        if (ready && m_transport->takesData()) {
            flushQueue();
            if (!m_transport)
                return;
            flushed = true;
        }
        updateInterest();
    }
    if (readable && m_state.wantsToRead())
        onReadable();
    if (!flushed && m_state.phase() == Phase::Open && writable && !m_queue.empty() && m_transport &&
        m_transport->takesData())
        flushQueue();
}

void Connection::onReadable() {
    // Until a hold (an echo filled the write queue, a responder paused) or
    // the end (the observer closed it) stops reading.
    for (int i = 0; i < kReadsPerWakeup && m_state.wantsToRead(); ++i) {
        const std::optional<QByteArray> chunk = m_transport->read();
        if (chunk && !chunk->isEmpty()) {
            m_observer->connectionReceived(this, *chunk);
            if (!m_transport)
                return; // the observer ended it
            if (chunk->size() < Transport::kMaxReadBytes && !m_transport->hasPendingInput())
                break; // drained
            continue;
        }
        if (chunk) { // EOF: the peer's FIN
            apply(Input::PeerFin);
            return;
        }
        if (errno == EINTR)
            continue;
        if (errno != EAGAIN && errno != EWOULDBLOCK) {
            failTransport("read from");
            return;
        }
        break;
    }
    if (!m_transport)
        return;
    // A read may have given the transport work of its own (TLS: a key
    // update's answer the full socket did not take): the connection polls
    // for writability now, and for input only while the transport takes it.
    if (m_transport->needs())
        updateInterest();
    else if (m_state.wantsToRead() && m_transport->hasPendingInput())
        readPendingLater();
}

void Connection::flushQueue() {
    // A chunk that goes out in pieces (TLS takes 48 KiB per write) is
    // reported once, when it is done or when this pass stops: one copy of
    // what went out per report, not one per piece. The front's bytes from
    // here on are not reported yet (an observer must not send from
    // connectionSent(): a nested pass would report them too).
    qsizetype unreported = m_frontOffset;
    const auto reportSentOfFront = [this, &unreported] {
        if (m_frontOffset == unreported)
            return;
        const QByteArray part = m_queue.front().sliced(unreported, m_frontOffset - unreported);
        unreported = m_frontOffset;
        m_observer->connectionSent(this, part);
    };
    // Each pass first tops the queue up from a file being sent, if any, and
    // again after each chunk that is done: not while one is half written,
    // since a file that fails then ends the connection before what went out
    // of that chunk is reported.
    topUpFromFile();
    while (!m_queue.empty() && m_transport) {
        QByteArray& front = m_queue.front();
        const qsizetype remaining = front.size() - m_frontOffset;
        const ssize_t n = m_transport->write(front.constData() + m_frontOffset, remaining);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                break;
            const int error = errno; // recording what went out may change it
            reportSentOfFront();
            if (m_transport) { // else the observer ended it
                errno = error;
                failTransport("write to");
            }
            return;
        }
        m_queued -= n;
        m_frontOffset += n;
        if (m_frontOffset < front.size())
            continue;
        const QByteArray done = std::move(front);
        m_queue.pop_front();
        m_frontOffset = 0;
        const qsizetype from = std::exchange(unreported, 0);
        m_observer->connectionSent(this, from == 0 ? done : done.sliced(from));
        topUpFromFile();
    }
    if (m_transport && !m_queue.empty())
        reportSentOfFront();
    if (!m_transport)
        return; // ended meanwhile
    if (!m_queue.empty()) {
        updateInterest();
        return;
    }
    // What goes before our FIN (TLS: close_notify) is the last of the queue:
    // a half-close or close waits for it as for queued bytes, an abort drops it.
    if (m_state.draining() && !m_transport->finishWriting()) {
        if (errno == EAGAIN)
            updateInterest();
        else
            failTransport("write to");
        return;
    }
    apply(Input::QueueDrained); // a half-close or close asked for goes ahead now
}

void Connection::readPendingLater() {
    if (m_pendingReadScheduled)
        return;
    m_pendingReadScheduled = true;
    m_poll.poller()->endSpin();
    QTimer::singleShot(0, this, [this] {
        m_pendingReadScheduled = false;
        if (m_transport && m_state.wantsToRead())
            onReadable();
    });
}

void Connection::updateInterest() {
    if (!m_fd.isValid())
        return;
    const bool wasBacklogged = m_backlogged;
    if (m_queued > kWriteHighWater)
        m_backlogged = true;
    else if (m_queued < kWriteLowWater)
        m_backlogged = false;
    const bool backlogged = m_backlogged;
    // Its only effect is UpdateInterest, which is what this is.
    if (backlogged != wasBacklogged && m_backlogHoldsOwnReading)
        m_state = m_state.apply(backlogged ? Input::BacklogHigh : Input::BacklogLow).state;
    // What the transport holds (TLS: records read ahead, the end of a stream
    // read with its last bytes) will not make the socket readable again:
    // read it when reading resumes, the backlog's end included, or after a
    // loop that stopped before it.
    if (m_transport && m_state.wantsToRead() && m_transport->hasPendingInput())
        readPendingLater();
    quint32 events = 0;
    if (m_state.phase() == Phase::Connecting) {
        events = EPOLLOUT;
    } else if (m_state.phase() == Phase::Open) {
        // During a TLS handshake reading is the transport's (needs()):
        // asking for it here too would spin on bytes it cannot use yet.
        if (m_state.wantsToRead() && m_transport->takesData())
            events |= EPOLLIN;
        if (!m_queue.empty() && m_transport->takesData())
            events |= EPOLLOUT;
        const Transport::Needs needs = m_transport->needs();
        if (needs.testFlag(Transport::Need::Readable))
            events |= EPOLLIN;
        if (needs.testFlag(Transport::Need::Writable))
            events |= EPOLLOUT;
    }
    if (!m_poll.watch(m_fd.get(), events)) {
        // Out of memory or over fs.epoll.max_user_watches. Reported from the
        // event loop: this may run in the constructor, before the session has
        // recorded the accept or the connect that the failure must follow.
        const QString message = QStringLiteral("cannot watch the socket of %1: %2")
                                    .arg(describePeer(), errnoText(errno));
        QTimer::singleShot(0, this, [this, message] { fail(ErrorCode::PollFailed, message); });
    }
    if (backlogged != wasBacklogged)
        m_observer->connectionBacklogChanged(this, backlogged);
}

void Connection::fail(ErrorCode code, const QString& message) {
    const ConnectionState::Transition transition = m_state.apply(Input::Fail);
    m_state = transition.state;
    if (transition.effects.testFlag(ConnectionState::Effect::ReportFailure))
        end(code, message);
}

void Connection::end(ErrorCode code, const QString& message) {
    releaseDescriptor();
    if (m_connectTimer)
        m_connectTimer->stop();
    m_observer->connectionFailed(this, code, message);
}

void Connection::releaseDescriptor() {
    m_poll.forgetBeforeClose();
    m_transport.reset();
    m_fd.reset();
}

} // namespace sockscope
