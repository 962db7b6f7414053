#pragma once

#include "capture/eventsource.h"

#include <optional>

namespace sockscope {

enum class ExportFormat { Jsonl, Csv, Html, Pcap, Pcapng };

// By extension, case-insensitively: .jsonl or .json, .csv, .html or .htm,
// .pcap, .pcapng.
std::optional<ExportFormat> exportFormatForPath(const QString& path);
// "jsonl", "csv", "html", "pcap", "pcapng", for command lines and messages.
QString exportFormatName(ExportFormat format);
std::optional<ExportFormat> exportFormatFromName(QStringView name);

// Writes the whole file or nothing: the data goes to a temporary file that
// replaces the target only once every write succeeded, so a failure leaves
// an existing file as it was. Targets that exist but are not regular files
// (directories, devices) are refused. On failure *error names the path and
// the system's reason, e.g. "No space left on device".
bool exportSession(const EventSource& events, const QString& path, ExportFormat format,
                   QString* error);

} // namespace sockscope
