#include "recentfilesmenu.h"

#include "opensessionaction.h"
#include "recentfiles.h"
#include "uilog.h"

#include <QDir>
#include <QFileInfo>
#include <QMessageBox>

namespace sockscope {

RecentFilesMenu::RecentFilesMenu(OpenSessionAction* open, QWidget* parent)
    : QMenu(tr("Open Rec&ent"), parent)
    , m_open(open) {
    setObjectName(QStringLiteral("recentFilesMenu"));
    setToolTipsVisible(true);
    refresh();
}

void RecentFilesMenu::refresh() {
    clear();
    const QStringList paths = recentSessions();
    for (qsizetype i = 0; i < paths.size(); ++i) {
        const QString& path = paths.at(i);
        const QFileInfo file(path);
        // "&1 name.jsonl  (folder)": the number is the mnemonic; an & in a
        // file name must not become one.
        QString name = file.fileName();
        name.replace(u'&', QStringLiteral("&&"));
        QString folder = QDir::toNativeSeparators(file.absolutePath());
        folder.replace(u'&', QStringLiteral("&&"));
        QAction* action = addAction(tr("&%1 %2  (%3)").arg(i + 1).arg(name, folder));
        action->setData(path);
        action->setToolTip(QDir::toNativeSeparators(path));
        action->setStatusTip(
            tr("Open %1 read-only in a new window").arg(QDir::toNativeSeparators(path)));
        connect(action, &QAction::triggered, this, [this, path] { openRecent(path); });
    }
    if (paths.isEmpty())
        addAction(tr("No recent sessions"))->setEnabled(false);
    addSeparator();
    QAction* clearList = addAction(tr("&Clear list"));
    clearList->setObjectName(QStringLiteral("clearRecentAction"));
    clearList->setEnabled(!paths.isEmpty());
    // The list is rebuilt when the File menu opens next, never under an
    // action that is being triggered.
    connect(clearList, &QAction::triggered, this, &clearRecentSessions);
}

void RecentFilesMenu::openRecent(const QString& path) {
    if (QFileInfo::exists(path)) {
        m_open->openFile(path);
        return;
    }
    qCWarning(lcUi) << "recent session is gone" << path;
    forgetRecentSession(path);
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Cannot open session"),
                                tr("%1 no longer exists. It was moved, renamed or deleted, and "
                                   "is now removed from the recent sessions.")
                                    .arg(QDir::toNativeSeparators(path)),
                                QMessageBox::Ok, parentWidget());
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace sockscope
