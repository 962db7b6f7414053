#pragma once

#include <QMenu>

namespace sockscope {

class OpenSessionAction;

// File → Open Recent ▸: the recent session files, newest first, then Clear
// list. Built afresh each time its File menu opens, so that every window
// shows what any of them opened, exported or recorded last.
class RecentFilesMenu final : public QMenu {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RecentFilesMenu)
public:
    RecentFilesMenu(OpenSessionAction* open, QWidget* parent);

    void refresh();

private:
    // A file that is gone is said to be gone, and leaves the list.
    void openRecent(const QString& path);

    OpenSessionAction* m_open = nullptr;
};

} // namespace sockscope
