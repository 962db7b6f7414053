#pragma once

#include <QMenu>
#include <QPointer>

class QMainWindow;

namespace sockscope {

class UserGuideWindow;

// Help: the user guide (F1), built into the program so that it works
// offline; the keyboard shortcuts, read from the window's own menus; About.
class HelpMenu final : public QMenu {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HelpMenu)
public:
    explicit HelpMenu(QMainWindow* window);

    // One guide window per main window, raised if it is already open.
    UserGuideWindow* showGuide(const QUrl& page);

private:
    QMainWindow* m_window = nullptr;
    QPointer<UserGuideWindow> m_guide;
};

} // namespace sockscope
