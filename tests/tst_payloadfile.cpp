// The capture store's file: released payload gives its disk blocks back,
// also where chunks share a block with a neighbour released later; and
// what is written behind reads back at once, even when its write failed.
#include "capture/payloadfile.h"

#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <linux/fiemap.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <vector>

using namespace sockscope;

namespace {
// The capture file is unlinked at once, so it is found the way `ls -l
// /proc/PID/fd` shows it: a link to its former name. -1 if there is none.
int captureFileDescriptor() {
    for (int fd = 0; fd < 1024; ++fd) {
        const QByteArray link = "/proc/self/fd/" + QByteArray::number(fd);
        char target[4096];
        const ssize_t length = ::readlink(link.constData(), target, sizeof target);
        if (length > 0 && QByteArray(target, length).contains("sockscope-capture-"))
            return fd;
    }
    return -1;
}

qint64 allocatedBytesOfCaptureFile() {
    struct stat info {};
    const int fd = captureFileDescriptor();
    return fd >= 0 && ::fstat(fd, &info) == 0 ? qint64(info.st_blocks) * 512 : -1;
}

// Blocks of the capture file allocated in [from, from + length), reserved
// but unwritten ones included; -1 where FIEMAP is not supported.
qint64 allocatedBytesOfCaptureFile(qint64 from, qint64 length) {
    constexpr int kMaxExtents = 512;
    // struct fiemap ends in a flexible array: room for it, suitably aligned.
    std::vector<quint64> buffer(
        (sizeof(fiemap) + kMaxExtents * sizeof(fiemap_extent)) / sizeof(quint64) + 1);
    auto* map = reinterpret_cast<fiemap*>(buffer.data());
    map->fm_start = quint64(from);
    map->fm_length = quint64(length);
    map->fm_flags = FIEMAP_FLAG_SYNC;
    map->fm_extent_count = kMaxExtents;
    if (::ioctl(captureFileDescriptor(), FS_IOC_FIEMAP, map) != 0)
        return -1;
    qint64 allocated = 0;
    for (quint32 i = 0; i < map->fm_mapped_extents; ++i) {
        const fiemap_extent& extent = map->fm_extents[i];
        const qint64 start = std::max<qint64>(from, qint64(extent.fe_logical));
        const qint64 end =
            std::min<qint64>(from + length, qint64(extent.fe_logical + extent.fe_length));
        allocated += std::max<qint64>(0, end - start);
    }
    return allocated;
}

// A file-size limit stands in for a full disk: writes and reservations
// past it fail with EFBIG, as they would with ENOSPC. Lifted when it goes.
class FileSizeLimit final {
public:
    explicit FileSizeLimit(rlim_t bytes) {
        std::signal(SIGXFSZ, SIG_IGN);
        ::getrlimit(RLIMIT_FSIZE, &m_old);
        rlimit limited = m_old;
        limited.rlim_cur = bytes;
        ::setrlimit(RLIMIT_FSIZE, &limited);
    }
    ~FileSizeLimit() { ::setrlimit(RLIMIT_FSIZE, &m_old); }
    Q_DISABLE_COPY_MOVE(FileSizeLimit)

private:
    rlimit m_old{};
};
} // namespace

class tst_PayloadFile final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void unalignedNeighboursReleasedInAnyOrderFreeTheirSharedBlocks();
    void keptNeighbourKeepsItsBytes();
    void smallAppendsReadBackWhetherWrittenOrNot();
    void aFailedReservationLeavesReleasedBlocksFree();
    void largeAppendsReadBackWhileBeingWritten();
    void bytesAWriteBehindFailedOnStayReadable();
};

void tst_PayloadFile::unalignedNeighboursReleasedInAnyOrderFreeTheirSharedBlocks() {
    QTemporaryDir dir;
    QString error;
    std::optional<PayloadFile> file = PayloadFile::createTemporary(dir.path(), &error);
    QVERIFY2(file, qPrintable(error));
    // 10,000 bytes each: no chunk starts or ends on a block boundary but
    // the first, as with real reads.
    constexpr int kChunks = 64;
    constexpr qint64 kChunk = 10000;
    for (int i = 0; i < kChunks; ++i)
        QVERIFY(file->append(QByteArray(kChunk, char('a' + i % 26)), &error));
    // Blocks go back in batches: this one, released last, fills the batch.
    const QByteArray batchFiller(PayloadFile::kPunchBatchBytes, 'f');
    const std::optional<qint64> fillerAt = file->append(batchFiller, &error);
    QVERIFY2(fillerAt, qPrintable(error));
    const qint64 before = allocatedBytesOfCaptureFile();
    QVERIFY(before >= kChunks * kChunk + batchFiller.size());
    // Evictions come from different connections: every other chunk, then
    // the rest.
    for (int i = 0; i < kChunks; i += 2)
        file->release(i * kChunk, kChunk);
    for (int i = 1; i < kChunks; i += 2)
        file->release(i * kChunk, kChunk);
    file->release(*fillerAt, batchFiller.size());
    // All but the last, partly written block, give or take a block of the
    // file system's own (st_blocks counts an extent tree's blocks too).
    // Punching chunk by chunk freed only each chunk's own whole blocks:
    // about 60% of the chunks.
    const qint64 expected = kChunks * kChunk + batchFiller.size() - 2 * 4096;
    // What was still being written is punched by a later append, once
    // written; appending a byte until then.
    qint64 freed = 0;
    QTRY_VERIFY_WITH_TIMEOUT((freed = before - allocatedBytesOfCaptureFile()) >= expected ||
                                 (file->append(QByteArray("+"), &error), false),
                             10000);
    if (freed == 0)
        QSKIP("this file system does not punch holes");
}

void tst_PayloadFile::keptNeighbourKeepsItsBytes() {
    QTemporaryDir dir;
    QString error;
    std::optional<PayloadFile> file = PayloadFile::createTemporary(dir.path(), &error);
    QVERIFY2(file, qPrintable(error));
    const QByteArray first(5000, 'x');
    const QByteArray kept(3000, 'k');
    const QByteArray third(9000, 'z');
    QVERIFY(file->append(first, &error));
    const std::optional<qint64> keptAt = file->append(kept, &error);
    QVERIFY(file->append(third, &error));
    file->release(0, first.size());
    file->release(*keptAt + kept.size(), third.size());
    QCOMPARE(file->read(*keptAt, 0, kept.size()), std::optional<QByteArray>(kept));
}

void tst_PayloadFile::smallAppendsReadBackWhetherWrittenOrNot() {
    QTemporaryDir dir;
    QString error;
    std::optional<PayloadFile> file = PayloadFile::createTemporary(dir.path(), &error);
    QVERIFY2(file, qPrintable(error));
    // 1,000 messages of 100 bytes: some already written, the newest still
    // gathered, and reads that span both.
    QByteArray all;
    std::vector<qint64> offsets;
    for (int i = 0; i < 1000; ++i) {
        const QByteArray message = QByteArray::number(i).rightJustified(100, '.');
        const std::optional<qint64> at = file->append(message, &error);
        QVERIFY2(at, qPrintable(error));
        QCOMPARE(*at, qint64(all.size()));
        offsets.push_back(*at);
        all += message;
    }
    for (int i = 0; i < 1000; i += 7)
        QCOMPARE(file->read(offsets[i], 0, 100), std::optional<QByteArray>(all.mid(i * 100, 100)));
    QCOMPARE(file->read(0, 0, all.size()), std::optional<QByteArray>(all));
    QCOMPARE(file->read(offsets[10], 50, all.size() - 1050),
             std::optional<QByteArray>(all.mid(1050)));
    QCOMPARE(file->read(0, 0, all.size() + 1), std::nullopt);
    // A big append is queued as it is, after what was gathered.
    const QByteArray big(PayloadFile::kPunchBatchBytes, 'b');
    const std::optional<qint64> bigAt = file->append(big, &error);
    QVERIFY2(bigAt, qPrintable(error));
    QCOMPARE(*bigAt, qint64(all.size()));
    const QByteArray last("the newest message");
    const std::optional<qint64> lastAt = file->append(last, &error);
    // Releasing a batch's worth punches holes; what is kept stays.
    file->release(*bigAt, big.size());
    QCOMPARE(file->read(*lastAt, 0, last.size()), std::optional<QByteArray>(last));
    QCOMPARE(file->read(offsets[999], 0, 100), std::optional<QByteArray>(all.right(100)));
}

void tst_PayloadFile::aFailedReservationLeavesReleasedBlocksFree() {
    QTemporaryDir dir;
    QString error;
    std::optional<PayloadFile> file = PayloadFile::createTemporary(dir.path(), &error);
    QVERIFY2(file, qPrintable(error));
    const QByteArray chunk(1 << 20, 'c');
    constexpr int kChunks = 40;
    {
        // Too small for a reservation step: 40 MiB go in unreserved.
        const FileSizeLimit limit(64 << 20);
        for (int i = 0; i < kChunks; ++i)
            QVERIFY2(file->append(chunk, &error), qPrintable(error));
    }
    const qint64 written = qint64(kChunks) * chunk.size();
    for (int i = 0; i < kChunks; ++i)
        file->release(qint64(i) * chunk.size(), chunk.size());
    const qint64 released = allocatedBytesOfCaptureFile(0, written);
    if (released < 0)
        QSKIP("this file system has no FIEMAP");
    if (released > written / 2)
        QSKIP("this file system does not punch holes");
    // Now a reservation succeeds: it starts where the writes ended, and
    // does not fill the holes behind them again.
    const std::optional<qint64> at = file->append(QByteArray("after"), &error);
    QVERIFY2(at, qPrintable(error));
    QCOMPARE(*at, written);
    QCOMPARE(allocatedBytesOfCaptureFile(0, written), released);
    QCOMPARE(file->read(*at, 0, 5), std::optional<QByteArray>("after"));
}

void tst_PayloadFile::largeAppendsReadBackWhileBeingWritten() {
    QTemporaryDir dir;
    QString error;
    std::optional<PayloadFile> file = PayloadFile::createTemporary(dir.path(), &error);
    QVERIFY2(file, qPrintable(error));
    // 64 MiB in 1 MiB appends, each read back at once: queued, being
    // written or on disk, whichever it is by then; then all of it again,
    // across where the writes are.
    QByteArray all;
    for (int i = 0; i < 64; ++i) {
        QByteArray block(1 << 20, Qt::Uninitialized);
        for (qsizetype j = 0; j < block.size(); ++j)
            block[j] = char((i * 7 + j / 4096) % 251);
        const std::optional<qint64> at = file->append(block, &error);
        QVERIFY2(at, qPrintable(error));
        QCOMPARE(*at, qint64(all.size()));
        QCOMPARE(file->read(*at, 0, block.size()), std::optional<QByteArray>(block));
        all += block;
    }
    QCOMPARE(file->read(0, 0, all.size()), std::optional<QByteArray>(all));
}

void tst_PayloadFile::bytesAWriteBehindFailedOnStayReadable() {
    QTemporaryDir dir;
    QString error;
    std::optional<PayloadFile> file = PayloadFile::createTemporary(dir.path(), &error);
    QVERIFY2(file, qPrintable(error));
    const QByteArray first("gathered before the disk failed");
    const std::optional<qint64> firstAt = file->append(first, &error);
    QVERIFY2(firstAt, qPrintable(error));
    const QByteArray big(256 * 1024, 'b');
    const QByteArray later("later");
    std::optional<qint64> bigAt;
    {
        const FileSizeLimit limit(1);
        // Into reserved blocks: queued, and it fails behind, on the
        // writer's thread.
        bigAt = file->append(big, &error);
        QVERIFY2(bigAt, qPrintable(error));
        // A later append learns of it and writes for itself from then on,
        // where its caller sees the failure.
        QTRY_VERIFY(!file->append(later, &error));
        QVERIFY2(error.contains(u"EFBIG"), qPrintable(error));
    }
    // Nothing the appends accepted is lost: what failed behind stays in
    // memory, readable.
    const qint64 bigEnd = *bigAt + big.size();
    const QByteArray next("written directly");
    const std::optional<qint64> nextAt = file->append(next, &error);
    QVERIFY2(nextAt, qPrintable(error));
    QCOMPARE_GE(*nextAt, bigEnd);
    QCOMPARE((*nextAt - bigEnd) % later.size(), 0);
    const QByteArray expected =
        first + big + later.repeated((*nextAt - bigEnd) / later.size()) + next;
    QCOMPARE(file->read(*firstAt, 0, expected.size()), std::optional<QByteArray>(expected));
}

QTEST_GUILESS_MAIN(tst_PayloadFile)
#include "tst_payloadfile.moc"
