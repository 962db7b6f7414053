#pragma once

#include "base/uniquefd.h"

#include <QByteArray>
#include <QString>

#include <memory>
#include <optional>

namespace sockscope {

// A file to send (--send-file, --respond reply:FILE, the window's send
// box), opened once and read in chunks by any number of FileStreams, each
// with its own position: a reply listener with 1,000 connections holds one
// descriptor and no copy of the file. Reads are pread(), so streams on
// several threads may share it.
//
// Only regular files: /dev/zero never ends, and a FIFO blocks its reader
// (opening it waits for a writer). Both are refused when opened, before
// anything blocks: the open is non-blocking and the type is checked on the
// descriptor, so a file swapped for a FIFO meanwhile is refused too.
class FileSource final {
public:
    FileSource(const FileSource&) = delete;
    FileSource& operator=(const FileSource&) = delete;

    // Null with *reason (no file name in it, e.g. "No such file or
    // directory (ENOENT)" or "it is a FIFO (named pipe), not a regular
    // file") when the file cannot be read.
    static std::shared_ptr<const FileSource> open(const QString& path, QString* reason);

    QString path() const { return m_path; }
    // The size now: a file may change between two connections.
    std::optional<qint64> size(QString* reason) const;
    // Up to maxBytes from offset; empty at the end of the file.
    std::optional<QByteArray> read(qint64 offset, qint64 maxBytes, QString* reason) const;

private:
    FileSource(const QString& path, UniqueFd fd);

    QString m_path;
    UniqueFd m_fd;
};

} // namespace sockscope
