#pragma once

#include <QByteArray>
#include <QString>

namespace sockscope {

// Values of the headless output lines (key="value"), one rule for all of
// them, so that nothing a peer or a file says can end a line early or fake
// the next one.

// Free text (messages, reasons, names): backslashes and quotes escaped, then
// the characters the payload text rule escapes as \u{xxxx}.
QString quotedText(const QString& text);
// Bytes as the data lines show them (\r, \n, \xNN), in quotes.
QString quotedBytes(const QByteArray& bytes);

} // namespace sockscope
