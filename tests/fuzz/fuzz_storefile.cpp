// libFuzzer target: the capture store's file reader. A reopened session
// (File → Open, --import, a recording of an earlier run) leaves its
// payloads in the file and reads them back only when shown or exported, so
// the file may have changed since it was indexed: cut short, overwritten,
// grown. Reading every event, payload and stream page must then still
// hold up: the right sizes or a clean refusal, shown as a gap, never
// zeros, never a crash. Undamaged, the store must give the same payloads
// as the in-memory reader.
#include "capture/capturestore.h"
#include "formats/jsonlreader.h"

#include <QTemporaryFile>

#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <set>

namespace {

using sockscope::CaptureEvent;
using sockscope::CaptureStore;
using sockscope::EventKind;

[[noreturn]] void fail(const char* what) {
    std::fprintf(stderr, "storefile: %s\n", what);
    std::abort();
}

enum class Damage { None, Overwrite, Truncate, TruncateAndAppend };

void damage(QTemporaryFile& file, Damage how, qint64 at, const std::string& bytes) {
    const qint64 size = file.size();
    const qint64 offset = size > 0 ? at % size : 0;
    bool ok = true;
    switch (how) {
    case Damage::None:
        break;
    case Damage::Overwrite:
        ok = file.seek(offset) &&
             file.write(bytes.data(), qint64(bytes.size())) == qint64(bytes.size());
        break;
    case Damage::Truncate:
        ok = file.resize(offset);
        break;
    case Damage::TruncateAndAppend:
        ok = file.resize(offset) && file.seek(offset) &&
             file.write(bytes.data(), qint64(bytes.size())) == qint64(bytes.size());
        break;
    }
    if (!ok || !file.flush())
        fail("cannot damage the file");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    FuzzedDataProvider input(data, size);
    // The damage is described at the end of the input, the session is the rest.
    const auto how = Damage(input.ConsumeIntegralInRange(0, 3));
    const qint64 at = input.ConsumeIntegral<std::uint16_t>();
    const std::size_t damageSize = input.ConsumeIntegralInRange<std::size_t>(0, 64);
    const std::string session = input.ConsumeBytesAsString(
        input.remaining_bytes() > damageSize ? input.remaining_bytes() - damageSize : 0);
    const std::string bytes = input.ConsumeRemainingBytesAsString();

    static QTemporaryFile file;
    if (!file.isOpen() && !file.open())
        fail("no temporary file");
    if (!file.resize(0) || !file.seek(0) ||
        file.write(session.data(), qint64(session.size())) != qint64(session.size()) ||
        !file.flush())
        fail("cannot write the session");
    QString error;
    qint64 ignoredTail = 0;
    const std::unique_ptr<CaptureStore> store =
        sockscope::importJsonlSession(file.fileName(), &error, &ignoredTail);
    if (!store)
        return 0;
    std::optional<sockscope::EventBatch> inMemory;
    if (how == Damage::None) {
        inMemory = sockscope::readJsonlSession(file.fileName(), &error);
        if (!inMemory)
            fail("the in-memory reader refuses what the import took");
    }
    damage(file, how, at, bytes);

    // Every event, as an export walks them.
    std::set<int> connections;
    store->forEachEvent([&](const CaptureEvent& e) {
        if (e.kind == EventKind::Data && e.data.size() != e.size)
            fail("an exported payload that is not its size");
        if (e.conn != 0)
            connections.insert(e.conn);
        return true;
    });
    if (inMemory) {
        // Undamaged: each connection's payloads as the in-memory reader has
        // them, in the store's order (seq, then the file's; a hostile file's
        // seq may go backwards).
        std::stable_sort(
            inMemory->begin(), inMemory->end(),
            [](const CaptureEvent& a, const CaptureEvent& b) { return a.seq < b.seq; });
        for (const int conn : connections) {
            QByteArray fromFile;
            QByteArray fromMemory;
            for (const CaptureEvent& e : store->eventsOf(conn, 1 << 20))
                fromFile += e.kind == EventKind::Data ? e.data : QByteArray();
            for (const CaptureEvent& e : *inMemory)
                fromMemory += e.kind == EventKind::Data && e.conn == conn ? e.data : QByteArray();
            if (fromFile != fromMemory)
                fail("the store reads other payload bytes than the in-memory reader");
        }
    }
    for (const int conn : connections) {
        const qint64 length = store->streamLength(conn);
        qint64 offset = 0;
        for (int page = 0; page < 64 && offset < length; ++page) {
            const QList<sockscope::StreamSegment> segments = store->streamRange(conn, offset, 512);
            if (segments.isEmpty())
                fail("a stream with bytes left gave no segment");
            for (const sockscope::StreamSegment& s : segments) {
                if (s.offset != offset || s.size <= 0)
                    fail("segments are not back to back");
                if (!s.isGap()) {
                    if (s.bytes.size() != s.size)
                        fail("a segment that is not its size");
                    const std::optional<QByteArray> whole = store->payload(conn, s.seq);
                    if (whole && whole->mid(s.offsetInChunk, s.size) != s.bytes)
                        fail("a segment differs from its event's payload");
                } else if (inMemory) {
                    fail("a gap in an undamaged session");
                }
                offset = s.offset + s.size;
            }
        }
    }
    return 0;
}
