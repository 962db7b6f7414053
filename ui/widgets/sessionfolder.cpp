#include "sessionfolder.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

namespace sockscope {

namespace {
const QString kLastFolderKey = QStringLiteral("sessions/lastFolder");

QString defaultFolder() {
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (documents.isEmpty())
        return QDir::homePath();
    const QString ours = QDir(documents).filePath(QStringLiteral("SockScope"));
    // Created only when a dialog is about to show it; a read-only home
    // still gets a usable starting point.
    return QDir().mkpath(ours) ? ours : documents;
}
} // namespace

QString sessionFolder() {
    const QString last = QSettings().value(kLastFolderKey).toString();
    if (!last.isEmpty() && QFileInfo(last).isDir())
        return last;
    return defaultFolder();
}

void rememberSessionFolder(const QString& filePath) {
    QSettings().setValue(kLastFolderKey, QFileInfo(filePath).absolutePath());
}

QString suggestedSessionFileName(const QString& suffix) {
    return QStringLiteral("session-%1.%2")
        .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss")), suffix);
}

} // namespace sockscope
