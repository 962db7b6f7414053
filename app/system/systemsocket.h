#pragma once

#include <QAbstractSocket>
#include <QMetaType>
#include <QString>

namespace sockscope {

// The kernel's TCP states, numbered as in include/net/tcp_states.h and
// /proc/net/tcp's "st" column.
enum class TcpState : quint8 {
    Established = 1,
    SynSent,
    SynRecv,
    FinWait1,
    FinWait2,
    TimeWait,
    Close,
    CloseWait,
    LastAck,
    Listen,
    Closing,
    NewSynRecv,
};

// "LISTEN", "TIME_WAIT", ...: the kernel's own names, as netstat prints them;
// a number outside the table prints as "0x0D" rather than being guessed at.
QString tcpStateName(TcpState state);

// One TCP socket of the machine, as /proc/net/tcp{,6} lists it.
struct SystemSocket {
    // IPv6 for every socket of /proc/net/tcp6, including dual-stack ones whose
    // IPv4-mapped addresses are shown as IPv4.
    QAbstractSocket::NetworkLayerProtocol family = QAbstractSocket::IPv4Protocol;
    QString local; // "127.0.0.1:631", "[::1]:631" (formatEndpoint)
    quint16 localPort = 0;
    QString remote; // "0.0.0.0:0" for a listening socket
    quint16 remotePort = 0;
    TcpState state = TcpState::Close;
    // For a LISTEN socket the kernel reports the accept queue (connections
    // it completed that the program has not accepted) as rx_queue.
    quint32 txQueue = 0;
    quint32 rxQueue = 0;
    uint uid = 0;
    quint64 inode = 0; // 0 for sockets no process holds: TIME_WAIT, SYN_RECV
    qint64 pid = 0;    // 0: owner unknown (not scanned, not readable, or none)
    QString process;   // the owner's comm, e.g. "cupsd"

    bool operator==(const SystemSocket&) const = default;
};

} // namespace sockscope

Q_DECLARE_METATYPE(sockscope::SystemSocket)
