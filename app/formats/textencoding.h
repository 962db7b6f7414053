#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace sockscope {

// Building blocks shared by the writers. They append to a byte buffer instead
// of returning strings, because exporting a million events must not allocate
// a million temporaries.

void appendNumber(QByteArray& out, qint64 value);

// Same text as formatTimestampUs(), but computes the date part only once per
// second of capture time.
void appendTimestamp(QByteArray& out, qint64 timeUs);

// Lowercase hex, two digits per byte, no separators.
void appendHex(QByteArray& out, QByteArrayView bytes);

} // namespace sockscope
