#include "system/listenqueues.h"

#include "base/sockaddr.h"
#include "base/uniquefd.h"
#include "system/procnettcp.h"

#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace sockscope {

namespace {

// One dump request for one address family; fills queues, or returns errno.
int dumpListeners(int fd, quint8 family, QHash<quint64, ListenQueueInfo>& queues) {
    struct {
        nlmsghdr header;
        inet_diag_req_v2 request;
    } message{};
    message.header.nlmsg_len = sizeof(message);
    message.header.nlmsg_type = SOCK_DIAG_BY_FAMILY;
    message.header.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
    message.header.nlmsg_seq = family;
    message.request.sdiag_family = family;
    message.request.sdiag_protocol = IPPROTO_TCP;
    message.request.idiag_states = 1u << quint8(TcpState::Listen);
    sockaddr_nl kernel{};
    kernel.nl_family = AF_NETLINK;
    if (::sendto(fd, &message, sizeof(message), 0, reinterpret_cast<sockaddr*>(&kernel),
                 sizeof(kernel)) < 0)
        return errno;

    alignas(nlmsghdr) char buffer[32768];
    for (;;) {
        const ssize_t received = ::recv(fd, buffer, sizeof(buffer), 0);
        if (received < 0)
            return errno;
        if (received == 0)
            return EPROTO;
        const SockDiagReply reply =
            parseSockDiagReply(QByteArrayView(buffer, qsizetype(received)), queues);
        if (reply.error != 0 || reply.done)
            return reply.error;
    }
}

} // namespace

SockDiagReply parseSockDiagReply(QByteArrayView datagram, QHash<quint64, ListenQueueInfo>& queues) {
    // The NLMSG_* macros compare signed with unsigned; walk by hand, and
    // read nothing the datagram does not hold.
    const auto received = std::size_t(datagram.size());
    std::size_t offset = 0;
    while (offset + sizeof(nlmsghdr) <= received) {
        nlmsghdr header;
        std::memcpy(&header, datagram.data() + offset, sizeof(header));
        if (header.nlmsg_len < sizeof(nlmsghdr) || header.nlmsg_len > received - offset)
            return {false, EPROTO};
        const char* payload = datagram.data() + offset + NLMSG_HDRLEN;
        if (header.nlmsg_type == NLMSG_DONE)
            return {true, 0};
        if (header.nlmsg_type == NLMSG_ERROR) {
            nlmsgerr failure;
            if (header.nlmsg_len < NLMSG_HDRLEN + sizeof(failure))
                return {false, EPROTO};
            std::memcpy(&failure, payload, sizeof(failure));
            // The kernel sends a negative errno; anything else is no answer we know.
            const bool errnoValue = failure.error < 0 && failure.error > -4096;
            return {false, errnoValue ? -failure.error : EPROTO};
        }
        if (header.nlmsg_type == SOCK_DIAG_BY_FAMILY &&
            header.nlmsg_len >= NLMSG_HDRLEN + sizeof(inet_diag_msg)) {
            inet_diag_msg socket;
            std::memcpy(&socket, payload, sizeof(socket));
            // For a listener the kernel puts the accept queue in rqueue
            // and the backlog in wqueue.
            queues.insert(socket.idiag_inode,
                          ListenQueueInfo{int(socket.idiag_rqueue), int(socket.idiag_wqueue)});
        }
        offset += NLMSG_ALIGN(header.nlmsg_len);
    }
    return {false, 0};
}

std::optional<QHash<quint64, ListenQueueInfo>> readListenQueuesByDiag(QString* error) {
    const UniqueFd fd(::socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG));
    if (fd.get() < 0) {
        *error = QStringLiteral("sock_diag: %1").arg(errnoText(errno));
        return std::nullopt;
    }
    // The kernel answers at once; the timeout only guards against a kernel
    // that never does, which would otherwise stall the engine thread.
    const timeval timeout{1, 0};
    ::setsockopt(fd.get(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
    QHash<quint64, ListenQueueInfo> queues;
    for (const quint8 family : {quint8(AF_INET), quint8(AF_INET6)}) {
        if (const int failure = dumpListeners(fd.get(), family, queues)) {
            *error = QStringLiteral("sock_diag: %1").arg(errnoText(failure));
            return std::nullopt;
        }
    }
    return queues;
}

QHash<quint64, ListenQueueInfo> readListenQueuesFromProc(QString* error) {
    QHash<quint64, ListenQueueInfo> queues;
    for (const SystemSocket& socket : readProcNetTcp(error, TcpState::Listen))
        queues.insert(socket.inode, ListenQueueInfo{int(socket.rxQueue), -1});
    return queues;
}

QHash<quint64, ListenQueueInfo> readListenQueues(QString* error) {
    QString diagError;
    if (auto queues = readListenQueuesByDiag(&diagError))
        return *queues;
    return readListenQueuesFromProc(error);
}

} // namespace sockscope
