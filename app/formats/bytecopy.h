#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace sockscope {

// How payloads go to the clipboard.
enum class CopyFormat {
    Text,   // printable UTF-8 as it is; anything else escaped as the traffic table shows it
    Hex,    // "de ad be ef", one line per payload
    CArray, // const unsigned char payload[] = { 0xde, ... };
    Base64, // one line per payload
};

// At most how many characters formatForCopy() makes of payloads of that
// many bytes in all, so that a caller can refuse before reading them.
qint64 copiedCharsBound(CopyFormat format, qint64 payloadBytes, qsizetype payloadCount);

// The payloads, in order, as text for the clipboard. Several payloads are
// kept apart: text by a line break (unless one already ends the payload
// before), hex and base64 a line each, a C array each (payload1, payload2…).
QString formatForCopy(const QList<QByteArray>& payloads, CopyFormat format);

} // namespace sockscope
