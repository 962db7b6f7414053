#include "recentfiles.h"

#include <QFileInfo>
#include <QSettings>

namespace sockscope {

namespace {
const QString kKey = QStringLiteral("recentSessions");

void store(const QStringList& paths) {
    QSettings().setValue(kKey, paths);
}
} // namespace

QStringList recentSessions() {
    return QSettings().value(kKey).toStringList();
}

void addRecentSession(const QString& path) {
    // One spelling per file, so that the same file never shows twice.
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList paths = recentSessions();
    paths.removeAll(absolute);
    paths.prepend(absolute);
    store(paths.mid(0, kMaxRecentSessions));
}

void forgetRecentSession(const QString& path) {
    QStringList paths = recentSessions();
    paths.removeAll(path);
    store(paths);
}

void clearRecentSessions() {
    store({});
}

} // namespace sockscope
