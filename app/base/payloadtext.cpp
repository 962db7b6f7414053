#include "base/payloadtext.h"

#include <QChar>
#include <QCoreApplication>

#include <algorithm>

namespace sockscope {

namespace {

// Errors of what a person typed are shown in the window (filter, delimiter,
// Send on connect); ui/CMakeLists.txt hands this file to lupdate.
struct PayloadText {
    Q_DECLARE_TR_FUNCTIONS(sockscope::PayloadText)
};

constexpr char kHexDigits[] = "0123456789abcdef";

// One step of the rule: either the bytes are kept as they are (escape empty)
// or they are shown as the ASCII escape. An escape is at most "\u{10ffff}".
struct Step {
    qsizetype used = 1;
    char32_t codePoint = 0;
    char escape[12] = {};
    int escapeLength = 0;
};

void setByteEscape(Step& step, quint8 byte) {
    step.escape[0] = '\\';
    step.escape[1] = 'x';
    step.escape[2] = kHexDigits[byte >> 4];
    step.escape[3] = kHexDigits[byte & 0xf];
    step.escapeLength = 4;
}

void setNamedEscape(Step& step, char name) {
    step.escape[0] = '\\';
    step.escape[1] = name;
    step.escapeLength = 2;
}

void setCodePointEscape(Step& step, char32_t cp) {
    int digits = 4;
    while (digits < 6 && (cp >> (4 * digits)) != 0)
        ++digits;
    int n = 0;
    step.escape[n++] = '\\';
    step.escape[n++] = 'u';
    step.escape[n++] = '{';
    for (int shift = 4 * (digits - 1); shift >= 0; shift -= 4)
        step.escape[n++] = kHexDigits[(cp >> shift) & 0xf];
    step.escape[n++] = '}';
    step.escapeLength = n;
}

Step stepAt(QByteArrayView bytes, qsizetype pos) {
    Step step;
    const auto byte = quint8(bytes[pos]);
    step.codePoint = byte;
    if (byte < 0x80) {
        switch (byte) {
        case '\n':
            setNamedEscape(step, 'n');
            break;
        case '\r':
            setNamedEscape(step, 'r');
            break;
        case '\t':
            setNamedEscape(step, 't');
            break;
        case '\\':
            setNamedEscape(step, '\\');
            break;
        default:
            if (byte < 0x20 || byte == 0x7f)
                setByteEscape(step, byte);
        }
        return step;
    }
    const Utf8Char ch = decodeUtf8(bytes, pos);
    if (ch.length == 0) {
        setByteEscape(step, byte);
        return step;
    }
    step.used = ch.length;
    step.codePoint = ch.codePoint;
    if (isEscapedCharacter(ch.codePoint))
        setCodePointEscape(step, ch.codePoint);
    return step;
}

void appendCodePoint(QString& out, char32_t cp) {
    if (QChar::requiresSurrogates(cp)) {
        out += QChar(QChar::highSurrogate(cp));
        out += QChar(QChar::lowSurrogate(cp));
    } else {
        out += QChar(char16_t(cp));
    }
}

// QString units the step adds.
qsizetype stepChars(const Step& step) {
    if (step.escapeLength > 0)
        return step.escapeLength;
    return QChar::requiresSurrogates(step.codePoint) ? 2 : 1;
}

void appendStep(QString& out, const Step& step) {
    if (step.escapeLength > 0)
        out += QLatin1StringView(step.escape, step.escapeLength);
    else
        appendCodePoint(out, step.codePoint);
}

bool isPlainAscii(char c) {
    return c >= 0x20 && c < 0x7f && c != '\\';
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

void appendUtf8(QByteArray& out, char32_t cp) {
    if (cp < 0x80) {
        out += char(cp);
    } else if (cp < 0x800) {
        out += char(0xc0 | (cp >> 6));
        out += char(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
        out += char(0xe0 | (cp >> 12));
        out += char(0x80 | ((cp >> 6) & 0x3f));
        out += char(0x80 | (cp & 0x3f));
    } else {
        out += char(0xf0 | (cp >> 18));
        out += char(0x80 | ((cp >> 12) & 0x3f));
        out += char(0x80 | ((cp >> 6) & 0x3f));
        out += char(0x80 | (cp & 0x3f));
    }
}

} // namespace

Utf8Char decodeUtf8(QByteArrayView bytes, qsizetype at) {
    const auto lead = quint8(bytes[at]);
    if (lead < 0x80)
        return {1, lead};
    qsizetype length = 0;
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
        return {};
    }
    if (at + length > bytes.size())
        return {};
    char32_t value = lead & (0xff >> (length + 1));
    for (qsizetype i = 1; i < length; ++i) {
        const auto b = quint8(bytes[at + i]);
        if (b < (i == 1 ? low : 0x80) || b > (i == 1 ? high : 0xbf))
            return {};
        value = (value << 6) | (b & 0x3f);
    }
    return {length, value};
}

bool isEscapedCharacter(char32_t cp) {
    switch (QChar::category(cp)) {
    case QChar::Other_Control:       // C0, DEL, C1 (NEL): drive terminals, break lines
    case QChar::Other_Format:        // bidi controls, BOM, soft hyphen, tags: invisible
    case QChar::Separator_Line:      // U+2028: breaks the line
    case QChar::Separator_Paragraph: // U+2029: breaks the line
    case QChar::Other_PrivateUse:    // no agreed glyph: whatever the font says
    case QChar::Other_Surrogate:     // no character (never from strict UTF-8)
    case QChar::Other_NotAssigned:   // no glyph yet, and noncharacters (U+FFFE)
        return cp != 0x200c && cp != 0x200d;
    default:
        return false;
    }
}

QString escapedText(QByteArrayView bytes) {
    QString out;
    out.reserve(bytes.size());
    qsizetype pos = 0;
    while (pos < bytes.size()) {
        if (isPlainAscii(bytes[pos])) {
            out += QLatin1Char(bytes[pos++]);
            continue;
        }
        const Step step = stepAt(bytes, pos);
        appendStep(out, step);
        pos += step.used;
    }
    return out;
}

void appendEscapedText(QByteArray& out, QByteArrayView bytes) {
    out.reserve(out.size() + bytes.size());
    qsizetype pos = 0;
    while (pos < bytes.size()) {
        // Plain ASCII runs are copied in one go: most payloads are mostly that.
        qsizetype run = pos;
        while (run < bytes.size() && isPlainAscii(bytes[run]))
            ++run;
        out.append(bytes.data() + pos, run - pos);
        pos = run;
        if (pos == bytes.size())
            break;
        const Step step = stepAt(bytes, pos);
        if (step.escapeLength > 0)
            out.append(step.escape, step.escapeLength);
        else
            out.append(bytes.data() + pos, step.used);
        pos += step.used;
    }
}

QString escapedPreview(QByteArrayView bytes, int maxChars, qint64 totalBytes) {
    QString out;
    out.reserve(std::min<qsizetype>(maxChars, bytes.size()) + 16);
    qsizetype pos = 0;
    while (pos < bytes.size()) {
        if (isPlainAscii(bytes[pos])) {
            if (out.size() + 1 > maxChars)
                break;
            out += QLatin1Char(bytes[pos++]);
            continue;
        }
        const Step step = stepAt(bytes, pos);
        if (out.size() + stepChars(step) > maxChars)
            break;
        appendStep(out, step);
        pos += step.used;
    }
    const qint64 total = std::max<qint64>(totalBytes, bytes.size());
    if (pos < total)
        out += QStringLiteral("… +%1 bytes").arg(total - pos);
    return out;
}

bool isPrintableUtf8(QByteArrayView bytes) {
    qsizetype pos = 0;
    while (pos < bytes.size()) {
        const char c = bytes[pos];
        if (isPlainAscii(c) || c == '\\' || c == '\n' || c == '\r' || c == '\t') {
            ++pos;
            continue;
        }
        const Step step = stepAt(bytes, pos);
        if (step.escapeLength > 0)
            return false;
        pos += step.used;
    }
    return true;
}

QString withEscapedCharacters(QStringView text) {
    QString out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        char32_t cp = text[i].unicode();
        qsizetype units = 1;
        if (QChar::isHighSurrogate(cp) && i + 1 < text.size() && text[i + 1].isLowSurrogate()) {
            cp = QChar::surrogateToUcs4(text[i], text[i + 1]);
            units = 2;
        }
        if (isEscapedCharacter(cp) && cp != u'\n' && cp != u'\r' && cp != u'\t') {
            Step step;
            setCodePointEscape(step, cp);
            appendStep(out, step);
        } else {
            out += text.sliced(i, units);
        }
        i += units - 1;
    }
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
                const auto b = quint8(bytes[line + i]);
                out += QLatin1Char(kHexDigits[b >> 4]);
                out += QLatin1Char(kHexDigits[b & 0xf]);
            } else {
                out += u"  ";
            }
        }
        out += u"  |";
        for (qsizetype i = 0; i < count; ++i) {
            const auto b = quint8(bytes[line + i]);
            out += (b >= 0x20 && b < 0x7f) ? QChar(char16_t(b)) : QChar(u'.');
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
                     PayloadText::tr("odd number of hex digits (%1) in the group at position %2")
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
                setError(error, PayloadText::tr("too much hex: more than %1 MiB of digits")
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
            PayloadText::tr("invalid character %1 at position %2").arg(describeChar(c)).arg(i + 1));
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
    const auto fail = [&](const QString& message) {
        setError(error, message);
        return QByteArray();
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] != u'\\')
            continue;
        flushLiteral(i);
        const qsizetype position = i + 1; // 1-based, as a person counts
        if (i + 1 >= text.size())
            return fail(PayloadText::tr("lone backslash at position %1, the end (write \\\\ for "
                                        "a backslash)")
                            .arg(position));
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
            if (high < 0 || low < 0)
                return fail(PayloadText::tr("\\x at position %1 needs two hex digits (\\x04, "
                                            "not \\x4)")
                                .arg(position));
            out += char((high << 4) | low);
            used = 4;
            break;
        }
        case u'u': {
            char32_t cp = 0;
            qsizetype j = i + 2;
            const bool open = j < text.size() && text[j] == u'{';
            int digits = 0;
            for (++j; open && j < text.size() && hexValue(text[j]) >= 0 && digits <= 6; ++j) {
                cp = (cp << 4) | char32_t(hexValue(text[j]));
                ++digits;
            }
            if (!open || digits == 0 || digits > 6 || j >= text.size() || text[j] != u'}')
                return fail(PayloadText::tr("\\u at position %1 needs 1 to 6 hex digits in "
                                            "braces, as in \\u{202e}")
                                .arg(position));
            if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
                return fail(PayloadText::tr("\\u{%1} at position %2 is no character (a "
                                            "surrogate, or above 10ffff)")
                                .arg(text.sliced(i + 3, digits))
                                .arg(position));
            appendUtf8(out, cp);
            used = j - i + 1;
            break;
        }
        default:
            return fail(PayloadText::tr("unknown escape \\%1 at position %2 (use \\n \\r \\t \\0 "
                                        "\\\\ \\xHH or \\u{hhhh}; \\\\ for a backslash)")
                            .arg(c)
                            .arg(position));
        }
        i += used - 1;
        literalStart = i + 1;
    }
    flushLiteral(text.size());
    return out;
}

} // namespace sockscope
