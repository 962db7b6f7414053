#pragma once

#include <QString>

class QFileDevice;

namespace sockscope {

// Why a file operation failed, with the errno name, as errnoText() words a
// socket's: "No space left on device (ENOSPC)". Qt gives strerror()'s text
// alone, or nothing at all: a write that stops short sets no error, and
// errorString() then says "Unknown error", though the disk was full.
//
// For an open or a read: Qt's reason, named when it is a system error.
QString fileErrorText(const QFileDevice& file);
// For a write that failed or stopped short: as above, and ENOSPC when Qt
// set no reason (a short write is the file system refusing more).
QString fileWriteErrorText(const QFileDevice& file);

} // namespace sockscope
