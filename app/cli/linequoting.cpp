#include "cli/linequoting.h"

#include "base/payloadtext.h"

namespace sockscope {

QString quotedText(const QString& text) {
    QString escaped = text;
    escaped.replace(u'\\', QStringLiteral("\\\\")).replace(u'"', QStringLiteral("\\\""));
    // A line break in a name or a reason must not start a line of its own.
    escaped.replace(u'\n', QStringLiteral("\\n"))
        .replace(u'\r', QStringLiteral("\\r"))
        .replace(u'\t', QStringLiteral("\\t"));
    // After the doubling, so that these escapes stay unambiguous.
    return u'"' + withEscapedCharacters(escaped) + u'"';
}

QString quotedBytes(const QByteArray& bytes) {
    // escapedText() has escaped the backslashes already; only a quote would
    // end the value.
    QString out = escapedText(bytes);
    out.replace(u'"', QStringLiteral("\\x22"));
    return u'"' + out + u'"';
}

} // namespace sockscope
