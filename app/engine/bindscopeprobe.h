#pragma once

#include "base/uniquefd.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QTimer>

class QSocketNotifier;

namespace sockscope {

// What one probe connection found.
struct ProbeResult {
    enum class Outcome { Reachable, Refused, Unreachable, Timeout, Failed };

    QHostAddress address; // one of the machine's own addresses, connected to and from
    Outcome outcome = Outcome::Timeout;
    QString message; // why not, for a person, with the errno name (empty when reachable)
    // Reachable: the probe as the listener's accept() sees it, e.g.
    // "[::ffff:127.0.0.1]:41234" for IPv4 through a dual-stack socket.
    QString seenAs;
    quint16 probePort = 0;     // Reachable: the probe's ephemeral port, to spot its Accept event
    bool viaDualStack = false; // an IPv4 client reached an IPv6 listening socket
    qint64 elapsedUs = 0;
};

QString probeOutcomeName(ProbeResult::Outcome outcome); // "reachable", "refused", ...

// Shows who can reach a listener, which is what its bind address decides
// (the HOWTO: "localhost" is visible only within the machine, "" from any
// address it has). For each of the machine's own addresses it connects to
// that address at the listener's port, as a client arriving there would, and
// reports whether the connection was accepted by the kernel, refused, or got
// no answer. All probes stay on this machine. A probe that connects is closed
// at once, so it also appears in the session as an accepted connection that
// the peer closed: its probePort tells which one. A paused listener's full
// accept queue makes probes time out, which is the backlog at work.
class BindScopeProbe final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BindScopeProbe)
public:
    static constexpr int kDefaultTimeoutMs = 1000;

    // boundAddress is the listener's, as it reported it ("::" for any6).
    BindScopeProbe(const QHostAddress& boundAddress, quint16 port, QObject* parent = nullptr);
    ~BindScopeProbe() override;

    // 127.0.0.1, ::1, then every address of every interface.
    static QList<QHostAddress> machineAddresses();
    void setAddresses(const QList<QHostAddress>& addresses); // default: machineAddresses()
    void setTimeoutMs(int ms);

    // Probes every address at once; finished() follows, never from within start().
    void start();
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    void finished(const QList<sockscope::ProbeResult>& results); // in address order

private:
    struct Attempt {
        ProbeResult result;
        UniqueFd fd;
        QSocketNotifier* notifier = nullptr;
        bool done = false;
    };
    void begin(Attempt& attempt);
    void onWritable(Attempt& attempt);
    void settle(Attempt& attempt, int error);
    void release(Attempt& attempt);
    void onTimeout();
    void finishIfDone();

    const QHostAddress m_boundAddress;
    const quint16 m_port;
    QList<QHostAddress> m_addresses;
    int m_timeoutMs = kDefaultTimeoutMs;
    std::vector<Attempt> m_attempts;
    QElapsedTimer m_clock;
    QTimer m_deadline{this};
    bool m_running = false;
};

} // namespace sockscope

Q_DECLARE_METATYPE(sockscope::ProbeResult)
