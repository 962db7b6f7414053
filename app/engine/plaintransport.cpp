#include "engine/plaintransport.h"

#include <sys/ioctl.h>
#include <sys/socket.h>

#include <algorithm>

namespace sockscope {

namespace {
// From this much queued data on, read straight into an exactly sized array:
// the copy out of the shared buffer cost as much CPU as the kernel's own
// copy during a flood (perf, bench/profile.sh flood).
constexpr int kDirectReadMin = 16 * 1024;

// One reused read buffer per thread: reads copy out exactly what arrived, so
// a 1-byte chunk costs one byte of capture budget, not a 256 KiB buffer.
char* readBuffer() {
    thread_local QByteArray buffer(Transport::kMaxReadBytes, Qt::Uninitialized);
    return buffer.data();
}
} // namespace

// One recv(). Asks how much is queued only when a bulk transfer is likely,
// since that costs a system call of its own. A bulk read goes into the
// thread's bulk array, which is reused when nothing kept the last chunk read
// into it (a discard listener, a keep policy with nothing more to keep):
// implicit sharing tells, and a flood then costs no allocation per read
// (perf: malloc, free and the page faults of fresh 256 KiB arrays were most
// of the engine's own work under --keep head:64K). One per thread, not one
// per connection: 200 flooding connections kept 50 MiB of them.
std::optional<QByteArray> PlainTransport::read() {
    thread_local QByteArray bulk;
    int queued = 0;
    if (m_lastReadSize >= kDirectReadMin && ::ioctl(m_fd, FIONREAD, &queued) == 0 &&
        queued >= kDirectReadMin) {
        const qsizetype want = std::min<qsizetype>(queued, kMaxReadBytes);
        if (!bulk.isDetached() || bulk.capacity() < want)
            bulk = QByteArray(want, Qt::Uninitialized);
        else
            bulk.resize(want);
        const ssize_t n = ::recv(m_fd, bulk.data(), size_t(want), 0);
        if (n < 0)
            return std::nullopt;
        bulk.truncate(n);
        if (n > 0)
            m_lastReadSize = n;
        return bulk;
    }
    char* buffer = readBuffer();
    const ssize_t n = ::recv(m_fd, buffer, kMaxReadBytes, 0);
    if (n < 0)
        return std::nullopt;
    if (n > 0)
        m_lastReadSize = n;
    return QByteArray(buffer, n);
}

ssize_t PlainTransport::write(const char* data, qsizetype size) {
    return ::send(m_fd, data, size_t(size), MSG_NOSIGNAL);
}

} // namespace sockscope
