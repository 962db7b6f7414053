#include "capture/writebehind.h"

#include <pthread.h>
#include <unistd.h>

#include <cerrno>

namespace sockscope {

int writeFully(int fd, const char* data, qint64 length, qint64 at) {
    while (length > 0) {
        const ssize_t n = ::pwrite(fd, data, size_t(length), off_t(at));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return n < 0 ? errno : ENOSPC; // a short write: the disk was full
        data += n;
        length -= n;
        at += n;
    }
    return 0;
}

WriteBehind::WriteBehind(int fd)
    : m_fd(fd)
    , m_thread([this] { run(); }) {
    // Named so that top -H and perf tell it from the engine.
    pthread_setname_np(m_thread.native_handle(), "sockscope-store");
}

WriteBehind::~WriteBehind() {
    {
        const std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_changed.notify_all();
    m_thread.join();
}

void WriteBehind::write(qint64 at, QByteArray bytes) {
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return m_queuedBytes < kMaxQueuedBytes; });
    m_queuedBytes += bytes.size();
    m_queue.push_back({at, std::move(bytes)});
    lock.unlock();
    m_changed.notify_all();
}

void WriteBehind::waitUntilDone(qint64 end) {
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this, end] { return m_queue.empty() || m_queue.front().at >= end; });
}

int WriteBehind::failure() const {
    const std::lock_guard lock(m_mutex);
    return m_failure;
}

std::vector<WriteBehind::Block> WriteBehind::inMemory() const {
    const std::lock_guard lock(m_mutex);
    std::vector<Block> blocks(m_failed.begin(), m_failed.end());
    blocks.insert(blocks.end(), m_queue.begin(), m_queue.end());
    return blocks;
}

void WriteBehind::run() {
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_changed.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
        if (m_stopping)
            return;
        // The front stays queued, and readable, until it is on disk; the
        // bytes are shared, so writing them needs no lock.
        const Block block = m_queue.front();
        lock.unlock();
        const int failure = writeFully(m_fd, block.bytes.constData(), block.bytes.size(), block.at);
        lock.lock();
        if (failure != 0) {
            if (m_failure == 0)
                m_failure = failure;
            m_failed.push_back(block);
        }
        m_queuedBytes -= block.bytes.size();
        m_queue.pop_front();
        m_changed.notify_all();
    }
}

} // namespace sockscope
