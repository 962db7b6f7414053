#include "cli/outputcheck.h"

#include "base/sockaddr.h"
#include "base/uniquefd.h"

#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstdlib>
#include <unistd.h>

namespace sockscope {

namespace {

// A file created and removed again: the only test that tells a read-only
// file system, a full inode table or (as root, who passes access()) an
// immutable folder from a writable one.
int probeFolder(const QString& folder) {
    QByteArray name = QFile::encodeName(folder + QStringLiteral("/.sockscope-check-XXXXXX"));
    const UniqueFd file(::mkstemp(name.data()));
    if (!file.isValid())
        return errno;
    ::unlink(name.constData());
    return 0;
}

} // namespace

QString outputPathProblem(const QString& path) {
    const QFileInfo target(path);
    if (target.isDir())
        return QStringLiteral("'%1' is a folder").arg(path);
    if (target.exists() && !target.isFile())
        return QStringLiteral("'%1' is not a regular file").arg(path);
    const QString folder = target.absolutePath();
    const QFileInfo folderInfo(folder);
    if (!folderInfo.exists())
        return QStringLiteral("cannot write '%1': the folder '%2' does not exist: %3")
            .arg(path, folder, errnoText(ENOENT));
    if (!folderInfo.isDir())
        return QStringLiteral("cannot write '%1': '%2' is not a folder: %3")
            .arg(path, folder, errnoText(ENOTDIR));
    if (const int error = probeFolder(folder); error != 0)
        return QStringLiteral("cannot write '%1': cannot create a file in '%2': %3")
            .arg(path, folder, errnoText(error));
    if (target.exists() && ::access(QFile::encodeName(path).constData(), W_OK) != 0)
        return QStringLiteral("cannot write '%1': %2").arg(path, errnoText(errno));
    return {};
}

QString commandLineOutputProblem(const CommandLine& commandLine) {
    if (!commandLine.recordPath.isEmpty()) {
        if (const QString problem = outputPathProblem(commandLine.recordPath); !problem.isEmpty())
            return QStringLiteral("--record: ") + problem;
    }
    if (commandLine.headless && !commandLine.exportPath.isEmpty()) {
        if (const QString problem = outputPathProblem(commandLine.exportPath); !problem.isEmpty())
            return QStringLiteral("--export: ") + problem;
    }
    return {};
}

} // namespace sockscope
