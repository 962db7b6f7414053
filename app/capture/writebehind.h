#pragma once

#include <QByteArray>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

namespace sockscope {

// pwrite() until all of [data, data + length) is at offset at: 0, or the
// errno of the failure.
int writeFully(int fd, const char* data, qint64 length, qint64 at);

// Writes a file's appended blocks on a thread of its own, in the order they
// came, so the thread that captures does not wait for the page cache. A
// relayed gigabyte stored whole cost the engine thread 0.4 s of its 0.8 s
// per GiB in pwrite (the copy into fresh page-cache pages is slow on a VM:
// `dd` to ext4 here moves 3–4 GB/s), and the engine thread is what limits
// a relay. A block is queued by reference (QByteArray shares it), so the
// capturing thread copies nothing.
//
// What is queued, being written, or failed to write stays readable
// through inMemory(): a failed write loses nothing, its bytes are kept in
// memory (at most kMaxQueuedBytes of them, since a caller that sees
// failure() writes for itself from then on).
class WriteBehind final {
public:
    // Queued bytes beyond which write() waits for the thread: memory stays
    // bounded when the disk is slower than the traffic.
    static constexpr qint64 kMaxQueuedBytes = 32ll << 20;

    struct Block {
        qint64 at = 0;
        QByteArray bytes;
    };

    explicit WriteBehind(int fd);
    // Stops the thread after the write in progress; what is still queued is
    // not written (the file is a temporary that goes with the process).
    ~WriteBehind();
    Q_DISABLE_COPY_MOVE(WriteBehind)

    // Queues bytes to be written at offset at. Offsets only grow.
    void write(qint64 at, QByteArray bytes);
    // Waits until every byte queued below offset end is written or failed.
    void waitUntilDone(qint64 end);
    // The errno of the first write that failed, 0 while none has.
    int failure() const;
    // The blocks not on disk: queued, being written, or failed.
    std::vector<Block> inMemory() const;

private:
    void run();

    const int m_fd;
    mutable std::mutex m_mutex;
    std::condition_variable m_changed; // a block queued, done, or stop
    std::deque<Block> m_queue;         // the front is being written
    qint64 m_queuedBytes = 0;
    std::vector<Block> m_failed;
    int m_failure = 0;
    bool m_stopping = false;
    std::thread m_thread; // last: started once the rest exists
};

} // namespace sockscope
