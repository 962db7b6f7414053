#include "engine/filesource.h"

#include "base/sockaddr.h"

#include <QFile>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <utility>

namespace sockscope {

namespace {
QString fileTypeName(mode_t mode) {
    if (S_ISDIR(mode))
        return QStringLiteral("a folder");
    if (S_ISFIFO(mode))
        return QStringLiteral("a FIFO (named pipe)");
    if (S_ISCHR(mode))
        return QStringLiteral("a character device");
    if (S_ISBLK(mode))
        return QStringLiteral("a block device");
    if (S_ISSOCK(mode))
        return QStringLiteral("a socket");
    return QStringLiteral("not a regular file");
}
} // namespace

FileSource::FileSource(const QString& path, UniqueFd fd)
    : m_path(path)
    , m_fd(std::move(fd)) {
}

std::shared_ptr<const FileSource> FileSource::open(const QString& path, QString* reason) {
    if (path.isEmpty()) {
        *reason = QStringLiteral("no file name given");
        return nullptr;
    }
    // O_NONBLOCK: opening a FIFO for reading would wait for a writer.
    UniqueFd fd(::open(QFile::encodeName(path).constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
    if (!fd.isValid()) {
        *reason = errnoText(errno);
        return nullptr;
    }
    struct stat info {};
    if (::fstat(fd.get(), &info) != 0) {
        *reason = errnoText(errno);
        return nullptr;
    }
    if (!S_ISREG(info.st_mode)) {
        *reason = QStringLiteral("it is %1, not a regular file; only regular files are sent")
                      .arg(fileTypeName(info.st_mode));
        return nullptr;
    }
    return std::shared_ptr<const FileSource>(new FileSource(path, std::move(fd)));
}

std::optional<qint64> FileSource::size(QString* reason) const {
    struct stat info {};
    if (::fstat(m_fd.get(), &info) != 0) {
        *reason = errnoText(errno);
        return std::nullopt;
    }
    return qint64(info.st_size);
}

std::optional<QByteArray> FileSource::read(qint64 offset, qint64 maxBytes, QString* reason) const {
    QByteArray chunk(maxBytes, Qt::Uninitialized);
    for (;;) {
        const ssize_t n = ::pread(m_fd.get(), chunk.data(), size_t(maxBytes), off_t(offset));
        if (n >= 0) {
            chunk.truncate(n);
            return chunk;
        }
        if (errno != EINTR) {
            *reason = errnoText(errno);
            return std::nullopt;
        }
    }
}

} // namespace sockscope
