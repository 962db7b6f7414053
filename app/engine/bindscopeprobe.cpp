#include "engine/bindscopeprobe.h"

#include "base/endpoint.h"
#include "base/sockaddr.h"

#include <QNetworkInterface>
#include <QSocketNotifier>

#include <netinet/in.h>
#include <sys/socket.h>

#include <array>
#include <cerrno>

namespace sockscope {

namespace {
constexpr std::array kOutcomeNames{u"reachable", u"refused", u"unreachable", u"timeout", u"failed"};

ProbeResult::Outcome outcomeOf(int error) {
    switch (error) {
    case 0:
        return ProbeResult::Outcome::Reachable;
    case ECONNREFUSED:
        return ProbeResult::Outcome::Refused;
    case ENETUNREACH:
    case EHOSTUNREACH:
    case ENETDOWN:
    case EADDRNOTAVAIL:
        return ProbeResult::Outcome::Unreachable;
    case ETIMEDOUT:
        return ProbeResult::Outcome::Timeout;
    default:
        return ProbeResult::Outcome::Failed;
    }
}
} // namespace

QString probeOutcomeName(ProbeResult::Outcome outcome) {
    return QString::fromUtf16(kOutcomeNames[std::size_t(outcome)]);
}

BindScopeProbe::BindScopeProbe(const QHostAddress& boundAddress, quint16 port, QObject* parent)
    : QObject(parent)
    , m_boundAddress(boundAddress)
    , m_port(port)
    , m_addresses(machineAddresses()) {
    qRegisterMetaType<sockscope::ProbeResult>();
    m_deadline.setSingleShot(true);
    // A coarse timer may fire 5% early, and "no answer within N ms" must hold.
    m_deadline.setTimerType(Qt::PreciseTimer);
    connect(&m_deadline, &QTimer::timeout, this, &BindScopeProbe::onTimeout);
}

BindScopeProbe::~BindScopeProbe() {
    for (Attempt& attempt : m_attempts)
        release(attempt);
}

QList<QHostAddress> BindScopeProbe::machineAddresses() {
    QList<QHostAddress> addresses{QHostAddress(QHostAddress::LocalHost),
                                  QHostAddress(QHostAddress::LocalHostIPv6)};
    const QList<QHostAddress> all = QNetworkInterface::allAddresses();
    for (const QHostAddress& address : all) {
        if (!addresses.contains(address))
            addresses.append(address);
    }
    return addresses;
}

void BindScopeProbe::setAddresses(const QList<QHostAddress>& addresses) {
    m_addresses = addresses;
}

void BindScopeProbe::setTimeoutMs(int ms) {
    m_timeoutMs = ms;
}

void BindScopeProbe::start() {
    if (m_running)
        return;
    m_running = true;
    for (Attempt& attempt : m_attempts)
        release(attempt);
    m_attempts.clear();
    m_attempts.resize(std::size_t(m_addresses.size()));
    m_clock.start();
    m_deadline.start(m_timeoutMs);
    for (qsizetype i = 0; i < m_addresses.size(); ++i) {
        m_attempts[std::size_t(i)].result.address = m_addresses[i];
        begin(m_attempts[std::size_t(i)]);
    }
    // Queued, so that finished() never arrives from within start().
    QMetaObject::invokeMethod(this, &BindScopeProbe::finishIfDone, Qt::QueuedConnection);
}

void BindScopeProbe::begin(Attempt& attempt) {
    const QHostAddress& address = attempt.result.address;
    const bool v6 = address.protocol() == QAbstractSocket::IPv6Protocol;
    attempt.fd.reset(
        ::socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
    if (!attempt.fd.isValid()) {
        settle(attempt, errno);
        return;
    }
    sockaddr_storage target{};
    const socklen_t length = toSockaddr(address, m_port, &target);
    // A link-local address names its interface ("fe80::1%eth0"): the kernel
    // needs its index.
    if (v6 && !address.scopeId().isEmpty()) {
        bool numeric = false;
        const uint index = address.scopeId().toUInt(&numeric);
        reinterpret_cast<sockaddr_in6*>(&target)->sin6_scope_id =
            numeric ? index : uint(QNetworkInterface::interfaceIndexFromName(address.scopeId()));
    }
    if (::connect(attempt.fd.get(), reinterpret_cast<const sockaddr*>(&target), length) == 0) {
        settle(attempt, 0);
        return;
    }
    if (errno != EINPROGRESS) {
        settle(attempt, errno);
        return;
    }
    attempt.notifier = new QSocketNotifier(attempt.fd.get(), QSocketNotifier::Write, this);
    // The vector does not grow while probing, so the reference stays valid.
    connect(attempt.notifier, &QSocketNotifier::activated, this,
            [this, &attempt] { onWritable(attempt); });
}

void BindScopeProbe::onWritable(Attempt& attempt) {
    int error = 0;
    socklen_t length = sizeof(error);
    if (::getsockopt(attempt.fd.get(), SOL_SOCKET, SO_ERROR, &error, &length) != 0)
        error = errno;
    settle(attempt, error);
    finishIfDone();
}

void BindScopeProbe::settle(Attempt& attempt, int error) {
    ProbeResult& result = attempt.result;
    result.outcome = outcomeOf(error);
    result.elapsedUs = m_clock.nsecsElapsed() / 1000;
    if (error == 0) {
        sockaddr_storage local{};
        socklen_t length = sizeof(local);
        ::getsockname(attempt.fd.get(), reinterpret_cast<sockaddr*>(&local), &length);
        const QHostAddress address(reinterpret_cast<const sockaddr*>(&local));
        result.probePort = local.ss_family == AF_INET6
                               ? ntohs(reinterpret_cast<const sockaddr_in6*>(&local)->sin6_port)
                               : ntohs(reinterpret_cast<const sockaddr_in*>(&local)->sin_port);
        // An IPv6 socket accepts an IPv4 client as ::ffff:a.b.c.d; formatEndpoint
        // would hide exactly what this is meant to show.
        result.viaDualStack = local.ss_family == AF_INET &&
                              m_boundAddress.protocol() != QAbstractSocket::IPv4Protocol;
        result.seenAs =
            result.viaDualStack
                ? QStringLiteral("[::ffff:%1]:%2").arg(address.toString()).arg(result.probePort)
                : formatEndpoint(address, result.probePort);
    } else {
        result.message = errnoText(error);
    }
    release(attempt);
}

void BindScopeProbe::release(Attempt& attempt) {
    attempt.done = true;
    if (attempt.notifier) {
        attempt.notifier->setEnabled(false);
        attempt.notifier->deleteLater();
        attempt.notifier = nullptr;
    }
    attempt.fd.reset();
}

void BindScopeProbe::onTimeout() {
    for (Attempt& attempt : m_attempts) {
        if (attempt.done)
            continue;
        ProbeResult& result = attempt.result;
        result.outcome = ProbeResult::Outcome::Timeout;
        result.message = QStringLiteral("no answer within %1 ms: the SYN was dropped (a "
                                        "firewall, or a full accept queue)")
                             .arg(m_timeoutMs);
        result.elapsedUs = m_clock.nsecsElapsed() / 1000;
        release(attempt);
    }
    finishIfDone();
}

void BindScopeProbe::finishIfDone() {
    if (!m_running)
        return;
    for (const Attempt& attempt : m_attempts) {
        if (!attempt.done)
            return;
    }
    m_running = false;
    m_deadline.stop();
    QList<ProbeResult> results;
    results.reserve(qsizetype(m_attempts.size()));
    for (const Attempt& attempt : m_attempts)
        results.append(attempt.result);
    Q_EMIT finished(results);
}

} // namespace sockscope
