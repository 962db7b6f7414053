// libFuzzer target: opening a session (File → Open, --import) indexes the
// file and leaves its payloads there, decoding them only when read. Any
// input must be refused cleanly or give a store whose every event and
// stream byte can be read back, and must never crash.
#include "capture/capturestore.h"
#include "formats/jsonlreader.h"

#include <QFile>
#include <QString>
#include <QTemporaryFile>

#include <cstddef>
#include <cstdint>
#include <set>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // The importer reads a path: the payload spans it indexes are offsets
    // into that file.
    static QTemporaryFile file;
    if (!file.isOpen() && !file.open())
        __builtin_trap();
    if (!file.resize(0) || !file.seek(0) ||
        file.write(reinterpret_cast<const char*>(data), qint64(size)) != qint64(size) ||
        !file.flush())
        __builtin_trap();

    QString error;
    qint64 ignoredTail = 0;
    const std::unique_ptr<sockscope::CaptureStore> store =
        sockscope::importJsonlSession(file.fileName(), &error, &ignoredTail);
    if (!store) {
        if (error.isEmpty()) // refused, and says why
            __builtin_trap();
        return 0;
    }
    std::set<int> connections;
    store->forEachEvent([&](const sockscope::CaptureEvent& e) {
        if (e.data.size() > e.size) // a payload never outgrows its count
            __builtin_trap();
        if (e.conn != 0)
            connections.insert(e.conn);
        return true;
    });
    for (const int conn : connections) {
        const qint64 length = store->streamLength(conn);
        qint64 offset = 0;
        for (int page = 0; page < 64 && offset < length; ++page) {
            const QList<sockscope::StreamSegment> segments = store->streamRange(conn, offset, 4096);
            if (segments.isEmpty())
                __builtin_trap(); // a stream with bytes left always yields a segment
            for (const sockscope::StreamSegment& s : segments) {
                if (s.offset < offset || (!s.isGap() && s.bytes.size() != s.size))
                    __builtin_trap();
                offset = s.offset + s.size;
            }
        }
    }
    return 0;
}
