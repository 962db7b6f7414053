#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringView>

#include <optional>

namespace sockscope {

// Payload bytes come from arbitrary peers, so anything shown to a person must
// be unable to fake text (bidi overrides), break the layout (newlines) or
// drive a terminal (escape sequences).

// One line: printable UTF-8 is kept; \n \r \t \\ are escaped; other control
// bytes, DEL, invalid UTF-8 and a sequence cut at the end become \xNN; C1
// controls, bidi controls and line separators become \u{xxxx}. Longer output
// is cut before maxChars and ends with "… +N bytes" (the bytes not shown).
// Runs in O(maxChars), whatever the payload size. totalBytes: the size of the
// payload when bytes are only its first part (a batch's preview), so that N
// counts what the payload really has beyond the text.
QString escapedPreview(QByteArrayView bytes, int maxChars = 200, qint64 totalBytes = -1);

// "00000000  de ad be ef 00 01 02 03  04 05 06 07 08 09 0a 0b  |................|"
// lines (hexdump -C layout), joined by '\n'; past maxBytes a final
// "… +N bytes not shown" line.
QString hexDump(QByteArrayView bytes, qsizetype maxBytes = 1 << 20);

// Hex typed or pasted by a person: "de ad be ef", "deadbeef", "DE:AD",
// "0xde 0xad", "\x00\x01", with any whitespace, ':', ',' or '-' between bytes.
// On failure returns nullopt and, if error is set, a message naming the bad
// character and its 1-based position, or the odd-length group.
inline constexpr qsizetype kMaxHexInputDigits = 16 * 1024 * 1024;
std::optional<QByteArray> parseHexInput(QStringView text, QString* error);

// Text with escapes, encoded as UTF-8: \n \r \t \\ \0 \xNN. On failure returns
// an empty array and sets error (cleared on success), since an empty result
// is also valid.
QByteArray unescapeText(QStringView text, QString* error);

} // namespace sockscope
