#pragma once

#include <QByteArrayView>
#include <QHash>
#include <QString>

#include <optional>

namespace sockscope {

// A listening socket's accept queue, as the kernel keeps it.
struct ListenQueueInfo {
    int queued = 0;   // connections completed by the kernel, not yet accepted
    int backlog = -1; // the kernel's limit (sk_max_ack_backlog); -1 if not known
};

// What one datagram of the kernel's answer to a sock_diag dump says.
struct SockDiagReply {
    bool done = false; // the dump is complete (NLMSG_DONE)
    int error = 0;     // an errno: the kernel's, or EPROTO for a malformed answer
};

// Adds the listeners one datagram of a sock_diag dump holds to queues. The
// datagram is checked, never trusted: a message that claims more bytes than
// the datagram holds is an error, not a read beyond it.
SockDiagReply parseSockDiagReply(QByteArrayView datagram, QHash<quint64, ListenQueueInfo>& queues);

// The listening TCP sockets of this network namespace, by socket inode, from
// the sock_diag netlink interface that `ss -l` uses: it walks only the
// listening sockets, so it stays cheap on a machine with many connections,
// and unlike /proc/net/tcp it reports the backlog. nullopt (and error) when
// the interface is not available.
std::optional<QHash<quint64, ListenQueueInfo>> readListenQueuesByDiag(QString* error);

// The same from /proc/net/tcp{,6}, whose rx_queue of a LISTEN socket is the
// accept queue; it does not show the backlog.
QHash<quint64, ListenQueueInfo> readListenQueuesFromProc(QString* error);

// sock_diag, or /proc where sock_diag is not available.
QHash<quint64, ListenQueueInfo> readListenQueues(QString* error);

} // namespace sockscope
