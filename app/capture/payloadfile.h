#pragma once

#include "base/uniquefd.h"
#include "capture/writebehind.h"

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <map>
#include <memory>
#include <optional>

namespace sockscope {

// The file behind a capture store: payload bytes appended raw (a live
// capture), or base64 spans inside a saved JSON Lines session (an import,
// decoded only when read). Owns its descriptor. Not locked: its store
// serialises every use (its WriteBehind locks what it shares with its
// thread).
class PayloadFile final {
public:
    enum class Encoding { Raw, Base64 };

    PayloadFile() = default;
    PayloadFile(PayloadFile&& other) noexcept = default;
    PayloadFile& operator=(PayloadFile&& other) noexcept = default;
    ~PayloadFile();

    // A new file in dir, unlinked at once: it never outlives the process,
    // not even a kill -9. nullopt with *error naming the folder and errno.
    static std::optional<PayloadFile> createTemporary(const QString& dir, QString* error);
    static std::optional<PayloadFile> openForReading(const QString& path, Encoding encoding,
                                                     QString* error);

    bool isOpen() const { return m_fd.isValid(); }
    QString path() const { return m_path; }
    Encoding encoding() const { return m_encoding; }

    // Appends bytes (Raw only); the offset they start at, or nullopt with
    // *error naming the errno (ENOSPC for a full disk). Into reserved
    // blocks the write happens behind (WriteBehind): a failure there keeps
    // the bytes readable in memory, and is reported by a later append,
    // which writes for itself from then on.
    std::optional<qint64> append(const QByteArray& bytes, QString* error);
    // Bytes [from, from + length) of a payload stored at fileOffset;
    // nullopt when they cannot be read.
    std::optional<QByteArray> read(qint64 fileOffset, qint64 from, qint64 length) const;
    // Gives the disk blocks of a raw payload back (hole punching); the
    // file's size stays, so later offsets do not move. Only whole blocks
    // can be given back, so a block shared with a neighbour goes once that
    // neighbour is released too. Blocks are given back in batches, so up
    // to kPunchBatchBytes (and kPunchBatchRanges ranges) of released
    // payload can stay allocated until more is released.
    void release(qint64 fileOffset, qint64 length);

    static constexpr qint64 kPunchBatchBytes = 8ll << 20;
    static constexpr std::size_t kPunchBatchRanges = 64;

private:
    // Blocks are allocated this far ahead of the writes: on ext4, writing
    // into a fresh file ran at 380 MB/s and into an allocated one at
    // 2.8 GB/s (dd, this machine), since allocation per write dominates.
    static constexpr qint64 kReserveBytes = 256ll << 20;
    void reserveFor(qint64 bytes);

    // Small appends are gathered and written together: a chatty
    // connection cost one pwrite per message, two per relayed one. Only
    // into reserved blocks, where a write should not find the disk full.
    // Should it fail all the same (an I/O error; a file system whose
    // fallocate reserves nothing), the bytes stay in memory, where reads
    // find them, and writing behind stops: later writes fail where their
    // caller sees it.
    static constexpr qint64 kGatherBytes = 64 * 1024;
    void queueGathered();
    WriteBehind& writeBehind();
    qint64 gatheredStart() const { return m_end - m_gathered.size(); }
    QByteArray m_gathered; // bytes [gatheredStart(), m_end), not yet queued
    bool m_writingBehind = true;

    // Before m_fd, so that a move-assignment stops the old writer before
    // its descriptor closes (the destructor stops it first, too).
    std::unique_ptr<WriteBehind> m_writeBehind;
    UniqueFd m_fd;
    QString m_path;
    Encoding m_encoding = Encoding::Raw;
    qint64 m_end = 0;
    qint64 m_reserved = 0; // the end of the blocks fallocate() gave
    bool m_reserving = true;
    // Released byte ranges, merged (start -> end). Chunks are released in
    // any order and rarely start on a block boundary; punching each alone
    // left one allocated block per chunk, millions of one-block extents
    // that the kernel then freed one by one when the file was closed: 12 s
    // to exit after a 1 GiB flood, minutes after a soak (ext4 with
    // discard). Merging lets the shared blocks go. Entries are separated by
    // payload still kept, so there are never more than kept chunks.
    std::map<qint64, qint64> m_released;
    qint64 m_blockSize = 4096;
    // Whole free blocks not yet given back, merged (start -> end). One
    // punch per chunk held a relay flood at a full 64 MiB budget to 444
    // MiB/s; batched, 832 (bench.py, median of 3): each punch invalidates
    // its pages and edits the extent tree under the inode's lock.
    // Evictions mostly go in file order, so a batch is mostly one range.
    // Punches are batched, and what a batch finds still being written waits
    // (m_punchWaitsForWrites) for the next append after its writes, or
    // writing it would fill the hole again.
    void punchLater(qint64 from, qint64 to);
    void punchPending();
    // The block boundary below which every byte appended is in the file
    // (or failed): holes go only there.
    qint64 punchableBelow() const;
    std::map<qint64, qint64> m_toPunch;
    qint64 m_toPunchBytes = 0;
    bool m_punchWaitsForWrites = false;
};

} // namespace sockscope
