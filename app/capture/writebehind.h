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
// The thread that queues is also the one that lets go of what was written
// (dropWritten(), and write()): its read buffers are reused once no one
// else holds them (PlainTransport), and a reference count read without a
// lock only proves that if the last other holder let go on that thread, or
// under a lock it took since. Readers copy bytes under the lock, and hold
// no block.
//
// What is queued, being written, or failed to write stays readable
// through copyInMemory(): a failed write loses nothing, its bytes are kept
// in memory until rewriteFailed() gets them to disk (at most
// kMaxQueuedBytes and a block, since a caller that sees failure() writes
// for itself from then on).
class WriteBehind final {
public:
    // Queued bytes beyond which write() waits for the thread: memory stays
    // bounded when the disk is slower than the traffic.
    static constexpr qint64 kMaxQueuedBytes = 32ll << 20;

    // Byte ranges [first, second) of the file.
    using Ranges = std::vector<std::pair<qint64, qint64>>;

    explicit WriteBehind(int fd);
    // Stops the thread after the write in progress; what is still queued is
    // not written (the file is a temporary that goes with the process).
    ~WriteBehind();
    Q_DISABLE_COPY_MOVE(WriteBehind)

    // Queues bytes to be written at offset at; offsets only grow. Waits
    // while kMaxQueuedBytes are queued.
    void write(qint64 at, QByteArray bytes);
    // Lets go of the blocks written so far, on the calling thread.
    void dropWritten();
    // Every block queued below this offset is written (or failed).
    qint64 doneBelow() const;
    // Copies what of [start, end) is only in memory (queued, being
    // written, failed) into out (out[0] is the byte at start); the ranges
    // copied go to *copied.
    void copyInMemory(qint64 start, qint64 end, char* out, Ranges* copied) const;
    // The errno of the first write that failed, 0 while none has.
    int failure() const;
    // Writes the failed blocks again, on the calling thread; those written
    // leave memory. Whether none is left.
    bool rewriteFailed();

private:
    struct Block {
        qint64 at = 0;
        QByteArray bytes;
    };
    void run();

    const int m_fd;
    mutable std::mutex m_mutex;
    std::condition_variable m_changed; // a block queued, done, or stop
    std::deque<Block> m_queue;         // the front is being written
    qint64 m_queuedBytes = 0;
    std::vector<QByteArray> m_written; // for the queuing thread to let go of
    std::vector<Block> m_failed;
    int m_failure = 0;
    bool m_stopping = false;
    std::thread m_thread; // last: started once the rest exists
};

} // namespace sockscope
