#include "cli/importedsession.h"

#include "cli/eventprinter.h"
#include "formats/jsonlreader.h"
#include "formats/sessionexport.h"

#include <cstdio>

namespace sockscope {

int printImportedSession(const CommandLine& commandLine) {
    QString error;
    const auto events = readJsonlSession(commandLine.importPath, &error);
    if (!events) {
        std::fprintf(stderr, "sockscope: %s\n", qPrintable(error));
        return 1;
    }
    QByteArray out;
    for (const CaptureEvent& event : *events)
        out += formatEventLine(event);
    std::fwrite(out.constData(), 1, size_t(out.size()), stdout);
    std::fflush(stdout);
    if (commandLine.exportPath.isEmpty())
        return 0;
    // exportFormatForPath was checked when the command line was parsed.
    if (!exportSession(*events, commandLine.exportPath,
                       *exportFormatForPath(commandLine.exportPath), &error)) {
        std::fprintf(stderr, "sockscope: export failed: %s\n", qPrintable(error));
        return 1;
    }
    return 0;
}

} // namespace sockscope
