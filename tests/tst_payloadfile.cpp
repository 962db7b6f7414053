// The capture store's file: released payload gives its disk blocks back,
// also where chunks share a block with a neighbour released later.
#include "capture/payloadfile.h"

#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace sockscope;

namespace {
// The capture file is unlinked at once, so it is found the way `ls -l
// /proc/PID/fd` shows it: a link to its former name.
qint64 allocatedBytesOfCaptureFile() {
    for (int fd = 0; fd < 1024; ++fd) {
        const QByteArray link = "/proc/self/fd/" + QByteArray::number(fd);
        char target[4096];
        const ssize_t length = ::readlink(link.constData(), target, sizeof target);
        if (length <= 0 || !QByteArray(target, length).contains("sockscope-capture-"))
            continue;
        struct stat info {};
        if (::fstat(fd, &info) == 0)
            return qint64(info.st_blocks) * 512;
    }
    return -1;
}
} // namespace

class tst_PayloadFile final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void unalignedNeighboursReleasedInAnyOrderFreeTheirSharedBlocks();
    void keptNeighbourKeepsItsBytes();
    void smallAppendsReadBackWhetherWrittenOrNot();
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
    const qint64 freed = before - allocatedBytesOfCaptureFile();
    if (freed == 0)
        QSKIP("this file system does not punch holes");
    // All but the last, partly written block, give or take a block of the
    // file system's own (st_blocks counts an extent tree's blocks too).
    // Punching chunk by chunk freed only each chunk's own whole blocks:
    // about 60% of the chunks.
    QCOMPARE_GE(freed, kChunks * kChunk + batchFiller.size() - 2 * 4096);
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
    // A big append goes straight to the file, after what was gathered.
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

QTEST_APPLESS_MAIN(tst_PayloadFile)
#include "tst_payloadfile.moc"
