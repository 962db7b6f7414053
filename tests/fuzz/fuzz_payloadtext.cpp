// libFuzzer target: payload as safe text, the one rule (base/payloadtext.h).
// What the window shows of arbitrary peer bytes must be one line, bounded,
// and free of controls, bidi, format, separator, private-use and unassigned
// characters; every escaped form must read back to the very bytes; and the
// same bytes typed as text must either read or say why not.
#include "base/payloadtext.h"

#include <QChar>

#include <cstddef>
#include <cstdint>

namespace {

// Said again here rather than asking isEscapedCharacter(), so that a change
// to the rule that lets one of these through shows.
bool mustNotShow(char32_t cp) {
    if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
        return true;
    if (cp == 0x061c || cp == 0x200e || cp == 0x200f || (cp >= 0x202a && cp <= 0x202e) ||
        (cp >= 0x2066 && cp <= 0x2069) || cp == 0x2028 || cp == 0x2029 || cp == 0xfeff)
        return true;
    switch (QChar::category(cp)) {
    case QChar::Other_Format:
        return cp != 0x200c && cp != 0x200d;
    case QChar::Other_PrivateUse:
    case QChar::Other_NotAssigned:
    case QChar::Other_Surrogate:
        return true;
    default:
        return false;
    }
}

// Every code point of the text shown, except the ones allowed.
void checkShown(QStringView text, bool linesAllowed) {
    for (qsizetype i = 0; i < text.size(); ++i) {
        char32_t cp = text[i].unicode();
        if (text[i].isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate()) {
            cp = QChar::surrogateToUcs4(text[i], text[i + 1]);
            ++i;
        }
        if (linesAllowed && (cp == u'\n' || cp == u'\r' || cp == u'\t'))
            continue;
        if (mustNotShow(cp))
            __builtin_trap();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const QByteArrayView bytes(reinterpret_cast<const char*>(data), qsizetype(size));

    const QString preview = sockscope::escapedPreview(bytes, 64);
    checkShown(preview, false);
    if (preview.size() > 64 + 32)
        __builtin_trap();

    // The whole text reads back to the same bytes, and the writers' UTF-8
    // form is the same text.
    const QString text = sockscope::escapedText(bytes);
    checkShown(text, false);
    QString error;
    if (sockscope::unescapeText(text, &error) != bytes || !error.isEmpty())
        __builtin_trap();
    QByteArray written;
    sockscope::appendEscapedText(written, bytes);
    if (written != text.toUtf8())
        __builtin_trap();
    if (sockscope::isPrintableUtf8(bytes)) {
        const QString shown = QString::fromUtf8(bytes);
        checkShown(shown, true);
        if (shown.toUtf8() != bytes)
            __builtin_trap();
    }

    // The same bytes as a person's typing: read, or refused with a reason.
    const QString typed = QString::fromUtf8(bytes);
    QString typedError = QStringLiteral("stale");
    const QByteArray read = sockscope::unescapeText(typed, &typedError);
    if (!typedError.isEmpty() && !read.isEmpty())
        __builtin_trap();
    if (typedError.isEmpty() &&
        sockscope::unescapeText(sockscope::escapedText(read), nullptr) != read)
        __builtin_trap();
    checkShown(sockscope::withEscapedCharacters(typed), true);

    sockscope::hexDump(bytes, 4096);
    return 0;
}
