#include "capture/writebehind.h"

#include <pthread.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <limits>

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
    std::vector<QByteArray> written;
    {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [this] { return m_queuedBytes < kMaxQueuedBytes; });
        Q_ASSERT(m_queue.empty() || at >= m_queue.back().at + m_queue.back().bytes.size());
        m_queuedBytes += bytes.size();
        m_queue.push_back({at, std::move(bytes)});
        written.swap(m_written);
    }
    m_changed.notify_all();
    // written goes here, after the lock: freeing 256 KiB arrays under it
    // would hold the writer back.
}

void WriteBehind::dropWritten() {
    std::vector<QByteArray> written;
    const std::lock_guard lock(m_mutex);
    written.swap(m_written);
}

qint64 WriteBehind::doneBelow() const {
    const std::lock_guard lock(m_mutex);
    return m_queue.empty() ? std::numeric_limits<qint64>::max() : m_queue.front().at;
}

void WriteBehind::copyInMemory(qint64 start, qint64 end, char* out, Ranges* copied) const {
    const auto copy = [&](const Block& block) {
        const qint64 from = std::max(start, block.at);
        const qint64 to = std::min(end, block.at + block.bytes.size());
        if (from >= to)
            return;
        std::copy_n(block.bytes.constData() + (from - block.at), to - from, out + (from - start));
        copied->emplace_back(from, to);
    };
    const std::lock_guard lock(m_mutex);
    for (const Block& block : m_failed)
        copy(block);
    // In offset order: only the blocks that reach start matter, up to end.
    for (const Block& block : m_queue) {
        if (block.at >= end)
            break;
        copy(block);
    }
}

int WriteBehind::failure() const {
    const std::lock_guard lock(m_mutex);
    return m_failure;
}

bool WriteBehind::rewriteFailed() {
    // Under the lock, so that a reader finds each block in memory or on
    // disk, never between.
    const std::lock_guard lock(m_mutex);
    std::erase_if(m_failed, [this](const Block& block) {
        return writeFully(m_fd, block.bytes.constData(), block.bytes.size(), block.at) == 0;
    });
    return m_failed.empty();
}

void WriteBehind::run() {
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_changed.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
        if (m_stopping)
            return;
        // The front stays queued, and readable, until it is on disk; only
        // this thread takes it off, and a deque's push_back() keeps
        // references, so it is written without the lock and without a
        // reference of this thread's own.
        Block& block = m_queue.front();
        lock.unlock();
        const int failure = writeFully(m_fd, block.bytes.constData(), block.bytes.size(), block.at);
        lock.lock();
        m_queuedBytes -= block.bytes.size();
        if (failure == 0) {
            m_written.push_back(std::move(block.bytes));
        } else {
            if (m_failure == 0)
                m_failure = failure;
            m_failed.push_back(std::move(block));
        }
        m_queue.pop_front();
        m_changed.notify_all();
    }
}

} // namespace sockscope
