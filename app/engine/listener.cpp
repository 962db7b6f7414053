#include "engine/listener.h"

#include "base/endpoint.h"
#include "base/sockaddr.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <cerrno>
#include <utility>

namespace sockscope {

namespace {
// Accepts per wake-up before yielding to the other sockets of the loop.
constexpr int kAcceptsPerWakeup = 64;
// After an accept failure, retry at this pace rather than spin on a queue
// that cannot be drained; the interval doubles while failures go on.
constexpr int kRetryFirstMs = 100;
constexpr int kRetryMaxMs = 2000;

bool isOutOfResources(int error) {
    return error == EMFILE || error == ENFILE || error == ENOBUFS || error == ENOMEM;
}
} // namespace

Listener::Listener(int id, const ListenerConfig& config, Poller* poller, QObject* parent)
    : QObject(parent)
    , m_id(id)
    , m_config(config)
    , m_poll(poller, this) {
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, [this] {
        m_backingOff = false;
        updateInterest();
    });
}

Listener::~Listener() {
    close();
}

bool Listener::start(ErrorCode* code, QString* message) {
    QString parseError;
    const auto address = parseBindAddress(m_config.address, &parseError);
    if (!address) {
        *code = ErrorCode::BadAddress;
        *message = parseError;
        return false;
    }
    // Qt's dual-stack "Any" is "::" with IPv4-mapped peers allowed.
    const bool dualStack = address->protocol() == QAbstractSocket::AnyIPProtocol;
    const QHostAddress bindTo = dualStack ? QHostAddress(QHostAddress::AnyIPv6) : *address;
    sockaddr_storage storage;
    const socklen_t length = toSockaddr(bindTo, m_config.port, &storage);
    const QString where = formatEndpoint(*address, m_config.port);

    UniqueFd fd(::socket(storage.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
    if (!fd.isValid()) {
        *code = errnoCode(errno);
        *message = QStringLiteral("cannot listen on %1: %2").arg(where, errnoText(errno));
        return false;
    }
    const int one = 1;
    const int v6only = dualStack ? 0 : 1;
    // Like any server: a restarted listener may reuse a port in TIME_WAIT.
    ::setsockopt(fd.get(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    if (storage.ss_family == AF_INET6)
        ::setsockopt(fd.get(), IPPROTO_IPV6, IPV6_V6ONLY, &v6only, sizeof(v6only));
    // Interactive tool: a typed line should leave now, not after Nagle's
    // delay. Accepted sockets inherit it, which saves a call per accept.
    ::setsockopt(fd.get(), IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    if (::bind(fd.get(), reinterpret_cast<const sockaddr*>(&storage), length) != 0 ||
        ::listen(fd.get(), m_config.backlog) != 0) {
        const int error = errno;
        switch (error) {
        case EADDRINUSE:
            *code = ErrorCode::InUse;
            *message = QStringLiteral("cannot listen on %1: port %2 is already in use by "
                                      "another socket (EADDRINUSE)")
                           .arg(where)
                           .arg(m_config.port);
            break;
        case EACCES:
            *code = m_config.port < 1024 ? ErrorCode::Privileged : ErrorCode::Access;
            *message = m_config.port < 1024
                           ? QStringLiteral("cannot listen on %1: ports below 1024 are "
                                            "privileged; run as root or grant "
                                            "CAP_NET_BIND_SERVICE (EACCES)")
                                 .arg(where)
                           : QStringLiteral("cannot listen on %1: %2").arg(where, errnoText(error));
            break;
        case EADDRNOTAVAIL:
            *code = ErrorCode::AddressNotAvailable;
            *message = QStringLiteral("cannot listen on %1: %2 is not an address of this "
                                      "machine (EADDRNOTAVAIL)")
                           .arg(where, address->toString());
            break;
        default:
            *code = ErrorCode::ListenFailed;
            *message = QStringLiteral("cannot listen on %1: %2").arg(where, errnoText(error));
            break;
        }
        return false;
    }
    if (!m_poll.watch(fd.get(), EPOLLIN)) {
        const int error = errno;
        *code = errnoCode(error);
        *message = QStringLiteral("cannot listen on %1: cannot watch the socket: %2")
                       .arg(where, errnoText(error));
        return false;
    }
    m_fd = std::move(fd);
    m_bound = localAddressOf(m_fd.get());
    return true;
}

void Listener::close() {
    m_retryTimer.stop();
    m_poll.stop();
    m_fd.reset();
}

void Listener::pause() {
    m_paused = true;
    updateInterest();
}

void Listener::resume() {
    m_paused = false;
    updateInterest();
}

void Listener::updateInterest() {
    // Cannot fail: the descriptor is registered already, and modifying a
    // registration allocates nothing.
    if (m_fd.isValid())
        m_poll.watch(m_fd.get(), m_paused || m_backingOff ? 0u : quint32(EPOLLIN));
}

quint64 Listener::socketInode() const {
    struct stat status {};
    if (!m_fd.isValid() || ::fstat(m_fd.get(), &status) != 0)
        return 0;
    return status.st_ino;
}

void Listener::onPollEvents(quint32) {
    for (int i = 0; i < kAcceptsPerWakeup && m_fd.isValid() && !m_paused; ++i) {
        sockaddr_storage peer{};
        socklen_t length = sizeof(peer);
        const int descriptor = ::accept4(m_fd.get(), reinterpret_cast<sockaddr*>(&peer), &length,
                                         SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (descriptor >= 0) {
            m_retryMs = kRetryFirstMs;
            Q_EMIT accepted(descriptor,
                            SocketAddress::fromSockaddr(reinterpret_cast<sockaddr*>(&peer)));
            continue;
        }
        if (errno == EINTR || errno == ECONNABORTED)
            continue; // a client that gave up while queued: take the next one
        if (errno != EAGAIN && errno != EWOULDBLOCK)
            backOff(errno);
        return;
    }
}

void Listener::backOff(int error) {
    const int delayMs = m_retryMs;
    Q_EMIT acceptFailed(isOutOfResources(error) ? ErrorCode::OutOfDescriptors
                                                : ErrorCode::AcceptFailed,
                        QStringLiteral("%1: accepting paused: %2; retrying in %3 ms")
                            .arg(m_bound.toString(), errnoText(error))
                            .arg(delayMs));
    m_backingOff = true;
    updateInterest();
    m_retryTimer.start(delayMs);
    m_retryMs = std::min(delayMs * 2, kRetryMaxMs);
}

} // namespace sockscope
