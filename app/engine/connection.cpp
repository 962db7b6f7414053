#include "engine/connection.h"

#include "base/endpoint.h"
#include "base/sockaddr.h"

#include <QHostInfo>
#include <QTimer>

#include <linux/sockios.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <iterator>
#include <optional>

namespace sockscope {

namespace {
// One reused read buffer per thread: reads copy out exactly what arrived, so
// a 1-byte chunk costs one byte of capture budget, not a 256 KiB buffer.
constexpr qsizetype kReadBufferSize = 256 * 1024;
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

// From this much queued data on, read straight into an exactly sized array:
// the copy out of the shared buffer cost as much CPU as the kernel's own
// copy during a flood (perf, bench/profile.sh flood).
constexpr int kDirectReadMin = 16 * 1024;

// A file being sent is read this much at a time, and only while less than
// this is queued: with what the kernel buffers, the peer never waits for
// the disk, and 1,000 connections streaming a reply hold 128 MiB at most.
constexpr qint64 kFileChunkBytes = 64 * 1024;

char* readBuffer() {
    thread_local QByteArray buffer(kReadBufferSize, Qt::Uninitialized);
    return buffer.data();
}

// One recv(): the bytes read (empty at EOF), or nullopt with errno set.
// Asks how much is queued only when a bulk transfer is likely, since
// that costs a system call of its own. A bulk read goes into the thread's
// bulk array, which is reused when nothing kept the last chunk read into it
// (a discard listener, a keep policy with nothing more to keep): implicit
// sharing tells, and a flood then costs no allocation per read (perf:
// malloc, free and the page faults of fresh 256 KiB arrays were most of the
// engine's own work under --keep head:64K). One per thread, not one per
// connection: 200 flooding connections kept 50 MiB of them.
std::optional<QByteArray> readChunk(int fd, bool bulkLikely) {
    thread_local QByteArray bulk;
    int queued = 0;
    if (bulkLikely && ::ioctl(fd, FIONREAD, &queued) == 0 && queued >= kDirectReadMin) {
        const qsizetype want = std::min<qsizetype>(queued, kReadBufferSize);
        if (!bulk.isDetached() || bulk.capacity() < want)
            bulk = QByteArray(want, Qt::Uninitialized);
        else
            bulk.resize(want);
        const ssize_t n = ::recv(fd, bulk.data(), size_t(want), 0);
        if (n < 0)
            return std::nullopt;
        bulk.truncate(n);
        return bulk;
    }
    char* buffer = readBuffer();
    const ssize_t n = ::recv(fd, buffer, kReadBufferSize, 0);
    if (n < 0)
        return std::nullopt;
    return QByteArray(buffer, n);
}
} // namespace

Connection::Connection(int id, qintptr descriptor, const SocketAddress& peer, Poller* poller,
                       ConnectionObserver* observer, QObject* parent)
    : QObject(parent)
    , m_id(id)
    , m_poll(poller, this)
    , m_observer(observer)
    , m_peer(peer) {
    m_phase = Phase::Open;
    adopt(int(descriptor));
}

Connection::Connection(int id, const ClientConfig& config, Poller* poller,
                       ConnectionObserver* observer, QObject* parent)
    : QObject(parent)
    , m_id(id)
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
    const bool v6 = m_client.host.contains(u':');
    return (v6 ? u'[' + m_client.host + u']' : m_client.host) + u':' +
           QString::number(m_client.port);
}

QString Connection::describePeer() const {
    return m_peer.isNull() ? target() : m_peer.toString();
}

void Connection::adopt(int fd) {
    m_fd = fd;
    m_local = localAddressOf(m_fd);
    updateInterest();
}

void Connection::onLookedUp(const QHostInfo& info) {
    if (m_phase != Phase::Resolving)
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
    m_phase = Phase::Connecting;
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
    m_fd = ::socket(address->sa_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (m_fd < 0) {
        noteConnectFailure(errnoCode(errno),
                           QStringLiteral("cannot create a socket: %1").arg(errnoText(errno)));
        connectToNextAddress();
        return;
    }
    if (!applyClientOptions(address->sa_family)) {
        connectToNextAddress();
        return;
    }
    if (::connect(m_fd, address, socklen_t(candidate.size())) != 0 && errno != EINPROGRESS) {
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
        ::setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    if (m_client.keepAlive)
        ::setsockopt(m_fd, SOL_SOCKET, SO_KEEPALIVE, &one, sizeof(one));
    if (m_source.isNull())
        return true;
    QHostAddress bindTo = m_source;
    if (bindTo.protocol() == QAbstractSocket::AnyIPProtocol)
        bindTo = QHostAddress(family == AF_INET ? QHostAddress::AnyIPv4 : QHostAddress::AnyIPv6);
    sockaddr_storage storage;
    const socklen_t length = toSockaddr(bindTo, m_client.sourcePort, &storage);
    if (::bind(m_fd, reinterpret_cast<const sockaddr*>(&storage), length) == 0)
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
    ::getsockopt(m_fd, SOL_SOCKET, SO_ERROR, &error, &length);
    if (error != 0) {
        noteConnectFailure(
            errnoCode(error),
            QStringLiteral("cannot connect to %1: %2").arg(target(), errnoText(error)));
        connectToNextAddress();
        return;
    }
    m_connectTimer->stop();
    m_phase = Phase::Open;
    m_peer = peerAddressOf(m_fd); // the address that answered, not the name asked for
    adopt(m_fd);
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
    if (m_phase == Phase::Finished || m_localFinished || m_halfClosePending || m_closePending ||
        bytes.isEmpty())
        return;
    m_queued += bytes.size();
    if (m_fileStream) {
        m_afterFile.push_back(bytes);
        m_afterFileBytes += bytes.size();
        return;
    }
    m_queue.push_back(bytes);
    if (m_phase == Phase::Open)
        flushQueue();
}

void Connection::sendFile(const std::shared_ptr<const FileSource>& file) {
    if (m_phase == Phase::Finished || m_localFinished || m_halfClosePending || m_closePending ||
        !file || m_fileStream)
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
    if (m_phase == Phase::Open)
        flushQueue();
}

void Connection::topUpFromFile() {
    if (!m_fileStream || m_fd < 0 || m_queued - m_afterFileBytes >= kFileChunkBytes)
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
    if (m_phase == Phase::Finished || m_localFinished)
        return;
    m_halfClosePending = true;
    if (m_phase == Phase::Open)
        flushQueue();
}

void Connection::close() {
    if (m_phase == Phase::Finished)
        return;
    if (m_phase != Phase::Open) {
        fail(ErrorCode::Cancelled, QStringLiteral("connect to %1 cancelled").arg(target()));
        return;
    }
    m_closePending = true;
    flushQueue();
}

void Connection::abort() {
    if (m_phase == Phase::Open)
        finish(m_firstCloser == Closer::None ? Closer::Local : m_firstCloser);
    else if (m_phase != Phase::Finished)
        close();
}

void Connection::reset() {
    if (m_phase != Phase::Open) {
        // A SYN_SENT socket has no peer to reset: the kernel just drops it.
        close();
        return;
    }
    // What the RST throws away, read before the descriptor goes: our queue,
    // the kernel's send queue (sent or not, unacknowledged), and what
    // arrived but was not read (reading paused, or not yet woken up for).
    int unacknowledged = 0;
    int unread = 0;
    ::ioctl(m_fd, SIOCOUTQ, &unacknowledged);
    ::ioctl(m_fd, SIOCINQ, &unread);
    const qint64 dropped = m_queued + unacknowledged;
    const linger hard{1, 0};
    ::setsockopt(m_fd, SOL_SOCKET, SO_LINGER, &hard, sizeof(hard));
    releaseDescriptor();
    m_queue.clear();
    m_frontOffset = 0;
    m_queued = 0;
    m_fileStream.reset();
    m_afterFile.clear();
    m_afterFileBytes = 0;
    m_phase = Phase::Finished;
    QStringList lost;
    if (dropped > 0)
        lost.append(QStringLiteral("%1 bytes the peer had not acknowledged").arg(dropped));
    if (unread > 0)
        lost.append(QStringLiteral("%1 received bytes not yet read").arg(unread));
    const QString message =
        lost.isEmpty() ? QStringLiteral("RST sent (SO_LINGER 0); nothing was left to send or read")
                       : QStringLiteral("RST sent (SO_LINGER 0); dropped %1")
                             .arg(lost.join(QStringLiteral(" and ")));
    m_observer->connectionReset(this, m_firstCloser == Closer::None ? Closer::Local : m_firstCloser,
                                message);
}

void Connection::onPollEvents(quint32 events) {
    if (m_phase == Phase::Connecting) {
        onConnectWritable();
        return;
    }
    // Errors and hang-ups count as readiness: the read or write that follows
    // reports them with their reason, after any bytes still queued to read.
    const quint32 failure = EPOLLERR | EPOLLHUP;
    if ((events & (EPOLLIN | failure)) && wantsToRead())
        onReadable();
    if (m_phase == Phase::Open && (events & (EPOLLOUT | failure)) && !m_queue.empty())
        flushQueue();
}

void Connection::onReadable() {
    for (int i = 0; i < kReadsPerWakeup && m_phase == Phase::Open && !m_peerFinished; ++i) {
        const std::optional<QByteArray> chunk = readChunk(m_fd, m_lastReadSize >= kDirectReadMin);
        if (chunk && !chunk->isEmpty()) {
            m_lastReadSize = chunk->size();
            m_observer->connectionReceived(this, *chunk);
            if (chunk->size() < kReadBufferSize || !wantsToRead())
                break; // drained, or an echo filled the write queue
            continue;
        }
        if (chunk) { // EOF: the peer's FIN
            m_peerFinished = true;
            if (m_firstCloser == Closer::None)
                m_firstCloser = Closer::Peer;
            m_observer->connectionHalfClosed(this, Closer::Peer);
            if (m_phase != Phase::Open)
                return; // the observer (a responder) closed it
            if (m_localFinished)
                finish(m_firstCloser);
            else if (m_client.closeAfterPeerFinished)
                close(); // graceful: what is queued is written first
            else
                updateInterest();
            return;
        }
        if (errno == EINTR)
            continue;
        if (errno != EAGAIN && errno != EWOULDBLOCK)
            fail(errnoCode(errno),
                 QStringLiteral("read from %1 failed: %2").arg(describePeer(), errnoText(errno)));
        return;
    }
}

void Connection::flushQueue() {
    // Each pass first tops the queue up from a file being sent, if any.
    for (topUpFromFile(); !m_queue.empty() && m_fd >= 0; topUpFromFile()) {
        const QByteArray& front = m_queue.front();
        const qsizetype remaining = front.size() - m_frontOffset;
        const ssize_t n =
            ::send(m_fd, front.constData() + m_frontOffset, size_t(remaining), MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                break;
            fail(errnoCode(errno),
                 QStringLiteral("write to %1 failed: %2").arg(describePeer(), errnoText(errno)));
            return;
        }
        const QByteArray written =
            (m_frontOffset == 0 && n == remaining) ? front : front.sliced(m_frontOffset, n);
        m_queued -= n;
        if (n == remaining) {
            m_queue.pop_front();
            m_frontOffset = 0;
        } else {
            m_frontOffset += n;
        }
        m_observer->connectionSent(this, written);
    }
    if (m_fd < 0 || m_phase != Phase::Open)
        return;
    if (m_queue.empty()) {
        if ((m_halfClosePending || m_closePending) && !m_localFinished) {
            m_halfClosePending = false;
            m_localFinished = true;
            if (m_firstCloser == Closer::None)
                m_firstCloser = Closer::Local;
            ::shutdown(m_fd, SHUT_WR);
            m_observer->connectionHalfClosed(this, Closer::Local);
            if (m_phase != Phase::Open)
                return; // the observer closed it
        }
        if (m_closePending || (m_localFinished && m_peerFinished)) {
            finish(m_firstCloser);
            return;
        }
    }
    // Only now: a connection about to close needs no epoll_ctl at all.
    updateInterest();
}

void Connection::setReadingPaused(bool paused) {
    m_readingPaused = paused;
    updateInterest();
}

void Connection::updateInterest() {
    if (m_fd < 0)
        return;
    if (m_queued > kWriteHighWater)
        m_writeBacklogged = true;
    else if (m_queued < kWriteLowWater)
        m_writeBacklogged = false;
    quint32 events = 0;
    if (m_phase == Phase::Connecting) {
        events = EPOLLOUT;
    } else if (m_phase == Phase::Open) {
        if (wantsToRead())
            events |= EPOLLIN;
        if (!m_queue.empty())
            events |= EPOLLOUT;
    }
    if (m_poll.watch(m_fd, events))
        return;
    // Out of memory or over fs.epoll.max_user_watches. Reported from the
    // event loop: this may run in the constructor, before the session has
    // recorded the accept or the connect that the failure must follow.
    const QString message =
        QStringLiteral("cannot watch the socket of %1: %2").arg(describePeer(), errnoText(errno));
    QTimer::singleShot(0, this, [this, message] { fail(ErrorCode::PollFailed, message); });
}

bool Connection::wantsToRead() const {
    return !m_peerFinished && !m_readingPaused && !m_writeBacklogged;
}

void Connection::finish(Closer by) {
    releaseDescriptor();
    m_phase = Phase::Finished;
    m_observer->connectionClosed(this, by);
}

void Connection::fail(ErrorCode code, const QString& message) {
    if (m_phase == Phase::Finished)
        return;
    releaseDescriptor();
    if (m_connectTimer)
        m_connectTimer->stop();
    m_phase = Phase::Finished;
    m_observer->connectionFailed(this, code, message);
}

void Connection::releaseDescriptor() {
    m_poll.forgetBeforeClose();
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
}

} // namespace sockscope
