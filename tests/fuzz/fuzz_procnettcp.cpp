// libFuzzer target: the /proc/net/tcp{,6} reader on canned text. Whatever
// the kernel (or a future kernel) prints, lines that do not parse are
// skipped, never half read, and the state filter only filters.
#include "system/procnettcp.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

[[noreturn]] void fail(const char* what) {
    std::fprintf(stderr, "procnettcp: %s\n", what);
    std::abort();
}

void check(QByteArrayView text, QAbstractSocket::NetworkLayerProtocol family) {
    const QList<sockscope::SystemSocket> all = sockscope::parseProcNetTcp(text, family);
    if (all.size() > text.count('\n') + 1)
        fail("more sockets than lines");
    qsizetype listening = 0;
    for (const sockscope::SystemSocket& s : all) {
        if (s.family != family || s.local.isEmpty() || s.remote.isEmpty())
            fail("a socket without its family or addresses");
        if (!s.local.endsWith(QLatin1Char(':') + QString::number(s.localPort)) ||
            !s.remote.endsWith(QLatin1Char(':') + QString::number(s.remotePort)))
            fail("an address that does not end in its port");
        listening += s.state == sockscope::TcpState::Listen;
    }
    const QList<sockscope::SystemSocket> listeners =
        sockscope::parseProcNetTcp(text, family, sockscope::TcpState::Listen);
    if (listeners.size() != listening)
        fail("the state filter dropped or added sockets");
    for (const sockscope::SystemSocket& s : listeners) {
        if (s.state != sockscope::TcpState::Listen)
            fail("the state filter let another state through");
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const QByteArrayView text(reinterpret_cast<const char*>(data), qsizetype(size));
    check(text, QAbstractSocket::IPv4Protocol);
    check(text, QAbstractSocket::IPv6Protocol);
    return 0;
}
