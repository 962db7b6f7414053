#include "base/payloadtext.h"

namespace sockscope {

namespace {

constexpr char16_t kHexDigits[] = u"0123456789abcdef";

void appendByteEscape(QString& out, quint8 byte) {
    out += u"\\x";
    out += QChar(kHexDigits[byte >> 4]);
    out += QChar(kHexDigits[byte & 0xf]);
}

// Code points that are valid text yet can reorder, hide or split what is
// around them.
bool isDeceptive(char32_t cp) {
    return (cp >= 0x80 && cp <= 0x9f)                      // C1 controls
           || cp == 0x061c || cp == 0x200e || cp == 0x200f // bidi marks
           || (cp >= 0x202a && cp <= 0x202e)               // bidi embeddings
           || (cp >= 0x2066 && cp <= 0x2069)               // bidi isolates
           || cp == 0x2028 || cp == 0x2029 || cp == 0x0085 // line breaks
           || cp == 0xfeff;                                // invisible BOM
}

// Length of the UTF-8 sequence starting at bytes[pos] and its code point, or
// 0 when it is invalid or cut off by the end of the bytes.
int decodeUtf8(QByteArrayView bytes, qsizetype pos, char32_t* cp) {
    const auto byteAt = [&](qsizetype i) {
        return quint8(bytes[i]);
    };
    const quint8 lead = byteAt(pos);
    int length = 0;
    quint8 low = 0x80;
    quint8 high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) {
        length = 2;
    } else if (lead >= 0xe0 && lead <= 0xef) {
        length = 3;
        low = lead == 0xe0 ? 0xa0 : 0x80;  // overlong
        high = lead == 0xed ? 0x9f : 0xbf; // surrogates
    } else if (lead >= 0xf0 && lead <= 0xf4) {
        length = 4;
        low = lead == 0xf0 ? 0x90 : 0x80;  // overlong
        high = lead == 0xf4 ? 0x8f : 0xbf; // beyond U+10FFFF
    } else {
        return 0;
    }
    if (pos + length > bytes.size())
        return 0;
    char32_t value = lead & (0xff >> (length + 1));
    for (int i = 1; i < length; ++i) {
        const quint8 b = byteAt(pos + i);
        if (b < (i == 1 ? low : 0x80) || b > (i == 1 ? high : 0xbf))
            return 0;
        value = (value << 6) | (b & 0x3f);
    }
    *cp = value;
    return length;
}

void appendCodePointEscape(QString& out, char32_t cp) {
    out += u"\\u{";
    out += QString::number(cp, 16).rightJustified(4, u'0');
    out += u'}';
}

// The escaped form of the character at bytes[pos]; returns how many bytes it
// used.
qsizetype escapeOne(QByteArrayView bytes, qsizetype pos, QString& piece) {
    const quint8 byte = quint8(bytes[pos]);
    if (byte < 0x80) {
        switch (byte) {
        case '\n':
            piece = QStringLiteral("\\n");
            break;
        case '\r':
            piece = QStringLiteral("\\r");
            break;
        case '\t':
            piece = QStringLiteral("\\t");
            break;
        case '\\':
            piece = QStringLiteral("\\\\");
            break;
        default:
            if (byte < 0x20 || byte == 0x7f)
                appendByteEscape(piece, byte);
            else
                piece = QChar(byte);
        }
        return 1;
    }
    char32_t cp = 0;
    const int length = decodeUtf8(bytes, pos, &cp);
    if (length == 0) {
        appendByteEscape(piece, byte);
        return 1;
    }
    if (isDeceptive(cp))
        appendCodePointEscape(piece, cp);
    else
        piece = QString::fromUcs4(&cp, 1);
    return length;
}

int hexValue(QChar c) {
    const char16_t u = c.unicode();
    if (u >= u'0' && u <= u'9')
        return u - u'0';
    if (u >= u'a' && u <= u'f')
        return u - u'a' + 10;
    if (u >= u'A' && u <= u'F')
        return u - u'A' + 10;
    return -1;
}

QString describeChar(QChar c) {
    if (c.isPrint() && !c.isSpace())
        return u'\'' + QString(c) + u'\'';
    return QStringLiteral("U+%1").arg(c.unicode(), 4, 16, QChar(u'0')).toUpper();
}

void setError(QString* error, const QString& message) {
    if (error)
        *error = message;
}

} // namespace

QString escapedPreview(QByteArrayView bytes, int maxChars, qint64 totalBytes) {
    QString out;
    out.reserve(std::min<qsizetype>(maxChars, bytes.size()) + 16);
    QString piece;
    qsizetype pos = 0;
    while (pos < bytes.size()) {
        piece.clear();
        const qsizetype used = escapeOne(bytes, pos, piece);
        if (out.size() + piece.size() > maxChars)
            break;
        out += piece;
        pos += used;
    }
    const qint64 total = std::max<qint64>(totalBytes, bytes.size());
    if (pos < total)
        out += QStringLiteral("… +%1 bytes").arg(total - pos);
    return out;
}

QString hexDump(QByteArrayView bytes, qsizetype maxBytes) {
    constexpr int kPerLine = 16;
    // offset(8) + 2 + 16 * 3 + 1 + 1 + '|' + 16 + '|' + '\n'
    constexpr int kLineChars = 8 + 2 + kPerLine * 3 + 1 + 1 + 1 + kPerLine + 1 + 1;
    const qsizetype shown = std::min(bytes.size(), std::max<qsizetype>(maxBytes, 0));
    QString out;
    out.reserve((shown / kPerLine + 2) * kLineChars);
    for (qsizetype line = 0; line < shown; line += kPerLine) {
        if (line > 0)
            out += u'\n';
        out += QString::number(line, 16).rightJustified(8, u'0');
        out += u' ';
        const qsizetype count = std::min<qsizetype>(kPerLine, shown - line);
        for (int i = 0; i < kPerLine; ++i) {
            out += i == 8 ? u"  " : u" ";
            if (i < count) {
                const quint8 b = quint8(bytes[line + i]);
                out += QChar(kHexDigits[b >> 4]);
                out += QChar(kHexDigits[b & 0xf]);
            } else {
                out += u"  ";
            }
        }
        out += u"  |";
        for (qsizetype i = 0; i < count; ++i) {
            const quint8 b = quint8(bytes[line + i]);
            out += (b >= 0x20 && b < 0x7f) ? QChar(b) : QChar(u'.');
        }
        out += u'|';
    }
    if (shown < bytes.size()) {
        if (!out.isEmpty())
            out += u'\n';
        out += QStringLiteral("… +%1 bytes not shown").arg(bytes.size() - shown);
    }
    return out;
}

std::optional<QByteArray> parseHexInput(QStringView text, QString* error) {
    setError(error, QString());
    QByteArray out;
    qsizetype digits = 0;
    qsizetype groupStart = -1; // position of the current run of digits
    const auto endGroup = [&](qsizetype end) {
        if (groupStart >= 0 && (end - groupStart) % 2 != 0) {
            setError(error,
                     QStringLiteral("odd number of hex digits (%1) in the group at position %2")
                         .arg(end - groupStart)
                         .arg(groupStart + 1));
            return false;
        }
        groupStart = -1;
        return true;
    };
    int high = -1;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        const int value = hexValue(c);
        const bool beforeX = i + 1 < text.size() && (text[i + 1] == u'x' || text[i + 1] == u'X');
        if (c == u'\\' && beforeX) {
            if (!endGroup(i))
                return std::nullopt;
            ++i;
            continue;
        }
        // "0x" only prefixes a group: inside one, the 0 is a digit and the x is wrong.
        if (c == u'0' && beforeX && groupStart < 0) {
            ++i;
            continue;
        }
        if (value >= 0) {
            if (++digits > kMaxHexInputDigits) {
                setError(error, QStringLiteral("too much hex: more than %1 MiB of digits")
                                    .arg(kMaxHexInputDigits / (1024 * 1024)));
                return std::nullopt;
            }
            if (groupStart < 0)
                groupStart = i;
            if (high < 0) {
                high = value;
            } else {
                out += char((high << 4) | value);
                high = -1;
            }
            continue;
        }
        if (c.isSpace() || c == u':' || c == u',' || c == u'-') {
            if (!endGroup(i))
                return std::nullopt;
            continue;
        }
        setError(
            error,
            QStringLiteral("invalid character %1 at position %2").arg(describeChar(c)).arg(i + 1));
        return std::nullopt;
    }
    if (!endGroup(text.size()))
        return std::nullopt;
    return out;
}

QByteArray unescapeText(QStringView text, QString* error) {
    setError(error, QString());
    QByteArray out;
    qsizetype literalStart = 0;
    const auto flushLiteral = [&](qsizetype end) {
        out += text.sliced(literalStart, end - literalStart).toUtf8();
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] != u'\\')
            continue;
        flushLiteral(i);
        if (i + 1 >= text.size()) {
            setError(error, QStringLiteral("lone backslash at the end (write \\\\ for one)"));
            return {};
        }
        const QChar c = text[i + 1];
        qsizetype used = 2;
        switch (c.unicode()) {
        case u'n':
            out += '\n';
            break;
        case u'r':
            out += '\r';
            break;
        case u't':
            out += '\t';
            break;
        case u'0':
            out += '\0';
            break;
        case u'\\':
            out += '\\';
            break;
        case u'x': {
            const int high = i + 2 < text.size() ? hexValue(text[i + 2]) : -1;
            const int low = i + 3 < text.size() ? hexValue(text[i + 3]) : -1;
            if (high < 0 || low < 0) {
                setError(error,
                         QStringLiteral("\\x at position %1 needs two hex digits").arg(i + 1));
                return {};
            }
            out += char((high << 4) | low);
            used = 4;
            break;
        }
        default:
            setError(error, QStringLiteral("unknown escape \\%1 at position %2 (use \\n \\r \\t "
                                           "\\0 \\\\ or \\xNN)")
                                .arg(c)
                                .arg(i + 1));
            return {};
        }
        i += used - 1;
        literalStart = i + 1;
    }
    flushLiteral(text.size());
    return out;
}

} // namespace sockscope
