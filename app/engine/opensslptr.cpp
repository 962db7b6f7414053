#include "engine/opensslptr.h"

#include <openssl/err.h>

#include <QStringList>

namespace sockscope {

QString takeOpenSslErrors(const QString& fallback) {
    QStringList reasons;
    while (const unsigned long code = ERR_get_error()) {
        const char* reason = ERR_reason_error_string(code);
        const QString text =
            reason ? QString::fromLatin1(reason) : QStringLiteral("error %1").arg(code, 0, 16);
        if (!reasons.contains(text))
            reasons.append(text);
    }
    return reasons.isEmpty() ? fallback : reasons.join(QStringLiteral("; "));
}

QString bioText(BIO* bio) {
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return size > 0 ? QString::fromUtf8(data, size) : QString();
}

} // namespace sockscope
