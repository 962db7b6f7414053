#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringView>

#include <optional>

namespace sockscope {

// Payload as safe text: the one rule for every view and every format.
//
// Payload bytes come from arbitrary peers, so anything shown to a person must
// be unable to fake text (bidi overrides), hide text (format characters),
// break the layout (newlines) or drive a terminal (escape sequences). Every
// view, the headless lines, CSV's data_text, the HTML report and Copy as
// Text decode and escape through here, and every field where a person types
// bytes as text reads them back with unescapeText(), so what one place shows
// another accepts.
//
// Decoding is strict UTF-8 (no overlong forms, no surrogates, nothing above
// U+10FFFF), so that what passes as text re-encodes to the same bytes.
// Then, one character at a time:
//   \n \r \t \\        newline, CR, tab and backslash
//   \xHH               any other C0 control byte, DEL, and every byte that is
//                      not part of valid UTF-8 (a sequence cut at the end too)
//   \u{hhhh}           a valid character that isEscapedCharacter() names
//   the character      anything else
// unescapeText() reads all of these back, so unescapeText(escapedText(b)) == b.

// A strictly decoded character: length 0 when the byte at that position does
// not start valid UTF-8 or the sequence is cut by the end of the bytes.
struct Utf8Char {
    qsizetype length = 0;
    char32_t codePoint = 0;
};
Utf8Char decodeUtf8(QByteArrayView bytes, qsizetype at);

// The characters shown as \u{hhhh}, by Unicode category: controls (C1, NEL
// U+0085), format characters (bidi marks, embeddings, overrides and
// isolates, the BOM U+FEFF, soft hyphen, word joiner, tags), line and
// paragraph separators, private use, surrogates and unassigned code points.
// The zero-width joiner and non-joiner are kept: emoji sequences and Persian
// and Indic words need them, and they reorder nothing.
bool isEscapedCharacter(char32_t cp);

// The whole payload on one line by the rule above.
QString escapedText(QByteArrayView bytes);

// The same text, appended as UTF-8, for the writers (CSV).
void appendEscapedText(QByteArray& out, QByteArrayView bytes);

// One line by the rule above, cut before maxChars and then ending with
// "… +N bytes" (the bytes not shown). Runs in O(maxChars), whatever the
// payload size. totalBytes: the size of the payload when bytes are only its
// first part (a batch's preview), so that N counts what the payload really
// has beyond the text.
QString escapedPreview(QByteArrayView bytes, int maxChars = 200, qint64 totalBytes = -1);

// True when the payload can be shown as it is, as several lines: valid UTF-8
// whose only escaped characters would be \n, \r, \t and backslashes.
bool isPrintableUtf8(QByteArrayView bytes);

// Text that is already text (names, messages) with every character of the
// rule shown as \u{hhhh}, except \n, \r and \t; nothing else changes.
QString withEscapedCharacters(QStringView text);

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

// Text typed by a person, with the escapes the rule writes: \n \r \t \\ \0
// \xHH \u{h…} (1 to 6 hex digits, encoded as UTF-8); everything else is
// UTF-8. A lone or unknown escape is an error, not a guess: the message names
// the 1-based position and the problem. On failure returns an empty array and
// sets error (cleared on success), since an empty result is also valid.
QByteArray unescapeText(QStringView text, QString* error);

} // namespace sockscope
