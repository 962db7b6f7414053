#pragma once

#include <QAction>

namespace sockscope {

class MainWindow;

// File → Open session…: reads a JSON Lines export and shows it read-only in
// a window of its own, while the live session goes on in the first window.
// Session files dropped on the window open the same way, each in its own.
class OpenSessionAction final : public QAction {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OpenSessionAction)
public:
    explicit OpenSessionAction(QWidget* parent);

    // The new window, or null after telling the user why the file cannot be
    // shown (naming the file and the line). A damaged file shows nothing at
    // all, rather than a part that looks complete.
    MainWindow* openFile(const QString& path);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void run();

    QWidget* m_dialogParent = nullptr;
};

} // namespace sockscope
