#include "base/fileerror.h"

#include "base/sockaddr.h"

#include <QFileDevice>

#include <cerrno>
#include <cstring>

namespace sockscope {

namespace {

// Qt words a system error as strerror() does, and keeps no errno: the errno
// is found again by its text. errno itself is no help by the time a
// buffered QSaveFile reports its failure, as later calls have reset it.
int errnoOfText(const QString& text) {
    constexpr int kLastErrno = 200;
    for (int error = 1; error <= kLastErrno; ++error) {
        if (strerrorname_np(error) && text == QString::fromLocal8Bit(std::strerror(error)))
            return error;
    }
    return 0;
}

bool hasReason(const QFileDevice& file) {
    // "Unknown error" is QIODevice's text when nothing set one.
    return file.error() != QFileDevice::NoError && !file.errorString().isEmpty() &&
           file.errorString() != QLatin1String("Unknown error");
}

} // namespace

QString fileErrorText(const QFileDevice& file) {
    const QString text = file.errorString();
    const int error = errnoOfText(text);
    return error != 0 ? errnoText(error) : text;
}

QString fileWriteErrorText(const QFileDevice& file) {
    return hasReason(file) ? fileErrorText(file) : errnoText(ENOSPC);
}

} // namespace sockscope
