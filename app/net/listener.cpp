#include "net/listener.h"

#include "net/endpoint.h"

#include <sys/stat.h>

namespace sockscope {

namespace {
// After an accept failure (EMFILE), QTcpServer pauses; retry at this pace
// rather than spinning on a queue we cannot drain.
constexpr int kResumeFirstMs = 100;
constexpr int kResumeMaxMs = 2000;
} // namespace

Listener::Listener(int id, const ListenerConfig& config, QObject* parent)
    : QTcpServer(parent)
    , m_id(id)
    , m_config(config) {
    m_resumeTimer.setSingleShot(true);
    connect(&m_resumeTimer, &QTimer::timeout, this, [this] {
        // Back off while descriptors are still short; reset once accepts work again.
        m_resumeTimer.setInterval(std::min(m_resumeTimer.interval() * 2, kResumeMaxMs));
        if (!m_paused) // a person's pause outlasts the retry
            resumeAccepting();
    });
    m_resumeTimer.setInterval(kResumeFirstMs);
    connect(this, &QTcpServer::acceptError, this, &Listener::onAcceptError);
}

bool Listener::start(QString* code, QString* message) {
    QString parseError;
    const auto address = parseBindAddress(m_config.address, &parseError);
    if (!address) {
        *code = QStringLiteral("bad-address");
        *message = parseError;
        return false;
    }
    setListenBacklogSize(m_config.backlog);
    if (listen(*address, m_config.port))
        return true;
    const QString where = formatEndpoint(*address, m_config.port);
    switch (serverError()) {
    case QAbstractSocket::AddressInUseError:
        *code = QStringLiteral("in-use");
        *message = QStringLiteral("cannot listen on %1: port %2 is already in use by another "
                                  "socket (EADDRINUSE)")
                       .arg(where)
                       .arg(m_config.port);
        break;
    case QAbstractSocket::SocketAccessError:
        *code = m_config.port < 1024 ? QStringLiteral("privileged") : QStringLiteral("access");
        *message =
            m_config.port < 1024
                ? QStringLiteral("cannot listen on %1: ports below 1024 are privileged; "
                                 "run as root or grant CAP_NET_BIND_SERVICE (EACCES)")
                      .arg(where)
                : QStringLiteral("cannot listen on %1: permission denied (EACCES)").arg(where);
        break;
    case QAbstractSocket::SocketAddressNotAvailableError:
        *code = QStringLiteral("address-not-available");
        *message = QStringLiteral("cannot listen on %1: %2 is not an address of this machine "
                                  "(EADDRNOTAVAIL)")
                       .arg(where, address->toString());
        break;
    default:
        *code = QStringLiteral("listen-failed");
        *message = QStringLiteral("cannot listen on %1: %2").arg(where, errorString());
        break;
    }
    return false;
}

QString Listener::boundEndpoint() const {
    return formatEndpoint(serverAddress(), serverPort());
}

void Listener::pause() {
    m_paused = true;
    pauseAccepting();
}

void Listener::resume() {
    m_paused = false;
    m_resumeTimer.stop();
    resumeAccepting();
}

quint64 Listener::socketInode() const {
    struct stat status {};
    if (!isListening() || ::fstat(int(socketDescriptor()), &status) != 0)
        return 0;
    return status.st_ino;
}

void Listener::incomingConnection(qintptr descriptor) {
    m_resumeTimer.setInterval(kResumeFirstMs);
    Q_EMIT accepted(descriptor);
}

void Listener::onAcceptError(QAbstractSocket::SocketError error) {
    const bool outOfDescriptors = error == QAbstractSocket::SocketResourceError;
    Q_EMIT acceptFailed(outOfDescriptors ? QStringLiteral("out-of-descriptors")
                                         : QStringLiteral("accept-failed"),
                        QStringLiteral("%1: accepting paused: %2; retrying in %3 ms")
                            .arg(boundEndpoint(), errorString())
                            .arg(m_resumeTimer.interval()));
    pauseAccepting();
    m_resumeTimer.start();
}

} // namespace sockscope
