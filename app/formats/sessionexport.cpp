#include "formats/sessionexport.h"

#include "base/fileerror.h"
#include "base/sockaddr.h"
#include "formats/csvwriter.h"
#include "formats/htmlreport.h"
#include "formats/jsonlwriter.h"
#include "formats/pcapwriter.h"

#include <QFileInfo>
#include <QSaveFile>

#include <array>
#include <cerrno>

#include <unistd.h>

namespace sockscope {

namespace {

struct FormatInfo {
    ExportFormat format;
    const char16_t* name;
};

constexpr std::array kFormats{
    FormatInfo{ExportFormat::Jsonl, u"jsonl"}, FormatInfo{ExportFormat::Csv, u"csv"},
    FormatInfo{ExportFormat::Html, u"html"}, FormatInfo{ExportFormat::Pcap, u"pcap"},
    FormatInfo{ExportFormat::Pcapng, u"pcapng"}};

bool writeFormat(const EventSource& events, QIODevice& device, ExportFormat format) {
    switch (format) {
    case ExportFormat::Jsonl:
        return writeJsonlSession(events, device, currentTimeUs());
    case ExportFormat::Csv:
        return writeCsvSession(events, device);
    case ExportFormat::Html:
        return writeHtmlReport(events, device, currentTimeUs());
    case ExportFormat::Pcap:
        return writePcapSession(events, device);
    case ExportFormat::Pcapng:
        return writePcapngSession(events, device);
    }
    return false;
}

// QSaveFile refuses an existing file it may not replace with its own
// wording; the system's reason (read-only file system, permission) is
// the more useful one.
QString openFailure(const QSaveFile& file, const QFileInfo& target) {
    if (target.exists() && ::access(QFile::encodeName(target.filePath()).constData(), W_OK) != 0)
        return errnoText(errno);
    return fileErrorText(file);
}

} // namespace

std::optional<ExportFormat> exportFormatForPath(const QString& path) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == u"json")
        return ExportFormat::Jsonl;
    if (suffix == u"htm")
        return ExportFormat::Html;
    return exportFormatFromName(suffix);
}

QString exportFormatName(ExportFormat format) {
    return QString::fromUtf16(kFormats[std::size_t(format)].name);
}

std::optional<ExportFormat> exportFormatFromName(QStringView name) {
    for (const FormatInfo& info : kFormats) {
        if (name == QStringView(info.name))
            return info.format;
    }
    return std::nullopt;
}

bool exportSession(const EventSource& events, const QString& path, ExportFormat format,
                   QString* error) {
    const QFileInfo target(path);
    if (target.exists() && !target.isFile()) {
        *error = QStringLiteral("Cannot export to '%1': %2")
                     .arg(path, target.isDir() ? QStringLiteral("it is a directory")
                                               : QStringLiteral("it is not a regular file"));
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("Cannot export to '%1': %2").arg(path, openFailure(file, target));
        return false;
    }
    const bool ok = writeFormat(events, file, format) && file.commit();
    if (!ok) {
        *error = QStringLiteral("Cannot export to '%1': %2").arg(path, fileWriteErrorText(file));
        file.cancelWriting();
    }
    return ok;
}

} // namespace sockscope
