#pragma once

#include "capture/eventsource.h"

class QIODevice;

namespace sockscope {

// The JSON Lines session format, version 1 (docs/session-format.md).
// Lossless: readJsonlSession() gives back exactly the events written here.
// 2 (SockScope 0.2, issue 17): adds the tls and wire events and the tls
// object; a version-1 file is read as before. 3 (issue 18): adds the rule
// event.
inline constexpr int kJsonlFormatVersion = 3;
inline constexpr char kJsonlFormatName[] = "sockscope-session";

// The first line of every file, stamped with the export time.
QByteArray jsonlHeaderLine(qint64 exportTimeUs);

// One event as one line, '\n' included. Also meant for live recording.
QByteArray jsonlLine(const CaptureEvent& event);
void appendJsonlLine(QByteArray& out, const CaptureEvent& event);

// Header plus one line per event. False when the device refused a write.
bool writeJsonlSession(const EventSource& events, QIODevice& device, qint64 exportTimeUs);

} // namespace sockscope
