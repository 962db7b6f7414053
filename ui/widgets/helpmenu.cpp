#include "helpmenu.h"

#include "aboutdialog.h"
#include "shortcutsdialog.h"
#include "userguidewindow.h"

#include <QMainWindow>

namespace sockscope {

HelpMenu::HelpMenu(QMainWindow* window)
    : QMenu(tr("&Help"), window)
    , m_window(window) {
    setObjectName(QStringLiteral("helpMenu"));
    QAction* guide =
        addAction(tr("&User guide"), this, [this] { showGuide(UserGuideWindow::guideUrl()); });
    guide->setObjectName(QStringLiteral("userGuideAction"));
    guide->setShortcut(QKeySequence::HelpContents);
    guide->setStatusTip(tr("Read how to use SockScope, step by step"));

    QAction* shortcuts = addAction(tr("&Keyboard shortcuts"), this, [this] {
        auto* dialog = new ShortcutsDialog(m_window);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &ShortcutsDialog::guideRequested, this, &HelpMenu::showGuide);
        dialog->open();
    });
    shortcuts->setObjectName(QStringLiteral("shortcutsAction"));
    shortcuts->setStatusTip(tr("List the keys of every menu item"));

    addSeparator();
    QAction* about = addAction(tr("&About SockScope"), this, [this] {
        auto* dialog = new AboutDialog(m_window);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &AboutDialog::guideRequested, this, &HelpMenu::showGuide);
        dialog->open();
    });
    about->setObjectName(QStringLiteral("aboutAction"));
    about->setMenuRole(QAction::AboutRole);
    about->setStatusTip(tr("The version, the Qt version and the license"));
}

UserGuideWindow* HelpMenu::showGuide(const QUrl& page) {
    if (!m_guide) {
        m_guide = new UserGuideWindow(m_window);
        m_guide->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_guide->showPage(page);
    m_guide->show();
    m_guide->raise();
    m_guide->activateWindow();
    return m_guide;
}

} // namespace sockscope
