#pragma once

#include <QDialog>

class QMainWindow;
class QMenu;
class QTreeWidget;

namespace sockscope {

// Help → Keyboard shortcuts: every shortcut of the window's menus, read from
// its actions when the dialog opens, so the list cannot go stale.
class ShortcutsDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ShortcutsDialog)
public:
    explicit ShortcutsDialog(QMainWindow* window);

Q_SIGNALS:
    // The guide's Keyboard section, for the keys that are not menu items.
    void guideRequested(const QUrl& url);

private:
    void addMenu(const QMenu* menu, const QString& path);

    QTreeWidget* m_list = nullptr;
};

} // namespace sockscope
