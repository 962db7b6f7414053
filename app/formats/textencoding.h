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

// The payload as readable text: valid, printable UTF-8 is kept as is;
// backslash, \n, \r and \t are escaped C-style; every other control byte and
// every byte that is not part of valid UTF-8 becomes \xNN.
void appendEscapedText(QByteArray& out, QByteArrayView bytes);

// True when the payload is valid UTF-8 without control characters other than
// \n, \r and \t and without bidi or line separator controls, i.e. when
// showing it as text loses nothing and cannot mislead.
bool isPrintableUtf8(QByteArrayView bytes);

} // namespace sockscope
