// libFuzzer target: the writers. Whatever the importer accepts is exported
// as JSON Lines, CSV, HTML and pcap (none may fail or crash), and the JSON
// Lines export must import again as the very same session: import ∘ export
// is the identity on everything the importer accepts.
#include "capture/capturestore.h"
#include "formats/csvwriter.h"
#include "formats/htmlreport.h"
#include "formats/jsonlreader.h"
#include "formats/jsonlwriter.h"
#include "formats/pcapwriter.h"

#include <QBuffer>
#include <QString>
#include <QTemporaryFile>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

using sockscope::CaptureEvent;
using sockscope::CaptureStore;
using sockscope::EventBatch;

// A fixed export time, so that two exports of one session are byte-equal.
constexpr qint64 kExportTimeUs = 1'795'000'000'000'000;

[[noreturn]] void mismatch(const char* what, const QByteArray& detail) {
    std::fprintf(stderr, "import/export mismatch: %s\n%s\n", what, detail.constData());
    std::abort();
}

std::unique_ptr<CaptureStore> import(QTemporaryFile& file, const QByteArray& bytes,
                                     QString* error) {
    if (!file.isOpen() && !file.open())
        std::abort();
    if (!file.resize(0) || !file.seek(0) || file.write(bytes) != bytes.size() || !file.flush())
        std::abort();
    qint64 ignoredTail = 0;
    return sockscope::importJsonlSession(file.fileName(), error, &ignoredTail);
}

EventBatch eventsOf(const CaptureStore& store) {
    EventBatch events;
    store.forEachEvent([&](const CaptureEvent& e) {
        events.append(e);
        return true;
    });
    return events;
}

bool same(const CaptureEvent& a, const CaptureEvent& b) {
    return a.seq == b.seq && a.timeUs == b.timeUs && a.kind == b.kind && a.conn == b.conn &&
           a.listener == b.listener && a.dir == b.dir && a.by == b.by && a.local == b.local &&
           a.peer == b.peer && a.target == b.target && a.data == b.data && a.size == b.size &&
           a.count == b.count && a.error == b.error && a.message == b.message &&
           a.responder == b.responder && a.backlog == b.backlog && a.reset == b.reset;
}

QByteArray jsonl(const CaptureStore& store) {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (!sockscope::writeJsonlSession(store, buffer, kExportTimeUs))
        mismatch("the JSON Lines export failed", {});
    return bytes;
}

template <typename Write> void exportTo(const char* format, Write write) {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (!write(buffer))
        mismatch(format, "the export failed");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static QTemporaryFile original;
    static QTemporaryFile exported;
    QString error;
    const std::unique_ptr<CaptureStore> store =
        import(original, QByteArray(reinterpret_cast<const char*>(data), qsizetype(size)), &error);
    if (!store)
        return 0; // the importer's own target checks refusals
    // Nothing the import took may go missing from the session it gives.
    const std::optional<EventBatch> inMemory =
        sockscope::readJsonlSession(original.fileName(), &error);
    if (!inMemory || inMemory->size() != eventsOf(*store).size())
        mismatch("the import lost or added events", error.toUtf8());

    exportTo("csv", [&](QIODevice& d) { return sockscope::writeCsvSession(*store, d); });
    exportTo("html",
             [&](QIODevice& d) { return sockscope::writeHtmlReport(*store, d, kExportTimeUs); });
    exportTo("pcap", [&](QIODevice& d) { return sockscope::writePcapSession(*store, d); });

    const QByteArray first = jsonl(*store);
    const std::unique_ptr<CaptureStore> again = import(exported, first, &error);
    if (!again)
        mismatch("the importer refuses its own export", error.toUtf8() + '\n' + first);
    const EventBatch before = eventsOf(*store);
    const EventBatch after = eventsOf(*again);
    if (before.size() != after.size())
        mismatch("the event count changed", first);
    for (qsizetype i = 0; i < before.size(); ++i) {
        if (!same(before[i], after[i]))
            mismatch("an event changed",
                     sockscope::jsonlLine(before[i]) + sockscope::jsonlLine(after[i]));
    }
    if (jsonl(*again) != first)
        mismatch("a second export differs from the first", first);
    return 0;
}
