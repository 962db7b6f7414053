#include "cli/importedsession.h"

#include "capture/capturestore.h"
#include "cli/eventprinter.h"
#include "formats/jsonlreader.h"
#include "formats/sessionexport.h"

#include <cstdio>

namespace sockscope {

int printImportedSession(const CommandLine& commandLine) {
    QString error;
    qint64 ignoredTail = 0;
    const std::unique_ptr<CaptureStore> store =
        importJsonlSession(commandLine.importPath, &error, &ignoredTail);
    if (!store) {
        std::fprintf(stderr, "sockscope: %s\n", qPrintable(error));
        return 1;
    }
    if (ignoredTail > 0)
        std::fprintf(stderr, "sockscope: %s\n", qPrintable(partialTailNote(ignoredTail)));
    // A line prints a preview, so only that much of each payload is read.
    QByteArray out;
    store->forEachPreview(
        [&out](const CaptureEvent& event) {
            out += formatEventLine(event);
            if (out.size() >= (1 << 20)) {
                std::fwrite(out.constData(), 1, size_t(out.size()), stdout);
                out.clear();
            }
            return true;
        },
        kBatchPreviewBytes);
    std::fwrite(out.constData(), 1, size_t(out.size()), stdout);
    std::fflush(stdout);
    if (commandLine.exportPath.isEmpty())
        return 0;
    // exportFormatForPath was checked when the command line was parsed.
    if (!exportSession(*store, commandLine.exportPath, *exportFormatForPath(commandLine.exportPath),
                       &error)) {
        std::fprintf(stderr, "sockscope: export failed: %s\n", qPrintable(error));
        return 1;
    }
    return 0;
}

} // namespace sockscope
