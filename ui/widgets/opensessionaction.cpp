#include "opensessionaction.h"

#include "capture/capturestore.h"
#include "formats/jsonlreader.h"
#include "mainwindow.h"
#include "recentfiles.h"
#include "savedsession.h"
#include "sessionfolder.h"
#include "uilog.h"

#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QMessageBox>
#include <QMimeData>
#include <QScreen>

namespace sockscope {

namespace {
QStringList localFiles(const QMimeData* mime) {
    QStringList paths;
    const QList<QUrl> urls = mime->urls();
    for (const QUrl& url : urls) {
        if (url.isLocalFile())
            paths << url.toLocalFile();
    }
    return paths;
}
} // namespace

OpenSessionAction::OpenSessionAction(QWidget* parent)
    : QAction(QIcon(QStringLiteral(":/icons/open.svg")), tr("&Open session…"), parent)
    , m_dialogParent(parent) {
    setShortcut(QKeySequence::Open);
    setToolTip(tr("Show a saved JSON Lines session, read-only, in a new window (%1)")
                   .arg(shortcut().toString(QKeySequence::NativeText)));
    setStatusTip(tr("Show a saved JSON Lines session, read-only, in a new window"));
    connect(this, &QAction::triggered, this, &OpenSessionAction::run);
    parent->setAcceptDrops(true);
    parent->installEventFilter(this);
}

MainWindow* OpenSessionAction::openFile(const QString& path) {
    QString error;
    qint64 ignoredTail = 0;
    std::unique_ptr<CaptureStore> store = importJsonlSession(path, &error, &ignoredTail);
    if (!store) {
        qCWarning(lcUi) << "cannot open session" << path << error;
        auto* box = new QMessageBox(
            QMessageBox::Warning, tr("Cannot open session"),
            tr("%1 cannot be shown.\n\n%2").arg(QDir::toNativeSeparators(path), error),
            QMessageBox::Ok, m_dialogParent);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
        return nullptr;
    }
    qCInfo(lcUi) << "opened session" << path << store->eventCount() << "events";
    addRecentSession(path);
    // Saved-session windows belong to the first window, so that closing it
    // quits and takes them along, and closing one takes no other with it.
    QWidget* owner = m_dialogParent->window();
    while (owner->parentWidget())
        owner = owner->parentWidget()->window();
    auto* window = new MainWindow(new SavedSession(path, std::move(store), ignoredTail), owner);
    window->setWindowFlag(Qt::Window);
    window->setAttribute(Qt::WA_DeleteOnClose);
    // Offset from the window it came from, so that it is seen to be another,
    // and shrunk by the offset where that would push it off the screen.
    const QWidget* from = m_dialogParent->window();
    const QRect placed = QRect(from->pos() + QPoint(40, 40), from->size())
                             .intersected(from->screen()->availableGeometry());
    window->resize(placed.isEmpty() ? from->size() : placed.size());
    window->move(from->pos() + QPoint(40, 40));
    window->show();
    return window;
}

bool OpenSessionAction::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() == QEvent::DragEnter) {
        auto* enter = static_cast<QDragEnterEvent*>(event);
        if (!localFiles(enter->mimeData()).isEmpty())
            enter->acceptProposedAction();
        return true;
    }
    if (event->type() == QEvent::Drop) {
        auto* drop = static_cast<QDropEvent*>(event);
        const QStringList paths = localFiles(drop->mimeData());
        if (paths.isEmpty())
            return true;
        drop->acceptProposedAction();
        // After the drop has returned, so that the program the files came
        // from is not kept waiting while a large one is indexed. One that is
        // not a session gets Open's own message, naming it and why.
        QMetaObject::invokeMethod(
            this,
            [this, paths] {
                for (const QString& path : paths)
                    openFile(path);
            },
            Qt::QueuedConnection);
        return true;
    }
    return QAction::eventFilter(watched, event);
}

void OpenSessionAction::run() {
    const QString path =
        QFileDialog::getOpenFileName(m_dialogParent, tr("Open session"), sessionFolder(),
                                     tr("SockScope sessions (*.jsonl *.json);;All files (*)"));
    if (path.isEmpty())
        return;
    rememberSessionFolder(path);
    openFile(path);
}

} // namespace sockscope
