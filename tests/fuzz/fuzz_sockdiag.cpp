// libFuzzer target: one datagram of a sock_diag dump answer, as recv()
// gives it. A malformed answer is an error (EPROTO or the kernel's errno),
// never a read beyond the datagram.
#include "system/listenqueues.h"

#include <linux/inet_diag.h>
#include <linux/netlink.h>

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

[[noreturn]] void fail(const char* what) {
    std::fprintf(stderr, "sockdiag: %s\n", what);
    std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // A copy of exactly the datagram's size, so that ASan sees any read past it.
    const QByteArray datagram(reinterpret_cast<const char*>(data), qsizetype(size));
    QHash<quint64, sockscope::ListenQueueInfo> queues;
    const sockscope::SockDiagReply reply = sockscope::parseSockDiagReply(datagram, queues);
    if (reply.done && reply.error != 0)
        fail("done and failed at once");
    if (reply.error < 0 || reply.error >= 4096)
        fail("an error that is no errno");
    if (queues.size() > qsizetype(size / (NLMSG_HDRLEN + sizeof(inet_diag_msg))))
        fail("more listeners than the datagram can hold");
    return 0;
}
