#include "shortcutsdialog.h"

#include "userguidewindow.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace sockscope {

namespace {
// "&Listen…" -> "Listen…"; "&&" stays one "&".
QString plainText(QString text) {
    text.replace(QStringLiteral("&&"), QStringLiteral("\x01"));
    text.remove(u'&');
    text.replace(u'\x01', u'&');
    return text;
}
} // namespace

ShortcutsDialog::ShortcutsDialog(QMainWindow* window)
    : QDialog(window)
    , m_list(new QTreeWidget(this)) {
    setWindowTitle(tr("Keyboard shortcuts"));
    m_list->setObjectName(QStringLiteral("shortcutList"));
    m_list->setColumnCount(3);
    m_list->setHeaderLabels({tr("Action"), tr("Keys"), tr("Menu")});
    m_list->setRootIsDecorated(false);
    m_list->setAlternatingRowColors(true);
    m_list->setAccessibleName(tr("Keyboard shortcuts"));
    const QList<QAction*> menus = window->menuBar()->actions();
    for (const QAction* action : menus) {
        if (action->menu())
            addMenu(action->menu(), plainText(action->text()));
    }
    m_list->header()->setSectionResizeMode(QHeaderView::ResizeToContents);

    auto* more = new QLabel(
        tr("Keys that belong to one place, such as Ctrl+Return in the send box or Shift+F10 "
           "on a row, are in the user guide's <a href=\"%1\">Keyboard</a> section.")
            .arg(UserGuideWindow::guideUrl().toString() + QStringLiteral("#keyboard")),
        this);
    more->setWordWrap(true);
    connect(more, &QLabel::linkActivated, this,
            [this](const QString& link) { Q_EMIT guideRequested(QUrl(link)); });

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_list, 1);
    layout->addWidget(more);
    layout->addWidget(buttons);
    resize(560, 480);
}

void ShortcutsDialog::addMenu(const QMenu* menu, const QString& path) {
    const QList<QAction*> actions = menu->actions();
    for (const QAction* action : actions) {
        if (action->menu()) {
            addMenu(action->menu(), tr("%1 → %2").arg(path, plainText(action->text())));
            continue;
        }
        QStringList keys;
        const QList<QKeySequence> shortcuts = action->shortcuts();
        for (const QKeySequence& shortcut : shortcuts)
            keys << shortcut.toString(QKeySequence::NativeText);
        if (keys.isEmpty())
            continue;
        new QTreeWidgetItem(m_list, {plainText(action->text()), keys.join(tr(", ")), path});
    }
}

} // namespace sockscope
