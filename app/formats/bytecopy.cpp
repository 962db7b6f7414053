#include "formats/bytecopy.h"

#include "base/payloadtext.h"

namespace sockscope {

namespace {
constexpr int kCArrayBytesPerLine = 12;
// "const unsigned char payload123[4294967296] = {\n" and "};\n", generously.
constexpr qint64 kCArrayOverhead = 80;

void appendText(QString& out, const QByteArray& bytes) {
    if (isPrintableUtf8(bytes))
        out += QString::fromUtf8(bytes);
    else
        out += escapedText(bytes);
}

void appendCArray(QString& out, const QByteArray& bytes, const QString& name) {
    static constexpr char kDigits[] = "0123456789abcdef";
    out += QStringLiteral("const unsigned char %1[%2] = {").arg(name).arg(bytes.size());
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        out += i % kCArrayBytesPerLine == 0 ? QStringLiteral("\n    ") : QStringLiteral(" ");
        const auto byte = quint8(bytes[i]);
        out += u'0';
        out += u'x';
        out += QLatin1Char(kDigits[byte >> 4]);
        out += QLatin1Char(kDigits[byte & 0xf]);
        out += u',';
    }
    out += QStringLiteral("\n};\n");
}
} // namespace

qint64 copiedCharsBound(CopyFormat format, qint64 payloadBytes, qsizetype payloadCount) {
    switch (format) {
    case CopyFormat::Text:
        return 4 * payloadBytes + payloadCount; // \xNN at worst, and a line break
    case CopyFormat::Hex:
        return 3 * payloadBytes + payloadCount;
    case CopyFormat::CArray:
        return 6 * payloadBytes + (kCArrayOverhead + 6 * payloadBytes / kCArrayBytesPerLine) +
               kCArrayOverhead * payloadCount;
    case CopyFormat::Base64:
        return (payloadBytes + 2) / 3 * 4 + 4 * payloadCount;
    }
    return 0;
}

QString formatForCopy(const QList<QByteArray>& payloads, CopyFormat format) {
    QString out;
    qint64 total = 0;
    for (const QByteArray& bytes : payloads)
        total += bytes.size();
    out.reserve(qsizetype(copiedCharsBound(format, total, payloads.size())));
    for (qsizetype i = 0; i < payloads.size(); ++i) {
        const QByteArray& bytes = payloads[i];
        switch (format) {
        case CopyFormat::Text:
            if (i > 0 && !out.endsWith(u'\n'))
                out += u'\n';
            appendText(out, bytes);
            break;
        case CopyFormat::Hex:
            if (i > 0)
                out += u'\n';
            out += QString::fromLatin1(bytes.toHex(' '));
            break;
        case CopyFormat::CArray:
            if (i > 0)
                out += u'\n';
            appendCArray(out, bytes,
                         payloads.size() == 1 ? QStringLiteral("payload")
                                              : QStringLiteral("payload%1").arg(i + 1));
            break;
        case CopyFormat::Base64:
            if (i > 0)
                out += u'\n';
            out += QString::fromLatin1(bytes.toBase64());
            break;
        }
    }
    return out;
}

} // namespace sockscope
