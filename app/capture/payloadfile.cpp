#include "capture/payloadfile.h"

#include "base/sockaddr.h"

#include <QDir>
#include <QFile>

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <utility>

namespace sockscope {

namespace {
// Whole base64 quanta: 3 bytes are 4 characters.
constexpr qint64 base64Chars(qint64 bytes) {
    return (bytes + 2) / 3 * 4;
}

// Adds [start, end) to ranges (start -> end), merged with every range it
// overlaps or touches; the merged range.
std::pair<qint64, qint64> mergeRange(std::map<qint64, qint64>& ranges, qint64 start, qint64 end) {
    auto next = ranges.lower_bound(start);
    if (next != ranges.begin() && std::prev(next)->second >= start) {
        start = std::prev(next)->first;
        end = std::max(end, std::prev(next)->second);
        ranges.erase(std::prev(next));
    }
    while (next != ranges.end() && next->first <= end) {
        end = std::max(end, next->second);
        next = ranges.erase(next);
    }
    ranges.emplace(start, end);
    return {start, end};
}

bool preadAll(int fd, char* out, qint64 length, qint64 offset) {
    while (length > 0) {
        const ssize_t n = ::pread(fd, out, size_t(length), off_t(offset));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        out += n;
        length -= n;
        offset += n;
    }
    return true;
}
} // namespace

std::optional<PayloadFile> PayloadFile::createTemporary(const QString& dir, QString* error) {
    const QString folder = dir.isEmpty() ? QDir::tempPath() : dir;
    QByteArray name =
        QFile::encodeName(QDir(folder).filePath(QStringLiteral("sockscope-capture-XXXXXX")));
    const int fd = ::mkostemp(name.data(), O_CLOEXEC);
    if (fd < 0) {
        *error = QStringLiteral("cannot create a capture file in '%1': %2")
                     .arg(folder, errnoText(errno));
        return std::nullopt;
    }
    ::unlink(name.constData());
    PayloadFile file;
    file.m_fd.reset(fd);
    struct stat info {};
    if (::fstat(fd, &info) == 0 && info.st_blksize > 0)
        file.m_blockSize = info.st_blksize;
    file.m_path = QFile::decodeName(name);
    return file;
}

std::optional<PayloadFile> PayloadFile::openForReading(const QString& path, Encoding encoding,
                                                       QString* error) {
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        *error = QStringLiteral("cannot open '%1': %2").arg(path, errnoText(errno));
        return std::nullopt;
    }
    PayloadFile file;
    file.m_fd.reset(fd);
    file.m_path = path;
    file.m_encoding = encoding;
    return file;
}

void PayloadFile::reserveFor(qint64 bytes) {
    if (!m_reserving || m_end + bytes <= m_reserved)
        return;
    // Never below m_end: after a reservation failed, writes went on
    // unreserved, and fallocate() over them would fill the holes that
    // released payload left, blocks nothing would give back again.
    const qint64 from = std::max(m_reserved, m_end);
    const qint64 grow = std::max(kReserveBytes, m_end + bytes - from);
    if (::fallocate(m_fd.get(), 0, off_t(from), off_t(grow)) == 0) {
        m_reserved = from + grow;
        return;
    }
    // No room for a whole step (or no fallocate here): write unreserved,
    // and let the write itself say whether the disk is full.
    m_reserving = errno != EOPNOTSUPP;
}

PayloadFile::~PayloadFile() {
    m_writeBehind.reset(); // before the descriptor it writes to closes
}

WriteBehind& PayloadFile::writeBehind() {
    if (!m_writeBehind)
        m_writeBehind = std::make_unique<WriteBehind>(m_fd.get());
    return *m_writeBehind;
}

void PayloadFile::queueGathered() {
    if (m_gathered.isEmpty())
        return;
    const qint64 at = gatheredStart(); // before the bytes move out
    writeBehind().write(at, std::exchange(m_gathered, QByteArray()));
}

std::optional<qint64> PayloadFile::append(const QByteArray& bytes, QString* error) {
    reserveFor(bytes.size());
    const qint64 size = bytes.size();
    if (m_writeBehind) {
        m_writeBehind->dropWritten();
        if (m_writingBehind && m_writeBehind->failure() != 0) {
            // No more goes behind. What failed is tried once more here; what
            // fails again stays in memory, readable.
            m_writingBehind = false;
            m_writeBehind->rewriteFailed();
        }
        // What a batch left for its writes may be punched now.
        if (m_punchWaitsForWrites && m_toPunch.begin()->first < punchableBelow())
            punchPending();
    }
    if (m_gathered.size() + size > kGatherBytes)
        queueGathered();
    if (m_writingBehind && m_end + size <= m_reserved) {
        if (size < kGatherBytes) {
            if (m_gathered.isEmpty())
                m_gathered.reserve(kGatherBytes);
            m_gathered.append(bytes);
        } else {
            queueGathered();
            writeBehind().write(m_end, bytes);
        }
        m_end += size;
        return m_end - size;
    }
    queueGathered();
    const int cause = writeFully(m_fd.get(), bytes.constData(), size, m_end);
    if (cause != 0) {
        *error = QStringLiteral("writing the capture file '%1' failed: %2")
                     .arg(m_path, errnoText(cause));
        return std::nullopt; // later offsets stay clear of the partial write
    }
    m_end += size;
    return m_end - size;
}

std::optional<QByteArray> PayloadFile::read(qint64 fileOffset, qint64 from, qint64 length) const {
    if (length <= 0)
        return QByteArray();
    if (m_encoding == Encoding::Raw) {
        const qint64 start = fileOffset + from;
        const qint64 end = start + length;
        if (end > m_end)
            return std::nullopt;
        // From memory where bytes are still (or only) there, the rest from
        // the file: what was not in memory when it was copied is on disk
        // (appends, and so new blocks, wait for the store's lock, as this
        // read does).
        QByteArray out(length, Qt::Uninitialized);
        WriteBehind::Ranges inMemory;
        if (m_writeBehind)
            m_writeBehind->copyInMemory(start, end, out.data(), &inMemory);
        const qint64 gatheredFrom = std::max(start, gatheredStart());
        if (gatheredFrom < end) {
            std::copy_n(m_gathered.constData() + (gatheredFrom - gatheredStart()),
                        end - gatheredFrom, out.data() + (gatheredFrom - start));
            inMemory.emplace_back(gatheredFrom, end);
        }
        std::sort(inMemory.begin(), inMemory.end());
        qint64 at = start;
        const auto readUpTo = [&](qint64 until) {
            const bool ok =
                until <= at || preadAll(m_fd.get(), out.data() + (at - start), until - at, at);
            at = std::max(at, until);
            return ok;
        };
        for (const auto& [copiedFrom, copiedTo] : inMemory) {
            if (!readUpTo(copiedFrom))
                return std::nullopt;
            at = std::max(at, copiedTo);
        }
        if (!readUpTo(end))
            return std::nullopt;
        return out;
    }
    // Decode whole quanta around the range, then cut it out.
    const qint64 firstQuantum = from / 3;
    const qint64 lastByte = from + length;
    const qint64 chars = base64Chars(lastByte - firstQuantum * 3);
    QByteArray encoded(chars, Qt::Uninitialized);
    if (!preadAll(m_fd.get(), encoded.data(), chars, fileOffset + firstQuantum * 4))
        return std::nullopt;
    const auto decoded =
        QByteArray::fromBase64Encoding(encoded, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    const qint64 skip = from - firstQuantum * 3;
    if (decoded.decoded.size() < skip + length)
        return std::nullopt;
    return decoded.decoded.mid(skip, length);
}

void PayloadFile::release(qint64 fileOffset, qint64 length) {
    if (m_encoding != Encoding::Raw || length <= 0)
        return;
    // Best effort: a file system without hole punching keeps the blocks,
    // and the budget still counts them as free.
    const auto [start, end] = mergeRange(m_released, fileOffset, fileOffset + length);
    // Only blocks this release touches can have become wholly free.
    const auto down = [this](qint64 at) {
        return at / m_blockSize * m_blockSize;
    };
    const qint64 from = std::max(down(start + m_blockSize - 1), down(fileOffset));
    const qint64 to = std::min(down(end), down(fileOffset + length + m_blockSize - 1));
    if (to > from)
        punchLater(from, to);
}

void PayloadFile::punchLater(qint64 from, qint64 to) {
    m_toPunchBytes += to - from;
    mergeRange(m_toPunch, from, to);
    if (m_toPunchBytes >= kPunchBatchBytes || m_toPunch.size() >= kPunchBatchRanges)
        punchPending();
}

qint64 PayloadFile::punchableBelow() const {
    qint64 written = m_gathered.isEmpty() ? m_end : gatheredStart();
    if (m_writeBehind)
        written = std::min(written, m_writeBehind->doneBelow());
    // Whole blocks: ranges to punch start and end on block boundaries, and
    // one split inside a block would leave that block zeroed, not given back.
    return written / m_blockSize * m_blockSize;
}

void PayloadFile::punchPending() {
    // Only below what is written: a hole under bytes not written yet would
    // be filled again when they are, and waiting for them would hold the
    // store's lock (and the engine) for up to the whole queue. The rest
    // stays pending for a later batch.
    const qint64 done = punchableBelow();
    std::map<qint64, qint64> later;
    qint64 laterBytes = 0;
    for (const auto& [from, to] : m_toPunch) {
        if (from < done)
            ::fallocate(m_fd.get(), FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, off_t(from),
                        off_t(std::min(to, done) - from));
        if (to > done) {
            later.emplace(std::max(from, done), to);
            laterBytes += to - std::max(from, done);
        }
    }
    m_toPunch = std::move(later);
    m_toPunchBytes = laterBytes;
    m_punchWaitsForWrites = !m_toPunch.empty();
}

} // namespace sockscope
